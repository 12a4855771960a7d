import { strict as assert } from "assert";
import { autoStep, binAt, binCentre, binOf, centresFrom, decimalStep, gridOf, niceStep } from "../../src/engine/grid";

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

  it("niceStep(x) below 1 is the decimal itself, not a product with float noise", () => {
    // A DOGE-like price of 0.19 USD at 0.1% gives 0.00019: 2 · 10^-4 as a product is 0.00019999999999999998.
    assert.equal(niceStep(0.00019), 0.0002);
    assert.equal(niceStep(0.000045), 0.00005); // not 0.000049999999999999996
    assert.equal(niceStep(0.000094), 0.0001); // not 0.00009999999999999999
    assert.equal(niceStep(0.06), 0.05);
  });

  it("decimalStep(step) is the step as units / 10^d with the fewest decimals, or the step itself", () => {
    assert.deepEqual(decimalStep(20), { units: 20, ten: 1 });
    assert.deepEqual(decimalStep(0.1), { units: 1, ten: 10 });
    assert.deepEqual(decimalStep(2.5), { units: 25, ten: 10 });
    assert.deepEqual(decimalStep(0.00025), { units: 25, ten: 100_000 });
    assert.deepEqual(decimalStep(1 / 3), { units: 1 / 3, ten: 1 });
  });

  it("binCentre(k, step, 1) is (k + 0.5)·step bit for bit", () => {
    for (const step of [1, 20, 25, 1 / 3, Math.PI, 0.1 + 0.2]) {
      for (const k of [-7, 0, 1, 635, 31_250, 2 ** 30]) assert.equal(binCentre(k, step, 1), (k + 0.5) * step, `k ${k}, step ${step}`);
    }
  });

  it("gridOf(kLo, kHi, step) with a decimal step has the decimal centres", () => {
    // (635 + 0.5) · 0.2 is 127.10000000000001; the centre of [127.0, 127.2) is 127.1.
    assert.notEqual((635 + 0.5) * 0.2, 127.1);
    const g = gridOf(635, 637, 0.2);
    assert.deepEqual([g.lo, [...g.prices]], [127, [127.1, 127.3, 127.5]]);
    // Every centre of a 0.01 grid over 0.5–1,500 USD prints as the decimal it is.
    const h = gridOf(50, 150_000, 0.01);
    for (let i = 0; i < h.bins; i++) assert.equal(h.prices[i], Number(((50 + i + 0.5) / 100).toFixed(3)), `bin ${50 + i}`);
  });

  it("centresFrom(lo, step, bins) centres bins from any decimal edge", () => {
    assert.deepEqual([...centresFrom(100, 0.1, 3)], [100.05, 100.15, 100.25]);
    assert.deepEqual([...centresFrom(0.3, 0.05, 2)], [0.325, 0.375]);
    assert.deepEqual([...centresFrom(50, 5, 2)], [52.5, 57.5]);
  });

  it("binOf(price, units, ten) puts a price on a decimal edge in the bin above it", () => {
    // 1.2 / 0.1 is 11.999999999999998: Math.floor would put 1.2 in [1.1, 1.2).
    assert.equal(Math.floor(1.2 / 0.1), 11);
    assert.equal(binOf(1.2, 1, 10), 12);
    assert.equal(binAt(1.2, 0.1), 12);
    assert.equal(binAt(90.3, 0.1), 903);
    assert.equal(binAt(1.1999999999999997, 0.1), 11); // the double below 1.2
    assert.equal(binAt(100, 20), 5);
    assert.equal(binAt(99.99999999999999, 20), 4);
    // Every decimal edge of a 0.01 grid over 0.5–1,500 USD starts its own bin.
    for (let k = 50; k <= 150_000; k += 7) {
      const edge = Number((k / 100).toFixed(2));
      assert.equal(binOf(edge, 1, 100), k, `edge ${edge}`);
      assert.equal(binOf(binCentre(k, 1, 100), 1, 100), k, `centre of bin ${k}`);
    }
  });
});
