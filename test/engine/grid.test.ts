import { strict as assert } from "assert";
import { autoStep, gridOf, niceStep } from "../../src/engine/grid";

describe("grid", () => {
  it("niceStep(x) rounds to 1, 2, 2.5 or 5 times a power of ten", () => {
    assert.equal(niceStep(37), 50); // log-nearest of 25 (0.39) and 50 (0.30)
    assert.equal(niceStep(30), 25);
    assert.equal(niceStep(0.7), 0.5);
    assert.equal(niceStep(1900), 2000);
  });

  it("autoStep(high, low, close) is a quarter of the first bar's relative range, clamped to 0.025%–0.1%", () => {
    // 0.2% range → 0.05% of 60,000 = 30 → 25 (|ln(25/30)| = 0.18 < |ln(50/30)| = 0.51)
    assert.equal(autoStep(60_060, 59_940, 60_000), 25);
    // a flat bar falls back to 0.025% of 60,000 = 15 → 20 (|ln(20/15)| = 0.29 < |ln(10/15)| = 0.41)
    assert.equal(autoStep(60_000, 60_000, 60_000), 20);
    // a 10% bar is capped at 0.1%: 60 → 50
    assert.equal(autoStep(63_000, 57_000, 60_000), 50);
  });

  it("gridOf(kLo, kHi, step) centres bins at (k + 0.5)·step", () => {
    const g = gridOf(10, 12, 5);
    assert.deepEqual([g.lo, g.step, g.bins, [...g.prices]], [50, 5, 3, [52.5, 57.5, 62.5]]);
  });
});
