/**
 * Field specs and the two row readers (CSV and JSON) every format shares. A format lists its
 * fields once — canonical output name, value type, accepted CSV header names, JSON key — and
 * these kernels fill typed columns, validating every value. Bad values throw through the one
 * error helper naming file, line, column and value; nothing becomes NaN.
 */
import { error } from "../util/errors";
import { CsvScanner, parseBoolText } from "./csv";
import { lineOf } from "./json";
import { toNumber } from "./numbers";
import type { DataKind } from "./schema";
import { epochToMs as epochToMsExport, epochUnit, parseDateString, toTimeMs } from "./time";

// bound once: the CSV loop calls it directly rather than through the module's export accessor
const epochToMs = epochToMsExport;

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
  /** An empty cell drops the row (counted in the report) instead of failing. */
  emptyDrops?: boolean;
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
}

/** The file row `i` came from. */
export function fileOf(p: Parsed, i: number): string {
  return p.files && p.rowFile ? p.files[p.rowFile[i]!]! : p.file;
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

const MESSAGES: Record<ValueType, string> = {
  time: "is not a time (expected epoch s/ms/µs/ns or a UTC date)",
  price: "must be a positive number",
  amount: "must be a non-negative number",
  number: "is not a number",
  count: "must be a non-negative integer",
  side: "must be BUY or SELL",
  bool: "must be true or false",
};

function checkNumber(type: ValueType, v: number): boolean {
  switch (type) {
    case "price": return v > 0 && v < Infinity;
    case "amount": return v >= 0 && v < Infinity;
    case "count": return v >= 0 && Number.isSafeInteger(v);
    default: return Number.isFinite(v);
  }
}

function parseSide(s: string): string | undefined {
  const u = s.trim().toUpperCase();
  return u === "SELL" || u === "LONG" ? "long" : u === "BUY" || u === "SHORT" ? "short" : undefined;
}

const parseBool = parseBoolText;

function allocate(p: Parsed, fields: readonly FieldSpec[], present: boolean[], capacity: number): Column[] {
  const cols: Column[] = [];
  fields.forEach((f, j) => {
    const c: Column = f.type === "side" ? new Array<string>(capacity) : f.type === "bool" ? new Array<boolean>(capacity) : new Float64Array(capacity);
    cols.push(c);
    if (present[j]) p.columns.set(f.out, c);
  });
  p.lines = new Int32Array(capacity);
  return cols;
}

function grow(p: Parsed, fields: readonly FieldSpec[], present: boolean[], cols: Column[], to = 0): void {
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

function noteUnits(p: Parsed, units: Set<string>): void {
  for (const u of units) if (u !== "ms" && u !== "text") p.notes.push(`timestamps in ${u === "s" ? "seconds" : u === "µs" ? "microseconds" : "nanoseconds"} converted to milliseconds`);
}

/**
 * Reads CSV text into `p` using `fields`. The first row is a header when its first cell is
 * neither a number nor a date; without a header, fields are taken by their archive `index`.
 */
export function readCsv(p: Parsed, text: string, fields: readonly FieldSpec[]): void {
  const sc = new CsvScanner(text, p.file);
  const file = p.file;
  if (!sc.next()) { trimEmpty(p, fields); p.notes.push("file has no data rows"); return; }
  const first = sc.row();
  const hasHeader = first.length > 0 && Number.isNaN(toTimeMs(first[0]!)) && Number.isNaN(toNumber(first[0]!));
  const idx: number[] = [];
  const present: boolean[] = [];
  const headerLower = hasHeader ? first.map(normalizeName) : [];
  for (const f of fields) {
    let k = -1;
    if (hasHeader) {
      for (const name of f.names) {
        k = headerLower.indexOf(normalizeName(name));
        if (k >= 0) break;
      }
    } else if (f.index !== undefined && f.index < first.length) k = f.index;
    if (k < 0 && !f.optional) {
      if (!hasHeader && f.index === undefined) throw error(`missing column ${JSON.stringify(f.names[0])}: the file has no header row`, { file, line: 1, column: f.names[0]!, value: first.join(",") });
      throw error(hasHeader ? "missing column" : `expected at least ${f.index! + 1} columns`, { file, line: 1, column: f.names[0]!, value: first.join(",") });
    }
    idx.push(k);
    present.push(k >= 0);
  }
  if (!hasHeader) p.notes.push("no header row: columns taken in Binance archive order");
  const probe = hasHeader ? first[0]!.trim().toLowerCase() : fields[0]!.names[0]!.toLowerCase();
  const units = new Set<string>();
  let n = 0;
  if (hasHeader && !sc.next()) { allocate(p, fields, present, 0); p.n = 0; return; }
  // size the columns from the first data row's length; they grow if the guess is short
  const rowStart = sc.offset;
  const cols = allocate(p, fields, present, 16);
  let sized = false;
  do {
    const line = sc.line;
    if (!sized && n === 1) {
      sized = true;
      const est = Math.ceil(((sc.text.length - rowStart) / Math.max(8, sc.offset - rowStart)) * 1.05) + 16;
      while (p.lines.length < est) grow(p, fields, present, cols, est);
    }
    if (sc.startsWithLetter(0) && sc.field(0).toLowerCase() === probe) { drop(p, "repeated header row", line); continue; }
    if (sc.isEmpty(0) && allEmpty(sc)) { drop(p, "empty row (only delimiters)", line); continue; }
    p.rowsRead++;
    if (n === p.lines.length) grow(p, fields, present, cols);
    let skip = false;
    for (let j = 0; j < fields.length; j++) {
      const k = idx[j]!;
      if (k < 0) continue;
      const f = fields[j]!;
      const c = cols[j]!;
      const type = f.type;
      if (type === "time" || type === "price" || type === "amount" || type === "number" || type === "count") {
        const v = sc.number(k);
        if (type === "time") {
          let t = epochToMs(v);
          if (t !== t) {
            if (v === v) units.add(epochUnit(v));
            else if (!sc.isEmpty(k)) { t = parseDateString(sc.field(k)); units.add("text"); }
          } else if (v >= 1e14 || v < 1e11) units.add(epochUnit(v));
          if (t === t) { (c as Float64Array)[n] = t; continue; }
        } else if (checkNumber(type, v)) { (c as Float64Array)[n] = v; continue; }
        // invalid: say why
        if (k >= sc.count || sc.isEmpty(k)) {
          if (f.emptyDrops) { drop(p, `empty ${f.names[0]}`, line); skip = true; break; }
          throw emptyError(sc, k, f, file, line);
        }
        if (type === "time") throw error(`${f.names[0]} ${MESSAGES.time}`, { file, line, column: f.names[0]!, value: sc.field(k) });
        throw error(`${f.names[0]} ${v !== v ? "is not a number" : MESSAGES[type]}`, { file, line, column: f.names[0]!, value: sc.field(k) });
      } else if (type === "bool") {
        const b = sc.bool(k);
        if (b === undefined) {
          if (k >= sc.count || sc.isEmpty(k)) { if (f.emptyDrops) { drop(p, `empty ${f.names[0]}`, line); skip = true; break; } throw emptyError(sc, k, f, file, line); }
          throw error(`${f.names[0]} ${MESSAGES.bool}`, { file, line, column: f.names[0]!, value: sc.field(k) });
        }
        (c as boolean[])[n] = b;
      } else {
        const s = parseSide(sc.field(k));
        if (s === undefined) {
          if (k >= sc.count || sc.isEmpty(k)) { if (f.emptyDrops) { drop(p, `empty ${f.names[0]}`, line); skip = true; break; } throw emptyError(sc, k, f, file, line); }
          throw error(`${f.names[0]} ${MESSAGES.side}`, { file, line, column: f.names[0]!, value: sc.field(k) });
        }
        (c as string[])[n] = s;
      }
    }
    if (skip) continue;
    p.lines[n] = line;
    n++;
  } while (sc.next());
  p.n = n;
  noteUnits(p, units);
  trim(p);
}

function allEmpty(sc: CsvScanner): boolean {
  for (let i = 0; i < sc.count; i++) if (!sc.isEmpty(i)) return false;
  return true;
}

function emptyError(sc: CsvScanner, k: number, f: FieldSpec, file: string, line: number): Error {
  return k >= sc.count
    ? error(`row has ${sc.count} fields, column is missing`, { file, line, column: f.names[0]!, value: sc.row().join(",") })
    : error("empty value", { file, line, column: f.names[0]!, value: sc.field(k) });
}

function trimEmpty(p: Parsed, fields: readonly FieldSpec[]): void {
  allocate(p, fields, fields.map((f) => !f.optional), 0);
  p.n = 0;
}

/**
 * Reads JSON rows (arrays or objects) into `p` using each field's `key`. `lines` gives each
 * row's line (JSON Lines); otherwise the line where the row starts in the file is used.
 */
export function readJsonRows(p: Parsed, rows: readonly unknown[], fields: readonly FieldSpec[], lines?: readonly number[]): void {
  const file = p.file;
  const r0 = rows[0];
  const has = (k: string | number) => typeof r0 === "object" && r0 !== null && (r0 as Record<string | number, unknown>)[k] !== undefined;
  // object rows may use another accepted name for a field (an alias listed in `names`)
  const keys = fields.map((f) => (f.key === undefined || typeof f.key === "number" || has(f.key) ? f.key : f.names.find(has) ?? f.key));
  const present = fields.map((f, j) => keys[j] !== undefined && (!f.optional || has(keys[j]!)));
  const cols = allocate(p, fields, present, rows.length);
  const units = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const line = lines?.[i] ?? lineOf(row);
    if (typeof row !== "object" || row === null) throw error("expected an array or object per row", { file, line, column: "row", value: row });
    p.rowsRead++;
    let skip = false;
    for (let j = 0; j < fields.length && !skip; j++) {
      if (!present[j]) continue;
      const f = fields[j]!;
      const key = keys[j]!;
      const column = typeof key === "number" ? `${f.out} [${key}]` : key;
      const v = (row as Record<string | number, unknown>)[key];
      if (v === undefined || v === null || v === "") {
        if (f.emptyDrops) { drop(p, `empty ${column}`, line); skip = true; continue; }
        throw error(v === undefined ? "missing field" : "empty value", { file, line, column, value: v === undefined ? row : v });
      }
      const c = cols[j]!;
      if (f.type === "side") {
        const s = typeof v === "string" ? parseSide(v) : undefined;
        if (s === undefined) throw error(`${column} ${MESSAGES.side}`, { file, line, column, value: v });
        (c as string[])[p.n] = s;
      } else if (f.type === "bool") {
        const b = typeof v === "boolean" ? v : typeof v === "string" || typeof v === "number" ? parseBool(String(v)) : undefined;
        if (b === undefined) throw error(`${column} ${MESSAGES.bool}`, { file, line, column, value: v });
        (c as boolean[])[p.n] = b;
      } else if (f.type === "time") {
        const t = toTimeMs(v);
        if (Number.isNaN(t)) throw error(`${column} ${MESSAGES.time}`, { file, line, column, value: v });
        const raw = toNumber(v);
        units.add(Number.isNaN(raw) ? "text" : epochUnit(raw));
        (c as Float64Array)[p.n] = t;
      } else {
        const x = toNumber(v);
        if (!checkNumber(f.type, x)) throw error(`${column} ${Number.isNaN(x) ? "is not a number" : MESSAGES[f.type]}`, { file, line, column, value: v });
        (c as Float64Array)[p.n] = x;
      }
    }
    if (skip) continue;
    p.lines[p.n] = line;
    p.n++;
  }
  noteUnits(p, units);
  trim(p);
}
