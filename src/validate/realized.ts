/**
 * Realized liquidations onto the model's bars. Each bar spans [open, close): its open time and its
 * own close (replay's bar ends: the candles' closeTime, the `interval` option or the first step),
 * so bars may have gaps between them (a missing candle). Two inputs:
 * - individual forced orders (`time`, `side`, `usd`), stamped at any millisecond: each is summed
 *   into the bar containing it, the bar whose open is at or before its time and whose close is
 *   after it;
 * - per-bar totals (`time`, `longUsd`, `shortUsd`), one row per bar stamped at the bar's OPEN:
 *   a row inside a model bar must sit exactly on its open time, and the rows must have a row on
 *   every model bar from their first to their last (0 USD where nothing was liquidated), else this
 *   throws naming the row and value: a total stamped elsewhere would be scored against the wrong
 *   bar, and a bar without a row (a coarser grid, missing rows) would score a made-up 0 USD.
 *   Rows at the same open time are added.
 * Rows before the first bar's open, in a gap between two bars, or at/after the last bar's close
 * are outside the model's bars: they are left out and counted (`outside`). The covered bars run
 * from the bar of the first realized row inside them to the bar of the last; a covered bar with no
 * forced order has 0 USD.
 */
import type { Columns } from "../engine/index";
import { floorIndex } from "../util/arrays";
import { error } from "../util/errors";
import { intervalLabel } from "../util/time";
import { hasColumn, increasing, nonNegative, numbers, strings } from "./columns";

export interface RealizedBars {
  long: Float64Array;
  short: Float64Array;
  /** Realized rows placed on each bar (forced orders, or totals rows at its open). */
  rows: Int32Array;
  /** First and last bar index covered by the realized data (inclusive). */
  first: number;
  last: number;
  /**
   * Rows outside the model's bars, left out: before the first bar's open, in a gap between two
   * bars, or at/after the last bar's close; `usd` is their long + short USD.
   */
  outside: { rows: number; usd: number };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Each bar's close (the first ms after it) as one array: `ends` as given, or every bar lasting
 * `ends` ms. Throws naming `barsLabel` on a close that is not after its bar's open or after the
 * next bar's open (bars cannot overlap: a row there would belong to two bars).
 */
function barCloses(barTimes: Float64Array, ends: number | Float64Array, barsLabel: string): Float64Array {
  const n = barTimes.length;
  let close: Float64Array;
  if (typeof ends === "number") {
    if (!(ends > 0) || !Number.isFinite(ends)) throw error("the bar interval must be a positive number of ms", { file: barsLabel, column: "time", value: ends });
    close = barTimes.map((t) => t + ends);
  } else {
    if (!(ends instanceof Float64Array) || ends.length !== n) {
      throw error(`bar closes must be a Float64Array of one close per bar (${n})`, { file: barsLabel, column: "close", value: ends instanceof Float64Array ? ends.length : ends });
    }
    close = ends;
  }
  for (let b = 0; b < n; b++) {
    const c = close[b]!;
    if (!Number.isFinite(c) || !(c > barTimes[b]!)) throw error(`a bar's close must be a time after its open (${barTimes[b]}) at row ${b}`, { file: barsLabel, column: "close", value: c });
    if (b + 1 < n && c > barTimes[b + 1]!) {
      throw error(`bars cannot overlap: row ${b} (open ${barTimes[b]}) closes at ${c}, after row ${b + 1} opens (${barTimes[b + 1]}); a bar interval longer than the step between bars?`, { file: barsLabel, column: "time", value: c });
    }
  }
  return close;
}

/**
 * Sums `realized` onto the bars opening at `barTimes` (strictly increasing, the model's bar
 * times). `ends` sets where each bar closes: one close per bar (epoch ms, the first ms after the
 * bar; replay's bar ends, which leave gaps where a candle is missing), or a number of ms every bar
 * lasts. `label` names the realized table and `barsLabel` the bars' table in errors.
 */
export function realizedOnBars(barTimes: Float64Array, ends: number | Float64Array, realized: Columns, label = "realized", barsLabel = "model.bars"): RealizedBars {
  const n = barTimes.length;
  if (n === 0) throw error("no bars to place realized liquidations on", { file: barsLabel, column: "time", value: 0 });
  increasing(barTimes, barsLabel);
  const close = barCloses(barTimes, ends, barsLabel);
  const time = numbers(realized, "time", label);
  const rows = time.length;
  const totals = hasColumn(realized, "longUsd") && hasColumn(realized, "shortUsd");
  if (!totals && !(hasColumn(realized, "side") && hasColumn(realized, "usd"))) {
    throw error('realized liquidations need columns "longUsd" and "shortUsd" (per bar) or "side" and "usd" (per order)', { file: label, column: "longUsd" });
  }
  const lu = totals ? numbers(realized, "longUsd", label, rows) : null;
  const su = totals ? numbers(realized, "shortUsd", label, rows) : null;
  const side = totals ? null : strings(realized, "side", label, rows);
  const usd = totals ? null : numbers(realized, "usd", label, rows);
  if (lu && su) {
    nonNegative(lu, "longUsd", label, "realized USD");
    nonNegative(su, "shortUsd", label, "realized USD");
  } else {
    for (let i = 0; i < rows; i++) if (side![i] !== "long" && side![i] !== "short") throw error(`side must be "long" or "short" at row ${i}`, { file: label, column: "side", value: side![i] });
    nonNegative(usd!, "usd", label);
  }
  if (rows === 0) throw error("the realized table has no rows", { file: label, column: "time", value: 0 });

  const end = close[n - 1]!;
  // The bar of each row (−1 outside the model's bars: before the first open, in a gap after a
  // bar's close, at/after the last close); for totals, the first row on each bar.
  const bar = new Int32Array(rows);
  const rowAt = new Int32Array(n).fill(-1);
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < rows; i++) {
    const t = time[i]!;
    let b = floorIndex(barTimes, t);
    if (b >= 0 && !(t < close[b]!)) b = -1;
    bar[i] = b;
    if (b < 0) continue;
    if (totals && t !== barTimes[b]) {
      throw error(
        `per-bar totals must be stamped at a model bar's open: row ${i} is ${t - barTimes[b]!} ms after the open of ${barsLabel} row ${b} (${barTimes[b]}). ` +
          'Stamped at the bar\'s close, on another grid, or in another time zone? (forced orders with "side" and "usd" may carry any time)',
        { file: label, column: "time", value: t },
      );
    }
    if (rowAt[b] < 0) rowAt[b] = i;
    first = Math.min(first, b);
    last = Math.max(last, b);
  }
  if (first === Infinity) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const t of time) {
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
    throw error(`no row falls inside the model's bars (${barsLabel} rows 0 to ${n - 1}, from ${barTimes[0]} to ${end}, less any gaps between them): the realized rows run from ${lo} to ${hi}`, { file: label, column: "time", value: [lo, hi] });
  }
  if (totals) checkTotalsGrid(barTimes, close, time, rowAt, first, last, label, barsLabel);

  const long = new Float64Array(n);
  const short = new Float64Array(n);
  const count = new Int32Array(n);
  const outside = { rows: 0, usd: 0 };
  for (let i = 0; i < rows; i++) {
    const b = bar[i]!;
    // Counted, not dropped without a word: the caller reports what its scores leave out.
    if (b < 0) {
      outside.rows++;
      outside.usd += lu && su ? lu[i]! + su[i]! : usd![i]!;
      continue;
    }
    count[b]++;
    if (lu && su) {
      long[b] += lu[i]!;
      short[b] += su[i]!;
    } else (side![i] === "long" ? long : short)[b] += usd![i]!;
  }
  return { long, short, rows: count, first, last, outside };
}

