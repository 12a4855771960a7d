import { mulberry32 } from "../src/util/random";
/**
 * Seeded synthetic candles and open interest for benchmarks: a random walk in log price that
 * reflects off [lo, hi] so a year of one-minute bars stays on a fixed grid, with taker volume and
 * open interest that wander. Plain column objects of Float64Array, the engine's fastest input.
 */

export interface SyntheticOptions {
  /** Number of candles. */
  n: number;
  /** Candle interval, ms. */
  interval: number;
  /** Starting price, USD. Default 30,000. */
  price?: number;
  /** Walk is reflected to stay within [lo, hi]. Default 21,000–39,000. */
  lo?: number;
  hi?: number;
  /** Per-bar volatility of log price. Default 0.0008. */
  vol?: number;
  seed?: number;
}

const prng = mulberry32;

export function synthetic(o: SyntheticOptions) {
  const { n, interval } = o;
  const r = prng(o.seed ?? 1);
  const lo = o.lo ?? 21_000;
  const hi = o.hi ?? 39_000;
  const vol = o.vol ?? 0.0008;
  const f = () => new Float64Array(n);
  const candles = { time: f(), open: f(), high: f(), low: f(), close: f(), volume: f(), takerBuyVolume: f() };
  const openInterest = { time: f(), openInterestUsd: f() };
  let p = o.price ?? 30_000;
  let oi = 5e9;
  const t0 = Date.UTC(2025, 0, 1);
  for (let i = 0; i < n; i++) {
    const open = p;
    let close = open * Math.exp((r() + r() + r() - 1.5) * 2 * vol);
    if (close > hi) close = hi - (close - hi);
    if (close < lo) close = lo + (lo - close);
    candles.time[i] = t0 + i * interval;
    candles.open[i] = open;
    candles.close[i] = close;
    candles.high[i] = Math.max(open, close) * (1 + r() * vol);
    candles.low[i] = Math.min(open, close) * (1 - r() * vol);
    candles.volume[i] = 50 + r() * 100;
    candles.takerBuyVolume[i] = candles.volume[i] * (0.3 + 0.4 * r());
    oi *= 1 + (r() - 0.5) * 0.004;
    oi = Math.min(8e9, Math.max(3e9, oi));
    openInterest.time[i] = candles.time[i];
    openInterest.openInterestUsd[i] = oi;
    p = close;
  }
  return { candles, openInterest };
}
