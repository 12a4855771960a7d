/**
 * A growable array of amounts over ABSOLUTE price bins: bin k covers [k·step, (k+1)·step).
 * Absolute indexing keeps the grid independent of later data (point in time): a bar never moves
 * another bar's bins, it only grows the storage. `lo`/`hi` bound the occupied bins, so work on
 * the lane touches only bins that hold something.
 */
export class Lane {
  /** Amounts; data[j] is bin `base + j`. */
  data: Float64Array;
  /** Absolute bin index of data[0]. */
  base = 0;
  /** Occupied bins are within [lo, hi]; lo > hi when empty. */
  lo = Infinity;
  hi = -Infinity;
  /** Sum of all amounts in the lane. */
  total = 0;

  constructor(capacity = 64) {
    this.data = new Float64Array(capacity);
  }

  get empty(): boolean {
    return this.lo > this.hi;
  }

  /** Makes bins [kLo, kHi] addressable, reallocating with headroom when needed. */
  ensure(kLo: number, kHi: number): void {
    const len = this.data.length;
    if (this.empty && this.total === 0 && (kLo < this.base || kHi >= this.base + len)) {
      // Nothing stored yet: recentre the storage on the first bins used.
      const cap = Math.max(len, 2 * (kHi - kLo + 1));
      if (cap !== len) this.data = new Float64Array(cap);
      else this.data.fill(0);
      this.base = kLo - ((cap - (kHi - kLo + 1)) >> 1);
      return;
    }
    if (kLo >= this.base && kHi < this.base + len) return;
    const newLo = Math.min(kLo, this.base);
    const newHi = Math.max(kHi, this.base + len - 1);
    const span = newHi - newLo + 1;
    const cap = Math.max(2 * len, span + (span >> 1));
    const base = newLo - ((cap - span) >> 1);
    const data = new Float64Array(cap);
    data.set(this.data, this.base - base);
    this.data = data;
    this.base = base;
  }

  /** Adds v to bin k (k must be addressable). */
  add(k: number, v: number): void {
    this.data[k - this.base] += v;
    this.total += v;
    if (k < this.lo) this.lo = k;
    if (k > this.hi) this.hi = k;
  }

  /** Value of bin k, 0 outside the storage. */
  at(k: number): number {
    const j = k - this.base;
    return j >= 0 && j < this.data.length ? this.data[j] : 0;
  }

  /** Multiplies every amount by f (used when a lazy scale factor is folded back in). */
  multiply(f: number): void {
    if (this.empty) return;
    const d = this.data;
    for (let j = this.lo - this.base, e = this.hi - this.base; j <= e; j++) d[j] *= f;
    this.total *= f;
  }
}
