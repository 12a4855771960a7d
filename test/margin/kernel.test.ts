import assert from "node:assert/strict";
import fc from "fast-check";
import { packBrackets, bracketIndexAt } from "../../src/margin/brackets";
import { liquidationBracket, rootOnBracket } from "../../src/margin/kernel";
import { binanceUsdmBrackets } from "../../src/margin/defaults";

const btc = packBrackets(binanceUsdmBrackets.BTCUSDT!);
const n = btc.cap.length;

/** Equity line (a, slope) of a linear position in price u: margin + s·q·(u − entry). */
function linearLine(s: 1 | -1, entry: number, q: number, margin: number) {
  return { a: margin - s * q * entry, slope: s * q };
}

/** Maintenance margin at notional N from the table itself: N × mmr − cum of the bracket holding N. */
function maintenance(N: number): number {
  const i = bracketIndexAt(btc, N);
  return N * btc.rate[i]! - btc.amount[i]!;
}

// Positions from 1 USD to 1.5 billion USD notional, leverage 1..125, both sides.
const position = fc.record({
  long: fc.boolean(),
  entry: fc.double({ min: 100, max: 200_000, noNaN: true }),
  notional: fc.double({ min: 1, max: 1.5e9, noNaN: true }),
  leverage: fc.double({ min: 1, max: 125, noNaN: true }),
});

describe("margin/kernel", () => {
  it("liquidationBracket(b, a, slope, q, fee, start) ends on the same bracket from every starting bracket", () => {
    fc.assert(
      fc.property(position, ({ long, entry, notional, leverage }) => {
        const q = notional / entry;
        const { a, slope } = linearLine(long ? 1 : -1, entry, q, notional / leverage);
        const first = liquidationBracket(btc, a, slope, q, 0, 0);
        for (let start = 1; start < n; start++) assert.equal(liquidationBracket(btc, a, slope, q, 0, start), first, `start ${start}`);
      }),
      { seed: 20241024, numRuns: 300 },
    );
  });

  it("liquidationBracket(...) root is the max (long) or min (short) of all bracket roots, as convexity implies", () => {
    fc.assert(
      fc.property(position, ({ long, entry, notional, leverage }) => {
        const q = notional / entry;
        const { a, slope } = linearLine(long ? 1 : -1, entry, q, notional / leverage);
        const roots = Array.from({ length: n }, (_, i) => rootOnBracket(btc, i, a, slope, q, 0));
        const extreme = long ? Math.max(...roots) : Math.min(...roots);
        const u = rootOnBracket(btc, liquidationBracket(btc, a, slope, q, 0, 0), a, slope, q, 0);
        assert.ok(Math.abs(u - extreme) <= 1e-12 * Math.abs(extreme), `${u} vs ${extreme}`);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it("liquidationBracket(...) root solves equity = maintenance with maintenance looked up at its own notional", () => {
    fc.assert(
      fc.property(position, ({ long, entry, notional, leverage }) => {
        const s = long ? 1 : -1;
        const q = notional / entry;
        const margin = notional / leverage;
        const { a, slope } = linearLine(s, entry, q, margin);
        const u = rootOnBracket(btc, liquidationBracket(btc, a, slope, q, 0, 0), a, slope, q, 0);
        if (!(u > 0)) {
          // Only a 1x long: its equity, notional × (1/L − 1) + q·price, stays at or above the
          // maintenance (0 at a price near 0) for every positive price. Any other case must have a root.
          assert.ok(long && leverage === 1, `no positive root for a ${long ? "long" : "short"} at ${leverage}x: ${u}`);
          return;
        }
        const equity = margin + s * q * (u - entry);
        const mm = maintenance(q * u);
        assert.ok(Math.abs(equity - mm) <= 1e-9 * Math.max(mm, margin), `equity ${equity} vs maintenance ${mm}`);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it("rootOnBracket(...) reproduces Binance's COIN-M calculator: cross long $10M at 45,000, WB 101 BTC, MMR 12.5%, cum 11.605 → 33,599.40", () => {
    // dev.binance.vision thread "Coin-margined futures liquidation price calculation help" (Binance calculator
    // value 33,599.40); MMR 12.5% and maintenance amount 11.605 BTC for a 300 BTC BTCUSD position are from Binance's
    // "How to Calculate Liquidation Price of COIN-M Futures Contracts". Inverse: u = 1/price, a = WB + Q/EP, slope = −Q.
    const b = packBrackets({ symbol: "BTCUSD", unit: "BTC", brackets: [{ bracket: 1, floor: 0, cap: Infinity, maintenanceMarginRate: 0.125, maintenanceAmount: 11.605, maxLeverage: 125 }] });
    const Q = 10_000_000;
    const u = rootOnBracket(b, 0, 101 + Q / 45_000, -Q, Q, 0);
    // 11,250,000 / 334.827… = 33,599.42; Binance shows prices at the contract's 0.1 tick.
    assert.equal(Math.round(10 / u) / 10, 33_599.4);
  });
});
