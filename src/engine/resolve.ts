/** Checks replay options and fills in the defaults of src/engine/options.ts. */
import { isList } from "../util/arrays";
import { meantName, unknownOption } from "../util/distance";
import { error, positive } from "../util/errors";
import { MAX_BINS } from "./grid";
import { DEFAULTS, LEVERAGE_PRESETS, OPTION_KEYS, type LeverageMix, type LeveragePreset, type ReplayOptions, type ResolvedOptions } from "./options";

function oneOf<T extends string>(value: T | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) throw error(`must be one of ${allowed.join(", ")}`, { symbol: "replay", column: name, value });
  return value;
}

/**
 * Weights as given, or each divided by the largest when their sum overflows: weights are relative,
 * and 1e308 and 1e308 (each finite, so accepted) must share as 1 and 1 do, not as x / Infinity = 0.
 */
function unoverflowed(weights: ArrayLike<number>): number[] {
  const w = Array.from(weights);
  if (w.reduce((a, b) => a + b, 0) < Infinity) return w;
  const top = Math.max(...w);
  return w.map((x) => x / top);
}

/** Weights (finite, >= 0, not all 0, one per tier) as shares summing to 1. */
function normalise(weights: number[], n: number, name: string, symbol = "replay"): Float64Array {
  if (weights.length !== n) throw error(`needs one weight per tier (${n})`, { symbol, column: name, value: weights });
  for (const w of weights) {
    if (!(Number.isFinite(w) && w >= 0)) throw error("weights must be finite and >= 0", { symbol, column: name, value: w });
  }
  const w = unoverflowed(weights);
  let sum = 0;
  for (const x of w) sum += x;
  if (!(sum > 0)) throw error("weights must not all be zero", { symbol, column: name, value: weights });
  return Float64Array.from(w, (x) => x / sum);
}


/**
 * The leverage mix an option names, checked: a preset (an own key of LEVERAGE_PRESETS, so
 * "toString" is unknown, not Object.prototype's), or tiers strictly ascending and positive with
 * one finite weight >= 0 per tier, not all zero (and the same for `shortWeights`).
 */
function leverageMix(option: ReplayOptions["leverage"], symbol = "replay"): LeverageMix {
  const mix = option ?? DEFAULTS.leverage;
  if (typeof mix === "string") {
    if (!Object.hasOwn(LEVERAGE_PRESETS, mix)) throw error(`unknown leverage preset; known: ${Object.keys(LEVERAGE_PRESETS).join(", ")}`, { symbol, column: "leverage", value: mix });
    return (LEVERAGE_PRESETS as Record<string, LeverageMix>)[mix]!;
  }
  if (typeof mix !== "object" || mix === null || !isList(mix.tiers) || !isList(mix.weights)) {
    throw error(`must be a preset name (${Object.keys(LEVERAGE_PRESETS).join(", ")}) or { tiers: number[], weights: number[] } (one weight per tier)`, { symbol, column: "leverage", value: mix });
  }
  if (mix.shortWeights !== undefined && mix.shortWeights !== null && !isList(mix.shortWeights)) throw error("must be an array of numbers, one per tier", { symbol, column: "leverage.shortWeights", value: mix.shortWeights });
  const tiers = Array.from(mix.tiers);
  if (tiers.length === 0) throw error("needs at least one tier", { symbol, column: "leverage.tiers", value: tiers });
  tiers.forEach((t, i) => {
    positive(t, "leverage.tiers", { symbol });
    if (i > 0 && !(t > tiers[i - 1]!)) throw error("tiers must be strictly ascending", { symbol, column: "leverage.tiers", value: tiers });
  });
  normalise(Array.from(mix.weights), tiers.length, "leverage.weights", symbol);
  if (mix.shortWeights) normalise(Array.from(mix.shortWeights), tiers.length, "leverage.shortWeights", symbol);
  return mix;
}

/**
 * Half-lives per tier from the option: one number for every tier, or one per tier. Each must be a
 * number >= 0 (0 and Infinity: no decay); a string is refused, not read character by character.
 */
