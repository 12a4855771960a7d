/**
 * Every option of `backtest()` with its default, in one place (docs/validation.md, "Options").
 */
import type { Columns } from "../engine/index";
import { error } from "../util/errors";

export interface BacktestOptions {
  /** Candles the model was replayed on (`time`, `open`, `high`, `low`; same times as model.bars): the baseline's bar ranges. Required. */
  candles: Columns;
  /** Open interest (`time` and `openInterestUsd`, or `openInterest` in base coin): the baseline's OI. Default (or null): the candles' own columns. */
  openInterest?: Columns | null;
  /** Share of the largest realized bars topCapture must catch, in (0, 1]. Default 0.05. */
  realizedTop?: number;
  /** Share of bars a series flags as its largest, in (0, 1]. Default 0.10. */
  estimatedTop?: number;
  /** Leading bars left out of the scores (the model's book starts empty), a whole number >= 0. Default 0: every bar counts. */
  warmupBars?: number;
  /** Provenance for figure subtitles. Default "<n> bars" (n = bars scored). */
  source?: string;
  /**
   * Which of the model's per-bar liquidations are scored. Default "bar": all of them
   * (`model.bars`), including what the bar opened from its own closing open interest and wiped out
   * before its close. "book": only levels in the book before the bar that its range crossed
   * (`model.liquidationSources()`), the same information the baseline has (open interest known
   * at the bar's open, the bar's range).
   */
  estimate?: "bar" | "book";
  /**
   * The bar interval in ms, when replay was given one (its `interval` option): each bar then
   * closes that long after its open. Default, as replay: each bar's own span from the candles'
   * `closeTime`, else the step between the first two bars.
   */
  interval?: number;
  /**
   * Where the realized liquidations come from, as the series caption and the validation figures
   * say it ("realized USD is …"). Default "exchange-reported"; `validateScenario` passes "the
   * simulator's forced orders".
   */
  realized?: string;
}

export const BACKTEST_DEFAULTS = { realizedTop: 0.05, estimatedTop: 0.1, warmupBars: 0, estimate: "bar", realized: "exchange-reported" } as const;

/** The options with defaults filled in and each checked; errors name the option and value. */
export function resolveBacktestOptions(o: BacktestOptions): { realizedTop: number; estimatedTop: number; warmupBars: number; estimate: "bar" | "book"; interval: number | undefined; realizedLabel: string } {
  // A null option reads as an omitted one; candles cannot be omitted.
  if (!o || o.candles == null) throw error("backtest needs options.candles (the candles the model was replayed on)", { symbol: "backtest", column: "candles" });
  const share = (name: "realizedTop" | "estimatedTop") => {
    const v = o[name] ?? BACKTEST_DEFAULTS[name];
    if (typeof v !== "number" || !(v > 0 && v <= 1)) throw error(`${name} must be a share in (0, 1]`, { symbol: "backtest", column: name, value: v });
    return v;
  };
  const warmupBars = o.warmupBars ?? BACKTEST_DEFAULTS.warmupBars;
  if (typeof warmupBars !== "number" || !Number.isInteger(warmupBars) || warmupBars < 0) throw error("warmupBars must be a whole number of bars >= 0", { symbol: "backtest", column: "warmupBars", value: warmupBars });
  const estimate = o.estimate ?? BACKTEST_DEFAULTS.estimate;
  if (estimate !== "bar" && estimate !== "book") throw error('estimate must be "bar" (every liquidation the model records in the bar) or "book" (only levels in the book before the bar)', { symbol: "backtest", column: "estimate", value: estimate });
  const interval = o.interval ?? undefined;
  if (interval !== undefined && (typeof interval !== "number" || !Number.isFinite(interval) || !(interval > 0))) throw error("interval must be a positive number of ms (the one replay was given)", { symbol: "backtest", column: "interval", value: interval });
  const realizedLabel = o.realized ?? BACKTEST_DEFAULTS.realized;
  if (typeof realizedLabel !== "string" || realizedLabel.trim() === "") throw error('realized must say where the realized liquidations come from (e.g. "exchange-reported")', { symbol: "backtest", column: "realized", value: realizedLabel });
  return { realizedTop: share("realizedTop"), estimatedTop: share("estimatedTop"), warmupBars, estimate, interval, realizedLabel };
}
