/**
 * The simulator's book of open cohorts: struct-of-arrays storage plus liquidation-level buckets
 * on a log-price grid, so a price move touches only the buckets it crosses (cost proportional to
 * the move, not to the number of open positions).
 */

/** Width of one liquidation bucket in log price (0.05%). */
const BUCKET = 0.0005;
const bucketOf = (price: number) => Math.floor(Math.log(price) / BUCKET);

/** How a cohort's life ended. */
export const ALIVE = 0;
export const CLOSED = 1;
export const LIQUIDATED = 2;

export class Book {
  n = 0;
  side = new Int8Array(1024); // +1 long, −1 short
  tier = new Int16Array(1024);
  entry = new Float64Array(1024);
  quantity = new Float64Array(1024);
  liq = new Float64Array(1024);
  traders = new Float64Array(1024);
  openTick = new Float64Array(1024);
  endTick = new Float64Array(1024);
  end = new Int8Array(1024);
  /** Number of positions the last sweep liquidated. */
  swept = 0;
  private longBuckets = new Map<number, number[]>();
  private shortBuckets = new Map<number, number[]>();
  private maxLong = -Infinity;
  private minShort = Infinity;

  add(side: 1 | -1, tier: number, entry: number, quantity: number, liq: number, traders: number, tick: number): number {
    if (this.n === this.side.length) this.grow();
    const i = this.n++;
    this.side[i] = side;
    this.tier[i] = tier;
    this.entry[i] = entry;
    this.quantity[i] = quantity;
    this.liq[i] = liq;
    this.traders[i] = traders;
    this.openTick[i] = tick;
    this.endTick[i] = Infinity;
    this.end[i] = ALIVE;
    const k = bucketOf(liq);
    const buckets = side > 0 ? this.longBuckets : this.shortBuckets;
    let list = buckets.get(k);
    if (!list) buckets.set(k, (list = []));
    list.push(i);
    if (side > 0) this.maxLong = Math.max(this.maxLong, k);
    else this.minShort = Math.min(this.minShort, k);
    return i;
  }

  /**
   * Liquidates every open long with liq >= price (side +1) or every open short with
   * liq <= price (side −1) at step `tick`; returns the base quantity liquidated.
   */
  sweep(side: 1 | -1, price: number, tick: number): number {
    const k = bucketOf(price);
    const buckets = side > 0 ? this.longBuckets : this.shortBuckets;
    let qty = 0;
    this.swept = 0;
    const take = (i: number) => {
      this.swept++;
      this.end[i] = LIQUIDATED;
      this.endTick[i] = tick;
      qty += this.quantity[i]!;
    };
    if (side > 0) {
      if (this.maxLong < k) return 0;
      for (let b = this.maxLong; b > k; b--) {
        const list = buckets.get(b);
        if (!list) continue;
        for (const i of list) if (this.end[i] === ALIVE) take(i);
        buckets.delete(b);
      }
      this.maxLong = k;
    } else {
      if (this.minShort > k) return 0;
      for (let b = this.minShort; b < k; b++) {
        const list = buckets.get(b);
        if (!list) continue;
        for (const i of list) if (this.end[i] === ALIVE) take(i);
        buckets.delete(b);
      }
      this.minShort = k;
    }
    // The bucket holding the price: check each level exactly, keep the survivors.
    const list = buckets.get(k);
    if (list) {
      const keep: number[] = [];
      for (const i of list) {
        if (this.end[i] !== ALIVE) continue;
        if (side > 0 ? this.liq[i]! >= price : this.liq[i]! <= price) take(i);
        else keep.push(i);
      }
      if (keep.length) buckets.set(k, keep);
      else buckets.delete(k);
    }
    return qty;
  }

  close(i: number, tick: number): void {
    this.end[i] = CLOSED;
    this.endTick[i] = tick;
  }

  private grow(): void {
    const m = this.side.length * 2;
    const g = <T extends Int8Array | Int16Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(m);
      b.set(a);
      return b;
    };
    this.side = g(this.side);
    this.tier = g(this.tier);
    this.entry = g(this.entry);
    this.quantity = g(this.quantity);
    this.liq = g(this.liq);
    this.traders = g(this.traders);
    this.openTick = g(this.openTick);
    this.endTick = g(this.endTick);
    this.end = g(this.end);
  }
}
