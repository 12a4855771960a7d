import assert from "node:assert/strict";
import fc from "fast-check";
import { binanceUsdmBrackets } from "../../src/margin/defaults";
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

  describe("liquidationPrice(binance linear cross)", () => {
    it("long 1 BTC at 100,000 with WB 10,000, TMM1 1,000, UPNL1 −500: LP = (WB − TMM1 + UPNL1 + cum − Q·EP) / (Q·MMR − Q)", () => {
      // Margin 8,500; bracket 2 at ≈ 91,900 notional: (100,000 − 8,500 − 50) / 0.995.
      const r = liquidationPrice({ ...btc, margin: "cross", side: "long", entryPrice: 100_000, quantity: 1, leverage: 10, walletBalance: 10_000, otherMaintenanceMargin: 1_000, otherUnrealizedPnl: -500 });
      close(r.price, 91_450 / 0.995);
      assert.equal(r.bracket, 2);
      assert.equal(r.bankruptcyPrice, 91_500);
    });
    it("needs walletBalance", () => {
      assert.throws(() => liquidationPrice({ ...btc, margin: "cross", side: "long", entryPrice: 100_000, quantity: 1, leverage: 10 }), /BTCUSDT: column "walletBalance": cross margin needs walletBalance \(value undefined\)/);
    });
  });

  describe("liquidationPrice(binance inverse)", () => {
    const coin = { exchange: "binance", contract: "inverse" } as const;
    it("isolated long of 100 contracts × $100 at 50,000, 20x, MMR 0.5%: LP = Q·(1 + MMR) / (WB + Q/EP)", () => {
      // WB = Q / EP / L = 0.01 BTC; LP = 10,050 / (0.01 + 0.2).
      const r = liquidationPrice({ ...coin, margin: "isolated", side: "long", entryPrice: 50_000, quantity: 10_000, leverage: 20, maintenanceMarginRate: 0.005 });
      close(r.price, 10_050 / 0.21);
      close(r.bankruptcyPrice, 10_000 / 0.21);
    });
    it("isolated short: LP = Q·(1 − MMR) / (Q/EP − WB − cum)", () => {
      const r = liquidationPrice({ ...coin, margin: "isolated", side: "short", entryPrice: 50_000, quantity: 10_000, leverage: 20, maintenanceMarginRate: 0.005 });
      close(r.price, 9_950 / 0.19);
    });
    it("isolated long with coin brackets from a COIN-M response: bracket 1 at entry (27 BTC), bracket 2 at liquidation", () => {
      // Q = 27 BTC × 40,000 = 1,080,000 USD, 10x: WB = 2.7 BTC. Bracket 1 (0.5%) gives 1,085,400 / 29.7 ≈ 36,545,
      // i.e. 29.55 BTC > 28; bracket 2 (2.5%, cum 0.56): 1,107,000 / (2.7 + 0.56 + 27) ≈ 36,583, 29.52 BTC in (28, 50].
      const brackets = {
        pair: "BTCUSD",
        brackets: [
          { bracket: 1, initialLeverage: 125, qtyFloor: 0, qtyCap: 28, maintMarginRatio: 0.005, cum: 0 },
          { bracket: 2, initialLeverage: 20, qtyFloor: 28, qtyCap: 50, maintMarginRatio: 0.025, cum: 0.56 },
          { bracket: 3, initialLeverage: 10, qtyFloor: 50, qtyCap: 100, maintMarginRatio: 0.05, cum: 1.81 },
        ],
      };
      const r = liquidationPrice({ ...coin, margin: "isolated", side: "long", entryPrice: 40_000, quantity: 1_080_000, leverage: 10, brackets });
      close(r.price, 1_107_000 / 30.26);
      assert.equal(r.bracket, 2);
      assert.equal(r.maintenanceAmount, 0.56);
    });
    it("cross long of $10M at 45,000 with WB 101 BTC reproduces Binance's calculator (33,599.4 at the 0.1 tick)", () => {
      // See test/margin/kernel.test.ts for the source; one bracket holding MMR 12.5%, cum 11.605 at ~298 BTC.
      const brackets = [
        { bracket: 1, floor: 0, cap: 100, maintenanceMarginRate: 0.00895, maintenanceAmount: 0, maxLeverage: 125 },
        { bracket: 2, floor: 100, cap: 1_000, maintenanceMarginRate: 0.125, maintenanceAmount: 11.605, maxLeverage: 20 },
      ];
      const r = liquidationPrice({ ...coin, margin: "cross", side: "long", entryPrice: 45_000, quantity: 10_000_000, leverage: 2, walletBalance: 101, brackets });
      assert.equal(Math.round(r.price * 10) / 10, 33_599.4);
      assert.equal(r.bracket, 2);
    });
    it("returns Infinity for an isolated 1x short, which no price liquidates", () => {
      const r = liquidationPrice({ ...coin, margin: "isolated", side: "short", entryPrice: 50_000, quantity: 10_000, leverage: 1, maintenanceMarginRate: 0.005 });
      assert.equal(r.price, Infinity);
      assert.equal(r.bankruptcyPrice, Infinity);
    });
  });

  describe("liquidationPrice(bybit linear isolated)", () => {
    const bybit = { exchange: "bybit", contract: "linear", margin: "isolated" } as const;
    it("reproduces Bybit's worked example: long 1 BTC at 20,000, 50x, MMR 0.5% → 19,700", () => {
      // Bybit Help Center, "Liquidation Price (USDT Contract)", Example 1: IM 400, MM 100, LP = 20,000 − (400 − 100).
      const r = liquidationPrice({ ...bybit, side: "long", entryPrice: 20_000, quantity: 1, leverage: 50, maintenanceMarginRate: 0.005 });
      close(r.price, 19_700);
      close(r.bankruptcyPrice, 19_600);
    });
    it("short mirrors it: 20,000 + (400 − 100) = 20,300", () => {
      const r = liquidationPrice({ ...bybit, side: "short", entryPrice: 20_000, quantity: 1, leverage: 50, maintenanceMarginRate: 0.005 });
      close(r.price, 20_300);
    });
    it("uses the risk-limit tier of the entry value with its mmDeduction", () => {
      // 3 BTC at 800,000 = 2.4M, tier 2 (0.56%, deduction 1,200): MM = 2.4M × 0.0056 − 1,200 = 12,240; IM = 2.4M / 50 = 48,000.
      const brackets = { list: [
        { id: 1, symbol: "BTCUSDT", riskLimitValue: "2000000", maintenanceMargin: "0.005", initialMargin: "0.01", maxLeverage: "100", mmDeduction: "0" },
        { id: 2, symbol: "BTCUSDT", riskLimitValue: "2600000", maintenanceMargin: "0.0056", initialMargin: "0.0116", maxLeverage: "86.2", mmDeduction: "1200" },
      ] };
      const r = liquidationPrice({ ...bybit, side: "long", entryPrice: 800_000, quantity: 3, leverage: 50, brackets });
      close(r.price, 800_000 - (48_000 - 12_240) / 3);
      assert.equal(r.bracket, 2);
    });
  });

  describe("liquidationPrice(okx linear isolated)", () => {
    const okx = { exchange: "okx", contract: "linear", margin: "isolated", maintenanceMarginRate: 0.004 } as const;
    it("long includes the taker-fee term: (M − Q·EP) / (Q·(MMR + fee − 1))", () => {
      // 1 BTC at 50,000, 10x: M = 5,000; (5,000 − 50,000) / (0.0045 − 1).
      const r = liquidationPrice({ ...okx, side: "long", entryPrice: 50_000, quantity: 1, leverage: 10, fees: 0.0005 });
      close(r.price, 45_000 / 0.9955);
    });
    it("short: (M + Q·EP) / (Q·(1 + MMR + fee)); without fees the term is 0", () => {
      close(liquidationPrice({ ...okx, side: "short", entryPrice: 50_000, quantity: 1, leverage: 10, fees: 0.0005 }).price, 55_000 / 1.0045);
      close(liquidationPrice({ ...okx, side: "short", entryPrice: 50_000, quantity: 1, leverage: 10 }).price, 55_000 / 1.004);
    });
    it("accepts fees as { taker } and rejects a negative rate", () => {
      assert.equal(liquidationPrice({ ...okx, side: "long", entryPrice: 50_000, quantity: 1, leverage: 10, fees: { taker: 0.0005 } }).price, liquidationPrice({ ...okx, side: "long", entryPrice: 50_000, quantity: 1, leverage: 10, fees: 0.0005 }).price);
      assert.throws(() => liquidationPrice({ ...okx, side: "long", entryPrice: 50_000, quantity: 1, leverage: 10, fees: -0.001 }), /column "fees": fees must be in \[0, 1 − 0\.004\) \(value -0\.001\)/);
    });
  });

  describe("liquidationPrice(properties)", () => {
    const table = binanceUsdmBrackets.BTCUSDT!.brackets;
    /** Highest leverage allowed for an entry notional (bracket holding it). */
    const maxLev = (notional: number) => table.find((b) => notional <= b.cap)!.maxLeverage;
    const arb = fc
      .record({ entry: fc.double({ min: 1_000, max: 200_000, noNaN: true }), notional: fc.double({ min: 10, max: 1e9, noNaN: true }), f: fc.double({ min: 0, max: 1, noNaN: true }) })
      .map(({ entry, notional, f }) => ({ entry, q: notional / entry, leverage: 1 + f * (maxLev(notional) - 1) }));

    it("long liquidation < entry < short liquidation", () => {
      fc.assert(
        fc.property(arb, ({ entry, q, leverage }) => {
          const long = liquidationPrice({ ...btc, side: "long", entryPrice: entry, quantity: q, leverage }).price;
          const short = liquidationPrice({ ...btc, side: "short", entryPrice: entry, quantity: q, leverage }).price;
          assert.ok(long < entry && entry < short, `${long} < ${entry} < ${short}`);
        }),
        { seed: 1, numRuns: 300 },
      );
    });

    it("monotone in leverage: more leverage moves both levels towards entry", () => {
      fc.assert(
        fc.property(arb, fc.double({ min: 0, max: 1, noNaN: true }), ({ entry, q, leverage }, g) => {
          const higher = leverage + g * (maxLev(q * entry) - leverage);
          for (const side of ["long", "short"] as const) {
            const a = liquidationPrice({ ...btc, side, entryPrice: entry, quantity: q, leverage }).price;
            const b = liquidationPrice({ ...btc, side, entryPrice: entry, quantity: q, leverage: higher }).price;
            assert.ok(side === "long" ? b >= a : b <= a, `${side} ${leverage}x → ${a}, ${higher}x → ${b}`);
          }
        }),
        { seed: 2, numRuns: 300 },
      );
    });

    it("at the returned price, equity equals maintenance margin (1e-9 relative), maintenance looked up at that notional", () => {
      fc.assert(
        fc.property(arb, fc.boolean(), ({ entry, q, leverage }, long) => {
          const r = liquidationPrice({ ...btc, side: long ? "long" : "short", entryPrice: entry, quantity: q, leverage });
          if (r.price === 0) {
            // Only a 1x long is never liquidated at a positive price (its equity is q·price ≥ maintenance).
            assert.ok(long && leverage === 1, `price 0 for a ${long ? "long" : "short"} at ${leverage}x`);
            return;
          }
          const margin = (q * entry) / leverage;
          const equity = margin + (long ? 1 : -1) * q * (r.price - entry);
          const N = q * r.price;
          const b = table.find((x) => N <= x.cap) ?? table[table.length - 1]!;
          const mm = N * b.maintenanceMarginRate - b.maintenanceAmount;
          // Relative to the position's margin scale: at 1x a long's maintenance tends to 0 with the price.
          assert.ok(Math.abs(equity - mm) <= 1e-9 * Math.max(mm, margin), `equity ${equity} vs maintenance ${mm}`);
        }),
        { seed: 3, numRuns: 300 },
      );
    });

    it("continuous across every bracket boundary the liquidation notional crosses", () => {
      // Long at 10x, entry 100,000: the quantity q* whose liquidation notional is exactly floor F of bracket k
      // solves F·(1 − mmr) = q*·EP·(1 − 1/L) − cum on bracket k's line. Prices just either side must agree.
      const ep = 100_000;
      const L = 10;
      for (const b of table.slice(1, 7)) {
        const qStar = (b.floor * (1 - b.maintenanceMarginRate) + b.maintenanceAmount) / (ep * (1 - 1 / L));
        const below = liquidationPrice({ ...btc, side: "long", entryPrice: ep, quantity: qStar * (1 - 1e-9), leverage: L });
        const above = liquidationPrice({ ...btc, side: "long", entryPrice: ep, quantity: qStar * (1 + 1e-9), leverage: L });
        assert.equal(below.bracket, b.bracket - 1);
        assert.equal(above.bracket, b.bracket);
        assert.ok(Math.abs(above.price - below.price) < 1e-6 * ep, `bracket ${b.bracket}: ${below.price} vs ${above.price}`);
      }
    });

    it("inverse and linear agree to second order in d = 1/L and MMR m: |difference| / entry ≤ (d + m)² / ((1 − d)(1 − m))", () => {
      // Linear long EP·(1 − d)/(1 − m) vs inverse long EP·(1 + m)/(1 + d): the difference is EP·(d² − m²)/((1 + d)(1 − m));
      // for shorts EP·(d² − m²)/((1 − d)(1 + m)). Both vanish as leverage grows and MMR shrinks.
      fc.assert(
        fc.property(fc.integer({ min: 5, max: 125 }), fc.double({ min: 0.001, max: 0.02, noNaN: true }), fc.boolean(), (L, m, long) => {
          // Only positions an exchange opens: initial margin 1/L above the maintenance rate.
          fc.pre(m < 1 / L);
          const side = long ? "long" : "short";
          const ep = 50_000;
          const usd = 1_000_000;
          const lin = liquidationPrice({ exchange: "binance", contract: "linear", margin: "isolated", side, entryPrice: ep, quantity: usd / ep, leverage: L, maintenanceMarginRate: m }).price;
          const inv = liquidationPrice({ exchange: "binance", contract: "inverse", margin: "isolated", side, entryPrice: ep, quantity: usd, leverage: L, maintenanceMarginRate: m }).price;
          const d = 1 / L;
          assert.ok(Math.abs(inv - lin) / ep <= (d + m) ** 2 / ((1 - d) * (1 - m)), `${L}x m=${m}: ${lin} vs ${inv}`);
        }),
        { seed: 4, numRuns: 200 },
      );
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
    it("matches the scalar form for inverse cross positions too", () => {
      const coin = { exchange: "binance", contract: "inverse", margin: "cross", walletBalance: 0.5, maintenanceMarginRate: 0.004 } as const;
      const entry = Float64Array.from([40_000, 45_000, 50_000]);
      const batch = liquidationPrices({ ...coin, side: "long", entryPrice: entry, quantity: 100_000, leverage: 20 });
      entry.forEach((ep, i) => assert.equal(batch[i], liquidationPrice({ ...coin, side: "long", entryPrice: ep, quantity: 100_000, leverage: 20 }).price));
    });
    it("rejects an `out` that is no Float64Array, naming it", () => {
      assert.throws(() => liquidationPrices({ ...btc, side: "long", entryPrice: Float64Array.from([1, 2]), quantity: 1, leverage: 10 }, new Int8Array(2) as never), /column "out": out must be a Float64Array .*\(value "\[object Int8Array\]"\)/);
    });
    it("rejects arrays of different lengths", () => {
      assert.throws(() => liquidationPrices({ ...btc, side: "long", entryPrice: Float64Array.from([1, 2]), quantity: Float64Array.from([1]), leverage: 10 }), /column "quantity": quantity must be a number or a Float64Array of length 2 \(value "length 1"\)/);
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
    it("throws on a position liquidated the moment it opens (initial margin 1/L not above the maintenance rate)", () => {
      // 100x with a single 2 % rate: margin 1 % of the notional. Binance's formula would put a long's
      // level at (1000 − 10,000) / (0.02·0.1 − 0.1) = 101,020.41, above its 100,000 entry.
      for (const exchange of ["binance", "bybit", "okx"] as const) {
        for (const side of ["long", "short"] as const) {
          const at = { ...good, exchange, side, leverage: 100, maintenanceMarginRate: 0.02 };
          assert.throws(() => liquidationPrice(at), new RegExp(`column "leverage": a 100x ${side} is liquidated at entry \\(liquidation price [\\d.]+, entry 100000\\).*1/100 = 1\\.000 % .* rate 2\\.000 % .*\\(value 100\\)`), `${exchange} ${side}`);
        }
      }
      // Exactly at the rate (1/50 = 2 %) is liquidated at entry too; 49x opens.
      assert.throws(() => liquidationPrice({ ...good, leverage: 50, maintenanceMarginRate: 0.02 }), /a 50x long is liquidated at entry/);
      assert.ok(liquidationPrice({ ...good, leverage: 49, maintenanceMarginRate: 0.02 }).price < 100_000);
      // Exactly at the rate whatever the entry: 100x at 1 % was accepted for entries where rounding
      // left the level an ulp below the entry (61,446.378987942764) and refused for others.
      for (const entryPrice of [61_446.378987942764, 61_000, 100, 0.1234567, 98_765.4321]) {
        for (const side of ["long", "short"] as const) {
          assert.throws(() => liquidationPrice({ ...good, side, entryPrice, quantity: 1_000 / entryPrice, leverage: 100, maintenanceMarginRate: 0.01 }), /a 100x (long|short) is liquidated at entry/, `${side} ${entryPrice}`);
        }
      }
      // In a batch the element is named.
      assert.throws(() => liquidationPrices({ ...btc, maintenanceMarginRate: 0.02, side: "short", entryPrice: Float64Array.from([1, 2]), quantity: 1, leverage: Float64Array.from([10, 60]) }), /column "leverage\[1\]": a 60x short is liquidated at entry/);
    });
    it("throws on NaN, naming the field", () => {
      assert.throws(() => liquidationPrice({ ...good, entryPrice: NaN }), /entryPrice must be a finite number \(value NaN\)/);
      assert.throws(() => liquidationPrice({ ...good, quantity: NaN }), /quantity must be a finite number \(value NaN\)/);
    });
    it("throws on an unknown exchange or symbol", () => {
      assert.throws(() => liquidationPrice({ ...good, exchange: "kraken" as never }), /unknown exchange .*\(value "kraken"\)/);
      assert.throws(() => liquidationPrice({ ...good, exchange: "toString" as never }), /unknown exchange .*\(value "toString"\)/);
      assert.throws(() => liquidationPrice({ ...good, symbol: "DOGEUSDT" }), /DOGEUSDT: column "symbol": no default brackets for this symbol .*\(value "DOGEUSDT"\)/);
    });
    it("throws on leverage below 1 and on an unknown contract or margin mode", () => {
      assert.throws(() => liquidationPrice({ ...good, leverage: 0.5 }), /BTCUSDT: column "leverage": leverage must be at least 1 \(value 0\.5\)/);
      assert.throws(() => liquidationPrice({ ...good, contract: "option" as never }), /column "contract": contract must be "linear" or "inverse" \(value "option"\)/);
      assert.throws(() => liquidationPrice({ ...good, margin: "portfolio" as never }), /column "margin": margin must be "isolated" or "cross" \(value "portfolio"\)/);
      assert.throws(() => liquidationPrice({ ...good, symbol: "constructor" }), /no default brackets for this symbol/);
    });
    it("throws when the entry notional exceeds the last bracket's cap", () => {
      assert.throws(() => liquidationPrice({ ...good, quantity: 20_000, leverage: 1 }), /column "quantity": position notional 2000000000 at entry exceeds the last bracket's cap 1800000000 \(value 20000\)/);
    });
    it("liquidationPrice(cross, walletBalance <= 0 | a cross margin under the maintenance at entry) blames walletBalance, not the leverage", () => {
      const cross: Position = { ...good, margin: "cross", quantity: 1 };
      assert.throws(() => liquidationPrice({ ...cross, walletBalance: -1000 }), /^LiqlabError: BTCUSDT: column "walletBalance": walletBalance must be positive \(value -1000\)$/);
      assert.throws(() => liquidationPrice({ ...cross, walletBalance: 0 }), /column "walletBalance": walletBalance must be positive \(value 0\)/);
      // 1 BTC at 100,000 needs 450 USDT of maintenance (bracket 2: 0.5 % − 50); 10,000 − 9,700 = 300 of cross margin is not enough.
      assert.throws(
        () => liquidationPrice({ ...cross, walletBalance: 10_000, otherMaintenanceMargin: 9_700 }),
        /^LiqlabError: BTCUSDT: column "walletBalance": a cross long is liquidated at entry \(liquidation price [\d.]+, entry 100000\): the account's cross margin, walletBalance − otherMaintenanceMargin \+ otherUnrealizedPnl = 300, is not above the position's maintenance margin at entry; raise walletBalance \(value 300\)$/,
      );
    });
    it("liquidationPrice(entryPrice 1e308, quantity 10 | inverse quantity / entryPrice past 1.8e308) names the notional's overflow, not the leverage", () => {
      assert.throws(
        () => liquidationPrice({ ...good, symbol: undefined, maintenanceMarginRate: 0.005, entryPrice: 1e308, quantity: 10 }),
        /^LiqlabError: binance linear: column "entryPrice": the position's notional at entry, entryPrice × quantity = 1e\+308 × 10, is past the largest number \(1\.8e308\) \(value 1e\+308\)$/,
      );
      assert.throws(
        () => liquidationPrice({ ...good, contract: "inverse", symbol: undefined, maintenanceMarginRate: 0.01, entryPrice: 1e-300, quantity: 1e10, leverage: 2 }),
        /column "entryPrice": the position's notional at entry, quantity \/ entryPrice = 10000000000 \/ 1e-300, is past the largest number/,
      );
      // In a batch the element is named.
      assert.throws(() => liquidationPrices({ ...btc, symbol: undefined, maintenanceMarginRate: 0.005, side: "long", entryPrice: Float64Array.from([1e5, 1e308]), quantity: 10, leverage: 10 }), /column "entryPrice\[1\]": the position's notional/);
    });
    it("throws on an unsupported combination and on a bad side", () => {
      assert.throws(() => liquidationPrice({ ...good, exchange: "okx", margin: "cross", walletBalance: 1 }), /okx linear cross margin is not supported/);
      assert.throws(() => liquidationPrice({ ...good, side: "up" as never }), /side must be "long" or "short" \(value "up"\)/);
    });
  });

  describe("liquidationPrice(position with a brackets response of several symbols)", () => {
    // GET /fapi/v1/leverageBracket returns every symbol; each position picks its own by `symbol`.
    const response = [
      { symbol: "SOLUSDT", brackets: [
        { bracket: 1, initialLeverage: 75, notionalCap: 5_000, notionalFloor: 0, maintMarginRatio: 0.005, cum: 0 },
        { bracket: 2, initialLeverage: 50, notionalCap: 50_000, notionalFloor: 5_000, maintMarginRatio: 0.0065, cum: 7.5 },
      ] },
      { symbol: "BTCUSDT", brackets: [
        { bracket: 1, initialLeverage: 125, notionalCap: 50_000, notionalFloor: 0, maintMarginRatio: 0.004, cum: 0 },
        { bracket: 2, initialLeverage: 100, notionalCap: 600_000, notionalFloor: 50_000, maintMarginRatio: 0.005, cum: 50 },
      ] },
    ];
    const pos = { exchange: "binance", contract: "linear", margin: "isolated", side: "long", entryPrice: 100_000, quantity: 0.4, leverage: 50 } as const;

    it("liquidationPrice({brackets: response, symbol}) reads each symbol's brackets, whichever symbol came first", () => {
      const sol = liquidationPrice({ ...pos, brackets: response, symbol: "SOLUSDT" });
      // SOLUSDT: 40,000 USD sits in bracket 2 (5,000–50,000, 0.65 %, cum 7.5):
      // (800 + 7.5 − 40,000) / (0.4 × 0.0065 − 0.4) = 98,565.68.
      assert.deepEqual([sol.bracket, sol.maintenanceMarginRate], [2, 0.0065]);
      close(sol.price, (800 + 7.5 - 40_000) / (0.4 * 0.0065 - 0.4));
      // The same response object again, for BTCUSDT: bracket 1 at 0.4 %, (800 − 40,000) / (0.4 × 0.004 − 0.4).
      const btcP = liquidationPrice({ ...pos, brackets: response, symbol: "BTCUSDT" });
      assert.deepEqual([btcP.bracket, btcP.maintenanceMarginRate], [1, 0.004]);
      close(btcP.price, (800 - 40_000) / (0.4 * 0.004 - 0.4));
      // And back: each symbol keeps its own table.
      assert.equal(liquidationPrice({ ...pos, brackets: response, symbol: "SOLUSDT" }).bracket, 2);
    });

    it("liquidationPrice(position) refuses brackets whose unit contradicts the contract, naming the table", () => {
      // A USD-M table for a COIN-M position: 1e8 USD of contracts read as 1e8 USDT would be bracket 1.
      assert.throws(
        () => liquidationPrice({ ...pos, contract: "inverse", quantity: 1e8, leverage: 125, brackets: binanceUsdmBrackets.BTCUSDT!, symbol: "BTCUSD_PERP" }),
        /BTCUSD_PERP: column "brackets": brackets are counted in USDT \(a linear contract's table\); an inverse contract's notional is coins: pass the symbol's COIN-M brackets, or contract: "linear" \(value "BTCUSDT"\)/,
      );
      // A COIN-M table (qtyCap in BTC) for a USD-M position.
      const coinM = [{ pair: "BTCUSD", brackets: [{ bracket: 1, initialLeverage: 125, qtyCap: 5, qtyFloor: 0, maintMarginRatio: 0.004, cum: 0 }] }];
      assert.throws(() => liquidationPrice({ ...pos, brackets: coinM, symbol: "BTCUSD" }), /column "brackets": brackets are counted in coins \(an inverse contract's table\); a linear contract's notional is USD/);
      // ccxt's COIN-M tiers name the quote ("USD") as currency, but their bounds are Binance's qtyCap, in coin.
      const ccxtCoin = { "BTC/USD:BTC": [
        { tier: 1, symbol: "BTC/USD:BTC", currency: "USD", minNotional: 0, maxNotional: 5, maintenanceMarginRate: 0.004, maxLeverage: 125, info: { qtyCap: "5", qtyFloor: "0", cum: "0.0" } },
        { tier: 2, symbol: "BTC/USD:BTC", currency: "USD", minNotional: 5, maxNotional: 10, maintenanceMarginRate: 0.005, maxLeverage: 100, info: { qtyCap: "10", qtyFloor: "5", cum: "0.005" } },
      ] };
      assert.throws(() => liquidationPrice({ ...pos, brackets: ccxtCoin, symbol: "BTC/USD:BTC" }), /column "brackets": brackets are counted in coins/);
      // 1,000 contracts of 100 USD at 100,000 is 1 BTC: bracket 1 of the coin table, accepted.
      assert.equal(liquidationPrice({ ...pos, contract: "inverse", quantity: 100_000, leverage: 20, brackets: ccxtCoin, symbol: "BTC/USD:BTC" }).bracket, 1);
      // A table of unknown unit (a plain bracket array) is taken as given.
      assert.equal(liquidationPrice({ ...pos, brackets: binanceUsdmBrackets.BTCUSDT!.brackets, symbol: "BTCUSDT" }).bracket, 1);
    });
  });
});
