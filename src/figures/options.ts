/**
 * Every figure option with its default, in one place. Builders call the resolve* functions,
 * which fill defaults and throw (through the error helper, naming the option and the value) on
 * bad values: a true/false option given anything but a boolean, and a key that is no option of
 * the builder (with the option it looks like, or the list of its options).
 */
import { isList } from "../util/arrays";
import type { ColumnTable } from "arquero";
import type { Side } from "../engine/types";
import { meantName, unknownOption } from "../util/distance";
import { error, finite, positive } from "../util/errors";

/** A realized liquidation reported by an exchange, for markers on the heatmap. */
export interface RealizedEvent {
  /** Epoch ms UTC. */
  time: number;
  side: Side;
  /** USD liquidated. */
  usd: number;
  /** Price of the liquidation; omitted: the bar's low (longs) or high (shorts). */
  price?: number;
}

/**
 * Realized liquidations per bar: columns `time` (bar open, epoch ms UTC), `longUsd`, `shortUsd`;
 * or an arquero table of events with columns `time`, `side`, `usd` (and `price`), as the
 * liquidation loaders return.
 */
export type RealizedTable =
  | ColumnTable
  | { time: ArrayLike<number>; longUsd: ArrayLike<number>; shortUsd: ArrayLike<number> };

export interface MapOptions {
  /**
   * Title; default "Estimated liquidation map at <time> UTC" (no time when map.time is 0). Shown literally (no markup), with
   * " (estimates)" added unless it says "estimate" (alt text and text/plain carry the title).
   */
  title?: string;
  /**
   * Prices to annotate with the cumulative USD liquidated if price reaches them; default none. A
   * label sits outward from the current price, or inward when its line is within a quarter of the
   * shown range from the edge (so it never covers the axis). Labels hang in rows, nearest the
   * price on top; past nine rows the next starts again at the top, so all stay inside the plot. A
   * single price reads as [price].
   */
  thresholds?: number | number[];
  /** Draw the cumulative long/short curves (steps) on the right axis; default true. true or false only. */
  cumulative?: boolean;
  /** Price range [low, high] shown, as given (a price or threshold outside it is not drawn); default the whole grid, widened to include the current price and thresholds. */
  priceRange?: [number, number];
}

export interface HeatmapOptions {
  /**
   * Title; default "Estimated liquidation heatmap, <first> to <last> UTC" ("… at <time> UTC" for a
   * single column). Shown literally, with " (estimates)" added unless it says "estimate".
   */
  title?: string;
  /**
   * Percentile (0 < p <= 100) of the non-zero cells where the colour scale saturates; default 99,
   * so a few huge cells do not wash out the rest. Cells above it show the brightest colour.
   */
  clipPercentile?: number;
  /** Draw the candles on top, each over the time its bar traded; default true. true or false only. */
  candles?: boolean;
  /** Realized liquidations to mark: per-bar table or events, each on the candle of the bar holding its time; default (or null) none. */
  realized?: RealizedTable | RealizedEvent[] | null;
  /** Largest realized marker diameter in px (area ∝ USD); default 18. */
  markerMaxSize?: number;
  /**
   * Smallest realized marker diameter in px; default 7 (half of markerMaxSize when that is less).
   * Below it area is no longer ∝ USD: one cascade's order (hundreds of millions) would otherwise
   * shrink every other marker to a speck hidden under the candles. At most markerMaxSize.
   */
  markerMinSize?: number;
  /**
   * Most time columns drawn; default 1,500 (about the plot's width in pixels). A heatmap with more
   * columns (a column after every bar of a month, say) is drawn with each cell the mean of k
   * consecutive columns, k = ⌈columns / maxColumns⌉, drawn from its first column's time to the next
   * cell's (the last, perhaps shorter, cell for as long as its columns stood); the subtitle says so. Every column would otherwise go into the figure's JSON (5,000 × 1,100 cells
   * are 31 MB) for a screen that cannot show them. Infinity draws every column.
   */
  maxColumns?: number;
}

export interface ValidationScatterOptions {
  /** Which side's bars to plot; default "long". */
  side?: Side;
  /** Title; default "Estimated vs realized <side> liquidations per bar". Shown literally, " (estimates)" added unless it says "estimate". */
  title?: string;
}

export interface ValidationSeriesOptions {
  /** Title; default "Estimated and realized liquidations per bar, <first> to <last> UTC". Shown literally, " (estimates)" added unless it says "estimate". */
  title?: string;
  /** Also draw the baseline estimate; default true (true or false only). Its scores are shown beside the model's either way. */
  baseline?: boolean;
  /**
   * "share" (default): each series as a percentage of its own total over the period, so timing
   * and relative size compare even when realized data covers more venues than the open interest
   * the estimates scale with; "usd": USD per bar on one axis.
   */
  scale?: "share" | "usd";
}

export const MAP_DEFAULTS = { thresholds: [] as number[], cumulative: true } as const;
export const HEATMAP_DEFAULTS = { clipPercentile: 99, candles: true, markerMaxSize: 18, markerMinSize: 7, maxColumns: 1500 } as const;
export const SCATTER_DEFAULTS = { side: "long" as Side } as const;
export const SERIES_DEFAULTS = { baseline: true, scale: "share" as "share" | "usd" } as const;

