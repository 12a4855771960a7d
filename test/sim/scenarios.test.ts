import assert from "node:assert/strict";
import { scenarios } from "../../src/sim/scenarios";
import { simulate } from "../../src/sim/simulate";

const num = (t: { array(n: string): unknown }, n: string) => t.array(n) as Float64Array;

describe("sim/scenarios", () => {
  it("simulate(scenarios.sol): open interest above $11B in 90% of bars against ~$6B a day of spot volume, ending near $191", () => {
    const s = simulate(scenarios.sol);
    const oi = num(s.openInterest, "openInterestUsd");
    assert.ok(oi.filter((x) => x > 11e9).length >= 0.9 * oi.length);
    const days = s.spotCandles.numRows() / 288;
    const spotPerDay = num(s.spotCandles, "quoteVolume").reduce((a, b) => a + b, 0) / days;
    assert.ok(Math.abs(spotPerDay - 6e9) < 0.1 * 6e9, `spot ${spotPerDay}`);
    assert.ok(Math.abs(num(s.candles, "close").at(-1)! - 191) / 191 < 0.05);
  });

  it("simulate(scenarios.bnb): most open USD is at 50x with levels between $753 and $875, ending near $850", () => {
    const s = simulate(scenarios.bnb);
    const open = (s.positions().objects() as { end: string; leverage: number; liquidationPrice: number; quantity: number; entryPrice: number }[]).filter((p) => p.end === "open");
    const usd = (p: { quantity: number; entryPrice: number }) => p.quantity * p.entryPrice;
    const total = open.reduce((a, p) => a + usd(p), 0);
    const band = open.filter((p) => p.leverage === 50 && p.liquidationPrice >= 753 && p.liquidationPrice <= 875).reduce((a, p) => a + usd(p), 0);
    assert.ok(band / total > 0.5, `50x in band: ${band / total}`);
    assert.ok(Math.abs(num(s.candles, "close").at(-1)! - 850) / 850 < 0.05);
  });
});