function halfLives(option: ReplayOptions["halfLifeHours"], tiers: number): number[] {
  const hl = option ?? DEFAULTS.halfLifeHours;
  if (typeof hl !== "number" && !isList(hl)) throw error(`must be a number of hours, or an array of one per tier (${tiers})`, { symbol: "replay", column: "halfLifeHours", value: hl });
  const out = typeof hl === "number" ? new Array<number>(tiers).fill(hl) : Array.from(hl);
  if (out.length !== tiers) throw error(`needs one half-life per tier (${tiers}), or one number for all`, { symbol: "replay", column: "halfLifeHours", value: hl });
  for (const h of out) if (!(typeof h === "number" && h >= 0)) throw error("half-life must be a number of hours >= 0 (0 or Infinity = no decay)", { symbol: "replay", column: "halfLifeHours", value: h });
  return out;
}

/**
 * A leverage mix (or preset name) with every tier above `maxLeverage` moved down to it, its weight
 * added to a tier already there, so a mix made for BTCUSDT's 125x fits a symbol with a lower
 * maximum: `capLeverage("retail", 75)` is 5, 10, 25, 50 and 75x at retail's weights.
 */
export function capLeverage(mix: LeveragePreset | LeverageMix, maxLeverage: number): LeverageMix {
  if (!(Number.isFinite(maxLeverage) && maxLeverage >= 1)) throw error("maxLeverage must be a finite number >= 1", { symbol: "capLeverage", column: "maxLeverage", value: maxLeverage });
  const m = leverageMix(mix, "capLeverage");
  const tiers = [...new Set(Array.from(m.tiers, (t) => Math.min(t, maxLeverage)))].sort((a, b) => a - b);
  // Weights of the tiers moved onto one add up (unoverflowed: 1e308 and 1e308 must not add to Infinity).
  const merge = (weights: ArrayLike<number>): number[] => {
    const w = unoverflowed(weights);
    const out = new Array<number>(tiers.length).fill(0);
    Array.from(m.tiers).forEach((t, i) => { out[tiers.indexOf(Math.min(t, maxLeverage))] += w[i]!; });
    return out;
  };
  return m.shortWeights ? { tiers, weights: merge(m.weights), shortWeights: merge(m.shortWeights) } : { tiers, weights: merge(m.weights) };
}


/**
 * The option `key` was probably meant as: the name `meantName` finds among this level's options,
 * or at the top level an inner option's own name (`step` for `grid.step`).
 */
function meant(key: string, where: keyof typeof OPTION_KEYS): string | undefined {
  // A start of five letters or more (`halfLife`): `open`, a candle column, is not `openInterest`.
  const name = meantName(key, OPTION_KEYS[where], 5);
  if (name) return where ? `${where}.${name}` : name;
  if (where !== "") return undefined;
  const k = key.toLowerCase();
  for (const [inner, names] of Object.entries(OPTION_KEYS)) {
    const name = inner ? names.find((x) => x.toLowerCase() === k) : undefined;
    if (name) return `${inner}.${name}`;
  }
  return undefined;
}

/**
 * Keys a replay's input may carry besides its options: what loaders return beside candles and
 * open interest (`replay({ ...liq.loadCombinedExport(f), leverage })` passes the export's
 * `liquidations` and `report` along), and tables of the same names. They are not read.
 */
const DATA_KEYS: readonly string[] = ["liquidations", "liquidationTotals", "report", "spotCandles", "funding"];
/** Keys an inner option may carry besides its own: a model's `grid` has its centres, `prices` (derived, not read). */
const PASSED: Readonly<Record<string, readonly string[]>> = { grid: ["prices"] };

/**
 * Throws on a key of `o` that is no option at `where`: a misspelt or invented option (`decay`,
 * `binWidth`, `leverage.longWeights`) would otherwise be ignored and its default used without a
 * word. One that looks like an option names it; the top level also passes DATA_KEYS.
 */