function range(r: unknown, name: string): [number, number] {
  if (!Array.isArray(r) || r.length !== 2) throw error(`${name} must be [low, high]`, { column: name, value: r });
  const lo = finite(r[0], name);
  const hi = finite(r[1], name);
  if (!(hi > lo)) throw error(`${name} must have high > low`, { column: name, value: r });
  return [lo, hi];
}

/** The options each builder takes: any other key throws (a misspelt option would do nothing). */
const OPTION_KEYS = {
  mapFigure: ["title", "thresholds", "cumulative", "priceRange"],
  heatmapFigure: ["title", "clipPercentile", "candles", "realized", "markerMaxSize", "markerMinSize", "maxColumns"],
  validationScatterFigure: ["side", "title"],
  validationSeriesFigure: ["title", "baseline", "scale"],
} as const;
type Builder = keyof typeof OPTION_KEYS;

/**
 * Options as given: null reads as none given (every default), as undefined does. A key that is no
 * option of `who` throws naming it, the option it looks like or every option `who` takes (a key
 * set to undefined is as if absent).
 */
function given<T extends object>(o: T | null | undefined, who: Builder): Partial<T> {
  if (o === null || o === undefined) return {};
  if (typeof o !== "object" || Array.isArray(o)) throw error("options must be an object", { column: "options", value: o });
  const known: readonly string[] = OPTION_KEYS[who];
  for (const key of Object.keys(o)) {
    const value = (o as Record<string, unknown>)[key];
    if (known.includes(key) || value === undefined) continue;
    throw error(unknownOption(meantName(key, known), who, known), { column: key, value });
  }
  return o;
}

/** true or false; undefined or null: the default. Anything else throws naming the option. */
function bool(v: unknown, name: string, fallback: boolean): boolean {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== "boolean") throw error(`${name} must be true or false`, { column: name, value: v });
  return v;
}

/** A title as given, or undefined for the default; anything but a string throws. */
function title(t: unknown): string | undefined {
  if (t === undefined || t === null) return undefined;
  if (typeof t !== "string") throw error("title must be a string", { column: "title", value: t });
  return t;
}

/** One price or a list of them (a single number reads as [it]). */
function thresholdList(t: unknown): number[] {
  if (t === undefined || t === null) return [...MAP_DEFAULTS.thresholds];
  if (typeof t === "number") return [positive(t, "thresholds")];
  if (!isList(t)) throw error("thresholds must be a price or an array of prices", { column: "thresholds", value: t });
  return Array.from(t as ArrayLike<unknown>, (x) => positive(x, "thresholds"));
}

export function resolveMapOptions(options: MapOptions | null = {}) {
  const o = given(options, "mapFigure");
  const thresholds = thresholdList(o.thresholds);
  return {
    title: title(o.title),
    thresholds,
    cumulative: bool(o.cumulative, "cumulative", MAP_DEFAULTS.cumulative),
    priceRange: o.priceRange === undefined || o.priceRange === null ? undefined : range(o.priceRange, "priceRange"),
  };
}

export function resolveHeatmapOptions(options: HeatmapOptions | null = {}) {
  const o = given(options, "heatmapFigure");
  const clip = finite(o.clipPercentile ?? HEATMAP_DEFAULTS.clipPercentile, "clipPercentile");
  if (!(clip > 0 && clip <= 100)) throw error("clipPercentile must be in (0, 100]", { column: "clipPercentile", value: clip });
  const maxSize = positive(o.markerMaxSize ?? HEATMAP_DEFAULTS.markerMaxSize, "markerMaxSize");
  // The default floor gives way to a small largest size (half of it, so sizes still differ); a
  // floor given above the largest is refused.
  const minSize = o.markerMinSize === undefined || o.markerMinSize === null ? Math.min(HEATMAP_DEFAULTS.markerMinSize, maxSize / 2) : positive(o.markerMinSize, "markerMinSize");
  if (minSize > maxSize) throw error(`markerMinSize must be at most markerMaxSize (${maxSize})`, { column: "markerMinSize", value: minSize });
  return {
    title: title(o.title),
    clipPercentile: clip,
    candles: bool(o.candles, "candles", HEATMAP_DEFAULTS.candles),
    realized: o.realized ?? undefined,
    markerMaxSize: maxSize,
    markerMinSize: minSize,
    maxColumns: maxColumns(o.maxColumns ?? HEATMAP_DEFAULTS.maxColumns),
  };
}

function maxColumns(v: unknown): number {
  if (v === Infinity || (typeof v === "number" && Number.isInteger(v) && v >= 1)) return v;
  throw error("maxColumns must be an integer >= 1 (or Infinity)", { column: "maxColumns", value: v });
}

export function resolveScatterOptions(options: ValidationScatterOptions | null = {}) {
  const o = given(options, "validationScatterFigure");
  const side = o.side ?? SCATTER_DEFAULTS.side;
  if (side !== "long" && side !== "short") throw error('side must be "long" or "short"', { column: "side", value: side });
  return { side, title: title(o.title) };
}

export function resolveSeriesOptions(options: ValidationSeriesOptions | null = {}) {
  const o = given(options, "validationSeriesFigure");
  const scale = o.scale ?? SERIES_DEFAULTS.scale;
  if (scale !== "share" && scale !== "usd") throw error('scale must be "share" or "usd"', { column: "scale", value: scale });
  return { title: title(o.title), baseline: bool(o.baseline, "baseline", SERIES_DEFAULTS.baseline), scale };
}
