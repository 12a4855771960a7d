/**
 * Helpers the format modules share: turning a source into a `Parsed`, unwrapping exchange
 * response envelopes, and the OHLC consistency check.
 */
import { error } from "../../util/errors";
import { columnLabel, fileOf, newParsed, num, type FieldSpec, type Parsed } from "../fields";
import { readCsv } from "../csv-rows";
import { readJsonRows } from "../json-rows";
import { finish, type LoadOptions, type Loaded } from "../finish";
import { isJsonLines, lineOf, parseJson, parseJsonLines } from "../json";
import type { DataKind } from "../schema";
import { inEntries, readSource, type Source, type SourceText } from "../source";

/** A format: how to turn decoded text into parsed rows. */
export type FormatReader = (st: SourceText, options: LoadOptions) => Parsed;

/** Starts a `Parsed` for a source, carrying its notes (checksum, zip). */
export function start(st: SourceText, format: string, kind: DataKind): Parsed {
  const p = newParsed(st.file, format, kind);
  p.notes.push(...st.notes);
  return p;
}

/**
 * Reads a Binance archive CSV, or the matching REST JSON (an array of rows, bare or under
 * `data`), as format `${name}-csv` / `${name}-json`.
 */
export function readCsvOrJson(st: SourceText, name: string, kind: DataKind, csvFields: readonly FieldSpec[], jsonFields: readonly FieldSpec[] = csvFields, csvWidths?: readonly number[]): Parsed {
  if (looksJson(st.text)) {
    const p = start(st, `${name}-json`, kind);
    readJsonRows(p, rowsAt(json(st), ["data"], st.file), jsonFields);
    return p;
  }
  const p = start(st, `${name}-csv`, kind);
  readCsv(p, st.text, csvFields, csvWidths);
  return p;
}

/** Runs a reader on a source and finishes the table (sort, dedupe, interval, report). */
export function loadWith(reader: FormatReader, src: Source, options: LoadOptions = {}, key?: readonly string[]): Loaded {
  const st = readSource(src);
  return inEntries(st, () => finish(reader(st, options), options, key));
}

/**
 * Parses the source's JSON (cached on the object so detection and reading parse once). JSON Lines
 * (a `.jsonl` name, or a first line that is a whole value with more lines after it) read as the
 * array of the lines' values, each row remembering its own line.
 */
export function json(st: SourceText): unknown {
  const s = st as SourceText & { json?: unknown };
  if (!("json" in s)) s.json = /\.jsonl$/i.test(st.name) || isJsonLines(st.text) ? parseJsonLines(st.text, st.file) : parseJson(st.text, st.file);
  return s.json;
}

/** Property `key` of an object, or undefined. */
export function prop(v: unknown, key: string): unknown {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;
}

/**
 * The row array at a path inside an envelope (e.g. `result.list`), also found when the file holds
 * only the inner part (`{ list }`), or the value itself if it is an array.
 */
export function rowsAt(v: unknown, path: readonly string[], file: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (path.length === 0) throw error("expected a JSON array of rows", { file, line: lineOf(v), column: "(top level)", value: v });
  for (let s = 1; s < path.length; s++) {
    let cur: unknown = v;
    for (const k of path.slice(s)) cur = prop(cur, k);
    if (Array.isArray(cur) && prop(v, path[0]!) === undefined) return cur;
  }
  let cur: unknown = v;
  for (const k of path) {
    const next = prop(cur, k);
    if (next === undefined) throw error(`expected a JSON array or an object with "${path.join(".")}"`, { file, line: lineOf(cur), column: k, value: cur });
    cur = next;
  }
  if (!Array.isArray(cur)) throw error(`"${path.join(".")}" is not an array`, { file, line: lineOf(cur), column: path[path.length - 1]!, value: cur });
  return cur;
}

/** Throws when an exchange envelope reports an error (Bybit retCode, OKX/Coinglass code). */
export function checkEnvelope(v: unknown, file: string): void {
  const ret = prop(v, "retCode");
  if (ret !== undefined && ret !== 0 && ret !== "0") throw error(`exchange returned an error: ${String(prop(v, "retMsg") ?? "")}`, { file, line: 1, column: "retCode", value: ret });
  const code = prop(v, "code");
  if (code !== undefined && code !== 0 && code !== "0" && code !== 200) throw error(`exchange returned an error: ${String(prop(v, "msg") ?? "")}`, { file, line: 1, column: "code", value: code });
}

/** Throws unless low ≤ open, close ≤ high on every row (a candle that cannot exist). */
export function checkOhlc(p: Parsed): void {
  const o = num(p, "open"), h = num(p, "high"), l = num(p, "low"), c = num(p, "close");
  for (let i = 0; i < p.n; i++) {
    const lo = l[i]!, hi = h[i]!;
    const at = (column: string, value: number) => ({ file: fileOf(p, i), line: p.lines[i]!, column: columnLabel(p, column), value });
    if (hi < lo) throw error("high is below low", at("high", hi));
    if (o[i]! < lo || o[i]! > hi) throw error("open is outside the bar's low..high range", at("open", o[i]!));
    if (c[i]! < lo || c[i]! > hi) throw error("close is outside the bar's low..high range", at("close", c[i]!));
  }
}

/** Looks like JSON (first non-blank character). */
export function looksJson(text: string): boolean {
  const m = /\S/.exec(text);
  return m !== null && (m[0] === "{" || m[0] === "[");
}
