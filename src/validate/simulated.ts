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
import { capLeverage, REPLAY_DEFAULTS, replay, type LeverageMix } from "../engine/index";
import { binanceUsdmBrackets } from "../margin/index";
import { scenarios, simulate } from "../sim/index";
import { intervalLabel } from "../util/time";
import { error } from "../util/errors";
import { backtest } from "./backtest";
import { mapDistance } from "./distance";
import type { BacktestResult } from "./types";

export type ScenarioName = keyof typeof scenarios;

export interface ScenarioValidation {
  scenario: ScenarioName;
  /** What the replay was given besides the files: the scenario's symbol (its brackets), the leverage mix and cap. */
  replay: { symbol: string; leverage: LeverageMix; maxLeverage: number };
  /** W1 between estimated and true liquidation USD over price after the last bar, share of price. */
  distance: { long: number; short: number };
  /** The same distance averaged over the snapshots, with their count. */
  meanDistance: { long: number; short: number; snapshots: number };
  backtest: BacktestResult;
}

/** The shipped datasets folder (datasets/ at the package root). */
export const DATASETS_DIR = join(__dirname, "..", "..", "datasets");

/**
 * The default model's options for a Binance USD-M symbol, as a user of that symbol would replay
 * it: its default brackets (margin.symbol), and the retail mix capped at the maximum leverage of
 * the bracket holding the representative position (BNBUSDT: 75x, so retail's 100x tier becomes 75x).
 */
export function symbolReplay(symbol: string): { symbol: string; leverage: LeverageMix; maxLeverage: number } {
  const brackets = binanceUsdmBrackets[symbol];
  if (!brackets) throw error(`no default brackets for this symbol (defaults: ${Object.keys(binanceUsdmBrackets).join(", ")})`, { column: "symbol", value: symbol });
  const positionUsd = REPLAY_DEFAULTS.margin.positionUsd;
  const maxLeverage = (brackets.brackets.find((b) => positionUsd <= b.cap) ?? brackets.brackets[0]!).maxLeverage;
  return { symbol, leverage: capLeverage("retail", maxLeverage), maxLeverage };
}

/**
 * `name` when it is a shipped scenario (an own key of `scenarios`: "toString" is not one), else
 * throws naming `column` and the scenarios there are: the one check of `validateScenario` and the
 * CLI's `--scenario`.
 */
export function checkScenario(name: string, column: string): ScenarioName {
  if (!Object.hasOwn(scenarios, name)) throw error(`unknown scenario (use ${Object.keys(scenarios).join(", ")})`, { column, value: name });
  return name as ScenarioName;
}

/**
 * Scores the default model on dataset `name` (eth | sol | bnb) read from `dir`; `everyBars`
 * (default 72, six hours of 5-minute bars) spaces the map snapshots of meanDistance.
 * "Default" with the scenario's own exchange facts, as a user of that symbol would replay it: its
 * default Binance brackets, and the retail mix capped at the symbol's maximum leverage for the
 * representative 10,000 USD position (BNBUSDT: 75x, so retail's 100x tier becomes 75x).
 */
export function validateScenario(name: string, dir: string = join(DATASETS_DIR, name), everyBars = 72): ScenarioValidation {
  const options = scenarios[checkScenario(name, "scenario")];
  const iv = intervalLabel(300_000);
  const file = (suffix: string) => {
    const path = join(dir, `${options.symbol}-${suffix}.csv`);
    if (!existsSync(path)) throw error("dataset file missing: run `npm run datasets`", { file: path });
    return path;
  };
  const candles = loadBinanceKlines(file(`${iv}-klines`)).table;
  const openInterest = loadBinanceMetrics(file("metrics")).table;
  const liquidations = loadBinanceLiquidationSnapshot(file("liquidationSnapshot")).table;
  const { symbol, leverage, maxLeverage } = symbolReplay(options.symbol);
  const model = replay({ candles, openInterest, margin: { symbol }, leverage, maxLeverage, source: `${symbol} synthetic (${name})` });
  // The forced orders are the simulator's, not an exchange's: captions and figures say so.
  const result = backtest(model, liquidations, { candles, openInterest, source: `datasets/${name} (synthetic)`, realized: "the simulator's forced orders" });
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
  return { scenario: name as ScenarioName, replay: { symbol, leverage, maxLeverage }, distance: at(last), meanDistance: mean, backtest: result };
}
