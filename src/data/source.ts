/**
 * Where loader input comes from: a path (`.csv`, `.json`, `.jsonl`, `.zip`), or in-memory
 * content `{ text, name }` / `{ bytes, name }` (the simulator hands its generated files over this
 * way). Zips are unpacked in memory; a `<file>.zip.CHECKSUM` beside a zip is verified.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { error } from "../util/errors";
import { unzipEntries, verifyChecksum } from "./zip";

/**
 * Loader input: a file path, in-memory content with a file name (the name helps detection), or
 * bare bytes (a Buffer), read as `data` with the format detected from the contents.
 */
export type Source = string | { text: string; name?: string } | { bytes: Uint8Array; name?: string } | Uint8Array;

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
  } else if (src instanceof Uint8Array) {
    file = "data";
    bytes = src;
  } else if (typeof src === "object" && src !== null && typeof (src as { text?: unknown }).text === "string") {
    file = (src as { name?: string }).name ?? "data";
    text = (src as { text: string }).text;
  } else if (typeof src === "object" && src !== null && (src as { bytes?: unknown }).bytes instanceof Uint8Array) {
    file = (src as { name?: string }).name ?? "data";
    bytes = (src as { bytes: Uint8Array }).bytes;
  } else {
    throw error("expected a file path, { text, name } or { bytes, name }", { value: src });
  }
  const name = basename(file);
  const zipped = bytes !== undefined && bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
  if (!/\.zip$/i.test(name) && !zipped) return { file, name, text: text ?? decode(bytes!), notes };
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
