/**
 * Validation against the simulator, where the truth is known: load a shipped dataset's archive
 * files with the data loaders (as a notebook does), replay the default model on them, and
 *  - score the per-bar estimates against the dataset's forced orders (backtest), and
 *  - measure the distance between the estimated map and the simulator's true map (rerunning the
 *    scenario, which is deterministic), per side: after the last bar, and averaged over snapshots
 *    every `everyBars` bars (the first after `everyBars` bars, so the replay has a book).
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
  /** The same distance averaged over the snapshots, with their count. */
  meanDistance: { long: number; short: number; snapshots: number };
  backtest: BacktestResult;
}

/** The shipped datasets folder (datasets/ at the package root). */
export const DATASETS_DIR = join(__dirname, "..", "..", "datasets");

/**
 * Scores the default model on dataset `name` (eth | sol | bnb) read from `dir`; `everyBars`
 * (default 72, six hours of 5-minute bars) spaces the map snapshots of meanDistance.
 */
export function validateScenario(name: string, dir: string = join(DATASETS_DIR, name), everyBars = 72): ScenarioValidation {
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
  const sim = simulate(options);
  const at = (t: number) => {
    const estimated = model.mapAt(t);
    return mapDistance(estimated, sim.trueMapAt(t, estimated.grid));
  };
  const mean = { long: 0, short: 0, snapshots: 0 };
  for (let b = everyBars; b < times.length; b += everyBars) {
    const d = at(times[b - 1]!);
    mean.long += d.long;
    mean.short += d.short;
    mean.snapshots++;
  }
  if (mean.snapshots > 0) {
    mean.long /= mean.snapshots;
    mean.short /= mean.snapshots;
  }
  return { scenario: name as ScenarioName, distance: at(last), meanDistance: mean, backtest: result };
}
