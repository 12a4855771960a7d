/**
 * Where loader input comes from: a path (`.csv`, `.json`, `.jsonl`, `.zip`, or any of these
 * gzipped as `.gz`), or in-memory content `{ text, name }` / `{ bytes, name }` (the simulator
 * hands its generated files over this way). Zips and gzip files are unpacked in memory; a
 * `<file>.CHECKSUM` beside a file is verified on the file's own bytes.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { gunzipSync } from "fflate";
import { error, LiqlabError, type ErrorContext } from "../util/errors";
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
  /** A zip of several files read as one text: each entry's label and its first line in `text`. */
  parts?: { file: string; firstLine: number }[];
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
    if (statSync(src).isDirectory()) throw error("is a directory, not a file: load() reads one file; pass the files in it to loadFiles()", { file: src });
    bytes = readFileSync(src);
    // A `<file>.CHECKSUM` beside the file (Binance publishes one per zip) is checked on the bytes
    // as downloaded, before anything is unpacked.
    if (existsSync(src + ".CHECKSUM")) {
      verifyChecksum(bytes, readFileSync(src + ".CHECKSUM", "utf8"), file);
      notes.push("sha256 matches the .CHECKSUM file");
    }
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
  let name = basename(file);
  // gzip (RFC 1952: bytes 1f 8b, method 8 = deflate), as vendors publish .csv.gz: unpacked first,
  // then read as the file it holds, named without ".gz" so detection sees "x.csv" (or "x.zip").
  const gzipped = bytes !== undefined && bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 8;
  if (bytes !== undefined && (gzipped || /\.gz$/i.test(name))) {
    if (!gzipped) throw error("named .gz but not gzip data (no 1f 8b 08 signature)", { file });
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw error(`not a readable gzip file (${e instanceof Error ? e.message : String(e)})`, { file });
    }
    name = name.replace(/\.gz$/i, "");
    notes.push("gunzipped");
  }
  const zipped = bytes !== undefined && bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
  if (!/\.zip$/i.test(name) && !zipped) return { file, name, text: text ?? decode(bytes!), notes };
  if (!bytes) throw error("a .zip source needs bytes, not text", { file });
  const entries = unzipEntries(bytes, file).filter((e) => !/\.CHECKSUM$/i.test(e.name));
  if (entries.length === 0) throw error("zip archive has no files", { file });
  if (entries.length > 1) notes.push(`zip holds ${entries.length} files; read in name order as one table`);
  const first = entries[0]!;
  if (entries.length === 1) return { file: `${file}:${first.name}`, name: basename(first.name), text: decode(first.data), notes };
  const parts: { file: string; firstLine: number }[] = [];
  const texts: string[] = [];
  let line = 1;
  for (const e of entries) {
    const t = decode(e.data);
    parts.push({ file: `${file}:${e.name}`, firstLine: line });
    texts.push(t);
    // the entry's lines, plus the line break that joins it to the next
    for (let i = t.indexOf("\n"); i >= 0; i = t.indexOf("\n", i + 1)) line++;
    line++;
  }
  return { file: `${file}:${first.name}`, name: basename(first.name), text: texts.join("\n"), notes, parts };
}

/**
 * Runs `read` over a source's text. An error at a line of a zip's joined entries is thrown again
 * naming the entry that holds that line and the line within it, as an editor shows the entry.
 */
export function inEntries<T>(st: SourceText, read: () => T): T {
  if (!st.parts) return read();
  try {
    return read();
  } catch (e) {
    if (!(e instanceof LiqlabError) || e.line === undefined || e.file !== st.file) throw e;
    const parts = st.parts;
    let k = parts.length - 1;
    while (k > 0 && parts[k]!.firstLine > e.line) k--;
    const context: ErrorContext = { file: parts[k]!.file, line: e.line - parts[k]!.firstLine + 1 };
    if (e.symbol !== undefined) context.symbol = e.symbol;
    if (e.column !== undefined) context.column = e.column;
    if ("value" in e) context.value = e.value;
    throw new LiqlabError(e.detail, context);
  }
}
