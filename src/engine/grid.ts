/**
 * The price grid. Bins are absolute: bin k covers [k·step, (k+1)·step), centre (k + 0.5)·step.
 * The step is fixed before the first bar is replayed (given, or from the first bar alone), so the
 * grid never depends on later data.
 *
 * Centres are the doubles nearest to the decimal centres: with a step of 0.2, bin 635's centre is
 * 127.1, not 127.10000000000001 as (635 + 0.5) · 0.2 gives. It matters beyond printing: prices
 * move in decimal ticks, and a bar whose high is exactly 127.1 must reach the level at 127.1. The
 * replay's liquidation cut (book.ts) and the map questions (map.ts) decide on these same doubles.
 */
import type { PriceGrid } from "./types";

/**
 * Rounds to the nearest of 1, 2, 2.5, 5 × 10^n (in log terms). Below 1 the step is m / 10^−n, the
 * double nearest the decimal (0.3 · 0.1 would give 0.30000000000000004).
 */
export function niceStep(x: number): number {
  const n = Math.floor(Math.log10(x));
  const times = (m: number): number => (n < 0 ? m / 10 ** -n : m * 10 ** n);
  let best = times(1);
  for (const m of [1, 2, 2.5, 5, 10]) if (Math.abs(Math.log(times(m) / x)) < Math.abs(Math.log(best / x))) best = times(m);
  return best;
}

/**
 * A step as a decimal fraction: `units / 10^decimals` for the fewest decimals (at most 12) whose
 * fraction is `step` itself as a double (0.1 → 1 / 10, 2.5 → 25 / 10, 20 → 20 / 1). Any other
 * step (1/3) is kept as it is: `{ units: step, ten: 1 }`.
 */
export function decimalStep(step: number): { units: number; ten: number } {
  for (let d = 0, ten = 1; d <= 12; d++, ten *= 10) {
    const units = Math.round(step * ten);
    if (units / ten === step) return { units, ten };
  }
  return { units: step, ten: 1 };
}

/**
 * Centre of absolute bin k: (2k + 1) · units / (2 · ten), one rounding of the exact decimal (for
 * |(2k + 1) · units| < 2^53, i.e. any price grid). With ten = 1 it is (k + 0.5) · step bit for bit.
 */
export function binCentre(k: number, units: number, ten: number): number {
  return ((2 * k + 1) * units) / (2 * ten);
}

/**
 * Absolute bin holding `price`: the largest k whose lower edge, (k · units) / ten (the double
 * nearest the decimal edge, as binCentre for centres), is <= price. With a 0.1 step, 1.2 is in
 * bin 12 = [1.2, 1.3), where Math.floor(1.2 / 0.1) gives 11 (1.2 / 0.1 is 11.999999999999998).
 * Non-finite prices come back as they are (a guard for the loops; callers check their input).
 */
export function binOf(price: number, units: number, ten: number): number {
  let k = Math.floor((price * ten) / units);
  if (!Number.isFinite(k)) return k;
  while ((k * units) / ten > price) k--;
  while (((k + 1) * units) / ten <= price) k++;
  return k;
}

/** binOf for a step given as a number: the absolute bin holding `price` (not for hot loops: it derives the decimal each call). */
export function binAt(price: number, step: number): number {
  const { units, ten } = decimalStep(step);
  return binOf(price, units, ten);
}

/**
 * Most bins a replay's levels may span (5,000,000). A book keeps two float64 arrays per lane over
 * every bin it has used, and a map one per tier and side: at this span a tiered book and its map
 * take about 1 GB. Beyond it the step is almost surely a mistake (BTC at 30,000 on a 0.001 step is
 * 17.6 million bins: 5 GB and 13 s for one map).
 */
export const MAX_BINS = 5_000_000;

/** Bin numbers stay below this (2^50), so k ± 0.5 and k · step are exact enough to find edges. */
export const MAX_BIN_NUMBER = 2 ** 50;

/**
 * Automatic bin width from the first bar: a quarter of its range relative to the close (its
 * volatility), clamped to 0.025%–0.1% of the price (a 100x level is about 0.6% away, so bins stay
 * several times finer than the nearest levels), rounded to a nice number.
 */
export function autoStep(high: number, low: number, close: number): number {
  const rel = Math.min(1e-3, Math.max(2.5e-4, (high - low) / close / 4));
  return niceStep(close * rel);
}

/**
 * Centres of `bins` bins from a lower edge `lo` (not necessarily a multiple of the step), nearest
 * the decimal centres when lo and step are decimals: (2A + (2i + 1)M) / 2T over a common power of
 * ten T.
 */
export function centresFrom(lo: number, step: number, bins: number): Float64Array {
  const a = decimalStep(lo);
  const m = decimalStep(step);
  const ten = Math.max(a.ten, m.ten);
  const twoA = 2 * a.units * (ten / a.ten);
  const units = m.units * (ten / m.ten);
  const prices = new Float64Array(bins);
  for (let i = 0; i < bins; i++) prices[i] = (twoA + (2 * i + 1) * units) / (2 * ten);
  return prices;
}

/** The grid of absolute bins [kLo, kHi]. */
export function gridOf(kLo: number, kHi: number, step: number): PriceGrid {
  const bins = Math.max(0, kHi - kLo + 1);
  const { units, ten } = decimalStep(step);
  // A loop, not Float64Array.from with an arrow: a new closure per call was compiled anew each time.
  const prices = new Float64Array(bins);
  for (let i = 0; i < bins; i++) prices[i] = binCentre(kLo + i, units, ten);
  return { lo: (kLo * units) / ten, step, bins, prices };
}
