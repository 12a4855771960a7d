/**
 * Small helpers over arrays of numbers that several layers share: what counts as a list of
 * numbers, and the exact power-of-two rescaling that keeps sums near 1e308 finite.
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
