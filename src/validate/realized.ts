/**
 * Realized liquidations onto the model's bars. Two inputs:
 * - individual forced orders (`time`, `side`, `usd`), stamped at any millisecond: each is summed
 *   into the bar containing it, the last bar whose open time is at or before its time;
 * - per-bar totals (`time`, `longUsd`, `shortUsd`), one row per bar stamped at the bar's OPEN:
 *   a row inside the model's bars must sit exactly on a model bar's open time, and the rows must
 *   not skip bars at a fixed stride (a coarser grid), else this throws naming the row and value:
 *   a total stamped elsewhere would be scored against the wrong bar, and the bars a coarser grid
 *   skips would score a made-up 0 USD. Rows at the same open time are added.
 * Rows before the first bar's open or at/after the last bar's end (its open + intervalMs) are
 * outside the model's bars and left out. The covered bars run from the bar of the first realized
 * row to the bar of the last; a covered bar with no realized row has 0 USD.
 */
import type { Columns } from "../engine/index";
import { floorIndex } from "../util/arrays";
import { error } from "../util/errors";
import { hasColumn, increasing, nonNegative, numbers, strings } from "./columns";

export interface RealizedBars {
  long: Float64Array;
  short: Float64Array;
  /** First and last bar index covered by the realized data (inclusive). */
  first: number;
  last: number;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Sums `realized` onto the bars opening at `barTimes` (strictly increasing, the model's bar
 * times); `intervalMs` is the bar interval, which sets where the last bar ends. `label` names the
 * realized table and `barsLabel` the bars' table in errors.
 */
export function realizedOnBars(barTimes: Float64Array, intervalMs: number, realized: Columns, label = "realized", barsLabel = "model.bars"): RealizedBars {
  const n = barTimes.length;
  if (n === 0) throw error("no bars to place realized liquidations on", { file: barsLabel, column: "time", value: 0 });
  increasing(barTimes, barsLabel);
  if (!(intervalMs > 0) || !Number.isFinite(intervalMs)) throw error("the bar interval must be a positive number of ms", { file: barsLabel, column: "time", value: intervalMs });
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

  const end = barTimes[n - 1]! + intervalMs;
  // The bar of each row (−1 outside the model's bars); for totals, the first row on each bar.
  const bar = new Int32Array(rows);
  const rowAt = new Int32Array(n).fill(-1);
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < rows; i++) {
    const t = time[i]!;
    const b = t >= end ? -1 : floorIndex(barTimes, t);
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
    throw error(`no row falls inside the model's bars (${barsLabel} rows 0 to ${n - 1}, from ${barTimes[0]} to ${end}): the realized rows run from ${lo} to ${hi}`, { file: label, column: "time", value: [lo, hi] });
  }
  if (totals) checkTotalsGrid(barTimes, time, rowAt, end, label, barsLabel);

  const long = new Float64Array(n);
  const short = new Float64Array(n);
  for (let i = 0; i < rows; i++) {
    const b = bar[i]!;
    if (b < 0) continue;
    if (lu && su) {
      long[b] += lu[i]!;
      short[b] += su[i]!;
    } else (side![i] === "long" ? long : short)[b] += usd![i]!;
  }
  return { long, short, first, last };
}

/**
 * Per-bar totals on the model's opens can still be on another grid: every k-th bar (hourly totals
 * on half-hour bars: the bars between would score 0 USD), or stamped at the close (open + interval,
 * one bar late: each bar scored against the next one's liquidations). The first shows as rows
 * whose bar indices all step by a multiple of k > 1; the second, when the table runs exactly from
 * bar 1's open to the last bar's close, as the model's own span shifted by one bar.
 */
function checkTotalsGrid(barTimes: Float64Array, time: Float64Array, rowAt: Int32Array, end: number, label: string, barsLabel: string): void {
  const n = barTimes.length;
  let stride = 0;
  let prev = -1;
  let pair: [number, number] | null = null;
  for (let b = 0; b < n; b++) {
    if (rowAt[b]! < 0) continue;
    if (prev >= 0) {
      stride = gcd(stride, b - prev);
      pair ??= [prev, b];
    }
    prev = b;
  }
  if (pair && stride > 1) {
    const [b0, b1] = pair;
    const i = rowAt[b1]!;
    throw error(
      `per-bar totals sit only every ${stride} model bars: row ${i} is on ${barsLabel} row ${b1}, ${b1 - b0} bars after row ${rowAt[b0]} on ${barsLabel} row ${b0}, and no two rows are on consecutive bars. ` +
        "The realized table is on a coarser grid than the model's bars, and the bars between would score a made-up 0 USD: give one row per model bar (0 USD where nothing was liquidated)",
      { file: label, column: "time", value: time[i] },
    );
  }
  if (n < 2) return;
  let lo = 0;
  let hi = 0;
  for (let i = 1; i < time.length; i++) {
    if (time[i]! < time[lo]!) lo = i;
    if (time[i]! > time[hi]!) hi = i;
  }
  if (time[lo] === barTimes[1] && time[hi] === end) {
    throw error(
      `per-bar totals run from the open of ${barsLabel} row 1 to the close of its last bar: row ${hi} is stamped at ${end}, when ${barsLabel} row ${n - 1} closes, and no row sits at row 0's open. ` +
        "They look stamped at the bar's close, which scores each bar against the next one's liquidations: stamp each total at its bar's open (time − interval), or cut the rows past the model's last bar if the table really starts and ends a bar later",
      { file: label, column: "time", value: end },
    );
  }
}
