import { strict as assert } from "assert";
import fc from "fast-check";
import { liquidationMap } from "../../src/engine/map";
import { combineMaps } from "../../src/engine/combine";
import { replay } from "../../src/engine/replay";
import { DOLLAR_CAVEAT } from "../../src/engine/caveat";
import { estimateCaption } from "../../src/util/estimate";

// A hand-built book on a 10 USD grid from 0: bin i covers [10i, 10i + 10), centre 10i + 5.
// Price 100. Longs (levels below the price): 2x 40 USD at 85, 10x 60 USD at 95, 10x 100 USD at 55.
// Shorts (above): 2x 30 USD at 105, 10x 70 USD at 125.
function book() {
  const bins = 20;
  const z = () => new Float64Array(bins);
  const long = [z(), z()];
  const short = [z(), z()];
  long[0][8] = 40; // centre 85
  long[1][9] = 60; // centre 95
  long[1][5] = 100; // centre 55
  short[0][10] = 30; // centre 105
  short[1][12] = 70; // centre 125
  return liquidationMap({ price: 100, tiers: [2, 10], grid: { lo: 0, step: 10 }, long, short, time: 1_000, source: "hand" });
}

describe("liquidationMap(book)", () => {
  it("liquidationMap(book).liquidationsIf(target) adds the levels between the price and the target", () => {
    const m = book();
    assert.deepEqual(m.liquidationsIf(95), { side: "long", usd: 60 }); // reaches 95 exactly
    assert.deepEqual(m.liquidationsIf(96), { side: "long", usd: 0 }); // stops short of 95
    assert.deepEqual(m.liquidationsIf(85), { side: "long", usd: 100 }); // 60 + 40
    assert.deepEqual(m.liquidationsIf(10), { side: "long", usd: 200 }); // every long
    assert.deepEqual(m.liquidationsIf(105), { side: "short", usd: 30 });
    assert.deepEqual(m.liquidationsIf(124.9), { side: "short", usd: 30 });
    assert.deepEqual(m.liquidationsIf(1e6), { side: "short", usd: 100 });
    assert.deepEqual(m.liquidationsIf(100), { side: "long", usd: 0 });
  });

  it("liquidationMap(book) on a decimal grid answers at the printed centres", () => {
    // Bins of 0.1 from 2.3: centres 2.35, 2.45, 2.55, 2.65 (2.3 + 0.5 · 0.1 would be 2.3499999999999996).
    const m = liquidationMap({ price: 2.5, tiers: [10], grid: { lo: 2.3, step: 0.1 }, long: [[10, 20, 0, 0]], short: [[0, 0, 30, 40]] });
    assert.deepEqual([...m.grid.prices], [2.35, 2.45, 2.55, 2.65]);
    assert.deepEqual(m.liquidationsIf(2.35), { side: "long", usd: 30 });
    assert.deepEqual(m.liquidationsIf(2.65), { side: "short", usd: 70 });
    assert.deepEqual(m.table.array("price"), [2.35, 2.45, 2.55, 2.65]);
  });

  it("liquidationMap(book).imbalance(pct) compares longs and shorts within pct of the price", () => {
    const m = book();
    // ±5%: longs at or above 95 (60), shorts at or below 105 (30)
    assert.deepEqual(m.imbalance(5), { longUsd: 60, shortUsd: 30, ratio: 2 });
    // ±30%: longs >= 70 (100), shorts <= 130 (100)
    assert.deepEqual(m.imbalance(30), { longUsd: 100, shortUsd: 100, ratio: 1 });
    assert.deepEqual(m.imbalance(0), { longUsd: 0, shortUsd: 0, ratio: 1 });
    // ±4%: longs >= 96 none, shorts <= 104 none
    assert.deepEqual(m.imbalance(4), { longUsd: 0, shortUsd: 0, ratio: 1 });
  });

  it("liquidationMap(book).imbalance(pct) is Infinity when only longs are near", () => {
    const m = liquidationMap({ price: 100, tiers: [5], grid: { lo: 90, step: 1 }, long: [[0, 0, 0, 0, 0, 7, 0, 0, 0, 0]], short: [new Array(10).fill(0)] });
    assert.deepEqual(m.imbalance(10), { longUsd: 7, shortUsd: 0, ratio: Infinity });
  });

  it("liquidationMap(book).leverageShares(low, high) splits the band's USD by tier, both sides", () => {
    const m = book();
    // band [80, 110]: 2x 40 + 30 = 70, 10x 60 → total 130
    const shares = m.leverageShares(80, 110);
    assert.deepEqual(shares.map((s) => s.usd), [70, 60]);
    assert.deepEqual(shares.map((s) => s.leverage), [2, 10]);
    assert.ok(Math.abs(shares[0].share - 70 / 130) < 1e-15 && Math.abs(shares[1].share - 60 / 130) < 1e-15);
    assert.deepEqual(m.leverageShares(200, 300).map((s) => s.share), [0, 0]);
  });

  it("liquidationMap(book).cumulative grows outward from the price and is zero on the wrong side", () => {
    const m = book();
    const { price, long, short } = m.cumulative;
    assert.equal(price[9], 95);
    assert.equal(long[9], 60);
    assert.equal(long[8], 100);
    assert.equal(long[0], 200);
    assert.equal(long[10], 0); // centre 105 is above the price
    assert.equal(short[9], 0);
    assert.equal(short[10], 30);
    assert.equal(short[19], 100);
    for (let i = 1; i < 20; i++) {
      assert.ok(long[i - 1] >= long[i], "long curve grows downward");
      assert.ok(short[i] >= short[i - 1], "short curve grows upward");
    }
  });

  it("liquidationMap(book).table lists the non-empty bins", () => {
    const rows = book().table.objects();
    assert.deepEqual(rows, [
      { price: 85, side: "long", leverage: 2, usd: 40 },
      { price: 55, side: "long", leverage: 10, usd: 100 },
      { price: 95, side: "long", leverage: 10, usd: 60 },
      { price: 105, side: "short", leverage: 2, usd: 30 },
      { price: 125, side: "short", leverage: 10, usd: 70 },
    ]);
  });

  it("liquidationMap(book) takes a grid given by its bin centres", () => {
    const m = liquidationMap({ price: 100, tiers: [5], grid: { step: 10, prices: [85, 95, 105] }, long: [[1, 2, 0]], short: [[0, 0, 4]] });
    assert.deepEqual([m.grid.lo, m.grid.bins, [...m.grid.prices]], [80, 3, [85, 95, 105]]);
    assert.deepEqual(m.liquidationsIf(85), { side: "long", usd: 3 });
  });

  it("liquidationMap(book) throws on a negative amount, naming tier and bin", () => {
    assert.throws(
      () => liquidationMap({ price: 100, tiers: [5], grid: { lo: 0, step: 10 }, long: [[0, -1]], short: [[0, 0]] }),
      /tier 5x bin 1: USD must be a finite number >= 0 \(value -1\)/,
    );
    assert.throws(() => liquidationMap({ price: 100, tiers: [5], grid: { lo: 0, step: 10 }, long: [[0, NaN]], short: [[0, 0]] }), /bin 1: USD must be a finite number/);
    assert.throws(() => liquidationMap({ price: 100, tiers: [5, 10], grid: { lo: 0, step: 10 }, long: [[0]], short: [[0]] }), /needs one array per tier \(2\)/);
  });

  it("liquidationMap(book) throws on tiers out of order, a missing side, a NaN time or centres out of order", () => {
    const ok = { price: 100, grid: { lo: 0, step: 10 }, long: [[0, 1], [0, 0]], short: [[0, 0], [0, 0]] };
    assert.throws(() => liquidationMap({ ...ok, tiers: [20, 5] }), /liquidationMap: column "tiers": tier 1: tiers must be strictly ascending \(previous 20\) \(value 5\)/);
    assert.throws(() => liquidationMap({ ...ok, tiers: [5, 5] }), /tier 1: tiers must be strictly ascending \(previous 5\)/);
    assert.throws(() => liquidationMap({ ...ok, tiers: [-5, 5] }), /column "tiers": tier 0: leverage must be a number >= 1 \(value -5\)/);
    // As replay: a 0.5x position has no liquidation level.
    assert.throws(() => liquidationMap({ ...ok, tiers: [0.5, 5] }), /column "tiers": tier 0: leverage must be a number >= 1 \(value 0.5\)/);
    assert.throws(() => liquidationMap({ ...ok, tiers: [5, 10], source: 5 as unknown as string }), /liquidationMap: column "source": source must be a string .*\(value 5\)/);
    assert.throws(() => liquidationMap({ ...ok, tiers: [5, 10], short: undefined as never }), /liquidationMap: column "short": needs one array of USD per tier/);
    assert.throws(() => liquidationMap({ ...ok, tiers: [5, 10], long: [5, 7] as never }), /liquidationMap: column "long": tier 5x: needs an array of USD per bin \(value 5\)/);
    assert.throws(() => liquidationMap({ ...ok, tiers: [5, 10], time: NaN }), /column "time": time must be epoch ms UTC \(value NaN\)/);
    assert.throws(() => liquidationMap({ ...ok, tiers: [5, 10], grid: { step: 10, prices: [15, 5] } }), /column "grid.prices": grid.prices\[1\]: centres must be finite and strictly ascending \(value 5\)/);
    assert.throws(() => liquidationMap({ ...ok, tiers: [5, 10], grid: { step: 10, prices: [5, 15, 25] } }), /grid.prices has 3 centres, the grid 2 bins/);
  });

  it("liquidationMap(book) throws on centres that are not lo + (i + 0.5) · step", () => {
    const ok = { price: 100, tiers: [5], long: [[1, 2, 0]], short: [[0, 0, 4]] };
    assert.throws(() => liquidationMap({ ...ok, grid: { step: 10, prices: [85, 95, 115] } }), /liquidationMap: column "grid.prices": grid.prices\[2\]: centre of bin 2 must be lo \+ \(2 \+ 0.5\) · step = 105 \(bins of equal width 10 from lo 80\) \(value 115\)/);
    assert.throws(() => liquidationMap({ ...ok, grid: { lo: 0, step: 10, prices: [85, 95, 105] } }), /grid.prices\[0\]: centre of bin 0 must be lo \+ \(0 \+ 0.5\) · step = 5 .*\(value 85\)/);
    // Decimal centres a user computes by adding steps are within rounding of the grid's own.
    const prices = [0.05, 0.05 + 0.1, 0.05 + 0.1 + 0.1];
    assert.deepEqual([...liquidationMap({ ...ok, price: 0.2, grid: { step: 0.1, prices } }).grid.prices], prices);
  });

  it("liquidationMap(book).imbalance(pct) counts a level exactly p % away (decimal bounds, not their doubles)", () => {
    // docs/engine.md's hand book: 100 × (1 + 0.15) is 114.99999999999999 in doubles, and the short
    // centred at 115 is 15 % above the price 100, so imbalance(15) holds it: 100 long, 30 short.
    const hand = liquidationMap({ price: 100, tiers: [10], grid: { lo: 0, step: 10 }, long: [[0, 0, 0, 0, 0, 0, 0, 0, 40, 60, 0, 0]], short: [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 30]] });
    assert.deepEqual(hand.imbalance(15), { longUsd: 100, shortUsd: 30, ratio: 100 / 30 });
    // Long side: 100 × (1 − 0.41) is 59.00000000000001; a level centred at 59 is 41 % below 100.
    // Centres 1, 2, …, 200 (lo 0.5, step 1).
    const ones = (at: number) => Array.from({ length: 200 }, (_, i) => (i + 1 === at ? 1 : 0));
    const lo = liquidationMap({ price: 100, tiers: [10], grid: { lo: 0.5, step: 1 }, long: [ones(59)], short: [ones(0)] });
    assert.equal(lo.imbalance(41).longUsd, 1);
    // Far bands: 1 − 0.913 is 0.08700000000000008, so price × (1 − p/100) is 10 ulps above the
    // decimal bound 8.7; the level centred at 8.7 ([8.6, 8.8)) is 91.3 % below 100, the next one down is not.
    const far = liquidationMap({ price: 100, tiers: [10], grid: { lo: 8.4, step: 0.2 }, long: [[100, 1]], short: [[0, 0]] });
    assert.deepEqual([...far.grid.prices], [8.5, 8.7]);
    assert.equal(far.imbalance(91.3).longUsd, 1);
    assert.equal(far.imbalance(91.5).longUsd, 101);
    // A decimal step: 0.3 × 1.5 is 0.44999999999999996; the short centred at 0.45 is 50 % above 0.3.
    const dec = liquidationMap({ price: 0.3, tiers: [10], grid: { lo: 0.4, step: 0.1 }, long: [[0]], short: [[8]] });
    assert.equal(dec.imbalance(50).shortUsd, 8);
    assert.equal(dec.imbalance(49.9).shortUsd, 0);
  });

  it("liquidationMap(book).liquidationsIf(x) and leverageShares(low, high) reach a centre their bound misses by an ulp", () => {
    // The same hand book: a short centred at 115 and longs at 85 and 95, price 100. 100 × 1.15 is
    // 114.99999999999999 and 100 × 0.85 is 85 in doubles, 100 × 0.95 is 95.
    const hand = liquidationMap({ price: 100, tiers: [10], grid: { lo: 0, step: 10 }, long: [[0, 0, 0, 0, 0, 0, 0, 0, 40, 60, 0, 0]], short: [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 30]] });
    assert.equal(100 * 1.15, 114.99999999999999);
    assert.deepEqual({ ...hand.liquidationsIf(100 * 1.15) }, { side: "short", usd: 30 });
    assert.deepEqual(hand.leverageShares(100, 100 * 1.15).map((s) => s.usd), [30]);
    // Half a bin short of a centre still misses it: the widening is a few ulps, not a tolerance.
    assert.deepEqual({ ...hand.liquidationsIf(114.9) }, { side: "short", usd: 0 });
    assert.deepEqual({ ...hand.liquidationsIf(85.1) }, { side: "long", usd: 60 });
    // A grid of thirds: bin 2's stored centre is 34.16666666666667, 205 / 6 is 34.166666666666664.
    const thirds = liquidationMap({ price: 40, tiers: [5], grid: { lo: 100 / 3, step: 1 / 3 }, long: [[0, 0, 7]], short: [[0, 0, 0]] });
    assert.notEqual(thirds.grid.prices[2], 205 / 6);
    assert.equal(thirds.liquidationsIf(205 / 6).usd, 7);
    assert.equal(thirds.leverageShares(205 / 6, 205 / 6)[0]!.usd, 7);
  });

  it("liquidationMap(book) throws on long USD in a bin wholly above the price, or short USD wholly below", () => {
    const grid = { lo: 80, step: 10 };
    // Bins [80, 90), [90, 100), [100, 110), [110, 120); price 100.
    assert.throws(
      () => liquidationMap({ price: 100, tiers: [10], grid, long: [[40, 0, 0, 50]], short: [[0, 0, 0, 30]] }),
      /liquidationMap: column "long": tier 10x bin 3: long USD in the bin centred 115, wholly above the price 100 \(long levels lie below the price\) \(value 50\)/,
    );
    assert.throws(
      () => liquidationMap({ price: 100, tiers: [10], grid, long: [[40, 0, 0, 0]], short: [[20, 0, 0, 30]] }),
      /column "short": tier 10x bin 0: short USD in the bin centred 85, wholly below the price 100 \(short levels lie above the price\) \(value 20\)/,
    );
    // The bin holding the price may hold both sides (levels either side of it within the bin).
    const m = liquidationMap({ price: 104, tiers: [10], grid, long: [[0, 0, 5, 0]], short: [[0, 0, 7, 0]] });
    assert.deepEqual(m.imbalance(5), { longUsd: 5, shortUsd: 7, ratio: 5 / 7 });
  });

  it("liquidationMap(book) throws on USD cells that are not numbers, and on a centre at or below 0", () => {
    const grid = { lo: 80, step: 10 };
    assert.throws(() => liquidationMap({ price: 100, tiers: [10], grid, long: [[null as unknown as number, 1]], short: [[0, 0]] }), /tier 10x bin 0: USD must be a finite number >= 0 \(value null\)/);
    assert.throws(() => liquidationMap({ price: 100, tiers: [10], grid, long: [["5" as unknown as number, 1]], short: [[0, 0]] }), /tier 10x bin 0: USD must be a finite number >= 0 \(value "5"\)/);
    assert.throws(() => liquidationMap({ price: 100, tiers: [10], grid: { lo: -10, step: 10 }, long: [[7, 0]], short: [[0, 0]] }), /column "grid.lo": bin centres must be positive prices: the first is not \(value -5\)/);
  });

  it("liquidationMap(book).leverageShares(low, high) names the bad bound", () => {
    assert.throws(() => book().leverageShares(NaN, 100), /leverageShares: column "low": must be a finite price >= 0 \(value NaN\)/);
    assert.throws(() => book().leverageShares(80, NaN), /leverageShares: column "high": must be a finite price >= 0 \(value NaN\)/);
  });

  it("liquidationMap(book).liquidationsIf(price) names the argument and the value of a bad price", () => {
    assert.throws(() => book().liquidationsIf(NaN), /liquidationsIf: column "price": must be a finite price >= 0 \(value NaN\)/);
    assert.throws(() => book().liquidationsIf(-1), /liquidationsIf: column "price": must be a finite price >= 0 \(value -1\)/);
    assert.throws(() => book().liquidationsIf("85" as never), /liquidationsIf: column "price": must be a finite price >= 0 \(value "85"\)/);
  });

  it("liquidationMap(book).imbalance(pct) rejects a negative percentage", () => {
    assert.throws(() => book().imbalance(-1), /withinPct must be a finite percentage >= 0 \(value -1\)/);
  });

  it("liquidationMap(book): cumulative curves are monotone and agree with liquidationsIf at every bin centre", () => {
    const usd = fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })), { minLength: 12, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(usd, { minLength: 2, maxLength: 2 }), fc.array(usd, { minLength: 2, maxLength: 2 }), fc.integer({ min: 0, max: 11 }), (long, short, at) => {
        // price at the centre of bin `at`; longs only below it, shorts only above, as a replay leaves them
        const price = 1_000 + (at + 0.5) * 5;
        long.forEach((a) => a.forEach((_, i) => { if (i >= at) a[i] = 0; }));
        short.forEach((a) => a.forEach((_, i) => { if (i <= at) a[i] = 0; }));
        const m = liquidationMap({ price, tiers: [10, 50], grid: { lo: 1_000, step: 5 }, long, short });
        const c = m.cumulative;
        for (let i = 1; i < 12; i++) {
          assert.ok(c.long[i - 1] >= c.long[i]);
          assert.ok(c.short[i] >= c.short[i - 1]);
        }
        for (let i = 0; i < 12; i++) {
          if (i < at) assert.equal(m.liquidationsIf(c.price[i]).usd, c.long[i]);
          if (i > at) assert.equal(m.liquidationsIf(c.price[i]).usd, c.short[i]);
        }
        const total = (m.table.array("usd") as number[]).reduce((x, y) => x + y, 0);
        const sides = m.liquidationsIf(0).usd + m.liquidationsIf(1e9).usd;
        assert.ok(Math.abs(total - sides) <= 1e-9 * Math.max(1, total));
        const shares = m.leverageShares(0, 1e9);
        assert.ok(Math.abs(shares[0].usd + shares[1].usd - total) <= 1e-9 * Math.max(1, total));
      }),
      { seed: 7, numRuns: 60 },
    );
  });
  it("liquidationMap(book) lets the bin holding the price hold both sides when the price is on a decimal edge", () => {
    // Step 0.1 from 2.2: bin [2.3, 2.4) holds the price 2.3 (its lower edge), though its centre
    // 2.35 − 0.05 is 2.3000000000000003 in doubles; [2.2, 2.3) ends at it and may hold shorts.
    const m = liquidationMap({ price: 2.3, tiers: [10], grid: { lo: 2.2, step: 0.1 }, long: [[0, 4]], short: [[3, 0]] });
    assert.deepEqual(m.imbalance(10), { longUsd: 4, shortUsd: 3, ratio: 4 / 3 });
    assert.throws(() => liquidationMap({ price: 2.3, tiers: [10], grid: { lo: 2.2, step: 0.1 }, long: [[0, 0, 4]], short: [[0, 0, 0]] }), /tier 10x bin 2: long USD in the bin centred 2.45, wholly above the price 2.3/);
    assert.throws(() => liquidationMap({ price: 2.3, tiers: [10], grid: { lo: 2.1, step: 0.1 }, long: [[0, 0, 0]], short: [[3, 0, 0]] }), /tier 10x bin 0: short USD in the bin centred 2.15, wholly below the price 2.3/);
  });
  it("liquidationMap(book) takes a price on the edge of a fine step at a large price as on it (rounding of the price, not of the step)", () => {
    // 30000.009 is the lower edge of [30000.009, 30000.010): that bin holds the price and may hold
    // longs. Its edge computed in doubles is 3.6e-12 off, above a billionth of the 0.001 step.
    const m = liquidationMap({ price: 30000.009, tiers: [10], grid: { lo: 30000.008, step: 0.001 }, long: [[0, 5]], short: [[0, 0]] });
    assert.equal(m.liquidationsIf(30000.008).usd, 5);
    // 30000.001 ends [30000.000, 30000.001), which may hold shorts.
    const s = liquidationMap({ price: 30000.001, tiers: [10], grid: { lo: 30000, step: 0.001 }, long: [[0, 0]], short: [[5, 0]] });
    assert.deepEqual(s.liquidationsIf(30000.002), { side: "short", usd: 5 });
    // a whole step beyond the price still throws
    assert.throws(() => liquidationMap({ price: 30000.008, tiers: [10], grid: { lo: 30000.008, step: 0.001 }, long: [[0, 5]], short: [[0, 0]] }), /tier 10x bin 1: long USD in the bin centred 30000.0095, wholly above the price 30000.008/);
    // A step finer than a few units in the price's last place: the tolerance stops at a quarter
    // step, so a bin two steps above the price is still beyond it.
    const p = 1 + 2 * Number.EPSILON;
    assert.throws(() => liquidationMap({ price: p, tiers: [10], grid: { lo: 1, step: 5e-16 }, long: [[0, 0, 5]], short: [[0, 0, 0]] }), /tier 10x bin 2: long USD in the bin centred .*, wholly above the price 1.0000000000000004/);
  });
  it("liquidationMap(null | bins as a string | a time past any Date) names the input instead of a TypeError", () => {
    assert.throws(() => liquidationMap(null as never), /liquidationMap: needs a book \{ price, tiers, grid, long, short \} \(value null\)/);
    const book = { price: 100, tiers: [10], grid: { lo: 80, step: 10, bins: 2 }, long: [[1, 0]], short: [[0, 0]] };
    assert.throws(() => liquidationMap({ ...book, grid: { ...book.grid, bins: "2" as never } }), /column "grid.bins": grid.bins must be a whole number >= 0 \(value "2"\)/);
    assert.throws(() => liquidationMap({ ...book, time: 1e16 }), /column "time": time must be epoch ms UTC \(value 10000000000000000\)/);
    assert.equal(liquidationMap({ ...book, time: 8.64e15 }).time, 8.64e15);
    assert.throws(() => liquidationMap({ ...book, long: [BigInt64Array.of(1n, 0n) as never] }), /column "long": tier 10x: USD must be numbers, not BigInts .*\(value "BigInt64Array"\)/);
    // USD near 1e308 would sum to Infinity and share as NaN.
    assert.throws(() => liquidationMap({ ...book, long: [[1e308, 0]] }), /column "long": tier 10x bin 0: USD above 1000000000000000, a thousand trillion \(a unit mistake\?\) \(value 1e\+308\)/);
    assert.throws(() => liquidationMap({ ...book, long: [[1.01e15, 0]] }), /tier 10x bin 0: USD above 1000000000000000/);
  });

  it("replay(...).mapAt(t) maps a book at the open-interest bound that rounding left a fraction above it", () => {
    // One 10x point tier, all in one bin, open interest at the 1e15 bound moving by 1e-13 of it
    // with no anchoring: the book's sum drifts to 1e15 + 0.125, which the map's bound must allow.
    const t0 = Date.UTC(2025, 0, 1);
    const n = 40;
    const time = Array.from({ length: n }, (_, i) => t0 + i * 60_000);
    const c = new Array<number>(n).fill(100);
    const v = new Array<number>(n).fill(1);
    const oi = time.map((_, i) => (i % 3 === 1 ? 1e15 * (1 - 1e-13 * (i % 7)) : 1e15));
    const m = replay({
      candles: { time, open: c, high: c, low: c, close: c, volume: v, takerBuyVolume: v, openInterestUsd: oi },
      leverage: { tiers: [10], weights: [1] }, leverageBands: "point", entry: "close", split: "taker", anchor: "off", halfLifeHours: 0, grid: { step: 1 },
    });
    for (let i = 0; i < n; i++) {
      const map = m.mapAt(time[i]!);
      const total = map.long[0]!.reduce((a, x) => a + x, 0) + map.short[0]!.reduce((a, x) => a + x, 0);
      assert.ok(Math.abs(total - 1e15) <= 1e15 * 1e-12, `bar ${i}: ${total}`);
    }
  });
});

