/**
 * Validation against the simulator, where the truth is known: load a shipped dataset's archive
 * files with the data loaders (as a notebook does), replay the default model on them, and
 *  - score the per-bar estimates against the dataset's forced orders (backtest), and
 *  - measure the distance between the estimated map after the last bar and the simulator's true
 *    map at that moment (rerunning the scenario, which is deterministic), per side.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadBinanceKlines, loadBinanceLiquidationSnapshot, loadBinanceMetrics } from "../data/index";
import { replay } from "../engine/index";
import { scenarios, simulate } from "../sim/index";
import { intervalLabel } from "../sim/archive";
import { error } from "../util/errors";
import { backtest } from "./backtest";
import { mapDistance } from "./distance";
import type { BacktestResult } from "./types";

export type ScenarioName = keyof typeof scenarios;

export interface ScenarioValidation {
  scenario: ScenarioName;
  /** W1 between estimated and true liquidation USD over price after the last bar, share of price. */
  distance: { long: number; short: number };
  backtest: BacktestResult;
}

/** The shipped datasets folder (datasets/ at the package root). */
export const DATASETS_DIR = join(__dirname, "..", "..", "datasets");

export function validateScenario(name: string, dir: string = join(DATASETS_DIR, name)): ScenarioValidation {
  if (!(name in scenarios)) throw error(`unknown scenario (use ${Object.keys(scenarios).join(", ")})`, { column: "scenario", value: name });
  const options = scenarios[name as ScenarioName];
  const iv = intervalLabel(300_000);
  const file = (suffix: string) => {
    const path = join(dir, `${options.symbol}-${suffix}.csv`);
    if (!existsSync(path)) throw error("dataset file missing: run `npm run datasets`", { file: path });
    return path;
  };
  const candles = loadBinanceKlines(file(`${iv}-klines`)).table;
  const openInterest = loadBinanceMetrics(file("metrics")).table;
  const liquidations = loadBinanceLiquidationSnapshot(file("liquidationSnapshot")).table;
  const model = replay({ candles, openInterest, source: `${options.symbol} synthetic (${name})` });
  const result = backtest(model, liquidations, { candles, openInterest, source: `datasets/${name} (synthetic)` });
  const times = candles.array("time") as Float64Array;
  const last = times[times.length - 1]!;
  const estimated = model.mapAt(last);
  const truth = simulate(options).trueMapAt(last, estimated.grid);
  return { scenario: name as ScenarioName, distance: mapDistance(estimated, truth), backtest: result };
}
