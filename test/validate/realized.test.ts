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

  it("realizedOnBars(times, interval, totals with gaps of 2 and 3 bars) keeps them: not a coarser grid, the bars between are 0", () => {
    const six = Float64Array.from([0, 100, 200, 300, 400, 500]);
    const r = realizedOnBars(six, 100, { time: [0, 200, 500], longUsd: [1, 2, 3], shortUsd: [4, 5, 6] });
    assert.deepEqual(Array.from(r.long), [1, 0, 2, 0, 0, 3]);
    assert.deepEqual([r.first, r.last], [0, 5]);
  });

  it("realizedOnBars(times, interval, totals off the bar opens) throws naming the row and value, not summing them into a bar", () => {
    assert.throws(
      () => realizedOnBars(bars, 100, { time: [0, 150, 200], longUsd: [1, 2, 3], shortUsd: [1, 1, 1] }),
      /^LiqlabError: realized, column "time": per-bar totals must be stamped at a model bar's open: row 1 is 50 ms after the open of model.bars row 1 \(100\)\. .* \(value 150\)$/,
    );
    // Binance-style close stamps (open + interval − 1 ms).
    assert.throws(() => realizedOnBars(bars, 100, { time: [99, 199, 299, 399], longUsd: [1, 2, 3, 4], shortUsd: [1, 1, 1, 1] }), /row 0 is 99 ms after the open of model.bars row 0 \(0\)\. .* \(value 99\)$/);
  });

  it("realizedOnBars(times, interval, totals on every other bar) throws: a coarser grid would score the bars between as 0 USD", () => {
    const eight = Float64Array.from([0, 100, 200, 300, 400, 500, 600, 700]);
    assert.throws(
      () => realizedOnBars(eight, 100, { time: [0, 200, 400, 600], longUsd: [1, 2, 3, 4], shortUsd: [1, 1, 1, 1] }),
      /^LiqlabError: realized, column "time": per-bar totals sit only every 2 model bars: row 1 is on model.bars row 2, 2 bars after row 0 on model.bars row 0, and no two rows are on consecutive bars\. .* \(value 200\)$/,
    );
  });

  it("realizedOnBars(times, interval, totals stamped at the bar's close) throws rather than scoring each bar against the next", () => {
    assert.throws(
      () => realizedOnBars(bars, 100, { time: [100, 200, 300, 400], longUsd: [1, 2, 3, 4], shortUsd: [1, 1, 1, 1] }),
      /^LiqlabError: realized, column "time": per-bar totals run from the open of model.bars row 1 to the close of its last bar: row 3 is stamped at 400, .* \(value 400\)$/,
    );
  });

  it("realizedOnBars(times, interval, totals with a longUsd column shorter than time) throws naming the column, not adding undefined", () => {
    assert.throws(
      () => realizedOnBars(bars, 100, { time: [0, 100, 200], longUsd: [1], shortUsd: [1, 1, 1] }),
      /^LiqlabError: realized, column "longUsd": longUsd has 1 row where time has 3 \(row 1 has a time but no longUsd\): the columns of a table must have equal lengths \(value 1\)$/,
    );
  });

  it("realizedOnBars(times out of order, interval, orders) throws naming model.bars, the row and value", () => {
    assert.throws(() => realizedOnBars(Float64Array.from([0, 200, 100]), 100, { time: [1], side: ["long"], usd: [1] }), /^LiqlabError: model.bars, column "time": time must be strictly increasing: row 2 is before row 1 \(200\) \(value 100\)$/);
  });

  it("realizedOnBars(times, interval, table without usd columns) throws naming what is needed", () => {
    assert.throws(() => realizedOnBars(bars, 100, { time: [1], qty: [1] }), /realized liquidations need columns "longUsd" and "shortUsd" \(per bar\) or "side" and "usd" \(per order\)/);
  });

  it("realizedOnBars(times, interval, orders with an unknown side) throws naming the row", () => {
    assert.throws(() => realizedOnBars(bars, 100, { time: [1], side: ["SELL"], usd: [1] }), /side must be "long" or "short" at row 0 \(value "SELL"\)/);
  });
});
