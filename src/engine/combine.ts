/**
 * `combineMaps(maps)`: several venues' maps on one grid. Maps that share a grid (one step, edges
 * a whole number of steps apart) add bin by bin on it, extended to reach past the price. Otherwise the common grid
 * takes the coarsest step of the inputs, aligned to multiples of it (absolute bins), spanning all
 * inputs; each input bin's USD goes to the common bin holding its centre (a centre on an edge to
 * the bin on the price's side). Maps of one replay family (same step) combine exactly. Tiers are the union; price is the first map's (venues differ by basis points).
 * On either grid, USD stays in the common bin holding its level unless another venue's price put
 * it wholly beyond this one (long USD in a bin whose lower edge is above the price goes to the bin
 * holding the price, short USD in a bin ending below it likewise), as liquidationMap allows: the
 * bin holding the price may hold both sides. So `combineMaps([map])` answers as `map` does, and a
 * venue on a finer grid answers as it would on the coarse one.
 */
import { meantName, unknownOption } from "../util/distance";
import { error } from "../util/errors";
import { inYears, utcLabel } from "../util/time";
import { binOf, centresFrom, decimalStep, MAX_BINS } from "./grid";
import { edgeTolerance, liquidationMap } from "./map";
import type { LiquidationMap } from "./types";

/** Throws unless `m` has what combining reads: a price, tiers, a grid and per-tier USD arrays. */
function checkMap(m: unknown, i: number): LiquidationMap {
  const x = m as Partial<LiquidationMap> | null;
  const ok =
    typeof x === "object" && x !== null && typeof x.price === "number" && Array.isArray(x.tiers) && typeof x.grid === "object" && x.grid !== null &&
    typeof x.grid.step === "number" && typeof x.grid.bins === "number" && typeof x.grid.prices?.length === "number" && Array.isArray(x.long) && Array.isArray(x.short);
  if (!ok) throw error(`maps[${i}] is not a liquidation map (from model.mapAt or liq.liquidationMap)`, { symbol: "combineMaps", value: m });
  // What combining reads of a hand-made object: its time, and one array of grid.bins USD per tier and side.
  if (!(typeof x.time === "number" && Number.isFinite(x.time))) throw error(`maps[${i}].time must be epoch ms UTC`, { symbol: "combineMaps", column: "time", value: x.time });
  for (const side of ["long", "short"] as const) {
    const arrays = x[side]!;
    if (arrays.length !== x.tiers!.length) throw error(`maps[${i}].${side} needs one array per tier (${x.tiers!.length})`, { symbol: "combineMaps", column: side, value: arrays.length });
    arrays.forEach((a, t) => {
      if (a?.length !== x.grid!.bins) throw error(`maps[${i}].${side}[${t}] has ${a?.length} bins, its grid ${x.grid!.bins}`, { symbol: "combineMaps", column: side, value: a?.length });
      // Checked here, not only by the combined map, so the message names the map and bin it came from.
      for (let j = 0; j < a.length; j++) {
        const v = a[j];
        if (!(typeof v === "number" && Number.isFinite(v) && v >= 0)) throw error(`maps[${i}].${side}[${t}] bin ${j}: USD must be a finite number >= 0`, { symbol: "combineMaps", column: side, value: v });
      }
    });
  }
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
  // Whole steps apart as a price on an edge is on it (edgeTolerance: 30000.0185 − 30000.0155 on a
  // 0.001 step is 3 steps to within rounding far above a billionth of the step).
  const tol = edgeTolerance(step, Math.max(...maps.map((m) => Math.abs(m.grid.lo))));
  if (!maps.every((m, i) => Math.abs(m.grid.lo - lo - first[i]! * step) <= tol)) return undefined;
  return { lo, first };
}

/** Options of `combineMaps`. */
export interface CombineOptions {
  /** The combined map's source label. Default: the inputs' sources joined with " + ". */
  source?: string;
  /**
   * Largest spread of the maps' times, ms. Default 3,600,000 (one hour): venues' maps of one moment
   * differ by at most a bar, while the combined map takes the first map's price and the latest
   * time, so maps of different moments would describe none of them.
   */
  maxTimeApart?: number;
}

