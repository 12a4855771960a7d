/**
 * Hand-built engine and validation results for the figure tests, independent of the engine and
 * the validation harness. `handMap`/`handHeatmap`/`handBacktest` are small with numbers chosen by
 * hand (their expected sums are derived in the comments); `synthetic*` are larger, seeded and
 * shaped like real BTC data, for the screenshots a researcher looks at.
 */
import { table } from "arquero";
import type { Heatmap, LeverageShare, LiquidationMap, PriceGrid, SideUsd } from "../../src/engine/types";
import type { BacktestResult, Metrics } from "../../src/validate/types";
import { mulberry32 } from "../../src/util/random";

const M = 1e6;
const HALF_HOUR = 30 * 60 * 1000;
/** 2026-06-01 00:00 UTC. */
export const T0 = Date.UTC(2026, 5, 1, 0, 0);

export function grid(lo: number, step: number, bins: number): PriceGrid {
  const prices = new Float64Array(bins);
  for (let i = 0; i < bins; i++) prices[i] = lo + (i + 0.5) * step;
  return { lo, step, bins, prices };
}

/**
 * A LiquidationMap from per-tier long/short arrays, with every derived member (table, cumulative
 * curves, liquidationsIf, imbalance, leverageShares) computed the plain way the engine documents.
 */
export function makeMap(args: { time: number; price: number; source: string; tiers: number[]; grid: PriceGrid; long: Float64Array[]; short: Float64Array[] }): LiquidationMap {
  const { price, tiers, long, short } = args;
  const g = args.grid;
  const n = g.bins;
  const sideLong = new Float64Array(n);
  const sideShort = new Float64Array(n);
  const rows = { price: [] as number[], side: [] as string[], leverage: [] as number[], usd: [] as number[] };
  tiers.forEach((lev, t) => {
    for (let i = 0; i < n; i++) {
      sideLong[i]! += long[t]![i]!;
      sideShort[i]! += short[t]![i]!;
      for (const [side, v] of [["long", long[t]![i]!], ["short", short[t]![i]!]] as const) {
        if (v > 0) {
          rows.price.push(g.prices[i]!);
          rows.side.push(side);
          rows.leverage.push(lev);
          rows.usd.push(v);
        }
      }
    }
  });
  const cumLong = new Float64Array(n);
  const cumShort = new Float64Array(n);
  let acc = 0;
  for (let i = n - 1; i >= 0; i--) {
    if (g.prices[i]! < price) acc += sideLong[i]!;
    cumLong[i] = g.prices[i]! < price ? acc : 0;
  }
  acc = 0;
  for (let i = 0; i < n; i++) {
    if (g.prices[i]! > price) acc += sideShort[i]!;
    cumShort[i] = g.prices[i]! > price ? acc : 0;
  }
  const liquidationsIf = (target: number): SideUsd => {
    let usd = 0;
    if (target < price) {
      for (let i = 0; i < n; i++) if (g.prices[i]! >= target && g.prices[i]! < price) usd += sideLong[i]!;
      return { side: "long", usd };
    }
    for (let i = 0; i < n; i++) if (g.prices[i]! <= target && g.prices[i]! > price) usd += sideShort[i]!;
    return { side: "short", usd };
  };
  return {
    time: args.time,
    price,
    source: args.source,
    tiers,
    grid: g,
    long,
    short,
    table: table(rows),
    cumulative: { price: g.prices, long: cumLong, short: cumShort },
    liquidationsIf,
    imbalance(withinPct: number) {
      let longUsd = 0;
      let shortUsd = 0;
      for (let i = 0; i < n; i++) {
        if (Math.abs(g.prices[i]! - price) <= (price * withinPct) / 100) {
          longUsd += sideLong[i]!;
          shortUsd += sideShort[i]!;
        }
      }
      const ratio = shortUsd > 0 ? longUsd / shortUsd : longUsd > 0 ? Infinity : 1;
      return { longUsd, shortUsd, ratio };
    },
    leverageShares(low: number, high: number): LeverageShare[] {
      const usd = tiers.map((_, t) => {
        let s = 0;
        for (let i = 0; i < n; i++) if (g.prices[i]! >= low && g.prices[i]! <= high) s += long[t]![i]! + short[t]![i]!;
        return s;
      });
      const total = usd.reduce((a, b) => a + b, 0);
      return tiers.map((leverage, t) => ({ leverage, usd: usd[t]!, share: total > 0 ? usd[t]! / total : 0 }));
    },
  };
}

