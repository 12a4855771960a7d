/**
 * Snapshot testing of figure JSON. A figure is canonicalised (object keys sorted, typed arrays as
 * arrays, numbers rounded to 6 significant digits so float noise does not churn snapshots) and
 * compared with test/figures/__snapshots__/<name>.json. UPDATE_SNAPSHOTS=1 rewrites them; a
 * missing snapshot fails, so a new figure is committed on purpose, never silently.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const DIR = join(__dirname, "__snapshots__");

/** Rounds to 6 significant digits (and -0 to 0). */
export function round6(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  return Number(x.toPrecision(6));
}

/** The value with sorted keys, plain arrays and rounded numbers. */
export function canonical(value: unknown): unknown {
  if (typeof value === "number") return round6(value);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, round6);
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** Canonical JSON text of `value`. */
export function snapshotText(value: unknown): string {
  return JSON.stringify(canonical(value), null, 1) + "\n";
}

/** Asserts `value` matches snapshot `name` (or rewrites it under UPDATE_SNAPSHOTS=1). */
export function matchSnapshot(name: string, value: unknown): void {
  const path = join(DIR, `${name}.json`);
  const text = snapshotText(value);
  if (process.env.UPDATE_SNAPSHOTS === "1") {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(path, text);
    return;
  }
  assert.ok(existsSync(path), `no snapshot ${path}: run with UPDATE_SNAPSHOTS=1 to create it, then review and commit it`);
  assert.equal(text, readFileSync(path, "utf8"), `figure JSON differs from ${path} (UPDATE_SNAPSHOTS=1 rewrites it after review)`);
}
