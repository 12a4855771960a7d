import { estimateCaption } from "../../src/util/estimate";
import assert from "node:assert/strict";
import * as aq from "arquero";
import { backtest } from "../../src/validate/backtest";
import type { LiquidationModel } from "../../src/engine/types";

/** A stand-in model: only `bars` is read by backtest. */
function modelOf(time: number[], long: number[], short: number[]): LiquidationModel {
  return { bars: aq.table({ time: Float64Array.from(time), longLiquidatedUsd: Float64Array.from(long), shortLiquidatedUsd: Float64Array.from(short) }) } as unknown as LiquidationModel;
}

const n = 40;
const time = Array.from({ length: n }, (_, i) => i * 1000);
const open = new Array(n).fill(100);
// Bar i dips i/10 % below its open and rises (n − i)/10 % above it.
const low = time.map((_, i) => 100 - i / 10);
const high = time.map((_, i) => 100 + (n - i) / 10);
const candles = { time, open, high, low, close: open };
const openInterest = { time, openInterestUsd: new Array(n).fill(1e9) };
const realized = { time, longUsd: time.map((_, i) => i), shortUsd: time.map((_, i) => n - i) };

describe("validate/backtest", () => {
  it("backtest(model, realized, {candles, openInterest}) scores a perfectly ranked model at 1 and the baseline on its own ranks", () => {
    const model = modelOf(time, time.map((_, i) => 2 * i), time.map((_, i) => 3 * (n - i)));
    const r = backtest(model, realized, { candles, openInterest });
    assert.equal(r.bars, n);
    assert.equal(r.long.model.spearman, 1);
    assert.equal(r.long.model.topCapture, 1);
    assert.ok(Math.abs(r.long.model.calibration - 2) < 1e-12);
    assert.ok(Math.abs(r.short.model.calibration - 3) < 1e-12);
    // The baseline's long series is i/10 % × 1e9, also increasing in i, so it ranks perfectly too.
    assert.ok(Math.abs(r.long.baseline.spearman - 1) < 1e-12);
    // Baseline long = i × 1e6 USD against realized i USD: calibration 1e6.
    assert.ok(Math.abs(r.long.baseline.calibration - 1e6) < 1e-3);
  });

  it("backtest(model, realized, {openInterest as Binance's openInterestHist: timestamp, sumOpenInterestValue | sumOpenInterest}) reads it as replay does", () => {
    const model = modelOf(time, time.map((_, i) => 2 * i), time.map((_, i) => 3 * (n - i)));
    const own = backtest(model, realized, { candles, openInterest });
    const usd = backtest(model, realized, { candles, openInterest: { timestamp: time, sumOpenInterestValue: openInterest.openInterestUsd } });
    // 1e7 coins at an open of 100 is the same 1e9 USD.
    const coins = backtest(model, realized, { candles, openInterest: { timestamp: time, sumOpenInterest: new Array(n).fill(1e7) } });
    assert.deepEqual([usd.long.baseline, usd.short.baseline], [own.long.baseline, own.short.baseline]);
    assert.deepEqual([coins.long.baseline, coins.short.baseline], [own.long.baseline, own.short.baseline]);
    assert.throws(() => backtest(model, realized, { candles, openInterest: { time, oi: openInterest.openInterestUsd } }), /openInterest, column "openInterestUsd": open interest needs "openInterestUsd", "sumOpenInterestValue", "openInterest", "sumOpenInterest"/);
  });

  it("backtest(...).series holds the seven per-bar columns the figures draw", () => {
    const r = backtest(modelOf(time, time.map((_, i) => i), time.map(() => 1)), realized, { candles, openInterest, source: "hand" });
    assert.deepEqual(r.series.columnNames(), ["time", "longEstimatedUsd", "longBaselineUsd", "longRealizedUsd", "shortEstimatedUsd", "shortBaselineUsd", "shortRealizedUsd"]);
    assert.equal(r.series.numRows(), n);
    // Shown or passed on, it says which columns are estimates.
    assert.equal(estimateCaption(r.series), "Liquidation USD per bar: the model's estimate and the naive baseline's (estimates) beside realized (exchange-reported)");
    assert.equal(r.realized, "exchange-reported");
    assert.deepEqual(r.leftOut, { realizedRows: 0, realizedUsd: 0, bars: 0 });
    assert.equal(r.source, "hand");
    // Without one, the figures' "Data:" line names what the model was replayed on.
    assert.equal(backtest({ ...modelOf(time, time.map((_, i) => i), time.map(() => 1)), source: "SYNTH test" }, realized, { candles, openInterest }).source, `SYNTH test, ${n} bars scored`);
    assert.equal(backtest(modelOf(time, time.map((_, i) => i), time.map(() => 1)), realized, { candles, openInterest, warmupBars: 4 }).source, `${n - 4} bars`);
    assert.equal((r.series.array("longBaselineUsd") as Float64Array)[10], 1e7); // 0.1 × 10 % of 1e9
  });

  it("backtest(model, realized, {estimate: 'book'}) scores liquidationSources()' book columns; 'bar' (default) model.bars", () => {
    // The book part ranks perfectly, the whole bar's estimate in reverse: each option scores its own.
    const model = modelOf(time, time.map((_, i) => n - i), time.map((_, i) => i));
    model.liquidationSources = () => aq.table({ time: Float64Array.from(time), longBookUsd: Float64Array.from(time, (_, i) => i), shortBookUsd: Float64Array.from(time, (_, i) => n - i) });
    const bar = backtest(model, realized, { candles, openInterest });
    const book = backtest(model, realized, { candles, openInterest, estimate: "book" });
    assert.deepEqual([bar.estimate, book.estimate], ["bar", "book"]);
    assert.deepEqual([bar.long.model.spearman, bar.short.model.spearman], [-1, -1]);
    assert.deepEqual([book.long.model.spearman, book.short.model.spearman], [1, 1]);
    assert.deepEqual(book.series.array("longEstimatedUsd"), Array.from(time, (_, i) => i));
    // The baseline does not change with what the model is scored on.
    assert.deepEqual(book.long.baseline, bar.long.baseline);
  });

  it("backtest(model without liquidationSources | bad estimate, realized, {estimate}) throws naming the option", () => {
    const model = modelOf(time, time.map((_, i) => i), time.map((_, i) => n - i));
    assert.throws(() => backtest(model, realized, { candles, openInterest, estimate: "book" }), /^LiqlabError: backtest: column "estimate": estimate "book" needs a replayed model \(liq\.replay\(\.\.\.\)\), whose liquidationSources\(\) splits each bar's liquidations \(value "book"\)$/);
    const shifted = modelOf(time, time.map((_, i) => i), time.map((_, i) => n - i));
    shifted.liquidationSources = () => aq.table({ time: Float64Array.from(time, (t, i) => (i === 5 ? t + 1 : t)), longBookUsd: new Float64Array(n), shortBookUsd: new Float64Array(n) });
    assert.throws(() => backtest(shifted, realized, { candles, openInterest, estimate: "book" }), /^LiqlabError: model\.liquidationSources\(\), column "time": model\.liquidationSources\(\) must be the model's own: row 5 opens at a time other than model\.bars row 5 \(5000\) \(value 5001\)$/);
    assert.throws(() => backtest(model, realized, { candles, openInterest, estimate: "books" as never }), /^LiqlabError: backtest: column "estimate": estimate must be "bar" .* or "book" .*\(value "books"\)$/);
  });

  it("backtest(model, realized, {warmupBars}) leaves the first bars out", () => {
    const r = backtest(modelOf(time, time.map((_, i) => i), time.map(() => 1)), realized, { candles, openInterest, warmupBars: 10 });
    assert.equal(r.bars, n - 10);
  });

  it("backtest(model, realized, candles of another market) throws naming the candles' row and value", () => {
    assert.throws(() => backtest(modelOf(time.slice(1), time.slice(1), time.slice(1)), realized, { candles, openInterest }), /^LiqlabError: candles, column "time": candles must be the ones the model was replayed on: candles has 40 rows, model.bars 39 \(value 40\)$/);
    const moved = { ...candles, time: time.map((t, i) => (i === 7 ? t + 500 : t)) };
    assert.throws(() => backtest(modelOf(time, time, time), realized, { candles: moved, openInterest }), /^LiqlabError: candles, column "time": candles must be the ones the model was replayed on: row 7 opens at a time other than model.bars row 7 \(7000\) \(value 7500\)$/);
  });

  it("backtest(model, no realized shorts, ...) throws rather than scoring nothing", () => {
    const noShorts = { ...realized, shortUsd: new Array(n).fill(0) };
    assert.throws(() => backtest(modelOf(time, time, time), noShorts, { candles, openInterest }), /^LiqlabError: realized, column "shortUsd": no realized short liquidations in the scored bars \(model.bars rows 0 to 39\): nothing to score \(value 0\)$/);
  });

  it("backtest(model with a negative estimate at row 14, ..., {warmupBars: 10}) names model.bars, the column and row 14, not the model's 'bar 4'", () => {
    const model = modelOf(time, time.map((_, i) => (i === 14 ? -5 : i)), time.map(() => 1));
    assert.throws(() => backtest(model, realized, { candles, openInterest, warmupBars: 10 }), /^LiqlabError: model.bars, column "longLiquidatedUsd": estimated USD must be >= 0 at row 14 \(value -5\)$/);
  });

  it("backtest(model, realized, {openInterest with a negative openInterestUsd}) blames the open interest row, not the model", () => {
    const oi = { time, openInterestUsd: time.map((_, i) => (i === 1 ? -1e9 : 1e9)) };
    assert.throws(() => backtest(modelOf(time, time, time), realized, { candles, openInterest: oi }), /^LiqlabError: openInterest, column "openInterestUsd": open interest must be >= 0 at row 1 \(value -1000000000\)$/);
  });

  it("backtest(model, realized, {openInterest starting 3 bars late}) names the openInterest table, its first row and time", () => {
    const late = { time: time.slice(3), openInterestUsd: new Array(n - 3).fill(1e9) };
    assert.throws(
      () => backtest(modelOf(time, time, time), realized, { candles, openInterest: late }),
      /^LiqlabError: openInterest, column "time": nothing known at the open of model.bars row 0 \(0\): row 0, the first, is stamped 3000 ms later, more than the 1000 ms allowed \(value 3000\)$/,
    );
    // Read by Binance's `timestamp`, or by `closeTime`: the error names the column it read.
    const hist = { timestamp: time.slice(3), sumOpenInterestValue: new Array(n - 3).fill(1e9) };
    assert.throws(() => backtest(modelOf(time, time, time), realized, { candles, openInterest: hist }), /^LiqlabError: openInterest, column "timestamp": nothing known at the open/);
    const bars = { ...late, closeTime: late.time.map((t) => t + 999) };
    assert.throws(() => backtest(modelOf(time, time, time), realized, { candles, openInterest: bars }), /^LiqlabError: openInterest, column "closeTime": nothing known at the open .* stamped 3999 ms later/);
  });

  it("backtest(model, realized, {candles with open 0 at row 2 | a short high column}) names the candles, the column, the row and the value", () => {
    const model = modelOf(time, time, time);
    assert.throws(() => backtest(model, realized, { candles: { ...candles, open: open.map((o, i) => (i === 2 ? 0 : o)) }, openInterest }), /^LiqlabError: candles, column "open": open must be a positive price at row 2 \(value 0\)$/);
    assert.throws(
      () => backtest(model, realized, { candles: { ...candles, high: high.slice(0, 10) }, openInterest }),
      /^LiqlabError: candles, column "high": high has 10 rows where time has 40 \(row 10 has a time but no high\): the columns of a table must have equal lengths \(value 10\)$/,
    );
  });

  it("backtest(model, realized with longUsd shorter than time, ...) throws on the lengths, not on a NaN it made", () => {
    const short5 = { ...realized, longUsd: realized.longUsd.slice(0, 5) };
    assert.throws(
      () => backtest(modelOf(time, time, time), short5, { candles, openInterest }),
      /^LiqlabError: realized, column "longUsd": longUsd has 5 rows where time has 40 \(row 5 has a time but no longUsd\): the columns of a table must have equal lengths \(value 5\)$/,
    );
  });

  it("backtest(model and candles with two times swapped | repeated, ...) throws naming model.bars, the row and the value", () => {
    const swapped = time.map((t, i) => (i === 3 ? time[4]! : i === 4 ? time[3]! : t));
    const m = modelOf(swapped, time, time);
    assert.throws(() => backtest(m, realized, { candles: { ...candles, time: swapped }, openInterest }), /^LiqlabError: model.bars, column "time": time must be strictly increasing: row 4 is before row 3 \(4000\) \(value 3000\)$/);
    const repeated = time.map((t, i) => (i === 4 ? time[3]! : t));
    assert.throws(() => backtest(modelOf(repeated, time, time), realized, { candles: { ...candles, time: repeated }, openInterest }), /^LiqlabError: model.bars, column "time": time must be strictly increasing: row 4 repeats row 3 \(3000\) \(value 3000\)$/);
  });

  it("backtest(model, hourly totals on half-hour bars | totals half a bar off | stamped at the close, ...) throws naming the realized row and value", () => {
    const model = modelOf(time, time, time);
    const everyOther = { time: time.filter((_, i) => i % 2 === 0), longUsd: time.filter((_, i) => i % 2 === 0).map((_, k) => k + 1), shortUsd: time.filter((_, i) => i % 2 === 0).map(() => 1) };
    assert.throws(() => backtest(model, everyOther, { candles, openInterest }), /^LiqlabError: realized, column "time": per-bar totals need a row on every model bar from their first to their last: row 1, at 2000, is on model.bars row 2, .* \(value 2000\)$/);
    const halfOff = { ...realized, time: time.map((t) => t + 500) };
    assert.throws(() => backtest(model, halfOff, { candles, openInterest }), /^LiqlabError: realized, column "time": per-bar totals must be stamped at a model bar's open: row 0 is 500 ms after the open of model.bars row 0 \(0\)\. .* \(value 500\)$/);
    const atClose = { ...realized, time: time.map((t) => t + 1000) };
    assert.throws(() => backtest(model, atClose, { candles, openInterest }), /^LiqlabError: realized, column "time": per-bar totals run from the open of model.bars row 1 to the close of its last bar: row 39 is stamped at 40000, .* \(value 40000\)$/);
  });

  it("backtest(model with hour 1 missing, forced orders, {candles with closeTime}) places each order by its bar's own span: one in the gap and one after the last close are left out and counted", () => {
    const H = 3_600_000;
    // Hourly bars opening at hours 0, 2, 3, …, 10: the step from bar 0 to bar 1 is 2 h, each bar 1 h.
    const hours = [0, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const t = hours.map((h) => h * H);
    const c = { time: t, open: t.map(() => 100), high: t.map(() => 101), low: t.map(() => 99), close: t.map(() => 100), closeTime: t.map((x) => x + H - 1) };
    const oi = { time: t, openInterestUsd: t.map(() => 1e9) };
    const model = modelOf(t, t.map((_, i) => i + 1), t.map((_, i) => 10 - i));
    // 1,000 + i USD a minute into bar i, alternating short and long; 5e6 USD at 01:30 (in the
    // gap) and 7e6 USD half an hour after the last bar's close (11:00).
    const orders = {
      time: [...t.map((x) => x + 60_000), 1.5 * H, 11.5 * H],
      side: [...t.map((_, i) => (i % 2 ? "long" : "short")), "long", "long"],
      usd: [...t.map((_, i) => 1000 + i), 5e6, 7e6],
    };
    const r = backtest(model, orders, { candles: c, openInterest: oi });
    assert.equal(r.bars, 10);
    assert.deepEqual(Array.from(r.series.array("longRealizedUsd") as Float64Array), [0, 1001, 0, 1003, 0, 1005, 0, 1007, 0, 1009]);
    assert.deepEqual(Array.from(r.series.array("shortRealizedUsd") as Float64Array), [1000, 0, 1002, 0, 1004, 0, 1006, 0, 1008, 0]);
    assert.deepEqual(r.leftOut, { realizedRows: 2, realizedUsd: 12e6, bars: 0 });
    assert.equal(
      estimateCaption(r.series),
      "Liquidation USD per bar: the model's estimate and the naive baseline's (estimates) beside realized (exchange-reported); left out of the scores: 0 of 10 bars, 2 realized rows ($12,000,000)",
    );
    // Without closeTime the span is inferred from the first step (2 h), which bar 2 opens inside: refused, as replay refuses it.
    const noClose = { time: c.time, open: c.open, high: c.high, low: c.low, close: c.close };
    assert.throws(
      () => backtest(model, orders, { candles: noClose, openInterest: oi }),
      /^LiqlabError: candles, column "time": row 2: opens 3600000 ms after the previous bar, before it closes \(its span 7200000 ms, from the gap between the first two candles\); bars cannot overlap \(pass `interval` in ms\) \(value 10800000\)$/,
    );
    // With replay's `interval`, the same bars and the same placement.
    assert.deepEqual(backtest(model, orders, { candles: noClose, openInterest: oi, interval: H }).series.array("longRealizedUsd"), r.series.array("longRealizedUsd"));
    assert.throws(() => backtest(model, orders, { candles: noClose, openInterest: oi, interval: -H }), /^LiqlabError: backtest: column "interval": interval must be a positive number of ms \(the one replay was given\) \(value -3600000\)$/);
  });

  it("backtest(model with hour 1 missing, realized, {openInterest first stamped in the gap}) allows bar 0 its own span, not the 2 h step", () => {
    const H = 3_600_000;
    const t = [0, 2, 3, 4].map((h) => h * H);
    const c = { time: t, open: t.map(() => 100), high: t.map(() => 101), low: t.map(() => 99), close: t.map(() => 100), closeTime: t.map((x) => x + H - 1) };
    const model = modelOf(t, [1, 2, 3, 4], [4, 3, 2, 1]);
    const real = { time: t, longUsd: [1, 2, 3, 4], shortUsd: [4, 3, 2, 1] };
    // Stamped at 01:30, after bar 0's close at 01:00: not known at bar 0's open.
    assert.throws(
      () => backtest(model, real, { candles: c, openInterest: { time: [1.5 * H, 2 * H], openInterestUsd: [1e9, 1e9] } }),
      /^LiqlabError: openInterest, column "time": nothing known at the open of model.bars row 0 \(0\): row 0, the first, is stamped 5400000 ms later, more than the 3600000 ms allowed \(value 5400000\)$/,
    );
    // Stamped at bar 0's close: accepted for bar 0.
    assert.equal(backtest(model, real, { candles: c, openInterest: { time: [H, 2 * H], openInterestUsd: [1e9, 1e9] } }).bars, 4);
  });

  it("backtest(model, forced orders from bar 1 to 5, {warmupBars: 2}) counts the bars and realized rows it leaves out", () => {
    // 40 bars of 1 s; orders on bars 1 (3 USD, 2 rows), 2, 5 and one before bar 0.
    const orders = { time: [-5, 1500, 1999, 2000, 5250, 5300], side: ["long", "long", "long", "short", "long", "short"], usd: [100, 1, 2, 4, 8, 16] };
    const r = backtest(modelOf(time, time, time), orders, { candles, openInterest, warmupBars: 2 });
    // Scored: bars 2 to 5. Left out: bars 0, 1 and 6 to 39 (2 + 34), the row before bar 0 and bar 1's two rows.
    assert.equal(r.bars, 4);
    assert.deepEqual(r.leftOut, { realizedRows: 3, realizedUsd: 103, bars: 36 });
    assert.match(estimateCaption(r.series)!, /; left out of the scores: 36 of 40 bars, 3 realized rows \(\$103\)$/);
  });

  it("backtest(model, realized, {realized: 'the simulator\'s forced orders' | ''}) labels realized as given; an empty label throws", () => {
    const model = modelOf(time, time.map((_, i) => i), time.map(() => 1));
    const r = backtest(model, realized, { candles, openInterest, realized: "the simulator's forced orders" });
    assert.equal(r.realized, "the simulator's forced orders");
    assert.equal(estimateCaption(r.series), "Liquidation USD per bar: the model's estimate and the naive baseline's (estimates) beside realized (the simulator's forced orders)");
    assert.throws(() => backtest(model, realized, { candles, openInterest, realized: " " }), /^LiqlabError: backtest: column "realized": realized must say where the realized liquidations come from \(e\.g\. "exchange-reported"\) \(value " "\)$/);
  });

  it("backtest(model, forced orders at any millisecond, ...) still sums each into the bar containing it", () => {
    const orders = { time: [1500, 1999, 2000, 5250, 5300], side: ["long", "long", "short", "long", "short"], usd: [1, 2, 4, 8, 16] };
    const r = backtest(modelOf(time, time, time), orders, { candles, openInterest });
    assert.equal(r.bars, 5); // bars 1 to 5
    assert.deepEqual(Array.from(r.series.array("longRealizedUsd") as Float64Array), [3, 0, 0, 0, 8]);
    assert.deepEqual(Array.from(r.series.array("shortRealizedUsd") as Float64Array), [0, 4, 0, 0, 16]);
  });

  it("backtest(model, realized, {warmupBars: -1 | 2.5 | 39, realizedTop: 0}) throws naming the option and value", () => {
    const model = modelOf(time, time, time);
    assert.throws(() => backtest(model, realized, { candles, openInterest, warmupBars: -1 }), /^LiqlabError: backtest: column "warmupBars": warmupBars must be a whole number of bars >= 0 \(value -1\)$/);
    assert.throws(() => backtest(model, realized, { candles, openInterest, warmupBars: 2.5 }), /warmupBars must be a whole number of bars >= 0 \(value 2.5\)/);
    assert.throws(() => backtest(model, realized, { candles, openInterest, warmupBars: 39 }), /^LiqlabError: backtest: column "warmupBars": fewer than 2 bars to score: the realized rows cover model.bars rows 0 to 39, and warmupBars leaves out rows 0 to 38 \(value 39\)$/);
    assert.throws(() => backtest(model, realized, { candles, openInterest, realizedTop: 0 }), /^LiqlabError: backtest: column "realizedTop": realizedTop must be a share in \(0, 1\] \(value 0\)$/);
  });

  it("backtest(model, realized with BigInt times, ...) reads them as the engine does (Arrow int64 epoch ms)", () => {
    const model = modelOf(time, time.map((_, i) => 2 * i), time.map((_, i) => 3 * (n - i)));
    const r = backtest(model, { ...realized, time: time.map((t) => BigInt(t)) }, { candles, openInterest });
    assert.equal(r.bars, n);
    assert.equal(r.long.model.spearman, 1);
  });

  it("backtest(null | a model without bars, realized, {candles}) throws naming the model, not a TypeError", () => {
    assert.throws(() => backtest(null as unknown as LiquidationModel, realized, { candles, openInterest }), /^LiqlabError: backtest: column "model": model must be a replayed model \(liq\.replay\(\.\.\.\)\), with its bars \(value null\)$/);
    assert.throws(() => backtest({ bars: 5 } as unknown as LiquidationModel, realized, { candles, openInterest }), /^LiqlabError: model\.bars: must be an arquero table or an object of columns \(\{ time: \[\.\.\.\], \.\.\. \}\) \(value 5\)$/);
  });

  it("backtest(model, null | a column that is not an array, {candles}) throws naming the realized table", () => {
    const model = modelOf(time, time, time);
    assert.throws(() => backtest(model, null as never, { candles, openInterest }), /^LiqlabError: realized: must be an arquero table or an object of columns \(\{ time: \[\.\.\.\], \.\.\. \}\) \(value null\)$/);
    assert.throws(() => backtest(model, { ...realized, longUsd: 5 } as never, { candles, openInterest }), /^LiqlabError: realized, column "longUsd": must be an array of values, one per row \(value 5\)$/);
  });

  it("backtest(model, realized, {candles: null}) asks for the candles; {openInterest: null} reads the candles' own, as if omitted", () => {
    const model = modelOf(time, time.map((_, i) => 2 * i), time.map((_, i) => 3 * (n - i)));
    assert.throws(() => backtest(model, realized, { candles: null as never }), /^LiqlabError: backtest: column "candles": backtest needs options\.candles \(the candles the model was replayed on\)$/);
    const own = { ...candles, openInterestUsd: openInterest.openInterestUsd };
    assert.deepEqual(backtest(model, realized, { candles: own, openInterest: null }).long, backtest(model, realized, { candles: own }).long);
    assert.throws(() => backtest(model, realized, { candles, openInterest: 7 as never }), /^LiqlabError: openInterest: must be an arquero table or an object of columns/);
  });
});
