import assert from "node:assert/strict";
import { mapDistance } from "../../src/validate/distance";

const grid = { lo: 90, step: 1, bins: 20, prices: Float64Array.from({ length: 20 }, (_, i) => 90.5 + i) };
const at = (i: number, usd: number) => {
  const a = new Float64Array(20);
  a[i] = usd;
  return a;
};

describe("validate/distance", () => {
  it("mapDistance(estimated, truth) is the USD-weighted price shift per side over the price", () => {
    // Estimated longs at 95.5, true longs at 97.5: 2 USD away at price 100 → 0.02.
    // Shorts: two tiers estimated at 105.5 and 104.5 (equal USD), truth at 105.5 → 0.5/100.
    const est = { price: 100, grid, long: [at(5, 10)], short: [at(15, 3), at(14, 3)] };
    const truth = { price: 100, grid, long: [at(7, 99)], short: [at(15, 1), at(15, 0)] };
    const d = mapDistance({ ...est, long: [at(5, 10), new Float64Array(20)] }, { ...truth, long: [at(7, 99), new Float64Array(20)] });
    assert.ok(Math.abs(d.long - 0.02) < 1e-12);
    assert.ok(Math.abs(d.short - 0.005) < 1e-12);
  });

  it("mapDistance(maps on different grids) throws", () => {
    const other = { ...grid, lo: 91 };
    assert.throws(() => mapDistance({ price: 100, grid, long: [at(1, 1)], short: [at(2, 1)] }, { price: 100, grid: other, long: [at(1, 1)], short: [at(2, 1)] }), /maps must share one grid/);
  });

  it("mapDistance(null | price 0 | grid null | a short tier, truth) throws naming the map and field, not NaN or a TypeError", () => {
    const m = { price: 100, grid, long: [at(1, 1)], short: [at(15, 1)] };
    assert.throws(() => mapDistance(null as never, m), /^LiqlabError: mapDistance: column "estimated": must be a liquidation map \(price, grid, long, short\) \(value null\)$/);
    assert.throws(() => mapDistance({ ...m, price: 0 }, m), /^LiqlabError: mapDistance: column "estimated\.price": estimated\.price must be positive \(value 0\)$/);
    assert.throws(() => mapDistance(m, { ...m, grid: null as never }), /mapDistance: column "truth\.grid": grid must be a price grid \{ lo, step, bins, prices \} with bins prices \(value null\)/);
    assert.throws(() => mapDistance(m, { ...m, short: [new Float64Array(3)] }), /mapDistance: column "truth\.short": tier 0 must be an array of 20 USD amounts, one per bin \(value "length 3"\)/);
  });
});
