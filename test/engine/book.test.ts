import { strict as assert } from "assert";
import fc from "fast-check";
import { Book, firstCentreAtOrAbove, LONG, SHORT } from "../../src/engine/book";
import { binAt, binCentre, decimalStep } from "../../src/engine/grid";

/** The next double after a positive x, up (+1) or down (−1). */
function nextAfter(x: number, dir: 1 | -1): number {
  const bits = new BigInt64Array(Float64Array.of(x).buffer);
  bits[0] += BigInt(dir);
  return new Float64Array(bits.buffer)[0];
}

describe("Book(step, groupKey)", () => {
  it("Book.decay(side, group, f) halves a tier's USD per half-life without touching its bins", () => {
    const book = new Book(1, [24, 24, 48]);
    book.open(LONG, 0, 90, 90, 100);
    book.open(LONG, 1, 80, 80, 100);
    book.open(LONG, 2, 70, 70, 100);
    // tiers 0 and 1 share half-life 24 → one group; tier 2 its own
    assert.equal(book.groups.length, 2);
    book.decay(LONG, 0, 0.5);
    assert.equal(book.sideTotal(LONG), 50 + 50 + 100);
    assert.equal(book.lanes[LONG][0].at(90), 100, "raw amount unchanged: the scale carries the decay");
    assert.deepEqual(book.flows[LONG], { opened: 300, liquidated: 0, closed: 0, decayed: 100 });
  });

  it("Book.liquidateLongs(price) leaving a tiny bin after a huge one keeps the total equal to the bins", () => {
    // 1e20 USD at 100 and 0.001 USD at 50: taking the 1e20 by subtraction left a total of 0 while
    // the 0.001 stayed in its bin (the difference cancels); the total is now re-summed then.
    const book = new Book(1, [0]);
    book.open(LONG, 0, 100, 100, 1e20);
    book.open(LONG, 0, 50, 50, 1e-3);
    assert.equal(book.liquidateLongs(99), 1e20);
    assert.equal(book.sideTotal(LONG), 1e-3);
    assert.equal(book.lanes[LONG][0].at(50), 1e-3);
  });

  it("Book.scaleSide(side, f) leaves an empty group's scale at 1: anchoring up over years does not reach Infinity", () => {
    const book = new Book(1, [24, 48]);
    book.open(LONG, 0, 90, 90, 100);
    for (let i = 0; i < 200; i++) book.scaleSide(LONG, 10);
    // Group 1 never held anything: its factor stays 1 (it was multiplied to 1e200 and on to
    // Infinity); group 0's passed 1e150 and was folded into its bins.
    assert.equal(book.scale[LONG][1], 1);
    assert.ok(book.scale[LONG][0] <= 1e150, `${book.scale[LONG][0]}`);
    assert.ok(Math.abs(book.sideTotal(LONG) / 1e202 - 1) < 1e-9, `${book.sideTotal(LONG)}`);
  });

  it("Book.liquidateLongs(price) takes the bins whose centre is at or above the price, at the scaled USD", () => {
    const book = new Book(10, [0, 0]);
    book.open(LONG, 0, 95, 95, 40); // bin 9, centre 95
    book.open(LONG, 1, 85, 85, 60); // bin 8, centre 85
    book.scaleSide(LONG, 0.5);
    assert.equal(book.liquidateLongs(95.1), 0);
    assert.equal(book.liquidateLongs(95), 20);
    assert.equal(book.sideTotal(LONG), 30);
    assert.equal(book.liquidateLongs(0), 30);
    assert.ok(book.lanes[LONG][0].empty && book.lanes[LONG][1].empty && book.sums[LONG][0].empty);
  });

  it("Book.liquidateShorts(price) takes the bins whose centre is at or below the price", () => {
    const book = new Book(10, [0]);
    book.open(SHORT, 0, 100, 120, 200); // 50 USD in each of bins 10 and 11 ([100, 120) over 20 USD)
    assert.equal(book.liquidateShorts(104.9), 0);
    assert.equal(book.liquidateShorts(105), 100);
    assert.equal(book.sideTotal(SHORT), 100);
  });

  it("Book.liquidateShorts(price) and liquidateLongs(price) reach a decimal centre at exactly that price", () => {
    // Step 0.2: bin 635 covers [127.0, 127.2), centre 127.1. A high of exactly 127.1 reaches it
    // (with the centre computed as (635 + 0.5) · 0.2 = 127.10000000000001 it would not).
    const book = new Book(0.2, [0]);
    book.open(SHORT, 0, 127.1, 127.1, 30);
    book.open(LONG, 0, 126.9, 126.9, 70); // bin 634, centre 126.9
    assert.equal(book.liquidateShorts(127.09), 0);
    assert.equal(book.liquidateShorts(127.1), 30);
    assert.equal(book.liquidateLongs(126.91), 0);
    assert.equal(book.liquidateLongs(126.9), 70);
  });

  it("firstCentreAtOrAbove(price, step, units, twoTen, strict) cuts at the grid's own centres (binCentre)", () => {
    const steps = fc.constantFrom(20, 25, 2.5, 1, 0.2, 0.05, 0.001, 0.00025, 1 / 3, Math.PI);
    fc.assert(
      fc.property(steps, fc.integer({ min: 1, max: 50_000_000 }), (step, k) => {
        const { units, ten } = decimalStep(step);
        const c = binCentre(k, units, ten);
        // At exactly a centre, that bin is the first at or above it and the last below the next.
        assert.equal(firstCentreAtOrAbove(c, step, units, 2 * ten), k);
        assert.equal(firstCentreAtOrAbove(c, step, units, 2 * ten, true), k + 1);
        // One double past it on either side, where (k + 0.5) · step alone can decide wrongly.
        assert.equal(firstCentreAtOrAbove(nextAfter(c, 1), step, units, 2 * ten), k + 1);
        assert.equal(firstCentreAtOrAbove(nextAfter(c, -1), step, units, 2 * ten), k);
        assert.equal(firstCentreAtOrAbove(nextAfter(c, -1), step, units, 2 * ten, true), k);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it("Book.open(side, t, x, x, usd) stores a level on a bin edge in the bin on the price's side of it", () => {
    // 1.2 on a 0.1 grid is the edge between [1.1, 1.2) and [1.2, 1.3) (Math.floor(1.2 / 0.1) is
    // 11). A long goes above it (centre 1.25), a short at 2.3 below it (centre 2.25): a move to
    // exactly the level reaches the centre on both sides.
    const book = new Book(0.1, [0]);
    book.open(LONG, 0, 1.2, 1.2, 500);
    book.open(SHORT, 0, 2.3, 2.3, 500);
    assert.deepEqual([book.lanes[LONG][0].lo, book.lanes[SHORT][0].lo], [12, 22]);
    assert.equal(book.liquidateShorts(2.24), 0);
    assert.equal(book.liquidateShorts(2.3), 500);
    assert.equal(book.liquidateLongs(1.26), 0);
    assert.equal(book.liquidateLongs(1.2), 500);
    // A level computed a few ulps off the edge is on it: 3 × 1.1 is 3.3000000000000003.
    const ulps = new Book(0.001, [0]);
    ulps.open(SHORT, 0, 3 * 1.1, 3 * 1.1, 1);
    ulps.open(LONG, 0, 3 * 0.9, 3 * 0.9, 1);
    assert.deepEqual([ulps.lanes[SHORT][0].lo, ulps.lanes[LONG][0].lo], [3299, 2700]);
    // Any decimal edge, and the double below and above it, on the steps the automatic grid picks.
    const steps = fc.constantFrom(20, 25, 2.5, 1, 0.2, 0.05, 0.001, 0.00025);
    fc.assert(
      fc.property(steps, fc.integer({ min: 1, max: 50_000_000 }), (step, k) => {
        const { units, ten } = decimalStep(step);
        const edge = (k * units) / ten;
        const b = new Book(step, [0]);
        for (const x of [edge, nextAfter(edge, -1), nextAfter(edge, 1)]) {
          b.open(LONG, 0, x, x, 1);
          b.open(SHORT, 0, x, x, 1);
        }
        assert.deepEqual([b.lanes[LONG][0].lo, b.lanes[LONG][0].hi, b.lanes[SHORT][0].lo, b.lanes[SHORT][0].hi], [k, k, k - 1, k - 1]);
        assert.equal(binAt(edge, step), k);
      }),
      { seed: 11, numRuns: 2000 },
    );
  });

  it("Book.openSide(...) over a band whose ends are bin edges puts its USD in the bins between them", () => {
    // Levels over [90, 92] on 1 USD bins: 50 USD in each of bins 90 and 91, none in bin 92.
    for (const side of [LONG, SHORT]) {
      const book = new Book(1, [0]);
      book.openSide(side, 100, 100, 100, Float64Array.of(0.9), Float64Array.of(0.92), Float64Array.of(1));
      const lane = book.lanes[side][0];
      assert.deepEqual([lane.at(89), lane.at(90), lane.at(91), lane.at(92)], [0, 50, 50, 0]);
      assert.equal(book.sideTotal(side), 100);
    }
  });

  it("Book.decay keeps totals exact when tiny scales are folded back into the bins", () => {
    const book = new Book(1, [1]);
    book.open(SHORT, 0, 110, 110, 1e9);
    for (let i = 0; i < 100; i++) book.decay(SHORT, 0, 1e-4); // scale reaches 1e-400 without renormalising
    assert.ok(book.sideTotal(SHORT) >= 0);
    assert.ok(Math.abs(book.flows[SHORT].decayed - 1e9) < 1e-3);
    book.open(SHORT, 0, 110, 110, 5);
    assert.ok(Math.abs(book.sideTotal(SHORT) - 5) < 1e-12);
  });

  it("Book.openSide(side, lo, hi, usd, ratioLo, ratioHi, w) spreads a tier evenly over [lo × ratioLo, hi × ratioHi]", () => {
    // Entries over [100, 110], ratios 0.9–0.95: levels over [90, 104.5], 14.5 USD wide, 1 USD bins.
    // 145 USD → 10 per USD: bins 90..103 get 10 each, bin 104 gets 0.5 × 10 = 5.
    const book = new Book(1, [0]);
    book.openSide(LONG, 100, 110, 145, Float64Array.of(0.9), Float64Array.of(0.95), Float64Array.of(1));
    const lane = book.lanes[LONG][0];
    assert.deepEqual([lane.lo, lane.hi], [90, 104]);
    for (let k = 90; k <= 103; k++) assert.ok(Math.abs(lane.at(k) - 10) < 1e-9, `bin ${k}: ${lane.at(k)}`);
    assert.ok(Math.abs(lane.at(104) - 5) < 1e-9);
    assert.ok(Math.abs(book.sideTotal(LONG) - 145) < 1e-9);
  });

  it("Book liquidations take a wide spread's bins from the near end and leave the rest exact", () => {
    // Longs: entries at 100, ratios 0.8–0.9 → levels over [80, 90], 100 USD → 10 per 1 USD bin
    // (bins 80..89; bin 90 gets 0). Wider than 8 bins, so stored as a pending range add.
    // Price 84.5 takes bins 84..90 (centre ≥ 84.5): 60; bins 80..83 keep 10 each.
    // Shorts: levels over [110, 120], 10 per bin 110..119; price 114.5 takes 110..114 (centre ≤ 114.5): 50.
    const book = new Book(1, [0]);
    const w = Float64Array.of(1);
    book.openSide(LONG, 100, 100, 100, Float64Array.of(0.8), Float64Array.of(0.9), w);
    book.openSide(SHORT, 100, 100, 100, Float64Array.of(1.1), Float64Array.of(1.2), w);
    const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);
    near(book.liquidateLongs(84.5), 60, "longs at or above 84.5");
    near(book.liquidateShorts(114.5), 50, "shorts at or below 114.5");
    for (let k = 80; k <= 83; k++) near(book.lanes[LONG][0].at(k), 10, `long bin ${k}`);
    for (let k = 115; k <= 119; k++) near(book.lanes[SHORT][0].at(k), 10, `short bin ${k}`);
    const col = new Float32Array(50);
    book.addSide32(LONG, 80, col);
    book.addSide32(SHORT, 80, col);
    assert.deepEqual([...col.slice(0, 5), ...col.slice(34, 41)], [10, 10, 10, 10, 0, 0, 10, 10, 10, 10, 10, 0]);
    near(book.liquidateLongs(0), 40, "the remaining longs");
    near(book.liquidateShorts(1000), 50, "the remaining shorts");
    assert.ok(book.lanes[LONG][0].empty && book.lanes[SHORT][0].empty);
  });
});