/** One heatmap column of `n` bins, in whatever float array type the engine's Heatmap uses. */
type HeatColumn = Heatmap["z"][number];
function heatColumn(n: number): HeatColumn {
  return new Float32Array(n) as unknown as HeatColumn;
}

function sparse(n: number, entries: Record<number, number>): Float64Array {
  const a = new Float64Array(n);
  for (const [i, v] of Object.entries(entries)) a[Number(i)] = v;
  return a;
}

/**
 * Ten $1,000 bins from $60,000 to $70,000, price $65,000, tiers 10×, 25×, 100×.
 * Longs (USD millions) by bin: b1 4 (10×), b2 2+3 (10×, 25×), b3 5+1 (25×, 100×), b4 8 (100×).
 * Shorts: b5 7 (100×), b6 4+3 (25×, 100×), b7 2 (25×), b8 6 (10×).
 * So per bin, all tiers: [0, 4, 5, 6, 8 | 7, 7, 2, 6, 0] M; per tier, both sides: 10× 12 M,
 * 25× 14 M, 100× 19 M (45 M in all: 23 M long, 22 M short).
 * Falling to $63,000 liquidates the longs of bins 3 and 4 (centres 63,500 and 64,500): 14 M;
 * rising to $67,000 liquidates the shorts of bins 5 and 6: 14 M; $62,000 → 19 M of longs.
 */
export function handMap(source = "BTCUSDT Binance, 30m candles + OI (hand-built test map)"): LiquidationMap {
  const n = 10;
  return makeMap({
    time: T0,
    price: 65_000,
    source,
    tiers: [10, 25, 100],
    grid: grid(60_000, 1_000, n),
    long: [sparse(n, { 1: 4 * M, 2: 2 * M }), sparse(n, { 2: 3 * M, 3: 5 * M }), sparse(n, { 3: 1 * M, 4: 8 * M })],
    short: [sparse(n, { 8: 6 * M }), sparse(n, { 6: 4 * M, 7: 2 * M }), sparse(n, { 5: 7 * M, 6: 3 * M })],
  });
}

/**
 * Six half-hour columns over eight $500 bins from $60,000. Cell (c, i) holds (8c + i + 1) × $1,000,
 * so the 48 positive cells are $1,000 … $48,000 and their 99th percentile (type 7) is
 * v[⌊47 × 0.99⌋] + 0.53 × $1,000 = $47,000 + $530 = $47,530. Seven candles open at T0 + k·30 min;
 * column c is taken at the close of candle c (= the open of candle c + 1).
 */
export function handHeatmap(source = "BTCUSDT Binance, 30m candles + OI (hand-built test heatmap)"): Heatmap {
  const cols = 6;
  const bins = 8;
  const g = grid(60_000, 500, bins);
  const times = new Float64Array(cols);
  const z: HeatColumn[] = [];
  const long: HeatColumn[] = [];
  const short: HeatColumn[] = [];
  for (let c = 0; c < cols; c++) {
    times[c] = T0 + (c + 1) * HALF_HOUR;
    const zc = heatColumn(bins);
    const lc = heatColumn(bins);
    const sc = heatColumn(bins);
    for (let i = 0; i < bins; i++) {
      zc[i] = (8 * c + i + 1) * 1000;
      if (i < 4) lc[i] = zc[i]!;
      else sc[i] = zc[i]!;
    }
    z.push(zc);
    long.push(lc);
    short.push(sc);
  }
  const k = 7;
  const close = [61_900, 61_700, 61_800, 61_400, 61_200, 61_500, 61_300];
  const candles = {
    time: new Float64Array(k),
    open: new Float64Array(k),
    high: new Float64Array(k),
    low: new Float64Array(k),
    close: new Float64Array(close),
  };
  for (let j = 0; j < k; j++) {
    candles.time[j] = T0 + j * HALF_HOUR;
    candles.open[j] = j === 0 ? 62_000 : close[j - 1]!;
    candles.high[j] = Math.max(candles.open[j]!, close[j]!) + 100;
    candles.low[j] = Math.min(candles.open[j]!, close[j]!) - 100;
  }
  return { times, grid: g, z, long, short, candles, source };
}

