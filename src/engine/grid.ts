/**
 * The price grid. Bins are absolute: bin k covers [k·step, (k+1)·step), centre (k + 0.5)·step.
 * The step is fixed before the first bar is replayed (given, or from the first bar alone), so the
 * grid never depends on later data.
 */
import type { PriceGrid } from "./types";

/** Rounds to the nearest of 1, 2, 2.5, 5 × 10^n (in log terms). */
export function niceStep(x: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  let best = p;
  for (const m of [1, 2, 2.5, 5, 10]) if (Math.abs(Math.log(m * p / x)) < Math.abs(Math.log(best / x))) best = m * p;
  return best;
}

/**
 * Automatic bin width from the first bar: a quarter of its range relative to the close (its
 * volatility), clamped to 0.025%–0.1% of the price (a 100x level is about 0.6% away, so bins stay
 * several times finer than the nearest levels), rounded to a nice number.
 */
export function autoStep(high: number, low: number, close: number): number {
  const rel = Math.min(1e-3, Math.max(2.5e-4, (high - low) / close / 4));
  return niceStep(close * rel);
}

/** The grid of absolute bins [kLo, kHi]. */
export function gridOf(kLo: number, kHi: number, step: number): PriceGrid {
  const bins = Math.max(0, kHi - kLo + 1);
  // A loop, not Float64Array.from with an arrow: a new closure per call was compiled anew each time.
  const prices = new Float64Array(bins);
  for (let i = 0; i < bins; i++) prices[i] = (kLo + i + 0.5) * step;
  return { lo: kLo * step, step, bins, prices };
}
