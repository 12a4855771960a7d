/**
 * `combineMaps(maps)`: several venues' maps on one grid. Maps that share a grid (one step, edges
 * a whole number of steps apart) add bin by bin on it, extended to reach past the price. Otherwise the common grid
 * takes the coarsest step of the inputs, aligned to multiples of it (absolute bins), spanning all
 * inputs; each input bin's USD goes to the common bin holding its centre (a centre on an edge to
 * the bin on the price's side). Maps of one replay family (same step) combine exactly. Tiers are the union; price is the first map's (venues differ by basis points). Long USD
 * whose common bin would be centred at or above that price goes to the nearest bin below it, short
 * USD to the nearest bin above it: a coarser bin, or another venue's price, can otherwise put a
 * long above the price, where every map keeps none (a move to just below the price would then
 * liquidate it).
 */
import { error } from "../util/errors";
import { binCentre, binOf, centresFrom, decimalStep, MAX_BINS } from "./grid";
import { liquidationMap } from "./map";
import type { LiquidationMap } from "./types";

/** Throws unless `m` has what combining reads: a price, tiers, a grid and per-tier USD arrays. */
function checkMap(m: unknown, i: number): LiquidationMap {
  const x = m as Partial<LiquidationMap> | null;
  const ok =
    typeof x === "object" && x !== null && typeof x.price === "number" && Array.isArray(x.tiers) && typeof x.grid === "object" && x.grid !== null &&
    typeof x.grid.step === "number" && typeof x.grid.bins === "number" && typeof x.grid.prices?.length === "number" && Array.isArray(x.long) && Array.isArray(x.short);
  if (!ok) throw error(`maps[${i}] is not a liquidation map (from model.mapAt or liq.liquidationMap)`, { symbol: "combineMaps", value: m });
  return x as LiquidationMap;
}

/**
 * The grid every map already shares, when they have one step and lower edges a whole number of
 * steps apart: its bins are the common bins, so no USD moves (a hand-built grid from lo 5 on a
 * 10 step would otherwise be re-binned onto edges at multiples of 10, half a bin off). Returns
 * the lowest edge, and each map's first bin on the common grid.
 */
function sharedGrid(maps: LiquidationMap[]): { lo: number; first: number[] } | undefined {
  const step = maps[0]!.grid.step;
  if (!maps.every((m) => m.grid.step === step)) return undefined;
  const lo = Math.min(...maps.map((m) => m.grid.lo));
  const first = maps.map((m) => Math.round((m.grid.lo - lo) / step));
  if (!maps.every((m, i) => Math.abs(m.grid.lo - lo - first[i]! * step) <= 1e-9 * step)) return undefined;
  return { lo, first };
}