/**
 * A DOGE-priced map: 25 bins of $0.001 from $0.14, price $0.1523, one tier (20×) with $1M of
 * longs in each of bins 0-11 (centres $0.1405-$0.1515) and $1M of shorts in each of bins 13-24
 * (centres $0.1535-$0.1645). Falling to $0.145 liquidates bins 5-11: $7M of longs; rising to $0.16
 * liquidates bins 13-19: $7M of shorts.
 */
export function dogeMap(source = "DOGEUSDT (hand-built test map)"): LiquidationMap {
  const n = 25;
  const long = new Float64Array(n);
  const short = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (i < 12) long[i] = M;
    if (i > 12) short[i] = M;
  }
  return makeMap({ time: T0, price: 0.1523, source, tiers: [20], grid: grid(0.14, 0.001, n), long: [long], short: [short] });
}

/**
 * `handHeatmap` cut to its first `cols` columns (column c at T0 + (c + 1)·30 min), with its seven
 * half-hour candles or, with `candles: false`, none.
 */
export function handHeatmapColumns(cols: number, candles = true): Heatmap {
  const h = handHeatmap();
  const none = { time: new Float64Array(0), open: new Float64Array(0), high: new Float64Array(0), low: new Float64Array(0), close: new Float64Array(0) };
  return { ...h, times: h.times.slice(0, cols), z: h.z.slice(0, cols), long: h.long.slice(0, cols), short: h.short.slice(0, cols), candles: candles ? h.candles : none };
}

/**
 * 5-minute bars with hourly columns: 38 bars opening at T0 + j·5 min (00:00 to 03:05, the last
 * closing at 03:10) and a column after the last bar of each hour, at 01:00, 02:00 and 03:00 (the
 * closes of bars 11, 23 and 35). Four $500 bins from $60,000; column c holds (c + 1) × $1,000 in
 * every bin. Bar j opens at 61,000 + 10j and closes 10 higher, high +20 and low −20 beyond those.
 */
export function fiveMinuteHourlyHeatmap(source = "BTCUSDT, 5m candles, hourly columns (hand-built test heatmap)"): Heatmap {
  const FIVE = 5 * 60_000;
  const bars = 38;
  const bins = 4;
  const times = Float64Array.from([1, 2, 3], (h) => T0 + h * 12 * FIVE);
  const z: HeatColumn[] = [];
  for (let c = 0; c < times.length; c++) {
    const zc = heatColumn(bins);
    zc.fill((c + 1) * 1000);
    z.push(zc);
  }
  const time = Float64Array.from({ length: bars }, (_, j) => T0 + j * FIVE);
  const open = Float64Array.from(time, (_, j) => 61_000 + 10 * j);
  const close = Float64Array.from(open, (o) => o + 10);
  const candles = { time, open, high: Float64Array.from(close, (c) => c + 20), low: Float64Array.from(open, (o) => o - 20), close };
  return { times, grid: grid(60_000, 500, bins), z, long: z, short: z.map(() => heatColumn(bins)), candles, source };
}

/**
 * Three half-hour columns over ten $0.001 bins from $0.14 (a DOGE-priced heatmap); cell (c, i)
 * holds (i + 1) × $1,000; three candles around $0.145.
 */
export function dogeHeatmap(source = "DOGEUSDT (hand-built test heatmap)"): Heatmap {
  const cols = 3;
  const bins = 10;
  const z: HeatColumn[] = [];
  for (let c = 0; c < cols; c++) {
    const zc = heatColumn(bins);
    for (let i = 0; i < bins; i++) zc[i] = (i + 1) * 1000;
    z.push(zc);
  }
  const times = Float64Array.from([1, 2, 3], (k) => T0 + k * HALF_HOUR);
  const candles = {
    time: Float64Array.from([0, 1, 2], (k) => T0 + k * HALF_HOUR),
    open: Float64Array.of(0.145, 0.1452, 0.1448),
    high: Float64Array.of(0.1461, 0.1463, 0.1455),
    low: Float64Array.of(0.1441, 0.1444, 0.1439),
    close: Float64Array.of(0.1452, 0.1448, 0.145),
  };
  return { times, grid: grid(0.14, 0.001, bins), z, long: z, short: z.map(() => heatColumn(bins)), candles, source };
}

function metrics(spearman: number, logPearson: number, topCapture: number, calibration: number): Metrics {
  return { spearman, logPearson, topCapture, calibration };
}

