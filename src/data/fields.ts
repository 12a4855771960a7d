/**
 * Field specs and the column buffers the two row readers (csv-rows.ts, json-rows.ts) share. A
 * format lists its fields once — canonical output name, value type, accepted CSV header names,
 * JSON key — and the readers fill typed columns, validating every value. Bad values throw
 * through the one error helper naming file, line, column and value; nothing becomes NaN.
 */
import { parseBoolText } from "./csv";
import type { DataKind } from "./schema";
import { INVISIBLE_CHARS } from "../util/errors";

/**
 * How a value is checked: `time` epoch (s/ms/µs/ns) or UTC date text; `price` finite > 0;
 * `amount` finite ≥ 0; `number` finite; `count` integer ≥ 0; `side` BUY/SELL (or long/short)
 * → the side liquidated; `bool` true/false/1/0.
 */
export type ValueType = "time" | "price" | "amount" | "number" | "count" | "side" | "bool";

export interface FieldSpec {
  /** Output column name (canonical, or an auxiliary name a format post-processes and drops). */
  out: string;
  /** Value check. */
  type: ValueType;
  /** CSV header names accepted (case-insensitive); the first is the name used in messages. */
  names: readonly string[];
  /** Position in a header-less CSV (Binance archive layout); absent = header required. */
  index?: number;
  /** Key (object rows) or index (array rows) in JSON. */
  key?: string | number;
  /** The column may be absent from the file; when present every row must have it. */
  optional?: boolean;
  /**
   * An empty cell leaves this (secondary) column out of the table, with a note saying where the
   * blanks were, instead of failing or dropping the row: the other columns stay complete.
   */
  emptyOmits?: boolean;
  /**
   * An empty cell reads as `value`, with a note in the report saying where and `meaning` (e.g.
   * a blank liquidation total is "no liquidations recorded": 0). `value` NaN marks the row for
   * the format to leave out of one table (it must remove every NaN before the table is built).
   */
  emptyAs?: { value: number; meaning: string };
}

export type Column = Float64Array | string[] | boolean[];

/** Rows read from one file, before sorting and de-duplication (see finish.ts). */
export interface Parsed {
  file: string;
  format: string;
  kind: DataKind;
  /** Number of kept rows; columns may be longer (capacity). */
  n: number;
  columns: Map<string, Column>;
  /** Source line of each row, for errors found after reading (order, intervals). */
  lines: Int32Array;
  /** Data rows seen in the file (header and blank lines excluded). */
  rowsRead: number;
  /** Rows dropped while reading, by reason: count, the first few line numbers (and their files when several). */
  dropped: Map<string, { count: number; lines: number[]; files?: string[] }>;
  /** Facts worth a line in the report (timestamp units, header detection, checksum...). */
  notes: string[];
  /** When rows come from several files (loadFiles): the files, and each row's index into them. */
  files?: string[];
  rowFile?: Uint16Array;
  /**
   * Each row's value is its bar's CLOSE (Coinglass open-interest OHLC): `finish` adds `closeTime`
   * (open + interval − 1 ms), when the value became known, which the replay aligns by.
   */
  valueAtClose?: boolean;
  /** The one instrument the rows are of (a metrics file's `symbol`), when the loader knows it: loadFiles refuses two. */
  instrument?: string;
  /**
   * The interval passed to `finish` is the file's own, measured on other columns of the same rows
   * (the combined export's candles for its open-interest rows, some of them blank): it is not
   * checked against this part's steps.
   */
  intervalOfFile?: boolean;
  /** The file's own header name of each column read from a CSV header (`price_high` for `high`), for errors found after reading. */
  headers?: Map<string, string>;
}

/** A column as the file names it (its header), else its canonical name: what errors after reading say. */
export function columnLabel(p: Parsed, column: string): string {
  return p.headers?.get(column) ?? column;
}

/** The file row `i` came from. */
export function fileOf(p: Parsed, i: number): string {
  return p.files && p.rowFile ? p.files[p.rowFile[i]!]! : p.file;
}

/**
 * The value rows share, judged from the first three: row 0's, unless rows 1 and 2 agree on another
 * (then row 0 is the odd one, and a check against the reference blames row 0's line, not row 1's).
 */
export function reference<T>(n: number, at: (i: number) => T): T {
  const a = at(0);
  if (n < 3) return a;
  const b = at(1);
  return a !== b && b === at(2) ? b : a;
}

export function newParsed(file: string, format: string, kind: DataKind): Parsed {
  return { file, format, kind, n: 0, columns: new Map(), lines: new Int32Array(0), rowsRead: 0, dropped: new Map(), notes: [] };
}

/** Records a dropped row under `reason` (with its file when rows come from several files). */
export function drop(p: Parsed, reason: string, line: number, count = 1, file?: string): void {
  const d = p.dropped.get(reason) ?? { count: 0, lines: [] };
  d.count += count;
  if (d.lines.length < 5) {
    d.lines.push(line);
    if (file !== undefined) (d.files ??= []).push(file);
  }
  p.dropped.set(reason, d);
}

/** Numeric column `name` (throws if absent: a bug in a format, not bad input). */
export function num(p: Parsed, name: string): Float64Array {
  const c = p.columns.get(name);
  if (!(c instanceof Float64Array)) throw new Error(`internal: no numeric column ${name}`);
  return c;
}

/** Header names compare without case, spaces, `_` or `-`: "Open time" = "open_time" = "openTime". */
export function normalizeName(s: string): string {
  return s.trim().toLowerCase().replace(/[\s_\-.]+/g, "");
}

export const MESSAGES: Record<ValueType, string> = {
  time: "is not a time (expected epoch s/ms/µs/ns or a UTC date)",
  price: "must be a positive number",
  amount: "must be a non-negative number",
  number: "is not a number",
  count: "must be a non-negative integer",
  side: "must be BUY or SELL",
  bool: "must be true or false",
};