function checkKeys(o: unknown, where: keyof typeof OPTION_KEYS): void {
  if (typeof o !== "object" || o === null || Array.isArray(o)) return;
  const known = OPTION_KEYS[where];
  for (const key of Object.keys(o)) {
    if (known.includes(key) || (where === "" ? DATA_KEYS : PASSED[where] ?? []).includes(key)) continue;
    const value = (o as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const hint = meant(key, where);
    const at = { symbol: "replay", column: where ? `${where}.${key}` : key, value };
    const listed = where ? known : known.filter((k) => k !== "candles" && k !== "openInterest");
    throw error(unknownOption(hint, where || "replay", listed, where ? "" : " (docs/engine.md, Options)"), at);
  }
}

/** The symbol a bracket table names (a BracketTable from fromBinance, fromBybit…), unless it is a placeholder. */
function bracketTableSymbol(b: unknown): string | undefined {
  if (typeof b !== "object" || b === null || Array.isArray(b)) return undefined;
  const t = b as { symbol?: unknown; brackets?: unknown };
  if (typeof t.symbol !== "string" || !Array.isArray(t.brackets)) return undefined;
  return t.symbol === "" || t.symbol === "brackets" || t.symbol === "binance" ? undefined : t.symbol;
}

export function resolveOptions(o: ReplayOptions): ResolvedOptions {
  checkKeys(o, "");
  for (const inner of ["leverage", "margin", "ratios", "grid", "heatmap"] as const) checkKeys(o[inner], inner);
  const mix = leverageMix(o.leverage);
  const tiers = [...mix.tiers];
  const long = normalise(mix.weights, tiers.length, "leverage.weights");
  const short = mix.shortWeights ? normalise(mix.shortWeights, tiers.length, "leverage.shortWeights") : long;

  const halfLifeHours = halfLives(o.halfLifeHours, tiers.length);

  // null, as a JSON config writes "not given", is the default as undefined is.
  if (o.ratios !== undefined && o.ratios !== null) {
    if (typeof o.ratios !== "object") throw error("must be { long: number[], short: number[] }, one ratio per tier", { symbol: "replay", column: "ratios", value: o.ratios });
    for (const side of ["long", "short"] as const) {
      const r = o.ratios[side];
      if (!isList(r)) throw error(`must be an array of level / entry ratios, one per tier (${tiers.length})`, { symbol: "replay", column: `ratios.${side}`, value: r });
      if (r.length !== tiers.length) throw error(`needs one ratio per tier (${tiers.length})`, { symbol: "replay", column: `ratios.${side}`, value: r });
      for (const x of r) {
        positive(x, `ratios.${side}`, { symbol: "replay" });
        if (side === "long" ? x >= 1 : x <= 1) throw error(`${side} ratios must be ${side === "long" ? "below" : "above"} 1`, { symbol: "replay", column: `ratios.${side}`, value: x });
      }
    }
  }
  // `grid: 5` meant as a step would otherwise be spread into nothing and leave the automatic step.
  for (const inner of ["grid", "heatmap"] as const) {
    const v = o[inner];
    if (v !== undefined && v !== null && (typeof v !== "object" || Array.isArray(v))) {
      throw error(`must be an object: ${inner === "grid" ? "{ step } or { step, lo, bins }" : "{} (a column after every bar) or { step }"}`, { symbol: "replay", column: inner, value: v });
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
  if (o.maxLeverage !== undefined && tiers[tiers.length - 1]! > o.maxLeverage) {
    throw error(`tier ${tiers[tiers.length - 1]}x is above maxLeverage ${o.maxLeverage}; cap the mix, e.g. leverage: liq.capLeverage(${typeof (o.leverage ?? DEFAULTS.leverage) === "string" ? JSON.stringify(o.leverage ?? DEFAULTS.leverage) : "mix"}, ${o.maxLeverage})`, { symbol: "replay", column: "leverage.tiers", value: tiers[tiers.length - 1] });
  }
  if (o.margin !== undefined && o.margin !== null && typeof o.margin !== "object") throw error("must be an object of margin options (exchange, contract, margin, symbol, brackets, maintenanceMarginRate, positionUsd)", { symbol: "replay", column: "margin", value: o.margin });
  // Keys given as undefined or null keep their defaults.
  const margin = { ...DEFAULTS.margin, ...Object.fromEntries(Object.entries(o.margin ?? {}).filter(([, v]) => v !== undefined && v !== null)) } as typeof DEFAULTS.margin & NonNullable<ReplayOptions["margin"]>;
  positive(margin.positionUsd, "margin.positionUsd", { symbol: "replay" });
  // A bracket table names its symbol (fromBinance(json, "DOGEUSDT")): it is the replay's symbol
  // unless margin.symbol says another, which is refused (BTCUSDT's default would otherwise be
  // named for DOGE's brackets, and ETH's taken for BTC's without a word).
  const tableSymbol = bracketTableSymbol(margin.brackets);
  if (tableSymbol !== undefined) {
    const givenSymbol = o.margin?.symbol;
    if (givenSymbol === undefined || givenSymbol === null) margin.symbol = tableSymbol;
    else if (String(givenSymbol).toUpperCase() !== tableSymbol.toUpperCase()) {
      throw error(`margin.brackets are ${tableSymbol}'s, and margin.symbol says ${givenSymbol}: pass the symbol's own brackets (fromBinance(json, "${givenSymbol}")) or leave margin.symbol out`, { symbol: "replay", column: "margin.symbol", value: givenSymbol });
    }
  }
  // A tier's level is that of one representative isolated position. Under cross margin the level
  // depends on each account's wallet and its other positions, which open interest does not tell.
  if (margin.margin !== "isolated" && margin.margin !== "cross") throw error('must be "isolated" (the only mode a replay uses)', { symbol: "replay", column: "margin.margin", value: margin.margin });
  if (margin.margin === "cross") {
    throw error('replay places each tier\'s representative position on isolated margin; "cross" levels depend on each account\'s wallet balance and other positions, which no public series gives (use liq.liquidationPrice for one cross account)', { symbol: "replay", column: "margin.margin", value: margin.margin });
  }

  if (o.ratioColumn !== undefined && !(typeof o.ratioColumn === "string" && o.ratioColumn !== "")) throw error("must be the name of a column (a string)", { symbol: "replay", column: "ratioColumn", value: o.ratioColumn });
  if (o.source !== undefined && typeof o.source !== "string") throw error("must be a string (provenance for captions and figure subtitles)", { symbol: "replay", column: "source", value: o.source });

  // One literal with every key, never spreads: the object then always has the same hidden class,
  // so the compiled code that reads it (readSeries, levelBands) survives from one replay to the
  // next. A spread's class is a transition V8 drops with its last object ("weak objects" deopt),
  // and the reader was compiled again on every replay.
  return {
    tiers,
    preset: typeof (o.leverage ?? DEFAULTS.leverage) === "string" ? String(o.leverage ?? DEFAULTS.leverage) : "",
    weights: { long, short },
    margin,
    ratios: o.ratios ?? undefined,
    leverageBands: oneOf(o.leverageBands, ["continuous", "point"], DEFAULTS.leverageBands, "leverageBands"),
    maxLeverage: o.maxLeverage ?? DEFAULTS.maxLeverage,
    grid,
    entry: oneOf(o.entry, ["range", "close"], DEFAULTS.entry, "entry"),
    split: oneOf(o.split, ["auto", "taker", "ratio", "even"], DEFAULTS.split, "split"),
    ratioColumn: o.ratioColumn ?? DEFAULTS.ratioColumn,
    ratioColumnGiven: o.ratioColumn !== undefined,
    openInterestUnit: oneOf(o.openInterestUnit, ["usd", "base"], DEFAULTS.openInterestUnit, "openInterestUnit"),
    close: oneOf(o.close, ["proportional", "nearest"], DEFAULTS.close, "close"),
    halfLifeHours,
    anchor: oneOf(o.anchor, ["fill", "scale", "off"], DEFAULTS.anchor, "anchor"),
    interval: o.interval,
    source: o.source ?? DEFAULTS.source,
    heatmap: o.heatmap ? { step: o.heatmap.step } : undefined,
  };
}
