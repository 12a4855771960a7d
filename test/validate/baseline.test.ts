import assert from "node:assert/strict";
import { asOf, rangeBaseline } from "../../src/validate/baseline";

const f = (xs: number[]) => Float64Array.from(xs);

describe("validate/baseline", () => {
  it("rangeBaseline(open, high, low, oi) is the range beyond the open as a share of open × OI", () => {
    // Bar 0: open 100, low 98 → longs 2% of 1e9; high 101 → shorts 1% of 1e9.
    // Bar 1: open 200, low 200 (never below the open) → longs 0; high 210 → shorts 5% of 4e8.
    const b = rangeBaseline(f([100, 200]), f([101, 210]), f([98, 200]), f([1e9, 4e8]));
    assert.deepEqual(Array.from(b.long), [2e7, 0]);
    assert.deepEqual(Array.from(b.short), [1e7, 2e7]);
  });

  it("rangeBaseline(open <= 0, ...) throws naming the candles' row", () => {
    assert.throws(() => rangeBaseline(f([0]), f([1]), f([0]), f([1])), /^LiqlabError: candles, column "open": open must be a positive price at row 0 \(value 0\)$/);
  });

  it("rangeBaseline(open, high with fewer values, ...) throws naming the column instead of scoring undefined", () => {
    assert.throws(() => rangeBaseline(f([100, 100]), f([101]), f([99, 99]), f([1, 1])), /^LiqlabError: candles, column "high": high has 1 value where open has 2: the baseline needs one value per bar \(value 1\)$/);
  });

  it("rangeBaseline(open, high, low, oi with NaN) throws rather than returning NaN", () => {
    assert.throws(() => rangeBaseline(f([100, 100]), f([101, 101]), f([99, 99]), f([1, NaN])), /open interest must be finite and >= 0 at bar 1 \(value NaN\)/);
  });

  it("asOf(at, times, values) takes the last value stamped at or before each time", () => {
    const out = asOf(f([10, 20, 25, 40]), f([10, 20, 30]), f([1, 2, 3]));
    assert.deepEqual(Array.from(out), [1, 2, 2, 3]);
  });

  it("asOf(at, times, values, graceMs) uses the first value only within the grace, else throws", () => {
    assert.deepEqual(Array.from(asOf(f([0, 5]), f([5]), f([7]), 5)), [7, 7]);
    assert.throws(
      () => asOf(f([0]), f([6]), f([7]), 5),
      /^LiqlabError: openInterest, column "time": nothing known at the open of model.bars row 0 \(0\): row 0, the first, is stamped 6 ms later, more than the 5 ms allowed \(value 6\)$/,
    );
  });

  it("asOf(at, times out of order, values) throws naming the table, row and value instead of misreading them", () => {
    assert.throws(() => asOf(f([10, 20]), f([10, 30, 20]), f([1, 2, 3])), /^LiqlabError: openInterest, column "time": time must be strictly increasing: row 2 is not after row 1 \(30\) \(value 20\)$/);
    assert.throws(() => asOf(f([20, 10]), f([10]), f([1]), 0, { at: "candles" }), /^LiqlabError: candles, column "time": time must be increasing: row 1 is before row 0 \(20\) \(value 10\)$/);
  });

  it("asOf(at, times, [NaN] | [NaN] times | NaN at) throws naming the table, column and row instead of returning NaN", () => {
    assert.throws(() => asOf(f([1, 2]), f([0]), f([NaN])), /^LiqlabError: openInterest, column "openInterestUsd": openInterestUsd must be a finite number at row 0 \(value NaN\)$/);
    assert.throws(() => asOf(f([1, 2]), f([0, NaN]), f([1, 2]), 0, { timeColumn: "closeTime" }), /openInterest, column "closeTime": closeTime must be a finite number at row 1 \(value NaN\)/);
    assert.throws(() => asOf(f([NaN]), f([0]), f([1])), /^LiqlabError: model\.bars, column "time": time must be a finite number at row 0 \(value NaN\)$/);
  });
});
