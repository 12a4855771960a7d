/**
 * How big the derivatives market is next to spot, per UTC day: open interest (a stock of
 * positions, USD) against the day's spot trading volume (a flow, USD), and optionally the
 * derivatives' own traded volume. Commentary's "SOL open interest is over $11B while daily spot
 * volume is about $6B" is one row of this table and its summary.
 *
 * Only whole days count, so a half-loaded first or last day never reads as a quiet one: a day
 * enters when every spot bar of it is present and had closed by `asOf` (every derivatives bar
 * too, when derivatives candles are given), and its open-interest samples cover at least
 * `minOiCoverage` of it. Everything here is reported data, summed and averaged: no estimate.
 */
import { table, type ColumnTable } from "arquero";
import { checkColumns, has, increasing, MAX_OI_USD, numeric, oiColumn, oiTimeColumn, sameLength, type Columns } from "../engine/input";
import { markReported } from "../util/estimate";
import { modeStep } from "../data/finish";
import { error } from "../util/errors";
import { barSpanMs } from "../util/time";

const DAY = 86_400_000;

/** Default share of a day its open-interest samples must cover (see `minOiCoverage`). */
const MIN_OI_COVERAGE = 0.9;

export interface DerivativesVsSpotInput {
  /** Open interest: `time` (epoch ms UTC) and `openInterestUsd`. */
  openInterest: Columns;
  /** Spot candles: `time` (bar open, epoch ms UTC), `quoteVolume` (volume in the quote asset; USDT pairs read as USD), and optionally `closeTime` (the bar's last ms, as the loaders give). */
  spot: Columns;
  /** Derivatives candles (e.g. the perpetual), same columns: adds the derivatives' traded volume. Default (or null): none. */
  derivatives?: Columns | null;
  /**
   * Bar interval of the candles, ms. Default: each bar's span from its `closeTime` (closeTime − time + 1),
   * which must be the same on every bar of a table; without `closeTime`, the smallest gap between
   * consecutive candles of each table. Given beside `closeTime`, the two must agree.
   */
  interval?: number;
  /**
   * When the candles were fetched, epoch ms UTC: a bar counts only once closed by then (open + interval
   * <= asOf), so the still-running bar a REST klines call returns leaves its day partial. Default
   * Date.now(), right for candles fetched just now; pass the fetch time for a saved response.
   */
  asOf?: number;
  /** Sampling interval of the open interest, ms. Default: the most common gap between consecutive samples (the shorter on a tie). */
  oiInterval?: number;
  /** Share of a day its open-interest samples must cover for the day to count: samples × oiInterval >= minOiCoverage × 24 h. In (0, 1]. Default 0.9. */
  minOiCoverage?: number;
}

export interface DerivativesVsSpot {
  /**
   * One row per whole UTC day: `day` (epoch ms of 00:00 UTC), `spotVolumeUsd` (USD), `meanOpenInterestUsd`
   * (USD, mean of the day's samples), `lastOpenInterestUsd` (USD), `oiSamples` (open-interest samples
   * in the day), `oiToSpotVolume` (mean OI / spot volume: days), and with derivatives candles
   * `derivativesVolumeUsd` (USD) and `derivativesToSpotVolume` (derivatives / spot volume).
   * `show(days)` prints it under a caption saying so (reported data, not estimates).
   */
  days: ColumnTable;
  /** UTC days touched by the inputs but left out: a bar missing or still running at `asOf`, or too few open-interest samples. */
  partialDays: number;
  /**
   * Each left-out day and what it held: `day` (00:00 UTC epoch ms), closed `spotBars` of
   * `spotBarsNeeded`, `oiSamples` of `oiSamplesNeeded`, and with derivatives candles
   * `derivativesBars` of `derivativesBarsNeeded`. A day that is only the next day's 00:00
   * open-interest sample reads 0 spot bars and 1 sample: not a lost day of trading.
   */
  leftOut: { day: number; spotBars: number; spotBarsNeeded: number; oiSamples: number; oiSamplesNeeded: number; derivativesBars?: number; derivativesBarsNeeded?: number }[];
  /** Mean of `spotVolumeUsd` over the whole days (USD a day). */
  meanSpotVolumeUsd: number;
  /**
   * The last open-interest sample of the input, whole day or not. `time` is when it was taken: the
   * row's `closeTime` when the table has one (a bar's closing value, Coinglass OHLC), capped at
   * `asOf` for a bar still running, else its `time`. `spotDays` are the whole days
   * `meanSpotVolumeUsd` averages (first and last as 00:00 UTC epoch ms, and how many); `upToDate` is
   * true when the last of them is latest's UTC day or the day before.
   */
  latest: { time: number; openInterestUsd: number; spotDays: { first: number; last: number; count: number }; upToDate: boolean };
  /** latest.openInterestUsd / meanSpotVolumeUsd: the latest open interest in days of spot volume (of `latest.spotDays`). */
  latestOiToSpotVolume: number;
  /** The `asOf` used, epoch ms UTC: bars closing after it were left out as still running. */
  asOf: number;
  /** Open-interest samples a day needs to count: ⌈minOiCoverage × 24 h / oiInterval⌉, at least 1. */
  oiSamplesNeeded: number;
}

