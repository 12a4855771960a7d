/**
 * `replay({ candles, openInterest, ...options })`: the engine's public entry. Reads the inputs once
 * into typed arrays, fixes everything the kernel needs from the first bar (grid step, level ratios),
 * runs the kernel and wraps the result as a `LiquidationModel`.
 */
import { table, type ColumnTable } from "arquero";
import { floorIndex } from "../util/arrays";
import { error } from "../util/errors";
import { markEstimate } from "../util/estimate";
import { inYears, utcLabel } from "../util/time";
import { LONG, SHORT, type Book } from "./book";
import { autoStep, binAt, gridOf, MAX_BIN_NUMBER, MAX_BINS } from "./grid";
import { columnBars, heatmapOf, HeatmapRecorder } from "./heatmap";
import { MAX_TIME, readSeries, type Columns, type Series } from "./input";
import { levelBands, type RatioBands } from "./levels";
import { liquidationMap } from "./map";
import type { ReplayOptions } from "./options";
import { resolveOptions } from "./resolve";
import { newBarArrays, simulate, type Plan } from "./simulate";
import type { Heatmap, LiquidationMap, LiquidationModel, PriceGrid } from "./types";

import { describeAssumptions } from "./assumptions";
import { DOLLAR_CAVEAT } from "./caveat";

/** A map question's time as epoch ms: a number, a bigint (as Arrow time columns hold) or a Date; undefined for none. */
function timeArg(at: number | bigint | Date | null | undefined, symbol: string): number | undefined {
  if (at == null) return undefined;
  const time = at instanceof Date ? at.getTime() : typeof at === "bigint" ? Number(at) : at;
  if (!Number.isFinite(time)) throw error("time must be epoch ms", { symbol, column: "time", value: time });
  // As the inputs: microseconds read as ms would ask for the year 55,000 and get the last map.
  if (time >= MAX_TIME) throw error("time must be epoch ms: this looks like microseconds or nanoseconds", { symbol, column: "time", value: time });
  return time;
}

function count(take: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < take.length; i++) c += take[i];
  return c;
}

/** Lowest low and highest high of the candles. */
function priceRange(s: Series): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < s.n; i++) {
    if (s.low[i] < lo) lo = s.low[i];
    if (s.high[i] > hi) hi = s.high[i];
  }
  return { lo, hi };
}

/**
 * Throws, before any work, when the levels the candles can reach (the deepest long ratio times the
 * lowest low, the farthest short ratio times the highest high) would span more than MAX_BINS bins
 * of `step`, or reach bin numbers past MAX_BIN_NUMBER (where the edge search stops moving).
 */
function checkSpan(range: { lo: number; hi: number }, step: number, ratios: RatioBands, label: string): void {
  let deep = 1;
  let far = 1;
  for (const r of ratios.lo.long) deep = Math.min(deep, r);
  for (const r of ratios.hi.short) far = Math.max(far, r);
  const bottom = range.lo * deep;
  const top = range.hi * far;
  // The finest nice step (1, 2, 2.5, 5 × 10^k) that fits both limits.
  const need = Math.max((top - bottom) / (MAX_BINS - 1), (2 * top) / MAX_BIN_NUMBER);
  const fits = niceAtLeast(need);
  const fix = `pass grid.step ${fits} or coarser${label === "grid.step" ? "" : " (the automatic step comes from the first bar's price; these candles span a wider range)"}`;
  if (!(top / step < MAX_BIN_NUMBER)) {
    throw error(`levels up to ${top} USD on a step of ${step} need bin numbers past 2^50, where edges can no longer be found exactly; ${fix}`, { symbol: "replay", column: "grid.step", value: step });
  }
  const bins = Math.floor(top / step) - Math.floor(bottom / step) + 1;
  if (bins > MAX_BINS) {
    throw error(`levels from ${bottom} to ${top} USD would span ${bins} bins of ${step} (limit ${MAX_BINS}, about 1 GB for a map); ${fix}`, { symbol: "replay", column: "grid.step", value: step });
  }
}

/**
 * Throws at the first bar whose close is at or below half a step: the lowest bin, [0, step), then
 * has its centre at or above the close, so no long level can sit below the close and the bin rule
 * would liquidate every long the moment it opens, bar after bar.
 */
function checkCoarse(close: Float64Array, lowest: number, step: number, label: string): void {
  const half = step / 2;
  if (lowest > half) return; // no close is below the lowest low
  for (let i = 0; i < close.length; i++) {
    if (close[i] <= half) {
      throw error(`row ${i}: the close ${close[i]} is within half a bin of 0 on a step of ${step}: no long level fits below it; pass a grid.step below ${2 * close[i]}${label === "grid.step" ? "" : " (the automatic step comes from the first bar's price)"}`, { symbol: "replay", column: "grid.step", value: step });
    }
  }
}

