import { strict as assert } from "assert";
import { levelRatios } from "../../src/engine/levels";
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
});