/**
 * Six half-hour bars. Bar 2 has zero realized longs and bar 4 a zero long estimate, so the long
 * scatter (log axes) can show 4 model points; the baseline is never zero, so it shows 5.
 */
export function handBacktest(source = "btc_regime_30m.csv, 6 half-hour bars (hand-built test result)"): BacktestResult {
  const time = [0, 1, 2, 3, 4, 5].map((k) => T0 + k * HALF_HOUR);
  return {
    bars: 6,
    long: { model: metrics(0.6, 0.55, 0.5, 2.1), baseline: metrics(0.2, 0.25, 0.1, 1.4) },
    short: { model: metrics(0.4, 0.35, 0.3, 1.8), baseline: metrics(0.1, 0.15, 0.0, 0.9) },
    series: table({
      time,
      longEstimatedUsd: [2 * M, 5 * M, 1 * M, 8 * M, 0, 3 * M],
      longBaselineUsd: [3 * M, 3 * M, 3 * M, 3 * M, 3 * M, 3 * M],
      longRealizedUsd: [1 * M, 2 * M, 0, 4 * M, 0.5 * M, 1.5 * M],
      shortEstimatedUsd: [1 * M, 1 * M, 4 * M, 2 * M, 6 * M, 1 * M],
      shortBaselineUsd: [2 * M, 2 * M, 2 * M, 2 * M, 2 * M, 2 * M],
      shortRealizedUsd: [0.2 * M, 0.4 * M, 3 * M, 0.1 * M, 5 * M, 0.3 * M],
    }),
    source,
  };
}

// ---------------------------------------------------------------------------------------------
// Larger seeded fixtures for screenshots.

/** Seeded uniform [0, 1) generator (liqlab's mulberry32). */
export const rng = mulberry32;

function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** A seeded half-hour random walk around $65,000: OHLC candles opening at T0 + k·30 min. */
function walk(bars: number, seed: number) {
  const r = rng(seed);
  const c = { time: new Float64Array(bars), open: new Float64Array(bars), high: new Float64Array(bars), low: new Float64Array(bars), close: new Float64Array(bars) };
  let p = 67_000;
  for (let k = 0; k < bars; k++) {
    const o = p;
    p = o * Math.exp(0.004 * gauss(r));
    c.time[k] = T0 + k * HALF_HOUR;
    c.open[k] = o;
    c.close[k] = p;
    c.high[k] = Math.max(o, p) * (1 + 0.002 * r());
    c.low[k] = Math.min(o, p) * (1 - 0.002 * r());
  }
  return c;
}

/**
 * Positions opened at each bar's close with seeded sizes, liquidated at entry·(1 ∓ 1/L + 0.5%)
 * and removed once price trades through their level: the shape of a real map (clusters near
 * recent prices, high tiers close to price), with no claim to be a model.
 */
function syntheticLevels(candles: ReturnType<typeof walk>, upTo: number, tiers: number[], g: PriceGrid, seed: number) {
  const r = rng(seed);
  const long = tiers.map(() => new Float64Array(g.bins));
  const short = tiers.map(() => new Float64Array(g.bins));
  const open: { t: number; side: 0 | 1; level: number; usd: number }[] = [];
  for (let k = 0; k <= upTo; k++) {
    for (let q = open.length - 1; q >= 0; q--) {
      const pos = open[q]!;
      if ((pos.side === 0 && candles.low[k]! <= pos.level) || (pos.side === 1 && candles.high[k]! >= pos.level)) open.splice(q, 1);
    }
    tiers.forEach((lev, t) => {
      const weight = [0.9, 1.2, 1.0, 0.7, 0.5][t % 5]! * 2e6;
      for (const side of [0, 1] as const) {
        const usd = weight * (0.3 + r() * r() * 3);
        const entry = candles.close[k]! * (1 + 0.001 * gauss(r));
        const level = side === 0 ? entry * (1 - 1 / lev + 0.005) : entry * (1 + 1 / lev - 0.005);
        open.push({ t, side, level, usd });
      }
    });
  }
  for (const pos of open) {
    const i = Math.floor((pos.level - g.lo) / g.step);
    if (i < 0 || i >= g.bins) continue;
    (pos.side === 0 ? long : short)[pos.t]![i]! += pos.usd;
  }
  return { long, short };
}

