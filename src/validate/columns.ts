/**
 * Reading named columns out of arquero tables or plain column objects, once, into typed arrays,
 * with errors that name the input and the column.
 */
import type { Columns } from "../engine/index";
import { error } from "../util/errors";

export function hasColumn(t: Columns, name: string): boolean {
  return typeof (t as { columnNames?: unknown }).columnNames === "function"
    ? (t as { columnNames(): string[] }).columnNames().includes(name)
    : Object.prototype.hasOwnProperty.call(t, name);
}

function raw(t: Columns, name: string, label: string): ArrayLike<unknown> {
  if (!hasColumn(t, name)) throw error(`missing column ${JSON.stringify(name)}`, { file: label, column: name });
  return typeof (t as { array?: unknown }).array === "function" ? (t as { array(n: string): ArrayLike<unknown> }).array(name) : (t as Record<string, ArrayLike<unknown>>)[name]!;
}

/** A numeric column as Float64Array; a non-finite value throws naming the row. */
export function numbers(t: Columns, name: string, label: string): Float64Array {
  const a = raw(t, name, label);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== "number" || !Number.isFinite(v)) throw error(`${name} must be a finite number at row ${i}`, { file: label, column: name, value: v });
    out[i] = v;
  }
  return out;
}

/** A text column. */
export function strings(t: Columns, name: string, label: string): string[] {
  return Array.from(raw(t, name, label), (v) => String(v));
}
