/**
 * Zip archives as Binance publishes them (one CSV per zip) and their `.CHECKSUM` files
 * (`<sha256 hex>  <file name>`). Entries with absolute paths or `..` segments are refused: an
 * archive must never name a file outside the folder it is unpacked into.
 */
import { createHash } from "node:crypto";
import { unzipSync } from "fflate";
import { error } from "../util/errors";

/** True when a zip entry name is safe to extract below a folder. */
export function isSafeEntryName(name: string): boolean {
  if (name === "" || name.includes("\0")) return false;
  if (name.startsWith("/") || name.startsWith("\\") || /^[A-Za-z]:/.test(name)) return false;
  return !name.split(/[\\/]/).some((s) => s === "..");
}

/** The file entries of a zip (directories skipped), refusing unsafe names. */
export function unzipEntries(bytes: Uint8Array, file: string): { name: string; data: Uint8Array }[] {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    throw error(`not a readable zip archive (${e instanceof Error ? e.message : String(e)})`, { file });
  }
  const out: { name: string; data: Uint8Array }[] = [];
  for (const name of Object.keys(entries).sort()) {
    if (!isSafeEntryName(name)) throw error("unsafe zip entry name (absolute path or '..'): refused", { file, value: name });
    if (name.endsWith("/")) continue;
    out.push({ name, data: entries[name]! });
  }
  return out;
}

/** sha256 of bytes, lower-case hex. */
export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The hash in a `.CHECKSUM` file's text (first 64-hex token). */
export function parseChecksum(text: string, file: string): string {
  const m = /\b([0-9a-fA-F]{64})\b/.exec(text);
  if (!m) throw error("checksum file has no sha256 hash", { file, line: 1, value: text.slice(0, 80) });
  return m[1]!.toLowerCase();
}

/** Throws unless `bytes` hash to the hash in `checksumText`. */
export function verifyChecksum(bytes: Uint8Array, checksumText: string, file: string): void {
  const want = parseChecksum(checksumText, file + ".CHECKSUM");
  const got = sha256(bytes);
  if (got !== want) throw error(`checksum mismatch: file hashes to ${got}, .CHECKSUM says ${want}`, { file, value: got });
}
