/**
 * The true liquidation map of a simulation at one moment: the liquidation USD of every open
 * cohort (quantity × liquidation price: its USD at its level; the forced order fills a little
 * past it, at the price the bar's sweep reached, so the liquidationSnapshot's USD differs by a
 * fraction of a per cent while the quantities agree) binned by its
 * liquidation price on a price grid, per side and leverage tier, in the LiquidationMap layout
 * (long[t][i], short[t][i]) so an estimated map and the truth compare bin by bin.
 */
import { liquidationMap } from "../engine/index";
import { MAX_BINS } from "../engine/grid";
import { error, positive } from "../util/errors";
import type { LiquidationMap, PriceGrid } from "../engine/types";
import { ALIVE, type Book } from "./book";

export interface TrueMap {
  /** Epoch ms UTC of the moment (the close of the bar). */
  time: number;
  /** Price at that moment, USD. */
  price: number;
  /** Leverage tiers, ascending. */
  tiers: number[];
  grid: PriceGrid;
  /** long[t][i]: true long liquidation USD of tier t with level in bin i. */
  long: Float64Array[];
  /** short[t][i]: true short liquidation USD of tier t with level in bin i. */
  short: Float64Array[];
  /** Sums over tiers, per bin. */
  longTotal: Float64Array;
  shortTotal: Float64Array;
  /**
   * USD of levels outside the grid, put in its first or last bin so totals stay whole: an edge bin
   * holding them is a pile-up of levels beyond it, not a level there. 0 and 0 when the grid holds
   * every level; pass a wider grid otherwise.
   */
  clamped: { long: number; short: number };
}

/** A grid of `bins` equal bins of `stepShare` × price centred on `price`. */
export function gridAround(price: number, stepShare = 0.001, bins = 1000): PriceGrid {
  positive(price, "price", { symbol: "gridAround" });
  positive(stepShare, "stepShare", { symbol: "gridAround" });
  if (!(Number.isInteger(bins) && bins >= 1 && bins <= MAX_BINS)) throw error(`bins must be a whole number from 1 to ${MAX_BINS}`, { symbol: "gridAround", column: "bins", value: bins });
  const step = price * stepShare;
  const lo = price - (bins / 2) * step;
  return { lo, step, bins, prices: Float64Array.from({ length: bins }, (_, i) => lo + (i + 0.5) * step) };
}

/** Throws unless `grid` is an equal-width grid of whole bins (what the truth is binned on). */
function checkGrid(grid: PriceGrid, symbol = "trueMapAt"): void {
  if (typeof grid !== "object" || grid === null) throw error("grid must be { lo, step, bins, prices } (e.g. gridAround(price) or an estimated map's grid)", { symbol, column: "grid", value: grid });
  if (!(Number.isInteger(grid.bins) && grid.bins >= 1 && grid.bins <= MAX_BINS)) throw error(`grid.bins must be a whole number from 1 to ${MAX_BINS}`, { symbol, column: "grid.bins", value: grid.bins });
  if (!(grid.step > 0 && grid.step < Infinity)) throw error("grid.step must be a positive finite number", { symbol, column: "grid.step", value: grid.step });
  if (!Number.isFinite(grid.lo)) throw error("grid.lo must be a finite number", { symbol, column: "grid.lo", value: grid.lo });
}

/**
 * Bins the cohorts open at tick `after` (opened before it, not ended before it). Levels outside
 * the grid are clamped into its first or last bin, so no USD is lost, and counted in `clamped`.
 */
export function trueMap(book: Book, tiers: number[], after: number, price: number, time: number, grid: PriceGrid = gridAround(price)): TrueMap {
  checkGrid(grid);
  const long = tiers.map(() => new Float64Array(grid.bins));
  const short = tiers.map(() => new Float64Array(grid.bins));
  const clamped = { long: 0, short: 0 };
  for (let i = 0; i < book.n; i++) {
    if (!(book.openTick[i]! < after)) continue;
    if (book.end[i] !== ALIVE && book.endTick[i]! < after) continue;
    const liq = book.liq[i]!;
    const raw = Math.floor((liq - grid.lo) / grid.step);
    const k = Math.min(grid.bins - 1, Math.max(0, raw));
    const usd = book.quantity[i]! * liq;
    (book.side[i]! > 0 ? long : short)[book.tier[i]!]![k]! += usd;
    if (k !== raw) clamped[book.side[i]! > 0 ? "long" : "short"] += usd;
  }
  const sum = (rows: Float64Array[]) => {
    const out = new Float64Array(grid.bins);
    for (const row of rows) for (let i = 0; i < grid.bins; i++) out[i] += row[i]!;
    return out;
  };
  return { time, price, tiers, grid, long, short, longTotal: sum(long), shortTotal: sum(short), clamped };
}

/** The truth as an engine LiquidationMap (map questions, cumulative curves, the same figures). */
export function trueLiquidationMap(truth: TrueMap, source = "simulator truth"): LiquidationMap {
  if (typeof truth !== "object" || truth === null || !Array.isArray(truth.long)) throw error("needs a true map from simulate(...).trueMapAt(time, grid)", { symbol: "trueLiquidationMap", value: truth });
  const { price, tiers, grid, long, short, time } = truth;
  return liquidationMap({ price, tiers, grid: { lo: grid.lo, step: grid.step, bins: grid.bins }, long, short, time, source, truth: true });
}
