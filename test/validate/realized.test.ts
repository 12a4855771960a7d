import assert from "node:assert/strict";
import { realizedOnBars } from "../../src/validate/realized";

const bars = Float64Array.from([0, 100, 200, 300]);

describe("validate/realized", () => {
  it("realizedOnBars(times, interval, orders) sums each forced order into the bar containing it", () => {
    const r = realizedOnBars(bars, 100, { time: [150, 199, 200, 399, 400, -1], side: ["long", "long", "short", "long", "long", "short"], usd: [1, 2, 4, 8, 16, 32] });
    assert.deepEqual(Array.from(r.long), [0, 3, 0, 8]); // 400 is past the last bar's end, −1 before the first
    assert.deepEqual(Array.from(r.short), [0, 0, 4, 0]);
    assert.deepEqual([r.first, r.last], [1, 3]);
  });

  it("realizedOnBars(times, interval, totals) places per-bar totals on their bars", () => {
    const r = realizedOnBars(bars, 100, { time: [100, 200], longUsd: [5, 6], shortUsd: [0, 1] });
    assert.deepEqual(Array.from(r.long), [0, 5, 6, 0]);
    assert.deepEqual([r.first, r.last], [1, 2]);
  });

  it("realizedOnBars(times, interval, table without usd columns) throws naming what is needed", () => {
    assert.throws(() => realizedOnBars(bars, 100, { time: [1], qty: [1] }), /realized liquidations need columns "longUsd" and "shortUsd" \(per bar\) or "side" and "usd" \(per order\)/);
  });

  it("realizedOnBars(times, interval, orders with an unknown side) throws naming the row", () => {
    assert.throws(() => realizedOnBars(bars, 100, { time: [1], side: ["SELL"], usd: [1] }), /side must be "long" or "short" at row 0 \(value "SELL"\)/);
  });
});
