/**
 * Input checks for the figure builders: a figure drawn from NaN or mismatched arrays would look
 * plausible and be wrong, so bad input throws through the error helper instead.
 */
import { error } from "../util/errors";

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

/** Throws unless `xs.length === n`. */
export function checkLength(xs: ArrayLike<unknown>, n: number, label: string, symbol: string): void {
  if (xs.length !== n) throw error(`${label} has length ${xs.length}, expected ${n}`, { symbol, value: xs.length });
}
