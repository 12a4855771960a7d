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

  it("rangeBaseline(open <= 0, ...) throws naming the bar", () => {
    assert.throws(() => rangeBaseline(f([0]), f([1]), f([0]), f([1])), /column "open": open must be positive at bar 0 \(value 0\)/);
  });

  it("asOf(at, times, values) takes the last value stamped at or before each time", () => {
    const out = asOf(f([10, 20, 25, 40]), f([10, 20, 30]), f([1, 2, 3]));
    assert.deepEqual(Array.from(out), [1, 2, 2, 3]);
  });

  it("asOf(at, times, values, graceMs) uses the first value only within the grace, else throws", () => {
    assert.deepEqual(Array.from(asOf(f([0, 5]), f([5]), f([7]), 5)), [7, 7]);
    assert.throws(() => asOf(f([0]), f([6]), f([7]), 5), /no observation at or before bar 0 \(value 0\)/);
  });
});