/**
 * Refuses times in Unix seconds: read as ms they fall in January 1970, where every day would
 * hold a few bars and none could be whole (the error would blame missing bars). Epoch ms below
 * 1e11 is before March 1973, long before any market this reads.
 */
function checkMs(time: Float64Array, label: string, column: string): void {
  const t = time[0];
  if (t !== undefined && t >= 1e9 && t < 1e11) throw error(`row 0 is stamped ${t} (Unix seconds?): times must be epoch ms UTC (seconds × 1000)`, { file: label, column, value: t });
}

/** Refuses a table whose last time is after `asOf`: asOf is when the data was fetched, so nothing in it can be later. */
function checkAsOf(time: Float64Array, asOf: number, label: string, column: string): void {
  const last = time.length - 1;
  if (time[last]! > asOf) {
    throw error(`row ${last}: stamped ${new Date(time[last]!).toISOString()}, after asOf ${new Date(asOf).toISOString()}: asOf must be when the data was fetched (default now), at or after every row`, { file: label, column, value: time[last] });
  }
}


const DIVIDE_A_DAY = "the bar interval must divide a day (give `interval` in ms when there is a single candle)";

/**
 * The bar interval of a candle table: each bar's span from `closeTime`, the same on every bar (and
 * equal to the option when given); else the option; else the smallest gap between candles. A
 * table missing every other bar has gaps twice its interval: its `closeTime` still says the bar
 * length, so its days read as half-filled rather than whole.
 */
function barInterval(candles: Columns, time: Float64Array, label: string, option: number | undefined): number {
  if (has(candles, "closeTime")) {
    const close = numeric(candles, "closeTime", label);
    sameLength(close, time.length, label, "closeTime");
    const first = barSpanMs(close[0]!, time[0]!);
    for (let i = 0; i < time.length; i++) {
      const span = barSpanMs(close[i]!, time[i]!);
      if (!(span > 0)) throw error(`row ${i}: closeTime must be after the bar's open time`, { file: label, column: "closeTime", value: close[i] });
      if (span !== first) throw error(`row ${i}: a bar spanning ${span} ms (closeTime − time + 1) among bars of ${first} ms: one table's bars must be one length`, { file: label, column: "closeTime", value: close[i] });
    }
    if (option !== undefined && option !== first) {
      throw error(`interval is ${option} ms but each bar spans ${first} ms by its closeTime (closeTime − time + 1): leave interval out, or pass the bars' own length`, { file: label, column: "interval", value: option });
    }
    if (!(DAY % first === 0)) throw error(DIVIDE_A_DAY, { file: label, column: "closeTime", value: first });
    return first;
  }
  let step = option ?? Infinity;
  if (option === undefined) for (let i = 1; i < time.length; i++) step = Math.min(step, time[i]! - time[i - 1]!);
  if (!(step > 0 && step < Infinity && DAY % step === 0)) throw error(DIVIDE_A_DAY, { file: label, column: "time", value: step });
  return step;
}

