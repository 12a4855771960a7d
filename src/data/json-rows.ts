/**
 * The JSON row reader: exchange responses as arrays of arrays or of objects, each row's values
 * checked like CSV cells, errors naming the row's line in the file and the field's key.
 */
import { error as makeError, type ErrorContext } from "../util/errors";
import { allocate, checkNumber, invisibleHint, MESSAGES, noteBlank, noteUnits, omitBlankColumns, parseBool, parseSide, trim, type Blanks, type FieldSpec, type Parsed } from "./fields";
import { elementLine, lineOf } from "./json";
import { toNumber } from "../util/numbers";
import { epochUnit, toTimeMs } from "./time";

/** Rows picked from a file's rows (one instrument's): where each sits among them. */
interface Picked {
  all: readonly unknown[];
  index: readonly number[];
}

const PICKED = new WeakMap<readonly unknown[], Picked>();

/**
 * Records that `kept[k]` is row `index[k]` of `all` (the file's rows, from which `kept` were
 * picked: one instrument's, one symbol's), so `readJsonRows(p, kept, …)` names a row of a
 * one-line file by its place among the file's rows (`row 5 of 6`), as a user counts them, not
 * among the kept ones. Returns `kept`.
 */
export function pickedFrom<T extends readonly unknown[]>(kept: T, all: readonly unknown[], index: readonly number[]): T {
  PICKED.set(kept, { all, index });
  return kept;
}

/**
 * Reads JSON rows (arrays or objects) into `p` using each field's `key`. `lines` gives each
 * row's line (JSON Lines); otherwise the line where the row starts in the file is used. As for a
 * CSV header, keys of object rows that no field reads are named in a note ("keys not read: …"),
 * except `used`: keys the format reads itself (the instrument key it picks rows by).
 */
