/**
 * Realized liquidations onto the model's bars: per-bar totals (`time`, `longUsd`, `shortUsd`)
 * or individual forced orders (`time`, `side`, `usd`) are summed into the bar whose open time
 * is the last one at or before their time. The covered bars run from the bar of the first
 * realized row to the bar of the last; a covered bar with no realized row has 0 USD.
 */
import type { Columns } from "../engine/index";
import { error } from "../util/errors";
import { hasColumn, numbers, strings } from "./columns";

export interface RealizedBars {
  long: Float64Array;
  short: Float64Array;
  /** First and last bar index covered by the realized data (inclusive). */
  first: number;
  last: number;
}

/** Index of the bar containing time t (last bar time <= t), or −1 before the first bar. */
function barOf(barTimes: Float64Array, t: number): number {
  let lo = 0;
  let hi = barTimes.length - 1;
  if (t < barTimes[0]!) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (barTimes[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function realizedOnBars(barTimes: Float64Array, intervalMs: number, realized: Columns, label = "realized"): RealizedBars {
  const n = barTimes.length;
  const long = new Float64Array(n);
  const short = new Float64Array(n);
  const time = numbers(realized, "time", label);
  const totals = hasColumn(realized, "longUsd") && hasColumn(realized, "shortUsd");
  if (!totals && !(hasColumn(realized, "side") && hasColumn(realized, "usd"))) {
    throw error('realized liquidations need columns "longUsd" and "shortUsd" (per bar) or "side" and "usd" (per order)', { file: label, column: "longUsd" });
  }
  const lu = totals ? numbers(realized, "longUsd", label) : null;
  const su = totals ? numbers(realized, "shortUsd", label) : null;
  const side = totals ? null : strings(realized, "side", label);
  const usd = totals ? null : numbers(realized, "usd", label);
  const end = barTimes[n - 1]! + intervalMs;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    if (t >= end) continue;
    const b = barOf(barTimes, t);
    if (b < 0) continue;
    first = Math.min(first, b);
    last = Math.max(last, b);
    if (lu && su) {
      if (lu[i]! < 0 || su[i]! < 0) throw error(`realized USD must be >= 0 at row ${i}`, { file: label, column: lu[i]! < 0 ? "longUsd" : "shortUsd", value: Math.min(lu[i]!, su[i]!) });
      long[b] += lu[i]!;
      short[b] += su[i]!;
    } else {
      const s = side![i];
      if (s !== "long" && s !== "short") throw error(`side must be "long" or "short" at row ${i}`, { file: label, column: "side", value: s });
      if (usd![i]! < 0) throw error(`usd must be >= 0 at row ${i}`, { file: label, column: "usd", value: usd![i] });
      (s === "long" ? long : short)[b] += usd![i]!;
    }
  }
  if (first === Infinity) throw error("no realized liquidation rows fall inside the model's bars", { file: label, column: "time" });
  return { long, short, first, last };
}
