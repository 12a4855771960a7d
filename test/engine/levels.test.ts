import { strict as assert } from "assert";
import { leverageBands, levelBands, levelRatios } from "../../src/engine/levels";
import { resolveOptions } from "../../src/engine/resolve";

// Binance USD-M linear isolated (Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M
// Futures Contracts"), one position, WB = N/L:
//   long  LP = EP·(1 − 1/L − cum/N)/(1 − MMR),  short LP = EP·(1 + 1/L + cum/N)/(1 + MMR).
// BTCUSDT brackets (2024-10-24): notional <= 50,000 → MMR 0.4 %, cum 0;
// 50,000–600,000 → MMR 0.5 %, cum 50.
describe("levelRatios(options, referencePrice)", () => {
  it("levelRatios(options, price) gives Binance's isolated levels per tier for a 10,000 USD position", () => {
    const r = levelRatios(resolveOptions({ leverage: { tiers: [10, 100], weights: [1, 1] } }), 60_000);
    const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);
    near(r.long[0], 0.9 / 0.996);
    near(r.short[0], 1.1 / 1.004);
    near(r.long[1], 0.99 / 0.996);
    near(r.short[1], 1.01 / 1.004);
  });

  it("levelRatios(options, price) uses the bracket of the representative position", () => {
    const r = levelRatios(resolveOptions({ leverage: { tiers: [10], weights: [1] }, margin: { positionUsd: 100_000 } }), 60_000);
    assert.ok(Math.abs(r.long[0] - (1 - 0.1 - 50 / 100_000) / (1 - 0.005)) < 1e-12);
    assert.ok(Math.abs(r.short[0] - (1 + 0.1 + 50 / 100_000) / (1 + 0.005)) < 1e-12);
  });

  it("levelRatios(options, price) takes explicit ratios as given", () => {
    const r = levelRatios(resolveOptions({ leverage: { tiers: [10], weights: [1] }, ratios: { long: [0.9], short: [1.1] } }), 100);
    assert.deepEqual([...r.long, ...r.short], [0.9, 1.1]);
  });

  it("leverageBands(tiers, max) puts edges at geometric midpoints, mirrors the outer ones and caps the top at max", () => {
    // retail: √(5·10) = 7.0711, √(10·25) = 15.811, √(25·50) = 35.355, √(50·100) = 70.711;
    // below 5x: 5·5/7.0711 = 3.5355; above 100x: 100·100/70.711 = 141.42, capped at 125.
    const b = leverageBands([5, 10, 25, 50, 100], 125);
    const want = [[3.5355, 7.0711], [7.0711, 15.811], [15.811, 35.355], [35.355, 70.711], [70.711, 125]];
    b.forEach(([lo, hi], t) => {
      assert.ok(Math.abs(lo - want[t][0]) < 1e-3 && Math.abs(hi - want[t][1]) < 1e-3, `tier ${t}: ${lo}, ${hi}`);
    });
    // The cap never cuts below the tier itself; one tier alone is a point.
    assert.deepEqual(leverageBands([10, 20], 15)[1], [Math.sqrt(200), 20]);
    assert.deepEqual(leverageBands([10], 125), [[10, 10]]);
    // The lowest edge never goes below 1x: 1.2·1.2/√(1.2·2) = 0.93 → 1.
    assert.equal(leverageBands([1.2, 2], 125)[0][0], 1);
  });

  it("levelBands(options, price) runs each tier's ratios from its band's lowest leverage (deepest) to its highest (nearest)", () => {
    // tiers 10, 100: bands [√10 = 3.1623, √1000 = 31.623] and [31.623, 125] (10000/31.623 = 316 capped).
    // Bracket 1 (MMR 0.4 %, cum 0): long ratio (1 − 1/L)/0.996, short (1 + 1/L)/1.004.
    const r = levelBands(resolveOptions({ leverage: { tiers: [10, 100], weights: [1, 1] } }), 60_000);
    const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);
    const L = (lev: number) => (1 - 1 / lev) / 0.996;
    const S = (lev: number) => (1 + 1 / lev) / 1.004;
    near(r.lo.long[0], L(Math.sqrt(10)));
    near(r.hi.long[0], L(Math.sqrt(1000)));
    near(r.lo.long[1], L(Math.sqrt(1000)));
    near(r.hi.long[1], 0.992 / 0.996);
    near(r.lo.short[1], 1.008 / 1.004);
    near(r.hi.short[1], S(Math.sqrt(1000)));
    near(r.lo.short[0], S(Math.sqrt(1000)));
    near(r.hi.short[0], S(Math.sqrt(10)));
  });

  it("levelBands(options, price) is the tier's own ratio at both ends for 'point' bands and for explicit ratios", () => {
    const p = levelBands(resolveOptions({ leverage: { tiers: [10, 100], weights: [1, 1] }, leverageBands: "point" }), 60_000);
    assert.ok(Math.abs(p.lo.long[0] - 0.9 / 0.996) < 1e-12 && p.lo.long[0] === p.hi.long[0] && p.lo.short[1] === p.hi.short[1]);
    const e = levelBands(resolveOptions({ leverage: { tiers: [10], weights: [1] }, ratios: { long: [0.9], short: [1.1] } }), 100);
    assert.deepEqual([e.lo.long[0], e.hi.long[0], e.lo.short[0], e.hi.short[0]], [0.9, 0.9, 1.1, 1.1]);
  });

  it("levelBands(options, price) keeps the tier's own level for an edge beyond the bracket's maximum leverage", () => {
    // A 500,000 USD position is in bracket 2 (50,000–600,000, at most 100x): the top edge (125x) falls back to 100x.
    const r = levelBands(resolveOptions({ leverage: { tiers: [50, 100], weights: [1, 1] }, margin: { positionUsd: 500_000 } }), 60_000);
    const p = levelRatios(resolveOptions({ leverage: { tiers: [50, 100], weights: [1, 1] }, margin: { positionUsd: 500_000 } }), 60_000);
    assert.equal(r.hi.long[1], p.long[1]);
    assert.equal(r.lo.short[1], p.short[1]);
  });
});
