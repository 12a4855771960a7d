/**
 * How far an estimated liquidation map is from the truth (the simulator's known positions):
 * per side, the Wasserstein-1 distance between the two liquidation-USD profiles over price (all
 * tiers summed), divided by the current price. 0.01 means the estimated USD sits, on average,
 * 1% of price away from where it truly is. Both maps must be on the same grid.
 */
import { error, positive } from "../util/errors";
import { isList } from "../util/arrays";
import type { PriceGrid } from "../engine/types";
import { wasserstein1 } from "./wasserstein";

/** The part of a map (estimated or true) the distance reads. */
export interface MapProfile {
  price: number;
  grid: PriceGrid;
  long: Float64Array[];
  short: Float64Array[];
}

const total = (rows: Float64Array[], bins: number) => {
  const out = new Float64Array(bins);
  for (const r of rows) for (let i = 0; i < bins; i++) out[i] += r[i]!;
  return out;
};

/** Throws unless `m` has what the distance reads: a price > 0 (estimated), a grid, one array of grid.bins USD per tier and side. */
function checkProfile(m: MapProfile, name: "estimated" | "truth"): void {
  const where = { symbol: "mapDistance" };
  if (typeof m !== "object" || m === null) throw error("must be a liquidation map (price, grid, long, short)", { ...where, column: name, value: m });
  if (name === "estimated") positive(m.price, "estimated.price", where);
  const g: Partial<PriceGrid> | null = m.grid;
  if (typeof g !== "object" || g === null || !Number.isInteger(g.bins) || !isList(g.prices) || g.prices.length !== g.bins) {
    throw error("grid must be a price grid { lo, step, bins, prices } with bins prices", { ...where, column: `${name}.grid`, value: g });
  }
  for (const side of ["long", "short"] as const) {
    const rows: unknown = m[side];
    if (!Array.isArray(rows)) throw error("must be an array of per-tier USD arrays", { ...where, column: `${name}.${side}`, value: rows });
    rows.forEach((r: unknown, t) => {
      if (!isList(r) || r.length !== g.bins) throw error(`tier ${t} must be an array of ${g.bins} USD amounts, one per bin`, { ...where, column: `${name}.${side}`, value: isList(r) ? `length ${r.length}` : r });
    });
  }
}

/** W1 per side as a share of the estimated map's price. */
export function mapDistance(estimated: MapProfile, truth: MapProfile): { long: number; short: number } {
  checkProfile(estimated, "estimated");
  checkProfile(truth, "truth");
  const g = estimated.grid;
  const h = truth.grid;
  if (g.bins !== h.bins || Math.abs(g.lo - h.lo) > 1e-9 * Math.abs(g.step) || Math.abs(g.step - h.step) > 1e-12 * g.step) {
    throw error("maps must share one grid: build the truth on the estimate's grid", { column: "grid", value: [g.lo, g.step, g.bins, h.lo, h.step, h.bins] });
  }
  const side = (e: Float64Array[], t: Float64Array[]) => wasserstein1(g.prices, total(e, g.bins), total(t, g.bins)) / estimated.price;
  return { long: side(estimated.long, truth.long), short: side(estimated.short, truth.short) };
}