/** Per UTC day: sum of `quoteVolume` and the number of bars closed by `asOf`; every day a bar opens in. */
function dailyVolume(candles: Columns, label: string, interval: number | undefined, asOf: number): { sum: Map<number, number>; bars: Map<number, number>; touched: Set<number>; perDay: number } {
  checkColumns(candles, label);
  if (!has(candles, "quoteVolume")) throw error("missing column quoteVolume (volume in the quote asset, e.g. Binance klines column 8)", { file: label, column: "quoteVolume" });
  const time = numeric(candles, "time", label);
  checkMs(time, label, "time");
  const quote = numeric(candles, "quoteVolume", label);
  sameLength(quote, time.length, label, "quoteVolume");
  if (time.length === 0) throw error("no candles", { file: label });
  increasing(time, label);
  checkAsOf(time, asOf, label, "time");
  const step = barInterval(candles, time, label, interval);
  const sum = new Map<number, number>();
  const bars = new Map<number, number>();
  const touched = new Set<number>();
  for (let i = 0; i < time.length; i++) {
    if (!(quote[i]! >= 0)) throw error(`row ${i}: quote volume must be >= 0`, { file: label, column: "quoteVolume", value: quote[i] });
    if (quote[i]! > MAX_OI_USD) throw error(`row ${i}: quote volume above ${MAX_OI_USD} USD in one bar (a unit mistake?)`, { file: label, column: "quoteVolume", value: quote[i] });
    // A bar off the UTC grid (OKX's UTC+8 daily candles open at 16:00 UTC) spans two UTC days: its
    // volume cannot be split, and counted by the day it opens in, a day would look whole.
    if (time[i]! % step !== 0) {
      throw error(`row ${i}: a bar opening at ${new Date(time[i]!).toISOString()} is off the grid of ${step} ms bars from UTC midnight: such bars do not tile UTC days (one spans midnight, its volume in two days); use bars aligned to UTC midnight (e.g. Binance klines)`, { file: label, column: "time", value: time[i] });
    }
    const d = Math.floor(time[i]! / DAY) * DAY;
    touched.add(d);
    // A bar still running at asOf (REST klines return it) holds only part of its volume.
    if (time[i]! + step > asOf) continue;
    sum.set(d, (sum.get(d) ?? 0) + quote[i]!);
    bars.set(d, (bars.get(d) ?? 0) + 1);
  }
  return { sum, bars, touched, perDay: DAY / step };
}

/** A positive finite option, else throws naming it. */
function positiveOption(value: unknown, name: string, what: string): void {
  if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && value > 0)) throw error(`${name} must be ${what}`, { symbol: "derivativesVsSpot", column: name, value });
}

/**
 * Open interest against spot volume per whole UTC day (see the module comment), with the latest
 * open interest in days of mean spot volume.
 */
