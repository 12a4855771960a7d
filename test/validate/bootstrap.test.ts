import assert from "node:assert/strict";
import * as aq from "arquero";
import { compareBootstrap } from "../../src/validate/bootstrap";
import type { BacktestResult } from "../../src/validate/types";

/** A backtest-shaped result over n half-hour bars from the given per-bar series (both sides alike). */
function resultOf(est: number[], base: number[], real: number[]): BacktestResult {
  const n = real.length;
  const time = Float64Array.from({ length: n }, (_, i) => Date.UTC(2026, 0, 1) + i * 1_800_000);
  const cols = (side: string) => ({ [`${side}EstimatedUsd`]: Float64Array.from(est), [`${side}BaselineUsd`]: Float64Array.from(base), [`${side}RealizedUsd`]: Float64Array.from(real) });
  const none = { spearman: 0, logPearson: 0, topCapture: 0, calibration: 1 };
  return { bars: n, long: { model: none, baseline: none }, short: { model: none, baseline: none }, series: aq.table({ time, ...cols("long"), ...cols("short") }), source: "test", realizedTop: 0.05, estimatedTop: 0.1 };
}

const n = 60;
// Realized rises over the bars (distinct values); a model ranking it right, a baseline ranking it backwards.
const real = Array.from({ length: n }, (_, i) => 1_000 * (i + 1));
const right = real.map((x) => 3 * x);
const backwards = real.map((x) => 1e6 - x);

describe("validate/bootstrap", () => {
  it("compareBootstrap(result) of a perfect model beside a reversed baseline: every resample's Spearman difference is 1 − (−1) = 2", () => {
    const t = compareBootstrap(resultOf(right, backwards, real), { blockBars: 5, samples: 200 });
    const row = t.objects().find((r: any) => r.side === "long" && r.metric === "spearman") as Record<string, number>;
    // Resampled bars repeat, but the model's ties sit where realized's do (same order), and the
    // baseline's in the same places reversed: ranks give exactly 1 and −1.
    assert.deepEqual([row.model, row.baseline, row.difference, row.low, row.high, row.notBetter], [1, -1, 2, 2, 2, 0]);
    assert.deepEqual(t.columnNames(), ["side", "metric", "model", "baseline", "difference", "low", "high", "notBetter", "blockBars", "samples"]);
    assert.deepEqual(t.array("metric"), ["spearman", "logPearson", "topCapture", "spearman", "logPearson", "topCapture"]);
  });

  it("compareBootstrap(result) of a model equal to its baseline: differences 0, and notBetter 1 (a tie is no win)", () => {
    const t = compareBootstrap(resultOf(right, right, real), { samples: 100 });
    for (const r of t.objects() as Record<string, number>[]) assert.deepEqual([r.difference, r.low, r.high, r.notBetter], [0, 0, 0, 1]);
  });

  it("compareBootstrap(result, {blockBars: bars}) resamples the bars as they are: the interval is the difference itself", () => {
    // Noisy model and baseline (a fixed pattern), so the difference is no round number.
    const est = real.map((x, i) => x * (1 + ((i * 7) % 5) / 3));
    const base = real.map((x, i) => x * (1 + ((i * 11) % 13) / 2));
    const t = compareBootstrap(resultOf(est, base, real), { blockBars: n, samples: 100 });
    for (const r of t.objects() as Record<string, number>[]) {
      assert.ok(r.difference !== 0, r.metric as never);
      assert.deepEqual([r.low, r.high], [r.difference, r.difference], `${r.side} ${r.metric}`);
      assert.equal(r.notBetter, r.difference > 0 ? 0 : 1);
    }
  });

  it("compareBootstrap(result) defaults to one day of bars per block (48 half-hour bars) and is the same for the same seed", () => {
    const est = real.map((x, i) => x * (1 + ((i * 7) % 5) / 3));
    const r = resultOf(est, backwards, real);
    const a = compareBootstrap(r);
    assert.deepEqual([a.get("blockBars", 0), a.get("samples", 0)], [48, 1000]);
    assert.deepEqual(compareBootstrap(r).objects(), a.objects());
    const other = compareBootstrap(r, { seed: 2 });
    assert.deepEqual(other.array("difference"), a.array("difference"));
    assert.notDeepEqual(other.array("low"), a.array("low"));
    // A wider level holds the narrower one's interval.
    const wide = compareBootstrap(r, { level: 0.99 }).objects() as Record<string, number>[];
    (a.objects() as Record<string, number>[]).forEach((x, i) => assert.ok(wide[i]!.low <= x.low && wide[i]!.high >= x.high, `row ${i}`));
  });

  it("compareBootstrap(null | options out of range) throws naming the option and value", () => {
    const r = resultOf(right, backwards, real);
    assert.throws(() => compareBootstrap(null as never), /^LiqlabError: compareBootstrap: column "result": result must be what backtest\(\) returns .*\(value null\)$/);
    assert.throws(() => compareBootstrap(r, { blockBars: 0 }), /^LiqlabError: compareBootstrap: column "blockBars": blockBars must be a whole number of bars in \[1, 60\] \(value 0\)$/);
    assert.throws(() => compareBootstrap(r, { blockBars: 61 }), /\[1, 60\] \(value 61\)$/);
    assert.throws(() => compareBootstrap(r, { samples: 10 }), /column "samples": samples must be a whole number >= 100 \(value 10\)$/);
    assert.throws(() => compareBootstrap(r, { level: 1 }), /column "level": level must be a share in \(0, 1\) \(value 1\)$/);
    assert.throws(() => compareBootstrap(r, { seed: 1.5 }), /column "seed": seed must be a whole number \(value 1\.5\)$/);
  });
});
