/**
 * `backtest(model, realized, options)`: scores a replayed model's per-bar estimated liquidation
 * USD (model.bars, point in time: bar i's estimate uses the book built from bars before it)
 * against realized liquidations, beside the range × open-interest baseline, per side.
 */
import * as aq from "arquero";
import type { LiquidationModel } from "../engine/types";
import { error } from "../util/errors";
import { asOf, rangeBaseline } from "./baseline";
import { hasColumn, numbers } from "./columns";
import { calibration, logPearson, spearman, topCapture } from "./metrics";
import { BACKTEST_DEFAULTS, type BacktestOptions } from "./options";
import { realizedOnBars } from "./realized";
import type { BacktestResult, Metrics } from "./types";
import type { Columns } from "../engine/index";

/** The four scores of one series against realized USD. */
export function score(series: Float64Array, realized: Float64Array, realizedTop: number, estimatedTop: number): Metrics {
  return {
    spearman: spearman(series, realized),
    logPearson: logPearson(series, realized),
    topCapture: topCapture(series, realized, { realizedTop, estimatedTop }),
    calibration: calibration(series, realized),
  };
}

/** Open interest in USD per bar as known at the bar's open (base coin × the bar's open if no USD column). */
function oiAtOpen(oi: Columns, time: Float64Array, open: Float64Array, interval: number): Float64Array {
  const t = numbers(oi, "time", "openInterest");
  if (hasColumn(oi, "openInterestUsd")) return asOf(time, t, numbers(oi, "openInterestUsd", "openInterest"), interval);
  if (hasColumn(oi, "openInterest")) {
    const base = asOf(time, t, numbers(oi, "openInterest", "openInterest"), interval);
    return base.map((q, i) => q * open[i]!);
  }
  throw error('open interest needs "openInterestUsd" or "openInterest"', { file: "openInterest", column: "openInterestUsd" });
}

export function backtest(model: LiquidationModel, realized: Columns, options: BacktestOptions): BacktestResult {
  if (!options || options.candles === undefined) throw error("backtest needs options.candles (the candles the model was replayed on)", { symbol: "backtest", column: "candles" });
  const realizedTop = options.realizedTop ?? BACKTEST_DEFAULTS.realizedTop;
  const estimatedTop = options.estimatedTop ?? BACKTEST_DEFAULTS.estimatedTop;
  const warmup = options.warmupBars ?? BACKTEST_DEFAULTS.warmupBars;
  const time = numbers(model.bars, "time", "model.bars");
  const estLong = numbers(model.bars, "longLiquidatedUsd", "model.bars");
  const estShort = numbers(model.bars, "shortLiquidatedUsd", "model.bars");
  const n = time.length;
  if (n < 2) throw error("the model has fewer than 2 bars to score", { file: "model.bars", value: n });
  const ct = numbers(options.candles, "time", "candles");
  if (ct.length !== n || ct.some((t, i) => t !== time[i])) throw error("candles must be the ones the model was replayed on (same bar times)", { file: "candles", column: "time", value: [ct.length, n] });
  const open = numbers(options.candles, "open", "candles");
  const high = numbers(options.candles, "high", "candles");
  const low = numbers(options.candles, "low", "candles");
  const interval = time[1]! - time[0]!;
  const oi = oiAtOpen(options.openInterest ?? options.candles, time, open, interval);
  const base = rangeBaseline(open, high, low, oi);
  const real = realizedOnBars(time, interval, realized);
  const from = Math.max(real.first, warmup);
  const to = real.last + 1;
  if (to - from < 2) throw error("fewer than 2 bars to score after the warm-up and the realized coverage", { value: [from, to] });
  const cut = (a: Float64Array) => a.subarray(from, to);
  const side = (est: Float64Array, bl: Float64Array, re: Float64Array, name: string) => {
    const r = cut(re);
    if (!r.some((x) => x > 0)) throw error(`no realized ${name} liquidations in the scored bars: nothing to score`, { column: `${name}Usd` });
    return { model: score(cut(est), r, realizedTop, estimatedTop), baseline: score(cut(bl), r, realizedTop, estimatedTop) };
  };
  const result: BacktestResult = {
    bars: to - from,
    long: side(estLong, base.long, real.long, "long"),
    short: side(estShort, base.short, real.short, "short"),
    series: aq.table({
      time: cut(time).slice(),
      longEstimatedUsd: cut(estLong).slice(),
      longBaselineUsd: cut(base.long).slice(),
      longRealizedUsd: cut(real.long).slice(),
      shortEstimatedUsd: cut(estShort).slice(),
      shortBaselineUsd: cut(base.short).slice(),
      shortRealizedUsd: cut(real.short).slice(),
    }),
    source: options.source ?? `${to - from} bars`,
  };
  return result;
}