/**
 * Per-bar totals on the model's opens can still be on another grid: every k-th bar or with rows
 * missing (hourly totals on half-hour bars, a vendor that leaves out quiet bars: the bars without
 * a row would score 0 USD, a number nobody reported), or stamped at the close (open + interval,
 * one bar late: each bar scored against the next one's liquidations). The first shows as a model
 * bar without a row between the first and the last bar holding one; the second, when the table
 * runs exactly from bar 1's open to the last bar's close, as the model's own span shifted by one
 * bar. A bar without a row is refused rather than left out of the scores: the scored bars stay
 * consecutive, as the series, the figures and the block bootstrap read them.
 */
function checkTotalsGrid(barTimes: Float64Array, close: Float64Array, time: Float64Array, rowAt: Int32Array, first: number, last: number, label: string, barsLabel: string): void {
  const n = barTimes.length;
  let prev = first;
  for (let b = first + 1; b <= last; b++) {
    if (rowAt[b]! < 0) continue;
    if (b - prev > 1) {
      // The first row after a bar without one, and the bar grid, so the table can be checked.
      const i = rowAt[b]!;
      const missing = prev + 1;
      const span = close[missing]! - barTimes[missing]!;
      let stride = 0;
      let p = first;
      for (let k = first + 1; k <= last; k++) {
        if (rowAt[k]! < 0) continue;
        stride = gcd(stride, k - p);
        p = k;
      }
      const coarser = stride > 1 ? ` The rows sit only every ${stride} model bars: a coarser grid than the model's.` : "";
      throw error(
        `per-bar totals need a row on every model bar from their first to their last: row ${i}, at ${time[i]}, is on ${barsLabel} row ${b}, ${b - prev} bars after row ${rowAt[prev]} on ${barsLabel} row ${prev}, ` +
          `and ${barsLabel} row ${missing} (open ${barTimes[missing]}, a bar of ${intervalLabel(span)}) has none.${coarser} ` +
          "A bar without a row would score a made-up 0 USD: give one row per model bar (0 USD where nothing was liquidated), or forced orders",
        { file: label, column: "time", value: time[i] },
      );
    }
    prev = b;
  }
  if (n < 2) return;
  let lo = 0;
  let hi = 0;
  for (let i = 1; i < time.length; i++) {
    if (time[i]! < time[lo]!) lo = i;
    if (time[i]! > time[hi]!) hi = i;
  }
  const end = close[n - 1]!;
  if (time[lo] === barTimes[1] && time[hi] === end) {
    throw error(
      `per-bar totals run from the open of ${barsLabel} row 1 to the close of its last bar: row ${hi} is stamped at ${end}, when ${barsLabel} row ${n - 1} closes, and no row sits at row 0's open. ` +
        "They look stamped at the bar's close, which scores each bar against the next one's liquidations: stamp each total at its bar's open (time − interval), or cut the rows past the model's last bar if the table really starts and ends a bar later",
      { file: label, column: "time", value: end },
    );
  }
}
