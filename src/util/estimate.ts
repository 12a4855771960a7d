/**
 * Estimates carry their label with them. The engine marks what it returns to be read or shown
 * (a map's table, its answers, the per-bar outputs) with a caption saying it is an estimate, and
 * `show()` prints that caption above the value. The mark is a non-enumerable symbol property:
 * equality checks, JSON and `Object.keys` do not see it.
 */

/** The property holding an estimate's caption. */
export const ESTIMATE = Symbol.for("liqlab.estimate");

/** The property holding the caption of a value that is known, not estimated (the simulator's truth). */
export const TRUTH = Symbol.for("liqlab.truth");

/**
 * The property holding the caption of reported data: figures an exchange or vendor published,
 * only summed or averaged (market size per day), said to be neither an estimate nor simulated.
 */
export const REPORTED = Symbol.for("liqlab.reported");

/** Sets the caption under `key` (ESTIMATE, TRUTH or REPORTED), not enumerable; returns `x`. */
function mark<T extends object>(x: T, key: symbol, caption: string): T {
  Object.defineProperty(x, key, { value: caption, enumerable: false, configurable: true });
  return x;
}

/** The caption under `key`, else undefined. */
function captionAt(x: unknown, key: symbol): string | undefined {
  if (typeof x !== "object" || x === null) return undefined;
  const c = (x as Record<symbol, unknown>)[key];
  return typeof c === "string" ? c : undefined;
}

/** Marks `x` as an estimate described by `caption`; returns `x`. */
export function markEstimate<T extends object>(x: T, caption: string): T {
  return mark(x, ESTIMATE, caption);
}

/** The caption of a value marked by `markEstimate`, else undefined. */
export function estimateCaption(x: unknown): string | undefined {
  return captionAt(x, ESTIMATE);
}

/** Marks `x` as known truth described by `caption` (the simulator's own positions); returns `x`. */
export function markTruth<T extends object>(x: T, caption: string): T {
  return mark(x, TRUTH, caption);
}

/** The caption of a value marked by `markTruth`, else undefined. */
export function truthCaption(x: unknown): string | undefined {
  return captionAt(x, TRUTH);
}

/** Marks `x` as reported data described by `caption`; returns `x`. */
export function markReported<T extends object>(x: T, caption: string): T {
  return mark(x, REPORTED, caption);
}

/** The caption of a value marked by `markReported`, else undefined. */
export function reportedCaption(x: unknown): string | undefined {
  return captionAt(x, REPORTED);
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

/** How a value shown is labelled: its caption, and the word a user's own caption gets ("estimate", "simulated truth"), if any. */
export interface Label {
  caption: string;
  word?: string;
}

/**
 * The label of a value: its truth or estimate mark; else, for a table derived from a marked one
 * (arquero's verbs return new tables without the mark), its columns: liqlab's estimate column
 * names (a filtered `model.bars`) label it an estimate outright; a map table's `leverage` and
 * `usd` (an ordered `map.table`, or one summed by leverage) are an estimate's or the simulator's
 * truth's, so that label says it may be either, also after a caption of the user's that says neither.
 */
export function labelOf(x: unknown, columns?: readonly string[]): Label | undefined {
  const truth = truthCaption(x);
  if (truth !== undefined) return { caption: truth, word: "simulated truth" };
  const estimate = estimateCaption(x);
  if (estimate !== undefined) return { caption: estimate, word: "estimate" };
  // Reported data has nothing to warn about: a caption of the user's is shown as given.
  const reported = reportedCaption(x);
  if (reported !== undefined) return { caption: reported };
  if (columns === undefined) return undefined;
  const found = columns.filter((c) => ESTIMATE_COLUMNS.has(c));
  if (found.length > 0) return { caption: `Model estimates: ${found.join(", ")} (estimate)`, word: "estimate" };
  // A map table, or one summed from it by leverage (groupby("leverage").rollup({ usd: … })).
  if (columns.includes("leverage") && columns.includes("usd")) {
    const what = columns.includes("price") ? "Liquidation USD by price bin, side and leverage" : "Liquidation USD by leverage";
    return { caption: `${what} (${MAP_TABLE_WORD})`, word: MAP_TABLE_WORD };
  }
  return undefined;
}

/** What a table derived from a map table is: the mark that said which did not survive the verb. */
const MAP_TABLE_WORD = "a liqlab map table: estimates, unless it came from the simulator's truth";

/**
 * The caption shown: the user's words, followed by the label's word ("(estimate)", "(simulated
 * truth)") when the words do not already say so; the label's caption when the user gave none.
 */
export function captionWith(user: string | undefined, label: Label | undefined): string | undefined {
  if (label === undefined) return user;
  if (user === undefined) return label.caption;
  if (label.word === undefined) return user;
  const says = label.word === "estimate" ? /estimat/i : label.word === MAP_TABLE_WORD ? /estimat|truth|true/i : /truth|true/i;
  return says.test(user) ? user : `${user} (${label.word})`;
}
