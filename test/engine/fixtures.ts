import { mulberry32 } from "../../src/util/random";
/** Seeded synthetic inputs for engine tests. */

/** Seeded uniform [0, 1) generator (liqlab's mulberry32). */
export const prng = mulberry32;

export interface Market {
  candles: { time: Float64Array; open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array; takerBuyVolume: Float64Array };
  openInterest: { time: Float64Array; openInterestUsd: Float64Array };
}

/** n one-minute bars of a random walk around `price` (±0.3% a bar) with OI wandering around 1e9 USD. */
export function market(n: number, seed = 1, price = 30_000, minutes = 1): Market {
  // bar moves scale with the square root of the bar's length (1-minute bars: ±0.3 %, wicks 0.2 %)
  const v = Math.sqrt(minutes);
  const r = prng(seed);
  const c = { time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n), takerBuyVolume: new Float64Array(n) };
  const oi = { time: new Float64Array(n), openInterestUsd: new Float64Array(n) };
  let p = price;
  let o = 1e9;
  for (let i = 0; i < n; i++) {
    const open = p;
    const close = open * (1 + (r() - 0.5) * 0.006 * v);
    c.time[i] = 1_699_999_200_000 + i * minutes * 60_000; // starts on a UTC hour
    c.open[i] = open;
    c.close[i] = close;
    c.high[i] = Math.max(open, close) * (1 + r() * 0.002 * v);
    c.low[i] = Math.min(open, close) * (1 - r() * 0.002 * v);
    c.volume[i] = 10 + r() * 90;
    c.takerBuyVolume[i] = c.volume[i] * r();
    o *= 1 + (r() - 0.5) * 0.01;
    oi.time[i] = c.time[i];
    oi.openInterestUsd[i] = o;
    p = close;
  }
  return { candles: c, openInterest: oi };
}

/** The first n rows of every column. */
export function head<T extends Record<string, Float64Array>>(cols: T, n: number): T {
  return Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, v.slice(0, n)])) as T;
}
