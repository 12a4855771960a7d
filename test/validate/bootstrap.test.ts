import assert from "node:assert/strict";
import * as aq from "arquero";
import { centralInterval, circularBlocks, compareBootstrap, quantile } from "../../src/validate/bootstrap";
import type { BacktestResult } from "../../src/validate/types";

const HALF_HOUR = 1_800_000;

/** A backtest-shaped result over half-hour bars from the given per-bar series (both sides alike). */
function resultOf(est: number[], base: number[], real: number[], time?: number[]): BacktestResult {
  const n = real.length;
  const t = time ? Float64Array.from(time) : Float64Array.from({ length: n }, (_, i) => Date.UTC(2026, 0, 1) + i * HALF_HOUR);
  const cols = (side: string) => ({ [`${side}EstimatedUsd`]: Float64Array.from(est), [`${side}BaselineUsd`]: Float64Array.from(base), [`${side}RealizedUsd`]: Float64Array.from(real) });
  const none = { spearman: 0, logPearson: 0, topCapture: 0, calibration: 1 };
  return { bars: n, long: { model: none, baseline: none }, short: { model: none, baseline: none }, series: aq.table({ time: t, ...cols("long"), ...cols("short") }), source: "test", realizedTop: 0.05, estimatedTop: 0.1 };
}

const n = 60;
// Realized rises over the bars (distinct values); a model ranking it right, a baseline ranking it backwards.
const real = Array.from({ length: n }, (_, i) => 1_000 * (i + 1));
const right = real.map((x) => 3 * x);
const backwards = real.map((x) => 1e6 - x);
const noisy = real.map((x, i) => x * (1 + ((i * 7) % 5) / 3));