describe("map captions", () => {
  it("liquidationMap(book) answers say the map's UTC time and price, and a caveat when the book has one", () => {
    const book = { price: 100, tiers: [10], grid: { lo: 80, step: 10 }, long: [[5, 0]], short: [[0, 0]], source: "hand" };
    assert.equal(estimateCaption(liquidationMap(book).liquidationsIf(85)), "Estimated USD liquidated if the price reaches 85 (estimate; hand, price 100)");
    const dated = liquidationMap({ ...book, time: Date.UTC(2026, 5, 8, 16), caveat: "dollar level not validated" });
    assert.equal(estimateCaption(dated.liquidationsIf(85)), "Estimated USD liquidated if the price reaches 85 (estimate; hand, map at 2026-06-08 16:00 UTC, price 100; dollar level not validated)");
    assert.equal(dated.caveat, "dollar level not validated");
    // Time 0, the default, is no time (as in the figures' titles), not 1970.
    assert.equal(estimateCaption(liquidationMap({ ...book, time: 0 }).imbalance(1)), "Estimated long and short liquidation USD within ±1% of the price, ratio long/short (estimate; hand, price 100)");
    assert.throws(() => liquidationMap({ ...book, caveat: 5 as never }), /liquidationMap: column "caveat": caveat must be a string \(what the estimate captions add\) \(value 5\)/);
  });

  it("replay(...).mapAt() captions carry DOLLAR_CAVEAT, and combineMaps keeps it once", () => {
    const t0 = Date.UTC(2026, 0, 1);
    const candles = { time: [t0, t0 + 60_000], open: [100, 100], high: [101, 101], low: [99, 99], close: [100, 100], openInterestUsd: [1e6, 1.1e6] };
    const map = replay({ candles }).mapAt();
    assert.equal(map.caveat, DOLLAR_CAVEAT);
    assert.match(estimateCaption(map.imbalance(5))!, new RegExp(`\\(estimate; replay, map at 2026-01-01 00:02 UTC, price 100; ${DOLLAR_CAVEAT}\\)$`));
    const both = combineMaps([map, map]);
    assert.equal(both.caveat, DOLLAR_CAVEAT);
    assert.equal(combineMaps([liquidationMap({ price: 100, tiers: [10], grid: { lo: 80, step: 10 }, long: [[1, 0]], short: [[0, 0]], time: map.time })]).caveat, undefined);
  });
});
