/**
 * A bin whose amount is below this share of the largest running sum of pending range adds met on
 * the way to it is rounding residue and reads as 0: a band's +v and −v entries that did not cancel
 * exactly leave about 1e-16 of the sums they passed through in the bins beyond it (2e-13 USD in an
 * empty bin of a 100,000 USD book). A sum of n doubles is off by at most about n · 1.1e-16 of its
 * largest partial sum, so 2^-40 (9.1e-13) is above the residue of a thousand adds; real amounts
 * that small beside those sums (long-decayed bands) cannot be told from residue and read as 0 too.
 * Maps and settled lanes apply it; heatmap columns (float32, 7 digits) do not need to.
 */
export const RESIDUE = 2 ** -40;

/**
 * A growable array of amounts over ABSOLUTE price bins: bin k covers [k·step, (k+1)·step).
 * Absolute indexing keeps the grid independent of later data (point in time): a bar never moves
 * another bar's bins, it only grows the storage. `lo`/`hi` bound the occupied bins, so work on
 * the lane touches only bins that hold something.
 *
 * Wide even spreads (a tier's band of levels, hundreds of bins for a low-leverage tier) are
 * stored as a difference array, `diff`, accumulated from the lane's NEAR end (the top for long
 * levels, the bottom for short ones): the amount of bin k is `data[k]` plus the sum of `diff` from
 * the near end down (or up) to k. Opening is then O(1) per tier, and liquidation, which always
 * takes bins from the near end, reads only the bins it removes. `settle()` folds `diff` into
 * `data` when every bin is read anyway (heatmap columns, maps, closing nearest first).
 */
export class Lane {
  /** Amounts; data[j] is bin `base + j` (plus the pending range adds in `diff`). */
  data: Float64Array;
  /** Pending range adds, same indexing, summed from the near end (see the class comment). */
  diff: Float64Array;
  /** Absolute bin index of data[0]. */
  base = 0;
  /** Occupied bins are within [lo, hi]; lo > hi when empty. */
  lo = Infinity;
  hi = -Infinity;
  /** Sum of all amounts in the lane. */
  total = 0;
  /** Whether `diff` holds anything. */
  pending = false;

  /** `topNear`: the near end is the top (long levels); else the bottom (short levels). */
  constructor(readonly topNear = true, capacity = 64) {
    this.data = new Float64Array(capacity);
    this.diff = new Float64Array(capacity);
  }

  get empty(): boolean {
    return this.lo > this.hi;
  }

