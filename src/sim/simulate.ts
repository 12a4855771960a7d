/**
 * `simulate(options)`: a seeded agent-based perpetual-futures market with KNOWN positions.
 *
 * Each bar is `ticksPerBar` price steps. At every step:
 *   1. organic trading moves log price (Ornstein–Uhlenbeck pull to an anchor that moves from
 *      startPrice to endPrice, volatility dailyVolatility, organic moves reflect off `resistance`);
 *   2. traders open cohorts at the step's price: side by longShare, leverage by the tier mix,
 *      a holding time drawn exponential(holdingBars); the opening rate keeps open interest near
 *      openInterestUsd;
 *   3. every cohort whose liquidation price (the margin rule, src/sim/margin.ts) is crossed is
 *      liquidated by a market order that moves log price by 1% per depthUsd of forced USD
 *      (sells for longs, buys for shorts) — which can cross more levels: a cascade, repeated
 *      until no level is crossed.
 * Cohorts whose holding time ends close at the end of their bar.
 *
 * Open interest counts each agent position once: the counterparty of a leveraged agent is an
 * unleveraged liquidity provider that is never liquidated. So open interest = long + short
 * agent quantity, and the true liquidation map is the agents' levels.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { Book, ALIVE } from "./book";
import { liquidationRatio } from "./margin";
import { resolveSimulateOptions, type ResolvedSimulateOptions, type SimulateOptions } from "./options";
import { rng } from "../util/random";
import { error } from "../util/errors";
import { trueMap, type TrueMap } from "./truth";
import type { PriceGrid } from "../engine/types";

const DAY_MS = 86_400_000;

/** What `simulate()` returns: the observable series (canonical columns) and the truth. */
export interface Simulation {
  options: ResolvedSimulateOptions;
  /** Perpetual klines: time (bar open), open, high, low, close, volume, quoteVolume, takerBuyVolume, trades. */
  candles: ColumnTable;
  /** Spot klines, same columns, for spot-volume comparisons. */
  spotCandles: ColumnTable;
  /**
   * Open interest at each bar's close (time = the close, like Binance's 5-minute metrics):
   * time, openInterest (base), openInterestUsd, longShortRatio (agent accounts long/short),
   * topTraderLongShortRatio (long/short USD), topTraderAccountRatio, takerBuySellRatio.
   */
  openInterest: ColumnTable;
  /**
   * Forced orders, one per side per price step (the step's liquidations summed, price = their
   * average fill): time, side ("long" | "short" = side liquidated), price, quantity, usd.
   */
  liquidations: ColumnTable;
  /** Realized liquidations per bar: time (bar open), longUsd, shortUsd. */
  liquidationTotals: ColumnTable;
  /** Funding settlements: time, fundingRate (fraction), markPrice. */
  funding: ColumnTable;
  /** Leverage tiers, ascending. */
  tiers: number[];
  /**
   * Every cohort that ever opened in the written window or was open at its start: id, side,
   * leverage, entryPrice, quantity, liquidationPrice, traders, openTime, endTime (Infinity
   * while still open), end ("open" | "closed" | "liquidated").
   */
  positions(): ColumnTable;
  /** The positions open after the bar whose open time is <= `time` (default: the last bar). */
  openPositionsAt(time?: number): ColumnTable;
  /**
   * The true map after the bar whose open time is <= `time` (default: the last bar), over `grid`
   * (default: 1,000 bins of 0.1 % of that bar's close, centred on it; pass a replay map's
   * `grid` to compare the two bin for bin). Levels outside the grid are put in its edge bins and
   * their USD reported in `clamped`: widen the grid until it is 0 before reading the edges.
   */
  trueMapAt(time?: number, grid?: PriceGrid): TrueMap;
}

