/**
 * Every option of `replay()` in one place, each with its default and a one-line meaning.
 * docs/engine.md explains the method behind them.
 */
import type { Bracket, BracketTable } from "../margin/index";
import type { Side } from "./types";

/** A leverage mix: tiers (ascending leverage) and the share of new USD each tier takes. */
export interface LeverageMix {
  tiers: number[];
  /** One weight per tier; normalised to sum 1. */
  weights: number[];
  /** Optional different weights for shorts (same tiers); default: `weights`. */
  shortWeights?: number[];
}

/**
 * Named leverage mixes. The shares are assumptions (no exchange publishes the leverage of open
 * positions); pick the one closest to the market studied or pass your own.
 */
export const LEVERAGE_PRESETS = {
  /** Retail-heavy perpetual market: most USD at 10–25x, a thin tail at 50–100x. */
  retail: { tiers: [5, 10, 25, 50, 100], weights: [0.15, 0.3, 0.3, 0.15, 0.1] },
  /** Cautious market: mostly 2–10x. */
  conservative: { tiers: [2, 3, 5, 10, 20], weights: [0.2, 0.25, 0.3, 0.15, 0.1] },
  /** Speculative market: most USD at 25–100x. */
  degen: { tiers: [10, 25, 50, 75, 100], weights: [0.1, 0.25, 0.3, 0.2, 0.15] },
  /** Four tiers, even shares. */
  even4: { tiers: [10, 25, 50, 100], weights: [0.25, 0.25, 0.25, 0.25] },
} satisfies Record<string, LeverageMix>;

export type LeveragePreset = keyof typeof LEVERAGE_PRESETS;

/** The margin model used for every liquidation level (see src/margin). */
export interface MarginModel {
  /** Exchange whose margin rules apply. Default "binance". */
  exchange?: string;
  /** Contract kind. Default "linear" (USDT-margined). */
  contract?: string;
  /** Margin mode. Default "isolated". */
  margin?: string;
  /** Symbol, for bracket lookup. Default "BTCUSDT". */
  symbol?: string;
  /** Leverage brackets as published by the exchange; default: the margin layer's table for `symbol`. */
  brackets?: BracketTable | Bracket[];
  /** A single maintenance margin rate instead of brackets. Default: none (brackets apply). */
  maintenanceMarginRate?: number;
  /** Notional USD of the representative position whose level stands for a whole tier. Default 10,000. */
  positionUsd?: number;
}

/** Explicit liquidation-level ratios per tier (liq = entry × ratio): bypasses the margin model. */
export interface LevelRatios {
  long: number[];
  short: number[];
}

/** The price grid. Bins are indexed absolutely: bin k covers [k·step, (k+1)·step). */
export interface GridOptions {
  /** Bin width, USD. Default: automatic from the FIRST bar only (see autoStep). */
  step?: number;
  /** Optional fixed output window for heatmaps: lower edge, USD (snapped down to a bin edge). */
  lo?: number;
  /** Optional fixed output window for heatmaps: number of bins from `lo`. */
  bins?: number;
}

export type SplitRule = "auto" | "taker" | "ratio" | "even";
export type CloseRule = "proportional" | "nearest";
export type AnchorRule = "fill" | "scale" | "off";
export type EntryRule = "range" | "close";
export type BandRule = "continuous" | "point";
export type OiUnit = "usd" | "base";

/**
 * Open-interest value columns `replay()` reads, first found wins: the canonical names of the
 * loaders, Binance's `/futures/data/openInterestHist` names, then a generic `value`.
 */
export const OI_COLUMNS: readonly { name: string; unit: OiUnit | "option" }[] = [
  { name: "openInterestUsd", unit: "usd" },
  { name: "sumOpenInterestValue", unit: "usd" },
  { name: "openInterest", unit: "base" },
  { name: "sumOpenInterest", unit: "base" },
  { name: "value", unit: "option" },
];

