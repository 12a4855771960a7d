/**
 * `backtest(model, realized, options)`: scores a replayed model's per-bar estimated liquidation
 * USD against realized liquidations, beside the range × open-interest baseline, per side. Point in
 * time: bar i's estimate reads nothing after bar i's close. By default (`estimate: "bar"`) it is
 * every liquidation the model records in bar i: levels of the book built by the bars before it
 * that bar i's range crossed, plus what bar i opened from its own closing open interest and wiped
 * out before its close; `estimate: "book"` scores the first part alone, which uses what the
 * baseline uses (the open interest known at the bar's open and the bar's range).
 *
 * Realized rows are placed by each bar's own [open, close) (src/validate/realized.ts): rows before
 * the first bar, in a gap between bars or after the last close, the bars outside the realized rows'
 * span and the warm-up are left out of the scores and counted in the result's `leftOut`.
 *
 * Every input is checked before anything is scored, and an error names the table ("model.bars",
 * "candles", "openInterest", "realized"), the column, the row in that table and the value.
 */
import * as aq from "arquero";
import { markEstimate } from "../util/estimate";
import type { LiquidationModel } from "../engine/types";
import { error } from "../util/errors";
import { barSpans } from "../engine/input";
import { leftOutNote } from "../figures/validation";
import { asOf, rangeBaseline } from "./baseline";
import { checkTable, hasColumn, increasing, nonNegative, numbers } from "./columns";
import { calibration, logPearson, spearman, topCapture } from "./metrics";
import { resolveBacktestOptions, type BacktestOptions } from "./options";
import { realizedOnBars } from "./realized";
import type { BacktestResult, Metrics } from "./types";
import type { Columns } from "../engine/index";
import { oiColumn, oiTimeColumn } from "../engine/input";
import { OI_COLUMNS } from "../engine/options";

/** The four scores of one series against realized USD. */
export function score(series: Float64Array, realized: Float64Array, realizedTop: number, estimatedTop: number): Metrics {
  return {
    spearman: spearman(series, realized),
    logPearson: logPearson(series, realized),
    topCapture: topCapture(series, realized, { realizedTop, estimatedTop }),
    calibration: calibration(series, realized),
  };
}

/**
 * Open interest in USD per bar as known at the bar's open (base coin × the bar's open if no USD
 * column), from table `label` ("openInterest", or "candles" when it holds its own OI columns); a
 * first value stamped up to `graceMs` after bar 0's open (bar 0's span) counts for bar 0.
 */
function oiAtOpen(oi: Columns, label: string, time: Float64Array, open: Float64Array, graceMs: number): Float64Array {
  // The replay's names (OI_COLUMNS, USD or coin), so a model and its baseline read one table alike;
  // a generic `value` column needs replay's openInterestUnit and is not read here.
  const found = oiColumn(oi, label, (unit) => unit !== "option");
  if (!found) throw error(`open interest needs ${OI_COLUMNS.filter((c) => c.unit !== "option").map((c) => `"${c.name}"`).join(", ")}`, { file: label, column: "openInterestUsd" });
  const column = found.name;
  // A table of OI bars whose value is the bar's close (Coinglass OHLC) is known at its closeTime.
  // (The candles' own closeTime says when a bar ends, not when OI columns beside it were known:
  // those are read by time, row by row, as replay reads them.)
  const timeColumn = label === "openInterest" && hasColumn(oi, "closeTime") ? "closeTime" : oiTimeColumn(oi);
  const t = numbers(oi, timeColumn, label);
  const v = numbers(oi, column, label, t.length);
  if (t.length === 0) throw error("no rows: the baseline needs open interest", { file: label, column: timeColumn, value: 0 });
  increasing(t, label, timeColumn);
  nonNegative(v, column, label, "open interest");
  const known = asOf(time, t, v, graceMs, { table: label, at: "model.bars", column, timeColumn });
  return found.unit === "usd" ? known : known.map((q, i) => q * open[i]!);
}

/** Throws unless table `label`'s `time` equals model.bars' row for row ("candles must be the ones …: row 3 opens at …"). */
function sameTimes(t: Columns, label: string, time: Float64Array, must: string): void {
  const n = time.length;
  const tt = numbers(t, "time", label);
  if (tt.length !== n) throw error(`${label} ${must}: ${label} has ${tt.length} rows, model.bars ${n}`, { file: label, column: "time", value: tt.length });
  const moved = tt.findIndex((x, i) => x !== time[i]);
  if (moved >= 0) throw error(`${label} ${must}: row ${moved} opens at a time other than model.bars row ${moved} (${time[moved]})`, { file: label, column: "time", value: tt[moved] });
}

