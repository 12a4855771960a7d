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
import { error, LiqlabError } from "../util/errors";
import type { ResolvedOptions } from "./options";
import type { Side } from "./types";

export type Ratios = Record<Side, Float64Array>;

/** Level ratios per tier as a band: a tier's levels lie between entry × lo[t] and entry × hi[t] (lo ≤ hi). */
export interface RatioBands {
  lo: Ratios;
  hi: Ratios;
}

/**
 * The leverage interval each tier stands for when leverage is continuous: edges at the geometric
 * midpoints between neighbouring tiers (√(t₀·t₁)); the outer edges mirror the nearest midpoint
 * (t₀·√(t₀/t₁) below the lowest tier, t·√(t/t₋₁) above the highest), the top one capped at
 * `maxLeverage` (never below the tier itself). One tier alone is a point: [t, t].
 */
export function leverageBands(tiers: number[], maxLeverage: number): [number, number][] {
  const n = tiers.length;
  if (n === 1) return [[tiers[0], tiers[0]]];
  const mid = (a: number, b: number) => Math.sqrt(a * b);
  return tiers.map((t, i) => {
    const lo = i > 0 ? mid(tiers[i - 1], t) : Math.max(1, (t * t) / mid(t, tiers[1]));
    const hi = i < n - 1 ? mid(t, tiers[i + 1]) : Math.max(t, Math.min(maxLeverage, (t * t) / mid(tiers[i - 1], t)));
    return [lo, hi];
  });
}

/**
 * Each tier's level ratios as a band. "point" bands (and explicit `ratios`) are the tier's own
 * ratio at both ends; "continuous" bands run from the ratio at the band's lowest leverage (the
 * deepest level) to the ratio at its highest (the nearest level), so a tier's USD covers the
 * liquidation distances of the leverage interval it stands for.
 */
export function levelBands(o: ResolvedOptions, referencePrice: number): RatioBands {
  const point = levelRatios(o, referencePrice);
  if (o.ratios || o.leverageBands === "point") return { lo: point, hi: point };
  const edges = leverageBands(o.tiers, o.maxLeverage);
  // An edge the margin model refuses (beyond the bracket's maximum leverage) falls back to the tier's own level.
  const at = (side: Side, t: number, leverage: number): number => {
    try {
      return ratioAt(o, referencePrice, side, leverage);
    } catch {
      return point[side][t];
    }
  };
  const band = (side: Side) => {
    const deep = Float64Array.from(edges, ([lo], t) => at(side, t, lo));
    const near = Float64Array.from(edges, ([, hi], t) => at(side, t, hi));
    // Longs: deep < near < 1; shorts: 1 < near < deep.
    return side === "long" ? { lo: deep, hi: near } : { lo: near, hi: deep };
  };
  const long = band("long");
  const short = band("short");
  return { lo: { long: long.lo, short: short.lo }, hi: { long: long.hi, short: short.hi } };
}

export function levelRatios(o: ResolvedOptions, referencePrice: number): Ratios {
  if (o.ratios) return { long: Float64Array.from(o.ratios.long), short: Float64Array.from(o.ratios.short) };
  return {
    long: Float64Array.from(o.tiers, (t) => tierRatio(o, referencePrice, "long", t)),
    short: Float64Array.from(o.tiers, (t) => tierRatio(o, referencePrice, "short", t)),
  };
}

/**
 * ratioAt for a tier of the mix. A tier above the symbol's maximum leverage (retail's 100x on
 * BNBUSDT, 75x) is refused by the margin layer; the refusal is passed on naming the replay option
 * and the fix, not silently capped: the mix is the user's assumption to change.
 */
function tierRatio(o: ResolvedOptions, referencePrice: number, side: Side, tier: number): number {
  try {
    return ratioAt(o, referencePrice, side, tier);
  } catch (e) {
    const max = e instanceof LiqlabError ? /leverage exceeds the ([\d.]+)x maximum/.exec(e.message) : null;
    if (!max) throw e;
    throw error(
      `tier ${tier}x is above the ${max[1]}x maximum ${o.margin.symbol}'s brackets allow for the ${o.margin.positionUsd} USD representative position; cap the mix, e.g. leverage: liq.capLeverage(${o.preset ? JSON.stringify(o.preset) : "mix"}, ${max[1]})`,
      { symbol: "replay", column: "leverage.tiers", value: tier },
    );
  }
}

/** liquidation price / entry for one side and leverage under the margin model. */
function ratioAt(o: ResolvedOptions, referencePrice: number, side: Side, leverage: number): number {
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
  return one(side, leverage);
}
