/**
 * Where loader input comes from: a path (`.csv`, `.json`, `.jsonl`, `.zip`), or in-memory
 * content `{ text, name }` / `{ bytes, name }` (the simulator hands its generated files over this
 * way). Zips are unpacked in memory; a `<file>.zip.CHECKSUM` beside a zip is verified.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { error } from "../util/errors";
import { unzipEntries, verifyChecksum } from "./zip";

/** Loader input: a file path or in-memory content with a file name (the name drives detection). */
export type Source = string | { text: string; name: string } | { bytes: Uint8Array; name: string };

/** Decoded input. */
export interface SourceText {
  /** Label for messages: the path, or `archive.zip:entry.csv`. */
  file: string;
  /** The entry's own name (used for format detection). */
  name: string;
  text: string;
  notes: string[];
}

const decoder = new TextDecoder("utf-8");

function decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Reads a source to text, unzipping and verifying checksums. */
export function readSource(src: Source): SourceText {
  const notes: string[] = [];
  let file: string, bytes: Uint8Array | undefined, text: string | undefined;
  if (typeof src === "string") {
    file = src;
    if (!existsSync(src)) throw error("file not found", { file: src });
    bytes = readFileSync(src);
  } else if ("text" in src) {
    file = src.name;
    text = src.text;
  } else {
    file = src.name;
    bytes = src.bytes;
  }
  const name = basename(file);
  if (!/\.zip$/i.test(name)) return { file, name, text: text ?? decode(bytes!), notes };
  if (!bytes) throw error("a .zip source needs bytes, not text", { file });
  if (typeof src === "string" && existsSync(src + ".CHECKSUM")) {
    verifyChecksum(bytes, readFileSync(src + ".CHECKSUM", "utf8"), file);
    notes.push("sha256 matches the .CHECKSUM file");
  }
  const entries = unzipEntries(bytes, file).filter((e) => !/\.CHECKSUM$/i.test(e.name));
  if (entries.length === 0) throw error("zip archive has no files", { file });
  if (entries.length > 1) notes.push(`zip holds ${entries.length} files; read in name order as one table`);
  const first = entries[0]!;
  return {
    file: `${file}:${first.name}`,
    name: basename(first.name),
    text: entries.map((e) => decode(e.data)).join("\n"),
    notes,
  };
}
