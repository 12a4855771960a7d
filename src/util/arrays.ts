/**
 * Small helpers over arrays of numbers that several layers share: what counts as a list of
 * numbers, the exact power-of-two rescaling that keeps sums near 1e308 finite, and the binary
 * search for the bar holding a time.
 */

/** True for a plain array or a typed array (not a DataView): what options and series accept as a list. */
export function isList(x: unknown): x is ArrayLike<number> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

/**
 * The e of the power of two 2^e at or just below max |a| (within ±1000; 0 when a holds only 0 or
 * a non-finite value): multiplying by 2^−e is exact (the same to the last bit) and brings the
 * largest value near 1, so sums of values or squares near 1e308 do not overflow into Infinity and NaN.
 */
export function unitExponent(a: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]!));
  if (!(max > 0 && max < Infinity)) return 0;
  return Math.max(-1000, Math.min(1000, Math.floor(Math.log2(max))));
}

/** Index of the last element of ascending `xs` that is <= x, or -1 when x < xs[0]. */
export function floorIndex(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  if (hi < 0 || x < xs[0]!) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xs[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
