/** Checks replay options and fills in the defaults of src/engine/options.ts. */
import { error, positive } from "../util/errors";
import { MAX_BINS } from "./grid";
import { DEFAULTS, LEVERAGE_PRESETS, type LeverageMix, type LeveragePreset, type ReplayOptions, type ResolvedOptions } from "./options";

function oneOf<T extends string>(value: T | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) throw error(`must be one of ${allowed.join(", ")}`, { symbol: "replay", column: name, value });
  return value;
}

function normalise(weights: number[], n: number, name: string): Float64Array {
  if (weights.length !== n) throw error(`needs one weight per tier (${n})`, { symbol: "replay", column: name, value: weights });
  let sum = 0;
  for (const w of weights) {
    if (!(Number.isFinite(w) && w >= 0)) throw error("weights must be finite and >= 0", { symbol: "replay", column: name, value: w });
    sum += w;
  }
  if (!(sum > 0)) throw error("weights must not all be zero", { symbol: "replay", column: name, value: weights });
  return Float64Array.from(weights, (w) => w / sum);
}

function leverageMix(option: ReplayOptions["leverage"]): LeverageMix {
  const mix = option ?? DEFAULTS.leverage;
  if (typeof mix === "string") {
    const preset = (LEVERAGE_PRESETS as Record<string, LeverageMix>)[mix];
    if (!preset) throw error(`unknown leverage preset; known: ${Object.keys(LEVERAGE_PRESETS).join(", ")}`, { symbol: "replay", column: "leverage", value: mix });
    return preset;
  }
  return mix;
}

/**
 * A leverage mix (or preset name) with every tier above `maxLeverage` moved down to it, its weight
 * added to a tier already there, so a mix made for BTCUSDT's 125x fits a symbol with a lower
 * maximum: `capLeverage("retail", 75)` is 5, 10, 25, 50 and 75x at retail's weights.
 */
export function capLeverage(mix: LeveragePreset | LeverageMix, maxLeverage: number): LeverageMix {
  if (!(Number.isFinite(maxLeverage) && maxLeverage >= 1)) throw error("maxLeverage must be a finite number >= 1", { symbol: "capLeverage", column: "maxLeverage", value: maxLeverage });
  const m = leverageMix(mix);
  const weights = new Map<number, number>();
  m.tiers.forEach((t, i) => {
    const tier = Math.min(t, maxLeverage);
    weights.set(tier, (weights.get(tier) ?? 0) + m.weights[i]!);
  });
  const tiers = [...weights.keys()].sort((a, b) => a - b);
  return { tiers, weights: tiers.map((t) => weights.get(t)!) };
}