/** Names of the invisible characters most often pasted into numbers and dates. */
const INVISIBLE_NAMES: Record<number, string> = {
  0x0009: "tab", 0x00a0: "no-break space", 0x00ad: "soft hyphen", 0x2002: "en space", 0x2003: "em space", 0x2007: "figure space", 0x2009: "thin space", 0x200b: "zero-width space",
  0x200c: "zero-width non-joiner", 0x200d: "zero-width joiner", 0x200e: "left-to-right mark", 0x200f: "right-to-left mark",
  0x202f: "narrow no-break space", 0x2060: "word joiner", 0x3000: "ideographic space", 0xfeff: "byte-order mark",
};

/** Whitespace other than a plain space, control and format characters: what a reader cannot see. */
const INVISIBLE = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${INVISIBLE_CHARS}]`);

/**
 * For an error about a text value: `: it holds an invisible U+00A0 (no-break space)` when the
 * value holds a character a reader cannot see (the message's quoted value shows it only as a
 * space, or not at all), else "".
 */
export function invisibleHint(v: unknown): string {
  if (typeof v !== "string") return "";
  const m = INVISIBLE.exec(v);
  if (m === null) return "";
  const c = m[0].charCodeAt(0);
  const name = INVISIBLE_NAMES[c] ?? (c < 0x20 || c === 0x7f ? "control character" : "space or format character");
  return `: it holds an invisible U+${c.toString(16).toUpperCase().padStart(4, "0")} (${name})`;
}

export function checkNumber(type: ValueType, v: number): boolean {
  switch (type) {
    case "price": return v > 0 && v < Infinity;
    case "amount": return v >= 0 && v < Infinity;
    case "count": return v >= 0 && Number.isSafeInteger(v);
    default: return Number.isFinite(v);
  }
}

export function parseSide(s: string): string | undefined {
  const u = s.trim().toUpperCase();
  return u === "SELL" || u === "LONG" ? "long" : u === "BUY" || u === "SHORT" ? "short" : undefined;
}

export const parseBool = parseBoolText;

export function allocate(p: Parsed, fields: readonly FieldSpec[], present: boolean[], capacity: number): Column[] {
  const cols: Column[] = [];
  fields.forEach((f, j) => {
    const c: Column = f.type === "side" ? new Array<string>(capacity) : f.type === "bool" ? new Array<boolean>(capacity) : new Float64Array(capacity);
    cols.push(c);
    if (present[j]) p.columns.set(f.out, c);
  });
  p.lines = new Int32Array(capacity);
  return cols;
}

export function grow(p: Parsed, fields: readonly FieldSpec[], present: boolean[], cols: Column[], to = 0): void {
  const cap = Math.max(16, to, p.lines.length * 2);
  fields.forEach((f, j) => {
    const old = cols[j]!;
    if (old instanceof Float64Array) {
      const c = new Float64Array(cap);
      c.set(old);
      cols[j] = c;
    }
    if (present[j]) p.columns.set(f.out, cols[j]!);
  });
  const l = new Int32Array(cap);
  l.set(p.lines);
  p.lines = l;
}

/** Trims every column to the kept row count. */
export function trim(p: Parsed): void {
  const tight = (len: number) => p.n >= len * 0.9;
  for (const [k, c] of p.columns) {
    if (c.length === p.n) continue;
    p.columns.set(k, c instanceof Float64Array ? (tight(c.length) ? c.subarray(0, p.n) : c.slice(0, p.n)) : (c.slice(0, p.n) as Column));
  }
  if (p.lines.length !== p.n) p.lines = tight(p.lines.length) ? p.lines.subarray(0, p.n) : p.lines.slice(0, p.n);
}

export function noteUnits(p: Parsed, units: Set<string>): void {
  for (const u of units) if (u !== "ms" && u !== "text") p.notes.push(`timestamps in ${u === "s" ? "seconds" : u === "µs" ? "microseconds" : "nanoseconds"} converted to milliseconds`);
}

/** Empty columns for a file without data rows. */
export function trimEmpty(p: Parsed, fields: readonly FieldSpec[]): void {
  allocate(p, fields, fields.map((f) => !f.optional), 0);
  p.n = 0;
}

/** Blank cells seen per field (index → count and first lines), for `emptyOmits` fields. */
export type Blanks = Map<number, { count: number; lines: number[] }>;

/** Records a blank cell of field `j`. */
export function noteBlank(blanks: Blanks, j: number, line: number): void {
  const b = blanks.get(j) ?? { count: 0, lines: [] };
  b.count++;
  if (b.lines.length < 5) b.lines.push(line);
  blanks.set(j, b);
}

/** Notes where `emptyAs` fields were blank and what the blanks were read as. */
export function noteFilledBlanks(p: Parsed, fields: readonly FieldSpec[], blanks: Blanks): void {
  for (const [j, b] of blanks) {
    const f = fields[j]!;
    p.notes.push(`${f.names[0]} is blank on ${b.count} row(s) (line ${b.lines.join(", ")}${b.count > b.lines.length ? ", …" : ""}): ${f.emptyAs!.meaning}`);
  }
}

/** Leaves out every column that had blanks, saying so in the notes. */
export function omitBlankColumns(p: Parsed, fields: readonly FieldSpec[], blanks: Blanks): void {
  for (const [j, b] of blanks) {
    const f = fields[j]!;
    p.columns.delete(f.out);
    p.notes.push(`${f.names[0]} is blank on ${b.count} row(s) (line ${b.lines.join(", ")}${b.count > b.lines.length ? ", …" : ""}): column ${f.out} left out`);
  }
}