export function derivativesVsSpot(input: DerivativesVsSpotInput): DerivativesVsSpot {
  if (typeof input !== "object" || input === null || input.spot == null || input.openInterest == null) {
    throw error("needs { openInterest, spot }", { symbol: "derivativesVsSpot", value: input });
  }
  positiveOption(input.interval, "interval", "a positive number of ms");
  positiveOption(input.oiInterval, "oiInterval", "a positive number of ms");
  const minCoverage = input.minOiCoverage ?? MIN_OI_COVERAGE;
  if (!(typeof minCoverage === "number" && minCoverage > 0 && minCoverage <= 1)) throw error("minOiCoverage must be a share of a day in (0, 1]", { symbol: "derivativesVsSpot", column: "minOiCoverage", value: minCoverage });
  const asOf = input.asOf ?? Date.now();
  // Read as ms, an asOf in Unix seconds would leave every bar "running".
  if (!(typeof asOf === "number" && Number.isFinite(asOf) && asOf >= 1e11)) throw error("asOf must be epoch ms UTC (when the data was fetched; default now)", { symbol: "derivativesVsSpot", column: "asOf", value: asOf });
  const spot = dailyVolume(input.spot, "spot", input.interval, asOf);
  const deriv = input.derivatives == null ? undefined : dailyVolume(input.derivatives, "derivatives", input.interval, asOf);

  // The replay's USD open-interest names (OI_COLUMNS): liqlab's own, or Binance's openInterestHist
  // names (`timestamp`, `sumOpenInterestValue`; loadBinanceOpenInterestHist parses the API's strings).
  const oiIn = input.openInterest;
  checkColumns(oiIn, "openInterest");
  const usdCol = oiColumn(oiIn, "openInterest", (unit) => unit === "usd")?.name;
  if (!usdCol) {
    const coin = oiColumn(oiIn, "openInterest", (unit) => unit === "base")?.name;
    throw error(`missing column openInterestUsd (or sumOpenInterestValue)${coin ? `; ${coin} is in coins: multiply it by the price first` : ""}`, { file: "openInterest", column: "openInterestUsd" });
  }
  const timeCol = oiTimeColumn(oiIn);
  const oiTime = numeric(oiIn, timeCol, "openInterest");
  checkMs(oiTime, "openInterest", timeCol);
  const oiUsd = numeric(oiIn, usdCol, "openInterest");
  sameLength(oiUsd, oiTime.length, "openInterest", usdCol);
  if (oiTime.length === 0) throw error("no open-interest samples", { file: "openInterest" });
  increasing(oiTime, "openInterest", timeCol);
  checkAsOf(oiTime, asOf, "openInterest", timeCol);
  // The most common gap between samples (the shorter on a tie).
  const oiStep = input.oiInterval ?? modeStep(oiTime, oiTime.length) ?? undefined;
  if (oiStep === undefined) {
    throw error("a single open-interest sample: its sampling interval, and so how much of its day it covers, is unknown (give oiInterval, e.g. 86400000 for one sample a day)", { file: "openInterest", column: timeCol, value: oiTime[0] });
  }
  // Floating point: 0.7 × 10 is 7.000000000000001, which must need 7 samples, not 8.
  const needed = Math.max(1, Math.ceil((minCoverage * DAY) / oiStep - 1e-9));
  const oi = new Map<number, { sum: number; n: number; last: number }>();
  for (let j = 0; j < oiTime.length; j++) {
    if (!(oiUsd[j]! >= 0)) throw error(`row ${j}: open interest must be >= 0`, { file: "openInterest", column: usdCol, value: oiUsd[j] });
    if (oiUsd[j]! > MAX_OI_USD) throw error(`row ${j}: open interest above ${MAX_OI_USD} USD, a thousand trillion (a unit mistake?)`, { file: "openInterest", column: usdCol, value: oiUsd[j] });
    const d = Math.floor(oiTime[j]! / DAY) * DAY;
    const s = oi.get(d) ?? { sum: 0, n: 0, last: 0 };
    s.sum += oiUsd[j]!;
    s.n += 1;
    s.last = oiUsd[j]!;
    oi.set(d, s);
  }

  const touched = new Set<number>([...spot.touched, ...oi.keys(), ...(deriv ? deriv.touched : [])]);
  const whole = [...spot.bars.keys()]
    .filter((d) => spot.bars.get(d) === spot.perDay && (oi.get(d)?.n ?? 0) >= needed && (!deriv || deriv.bars.get(d) === deriv.perDay))
    .sort((a, b) => a - b);
  if (whole.length === 0) {
    throw error(
      `no whole UTC day among the ${touched.size} touched: a day needs all ${spot.perDay} spot bars${deriv ? ` and all ${deriv.perDay} derivatives bars` : ""}, closed by asOf (${new Date(asOf).toISOString()}), and ${needed} open-interest sample${needed === 1 ? "" : "s"} (minOiCoverage ${minCoverage} of a day at one sample per ${oiStep} ms)`,
      { symbol: "derivativesVsSpot", column: "time" },
    );
  }
  const spotVolumeUsd = whole.map((d) => spot.sum.get(d)!);
  const meanOpenInterestUsd = whole.map((d) => oi.get(d)!.sum / oi.get(d)!.n);
  const columns: Record<string, number[]> = {
    day: whole,
    spotVolumeUsd,
    meanOpenInterestUsd,
    lastOpenInterestUsd: whole.map((d) => oi.get(d)!.last),
    oiSamples: whole.map((d) => oi.get(d)!.n),
    // A day of zero spot volume gives Infinity (open interest against nothing traded), never NaN.
    oiToSpotVolume: whole.map((_, k) => ratio(meanOpenInterestUsd[k]!, spotVolumeUsd[k]!)),
  };
  if (deriv) {
    columns.derivativesVolumeUsd = whole.map((d) => deriv.sum.get(d)!);
    columns.derivativesToSpotVolume = whole.map((d, k) => ratio(deriv.sum.get(d)!, spotVolumeUsd[k]!));
  }
  let total = 0;
  for (const v of spotVolumeUsd) total += v;
  const meanSpotVolumeUsd = total / whole.length;
  const last = oiTime.length - 1;
  // A row that is a bar's close (Coinglass OHLC, with closeTime) was known at that close, not at the
  // bar's open; a bar still running at asOf was read at asOf.
  const latestTime = has(oiIn, "closeTime") ? Math.min(closeTimes(oiIn, oiTime.length)[last]!, asOf) : oiTime[last]!;
  const lastWhole = whole[whole.length - 1]!;
  return {
    days: labelDays(table(columns), deriv !== undefined),
    partialDays: touched.size - whole.length,
    leftOut: [...touched].filter((d) => !whole.includes(d)).sort((a, b) => a - b).map((d) => ({
      day: d,
      spotBars: spot.bars.get(d) ?? 0,
      spotBarsNeeded: spot.perDay,
      oiSamples: oi.get(d)?.n ?? 0,
      oiSamplesNeeded: needed,
      ...(deriv ? { derivativesBars: deriv.bars.get(d) ?? 0, derivativesBarsNeeded: deriv.perDay } : {}),
    })),
    meanSpotVolumeUsd,
    latest: {
      time: latestTime,
      openInterestUsd: oiUsd[last]!,
      spotDays: { first: whole[0]!, last: lastWhole, count: whole.length },
      upToDate: Math.floor(latestTime / DAY) * DAY <= lastWhole + DAY,
    },
    latestOiToSpotVolume: ratio(oiUsd[last]!, meanSpotVolumeUsd),
    asOf,
    oiSamplesNeeded: needed,
  };
}

