/**
 * The engine's result types. These are the contract between the engine (which fills them), the
 * figures (which draw them), the validation harness (which scores them) and the notebooks.
 * Every USD amount here is an ESTIMATE of where leveraged positions would be liquidated; the
 * figures and tables built from them say so.
 */
import type { ColumnTable } from "arquero";

export type Side = "long" | "short";

/** A price grid of equal-width bins. Bin i covers [lo + i*step, lo + (i+1)*step). */
export interface PriceGrid {
  /** Lower edge of bin 0, USD. */
  lo: number;
  /** Bin width, USD. */
  step: number;
  /** Number of bins. */
  bins: number;
  /** Bin centres, USD (length `bins`). */
  prices: Float64Array;
}

/** Where on the map a question's answer came from. */
export interface SideUsd {
  side: Side;
  /** Estimated USD liquidated. */
  usd: number;
}

export interface LeverageShare {
  leverage: number;
  /** Estimated liquidation USD of this tier inside the band (both sides). */
  usd: number;
  /** usd / total of all tiers in the band; 0 when the band is empty. */
  share: number;
}

/** An estimated liquidation map at one moment. */
export interface LiquidationMap {
  /** Epoch ms UTC of the moment mapped (the close of the last bar used). */
  time: number;
  /** The price at that moment (the last bar's close), USD. */
  price: number;
  /** Free-text provenance for figure subtitles, e.g. "BTCUSDT Binance, 5m candles + OI". */
  source: string;
  /** Leverage tiers, ascending, e.g. [5, 10, 25, 50, 100]. */
  tiers: number[];
  grid: PriceGrid;
  /** long[t][i]: estimated long liquidation USD of tier t in price bin i (zero in bins wholly above the price; a bin holding the price may hold both sides). */
  long: Float64Array[];
  /** short[t][i]: estimated short liquidation USD of tier t in price bin i (zero in bins wholly below the price). */
  short: Float64Array[];
  /** Rows with usd > 0: columns `price` (bin centre), `side`, `leverage`, `usd`. */
  table: ColumnTable;
  /**
   * Cumulative curves outward from the current price, per bin: `long[i]` is the long USD
   * liquidated if price falls to grid.prices[i] (0 for bins centred at or above the price), `short[i]`
   * the short USD liquidated if price rises to grid.prices[i]. Monotone away from the price.
   */
  cumulative: { price: Float64Array; long: Float64Array; short: Float64Array };
  /** USD liquidated if price moves from `price` to `target`: longs below, shorts above. */
  liquidationsIf(target: number): SideUsd;
  /**
   * Long and short USD with levels within ±withinPct percent of price. ratio = longUsd / shortUsd;
   * Infinity when shortUsd = 0 < longUsd, and 1 when both are 0 (nothing either way), never NaN.
   */
  imbalance(withinPct: number): { longUsd: number; shortUsd: number; ratio: number };
  /** Share of each tier of the liquidation USD with levels in [low, high], both sides. */
  leverageShares(low: number, high: number): LeverageShare[];
  /** Present (true) only on maps of known positions (`trueLiquidationMap`): labelled simulated truth, not estimate. */
  truth?: boolean;
  /** What the estimate captions add after "estimate;" (replay maps: that the dollar level is not validated); absent when none. */
  caveat?: string;
  /** The leverage mix assumed (replay maps: `model.assumptions.leverage`), named in `leverageShares` captions; absent when none. */
  mix?: string;
}

/** One heatmap column: USD per price bin. */
export type HeatmapColumn = Float32Array | Float64Array;

/** Time × price matrix of estimated liquidation USD, for the heatmap figure. */
export interface Heatmap {
  /** Epoch ms UTC of each column (the close of the bar after which it was taken). */
  times: Float64Array;
  grid: PriceGrid;
  /**
   * z[c][i]: estimated USD (long + short, all tiers) with level in bin i at column c.
   * The engine fills Float32Array columns to keep a year of hourly columns small (7 significant
   * digits are plenty for estimates); hand-built heatmaps may use Float64Array.
   */
  z: HeatmapColumn[];
  /** long[c][i]: the long part of z. */
  long: HeatmapColumn[];
  /** short[c][i]: the short part of z. */
  short: HeatmapColumn[];
  /** The candles as the engine read them, for the overlay (a close outside [low, high] widens that bar's range). */
  candles: { time: Float64Array; open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array };
  source: string;
  /** A clause the figure's subtitle carries after the colour scale (a replay's: `DOLLAR_CAVEAT`); absent on hand-built heatmaps. */
  caveat?: string;
}

/** What `replay()` returns. */
export interface LiquidationModel {
  /** Per bar: `time`, `longLiquidatedUsd`, `shortLiquidatedUsd`, `openLongUsd`, `openShortUsd`, and the flows `openedUsd`, `closedUsd`, `decayedUsd`. */
  bars: ColumnTable;
  tiers: number[];
  grid: PriceGrid;
  source: string;
  /**
   * What the replay assumed rather than read from data, in words: `leverage`, the mix (preset,
   * tiers and weights per side; no exchange publishes the leverage of open positions) and
   * `margin`, the margin model behind every level (exchange, contract, symbol and brackets, the
   * representative position; "default" where an option was left out).
   */
  assumptions: { leverage: string; margin: string };
  /** The map after the bar whose time is <= `time` (epoch ms UTC or a Date; default, or null: after the last bar). */
  mapAt(time?: number | bigint | Date | null): LiquidationMap;
  /**
   * The map of what was known at `time` (epoch ms UTC, a bigint or a Date): after the last bar that
   * had closed by then, so no data from after `time` is in it. Throws before the first bar closes.
   */
  mapAsOf(time: number | bigint | Date): LiquidationMap;
  /**
   * Time × price matrix. `step`: ms between columns (e.g. 3,600,000 for hourly: a column after
   * the last bar of each hour); default a column after every bar.
   */
  heatmap(options?: { step?: number } | null): Heatmap;
  /** Cumulative USD flows of the whole replay: opened = open + liquidated + closed + decayed. */
  ledger?: Ledger;
  /**
   * Where each bar's estimated liquidations come from, per bar: `time`; `longBookUsd`,
   * `shortBookUsd`: levels in the book before the bar that its range crossed (what the open
   * interest known at the bar's open predicts); `longInBarUsd`, `shortInBarUsd`: positions the bar
   * itself opened (from its own closing open interest) and wiped out before its close. Book + in-bar
   * = `model.bars`' liquidated USD. Computed on first call by one more pass over the bars.
   */
  liquidationSources?(): ColumnTable;
}

/** Cumulative USD flows of a replay (both sides). */
export interface Ledger {
  /** USD of positions opened (including anchoring up). */
  openedUsd: number;
  /** USD liquidated (estimated). */
  liquidatedUsd: number;
  /** USD closed because open interest fell (including anchoring down). */
  closedUsd: number;
  /** USD that decayed away (positions that quietly went). */
  decayedUsd: number;
  /** USD still open after the last bar. */
  openUsd: number;
}
