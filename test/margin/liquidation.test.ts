import assert from "node:assert/strict";
import { liquidationPrice, liquidationPrices } from "../../src/margin/liquidation";
import type { Position } from "../../src/margin/types";

const btc = { exchange: "binance", contract: "linear", margin: "isolated", symbol: "BTCUSDT" } as const;

/** Relative closeness, for numbers derived by hand from the exchanges' formulas. */
function close(actual: number, expected: number, rel = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${actual} != ${expected}`);
}

describe("margin/liquidation", () => {
  describe("liquidationPrice(binance linear isolated)", () => {
    it("long 1 BTC at 100,000, 20x: bracket 2 (0.5%, cum 50) from Binance's USDⓈ-M formula", () => {
      // WB = 100,000 / 20 = 5,000; LP = (WB + cum − Q·EP) / (Q·MMR − Q) = (100,000 − 5,000 − 50) / 0.995.
      const r = liquidationPrice({ ...btc, side: "long", entryPrice: 100_000, quantity: 1, leverage: 20 });
      close(r.price, 94_950 / 0.995);
      assert.equal(r.bracket, 2);
      assert.equal(r.maintenanceMarginRate, 0.005);
      assert.equal(r.maintenanceAmount, 50);
      assert.equal(r.bankruptcyPrice, 95_000);
    });
    it("short 0.49 BTC at 100,000, 20x: bracket 1 at entry (49,000) but bracket 2 at liquidation", () => {
      // Bracket 1 would give (49,000 + 2,450) / (0.49 × 1.004) ≈ 104,582, notional ≈ 51,245 > 50,000: not a fixed point.
      // Bracket 2: LP = (Q·EP + WB + cum) / (Q·(1 + MMR)) = (49,000 + 2,450 + 50) / (0.49 × 1.005).
      assert.ok(0.49 * (51_450 / (0.49 * 1.004)) > 50_000);
      const r = liquidationPrice({ ...btc, side: "short", entryPrice: 100_000, quantity: 0.49, leverage: 20 });
      close(r.price, 51_500 / (0.49 * 1.005));
      assert.equal(r.bracket, 2);
      assert.equal(r.bankruptcyPrice, 105_000);
    });
    it("long 0.51 BTC at 100,000, 20x: bracket 2 at entry (51,000) but bracket 1 at liquidation", () => {
      // Bracket 1: (51,000 − 2,550 − 0) / (0.51 × 0.996) ≈ 95,381.5, notional ≈ 48,645 ≤ 50,000: the fixed point.
      const r = liquidationPrice({ ...btc, side: "long", entryPrice: 100_000, quantity: 0.51, leverage: 20 });
      close(r.price, 48_450 / (0.51 * 0.996));
      assert.equal(r.bracket, 1);
      assert.equal(r.maintenanceAmount, 0);
    });
    it("a multi-bracket long: 40 BTC at 100,000 (4M notional), 25x lands in bracket 4 (1%, cum 11,450)", () => {
      // WB = 160,000; LP = (4,000,000 − 160,000 − 11,450) / (40 × 0.99) = 96,680.55…, notional 3.87M in (3M, 12M].
      const r = liquidationPrice({ ...btc, side: "long", entryPrice: 100_000, quantity: 40, leverage: 25 });
      close(r.price, 3_828_550 / 39.6);
      assert.equal(r.bracket, 4);
    });
  });

  describe("liquidationPrice(bybit linear isolated)", () => {
    it("reproduces Bybit's worked example: long 1 BTC at 20,000, 50x, MMR 0.5% → 19,700", () => {
      // Bybit Help Center, "Liquidation Price (USDT Contract)", Example 1: IM 400, MM 100, LP = 20,000 − (400 − 100).
      const r = liquidationPrice({ exchange: "bybit", contract: "linear", margin: "isolated", side: "long", entryPrice: 20_000, quantity: 1, leverage: 50, maintenanceMarginRate: 0.005 });
      close(r.price, 19_700);
    });
  });

  describe("liquidationPrices(batch)", () => {
    it("gives the same numbers as liquidationPrice element by element, across brackets and both sides", () => {
      const entry = Float64Array.from([100_000, 95_000, 60_000, 120_000, 101_234.5]);
      const qty = Float64Array.from([0.49, 0.51, 40, 3, 0.001]);
      const lev = Float64Array.from([20, 20, 25, 50, 125]);
      for (const side of ["long", "short"] as const) {
        const batch = liquidationPrices({ ...btc, side, entryPrice: entry, quantity: qty, leverage: lev });
        entry.forEach((ep, i) => {
          assert.equal(batch[i], liquidationPrice({ ...btc, side, entryPrice: ep, quantity: qty[i]!, leverage: lev[i]! }).price);
        });
      }
    });
    it("accepts one quantity and one leverage for all entries", () => {
      const entry = Float64Array.from([50_000, 70_000]);
      const batch = liquidationPrices({ ...btc, side: "short", entryPrice: entry, quantity: 0.1, leverage: 10 });
      assert.equal(batch[1], liquidationPrice({ ...btc, side: "short", entryPrice: 70_000, quantity: 0.1, leverage: 10 }).price);
    });
    it("names the bad element", () => {
      assert.throws(() => liquidationPrices({ ...btc, side: "long", entryPrice: Float64Array.from([1, 2]), quantity: 1, leverage: Float64Array.from([10, 0]) }), /column "leverage\[1\]": leverage\[1\] must be positive \(value 0\)/);
    });
  });

  describe("liquidationPrice(bad input)", () => {
    const good: Position = { ...btc, side: "long", entryPrice: 100_000, quantity: 0.1, leverage: 10 };
    it("throws on leverage <= 0, naming the value", () => {
      assert.throws(() => liquidationPrice({ ...good, leverage: 0 }), /leverage must be positive \(value 0\)/);
      assert.throws(() => liquidationPrice({ ...good, leverage: -5 }), /value -5/);
    });
    it("throws on leverage above the entry bracket's maximum", () => {
      // 1 BTC at 100,000 is bracket 2 of BTCUSDT: at most 100x.
      assert.throws(() => liquidationPrice({ ...good, quantity: 1, leverage: 125 }), /BTCUSDT: column "leverage": leverage exceeds the 100x maximum of bracket 2 .*\(value 125\)/);
    });
    it("throws on NaN, naming the field", () => {
      assert.throws(() => liquidationPrice({ ...good, entryPrice: NaN }), /entryPrice must be a finite number \(value NaN\)/);
      assert.throws(() => liquidationPrice({ ...good, quantity: NaN }), /quantity must be a finite number \(value NaN\)/);
    });
    it("throws on an unknown exchange or symbol", () => {
      assert.throws(() => liquidationPrice({ ...good, exchange: "kraken" as never }), /unknown exchange .*\(value "kraken"\)/);
      assert.throws(() => liquidationPrice({ ...good, symbol: "DOGEUSDT" }), /DOGEUSDT: column "symbol": no default brackets for this symbol .*\(value "DOGEUSDT"\)/);
    });
    it("throws on an unsupported combination and on a bad side", () => {
      assert.throws(() => liquidationPrice({ ...good, exchange: "okx", margin: "cross", walletBalance: 1 }), /okx linear cross margin is not supported/);
      assert.throws(() => liquidationPrice({ ...good, side: "up" as never }), /side must be "long" or "short" \(value "up"\)/);
    });
  });
});
