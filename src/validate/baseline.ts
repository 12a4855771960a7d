/**
 * The naive baseline every model is scored beside: "bar range beyond the open × open interest".
 * A bar that trades far below its open liquidates longs in proportion to the open interest at
 * risk, one that trades far above liquidates shorts:
 *   long_i  = (open_i − low_i) / open_i × OI_i,   short_i = (high_i − open_i) / open_i × OI_i,
 * with OI_i the open interest known at the bar's open (asOf below). It knows nothing about where
 * positions sit, so a model that does must beat it.
 */
import { error } from "../util/errors";

/** Per-bar baseline USD for both sides. Inputs aligned bar by bar; oiUsd in USD. */
export function rangeBaseline(open: Float64Array, high: Float64Array, low: Float64Array, oiUsd: Float64Array): { long: Float64Array; short: Float64Array } {
  const n = open.length;
  if (high.length !== n || low.length !== n || oiUsd.length !== n) throw error("baseline inputs must have one value per bar", { value: [n, high.length, low.length, oiUsd.length] });
  const long = new Float64Array(n);
  const short = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = open[i]!;
    if (!(o > 0)) throw error(`open must be positive at bar ${i}`, { column: "open", value: o });
    long[i] = (Math.max(0, o - low[i]!) / o) * oiUsd[i]!;
    short[i] = (Math.max(0, high[i]! - o) / o) * oiUsd[i]!;
  }
  return { long, short };
}

/**
 * The value of a sorted series (`times`, `values`) as of each time in `at` (sorted): the last
 * value stamped at or before it. Times before the first observation take the first value when it
 * is stamped no later than `graceMs` after them (a file whose first OI row sits at the first
 * bar's close), else throw: the value is not known yet.
 */
export function asOf(at: Float64Array, times: Float64Array, values: Float64Array, graceMs = 0): Float64Array {
  if (times.length === 0) throw error("no observations to align", { column: "time", value: 0 });
  const out = new Float64Array(at.length);
  let j = -1;
  for (let i = 0; i < at.length; i++) {
    const t = at[i]!;
    while (j + 1 < times.length && times[j + 1]! <= t) j++;
    if (j >= 0) out[i] = values[j]!;
    else if (times[0]! - t <= graceMs) out[i] = values[0]!;
    else throw error(`no observation at or before bar ${i}`, { column: "time", value: t });
  }
  return out;
}
