/**
 * `combineMaps(maps)`: several venues' maps on one grid. The common grid takes the coarsest step
 * of the inputs, aligned to multiples of it (absolute bins), spanning all inputs; each input bin's
 * USD goes to the common bin holding its centre. Maps of one replay family (same step) combine
 * exactly. Tiers are the union; price is the first map's (venues differ by basis points). Long USD
 * whose common bin would be centred at or above that price goes to the nearest bin below it, short
 * USD to the nearest bin above it: a coarser bin, or another venue's price, can otherwise put a
 * long above the price, where every map keeps none (a move to just below the price would then
 * liquidate it).
 */
import { error } from "../util/errors";
import { binCentre, binOf, decimalStep } from "./grid";
import { liquidationMap } from "./map";
import type { LiquidationMap } from "./types";

export function combineMaps(maps: LiquidationMap[], options: { source?: string } = {}): LiquidationMap {
  if (!Array.isArray(maps) || maps.length === 0) throw error("needs at least one map", { symbol: "combineMaps", value: maps });
  const step = Math.max(...maps.map((m) => m.grid.step));
  const { units, ten } = decimalStep(step);
  let kLo = Infinity;
  let kHi = -Infinity;
  for (const m of maps) {
    if (m.grid.bins === 0) continue;
    kLo = Math.min(kLo, binOf(m.grid.prices[0], units, ten));
    kHi = Math.max(kHi, binOf(m.grid.prices[m.grid.bins - 1], units, ten));
  }
  const price = maps[0].price;
  const kPrice = binOf(price, units, ten);
  // The last common bin whose centre is below the price, and the first above it: longs and shorts
  // stay on their side (a long centred just below the price can fall in a coarse bin centred above it).
  const centre = binCentre(kPrice, units, ten);
  const kLong = centre < price ? kPrice : kPrice - 1;
  const kShort = centre > price ? kPrice : kPrice + 1;
  kLo = Math.min(kLo, kLong);
  kHi = Math.max(kHi, kShort);
  const bins = kHi - kLo + 1;
  const tiers = [...new Set(maps.flatMap((m) => m.tiers))].sort((a, b) => a - b);
  const long = tiers.map(() => new Float64Array(bins));
  const short = tiers.map(() => new Float64Array(bins));
  for (const m of maps) {
    m.tiers.forEach((lev, t) => {
      const to = tiers.indexOf(lev);
      for (let i = 0; i < m.grid.bins; i++) {
        const k = binOf(m.grid.prices[i], units, ten);
        long[to][Math.min(k, kLong) - kLo] += m.long[t][i];
        short[to][Math.max(k, kShort) - kLo] += m.short[t][i];
      }
    });
  }
  return liquidationMap({
    price,
    tiers,
    grid: { lo: (kLo * units) / ten, step, bins },
    long,
    short,
    time: Math.max(...maps.map((m) => m.time)),
    source: options.source ?? maps.map((m) => m.source).join(" + "),
  });
}