/** A 200-bin map ($100 bins, $55,000 to $75,000), tiers 5× to 100×, after 300 half-hour bars. */
export function syntheticMap(source = "BTCUSDT Binance perpetual, 30m candles + open interest (synthetic)"): LiquidationMap {
  const candles = walk(300, 7);
  const g = grid(55_000, 100, 200);
  const tiers = [5, 10, 25, 50, 100];
  const { long, short } = syntheticLevels(candles, 299, tiers, g, 11);
  const price = candles.close[299]!;
  return makeMap({ time: candles.time[299]! + HALF_HOUR, price, source, tiers, grid: g, long, short });
}

/** 144 half-hour columns (3 days) over 160 $100 bins, with candles and per-bar realized liquidations. */
export function syntheticHeatmap(source = "BTCUSDT Binance perpetual, 30m candles + open interest (synthetic)") {
  const bars = 145;
  const candles = walk(bars, 3);
  const g = grid(58_000, 100, 160);
  const tiers = [10, 25, 50, 100];
  const times = new Float64Array(bars - 1);
  const z: HeatColumn[] = [];
  const long: HeatColumn[] = [];
  const short: HeatColumn[] = [];
  for (let c = 0; c < bars - 1; c++) {
    times[c] = candles.time[c + 1]!;
    // One seed for every column: column c replays the same positions up to bar c, so levels
    // persist from column to column until price trades through them, as in a real replay.
    const lv = syntheticLevels(candles, c, tiers, g, 100);
    const lc = heatColumn(g.bins);
    const sc = heatColumn(g.bins);
    for (let t = 0; t < tiers.length; t++) {
      for (let i = 0; i < g.bins; i++) {
        lc[i]! += lv.long[t]![i]!;
        sc[i]! += lv.short[t]![i]!;
      }
    }
    long.push(lc);
    short.push(sc);
    const zc = heatColumn(g.bins);
    for (let i = 0; i < g.bins; i++) zc[i] = lc[i]! + sc[i]!;
    z.push(zc);
  }
  const r = rng(5);
  const realized = { time: [] as number[], longUsd: [] as number[], shortUsd: [] as number[] };
  for (let k = 0; k < bars; k++) {
    const move = (candles.close[k]! - candles.open[k]!) / candles.open[k]!;
    realized.time.push(candles.time[k]!);
    realized.longUsd.push(move < -0.003 ? Math.round(-move * 2e9 * (0.5 + r())) : 0);
    realized.shortUsd.push(move > 0.003 ? Math.round(move * 2e9 * (0.5 + r())) : 0);
  }
  const heatmap: Heatmap = { times, grid: g, z, long, short, candles, source };
  return { heatmap, realized };
}

/** 300 half-hour bars of model, baseline and realized liquidations with a moderate rank relation. */
export function syntheticBacktest(source = "btc_regime_30m.csv-shaped synthetic series, 300 half-hour bars"): BacktestResult {
  const r = rng(21);
  const n = 300;
  const cols = { time: [] as number[], longEstimatedUsd: [] as number[], longBaselineUsd: [] as number[], longRealizedUsd: [] as number[], shortEstimatedUsd: [] as number[], shortBaselineUsd: [] as number[], shortRealizedUsd: [] as number[] };
  for (let k = 0; k < n; k++) {
    cols.time.push(T0 + k * HALF_HOUR);
    for (const side of ["long", "short"] as const) {
      const latent = Math.exp(1.6 * gauss(r));
      const realized = r() < 0.08 ? 0 : Math.round(3e5 * latent * Math.exp(0.9 * gauss(r)));
      const est = Math.round(9e5 * latent * Math.exp(0.7 * gauss(r)));
      const base = Math.round(9e5 * Math.exp(0.8 * gauss(r)));
      cols[`${side}EstimatedUsd`].push(est);
      cols[`${side}BaselineUsd`].push(base);
      cols[`${side}RealizedUsd`].push(realized);
    }
  }
  return {
    bars: n,
    long: { model: metrics(0.71, 0.69, 0.47, 3.02), baseline: metrics(0.02, 0.03, 0.1, 2.98) },
    short: { model: metrics(0.68, 0.66, 0.4, 2.95), baseline: metrics(-0.01, 0.0, 0.07, 3.1) },
    series: table(cols),
    source,
  };
}
