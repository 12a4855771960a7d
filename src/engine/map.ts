/**
 * A liquidation map from a book: per tier and side, estimated liquidation USD per price bin, with
 * cumulative curves and the map questions. `liquidationMap()` takes a book built by hand (or by
 * the replay) so every answer can be checked on numbers a person can add up.
 *
 * Level convention: a bin's USD sits at its centre. A move to `target` liquidates the long bins
 * with centre >= target (when target is below the price) or the short bins with centre <= target
 * (when it is above).
 */
import { table } from "arquero";
import { error } from "../util/errors";
import { markEstimate, markTruth } from "../util/estimate";
import { inYears, utcLabel } from "../util/time";
import { centresFrom } from "./grid";
import { MAX_OI_USD } from "./input";
import type { LeverageShare, LiquidationMap, PriceGrid, Side, SideUsd } from "./types";

/** A book to map: USD per tier per bin, on an equal-width grid. */
export interface BookInput {
  /** Current price, USD. */
  price: number;
  /** Leverage of each tier, ascending. */
  tiers: number[];
  /** Grid: lower edge and bin width (a full PriceGrid works too); `bins` defaults to the arrays' length; without `lo`, `prices[0] − step/2`. */
  grid: { lo?: number; step: number; bins?: number; prices?: ArrayLike<number> };
  /** long[t][i]: long USD of tier t with level in bin i. */
  long: ArrayLike<number>[];
  /** short[t][i]: short USD of tier t with level in bin i. */
  short: ArrayLike<number>[];
  /** Epoch ms UTC of the moment mapped. Default 0. */
  time?: number;
  /** Provenance text. Default "book". */
  source?: string;
  /**
   * The USD are known, not estimated (the simulator's own positions, `trueLiquidationMap`):
   * captions and figures say "simulated truth" instead of "estimate". Default false.
   */
  truth?: boolean;
  /**
   * A caveat the estimate captions carry after "estimate;" (replay maps: that their dollar level
   * is not validated). Default none.
   */
  caveat?: string;
  /**
   * The leverage mix the USD were spread over, as assumed (replay maps: `model.assumptions.leverage`):
   * `leverageShares` captions say their shares follow it. Default none.
   */
  mix?: string;
}

/** The least share of a step within which a bin edge counts as on the price (see edgeTolerance). */
const EDGE_TOLERANCE = 1e-9;

/**
 * How near a bin edge (centre ± step/2 in doubles) must be to `price` to count as on it: a
 * billionth of a step, or 4·ε·|price| (four to eight units in the price's last place) when that
 * is more, never more than a quarter step. A fine step at a large price (0.001 at 30,000) has
 * edges whose rounding alone is thousands of billionths of its step: 30000.009 is the lower edge
 * of [30000.009, 30000.010) all the same. The quarter-step cap keeps a step finer than a few units
 * in the price's last place (a hand-built grid; replay grids stop at 2^50 bins) from counting
 * bins beyond the price as holding it.
 */
export function edgeTolerance(step: number, price: number): number {
  return Math.min(step / 4, Math.max(EDGE_TOLERANCE * step, 4 * Number.EPSILON * Math.abs(price)));
}

/**
 * The lower edge of a grid given by its centres: the first centre less half a step, as the decimal
 * it stands for when that rebuilds the given centres exactly. 2.35 − 0.05 is 2.3000000000000003 in
 * doubles, and combineMaps, which rebuilds centres from lo, would put them an ulp off the map's own
 * (2.5500000000000003 for 2.55) and answer differently at them; 2.3 gives 2.35, 2.45, 2.55. A grid
 * of no short decimal (lo 100/3, step 1/3) keeps the difference as it is.
 */
function loFromCentres(prices: ArrayLike<number>, step: number): number {
  const raw = prices[0] - step / 2;
  const snapped = Number(raw.toPrecision(15));
  if (snapped === raw || !Number.isFinite(snapped)) return raw;
  const rebuilt = centresFrom(snapped, step, prices.length);
  for (let i = 0; i < prices.length; i++) if (rebuilt[i] !== prices[i]) return raw;
  return snapped;
}