export function backtest(model: LiquidationModel, realized: Columns, options: BacktestOptions): BacktestResult {
  const { realizedTop, estimatedTop, warmupBars: warmup, estimate, interval, realizedLabel } = resolveBacktestOptions(options);
  if (typeof model !== "object" || model === null || !("bars" in model)) throw error("model must be a replayed model (liq.replay(...)), with its bars", { symbol: "backtest", column: "model", value: model });
  checkTable(model.bars, "model.bars");
  checkTable(options.candles, "candles");
  if (options.openInterest != null) checkTable(options.openInterest, "openInterest");
  checkTable(realized, "realized");
  // model.bars: bar times strictly increasing, estimates finite and >= 0.
  const time = numbers(model.bars, "time", "model.bars");
  const n = time.length;
  if (n < 2) throw error("the model has fewer than 2 bars to score", { file: "model.bars", column: "time", value: n });
  increasing(time, "model.bars");
  // The estimates: every liquidation of the bar, or (estimate "book") only the book's before it.
  let estTable = model.bars;
  let estLabel = "model.bars";
  let [longCol, shortCol] = ["longLiquidatedUsd", "shortLiquidatedUsd"];
  if (estimate === "book") {
    if (typeof model.liquidationSources !== "function") throw error('estimate "book" needs a replayed model (liq.replay(...)), whose liquidationSources() splits each bar\'s liquidations', { symbol: "backtest", column: "estimate", value: estimate });
    estTable = model.liquidationSources();
    estLabel = "model.liquidationSources()";
    [longCol, shortCol] = ["longBookUsd", "shortBookUsd"];
    checkTable(estTable, estLabel);
    sameTimes(estTable, estLabel, time, "must be the model's own");
  }
  const estLong = numbers(estTable, longCol, estLabel, n);
  const estShort = numbers(estTable, shortCol, estLabel, n);
  nonNegative(estLong, longCol, estLabel, "estimated USD");
  nonNegative(estShort, shortCol, estLabel, "estimated USD");
  // candles: the ones the model was replayed on, row for row.
  sameTimes(options.candles, "candles", time, "must be the ones the model was replayed on");
  const open = numbers(options.candles, "open", "candles", n);
  const high = numbers(options.candles, "high", "candles", n);
  const low = numbers(options.candles, "low", "candles", n);
  // Each bar's own [open, close), as replay reads it: realized rows are placed by it, and a gap
  // between two bars (a missing candle) holds none of them.
  const close = barSpans(options.candles, time, interval).map((last) => last + 1);
  // Bar 0's own span, not the step to bar 1 (which a missing candle widens): a first OI row
  // stamped within it counts for bar 0.
  const grace = close[0]! - time[0]!;
  const oi = options.openInterest == null ? oiAtOpen(options.candles, "candles", time, open, grace) : oiAtOpen(options.openInterest, "openInterest", time, open, grace);
  const base = rangeBaseline(open, high, low, oi, "candles");
  const real = realizedOnBars(time, close, realized, "realized", "model.bars");
  const from = Math.max(real.first, warmup);
  const to = real.last + 1;
  if (to - from < 2) {
    const covered = `the realized rows cover model.bars rows ${real.first} to ${real.last}`;
    if (warmup > real.first) throw error(`fewer than 2 bars to score: ${covered}, and warmupBars leaves out rows 0 to ${warmup - 1}`, { symbol: "backtest", column: "warmupBars", value: warmup });
    throw error(`fewer than 2 bars to score: ${covered} (model.bars times ${time[real.first]} to ${time[real.last]})`, { file: "realized", column: "time", value: time[real.first] });
  }
  const cut = (a: Float64Array) => a.subarray(from, to);
  const side = (est: Float64Array, bl: Float64Array, re: Float64Array, name: string) => {
    const r = cut(re);
    if (!r.some((x) => x > 0)) {
      const column = hasColumn(realized, `${name}Usd`) ? `${name}Usd` : "usd";
      throw error(`no realized ${name} liquidations in the scored bars (model.bars rows ${from} to ${to - 1}): nothing to score`, { file: "realized", column, value: 0 });
    }
    return { model: score(cut(est), r, realizedTop, estimatedTop), baseline: score(cut(bl), r, realizedTop, estimatedTop) };
  };
  // What the scores leave out: realized rows outside the model's bars or on bars not scored
  // (warm-up), and the model bars not scored.
  let rowsOff = real.outside.rows;
  let usdOff = real.outside.usd;
  for (let b = 0; b < n; b++) {
    if (b >= from && b < to) continue;
    rowsOff += real.rows[b]!;
    usdOff += real.long[b]! + real.short[b]!;
  }
  const leftOut = { realizedRows: rowsOff, realizedUsd: usdOff, bars: n - (to - from) };
  const left = leftOutNote({ bars: to - from, leftOut });
  const result: BacktestResult = {
    bars: to - from,
    long: side(estLong, base.long, real.long, "long"),
    short: side(estShort, base.short, real.short, "short"),
    series: markEstimate(aq.table({
      time: cut(time).slice(),
      longEstimatedUsd: cut(estLong).slice(),
      longBaselineUsd: cut(base.long).slice(),
      longRealizedUsd: cut(real.long).slice(),
      shortEstimatedUsd: cut(estShort).slice(),
      shortBaselineUsd: cut(base.short).slice(),
      shortRealizedUsd: cut(real.short).slice(),
    }), `Liquidation USD per bar: the model's estimate and the naive baseline's (estimates) beside realized (${realizedLabel})${left ? `; ${left}` : ""}`),
    // The figures' "Data:" line: what the model was replayed on (model.source), and how many bars.
    source: options.source ?? (typeof model.source === "string" && model.source !== "" ? `${model.source}, ${to - from} bars scored` : `${to - from} bars`),
    realizedTop,
    estimatedTop,
    estimate,
    leftOut,
    realized: realizedLabel,
  };
  return result;
}
