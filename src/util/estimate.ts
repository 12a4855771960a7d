/**
 * Estimates carry their label with them. The engine marks what it returns to be read or shown
 * (a map's table, its answers, the per-bar outputs) with a caption saying it is an estimate, and
 * `show()` prints that caption above the value. The mark is a non-enumerable symbol property:
 * equality checks, JSON and `Object.keys` do not see it.
 */

/** The property holding an estimate's caption. */
export const ESTIMATE = Symbol.for("liqlab.estimate");

/** Marks `x` as an estimate described by `caption`; returns `x`. */
export function markEstimate<T extends object>(x: T, caption: string): T {
  Object.defineProperty(x, ESTIMATE, { value: caption, enumerable: false, configurable: true });
  return x;
}

/** The caption of a value marked by `markEstimate`, else undefined. */
export function estimateCaption(x: unknown): string | undefined {
  if (typeof x !== "object" || x === null) return undefined;
  const c = (x as { [ESTIMATE]?: unknown })[ESTIMATE];
  return typeof c === "string" ? c : undefined;
}
