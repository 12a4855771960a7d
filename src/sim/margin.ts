/**
 * How the simulator's traders are liquidated: by the margin module's rule for Binance USD-M
 * linear, isolated margin (`liquidationPrice`, src/margin), with the symbol's default brackets.
 * For a trader of fixed notional the liquidation price is proportional to entry (the bracket
 * depends on notional only), so liq = entry × ratio, computed once per side and leverage tier.
 */
import { liquidationPrice } from "../margin/index";

/** liq / entry for one trader of `traderUsd` notional at `leverage` on `side` ("long" | "short"). */
export function liquidationRatio(symbol: string, side: "long" | "short", leverage: number, traderUsd: number): number {
  // Entry 1 USD makes the quantity equal to the notional and the price equal to the ratio.
  return liquidationPrice({ exchange: "binance", contract: "linear", margin: "isolated", symbol, side, entryPrice: 1, quantity: traderUsd, leverage }).price;
}