export function resolveOptions(o: ReplayOptions): ResolvedOptions {
  const mix = leverageMix(o.leverage);
  const tiers = [...mix.tiers];
  if (tiers.length === 0) throw error("needs at least one tier", { symbol: "replay", column: "leverage.tiers", value: tiers });
  tiers.forEach((t, i) => {
    positive(t, "leverage.tiers", { symbol: "replay" });
    if (i > 0 && !(t > tiers[i - 1])) throw error("tiers must be strictly ascending", { symbol: "replay", column: "leverage.tiers", value: tiers });
  });
  const long = normalise(mix.weights, tiers.length, "leverage.weights");
  const short = mix.shortWeights ? normalise(mix.shortWeights, tiers.length, "leverage.shortWeights") : long;

  const hl = o.halfLifeHours ?? DEFAULTS.halfLifeHours;
  const halfLifeHours = typeof hl === "number" ? tiers.map(() => hl) : [...hl];
  if (halfLifeHours.length !== tiers.length) throw error(`needs one half-life per tier (${tiers.length})`, { symbol: "replay", column: "halfLifeHours", value: hl });
  for (const h of halfLifeHours) if (!(h >= 0)) throw error("half-life must be >= 0 hours (0 = no decay)", { symbol: "replay", column: "halfLifeHours", value: h });

  if (o.ratios) {
    for (const side of ["long", "short"] as const) {
      const r = o.ratios[side];
      if (r.length !== tiers.length) throw error(`needs one ratio per tier (${tiers.length})`, { symbol: "replay", column: `ratios.${side}`, value: r });
      for (const x of r) {
        positive(x, `ratios.${side}`, { symbol: "replay" });
        if (side === "long" ? x >= 1 : x <= 1) throw error(`${side} ratios must be ${side === "long" ? "below" : "above"} 1`, { symbol: "replay", column: `ratios.${side}`, value: x });
      }
    }
  }
  const grid = { ...(o.grid ?? {}) };
  if (grid.step !== undefined) positive(grid.step, "grid.step", { symbol: "replay" });
  if (grid.bins !== undefined && !(Number.isInteger(grid.bins) && grid.bins > 0)) throw error("grid.bins must be a positive integer", { symbol: "replay", column: "grid.bins", value: grid.bins });
  if (grid.bins !== undefined && grid.bins > MAX_BINS) throw error(`grid.bins must be at most ${MAX_BINS} (the window's centres alone take 8 bytes a bin); pass a coarser grid.step or a narrower window`, { symbol: "replay", column: "grid.bins", value: grid.bins });
  if (grid.lo !== undefined && !(Number.isFinite(grid.lo) && grid.lo >= 0)) throw error("grid.lo must be a finite price >= 0 (USD)", { symbol: "replay", column: "grid.lo", value: grid.lo });
  if ((grid.lo === undefined) !== (grid.bins === undefined)) throw error("give grid.lo and grid.bins together", { symbol: "replay", column: "grid", value: grid });
  // A bar lasts at least 1 ms: it closes at time + interval − 1 ms, which must not be before it opens.
  if (o.interval !== undefined && !(Number.isFinite(o.interval) && o.interval >= 1)) throw error("interval must be a bar's length in ms, >= 1", { symbol: "replay", column: "interval", value: o.interval });
  if (o.heatmap?.step !== undefined) positive(o.heatmap.step, "heatmap.step", { symbol: "replay" });
  if (o.heatmap && grid.bins === undefined) throw error("recording the heatmap during the replay needs a fixed window: grid.lo and grid.bins", { symbol: "replay", column: "heatmap", value: o.heatmap });
  if (o.maxLeverage !== undefined && !(Number.isFinite(o.maxLeverage) && o.maxLeverage >= 1)) throw error("maxLeverage must be a finite number >= 1", { symbol: "replay", column: "maxLeverage", value: o.maxLeverage });
  const margin = { ...DEFAULTS.margin, ...(o.margin ?? {}) };
  positive(margin.positionUsd, "margin.positionUsd", { symbol: "replay" });

  // One literal with every key, never spreads: the object then always has the same hidden class,
  // so the compiled code that reads it (readSeries, levelBands) survives from one replay to the
  // next. A spread's class is a transition V8 drops with its last object ("weak objects" deopt),
  // and the reader was compiled again on every replay.
  return {
    tiers,
    weights: { long, short },
    margin,
    ratios: o.ratios,
    leverageBands: oneOf(o.leverageBands, ["continuous", "point"], DEFAULTS.leverageBands, "leverageBands"),
    maxLeverage: o.maxLeverage ?? DEFAULTS.maxLeverage,
    grid,
    entry: oneOf(o.entry, ["range", "close"], DEFAULTS.entry, "entry"),
    split: oneOf(o.split, ["auto", "taker", "ratio", "even"], DEFAULTS.split, "split"),
    ratioColumn: o.ratioColumn ?? DEFAULTS.ratioColumn,
    openInterestUnit: oneOf(o.openInterestUnit, ["usd", "base"], DEFAULTS.openInterestUnit, "openInterestUnit"),
    close: oneOf(o.close, ["proportional", "nearest"], DEFAULTS.close, "close"),
    halfLifeHours,
    anchor: oneOf(o.anchor, ["fill", "scale", "off"], DEFAULTS.anchor, "anchor"),
    interval: o.interval,
    source: o.source ?? DEFAULTS.source,
    heatmap: o.heatmap ? { step: o.heatmap.step } : undefined,
  };
}
