/**
 * The naive baseline every model is scored beside: "bar range beyond the open × open interest".
 * A bar that trades far below its open liquidates longs in proportion to the open interest at
 * risk, one that trades far above liquidates shorts:
 *   long_i  = (open_i − low_i) / open_i × OI_i,   short_i = (high_i − open_i) / open_i × OI_i,
 * with OI_i the open interest known at the bar's open (asOf below). It knows nothing about where
 * positions sit, so a model that does must beat it.
 */
import { error } from "../util/errors";

/**
 * Per-bar baseline USD for both sides. Inputs aligned bar by bar (row i of the candles is bar i);
 * oiUsd in USD, already aligned to the bars. Errors name `label` (default "candles") and the row.
 */
export function rangeBaseline(open: Float64Array, high: Float64Array, low: Float64Array, oiUsd: Float64Array, label = "candles"): { long: Float64Array; short: Float64Array } {
  const n = open.length;
  const columns: [string, Float64Array][] = [["high", high], ["low", low], ["open interest (USD per bar)", oiUsd]];
  for (const [name, a] of columns) {
    if (a.length !== n) throw error(`${name} has ${a.length} value${a.length === 1 ? "" : "s"} where open has ${n}: the baseline needs one value per bar`, { file: label, column: name, value: a.length });
  }
  const long = new Float64Array(n);
  const short = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = open[i]!;
    if (!(o > 0) || !Number.isFinite(o)) throw error(`open must be a positive price at row ${i}`, { file: label, column: "open", value: o });
    if (!(high[i]! > 0) || !Number.isFinite(high[i]!)) throw error(`high must be a positive price at row ${i}`, { file: label, column: "high", value: high[i] });
    if (!(low[i]! > 0) || !Number.isFinite(low[i]!)) throw error(`low must be a positive price at row ${i}`, { file: label, column: "low", value: low[i] });
    if (!(high[i]! >= low[i]!)) throw error(`high must be >= low (${low[i]}) at row ${i}`, { file: label, column: "high", value: high[i] });
    const oi = oiUsd[i]!;
    if (!(oi >= 0) || !Number.isFinite(oi)) throw error(`open interest must be finite and >= 0 at bar ${i}`, { file: label, column: "open interest (USD per bar)", value: oi });
    long[i] = (Math.max(0, o - low[i]!) / o) * oi;
    short[i] = (Math.max(0, high[i]! - o) / o) * oi;
  }
  return { long, short };
}

/** Table labels for asOf's errors: the observations' table and the table whose times are looked up. */
export interface AsOfLabels {
  /** The table of `times` and `values`. Default "openInterest". */
  table?: string;
  /** The table of `at`. Default "model.bars". */
  at?: string;
  /** The column of `values`. Default "openInterestUsd". */
  column?: string;
  /** The column of `times` (`timestamp`, `closeTime`…). Default "time". */
  timeColumn?: string;
}

/**
 * The value of a series (`times` strictly increasing, `values`) as of each time in `at`
 * (non-decreasing): the last value stamped at or before it. Times before the first observation
 * take the first value when it is stamped no later than `graceMs` after them (a file whose first
 * OI row sits at the first bar's close), else throw: the value is not known yet. Unsorted times
 * throw naming the table and row.
 */
export function asOf(at: Float64Array, times: Float64Array, values: Float64Array, graceMs = 0, labels: AsOfLabels = {}): Float64Array {
  const table = labels.table ?? "openInterest";
  const atTable = labels.at ?? "model.bars";
  const column = labels.column ?? "openInterestUsd";
  const timeColumn = labels.timeColumn ?? "time";
  if (times.length === 0) throw error("no rows: no value to align to the bars", { file: table, column: timeColumn, value: 0 });
  if (values.length !== times.length) throw error(`${column} has ${values.length} rows where time has ${times.length}: the columns of a table must have equal lengths`, { file: table, column, value: values.length });
  // A NaN value would be handed on to the bars as it is, a NaN time would place every value wrong.
  for (const [name, a, file] of [[timeColumn, times, table], [column, values, table], ["time", at, atTable]] as const) {
    for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) throw error(`${name} must be a finite number at row ${i}`, { file, column: name, value: a[i] });
  }
  for (let j = 1; j < times.length; j++) {
    if (!(times[j]! > times[j - 1]!)) throw error(`time must be strictly increasing: row ${j} is not after row ${j - 1} (${times[j - 1]})`, { file: table, column: timeColumn, value: times[j] });
  }
  const out = new Float64Array(at.length);
  let j = -1;
  for (let i = 0; i < at.length; i++) {
    const t = at[i]!;
    if (i > 0 && !(t >= at[i - 1]!)) throw error(`time must be increasing: row ${i} is before row ${i - 1} (${at[i - 1]})`, { file: atTable, column: "time", value: t });
    while (j + 1 < times.length && times[j + 1]! <= t) j++;
    if (j >= 0) out[i] = values[j]!;
    else if (times[0]! - t <= graceMs) out[i] = values[0]!;
    else {
      throw error(`nothing known at the open of ${atTable} row ${i} (${t}): row 0, the first, is stamped ${times[0]! - t} ms later, more than the ${graceMs} ms allowed`, { file: table, column: timeColumn, value: times[0] });
    }
  }
  return out;
}