export interface ReplayOptions {
  /** Leverage mix: a preset name or tiers and weights. Default "retail". */
  leverage?: LeveragePreset | LeverageMix;
  /** Margin model for the levels. Default Binance linear isolated BTCUSDT, 10,000 USD position. */
  margin?: MarginModel;
  /** Explicit level ratios per tier, instead of the margin model. Default: none. */
  ratios?: LevelRatios;
  /** "continuous": each tier's levels spread over the liquidation distances of the leverage interval it stands for (edges at geometric midpoints between tiers); "point": every level at the tier's own leverage. Default "continuous". */
  leverageBands?: BandRule;
  /** Highest leverage the exchange allows: caps the top tier's band (never below the tier itself). Default 125 (Binance BTCUSDT). Given explicitly, a tier above it throws; the default checks no tier. */
  maxLeverage?: number;
  /** Price grid. Default: step automatic from the first bar. */
  grid?: GridOptions;
  /** Where new positions opened within a bar: "range" spreads them evenly over [low, high], "close" puts them at the close. Default "range". */
  entry?: EntryRule;
  /** How new USD splits between longs and shorts: "auto" uses taker buy share, else a long/short ratio column, else even (with both, a bar with no volume takes the ratio's share). Default "auto". */
  split?: SplitRule;
  /** Which ratio column "ratio" (and "auto") reads from the open-interest table; a name given here must be in the table. Default "longShortRatio" (read by "auto" when present). */
  ratioColumn?: string;
  /** Unit of a generic `value` open-interest column: "usd", or "base" (coin, converted at the bar's close). Named columns carry their own unit (see `OI_COLUMNS`). Default "usd". */
  openInterestUnit?: OiUnit;
  /** When open interest falls: "proportional" closes every level alike, "nearest" closes levels nearest the price first. Default "proportional". */
  close?: CloseRule;
  /** Half-life in hours of positions that quietly went away, one number or one per tier; 0 or Infinity turns decay off. Default 72. */
  halfLifeHours?: number | number[];
  /** "fill": each bar opens or closes what makes the book equal the reported OI; "scale": applies the OI change then rescales the book to the reported OI; "off": applies only the reported OI change. Default "fill". */
  anchor?: AnchorRule;
  /** Candle interval, ms (overrides `closeTime`). Default: each bar's own `closeTime` when the candles have that column (Binance klines: open + interval − 1 ms; bar 0's span for decay and times), else the gap between the first two candles (1 ms for a single candle). */
  interval?: number;
  /** Provenance text for figure subtitles. Default "replay". */
  source?: string;
  /** Record heatmap columns (every `step` ms, default every bar) in the replay's own pass; needs grid.lo and grid.bins. Default: none (model.heatmap() replays again). */
  heatmap?: { step?: number };
}

/**
 * Every option name, by where it sits (the compiler checks each list against its interface):
 * `replay` refuses a key that is not one of these but looks like one (`halflifeHours`, `halfLife`,
 * a top-level `step` meant as `grid.step`), which would otherwise be ignored and leave the default.
 */
export const OPTION_KEYS = {
  "": keys<ReplayOptions & { candles: unknown; openInterest: unknown }>({
    candles: 1, openInterest: 1, leverage: 1, margin: 1, ratios: 1, leverageBands: 1, maxLeverage: 1, grid: 1, entry: 1, split: 1,
    ratioColumn: 1, openInterestUnit: 1, close: 1, halfLifeHours: 1, anchor: 1, interval: 1, source: 1, heatmap: 1,
  }),
  leverage: keys<LeverageMix>({ tiers: 1, weights: 1, shortWeights: 1 }),
  margin: keys<MarginModel>({ exchange: 1, contract: 1, margin: 1, symbol: 1, brackets: 1, maintenanceMarginRate: 1, positionUsd: 1 }),
  ratios: keys<LevelRatios>({ long: 1, short: 1 }),
  grid: keys<GridOptions>({ step: 1, lo: 1, bins: 1 }),
  heatmap: keys<{ step?: number }>({ step: 1 }),
};

function keys<T>(all: Record<keyof T, 1>): string[] {
  return Object.keys(all);
}

/** The options after defaults, as the kernel uses them. */
export interface ResolvedOptions {
  tiers: number[];
  /** The leverage preset's name, or "" for a mix given as tiers and weights (for error messages). */
  preset: string;
  weights: Record<Side, Float64Array>;
  margin: Required<Omit<MarginModel, "brackets" | "maintenanceMarginRate">> & Pick<MarginModel, "brackets" | "maintenanceMarginRate">;
  ratios?: LevelRatios;
  leverageBands: BandRule;
  maxLeverage: number;
  grid: GridOptions;
  entry: EntryRule;
  split: SplitRule;
  ratioColumn: string;
  /** Whether `ratioColumn` was given (it must then be in the table); else the default name is read only when present. */
  ratioColumnGiven: boolean;
  openInterestUnit: OiUnit;
  close: CloseRule;
  halfLifeHours: number[];
  anchor: AnchorRule;
  interval?: number;
  source: string;
  heatmap?: { step?: number };
}

export const DEFAULTS = {
  leverage: "retail" as LeveragePreset,
  margin: { exchange: "binance", contract: "linear", margin: "isolated", symbol: "BTCUSDT", positionUsd: 10_000 },
  leverageBands: "continuous" as BandRule,
  maxLeverage: 125,
  entry: "range" as EntryRule,
  split: "auto" as SplitRule,
  ratioColumn: "longShortRatio",
  openInterestUnit: "usd" as OiUnit,
  close: "proportional" as CloseRule,
  halfLifeHours: 72,
  anchor: "fill" as AnchorRule,
  source: "replay",
};
