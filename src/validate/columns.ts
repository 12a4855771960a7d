/**
 * Reading named columns out of arquero tables or plain column objects, once, into typed arrays,
 * with errors that name the table (its label: "model.bars", "candles", "openInterest",
 * "realized"), the column, the row in that table and the value.
 */
import type { Columns } from "../engine/index";
import { toFloat64 } from "../engine/input";
import { error } from "../util/errors";

/**
 * Throws unless `t` can hold columns: an arquero table or a plain object of columns (null, a
 * number or a string would otherwise fail as a TypeError reading its first column).
 */
export function checkTable(t: unknown, label: string): asserts t is Columns {
  if (typeof t !== "object" || t === null || Array.isArray(t)) {
    throw error("must be an arquero table or an object of columns ({ time: [...], ... })", { file: label, value: Array.isArray(t) ? `an array of ${t.length} rows` : t });
  }
}

export function hasColumn(t: Columns, name: string): boolean {
  return typeof (t as { columnNames?: unknown }).columnNames === "function"
    ? (t as { columnNames(): string[] }).columnNames().includes(name)
    : Object.prototype.hasOwnProperty.call(t, name);
}

function raw(t: Columns, name: string, label: string): ArrayLike<unknown> {
  checkTable(t, label);
  if (!hasColumn(t, name)) throw error(`missing column ${JSON.stringify(name)}`, { file: label, column: name });
  const a: unknown = typeof (t as { array?: unknown }).array === "function" ? (t as { array(n: string): ArrayLike<unknown> }).array(name) : (t as Record<string, unknown>)[name];
  // As the engine reads a column: anything with a length (array, typed array), not a string.
  if (typeof a !== "object" || a === null || typeof (a as { length?: unknown }).length !== "number") throw error("must be an array of values, one per row", { file: label, column: name, value: a });
  return a as ArrayLike<unknown>;
}

/**
 * Throws unless column `name` has `rows` values, the length of its table's `time` column (plain
 * column objects can differ; a shorter column would otherwise read as undefined past its end).
 */
function sameLength(a: ArrayLike<unknown>, rows: number, name: string, label: string): void {
  if (a.length === rows) return;
  const where = a.length < rows ? `row ${a.length} has a time but no ${name}` : `row ${rows} has a ${name} but no time`;
  throw error(`${name} has ${a.length} row${a.length === 1 ? "" : "s"} where time has ${rows} (${where}): the columns of a table must have equal lengths`, { file: label, column: name, value: a.length });
}

/**
 * A numeric column as Float64Array; a non-finite value throws naming the row. With `rows`, the
 * column must have exactly that many values (the table's time column's length).
 */
export function numbers(t: Columns, name: string, label: string, rows?: number): Float64Array {
  const a = raw(t, name, label);
  if (rows !== undefined) sameLength(a, rows, name, label);
  // Read as the engine reads its inputs (Dates as epoch ms, safe BigInts as numbers).
  const out = toFloat64(a);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i]!)) throw error(`${name} must be a finite number at row ${i}`, { file: label, column: name, value: a[i] });
  }
  return out;
}

/** A text column; with `rows`, it must have exactly that many values. */
export function strings(t: Columns, name: string, label: string, rows?: number): string[] {
  const a = raw(t, name, label);
  if (rows !== undefined) sameLength(a, rows, name, label);
  return Array.from(a, (v) => String(v));
}

/** Throws unless `time` strictly increases, naming the first row that does not. */
export function increasing(time: Float64Array, label: string, column = "time"): void {
  for (let i = 1; i < time.length; i++) {
    if (!(time[i]! > time[i - 1]!)) {
      const how = time[i] === time[i - 1] ? "repeats" : "is before";
      throw error(`${column} must be strictly increasing: row ${i} ${how} row ${i - 1} (${time[i - 1]})`, { file: label, column, value: time[i] });
    }
  }
}

/** Throws unless every value is >= 0, naming the first row that is not. */
export function nonNegative(a: Float64Array, name: string, label: string, what = "USD"): void {
  for (let i = 0; i < a.length; i++) if (!(a[i]! >= 0)) throw error(`${what} must be >= 0 at row ${i}`, { file: label, column: name, value: a[i] });
}
