/**
 * Helpers the format modules share: turning a source into a `Parsed`, unwrapping exchange
 * response envelopes, and the OHLC consistency check.
 */
import { error, positive } from "../../util/errors";
import { columnLabel, drop, fileOf, newParsed, num, reference, type FieldSpec, type Parsed } from "../fields";
import { readCsv } from "../csv-rows";
import { pickedFrom, readJsonRows } from "../json-rows";
import { finish, type LoadOptions, type Loaded } from "../finish";
import { elementLine, isJsonLines, lineOf, parseJson, parseJsonLines } from "../json";
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
  checkOptions(options, st.file);
  return inEntries(st, () => finish(reader(st, options), options, key));
}

/**
 * Checks the options several loaders share, before any row is read (`loadWith` and `load()` /
 * `loadFiles()` call it, so every loader that takes them does): `contractUsd`, USD per COIN-M
 * contract, must be a finite number > 0 (0 or a negative size would turn contracts into 0 or
 * negative USD); `symbol` must be a string. Each error names the option and its value.
 */
export function checkOptions(options: LoadOptions & { contractUsd?: unknown; symbol?: unknown }, file: string): void {
  if (options.contractUsd !== undefined) positive(options.contractUsd, "the contractUsd option (USD per COIN-M contract)", { file, column: "contractUsd" });
  if (options.symbol !== undefined && typeof options.symbol !== "string") throw error('the symbol option must be a string (e.g. "BTCUSDT")', { file, column: "symbol", value: options.symbol });
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
  checkEnvelope(v, file); // an error response saved in place of the data says so, not "no rows"
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

/**
 * Throws when the file holds an exchange's error response instead of data (Bybit `retCode`,
 * OKX/Coinglass `code`, Binance `{ code: -1121, msg }`), quoting the exchange's message.
 */
export function checkEnvelope(v: unknown, file: string): void {
  const ret = prop(v, "retCode");
  if (ret !== undefined && ret !== 0 && ret !== "0") throw envelopeError(v, prop(v, "retMsg"), file, "retCode", ret);
  const code = prop(v, "code");
  if (code !== undefined && code !== 0 && code !== "0" && code !== 200) throw envelopeError(v, prop(v, "msg"), file, "code", code);
}

/** The error for an exchange's error response `v`, at the line its object starts on. */
function envelopeError(v: unknown, msg: unknown, file: string, column: string, code: unknown) {
  const quoted = msg === undefined ? "(no message)" : JSON.stringify(msg);
  return error(`the file holds the exchange's error response, not data: ${quoted}`, { file, line: lineOf(v), column, value: code });
}

/** Options of loaders whose files may hold rows of several instruments. */
export interface InstrumentOptions extends LoadOptions {
  /** Keep only this instrument (a Binance `symbol`, an OKX `instId`; any case). Default: the file's only one. */
  symbol?: string;
}

/** How rows name their instrument: a key (`symbol`, `instId`, `pair`), or a label and a function. */
export type InstrumentKey = string | { column: string; of: (row: unknown) => unknown };

/**
 * The rows of one instrument, named by each row's `key` (`symbol`, `instId`, `pair`). A response
 * requested without its symbol (Binance `/fapi/v1/fundingRate`, OKX
 * `/public/open-interest?instType=SWAP`) holds every instrument's rows, which one series would
 * interleave. As the force-order loader does: with `symbol` the other rows are dropped and
 * counted (a symbol that matches no row is refused, naming the ones there); without it a file
 * naming two instruments is refused, at the first row of the second. A file whose rows name no
 * instrument is kept whole. `lines` (the kept rows' lines) is returned when rows were picked.
 */
export function pickInstrument(p: Parsed, rows: readonly unknown[], key: InstrumentKey, symbol: string | undefined): { rows: readonly unknown[]; lines?: number[] } {
  const of = typeof key === "string" ? (r: unknown) => prop(r, key) : key.of;
  const column = typeof key === "string" ? key : key.column;
  if (symbol === undefined || !rows.some((r) => of(r) !== undefined)) {
    checkOneInstrument(p.file, rows, of, column);
    return { rows };
  }
  const want = symbol.toUpperCase();
  const kept: unknown[] = [], lines: number[] = [], index: number[] = [];
  rows.forEach((r, i) => {
    if (instrumentName(of(r)).toUpperCase() === want) { kept.push(r); lines.push(elementLine(rows, i)); index.push(i); } else drop(p, `other instrument than ${want}`, elementLine(rows, i));
  });
  // errors in a one-line file then name a row by its place among the file's rows (`row 5 of 6`)
  pickedFrom(kept, rows, index);
  if (kept.length === 0) {
    const there = [...new Set(rows.map(of).filter((x) => x !== undefined).map(instrumentName))];
    throw error(`no rows for ${want}: the file holds ${there.slice(0, 5).join(", ")}${there.length > 5 ? ", …" : ""}`, { file: p.file, column, value: symbol });
  }
  return { rows: kept, lines };
}

/** An instrument value as text: a string or number as it is, anything else (an object) as its JSON. */
function instrumentName(x: unknown): string {
  return typeof x === "string" || typeof x === "number" ? String(x) : JSON.stringify(x) ?? String(x);
}

/**
 * Throws when the rows name two instruments, at the first row that differs from the typical one
 * (that of the first rows, two outvoting one: an odd first row is the one named).
 */
function checkOneInstrument(file: string, rows: readonly unknown[], of: (row: unknown) => unknown, column: string): void {
  const named: number[] = [];
  for (let i = 0; i < rows.length && named.length < 3; i++) if (of(rows[i]) !== undefined) named.push(i);
  if (named.length === 0) return;
  const a = reference(named.length, (k) => instrumentName(of(rows[named[k]!])));
  const at = rows.findIndex((r) => { const s = of(r); return s !== undefined && instrumentName(s) !== a; });
  if (at < 0) return;
  const typicalAt = rows.findIndex((r) => of(r) !== undefined && instrumentName(of(r)) === a);
  const b = of(rows[at]);
  throw error(`rows for several instruments (${a} on line ${elementLine(rows, typicalAt)}, ${instrumentName(b)} on line ${elementLine(rows, at)}): pass { symbol } to load one`, { file, line: elementLine(rows, at), column, value: b });
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
