import assert from "node:assert/strict";
import { liquidationRatio } from "../../src/sim/margin";

describe("sim/margin", () => {
  it("liquidationRatio('ETHUSDT', 'long', 10, 5000) is (1 − 1/10)/(1 − 0.004) by Binance's isolated formula, through src/margin", () => {
    // ETHUSDT first bracket (notional <= 50,000): maintenance margin rate 0.4%, cum 0.
    assert.ok(Math.abs(liquidationRatio("ETHUSDT", "long", 10, 5000) - 0.9 / 0.996) < 1e-12);
  });
  it("liquidationRatio('BNBUSDT', 'short', 50, 5000) is (1 + 1/50)/(1 + 0.005)", () => {
    assert.ok(Math.abs(liquidationRatio("BNBUSDT", "short", 50, 5000) - 1.02 / 1.005) < 1e-12);
  });
  it("liquidationRatio(symbol, side, leverage above the bracket maximum) throws", () => {
    assert.throws(() => liquidationRatio("BNBUSDT", "long", 100, 5000), /BNBUSDT: column "leverage": leverage exceeds the 75x maximum of bracket 1/);
  });
});
