/**
 * How the simulator's traders are liquidated: Binance USD-M linear, isolated margin, one-way
 * mode. For a trader of fixed notional the liquidation price is proportional to entry
 * (liq = entry × ratio for each side and leverage), so ratios are computed once per tier.
 *
 * TEMPORARY: until src/margin exports `liquidationPrice`, this applies Binance's isolated
 * formula with the first maintenance bracket of the trader's notional; it is replaced by a call
 * to the margin module once that lands, so agents die by exactly the library's rule.
 *   long:  LP = (WB + cum − Q·EP) / (Q·MMR − Q),  short: LP = (WB + cum + Q·EP) / (Q·MMR + Q),
 *   WB = Q·EP / leverage (isolated wallet balance), Q base quantity, EP entry price.
 */
import { error } from "../util/errors";

/** Maintenance bracket (mmr, cum) for a trader notional <= cap, per symbol (Binance, 2024-10-24). */
const FIRST_BRACKETS: Record<string, { cap: number; mmr: number; cum: number; maxLeverage: number }[]> = {
  BTCUSDT: [{ cap: 50_000, mmr: 0.004, cum: 0, maxLeverage: 125 }],
  ETHUSDT: [{ cap: 50_000, mmr: 0.004, cum: 0, maxLeverage: 125 }],
  SOLUSDT: [{ cap: 20_000, mmr: 0.005, cum: 0, maxLeverage: 100 }],
  BNBUSDT: [{ cap: 10_000, mmr: 0.005, cum: 0, maxLeverage: 75 }],
};

/** liq / entry for a trader of `traderUsd` notional at `leverage` on `side` ("long" | "short"). */
export function liquidationRatio(symbol: string, side: "long" | "short", leverage: number, traderUsd: number): number {
  const table = FIRST_BRACKETS[symbol];
  if (!table) throw error("no brackets for this symbol in the simulator", { symbol, column: "symbol", value: symbol });
  const b = table.find((x) => traderUsd <= x.cap);
  if (!b) throw error("traderUsd is above the simulator's first bracket", { symbol, column: "traderUsd", value: traderUsd });
  if (leverage > b.maxLeverage) throw error(`leverage above the bracket's maximum ${b.maxLeverage}x`, { symbol, column: "leverage", value: leverage });
  const ep = 1;
  const q = traderUsd;
  const wb = (q * ep) / leverage;
  const s = side === "long" ? 1 : -1;
  return (wb + b.cum - s * q * ep) / (q * b.mmr - s * q);
}