describe("validate/bootstrap", () => {
  it("quantile(sorted, q) interpolates linearly between order statistics (type 7); centralInterval(sorted, level) takes (1 ∓ level)/2", () => {
    assert.equal(quantile([1, 2, 3, 4], 0.25), 1.75); // h = 3 × 0.25 = 0.75: 1 + 0.75 × (2 − 1)
    assert.deepEqual([quantile([1, 2, 3, 4], 0), quantile([1, 2, 3, 4], 1), quantile([7], 0.5)], [1, 4, 7]);
    assert.ok(Math.abs(quantile([1, 2, 3, 4], 0.9) - 3.7) < 1e-12); // h = 2.7: 3 + 0.7 × (4 − 3)
    const hundred = Array.from({ length: 101 }, (_, i) => i);
    const [a, b] = centralInterval(hundred, 0.9);
    assert.ok(Math.abs(a - 5) < 1e-9 && Math.abs(b - 95) < 1e-9, `${a} ${b}`);
    // 1,000 values 0..999 at 95 %: h = 999 × 0.025 = 24.975 and 999 × 0.975 = 974.025.
    const thousand = Array.from({ length: 1000 }, (_, i) => i);
    const [lo, hi] = centralInterval(thousand, 0.95);
    assert.ok(Math.abs(lo - 24.975) < 1e-9 && Math.abs(hi - 974.025) < 1e-9, `${lo} ${hi}`);
  });

  it("circularBlocks(n, blockBars, u, out) draws starts in [0, n), wraps past the last bar and cuts the last block", () => {
    // Starts floor(0.9 × 5) = 4 and floor(0.2 × 5) = 1: blocks 4, 0, 1 (wrapped) and 1, 2 (cut to fit 5).
    const draws = [0.9, 0.2];
    assert.deepEqual([...circularBlocks(5, 3, () => draws.shift()!, new Int32Array(5))], [4, 0, 1, 1, 2]);
    // The largest uniform below 1 starts at the last bar, never past it.
    assert.deepEqual([...circularBlocks(4, 2, () => 1 - 2 ** -53, new Int32Array(4))], [3, 0, 3, 0]);
  });

  it("compareBootstrap(result) of a perfect model beside a reversed baseline: every resample's Spearman difference is 1 − (−1) = 2", () => {
    const t = compareBootstrap(resultOf(right, backwards, real), { blockBars: 5, samples: 200 });
    const row = t.objects().find((r: any) => r.side === "long" && r.metric === "spearman") as Record<string, number>;
    // Resampled bars repeat, but the model's ties sit where realized's do (same order), and the
    // baseline's in the same places reversed: ranks give exactly 1 and −1.
    assert.deepEqual([row.model, row.baseline, row.difference, row.low, row.high, row.notBetter, row.redrawn], [1, -1, 2, 2, 2, 0, 0]);
    assert.deepEqual(t.columnNames(), ["side", "metric", "model", "baseline", "difference", "low", "high", "notBetter", "redrawn", "blockBars", "samples"]);
    assert.deepEqual(t.array("metric"), ["spearman", "logPearson", "topCapture", "spearman", "logPearson", "topCapture"]);
  });

  it("compareBootstrap(result) of a model equal to its baseline: differences 0, and notBetter 1 (a tie is no win)", () => {
    const t = compareBootstrap(resultOf(right, right, real), { samples: 100 });
    for (const r of t.objects() as Record<string, number>[]) assert.deepEqual([r.difference, r.low, r.high, r.notBetter], [0, 0, 0, 1]);
  });

  it("compareBootstrap(result) blocks of one day of bars (48 half-hour bars, from the smallest step), at most a tenth of the bars; same seed, same table", () => {
    const long = Array.from({ length: 600 }, (_, i) => 1 + (i % 37));
    // A 5-hour gap after bar 0: the bar interval is still the smallest step, 30 minutes.
    const time = long.map((_, i) => Date.UTC(2026, 0, 1) + (i === 0 ? 0 : 9 * HALF_HOUR + i * HALF_HOUR));
    const t = compareBootstrap(resultOf(long.map((x, i) => x + (i % 3)), long.map((x, i) => x * (i % 5)), long, time), { samples: 100 });
    assert.deepEqual([t.get("blockBars", 0), t.get("samples", 0)], [48, 100]);
    // 60 bars: a day is more than a tenth of them, so blocks of 6.
    const r = resultOf(noisy, backwards, real);
    const a = compareBootstrap(r);
    assert.deepEqual([a.get("blockBars", 0), a.get("samples", 0)], [6, 1000]);
    assert.deepEqual(compareBootstrap(r).objects(), a.objects());
    const other = compareBootstrap(r, { seed: 2 });
    assert.deepEqual(other.array("difference"), a.array("difference"));
    assert.notDeepEqual(other.array("low"), a.array("low"));
    // A wider level holds the narrower one's interval.
    const wide = compareBootstrap(r, { level: 0.99 }).objects() as Record<string, number>[];
    (a.objects() as Record<string, number>[]).forEach((x, i) => assert.ok(wide[i]!.low <= x.low && wide[i]!.high >= x.high, `row ${i}`));
  });

  it("compareBootstrap(result with sparse realized) redraws resamples whose realized is all 0, and refuses a realized series with nothing to rank", () => {
    // Realized in bar 30 only, blocks of 6 from 60 bars: a block covers bar 30 with probability 6/60,
    // so a resample of 10 blocks misses it with probability 0.9^10 = 0.349. Each scored resample then
    // costs 0.349 / 0.651 = 0.536 redraws on average: about 214 for 400 (standard deviation about 18).
    const one = real.map((x, i) => (i === 30 ? x : 0));
    const u = compareBootstrap(resultOf(right, backwards, one), { blockBars: 6, samples: 400 });
    for (const side of [0, 3]) {
      const k = u.get("redrawn", side) as number;
      assert.ok(k > 214 - 5 * 18 && k < 214 + 5 * 18, `row ${side}: redrawn ${k}`);
    }
    for (const v of u.array("low") as number[]) assert.ok(Number.isFinite(v));
    // Realized equal in every bar: no resample has anything to rank.
    const flat = real.map(() => 5);
    assert.throws(() => compareBootstrap(resultOf(right, backwards, flat), { samples: 100 }), /^LiqlabError: compareBootstrap: column "longRealizedUsd": realized long liquidations are equal \(e\.g\. all 0\) in more than half of the resamples \(101 redrawn while 0 of 100 were scored\): too sparse for blocks of 6 bars \(value 101\)$/);
  });

  it("compareBootstrap(result) counts a lead of 0.003 as a win: only |difference| <= 1e-12 is a tie", () => {
    // Realized 1..60; the model ranks it right but for one swapped pair, the baseline swaps that
    // pair and one more. No resample favours the baseline; one holding bar 40 or 41 favours the model.
    const model = real.slice();
    [model[10], model[11]] = [model[11]!, model[10]!];
    const base = model.slice();
    [base[40], base[41]] = [base[41]!, base[40]!];
    const t = compareBootstrap(resultOf(model, base, real), { blockBars: 6, samples: 200 });
    const row = t.objects().find((r: any) => r.side === "long" && r.metric === "spearman") as Record<string, number>;
    // Spearman = 1 − 6·Σd²/(n(n² − 1)): one swapped pair is Σd² = 2, two pairs 4: a lead of 12/(60·3599).
    assert.ok(Math.abs(row.difference - 12 / (60 * 3599)) < 1e-12, String(row.difference));
    assert.ok(row.low >= 0, String(row.low));
    // Ten blocks of 6 miss both bars 40 and 41 (or split them, one each... still a lead) rarely: a
    // tie tolerance as wide as 0.05 would call every resample a tie.
    assert.ok(row.notBetter > 0 && row.notBetter < 0.9, String(row.notBetter));
  });

  it("compareBootstrap(null | options out of range | a bad series) throws naming the option or column, row and value", () => {
    const r = resultOf(right, backwards, real);
    assert.throws(() => compareBootstrap(null as never), /^LiqlabError: compareBootstrap: column "result": result must be what backtest\(\) returns .*\(value null\)$/);
    assert.throws(() => compareBootstrap(r, { blockBars: 0 }), /^LiqlabError: compareBootstrap: column "blockBars": blockBars must be a whole number of bars in \[1, 6\] \(at least 10 blocks in 60 bars\) \(value 0\)$/);
    assert.throws(() => compareBootstrap(r, { blockBars: 7 }), /\[1, 6\] .*\(value 7\)$/);
    assert.throws(() => compareBootstrap(r, { samples: 10 }), /column "samples": samples must be a whole number >= 100 \(value 10\)$/);
    assert.throws(() => compareBootstrap(r, { level: 1 }), /column "level": level must be a share in \(0, 1\) \(value 1\)$/);
    assert.throws(() => compareBootstrap(r, { seed: 1.5 }), /column "seed": seed must be a whole number \(value 1\.5\)$/);
    assert.throws(() => compareBootstrap(resultOf(right.slice(0, 19), right.slice(0, 19), real.slice(0, 19))), /column "time": needs at least 20 scored bars \(10 blocks of 2\) to resample \(value 19\)$/);
    const bad = resultOf(right, backwards, real);
    const baseNaN = backwards.slice();
    baseNaN[30] = NaN;
    const withNaN = { ...bad, series: bad.series.assign({ shortBaselineUsd: Float64Array.from(baseNaN) }) };
    assert.throws(() => compareBootstrap(withNaN), /^LiqlabError: result\.series, column "shortBaselineUsd": shortBaselineUsd must be a finite number at row 30 \(value NaN\)$/);
    const negative = right.slice();
    negative[12] = -1;
    assert.throws(() => compareBootstrap({ ...bad, series: bad.series.assign({ shortEstimatedUsd: Float64Array.from(negative) }) }), /^LiqlabError: result\.series, column "shortEstimatedUsd": USD must be >= 0 at row 12 \(value -1\)$/);
    const times = bad.series.array("time") as Float64Array;
    const repeated = Float64Array.from(times, (t, i) => (i === 20 ? times[19]! : t));
    assert.throws(() => compareBootstrap({ ...bad, series: bad.series.assign({ time: repeated }) }), /^LiqlabError: result\.series, column "time": time must be strictly increasing: row 20 repeats row 19 /);
    const missing = { ...bad, series: bad.series.select("time", "longEstimatedUsd", "longBaselineUsd") };
    assert.throws(() => compareBootstrap(missing), /^LiqlabError: result\.series, column "longRealizedUsd": missing column "longRealizedUsd"$/);
  });
});