/**
 * Gives the days table its caption: reported data per UTC day, with each column's unit, which
 * `show()` prints above it (a mark invisible to equality checks and JSON; a table derived from
 * this one by arquero's verbs has none).
 */
function labelDays(days: ColumnTable, derivatives: boolean): ColumnTable {
  const caption =
    "Reported data per whole UTC day, not estimates (the loaded figures, summed and averaged): " +
    `day = 00:00 UTC, epoch ms; spotVolumeUsd${derivatives ? ", derivativesVolumeUsd" : ""} = USD traded that day; ` +
    "meanOpenInterestUsd, lastOpenInterestUsd = open interest, USD; oiSamples = open-interest samples that day; " +
    `oiToSpotVolume = mean open interest / spot volume, in days${derivatives ? "; derivativesToSpotVolume = derivatives volume / spot volume" : ""}`;
  return markReported(days, caption);
}

/** The open-interest table's closeTime column, as long as its time column. */
function closeTimes(oi: Columns, n: number): Float64Array {
  const close = numeric(oi, "closeTime", "openInterest");
  sameLength(close, n, "openInterest", "closeTime");
  return close;
}

/** a / b, with 0 / 0 = 0 and a / 0 = Infinity for a > 0. */
function ratio(a: number, b: number): number {
  return b > 0 ? a / b : a > 0 ? Infinity : 0;
}