export function readJsonRows(p: Parsed, rows: readonly unknown[], fields: readonly FieldSpec[], lines?: readonly number[], used: readonly string[] = []): void {
  const file = p.file;
  const r0 = rows[0];
  const in0 = (k: string | number) => typeof r0 === "object" && r0 !== null && (r0 as Record<string | number, unknown>)[k] !== undefined;
  // A field is in the file when any row has it (the first row decides only when it has it): a
  // later row carrying an optional field must not lose it. Rows without it then fail by name, or
  // count as blank for an emptyOmits column.
  const has = (k: string | number) => in0(k) || rows.some((r) => typeof r === "object" && r !== null && (r as Record<string | number, unknown>)[k] !== undefined);
  // object rows may use another accepted name for a field (an alias listed in `names`)
  const keys = fields.map((f) => (f.key === undefined || typeof f.key === "number" || in0(f.key) ? f.key : f.names.find(in0) ?? (has(f.key) ? f.key : f.names.find(has) ?? f.key)));
  const present = fields.map((f, j) => keys[j] !== undefined && (!f.optional || has(keys[j]!)));
  const cols = allocate(p, fields, present, rows.length);
  // errors found after reading name a column as these do: its key, or `closeTime [6]` by position
  const label = (j: number) => (typeof keys[j] === "number" ? `${fields[j]!.out} [${keys[j]}]` : String(keys[j]));
  p.headers = new Map(fields.flatMap((f, j) => (present[j] ? [[f.out, label(j)] as [string, string]] : [])));
  const units = new Set<string>();
  const blanks: Blanks = new Map();
  const width = Array.isArray(r0) ? r0.length : -1;
  // Rows that share a line (a one-line file, as curl saves it) are told apart by their index:
  // their place among the file's rows when they were picked from them (pickedFrom), else among
  // `rows`. Worked out only for an error (a pass over the rows would slow every good file).
  const picked = PICKED.get(rows);
  const all = picked?.all ?? rows;
  const fileIndex = (i: number) => (picked ? picked.index[i]! : i);
  // rows picked without saying from where (force orders of one symbol): counted among those kept
  const place = (i: number) => `row ${fileIndex(i) + 1} of ${picked || p.dropped.size === 0 ? all.length : `the ${all.length} kept`}: `;
  const rowAt = (i: number): string => {
    const k = fileIndex(i);
    const lineAt = (j: number) => (picked ? elementLine(all, j) : lines?.[j] ?? elementLine(rows, j));
    const at = lineAt(k);
    return (k > 0 && lineAt(k - 1) === at) || (k + 1 < all.length && lineAt(k + 1) === at) ? place(i) : "";
  };
  // keys of object rows, read or not (in the order first seen), for the "keys not read" note
  const read = new Set<string>([...used, ...keys.filter((k, j): k is string => present[j]! && typeof k === "string")]);
  const unread = new Set<string>();
  const error = (message: string, at: ErrorContext, i: number) => makeError(`${rowAt(i)}${message}`, at);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (typeof row !== "object" || row === null) {
      throw makeError(`${place(i)}expected an array or object per row`, { file, line: lines?.[i] ?? elementLine(rows, i), column: "row", value: row });
    }
    const line = lines?.[i] ?? lineOf(row);
    // Array rows are read by position: one of another width (another endpoint's rows, a cut-off
    // row) would put its values under the wrong names. When the second and third rows agree with
    // each other and not with the first, the first is the odd one, and is named.
    if (width >= 0 && (!Array.isArray(row) || row.length !== width)) {
      const r2 = rows[2];
      if (i === 1 && Array.isArray(row) && Array.isArray(r2) && r2.length === row.length) {
        throw error(`row has ${width} values, the rows after it ${row.length}: rows read by position must all be alike`, { file, line: lines?.[0] ?? lineOf(r0), column: "row", value: r0 }, 0);
      }
      throw error(`row has ${Array.isArray(row) ? `${row.length} values` : "no array"}, the first row ${width}: rows read by position must all be alike`, { file, line, column: "row", value: row }, i);
    }
    p.rowsRead++;
    if (!Array.isArray(row)) for (const k in row) if (!read.has(k) && k !== "") unread.add(k);
    for (let j = 0; j < fields.length; j++) {
      if (!present[j]) continue;
      const f = fields[j]!;
      const key = keys[j]!;
      const column = label(j);
      const v = (row as Record<string | number, unknown>)[key];
      if (v === undefined || v === null || v === "") {
        // A blank, or (object rows) a field only some rows carry; an array row too short is cut off.
        if (f.emptyOmits && (v !== undefined || typeof key === "string")) { noteBlank(blanks, j, line); (cols[j] as Float64Array)[p.n] = 0; continue; }
        throw error(v === undefined ? "missing field" : "empty value", { file, line, column, value: v === undefined ? row : v }, i);
      }
      const c = cols[j]!;
      if (f.type === "side") {
        const s = typeof v === "string" ? parseSide(v) : undefined;
        if (s === undefined) throw error(`${column} ${MESSAGES.side}${invisibleHint(v)}`, { file, line, column, value: v }, i);
        (c as string[])[p.n] = s;
      } else if (f.type === "bool") {
        const b = typeof v === "boolean" ? v : typeof v === "string" || typeof v === "number" ? parseBool(String(v)) : undefined;
        if (b === undefined) throw error(`${column} ${MESSAGES.bool}${invisibleHint(v)}`, { file, line, column, value: v }, i);
        (c as boolean[])[p.n] = b;
      } else if (f.type === "time") {
        const t = toTimeMs(v);
        if (Number.isNaN(t)) throw error(`${column} ${MESSAGES.time}${invisibleHint(v)}`, { file, line, column, value: v }, i);
        const raw = toNumber(v);
        units.add(Number.isNaN(raw) ? "text" : epochUnit(raw));
        (c as Float64Array)[p.n] = t;
      } else {
        const x = toNumber(v);
        if (!checkNumber(f.type, x)) throw error(`${column} ${Number.isNaN(x) ? "is not a number" : MESSAGES[f.type]}${invisibleHint(v)}`, { file, line, column, value: v }, i);
        (c as Float64Array)[p.n] = x;
      }
    }
    p.lines[p.n] = line;
    p.n++;
  }
  if (unread.size > 0) p.notes.push(`keys not read: ${[...unread].join(", ")}`);
  noteUnits(p, units);
  omitBlankColumns(p, fields, blanks);
  trim(p);
}
