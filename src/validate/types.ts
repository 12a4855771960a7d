/**
 * The validation harness's result: the contract between `backtest()` (src/validate), the
 * validation figures (src/figures) and the notebooks. Every "estimated" number is a model
 * estimate; "realized" numbers are what `realized` says they are (exchange-reported by default,
 * the simulator's forced orders for `validateScenario`).
 */
import type { ColumnTable } from "arquero";

/** Scores of one per-bar series (estimated or baseline) against realized liquidation USD. */
export interface Metrics {
  /** Spearman rank correlation (average ranks for ties). */
  spearman: number;
  /** Pearson correlation of log(1 + USD). */
  logPearson: number;
  /** Share of the top 5% realized bars that fall in the series' top 10% bars. */
  topCapture: number;
  /** sum(series) / sum(realized). */
  calibration: number;
}

export interface SideScores {
  model: Metrics;
  baseline: Metrics;
}

export interface BacktestResult {
  /** Bars scored. */
  bars: number;
  long: SideScores;
  short: SideScores;
  /**
   * Per bar: `time` (epoch ms UTC, bar open), `longEstimatedUsd`, `longBaselineUsd`,
   * `longRealizedUsd`, `shortEstimatedUsd`, `shortBaselineUsd`, `shortRealizedUsd`.
   */
  series: ColumnTable;
  /** Provenance for figure subtitles, e.g. "btc_regime_30m.csv, 876 half-hour bars". */
  source: string;
  /** The share of bars `topCapture` had to catch (the `realizedTop` option): labels say "top-5% capture" from it. */
  realizedTop?: number;
  /** The share of bars a series flagged as its largest for `topCapture` (the `estimatedTop` option). */
  estimatedTop?: number;
  /** Which of the model's liquidations were scored (the `estimate` option): "bar", every one; "book", only the book's before each bar. */
  estimate?: "bar" | "book";
  /**
   * What the scores leave out, counted so nothing is dropped without a word (backtest always sets
   * it; absent on hand-built results). `realizedRows`, `realizedUsd` (long + short): realized rows
   * outside the model's bars (before the first bar's open, in a gap between two bars, at or after
   * the last bar's close) or on a model bar not scored. `bars`: model bars not scored, the
   * `warmupBars` and those before the first or after the last bar holding a realized row.
   */
  leftOut?: { realizedRows: number; realizedUsd: number; bars: number };
  /**
   * Where the realized numbers come from, as captions and figures say it (the `realized` option):
   * "exchange-reported" by default; "the simulator's forced orders" for `validateScenario`.
   * Absent (hand-built results): exchange-reported.
   */
  realized?: string;
}