/** combineMaps' defaults. */
export const COMBINE_DEFAULTS = { maxTimeApart: 3_600_000 } as const;

export function combineMaps(maps: LiquidationMap[], options: CombineOptions | null = {}): LiquidationMap {
  options ??= {};
  if (typeof options !== "object") throw error("options must be { source?, maxTimeApart? }", { symbol: "combineMaps", column: "options", value: options });
  const known = ["source", "maxTimeApart"];
  for (const key of Object.keys(options)) {
    const value = (options as Record<string, unknown>)[key];
    if (known.includes(key) || value === undefined) continue;
    throw error(unknownOption(meantName(key, known), "combineMaps", known), { symbol: "combineMaps", column: key, value });
  }
  if (!Array.isArray(maps) || maps.length === 0) throw error("needs at least one map", { symbol: "combineMaps", value: maps });
  maps.forEach(checkMap);
  const apart = options.maxTimeApart ?? COMBINE_DEFAULTS.maxTimeApart;
  if (!(typeof apart === "number" && apart >= 0)) throw error("options.maxTimeApart must be a number of ms >= 0", { symbol: "combineMaps", column: "maxTimeApart", value: options.maxTimeApart });
  // Time 0, a hand-built map's default, is no time (as in captions and titles): not judged.
  const dated = maps.map((_, i) => i).filter((i) => maps[i]!.time !== 0);
  const first = dated.reduce((a, i) => (maps[i]!.time < maps[a]!.time ? i : a), dated[0] ?? 0);
  const last = dated.reduce((a, i) => (maps[i]!.time > maps[a]!.time ? i : a), dated[0] ?? 0);
  if (maps[last]!.time - maps[first]!.time > apart) {
    const utc = (t: number) => (inYears(t) ? utcLabel(t) : `${t} (epoch ms)`);
    throw error(`maps[${first}] is at ${utc(maps[first]!.time)} and maps[${last}] at ${utc(maps[last]!.time)}, more than ${apart} ms apart: the combined map takes the first map's price and the latest time, so it would describe neither moment; map every venue at one time (model.mapAt(t)), or pass { maxTimeApart } to combine them anyway`, { symbol: "combineMaps", column: "time", value: maps[last]!.time - maps[first]!.time });
  }
  const price = maps[0]!.price;
  const tiers = [...new Set(maps.flatMap((m) => m.tiers))].sort((a, b) => a - b);
  if (options.source != null && typeof options.source !== "string") throw error("options.source must be a string", { symbol: "combineMaps", column: "source", value: options.source });
  const source = options.source ?? maps.map((m) => m.source).join(" + ");
  const time = Math.max(...maps.map((m) => m.time));
  // Known positions stay known only when every map is the simulator's truth; the inputs' caveats
  // (replay maps: the dollar level) carry over, each once.
  const truth = maps.every((m) => m.truth === true);
  const caveats = [...new Set(maps.map((m) => m.caveat).filter((c): c is string => typeof c === "string" && c !== ""))];
  const caveat = caveats.length ? caveats.join("; ") : undefined;
  // Each venue's assumed leverage mix, once each: the combined shares follow all of them.
  const mixes = [...new Set(maps.map((m) => m.mix).filter((x): x is string => typeof x === "string" && x !== ""))];
  const mix = mixes.length ? mixes.join("; and ") : undefined;
  const shared = sharedGrid(maps);
  if (shared && Math.max(...maps.map((m, i) => shared.first[i]! + m.grid.bins)) > 0) {
    const step = maps[0]!.grid.step;
    let bins = Math.max(...maps.map((m, i) => shared.first[i]! + m.grid.bins));
    // The shared grid reaches the bin holding the price (bins added below its bottom, `below` of
    // them with the lower edge moved down by whole steps on the decimal grid, or above its top).
    // Edges are compared as liquidationMap does (edgeTolerance).
    const tol = edgeTolerance(step, price);
    let below = 0;
    let lo = shared.lo;
    if (lo > price + tol) {
      below = Math.ceil((lo - price - tol) / step);
      while (stepsBelow(shared.lo, step, below) > price + tol) below++;
      lo = stepsBelow(shared.lo, step, below);
      bins += below;
    }
    const topEdge = (n: number) => centresFrom(lo, step, n)[n - 1]! + step / 2;
    if (topEdge(bins) < price - tol) {
      bins += Math.ceil((price - tol - topEdge(bins)) / step);
      while (topEdge(bins) < price - tol) bins++;
    }
    checkBins(bins, step);
    const prices = centresFrom(lo, step, bins);
    // Each side stays where liquidationMap allows it: long USD in bins whose lower edge is at or
    // below the price (the bin holding it may hold both), short USD in bins whose upper edge is at
    // or above it. Only USD of another venue, whose price differs, can lie beyond: it goes to the
    // nearest allowed bin. A single map, or maps of one price, keep every bin as it is.
    let kLong = 0;
    while (kLong + 1 < bins && prices[kLong + 1]! - step / 2 <= price + tol) kLong++;
    let kShort = bins - 1;
    while (kShort > 0 && prices[kShort - 1]! + step / 2 >= price - tol) kShort--;
    const at = (j: number, i: number) => below + shared.first[j]! + i;
    const { long, short } = addUp(maps, tiers, bins, kLong, kShort, at, at);
    return liquidationMap({ price, tiers, grid: { lo, step, bins }, long, short, time, source, truth, ...(caveat ? { caveat } : {}), ...(mix ? { mix } : {}) });
  }
  const step = Math.max(...maps.map((m) => m.grid.step));
  const { units, ten } = decimalStep(step);
  // A centre exactly on a common edge goes to the bin on the price's side, as a level on an edge
  // does in the replay: the bin above for a long (binOf's), the bin below for a short.
  const shortBin = (c: number) => {
    const k = binOf(c, units, ten);
    return (k * units) / ten === c ? k - 1 : k;
  };
  // The grid spans every bin either side's USD can go to: a short on the lowest centre, when that
  // centre is on a common edge, goes one bin below the longs' lowest.
  let kLo = Infinity;
  let kHi = -Infinity;
  for (const m of maps) {
    if (m.grid.bins === 0) continue;
    kLo = Math.min(kLo, shortBin(m.grid.prices[0]));
    kHi = Math.max(kHi, binOf(m.grid.prices[m.grid.bins - 1], units, ten));
  }
  const kPrice = binOf(price, units, ten);
  // The same rule as on a shared grid: long USD may sit in bins whose lower edge is at or below the
  // price (up to the bin holding it), short USD in bins whose upper edge is at or above it (down to
  // the bin holding it, or the one ending at the price when it is on an edge). An input bin's USD
  // goes to the common bin holding its centre, where its level was; only USD another venue's price
  // put wholly beyond this one moves, to the nearest allowed bin.
  // "On an edge" within edgeTolerance, as liquidationMap decides it (2.35 − 0.05 is
  // 2.3000000000000003 and stands for the edge 2.3).
  const tol = edgeTolerance(step, price);
  const kLong = Math.abs(((kPrice + 1) * units) / ten - price) <= tol ? kPrice + 1 : kPrice;
  const kShort = Math.abs((kPrice * units) / ten - price) <= tol ? kPrice - 1 : kPrice;
  kLo = Math.min(kLo, kLong);
  kHi = Math.max(kHi, kShort);
  const bins = kHi - kLo + 1;
  checkBins(bins, step);
  const atLong = (j: number, i: number) => binOf(maps[j]!.grid.prices[i]!, units, ten) - kLo;
  const atShort = (j: number, i: number) => shortBin(maps[j]!.grid.prices[i]!) - kLo;
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
    ...(caveat ? { caveat } : {}),
    ...(mix ? { mix } : {}),
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
