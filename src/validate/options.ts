/**
 * Every option of `backtest()` with its default, in one place.
 */
import type { Columns } from "../engine/index";

export interface BacktestOptions {
  /** Candles the model was replayed on (`time`, `open`, `high`, `low`): the baseline's bar ranges. Required. */
  candles: Columns;
  /** Open interest (`time` and `openInterestUsd`, or `openInterest` in base coin): the baseline's OI. Default: the candles' own columns. */
  openInterest?: Columns;
  /** Share of the largest realized bars topCapture must catch. Default 0.05. */
  realizedTop?: number;
  /** Share of bars a series flags as its largest. Default 0.10. */
  estimatedTop?: number;
  /** Leading bars left out of the scores (the model's book starts empty). Default 0: every bar counts. */
  warmupBars?: number;
  /** Provenance for figure subtitles. Default "<n> bars". */
  source?: string;
}

export const BACKTEST_DEFAULTS = { realizedTop: 0.05, estimatedTop: 0.1, warmupBars: 0 } as const;
