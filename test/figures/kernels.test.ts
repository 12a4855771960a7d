import assert from "node:assert/strict";
import { cellEdges, logTicks, floorIndex, markerSizes, meanColumns, medianStep, percentOfTotal, positivePercentile, tierTotals, transpose } from "../../src/figures/kernels";

describe("figures/kernels", () => {
  it("positivePercentile(rows, p) matches numpy's default (linear) percentile: 1..100 at 99 → 99.01", () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    // h = 99 × 0.99 = 98.01 → v[98] + 0.01 × (v[99] - v[98]) = 99 + 0.01.
    assert.ok(Math.abs(positivePercentile([values], 99) - 99.01) < 1e-12);
    assert.equal(positivePercentile([values], 100), 100);
    assert.equal(positivePercentile([values], 50), 50.5);
  });
  it("positivePercentile(rows, p) ignores zeros across rows and is 0 when nothing is positive", () => {
    assert.equal(positivePercentile([new Float64Array([0, 4, 0]), new Float64Array([2, 0])], 50), 3);
    assert.equal(positivePercentile([new Float64Array(3)], 99), 0);
    assert.equal(positivePercentile([], 99), 0);
  });
  it("cellEdges(times, k, bar) spans each group from its first time to the next group's, the last one column step on", () => {
    // Columns every 10 ms from 10: groups {10, 20}, {30, 40}, {50}; the last ends at 50 + 10.
    assert.deepEqual(cellEdges([10, 20, 30, 40, 50], 2, 7), [10, 30, 50, 60]);
    assert.deepEqual(cellEdges([10, 20, 30], 1, 7), [10, 20, 30, 40]);
    // Irregular spacing: each column until the next; the last by the median spacing (10).
    assert.deepEqual(cellEdges([10, 20, 30, 60], 1, 7), [10, 20, 30, 60, 70]);
    // One column: one bar.
    assert.deepEqual(cellEdges([10], 1, 7), [10, 17]);
  });
  it("meanColumns(z, times, bins, k) averages k columns at a time, the last group shorter", () => {
    const z = [Float32Array.of(1, 10), Float32Array.of(3, 30), Float32Array.of(5, 50), Float32Array.of(7, 70), Float32Array.of(9, 90)];
    const m = meanColumns(z, Float64Array.of(100, 200, 300, 400, 500), 2, 2);
    assert.deepEqual(m.z.map((c) => [...c]), [[2, 20], [6, 60], [9, 90]]);
    assert.deepEqual([...m.times], [150, 350, 500]);
  });

  it("transpose(z, rows) turns z[column][bin] into rows[bin][column]", () => {
    assert.deepEqual(transpose([new Float64Array([1, 2, 3]), new Float64Array([4, 5, 6])], 3), [[1, 4], [2, 5], [3, 6]]);
    assert.deepEqual(transpose([new Float32Array([1234.56787109375]), new Float32Array([0.4])], 1, Math.round), [[1235, 0]]);
  });
  it("tierTotals(long, short) adds the two sides bin by bin", () => {
    assert.deepEqual(Array.from(tierTotals(new Float64Array([1, 2, 0]), new Float64Array([0, 0, 5]))), [1, 2, 5]);
  });
  it("floorIndex(xs, x) finds the last element <= x, -1 before the first", () => {
    const xs = [10, 20, 30];
    assert.deepEqual([5, 10, 15, 20, 29, 30, 99].map((x) => floorIndex(xs, x)), [-1, 0, 0, 1, 1, 2, 2]);
    assert.equal(floorIndex([], 1), -1);
  });
  it("medianStep(xs) is the median spacing, robust to one gap", () => {
    assert.equal(medianStep([0, 30, 60, 90, 500]), 30);
    assert.equal(medianStep([5]), 0);
  });
  it("logTicks(lo, hi, max) labels powers of ten inside the span, thinned from the top", () => {
    assert.deepEqual(logTicks(0.9, 9.2, 9), [1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]);
    // 9 powers, at most 5 labels: every 2nd, keeping 10^9.
    assert.deepEqual(logTicks(0.9, 9.2, 5), [1e1, 1e3, 1e5, 1e7, 1e9]);
  });
  it("logTicks(lo, hi, max) falls back to 1-2-5 steps, then 1..9, when fewer than 3 powers fit", () => {
    // $0.5M..$8M: only $1M is a power of ten; 1-2-5 gives 0.5, 1, 2, 5 M.
    assert.deepEqual(logTicks(Math.log10(5e5), Math.log10(8e6), 9), [5e5, 1e6, 2e6, 5e6]);
    // $600K..$900K: no 1-2-5 step inside either; 6, 7, 8, 9 × 10^5.
    assert.deepEqual(logTicks(Math.log10(6e5), Math.log10(9e5), 9), [6e5, 7e5, 8e5, 9e5]);
  });
  it("percentOfTotal(xs near 1e308) gives each value's share, not NaN (their sum is past the largest number)", () => {
    assert.deepEqual(percentOfTotal([1e308, 1e308, 0, 1e308]), [100 / 3, 100 / 3, 0, 100 / 3]);
    assert.deepEqual(percentOfTotal([1.5e308, 0.5e308]), [75, 25]);
  });

  it("percentOfTotal(xs) gives each value's share in percent, all 0 for a zero total", () => {
    assert.deepEqual(percentOfTotal([1, 3, 0, 4]), [12.5, 37.5, 0, 50]);
    assert.deepEqual(percentOfTotal([0, 0]), [0, 0]);
  });
  it("markerSizes(usd, max) gives area ∝ USD: a quarter of the USD has half the diameter, with a floor", () => {
    assert.deepEqual(markerSizes([4, 1, 0.0001, 0], 20), [20, 10, 4, 4]);
    assert.deepEqual(markerSizes([0, 0], 20), [4, 4]);
  });
});