export function combineMaps(maps: LiquidationMap[], options: { source?: string } = {}): LiquidationMap {
  if (!Array.isArray(maps) || maps.length === 0) throw error("needs at least one map", { symbol: "combineMaps", value: maps });
  maps.forEach(checkMap);
  const price = maps[0]!.price;
  const tiers = [...new Set(maps.flatMap((m) => m.tiers))].sort((a, b) => a - b);
  const source = options.source ?? maps.map((m) => m.source).join(" + ");
  const time = Math.max(...maps.map((m) => m.time));
  // Known positions stay known only when every map is the simulator's truth.
  const truth = maps.every((m) => m.truth === true);
  const shared = sharedGrid(maps);
  if (shared) {
    const step = maps[0]!.grid.step;
    let bins = Math.max(...maps.map((m, i) => shared.first[i]! + m.grid.bins));
    // The shared grid reaches past the price on both sides (a bin centred below it for longs, one
    // above it for shorts): bins added above its top, or below its bottom (`below` of them, the
    // lower edge moved down by whole steps on the decimal grid).
    let below = 0;
    let lo = shared.lo;
    const bottom = bins > 0 ? centresFrom(lo, step, 1)[0]! : -Infinity;
    if (!(bottom < price)) {
      below = Math.floor((bottom - price) / step) + 1;
      lo = stepsBelow(shared.lo, step, below);
      bins += below;
    }
    const top = bins > 0 ? centresFrom(lo, step, bins)[bins - 1]! : Infinity;
    if (!(top > price)) bins += Math.floor((price - top) / step) + 1;
    checkBins(bins, step);
    const prices = centresFrom(lo, step, bins);
    if (bins > 0 && prices[0]! < price && prices[bins - 1]! > price) {
      // The last bin centred below the price and the first centred above it.
      let kLong = 0;
      while (kLong + 1 < bins && prices[kLong + 1]! < price) kLong++;
      let kShort = bins - 1;
      while (kShort > 0 && prices[kShort - 1]! > price) kShort--;
      const at = (j: number, i: number) => below + shared.first[j]! + i;
      const { long, short } = addUp(maps, tiers, bins, kLong, kShort, at, at);
      return liquidationMap({ price, tiers, grid: { lo, step, bins }, long, short, time, source, truth });
    }
  }
  const step = Math.max(...maps.map((m) => m.grid.step));
  const { units, ten } = decimalStep(step);
  let kLo = Infinity;
  let kHi = -Infinity;
  for (const m of maps) {
    if (m.grid.bins === 0) continue;
    kLo = Math.min(kLo, binOf(m.grid.prices[0], units, ten));
    kHi = Math.max(kHi, binOf(m.grid.prices[m.grid.bins - 1], units, ten));
  }
  const kPrice = binOf(price, units, ten);
  // The last common bin whose centre is below the price, and the first above it: longs and shorts
  // stay on their side (a long centred just below the price can fall in a coarse bin centred above it).
  const centre = binCentre(kPrice, units, ten);
  const kLong = centre < price ? kPrice : kPrice - 1;
  const kShort = centre > price ? kPrice : kPrice + 1;
  kLo = Math.min(kLo, kLong);
  kHi = Math.max(kHi, kShort);
  const bins = kHi - kLo + 1;
  checkBins(bins, step);
  const atLong = (j: number, i: number) => binOf(maps[j]!.grid.prices[i]!, units, ten) - kLo;
  // A centre exactly on a common edge goes to the bin on the price's side, as a level on an edge
  // does in the replay: the bin above for a long (binOf's), the bin below for a short.
  const atShort = (j: number, i: number) => {
    const c = maps[j]!.grid.prices[i]!;
    const k = binOf(c, units, ten);
    return ((k * units) / ten === c ? k - 1 : k) - kLo;
  };
  const { long, short } = addUp(maps, tiers, bins, kLong - kLo, kShort - kLo, atLong, atShort);
  return liquidationMap({
    price,
    tiers,
    grid: { lo: (kLo * units) / ten, step, bins },
    long,
    short,
    time,
    source,
    truth,
  });
}

/**
 * Long and short USD per tier of `tiers` on `bins` common bins: bin i of map j adds its long USD
 * to common bin atLong(j, i), at most kLong, and its short USD to atShort(j, i), at least kShort,
 * so longs stay below the price and shorts above it.
 */
function addUp(
  maps: LiquidationMap[],
  tiers: number[],
  bins: number,
  kLong: number,
  kShort: number,
  atLong: (j: number, i: number) => number,
  atShort: (j: number, i: number) => number,
): { long: Float64Array[]; short: Float64Array[] } {
  const long = tiers.map(() => new Float64Array(bins));
  const short = tiers.map(() => new Float64Array(bins));
  maps.forEach((m, j) => {
    m.tiers.forEach((lev, t) => {
      const to = tiers.indexOf(lev);
      for (let i = 0; i < m.grid.bins; i++) {
        long[to]![Math.min(atLong(j, i), kLong)]! += m.long[t]![i]!;
        short[to]![Math.max(atShort(j, i), kShort)]! += m.short[t]![i]!;
      }
    });
  });
  return { long, short };
}

/** lo − n · step on the decimal grid (0.3 − 1 · 0.05 is 0.25, not 0.24999999999999997). */
function stepsBelow(lo: number, step: number, n: number): number {
  const a = decimalStep(lo);
  const m = decimalStep(step);
  const ten = Math.max(a.ten, m.ten);
  return (a.units * (ten / a.ten) - n * m.units * (ten / m.ten)) / ten;
}

/** Throws when the common grid would be wider than MAX_BINS (venues far apart on a fine step). */
function checkBins(bins: number, step: number): void {
  if (bins > MAX_BINS) {
    throw error(`the common grid would span ${bins} bins of ${step} (limit ${MAX_BINS}): the maps lie too far apart for that step; combine maps replayed on a coarser grid.step`, { symbol: "combineMaps", column: "grid.step", value: step });
  }
}