function checkBook(b: BookInput): { grid: PriceGrid; long: Float64Array[]; short: Float64Array[] } {
  const label = { symbol: "liquidationMap" };
  if (typeof b !== "object" || b === null) throw error("needs a book { price, tiers, grid, long, short }", { ...label, value: b });
  if (!(Number.isFinite(b.price) && b.price > 0)) throw error("price must be a positive number", { ...label, column: "price", value: b.price });
  if (!(Number.isFinite(b.grid?.step) && b.grid.step > 0)) throw error("grid.step must be a positive number", { ...label, column: "grid.step", value: b.grid?.step });
  const lo = b.grid.lo ?? (b.grid.prices && b.grid.prices.length > 0 ? loFromCentres(b.grid.prices, b.grid.step) : undefined);
  if (lo === undefined || !Number.isFinite(lo)) throw error("grid.lo must be a finite number", { ...label, column: "grid.lo", value: b.grid.lo });
  if (!Array.isArray(b.tiers) || b.tiers.length === 0) throw error("tiers must be a non-empty array of leverages", { ...label, column: "tiers", value: b.tiers });
  b.tiers.forEach((lev, t) => {
    // As replay's margin model: under 1x a position cannot be liquidated (its level is at or below 0).
    if (!(Number.isFinite(lev) && lev >= 1)) throw error(`tier ${t}: leverage must be a number >= 1`, { ...label, column: "tiers", value: lev });
    if (t > 0 && !(lev > b.tiers[t - 1])) throw error(`tier ${t}: tiers must be strictly ascending (previous ${b.tiers[t - 1]})`, { ...label, column: "tiers", value: lev });
  });
  for (const side of ["long", "short"] as const) {
    if (!Array.isArray(b[side])) throw error("needs one array of USD per tier", { ...label, column: side, value: b[side] });
  }
  if (b.caveat !== undefined && typeof b.caveat !== "string") throw error("caveat must be a string (what the estimate captions add)", { ...label, column: "caveat", value: b.caveat });
  if (b.mix !== undefined && typeof b.mix !== "string") throw error("mix must be a string (the leverage mix assumed)", { ...label, column: "mix", value: b.mix });
  if (b.source !== undefined && typeof b.source !== "string") throw error("source must be a string (a caption's name for the venue or model)", { ...label, column: "source", value: b.source });
  // A Date holds ±8.64e15 ms: a time beyond cannot be written in a caption or a figure title.
  if (b.time !== undefined && !(Number.isFinite(b.time) && Math.abs(b.time) <= 8.64e15)) throw error("time must be epoch ms UTC", { ...label, column: "time", value: b.time });
  if (b.grid.bins !== undefined && !(Number.isInteger(b.grid.bins) && b.grid.bins >= 0)) throw error("grid.bins must be a whole number >= 0", { ...label, column: "grid.bins", value: b.grid.bins });
  const bins = b.grid.bins ?? b.long[0]?.length ?? b.short[0]?.length ?? 0;
  const read = (side: Side, arrays: ArrayLike<number>[]): Float64Array[] => {
    if (arrays.length !== b.tiers.length) throw error(`needs one array per tier (${b.tiers.length})`, { ...label, column: side, value: arrays.length });
    return arrays.map((a, t) => {
      if (typeof a?.length !== "number") throw error(`tier ${b.tiers[t]}x: needs an array of USD per bin`, { ...label, column: side, value: a });
      if (a.length !== bins) throw error(`tier ${b.tiers[t]}x has ${a.length} bins, grid has ${bins}`, { ...label, column: side, value: a.length });
      // Plain arrays are read as they are: Float64Array.from would turn null into 0 and "5" into 5.
      if (a instanceof BigInt64Array || a instanceof BigUint64Array) throw error(`tier ${b.tiers[t]}x: USD must be numbers, not BigInts (Float64Array.from(a, Number) converts them)`, { ...label, column: side, value: a.constructor.name });
      const typed = ArrayBuffer.isView(a);
      const out = Float64Array.from(a);
      for (let i = 0; i < bins; i++) {
        if (!((typed || typeof a[i] === "number") && Number.isFinite(out[i]) && out[i] >= 0)) throw error(`tier ${b.tiers[t]}x bin ${i}: USD must be a finite number >= 0`, { ...label, column: side, value: a[i] });
        // Sums over bins and tiers of amounts near 1e308 overflow into Infinity, and shares into NaN.
        // A replay's book at the open-interest bound may sit a rounding above it (1e15 + 0.125
        // after a few bars without anchoring): the bound allows 1e-9 of itself for that.
        if (out[i] > MAX_OI_USD * (1 + 1e-9)) throw error(`tier ${b.tiers[t]}x bin ${i}: USD above ${MAX_OI_USD}, a thousand trillion (a unit mistake?)`, { ...label, column: side, value: a[i] });
      }
      return out;
    });
  };
  const long = read("long", b.long);
  const short = read("short", b.short);
  const step = b.grid.step;
  const given = b.grid.prices;
  if (given && given.length !== bins) throw error(`grid.prices has ${given.length} centres, the grid ${bins} bins`, { ...label, column: "grid.prices", value: given.length });
  const prices = given ? Float64Array.from(given) : centresFrom(lo, step, bins);
  for (let i = 0; i < bins; i++) {
    if (!(Number.isFinite(prices[i]) && (i === 0 || prices[i] > prices[i - 1]))) throw error(`grid.prices[${i}]: centres must be finite and strictly ascending`, { ...label, column: "grid.prices", value: prices[i] });
  }
  if (given) {
    // The questions find bins by their centres, the heatmap and combineMaps by lo + i · step: the
    // two must describe one grid of equal bins (a millionth of a step covers decimal rounding).
    const expected = centresFrom(lo, step, bins);
    for (let i = 0; i < bins; i++) {
      if (!(Math.abs(prices[i] - expected[i]) <= 1e-6 * step)) {
        throw error(`grid.prices[${i}]: centre of bin ${i} must be lo + (${i} + 0.5) · step = ${expected[i]} (bins of equal width ${step} from lo ${lo})`, { ...label, column: "grid.prices", value: prices[i] });
      }
    }
  }
  if (bins > 0 && !(prices[0] > 0)) throw error("bin centres must be positive prices: the first is not", { ...label, column: "grid.lo", value: prices[0] });
  // Long levels lie below the price and short levels above it (a level beyond the price has been
  // liquidated). A bin holding the price may hold both; a bin wholly beyond it may not: the
  // questions would count its USD on the wrong side of every move. Edges are centre ± step/2 in
  // doubles (2.35 − 0.05 is 2.3000000000000003), so a price on an edge is within edgeTolerance of it.
  const tol = edgeTolerance(step, b.price);
  for (let t = 0; t < long.length; t++) {
    for (let i = 0; i < bins; i++) {
      if (long[t][i] > 0 && prices[i] - step / 2 > b.price + tol) throw error(`tier ${b.tiers[t]}x bin ${i}: long USD in the bin centred ${prices[i]}, wholly above the price ${b.price} (long levels lie below the price)`, { ...label, column: "long", value: long[t][i] });
      if (short[t][i] > 0 && prices[i] + step / 2 < b.price - tol) throw error(`tier ${b.tiers[t]}x bin ${i}: short USD in the bin centred ${prices[i]}, wholly below the price ${b.price} (short levels lie above the price)`, { ...label, column: "short", value: short[t][i] });
    }
  }
  return { grid: { lo, step, bins, prices }, long, short };
}