/** The smallest of 1, 2, 2.5, 5 × 10^k that is >= x. */
function niceAtLeast(x: number): number {
  const n = Math.floor(Math.log10(x));
  for (let k = n; ; k++) {
    for (const m of [1, 2, 2.5, 5]) {
      const v = k < 0 ? m / 10 ** -k : m * 10 ** k;
      if (v >= x) return v;
    }
  }
}

/** The bins every book along the replay used, widened to the candles' range. */
function unionGrid(range: { lo: number; hi: number }, step: number, kMin: number, kMax: number): PriceGrid {
  return gridOf(Math.min(kMin, binAt(range.lo, step)), Math.max(kMax, binAt(range.hi, step)), step);
}

export interface ReplayInput extends ReplayOptions {
  /** Candles: `time` (epoch ms UTC, bar open), `open`, `high`, `low`, `close`, optional `volume`, `takerBuyVolume`. */
  candles: Columns;
  /** Open interest: `time` and `openInterestUsd` (or `openInterest` in base coin; `OI_COLUMNS` in options.ts lists every name read). Default (or null): those columns of `candles`. */
  openInterest?: Columns | null;
}

/** The map of a book after bar i. */
/** A bar time in an error: UTC and epoch ms (`2025-07-20 00:00 UTC, 1752969600000`), or epoch ms alone outside years 0000-9999. */
function when(ms: number): string {
  return inYears(ms) ? `${utcLabel(ms)}, ${ms}` : String(ms);
}

function mapOfBook(book: Book, s: Series, i: number, tiers: number[], source: string, mix: string): LiquidationMap {
  const price = s.close[i];
  const step = book.step;
  const kPrice = binAt(price, step);
  const ext = book.extent();
  const kLo = Math.min(kPrice, ext ? ext[0] : kPrice);
  const kHi = Math.max(kPrice, ext ? ext[1] : kPrice);
  const bins = kHi - kLo + 1;
  const long = tiers.map((_, t) => {
    const a = new Float64Array(bins);
    book.addTier(LONG, t, kLo, a);
    return a;
  });
  const short = tiers.map((_, t) => {
    const a = new Float64Array(bins);
    book.addTier(SHORT, t, kLo, a);
    return a;
  });
  // gridOf's centres (binCentre: the doubles nearest the decimal centres) are the ones the book's liquidations compare with.
  return liquidationMap({ price, tiers, grid: gridOf(kLo, kHi, step), long, short, time: s.lastMs[i] + 1, source, caveat: DOLLAR_CAVEAT, mix });
}

