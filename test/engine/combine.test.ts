import { strict as assert } from "assert";
import { combineMaps } from "../../src/engine/combine";
import { liquidationMap } from "../../src/engine/map";

describe("combineMaps(maps)", () => {
  it("combineMaps(maps) adds venues bin by bin on the coarser grid and unions the tiers", () => {
    // Venue A: 10 USD bins from 0, tiers 10x and 25x. Venue B: 5 USD bins from 80, tier 10x.
    const a = liquidationMap({ price: 100, tiers: [10, 25], grid: { lo: 80, step: 10 }, long: [[5, 0, 0, 0], [0, 7, 0, 0]], short: [[0, 0, 0, 3], [0, 0, 0, 0]], source: "A" });
    // B's bins centred 82.5, 87.5, 92.5, 97.5, 102.5, 107.5, 112.5, 117.5
    const b = liquidationMap({ price: 100.2, tiers: [10], grid: { lo: 80, step: 5 }, long: [[1, 2, 0, 4, 0, 0, 0, 0]], short: [[0, 0, 0, 0, 0, 0, 0, 6]], source: "B" });
    const m = combineMaps([a, b]);
    assert.deepEqual(m.tiers, [10, 25]);
    assert.equal(m.grid.step, 10);
    assert.equal(m.price, 100);
    assert.equal(m.source, "A + B");
    // 10x longs: bin [80,90) 5 + 1 + 2 = 8; bin [90,100) 4. 25x: 7 in [90,100). Shorts 10x: 3 + 6 in [110,120).
    assert.deepEqual(m.table.objects(), [
      { price: 85, side: "long", leverage: 10, usd: 8 },
      { price: 95, side: "long", leverage: 10, usd: 4 },
      { price: 95, side: "long", leverage: 25, usd: 7 },
      { price: 115, side: "short", leverage: 10, usd: 9 },
    ]);
    assert.deepEqual(m.liquidationsIf(80), { side: "long", usd: 19 });
  });

  it("combineMaps([map]) on a decimal grid keeps the map's centres and answers", () => {
    // lo 0.3 with step 0.05: kLo · step would be 0.30000000000000004 and every centre one ulp off.
    const a = liquidationMap({ price: 0.3, tiers: [10], grid: { lo: 0.3, step: 0.05 }, long: [[0, 0]], short: [[5, 2]] });
    const m = combineMaps([a, a]);
    // The price 0.3 is the lower edge of [0.3, 0.35), the grid's first bin: nothing is added.
    assert.deepEqual([m.grid.lo, ...m.grid.prices], [0.3, 0.325, 0.375]);
    assert.deepEqual(m.liquidationsIf(0.325), { side: "short", usd: 10 });
    assert.deepEqual(m.liquidationsIf(0.375), { side: "short", usd: 14 });
  });

  it("combineMaps(maps) on the coarser grid keeps each level in the common bin holding it, the price's bin included", () => {
    // A (0.5 bins): a long at 99.25 and a short at 99.75, price 99.3. On B's 1 USD bins both fall
    // in [99, 100), the bin holding the price, which may hold both sides: they stay there, as B's
    // own long at 98.5 stays in [98, 99).
    const a = liquidationMap({ price: 99.3, tiers: [10], grid: { lo: 99, step: 0.5 }, long: [[4, 0]], short: [[0, 6]] });
    const b = liquidationMap({ price: 99.3, tiers: [10], grid: { lo: 98, step: 1 }, long: [[1, 0]], short: [[0, 0]] });
    const m = combineMaps([a, b]);
    assert.deepEqual(m.table.objects(), [
      { price: 98.5, side: "long", leverage: 10, usd: 1 },
      { price: 99.5, side: "long", leverage: 10, usd: 4 },
      { price: 99.5, side: "short", leverage: 10, usd: 6 },
    ]);
    assert.deepEqual([m.liquidationsIf(99.29), m.liquidationsIf(98.5), m.liquidationsIf(99.31)], [{ side: "long", usd: 4 }, { side: "long", usd: 5 }, { side: "short", usd: 0 }]);
  });

  it("combineMaps(maps) answers alike whether a venue's levels come on the common grid or a finer one", () => {
    // P on 10 USD bins, R the same positions on 5 USD bins, both at 104: each liquidates 5 of longs at 101.
    const P = liquidationMap({ price: 104, tiers: [10], grid: { lo: 80, step: 10 }, long: [[0, 0, 5, 0]], short: [[0, 0, 7, 0]] });
    const R = liquidationMap({ price: 104, tiers: [10], grid: { lo: 80, step: 5 }, long: [[0, 0, 0, 0, 5, 0, 0, 0]], short: [[0, 0, 0, 0, 0, 7, 0, 0]] });
    assert.deepEqual([P.liquidationsIf(101), R.liquidationsIf(101)], [{ side: "long", usd: 5 }, { side: "long", usd: 5 }]);
    assert.deepEqual(combineMaps([P, P]).liquidationsIf(101), { side: "long", usd: 10 });
    assert.deepEqual(combineMaps([P, R]).liquidationsIf(101), { side: "long", usd: 10 });
    assert.deepEqual(combineMaps([P, R]).imbalance(5), { longUsd: 10, shortUsd: 14, ratio: 10 / 14 });
  });

  it("combineMaps([]) throws", () => {
    assert.throws(() => combineMaps([]), /combineMaps: needs at least one map/);
  });

  it("combineMaps(maps) keeps a grid the maps share, even off multiples of the step", () => {
    // lo 5, step 10: centres 10, 20, …, 130; long 40 at 90, short 30 at 120, price 100. Re-binned
    // on edges at multiples of 10 both would sit on an edge and move half a bin.
    const long = Array.from({ length: 13 }, (_, i) => (i === 8 ? 40 : 0));
    const short = Array.from({ length: 13 }, (_, i) => (i === 11 ? 30 : 0));
    const a = liquidationMap({ price: 100, tiers: [10], grid: { lo: 5, step: 10 }, long: [long], short: [short] });
    const one = combineMaps([a]);
    assert.deepEqual(one.table.objects(), a.table.objects());
    assert.deepEqual([one.liquidationsIf(120), one.liquidationsIf(92)], [{ side: "short", usd: 30 }, { side: "long", usd: 0 }]);
    // A second venue two bins higher on the same grid adds bin by bin.
    const b = liquidationMap({ price: 100, tiers: [25], grid: { lo: 25, step: 10 }, long: [[0, 0, 0, 0, 0, 0, 5, 0, 0, 0]], short: [[0, 0, 0, 0, 0, 0, 0, 0, 0, 6]] });
    assert.deepEqual(combineMaps([a, b]).table.objects(), [
      { price: 90, side: "long", leverage: 10, usd: 40 },
      { price: 90, side: "long", leverage: 25, usd: 5 },
      { price: 120, side: "short", leverage: 10, usd: 30 },
      { price: 120, side: "short", leverage: 25, usd: 6 },
    ]);
  });

  it("combineMaps([map]) keeps a shared grid when the price lies beyond it, adding bins up to the price", () => {
    // Centres 10 … 100 (lo 5, step 10), longs only, price 104 in the last bin [95, 105): nothing
    // added, none moved; price 107 beyond the top edge 105: one bin added on top (110).
    const up = liquidationMap({ price: 104, tiers: [10], grid: { lo: 5, step: 10 }, long: [[0, 0, 0, 0, 0, 0, 0, 40, 0, 60]], short: [new Array(10).fill(0)] });
    const cu = combineMaps([up]);
    assert.deepEqual([...cu.grid.prices], [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    assert.deepEqual([...combineMaps([{ ...up, price: 107 }]).grid.prices].slice(-2), [100, 110]);
    assert.deepEqual([99, 96, 80, 79].map((p) => cu.liquidationsIf(p).usd), [99, 96, 80, 79].map((p) => up.liquidationsIf(p).usd));
    // Shorts only at centres 20 and 30, price 12 below the first: one bin added below (centre 10),
    // the others stay where they were.
    const down = liquidationMap({ price: 12, tiers: [10], grid: { lo: 15, step: 10 }, long: [[0, 0]], short: [[30, 20]] });
    const cd = combineMaps([down]);
    assert.deepEqual([...cd.grid.prices], [10, 20, 30]);
    assert.deepEqual([20, 30].map((p) => cd.liquidationsIf(p).usd), [30, 50]);
  });

  it("combineMaps([map]) answers as map does when the price's bin holds both sides", () => {
    // Bins of 10 from 80, price 104: 5 long and 7 short in [100, 110), the bin holding the price.
    const m = liquidationMap({ price: 104, tiers: [10], grid: { lo: 80, step: 10 }, long: [[0, 0, 5, 0]], short: [[0, 0, 7, 0]] });
    const c = combineMaps([m]);
    assert.deepEqual(c.table.objects(), m.table.objects());
    assert.deepEqual([c.imbalance(5), c.liquidationsIf(103), c.liquidationsIf(105)], [m.imbalance(5), m.liquidationsIf(103), m.liquidationsIf(105)]);
    assert.deepEqual(c.imbalance(5), { longUsd: 5, shortUsd: 7, ratio: 5 / 7 });
  });

  it("combineMaps(maps) with another venue's price keeps each side where liquidationMap allows it", () => {
    // Same grid (bins of 10 from 80); A at 104, B at 116 with a long in [110, 120): wholly above
    // A's price, it goes to the bin holding 104, [100, 110).
    const a = liquidationMap({ price: 104, tiers: [10], grid: { lo: 80, step: 10 }, long: [[0, 3, 0, 0]], short: [[0, 0, 0, 2]] });
    const b = liquidationMap({ price: 116, tiers: [10], grid: { lo: 80, step: 10 }, long: [[0, 0, 0, 4]], short: [[0, 0, 0, 0]] });
    assert.deepEqual(combineMaps([a, b]).table.objects(), [
      { price: 95, side: "long", leverage: 10, usd: 3 },
      { price: 105, side: "long", leverage: 10, usd: 4 },
      { price: 115, side: "short", leverage: 10, usd: 2 },
    ]);
  });

  it("combineMaps(maps) with a price under half a step keeps bin centres positive", () => {
    // Price 3 in [0, 10): there is no bin below with a positive centre.
    const hand = liquidationMap({ price: 3, tiers: [10], grid: { lo: 0, step: 10 }, long: [[0, 0]], short: [[7, 0]] });
    assert.deepEqual(combineMaps([hand]).liquidationsIf(6), { side: "short", usd: 7 });
    // The re-binned path (steps 10 and 5), a long in the price's bin on the fine grid.
    const fine = liquidationMap({ price: 3, tiers: [10], grid: { lo: 0, step: 5 }, long: [[2, 0]], short: [[0, 1]] });
    const both = combineMaps([hand, fine]);
    assert.deepEqual(both.table.objects(), [
      { price: 5, side: "long", leverage: 10, usd: 2 },
      { price: 5, side: "short", leverage: 10, usd: 8 },
    ]);
  });

  it("combineMaps([map]) of a map given by its centres alone answers as map does at those centres", () => {
    // Without lo the map's lower edge is 2.35 − 0.05, 2.3000000000000003 in doubles; centres rebuilt
    // from that would be 2.3500000000000005, 2.45, 2.5500000000000003, and a short at 2.55 missed.
    const m = liquidationMap({ price: 2.45, tiers: [10], grid: { step: 0.1, prices: [2.35, 2.45, 2.55] }, long: [[7, 3, 0]], short: [[0, 2, 5]] });
    assert.equal(m.grid.lo, 2.3);
    const c = combineMaps([m]);
    assert.deepEqual([...c.grid.prices], [2.35, 2.45, 2.55]);
    assert.deepEqual(c.liquidationsIf(2.55), m.liquidationsIf(2.55));
    assert.deepEqual(c.liquidationsIf(2.55), { side: "short", usd: 7 });
    assert.equal(c.leverageShares(2.55, 2.55)[0]!.usd, 5);
    // A grid of no short decimal keeps its lower edge as computed: snapped to 15 digits, lo 100/3
    // would move 5 ulps down and the rebuilt centres with it.
    const third = liquidationMap({ price: 34, tiers: [10], grid: { step: 1 / 3, prices: [100 / 3 + 1 / 6, 100 / 3 + 0.5] }, long: [[3, 1]], short: [[0, 0]] });
    assert.equal(third.grid.lo, 100 / 3 + 1 / 6 - 1 / 6);
    assert.deepEqual([...combineMaps([third]).grid.prices], [...third.grid.prices]);
    assert.deepEqual(combineMaps([third]).liquidationsIf(33.5), third.liquidationsIf(33.5));
  });

  it("combineMaps(maps) on the coarser grid takes a price within edgeTolerance of an edge as on it, as liquidationMap does", () => {
    // 2.35 − 0.05 is 2.3000000000000003: A's short in [2.2, 2.3) ends at the price and stays there;
    // B, on a 0.05 step, joins A's 0.1 grid. Before, the short moved up to [2.3, 2.4).
    const price = 2.35 - 0.05;
    const a = liquidationMap({ price, tiers: [10], grid: { lo: 2.1, step: 0.1 }, long: [[4, 0, 0]], short: [[0, 5, 0]] });
    const b = liquidationMap({ price, tiers: [10], grid: { lo: 2.4, step: 0.05 }, long: [[0]], short: [[1]] });
    const c = combineMaps([a, b]);
    assert.deepEqual(c.table.objects(), [
      { price: 2.15, side: "long", leverage: 10, usd: 4 },
      { price: 2.25, side: "short", leverage: 10, usd: 5 },
      { price: 2.45, side: "short", leverage: 10, usd: 1 },
    ]);
    assert.equal(c.liquidationsIf(2.31).usd, a.liquidationsIf(2.31).usd);
    // The other edge: a price an ulp under 2.3 lets long USD stay in [2.3, 2.4).
    const under = 2.3 - 4.440892098500626e-16;
    const l = liquidationMap({ price: under, tiers: [10], grid: { lo: 2.2, step: 0.1 }, long: [[1, 6]], short: [[0, 0]] });
    const lb = liquidationMap({ price: under, tiers: [10], grid: { lo: 2.4, step: 0.05 }, long: [[0]], short: [[1]] });
    assert.deepEqual(combineMaps([l, lb]).table.objects().filter((r) => (r as { side: string }).side === "long"), [
      { price: 2.25, side: "long", leverage: 10, usd: 1 },
      { price: 2.35, side: "long", leverage: 10, usd: 6 },
    ]);
  });

  it("combineMaps(maps) takes a price on the edge of a fine step at a large price as on it, as liquidationMap does", () => {
    // 30000.009 is the lower edge of [30000.009, 30000.010): B's long there stays in that bin (it
    // threw before: the edge's rounding is above a billionth of the 0.001 step).
    const a = liquidationMap({ price: 30000.009, tiers: [10], grid: { lo: 30000.008, step: 0.001 }, long: [[0]], short: [[0]] });
    const b = liquidationMap({ price: 30000.05, tiers: [10], grid: { lo: 30000.009, step: 0.001 }, long: [[5]], short: [[0]] });
    assert.deepEqual(combineMaps([a, b]).table.objects(), [{ price: 30000.0095, side: "long", leverage: 10, usd: 5 }]);
    // 30000.005 ends [30000.004, 30000.005): B's short, wholly below A's price, moves to that bin,
    // the nearest allowed, not one further up.
    const a3 = liquidationMap({ price: 30000.005, tiers: [10], grid: { lo: 30000.004, step: 0.001 }, long: [[0]], short: [[0]] });
    const b3 = liquidationMap({ price: 29999.9, tiers: [10], grid: { lo: 30000.0, step: 0.001 }, long: [[0]], short: [[7]] });
    assert.deepEqual(combineMaps([a3, b3]).table.objects(), [{ price: 30000.0045, side: "short", leverage: 10, usd: 7 }]);
    // Grids from 30000.0155 and 30000.0185 are 3 steps apart (to within rounding far above a
    // billionth of the step): they share their bins, nothing moves half a bin.
    const c = liquidationMap({ price: 30001, tiers: [10], grid: { lo: 30000.0155, step: 0.001 }, long: [[1, 0, 0]], short: [[0, 0, 0]] });
    const d = liquidationMap({ price: 30001, tiers: [10], grid: { lo: 30000.0185, step: 0.001 }, long: [[2, 0]], short: [[0, 0]] });
    assert.deepEqual(combineMaps([c, d]).table.objects(), [
      { price: 30000.016, side: "long", leverage: 10, usd: 1 },
      { price: 30000.019, side: "long", leverage: 10, usd: 2 },
    ]);
  });

  it("combineMaps(maps) puts a centre on a common edge in the bin on the price's side", () => {
    // A: centres 10, 20, … (lo 5, step 10); B: 20 USD bins from 0. On the common 20 USD grid A's
    // long at 80 and short at 120 sit on edges: the long goes to [80, 100), the short to [100, 120),
    // both towards the price 100 (as a level on an edge does in the replay).
    const a = liquidationMap({ price: 100, tiers: [10], grid: { lo: 5, step: 10 }, long: [Array.from({ length: 13 }, (_, i) => (i === 7 ? 40 : 0))], short: [Array.from({ length: 13 }, (_, i) => (i === 11 ? 30 : 0))] });
    const b = liquidationMap({ price: 100, tiers: [10], grid: { lo: 0, step: 20 }, long: [[0, 0, 0, 0, 1, 0, 0]], short: [[0, 0, 0, 0, 0, 0, 2]] });
    const m = combineMaps([a, b]);
    assert.deepEqual(m.table.objects(), [
      { price: 90, side: "long", leverage: 10, usd: 41 },
      { price: 110, side: "short", leverage: 10, usd: 30 },
      { price: 130, side: "short", leverage: 10, usd: 2 },
    ]);
  });

  it("combineMaps(maps) keeps a short whose centre is the lowest and on a common edge at the price, one bin below the longs' lowest", () => {
    // A: one bin [95, 105) with 61 USD of shorts centred at 100, the price. B: [100, 110), 5 USD
    // of shorts. On the common 10 USD grid A's centre is the edge 100, so its short goes to the
    // bin on the price's side, [90, 100): below every input's lowest long bin, which the common
    // grid must reach (it once started at [100, 110) and dropped the 61 USD without a word).
    const a = liquidationMap({ price: 100, tiers: [10], grid: { lo: 95, step: 10 }, long: [[0]], short: [[61]] });
    const b = liquidationMap({ price: 100, tiers: [10], grid: { lo: 100, step: 10 }, long: [[0]], short: [[5]] });
    for (const m of [combineMaps([a, b]), combineMaps([b, a])]) {
      assert.deepEqual(m.table.objects(), [
        { price: 95, side: "short", leverage: 10, usd: 61 },
        { price: 105, side: "short", leverage: 10, usd: 5 },
      ]);
      assert.deepEqual(m.liquidationsIf(1e6), { side: "short", usd: 66 });
    }
    // A finer venue: 5 USD bins from 97.5, the same 61 USD at 100.
    const fine = liquidationMap({ price: 100, tiers: [10], grid: { lo: 97.5, step: 5 }, long: [[0]], short: [[61]] });
    assert.equal(combineMaps([fine, b]).liquidationsIf(1e6).usd, 66);
  });

  it("combineMaps(maps, { maxTimeApart }) refuses maps of different moments, naming both times; default one hour", () => {
    const at = (time: number, price: number) => liquidationMap({ price, time, tiers: [10], grid: { lo: 80, step: 10 }, long: [[1, 0]], short: [[0, 0]] });
    const t0 = Date.UTC(2026, 5, 8, 16);
    // Venues whose last bars close within an hour (a 5-minute and a 30-minute venue) combine.
    assert.equal(combineMaps([at(t0, 95), at(t0 + 3_600_000, 96)]).time, t0 + 3_600_000);
    // A map of 8 June's price with 22 June's book describes neither moment.
    const late = t0 + 14 * 86_400_000;
    assert.throws(() => combineMaps([at(late, 95), at(t0, 96), at(t0 + 1, 97)]), /combineMaps: column "time": maps\[1\] is at 2026-06-08 16:00 UTC and maps\[0\] at 2026-06-22 16:00 UTC, more than 3600000 ms apart: .*pass \{ maxTimeApart \} to combine them anyway \(value 1209600000\)/);
    assert.throws(() => combineMaps([at(t0, 95), at(t0 + 3_600_001, 96)]), /more than 3600000 ms apart/);
    assert.equal(combineMaps([at(t0, 95), at(late, 96)], { maxTimeApart: Infinity }).price, 95);
    assert.throws(() => combineMaps([at(t0, 95)], { maxTimeApart: -1 }), /combineMaps: column "maxTimeApart": options.maxTimeApart must be a number of ms >= 0 \(value -1\)/);
    assert.throws(() => combineMaps([at(t0, 95)], { maxTimeApart: NaN }), /options.maxTimeApart must be a number of ms >= 0 \(value NaN\)/);
    assert.throws(() => combineMaps([at(t0, 95)], { maxTimeAppart: 5 } as never), /combineMaps: column "maxTimeAppart": unknown option; did you mean maxTimeApart\? \(value 5\)/);
    assert.throws(() => combineMaps([at(t0, 95)], { venue: "x" } as never), /combineMaps: column "venue": unknown option; combineMaps takes source, maxTimeApart \(value "x"\)/);
    // A key set to undefined is as if absent, as replay's and the figures' options read it.
    assert.equal(combineMaps([at(t0, 95)], { venue: undefined } as never).price, 95);
    // Time 0, a hand-built map's default, is no time: it combines with a dated map.
    assert.equal(combineMaps([at(0, 95), at(t0, 96)]).time, t0);
  });

  it("combineMaps(maps, null) takes null options; a hand-made map without time or with short arrays is named", () => {
    const m = liquidationMap({ price: 100, tiers: [10], grid: { lo: 80, step: 10 }, long: [[1, 0]], short: [[0, 0]] });
    assert.deepEqual(combineMaps([m], null).table.objects(), m.table.objects());
    assert.throws(() => combineMaps([m], { source: 5 as never }), /combineMaps: column "source": options.source must be a string \(value 5\)/);
    const { time: _t, ...noTime } = m;
    assert.throws(() => combineMaps([m, noTime as never]), /combineMaps: column "time": maps\[1\]\.time must be epoch ms UTC \(value undefined\)/);
    assert.throws(() => combineMaps([{ ...m, short: [new Float64Array(1)] }]), /combineMaps: column "short": maps\[0\]\.short\[0\] has 1 bins, its grid 2 \(value 1\)/);
    assert.throws(() => combineMaps([{ ...m, long: [] }]), /maps\[0\]\.long needs one array per tier \(1\)/);
    // A bad cell is named in the map it came from, not in the combined map's bins.
    assert.throws(() => combineMaps([m, { ...m, long: [Float64Array.of(1, -2)] }]), /combineMaps: column "long": maps\[1\]\.long\[0\] bin 1: USD must be a finite number >= 0 \(value -2\)/);
    assert.throws(() => combineMaps([{ ...m, short: [Float64Array.of(NaN, 0)] }]), /maps\[0\]\.short\[0\] bin 0: USD must be a finite number >= 0 \(value NaN\)/);
  });

  it("combineMaps(maps) throws on an entry that is not a map, and on a common grid past the bin limit", () => {
    const a = liquidationMap({ price: 100, tiers: [10], grid: { lo: 99, step: 0.01 }, long: [[1]], short: [[0]] });
    assert.throws(() => combineMaps([a, null as unknown as typeof a]), /combineMaps: maps\[1\] is not a liquidation map \(from model.mapAt or liq.liquidationMap\) \(value null\)/);
    const far = liquidationMap({ price: 1e5, tiers: [10], grid: { lo: 99_999, step: 0.01 }, long: [[1]], short: [[0]] });
    assert.throws(() => combineMaps([a, far]), /combineMaps: column "grid.step": the common grid would span 9990001 bins of 0.01 \(limit 5000000\)/);
  });
});
