/**
 * Liquidation levels per tier as ratios to the entry price: level = entry × ratio.
 *
 * For a linear isolated position of a fixed notional, the exchange formula makes the level
 * proportional to the entry, so one call per side and tier to the margin layer's
 * `liquidationPrice` (with a representative position of `margin.positionUsd`) gives the ratio
 * for every entry. The reference entry is the first bar's close, so the ratios never depend on
 * later bars.
 */
import { liquidationPrice, type Contract, type Exchange, type MarginMode } from "../margin/index";
import { error } from "../util/errors";
import type { ResolvedOptions } from "./options";
import type { Side } from "./types";

export type Ratios = Record<Side, Float64Array>;

export function levelRatios(o: ResolvedOptions, referencePrice: number): Ratios {
  if (o.ratios) return { long: Float64Array.from(o.ratios.long), short: Float64Array.from(o.ratios.short) };
  const m = o.margin;
  const linear = m.contract === "linear";
  const one = (side: Side, leverage: number): number => {
    const liq = liquidationPrice({
      exchange: m.exchange as Exchange,
      contract: m.contract as Contract,
      margin: m.margin as MarginMode,
      side,
      entryPrice: referencePrice,
      // Linear: base coins of a positionUsd notional; inverse: the notional in USD contracts.
      quantity: linear ? m.positionUsd / referencePrice : m.positionUsd,
      leverage,
      symbol: m.symbol,
      ...(m.brackets !== undefined ? { brackets: m.brackets } : {}),
      ...(m.maintenanceMarginRate !== undefined ? { maintenanceMarginRate: m.maintenanceMarginRate } : {}),
    });
    const ratio = liq.price / referencePrice;
    if (!(ratio > 0 && Number.isFinite(ratio))) throw error(`a ${leverage}x ${side} has no liquidation level under this margin model`, { symbol: "replay", column: "leverage.tiers", value: leverage });
    return ratio;
  };
  return {
    long: Float64Array.from(o.tiers, (t) => one("long", t)),
    short: Float64Array.from(o.tiers, (t) => one("short", t)),
  };
}
