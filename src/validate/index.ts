// Public surface of src/validate/: named re-exports only. src/index.ts re-exports this file.
export type { Metrics, SideScores, BacktestResult } from "./types";
export { pearson, spearman, logPearson, ranks, topWeights, topCapture, calibration } from "./metrics";
export type { TopCaptureOptions } from "./metrics";
export { wasserstein1 } from "./wasserstein";
export { rangeBaseline, asOf } from "./baseline";
export { realizedOnBars } from "./realized";
export type { RealizedBars } from "./realized";
export { backtest, score } from "./backtest";
export { BACKTEST_DEFAULTS } from "./options";
export type { BacktestOptions } from "./options";
export { compareBootstrap, BOOTSTRAP_DEFAULTS } from "./bootstrap";
export type { BootstrapOptions } from "./bootstrap";
export { mapDistance } from "./distance";
export type { MapProfile } from "./distance";
export { validateScenario, DATASETS_DIR } from "./simulated";
export type { ScenarioValidation, ScenarioName } from "./simulated";
