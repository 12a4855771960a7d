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

/**
 * Column names liqlab gives only to model estimates: the replay's per-bar outputs and a
 * backtest's estimated and baseline series. A table derived from a marked one (arquero's verbs
 * return new tables, without the mark) is still recognised by these, and `show()` labels it.
 */
export const ESTIMATE_COLUMNS: ReadonlySet<string> = new Set([
  "longLiquidatedUsd", "shortLiquidatedUsd", "openLongUsd", "openShortUsd", "openedUsd", "closedUsd", "decayedUsd",
  "longEstimatedUsd", "shortEstimatedUsd", "longBaselineUsd", "shortBaselineUsd",
]);

/**
 * The caption for a table with estimate columns and no mark of its own (a filtered `model.bars`,
 * an ordered `map.table`: its `leverage` and `usd` columns beside `price` and `side`), else undefined.
 */
export function estimateColumnsCaption(columns: readonly string[]): string | undefined {
  const found = columns.filter((c) => ESTIMATE_COLUMNS.has(c));
  if (found.length > 0) return `Model estimates: ${found.join(", ")} (estimate)`;
  if (["price", "side", "leverage", "usd"].every((c) => columns.includes(c))) return "Estimated liquidation USD by price bin, side and leverage (estimate)";
  return undefined;
}

/**
 * A caption for a value shown with `caption` given by the user: the user's words, followed by
 * "(estimate)" (or "(simulated truth)") when the value is marked and the words do not say so.
 */
export function captionWithMark(user: string | undefined, mark: string | undefined): string | undefined {
  if (mark === undefined) return user;
  if (user === undefined) return mark;
  const truth = mark.startsWith("Simulated true");
  if (truth ? /truth|true/i.test(user) : /estimat/i.test(user)) return user;
  return `${user} (${truth ? "simulated truth" : "estimate"})`;
}
