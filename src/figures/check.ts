/**
 * Input checks for the figure builders: a figure drawn from NaN or mismatched arrays would look
 * plausible and be wrong, so bad input throws through the error helper instead.
 */
import type { PriceGrid } from "../engine/types";
import { error, finite, positive } from "../util/errors";

/** Throws unless every value of `xs` is finite and >= 0 (USD amounts). */
export function checkUsd(xs: ArrayLike<number>, label: string, symbol: string): void {
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    if (!(Number.isFinite(v) && v >= 0)) throw error(`${label}[${i}] must be a finite USD amount >= 0`, { symbol, value: v });
  }
}

/** Throws unless every value of `xs` is finite. */
export function checkFinite(xs: ArrayLike<number>, label: string, symbol: string): void {
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]!)) throw error(`${label}[${i}] must be finite`, { symbol, value: xs[i] });
  }
}

/** Throws unless `x` is an object (not null): what a builder reads fields of. */
export function checkObject(x: unknown, label: string, symbol: string, what: string): void {
  if (typeof x !== "object" || x === null) throw error(`${label} must be ${what}`, { symbol, value: x });
}

/** Throws unless `xs` is an array (plain or typed: anything with a length but a string). */
export function checkArray(xs: unknown, label: string, symbol: string): asserts xs is ArrayLike<unknown> {
  if (typeof xs !== "object" || xs === null || typeof (xs as { length?: unknown }).length !== "number") throw error(`${label} must be an array`, { symbol, value: xs });
}

/** Throws unless `xs` is an array of length `n`. */
export function checkLength(xs: ArrayLike<unknown>, n: number, label: string, symbol: string): void {
  checkArray(xs, label, symbol);
  if (xs.length !== n) throw error(`${label} has length ${xs.length}, expected ${n}`, { symbol, value: xs.length });
}

/** Throws unless `xs` strictly ascends (no value equal to or below the one before it). */
export function checkAscending(xs: ArrayLike<number>, label: string, symbol: string): void {
  for (let i = 1; i < xs.length; i++) {
    if (!(xs[i]! > xs[i - 1]!)) throw error(`${label}[${i}] must be greater than ${label}[${i - 1}] (${xs[i - 1]}): ${label} must ascend without repeats`, { symbol, value: xs[i] });
  }
}

/**
 * Throws unless `grid` can be drawn: lo finite, step finite and > 0, `bins` prices, each finite
 * and ascending. A NaN here would reach an axis range or a trace as null.
 */
export function checkGrid(grid: PriceGrid, label: string, symbol: string): void {
  checkObject(grid, label, symbol, "a price grid { lo, step, bins, prices }");
  finite(grid.lo, `${label}.lo`, { symbol });
  positive(grid.step, `${label}.step`, { symbol });
  checkLength(grid.prices, grid.bins, `${label}.prices`, symbol);
  checkFinite(grid.prices, `${label}.prices`, symbol);
  checkAscending(grid.prices, `${label}.prices`, symbol);
}

/** Throws unless every candle has the same length, ascending times, prices > 0 and low <= high. */
export function checkCandles(
  c: { time: ArrayLike<number>; open: ArrayLike<number>; high: ArrayLike<number>; low: ArrayLike<number>; close: ArrayLike<number> },
  label: string,
  symbol: string,
): void {
  checkObject(c, label, symbol, "candles { time, open, high, low, close }");
  checkArray(c.time, `${label}.time`, symbol);
  const k = c.time.length;
  checkFinite(c.time, `${label}.time`, symbol);
  checkAscending(c.time, `${label}.time`, symbol);
  for (const key of ["open", "high", "low", "close"] as const) {
    checkLength(c[key], k, `${label}.${key}`, symbol);
    for (let i = 0; i < k; i++) {
      const v = c[key][i]!;
      if (!(Number.isFinite(v) && v > 0)) throw error(`${label}.${key}[${i}] must be a finite price > 0`, { symbol, value: v });
    }
  }
  for (let i = 0; i < k; i++) {
    if (!(c.low[i]! <= c.high[i]!)) throw error(`${label}.low[${i}] must be <= ${label}.high[${i}] (${c.high[i]})`, { symbol, value: c.low[i] });
  }
}