export function simulate(options: SimulateOptions | null = {}): Simulation {
  const o = resolveSimulateOptions(options);
  const r = rng(o.seed);
  const T = o.ticksPerBar;
  const W = o.warmupBars;
  const N = o.bars;
  const barsPerDay = DAY_MS / o.intervalMs;
  const ticksPerDay = barsPerDay * T;
  const sigma = o.dailyVolatility / Math.sqrt(ticksPerDay);
  const kappa = o.reversion / ticksPerDay;
  const tiers = Object.keys(o.leverage).map(Number).sort((a, b) => a - b);
  const tierWeights = tiers.map((l) => o.leverage[l]!);
  const ratio = { long: tiers.map((l) => liquidationRatio(o.symbol, "long", l, o.traderUsd)), short: tiers.map((l) => liquidationRatio(o.symbol, "short", l, o.traderUsd)) };
  const lnStart = Math.log(o.startPrice);
  const lnEnd = Math.log(o.endPrice);
  const lnRes = Math.log(o.resistance);
  const organicPerTick = o.volumeUsdPerDay / ticksPerDay;
  const tickTime = (t: number) => Math.floor(o.start + ((t - W * T) * o.intervalMs) / T);

  const book = new Book();
  const closeAt = new Map<number, number[]>(); // global bar → cohorts to close at its end
  let longQty = 0;
  let shortQty = 0;
  let longCount = 0;
  let shortCount = 0;
  let lnP = lnStart;
  let toOpen = 0;
  let nextCohort = o.cohortUsd * Math.exp(0.5 * r.normal() - 0.125);

  // Written series.
  const c = { time: new Float64Array(N), open: new Float64Array(N), high: new Float64Array(N), low: new Float64Array(N), close: new Float64Array(N), volume: new Float64Array(N), quoteVolume: new Float64Array(N), takerBuyVolume: new Float64Array(N), trades: new Float64Array(N) };
  const s = { volume: new Float64Array(N), quoteVolume: new Float64Array(N), takerBuyVolume: new Float64Array(N), trades: new Float64Array(N) };
  const oi = { time: new Float64Array(N), openInterest: new Float64Array(N), openInterestUsd: new Float64Array(N), longShortRatio: new Float64Array(N), topTraderLongShortRatio: new Float64Array(N), topTraderAccountRatio: new Float64Array(N), takerBuySellRatio: new Float64Array(N) };
  const tot = { time: new Float64Array(N), longUsd: new Float64Array(N), shortUsd: new Float64Array(N) };
  const ev = { time: [] as number[], side: [] as string[], price: [] as number[], quantity: [] as number[], usd: [] as number[] };
  const fund = { time: [] as number[], fundingRate: [] as number[], markPrice: [] as number[] };
  const fundingMs = o.fundingIntervalHours * 3_600_000;
  let imbalanceSum = 0;
  let imbalanceN = 0;

  for (let B = 0; B < W + N; B++) {
    const out = B - W; // written bar index, < 0 during warm-up
    const lnAnchor = out < 0 || N < 2 ? lnStart : lnStart + ((lnEnd - lnStart) * out) / (N - 1);
    const openPrice = Math.exp(lnP);
    let hi = openPrice;
    let lo = openPrice;
    let vol = 0;
    let buyVol = 0;
    let spotVol = 0;
    let spotBuy = 0;
    let trades = 0;
    let liqLong = 0;
    let liqShort = 0;
    for (let j = 0; j < T; j++) {
      const t = B * T + j;
      // 1. organic move
      const z = r.normal();
      lnP += -kappa * (lnP - lnAnchor) + sigma * z;
      if (lnP > lnRes) lnP = 2 * lnRes - lnP;
      let p = Math.exp(lnP);
      // Busier steps trade more: E[0.2 + |z|] = 0.2 + sqrt(2/π) ≈ 0.998, so the mean is organicPerTick.
      const organic = (organicPerTick * (0.2 + Math.abs(z))) / 0.998 / p;
      const buyShare = 0.5 + 0.3 * Math.tanh(z);
      vol += organic;
      buyVol += organic * buyShare;
      const spot = (organic * o.spotVolumeUsdPerDay) / o.volumeUsdPerDay;
      spotVol += spot;
      spotBuy += spot * buyShare;
      trades += 1 + Math.floor(r.next() * 40);
      // 2. opens, keeping open interest near its target
      const oiUsd = (longQty + shortQty) * p;
      toOpen += (o.openInterestUsd / o.holdingBars + Math.max(0, o.openInterestUsd - oiUsd) / Math.max(1, o.holdingBars / 4)) / T;
      while (toOpen >= nextCohort) {
        toOpen -= nextCohort;
        const long = r.next() < o.longShare;
        const k = r.pick(tierWeights);
        const qty = nextCohort / p;
        const liq = p * (long ? ratio.long[k]! : ratio.short[k]!);
        const i = book.add(long ? 1 : -1, k, p, qty, liq, nextCohort / o.traderUsd, t);
        const closeBar = B + Math.floor(r.exponential(o.holdingBars));
        let list = closeAt.get(closeBar);
        if (!list) closeAt.set(closeBar, (list = []));
        list.push(i);
        if (long) { longQty += qty; longCount++; buyVol += qty; } else { shortQty += qty; shortCount++; }
        vol += qty;
        trades++;
        nextCohort = o.cohortUsd * Math.exp(0.5 * r.normal() - 0.125);
      }
      // 3. liquidations and their cascade; one forced order per side per step (like Binance's
      //    snapshot stream, which publishes at most one liquidation per symbol per second).
      let stepLongQty = 0;
      let stepLongUsd = 0;
      let stepShortQty = 0;
      let stepShortUsd = 0;
      for (let round = 0; round < 1000; round++) {
        const sold = book.sweep(1, p, t);
        longCount -= book.swept;
        const bought = book.sweep(-1, p, t);
        shortCount -= book.swept;
        if (sold === 0 && bought === 0) break;
        longQty -= sold;
        shortQty -= bought;
        stepLongQty += sold;
        stepLongUsd += sold * p;
        stepShortQty += bought;
        stepShortUsd += bought * p;
        vol += sold + bought;
        buyVol += bought;
        trades += 2;
        lnP += (0.01 * (bought - sold) * p) / o.depthUsd;
        p = Math.exp(lnP);
        // A cascade on a book far thicker than the depth drives the price to 0 or Infinity, where
        // the sweep over liquidation levels would never end.
        if (!(p > 0 && p < Infinity)) {
          throw error(`forced orders moved the price to ${p} in one step: a depth of ${o.depthUsd} USD per 1 % is too thin for ${o.openInterestUsd} USD of open interest (default openInterestUsd / 10)`, { column: "depthUsd", value: o.depthUsd });
        }
        hi = Math.max(hi, p);
        lo = Math.min(lo, p);
      }
      liqLong += stepLongUsd;
      liqShort += stepShortUsd;
      if (out >= 0) {
        for (const [side, qty, usd] of [["long", stepLongQty, stepLongUsd], ["short", stepShortQty, stepShortUsd]] as const) {
          if (qty === 0) continue;
          ev.time.push(tickTime(t));
          ev.side.push(side);
          ev.price.push(usd / qty);
          ev.quantity.push(qty);
          ev.usd.push(usd);
        }
      }
      hi = Math.max(hi, p);
      lo = Math.min(lo, p);
    }
    // Holding times that end in this bar close at its end.
    const closing = closeAt.get(B);
    if (closing) {
      for (const i of closing) {
        if (book.end[i] !== ALIVE) continue;
        book.close(i, B * T + T - 1);
        const q = book.quantity[i]!;
        if (book.side[i]! > 0) { longQty -= q; longCount--; } else { shortQty -= q; shortCount--; buyVol += q; }
        vol += q;
        trades++;
      }
      closeAt.delete(B);
    }
    const close = Math.exp(lnP);
    const longUsd = longQty * close;
    const shortUsd = shortQty * close;
    imbalanceSum += (longUsd - shortUsd) / Math.max(1e-9, longUsd + shortUsd);
    imbalanceN++;
    if (out < 0) continue;
    const barTime = o.start + out * o.intervalMs;
    c.time[out] = barTime;
    c.open[out] = openPrice;
    c.high[out] = hi;
    c.low[out] = lo;
    c.close[out] = close;
    c.volume[out] = vol;
    c.quoteVolume[out] = vol * ((openPrice + close) / 2);
    c.takerBuyVolume[out] = buyVol;
    c.trades[out] = trades;
    s.volume[out] = spotVol;
    s.quoteVolume[out] = spotVol * ((openPrice + close) / 2) * (1 - o.spotDiscount);
    s.takerBuyVolume[out] = spotBuy;
    s.trades[out] = Math.round(trades * 0.6);
    oi.time[out] = barTime + o.intervalMs;
    oi.openInterest[out] = longQty + shortQty;
    oi.openInterestUsd[out] = (longQty + shortQty) * close;
    oi.longShortRatio[out] = shortCount > 0 ? longCount / shortCount : longCount;
    oi.topTraderLongShortRatio[out] = shortQty > 0 ? longQty / shortQty : longQty;
    oi.topTraderAccountRatio[out] = oi.longShortRatio[out]! * (0.95 + 0.1 * r.next());
    oi.takerBuySellRatio[out] = vol > buyVol ? buyVol / (vol - buyVol) : 1;
    tot.time[out] = barTime;
    tot.longUsd[out] = liqLong;
    tot.shortUsd[out] = liqShort;
    // Funding settles at whole multiples of the interval; the rate follows the long/short tilt.
    const settle = barTime + o.intervalMs;
    if (settle % fundingMs === 0) {
      const rate = Math.min(0.003, Math.max(-0.003, 0.0001 + 0.0004 * (imbalanceSum / imbalanceN)));
      fund.time.push(settle);
      fund.fundingRate.push(Math.round(rate * 1e8) / 1e8);
      fund.markPrice.push(close);
      imbalanceSum = 0;
      imbalanceN = 0;
    }
  }

  const spotScale = 1 - o.spotDiscount;
  /** Index of the bar whose open time is the last <= time (default the last bar). */
  const barAt = (time?: number) => {
    const b = time === undefined ? N - 1 : Math.min(N - 1, Math.floor((time - o.start) / o.intervalMs));
    if (!(b >= 0)) throw error("time is before the first bar", { column: "time", value: time });
    return b;
  };
  const closeTime = (time?: number) => c.time[barAt(time)]! + o.intervalMs;
  const firstTick = W * T;
  return {
    options: o,
    candles: aq.table(c),
    spotCandles: aq.table({
      time: c.time,
      open: c.open.map((x) => x * spotScale),
      high: c.high.map((x) => x * spotScale),
      low: c.low.map((x) => x * spotScale),
      close: c.close.map((x) => x * spotScale),
      ...s,
    }),
    openInterest: aq.table(oi),
    liquidations: aq.table({ time: Float64Array.from(ev.time), side: ev.side, price: Float64Array.from(ev.price), quantity: Float64Array.from(ev.quantity), usd: Float64Array.from(ev.usd) }),
    liquidationTotals: aq.table(tot),
    funding: aq.table({ time: Float64Array.from(fund.time), fundingRate: Float64Array.from(fund.fundingRate), markPrice: Float64Array.from(fund.markPrice) }),
    tiers,
    positions() {
      const ids: number[] = [];
      for (let i = 0; i < book.n; i++) if (book.endTick[i]! >= firstTick) ids.push(i);
      const time = (t: number) => (t === Infinity ? Infinity : tickTime(t));
      return aq.table({
        id: Float64Array.from(ids),
        side: ids.map((i) => (book.side[i]! > 0 ? "long" : "short")),
        leverage: Float64Array.from(ids, (i) => tiers[book.tier[i]!]!),
        entryPrice: Float64Array.from(ids, (i) => book.entry[i]!),
        quantity: Float64Array.from(ids, (i) => book.quantity[i]!),
        liquidationPrice: Float64Array.from(ids, (i) => book.liq[i]!),
        traders: Float64Array.from(ids, (i) => book.traders[i]!),
        openTime: Float64Array.from(ids, (i) => time(book.openTick[i]!)),
        endTime: Float64Array.from(ids, (i) => time(book.endTick[i]!)),
        end: ids.map((i) => (["open", "closed", "liquidated"] as const)[book.end[i]!]!),
      });
    },
    openPositionsAt(time?: number) {
      const at = closeTime(time);
      return this.positions().filter(aq.escape((d: { openTime: number; endTime: number }) => d.openTime < at && d.endTime >= at));
    },
    trueMapAt(time?: number, grid?: PriceGrid) {
      const b = barAt(time);
      const after = (W + b + 1) * T; // first tick after the bar
      return trueMap(book, tiers, after, c.close[b]!, c.time[b]! + o.intervalMs, grid);
    },
  };
}
