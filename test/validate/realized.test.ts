import assert from "node:assert/strict";
import { realizedOnBars } from "../../src/validate/realized";

const bars = Float64Array.from([0, 100, 200, 300]);

describe("validate/realized", () => {
  it("realizedOnBars(times, interval, orders) sums each forced order into the bar containing it", () => {
    const r = realizedOnBars(bars, 100, { time: [150, 199, 200, 399, 400, -1], side: ["long", "long", "short", "long", "long", "short"], usd: [1, 2, 4, 8, 16, 32] });
    assert.deepEqual(Array.from(r.long), [0, 3, 0, 8]); // 400 is past the last bar's end, −1 before the first
    assert.deepEqual(Array.from(r.short), [0, 0, 4, 0]);
    assert.deepEqual([r.first, r.last], [1, 3]);
    // Left out, and counted: 400 (16 USD) and −1 (32 USD).
    assert.deepEqual(r.outside, { rows: 2, usd: 48 });
    assert.deepEqual(Array.from(r.rows), [0, 2, 1, 1]);
  });

  it("realizedOnBars(times with a gap, closes, orders) places each order by its bar's own [open, close): one in the gap is left out and counted, not added to the bar before", () => {
    // Bars [0, 100), [100, 200), [300, 400): the bar opening at 200 is missing.
    const gap = Float64Array.from([0, 100, 300]);
    const r = realizedOnBars(gap, Float64Array.from([100, 200, 400]), { time: [50, 150, 250, 299, 350, 400, -1], side: ["long", "short", "long", "long", "short", "long", "long"], usd: [1, 2, 4, 8, 16, 32, 64] });
    assert.deepEqual(Array.from(r.long), [1, 0, 0]); // 250 and 299 sit in the gap, 400 at the last close, −1 before the first open
    assert.deepEqual(Array.from(r.short), [0, 2, 16]);
    assert.deepEqual(r.outside, { rows: 4, usd: 4 + 8 + 32 + 64 });
    assert.deepEqual([r.first, r.last], [0, 2]);
    // The same bars as a number of ms each lasts (100): an order only in the gap falls in no bar.
    assert.throws(
      () => realizedOnBars(gap, 100, { time: [250], side: ["long"], usd: [4] }),
      /^LiqlabError: realized, column "time": no row falls inside the model's bars \(model.bars rows 0 to 2, from 0 to 400, less any gaps between them\): the realized rows run from 250 to 250 \(value \[250,250\]\)$/,
    );
  });

  it("realizedOnBars(times with a gap, closes, totals with a row in the gap) leaves that row out and counts it", () => {
    const r = realizedOnBars(Float64Array.from([0, 100, 300]), Float64Array.from([100, 200, 400]), { time: [0, 100, 200, 300], longUsd: [1, 2, 50, 4], shortUsd: [0, 0, 7, 0] });
    assert.deepEqual(Array.from(r.long), [1, 2, 4]);
    assert.deepEqual(r.outside, { rows: 1, usd: 57 });
  });

  it("realizedOnBars(times, overlapping closes | an interval longer than the step, orders) throws naming the bar and its close", () => {
    assert.throws(
      () => realizedOnBars(bars, Float64Array.from([100, 250, 300, 400]), { time: [1], side: ["long"], usd: [1] }),
      /^LiqlabError: model.bars, column "time": bars cannot overlap: row 1 \(open 100\) closes at 250, after row 2 opens \(200\); a bar interval longer than the step between bars\? \(value 250\)$/,
    );
    assert.throws(() => realizedOnBars(bars, 200, { time: [1], side: ["long"], usd: [1] }), /bars cannot overlap: row 0 \(open 0\) closes at 200, after row 1 opens \(100\)/);
    assert.throws(() => realizedOnBars(bars, Float64Array.from([100, 200]), { time: [1], side: ["long"], usd: [1] }), /^LiqlabError: model.bars, column "close": bar closes must be a Float64Array of one close per bar \(4\) \(value 2\)$/);
  });

  it("realizedOnBars(times, interval, totals) places per-bar totals on their bars", () => {
    const r = realizedOnBars(bars, 100, { time: [100, 200], longUsd: [5, 6], shortUsd: [0, 1] });
    assert.deepEqual(Array.from(r.long), [0, 5, 6, 0]);
    assert.deepEqual([r.first, r.last], [1, 2]);
  });

  it("realizedOnBars(times, interval, totals on bars 0, 2, 5 | 0, 2, 3) throws naming the first row after a bar without one: no made-up 0 USD bars", () => {
    const six = Float64Array.from([0, 100, 200, 300, 400, 500]);
    // Every step > 1 but no common stride (gcd 1): once let through, with 0 USD on bars 1, 3, 4.
    assert.throws(
      () => realizedOnBars(six, 100, { time: [0, 200, 500], longUsd: [1, 2, 3], shortUsd: [4, 5, 6] }),
      /^LiqlabError: realized, column "time": per-bar totals need a row on every model bar from their first to their last: row 1, at 200, is on model.bars row 2, 2 bars after row 0 on model.bars row 0, and model.bars row 1 \(open 100, a bar of 100ms\) has none\. A bar without a row would score a made-up 0 USD: give one row per model bar \(0 USD where nothing was liquidated\), or forced orders \(value 200\)$/,
    );
    // One step of 1 (bars 2, 3) once hid the missing bar 1.
    assert.throws(() => realizedOnBars(six, 100, { time: [0, 200, 300], longUsd: [1, 2, 3], shortUsd: [4, 5, 6] }), /row 1, at 200, is on model.bars row 2, 2 bars after row 0 on model.bars row 0, and model.bars row 1 \(open 100, a bar of 100ms\) has none\. A bar/);
    // Rows on every bar they span are read as they are, rows before and after them outside it too.
    const r = realizedOnBars(six, 100, { time: [-100, 100, 200, 300, 600], longUsd: [9, 1, 2, 3, 9], shortUsd: [0, 4, 5, 6, 1] });
    assert.deepEqual(Array.from(r.long), [0, 1, 2, 3, 0, 0]);
    assert.deepEqual(r.outside, { rows: 2, usd: 19 });
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
      /^LiqlabError: realized, column "time": per-bar totals need a row on every model bar from their first to their last: row 1, at 200, is on model.bars row 2, 2 bars after row 0 on model.bars row 0, and model.bars row 1 \(open 100, a bar of 100ms\) has none\. The rows sit only every 2 model bars: a coarser grid than the model's\. A bar without a row would score a made-up 0 USD: .* \(value 200\)$/,
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