/** First index with prices[i] >= x (prices ascending). */
function firstAtOrAbove(prices: Float64Array, x: number): number {
  let a = 0;
  let b = prices.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (prices[m] >= x) b = m;
    else a = m + 1;
  }
  return a;
}

/** First index with prices[i] > x (prices ascending). */
function firstAbove(prices: Float64Array, x: number): number {
  let a = 0;
  let b = prices.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (prices[m] > x) b = m;
    else a = m + 1;
  }
  return a;
}

/** Builds the map and its questions from a book of USD per tier per bin. */
export function liquidationMap(book: BookInput): LiquidationMap {
  const { grid, long, short } = checkBook(book);
  const { price, tiers } = book;
  const n = grid.bins;
  const prices = grid.prices;
  // Per-bin totals over tiers, then suffix sums of longs (from the top) and prefix sums of shorts.
  const longAbove = new Float64Array(n + 1); // longAbove[i] = long USD in bins >= i
  const shortUpTo = new Float64Array(n + 1); // shortUpTo[i] = short USD in bins < i
  for (let i = n - 1; i >= 0; i--) {
    let v = 0;
    for (const a of long) v += a[i];
    longAbove[i] = longAbove[i + 1] + v;
  }
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (const a of short) v += a[i];
    shortUpTo[i + 1] = shortUpTo[i] + v;
  }
  const longIf = (target: number): number => longAbove[firstAtOrAbove(prices, target)];
  const shortIf = (target: number): number => shortUpTo[firstAbove(prices, target)];

  const cumulative = { price: prices, long: new Float64Array(n), short: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    if (prices[i] < price) cumulative.long[i] = longAbove[i];
    else if (prices[i] > price) cumulative.short[i] = shortUpTo[i + 1];
  }

  const rows: { price: number[]; side: Side[]; leverage: number[]; usd: number[] } = { price: [], side: [], leverage: [], usd: [] };
  for (const [side, arrays] of [["long", long], ["short", short]] as const) {
    arrays.forEach((a, t) => {
      for (let i = 0; i < n; i++) {
        if (a[i] > 0) {
          rows.price.push(prices[i]);
          rows.side.push(side);
          rows.leverage.push(tiers[t]);
          rows.usd.push(a[i]);
        }
      }
    });
  }

  // What show() prints above each answer: model estimates, not observed positions (or, for the
  // simulator's own positions, the known truth, said as such).
  const truth = book.truth === true;
  // Where and when: a map built with a time says it (a copied answer then says when it held);
  // time 0, the default, is no time, as in the figures' titles.
  const at = `${book.source ?? "book"}${book.time !== undefined && book.time !== 0 && inYears(book.time) ? `, map at ${utcLabel(book.time)}` : ""}, price ${price}`;
  const caveat = book.caveat ? `; ${book.caveat}` : "";
  const label = <T extends object>(x: T, what: string): T =>
    truth ? markTruth(x, `Simulated true ${what} (known from the simulator's positions, not an estimate; ${at})`) : markEstimate(x, `Estimated ${what} (estimate; ${at}${caveat})`);
  const checkTarget = (x: number, name: string, column: string): number => {
    if (!(Number.isFinite(x) && x >= 0)) throw error("must be a finite price >= 0", { symbol: name, column, value: x });
    return x;
  };
  // A band of ±p % reaches price × (1 ± p/100) as a decimal: 100 × (1 + 0.15) is
  // 114.99999999999999 in doubles, which would leave out a level centred at 115. Every bound a
  // question takes (a target, low and high, the band's ends) is widened by a few ulps, as the
  // replay's centre test (firstCentreAtOrAbove) is: a bound computed as map.price × 1.15, or a
  // centre named as 205 / 6 on a grid of thirds, 1 ulp off the stored centre, still reaches it.
  const ULPS = 4 * Number.EPSILON;

  return {
    time: book.time ?? 0,
    price,
    source: book.source ?? "book",
    tiers: [...tiers],
    grid,
    long,
    short,
    ...(truth ? { truth } : {}),
    ...(book.caveat ? { caveat: book.caveat } : {}),
    ...(book.mix ? { mix: book.mix } : {}),
    table: label(table(rows), "liquidation USD by price bin (centre), side and leverage"),
    cumulative: label(cumulative, "USD liquidated if the price moves to each bin centre: longs below the price, shorts above"),
    liquidationsIf(target: number): SideUsd {
      checkTarget(target, "liquidationsIf", "price");
      const answer: SideUsd = target > price ? { side: "short", usd: shortIf(target * (1 + ULPS)) } : { side: "long", usd: target < price ? longIf(target * (1 - ULPS)) : 0 };
      return label(answer, `USD liquidated if the price reaches ${target}`);
    },
    imbalance(withinPct: number) {
      if (!(Number.isFinite(withinPct) && withinPct >= 0)) throw error("withinPct must be a finite percentage >= 0", { symbol: "imbalance", value: withinPct });
      // price × (100 − p) / 100, not price × (1 − p/100): 1 − 0.913 is 0.08700000000000008, off by
      // 10 ulps of the bound. What p's own double is off by (half an ulp of p) weighs in the bound as
      // p/(100 − p) times more: widened by price · p/100 · 4ε for that.
      const longUsd = withinPct > 0 ? longIf(((price * (100 - withinPct)) / 100) * (1 - ULPS) - ((price * withinPct) / 100) * ULPS) : 0;
      const shortUsd = withinPct > 0 ? shortIf(price * (1 + withinPct / 100) * (1 + ULPS)) : 0;
      const ratio = shortUsd > 0 ? longUsd / shortUsd : longUsd > 0 ? Infinity : 1;
      return label({ longUsd, shortUsd, ratio }, `long and short liquidation USD within ±${withinPct}% of the price, ratio long/short`);
    },
    leverageShares(low: number, high: number): LeverageShare[] {
      checkTarget(low, "leverageShares", "low");
      checkTarget(high, "leverageShares", "high");
      if (high < low) throw error(`high must be >= low ${low}`, { symbol: "leverageShares", column: "high", value: high });
      const a = firstAtOrAbove(prices, low * (1 - ULPS));
      const b = firstAbove(prices, high * (1 + ULPS));
      const usd = tiers.map((_, t) => {
        let v = 0;
        for (let i = a; i < b; i++) v += long[t][i] + short[t][i];
        return v;
      });
      const total = usd.reduce((x, y) => x + y, 0);
      return label(
        tiers.map((leverage, t) => ({ leverage, usd: usd[t], share: total > 0 ? usd[t] / total : 0 })),
        // A replay's shares follow the mix it was told to assume (where levels fall moves them only
        // within it): said, so a share is not read as observed leverage.
        `liquidation USD and share by leverage with levels in [${low}, ${high}]${book.mix ? `; the shares follow the assumed leverage mix, ${book.mix}` : ""}`,
      );
    },
  };
}