  /** Makes bins [kLo, kHi] addressable, reallocating with headroom when needed. */
  ensure(kLo: number, kHi: number): void {
    const len = this.data.length;
    if (this.empty && this.total === 0 && !this.pending && (kLo < this.base || kHi >= this.base + len)) {
      // Nothing stored yet: recentre the storage on the first bins used.
      const cap = Math.max(len, 2 * (kHi - kLo + 1));
      if (cap !== len) {
        this.data = new Float64Array(cap);
        this.diff = new Float64Array(cap);
      } else {
        this.data.fill(0);
        this.diff.fill(0);
      }
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
    const diff = new Float64Array(cap);
    diff.set(this.diff, this.base - base);
    this.data = data;
    this.diff = diff;
    this.base = base;
  }

  /** Adds v to bin k (k must be addressable). */
  add(k: number, v: number): void {
    this.data[k - this.base] += v;
    this.total += v;
    if (k < this.lo) this.lo = k;
    if (k > this.hi) this.hi = k;
  }

  /**
   * Adds v to every bin of [ka, kb] (addressable, within [lo, hi] once the caller has widened the
   * bounds) in O(1): two entries of `diff`, both inside [ka, kb + 1] or [ka − 1, kb].
   * The caller keeps `total`, `lo` and `hi`.
   */
  addRange(ka: number, kb: number, v: number): void {
    const d = this.diff;
    const b = this.base;
    if (this.topNear) {
      d[kb - b] += v;
      d[ka - 1 - b] -= v;
    } else {
      d[ka - b] += v;
      d[kb + 1 - b] -= v;
    }
    this.pending = true;
  }

  /** Folds the pending range adds into `data` (O(occupied bins)); amounts below 0 or at most RESIDUE of the running sum (rounding) become 0. */
  settle(): void {
    if (!this.pending) return;
    this.pending = false;
    const d = this.data;
    const f = this.diff;
    const b = this.base;
    if (this.empty) {
      f.fill(0);
      return;
    }
    let s = 0;
    // The largest running sum so far, times RESIDUE: amounts at or below it are rounding residue.
    let floor = 0;
    if (this.topNear) {
      for (let j = this.hi - b, e = this.lo - b; j >= e; j--) {
        s += f[j];
        f[j] = 0;
        floor = Math.max(floor, Math.abs(s) * RESIDUE);
        const v = d[j] + s;
        d[j] = v > floor ? v : 0;
      }
      if (this.lo - 1 - b >= 0) f[this.lo - 1 - b] = 0;
    } else {
      for (let j = this.lo - b, e = this.hi - b; j <= e; j++) {
        s += f[j];
        f[j] = 0;
        floor = Math.max(floor, Math.abs(s) * RESIDUE);
        const v = d[j] + s;
        d[j] = v > floor ? v : 0;
      }
      if (this.hi + 1 - b < f.length) f[this.hi + 1 - b] = 0;
    }
  }

  /** Value of bin k, 0 outside the storage. */
  at(k: number): number {
    const j = k - this.base;
    if (!(j >= 0 && j < this.data.length)) return 0;
    if (!this.pending || k < this.lo || k > this.hi) return this.data[j];
    let s = 0;
    const f = this.diff;
    if (this.topNear) for (let i = this.hi - this.base; i >= j; i--) s += f[i];
    else for (let i = this.lo - this.base; i <= j; i++) s += f[i];
    const v = this.data[j] + s;
    return v > 0 ? v : 0;
  }

  /** Empties the lane: its bins (and pending adds) back to zero, no occupied range, total 0. */
  clear(): void {
    if (!this.empty) {
      const a = Math.max(0, this.lo - 1 - this.base);
      const e = Math.min(this.data.length - 1, this.hi + 1 - this.base);
      this.data.fill(0, a, e + 1);
      this.diff.fill(0, a, e + 1);
    }
    this.lo = Infinity;
    this.hi = -Infinity;
    this.total = 0;
    this.pending = false;
  }

  /**
   * Sets `total` to the sum of the bins (pending adds folded in). `total` is kept by subtraction
   * as bins are removed; when nearly everything goes at once the difference cancels and can be
   * off by more than what is left, so the callers re-sum then.
   */
  resum(): void {
    this.settle();
    let s = 0;
    if (!this.empty) for (let j = this.lo - this.base, e = this.hi - this.base; j <= e; j++) s += this.data[j];
    this.total = Math.max(0, s);
  }

  /** Multiplies every amount by f (used when a lazy scale factor is folded back in). */
  multiply(f: number): void {
    if (this.empty) return;
    const d = this.data;
    const df = this.diff;
    const a = Math.max(0, this.lo - 1 - this.base);
    const e = Math.min(d.length - 1, this.hi + 1 - this.base);
    for (let j = a; j <= e; j++) {
      d[j] *= f;
      df[j] *= f;
    }
    this.total *= f;
  }
}

/**
 * One lane kept alive for the life of the module. V8 holds the hidden classes of objects built by
 * a constructor only weakly: when every Lane dies (between two replays, after a garbage
 * collection) they are collected, and every optimised function that checks them is thrown away
 * and compiled again on the next replay. A live instance keeps them, and the compiled kernel.
 */
export const KEEP_LANE_SHAPE = new Lane();
KEEP_LANE_SHAPE.ensure(0, 1);
KEEP_LANE_SHAPE.addRange(1, 1, 0);
KEEP_LANE_SHAPE.settle();
