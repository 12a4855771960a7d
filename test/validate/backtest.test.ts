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

  it("backtest(...).series holds the seven per-bar columns the figures draw", () => {
    const r = backtest(modelOf(time, time.map((_, i) => i), time.map(() => 1)), realized, { candles, openInterest, source: "hand" });
    assert.deepEqual(r.series.columnNames(), ["time", "longEstimatedUsd", "longBaselineUsd", "longRealizedUsd", "shortEstimatedUsd", "shortBaselineUsd", "shortRealizedUsd"]);
    assert.equal(r.series.numRows(), n);
    assert.equal(r.source, "hand");
    assert.equal((r.series.array("longBaselineUsd") as Float64Array)[10], 1e7); // 0.1 × 10 % of 1e9
  });

  it("backtest(model, realized, {warmupBars}) leaves the first bars out", () => {
    const r = backtest(modelOf(time, time.map((_, i) => i), time.map(() => 1)), realized, { candles, openInterest, warmupBars: 10 });
    assert.equal(r.bars, n - 10);
  });

  it("backtest(model, realized, candles of another market) throws", () => {
    assert.throws(() => backtest(modelOf(time.slice(1), time.slice(1), time.slice(1)), realized, { candles, openInterest }), /candles must be the ones the model was replayed on/);
  });

  it("backtest(model, no realized shorts, ...) throws rather than scoring nothing", () => {
    const noShorts = { ...realized, shortUsd: new Array(n).fill(0) };
    assert.throws(() => backtest(modelOf(time, time, time), noShorts, { candles, openInterest }), /no realized short liquidations in the scored bars: nothing to score/);
  });
});