export function replay(input: ReplayInput): LiquidationModel {
  if (typeof input !== "object" || input === null || typeof input.candles !== "object" || input.candles === null) throw error("needs { candles, openInterest }", { symbol: "replay", column: "candles", value: input });
  const o = resolveOptions(input);
  const assumptions = describeAssumptions(o, input);
  const s = readSeries(input.candles, input.openInterest ?? undefined, o);
  const step = o.grid.step ?? autoStep(s.high[0], s.low[0], s.close[0]);
  const plan: Plan = {
    step,
    ratios: levelBands(o, s.close[0]),
    weights: o.weights,
    halfLifeHours: o.halfLifeHours,
    entry: o.entry,
    close: o.close,
    anchor: o.anchor,
  };
  const last = s.n - 1;
  const range = priceRange(s);
  checkSpan(range, step, plan.ratios, o.grid.step === undefined ? "auto" : "grid.step");
  checkCoarse(s.close, range.lo, step, o.grid.step === undefined ? "auto" : "grid.step");

  // A fixed output window, when given, is known before the first bar.
  if (o.grid.lo !== undefined && !((o.grid.lo + o.grid.bins! * step) / step < MAX_BIN_NUMBER)) {
    throw error(`a window up to ${o.grid.lo + o.grid.bins! * step} USD on a step of ${step} needs bin numbers past 2^50; pass a coarser grid.step`, { symbol: "replay", column: "grid.lo", value: o.grid.lo });
  }
  const kWindow = o.grid.lo !== undefined && o.grid.bins !== undefined ? binAt(o.grid.lo, step) : undefined;
  const window = kWindow !== undefined ? gridOf(kWindow, kWindow + o.grid.bins! - 1, step) : undefined;
  const heatmaps = new Map<number | undefined, Heatmap>();

  // Main pass: per-bar outputs, the extent of every book along the way (for the model grid) and,
  // when asked, the heatmap columns.
  const bars = newBarArrays(s.n);
  const take = window && o.heatmap ? columnBars(s, o.heatmap.step) : undefined;
  const rec = take && window ? new HeatmapRecorder(window, count(take), "z") : undefined;
  // A plain literal, not a spread: a spread's object gets a transition map that V8 collects with
  // the object, and with it the compiled kernel that checked it ("weak objects" deopt).
  const final = simulate(s, plan, last, { bars, columns: rec ? { take: take!, recorder: rec } : undefined });
  const grid: PriceGrid = window ?? unionGrid(range, step, final.kMin, final.kMax);
  /** Records heatmap columns of `what` every `colStep` ms in one more pass. */
  const record = (colStep: number | undefined, what: "z" | "sides"): HeatmapRecorder => {
    const take = columnBars(s, colStep);
    const r = new HeatmapRecorder(grid, count(take), what);
    simulate(s, plan, last, { columns: { take, recorder: r } });
    return r;
  };
  if (rec) heatmaps.set(o.heatmap!.step, heatmapOf(rec, s, o.source, () => record(o.heatmap!.step, "sides")));

  const ledger = {
    openedUsd: final.cumulative("opened"),
    liquidatedUsd: final.cumulative("liquidated"),
    closedUsd: final.cumulative("closed"),
    decayedUsd: final.cumulative("decayed"),
    openUsd: final.sideTotal(LONG) + final.sideTotal(SHORT),
  };
  let sources: ColumnTable | undefined;
  const maps = new Map<number, LiquidationMap>();
  // A tiered book kept between mapAt calls: maps asked in time order replay each bar once.
  let cursor: { book: Book; i: number } | undefined;

  /** The map after bar i, replayed with per-tier lanes once (maps asked in time order continue one pass). */
  const mapOfBar = (i: number): LiquidationMap => {
    let map = maps.get(i);
    if (!map) {
      if (!cursor || cursor.i > i) cursor = { book: simulate(s, plan, i, { tiered: true }), i };
      else if (cursor.i < i) {
        simulate(s, plan, i, { resume: { book: cursor.book, from: cursor.i + 1 } });
        cursor.i = i;
      }
      map = mapOfBook(cursor.book, s, i, o.tiers, o.source, assumptions.leverage);
      maps.set(i, map);
    }
    return map;
  };

  return {
    bars: markEstimate(table({ time: s.time.slice(), ...bars }), `Estimated liquidations, open positions and flows per bar, USD (estimate; ${o.source})`),
    tiers: [...o.tiers],
    grid,
    source: o.source,
    assumptions,
    ledger: markEstimate(ledger, `Estimated cumulative USD flows of the replay: opened, liquidated, closed, decayed, and open after the last bar (estimate; ${o.source})`),
    mapAt(at?: number | bigint | Date | null): LiquidationMap {
      const time = timeArg(at, "mapAt");
      if (time === undefined) return mapOfBar(last);
      if (time < s.time[0]) throw error(`time is before the first bar (${when(s.time[0])})`, { symbol: "mapAt", column: "time", value: time });
      // The last bar whose open time is <= time.
      return mapOfBar(floorIndex(s.time, time));
    },
    mapAsOf(at: number | bigint | Date): LiquidationMap {
      const time = timeArg(at, "mapAsOf");
      if (time === undefined) throw error("needs a time (epoch ms UTC or a Date): the map of what was known then", { symbol: "mapAsOf", column: "time", value: at });
      // The last bar that had closed by `time` (its last ms before it): nothing after `time` is in it.
      if (time < s.lastMs[0] + 1) throw error(`no bar had closed by then: the first bar closes at ${when(s.lastMs[0] + 1)}`, { symbol: "mapAsOf", column: "time", value: time });
      return mapOfBar(floorIndex(s.lastMs, time - 1));
    },
    liquidationSources(): ColumnTable {
      if (!sources) {
        const parts = new Float64Array(4 * s.n);
        simulate(s, plan, last, { sources: parts });
        const col = (k: number) => Float64Array.from({ length: s.n }, (_, i) => parts[4 * i + k]);
        sources = markEstimate(
          table({ time: s.time.slice(), longBookUsd: col(0), shortBookUsd: col(1), longInBarUsd: col(2), shortInBarUsd: col(3) }),
          `Estimated liquidations per bar by source, USD: levels in the book before the bar that its range crossed, and positions the bar opened and wiped out (estimate; ${o.source})`,
        );
      }
      return sources;
    },
    heatmap(options: { step?: number } | null = {}): Heatmap {
      if (options !== null && typeof options !== "object") throw error("options must be { step? } (ms between columns)", { symbol: "heatmap", column: "options", value: options });
      const colStep = options?.step ?? undefined;
      if (colStep !== undefined && !(Number.isFinite(colStep) && colStep > 0)) throw error("step must be a positive number of ms", { symbol: "heatmap", column: "step", value: colStep });
      let hm = heatmaps.get(colStep);
      if (!hm) {
        hm = heatmapOf(record(colStep, "z"), s, o.source, () => record(colStep, "sides"));
        heatmaps.set(colStep, hm);
      }
      return hm;
    },
  };
}
