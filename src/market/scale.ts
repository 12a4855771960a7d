/**
 * How big the derivatives market is next to spot, per UTC day: open interest (a stock of
 * positions, USD) against the day's spot trading volume (a flow, USD), and optionally the
 * derivatives' own traded volume. Commentary's "SOL open interest is over $11B while daily spot
 * volume is about $6B" is one row of this table and its summary.
 *
 * Only whole days count: a day enters when every spot bar of it is present (and every derivatives
 * bar, when derivatives candles are given) and it holds at least one open-interest sample, so a
 * half-loaded first or last day never reads as a quiet one.
 */
import { table, type ColumnTable } from "arquero";
import { checkColumns, has, increasing, MAX_OI_USD, numeric, oiColumn, oiTimeColumn, sameLength, type Columns } from "../engine/input";
import { error } from "../util/errors";

const DAY = 86_400_000;

export interface DerivativesVsSpotInput {
  /** Open interest: `time` (epoch ms UTC) and `openInterestUsd`. */
  openInterest: Columns;
  /** Spot candles: `time` (bar open, epoch ms UTC) and `quoteVolume` (volume in the quote asset; USDT pairs read as USD). */
  spot: Columns;
  /** Derivatives candles (e.g. the perpetual), same columns: adds the derivatives' traded volume. Default (or null): none. */
  derivatives?: Columns | null;
  /** Bar interval of the candles, ms. Default: the smallest gap between consecutive candles of each table. */
  interval?: number;
}

export interface DerivativesVsSpot {
  /**
   * One row per whole UTC day: `day` (epoch ms of 00:00 UTC), `spotVolumeUsd`, `meanOpenInterestUsd`
   * (mean of the day's samples), `lastOpenInterestUsd`, `oiToSpotVolume` (mean OI / spot volume),
   * and with derivatives candles `derivativesVolumeUsd` and `derivativesToSpotVolume`.
   */
  days: ColumnTable;
  /** UTC days touched by the inputs but left out: a bar missing, or no open-interest sample. */
  partialDays: number;
  /** Mean of `spotVolumeUsd` over the whole days. */
  meanSpotVolumeUsd: number;
  /** The last open-interest sample of the input, whole day or not; `time` is when it was taken: the row's `closeTime` when the table has one (a bar's closing value, Coinglass OHLC), else its `time`. */
  latest: { time: number; openInterestUsd: number };
  /** latest.openInterestUsd / meanSpotVolumeUsd: the latest open interest in days of spot volume. */
  latestOiToSpotVolume: number;
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

/** Per UTC day: sum of `quoteVolume` and the number of bars. */
function dailyVolume(candles: Columns, label: string, interval: number | undefined): { sum: Map<number, number>; bars: Map<number, number>; perDay: number } {
  checkColumns(candles, label);
  if (!has(candles, "quoteVolume")) throw error("missing column quoteVolume (volume in the quote asset, e.g. Binance klines column 8)", { file: label, column: "quoteVolume" });
  const time = numeric(candles, "time", label);
  checkMs(time, label, "time");
  const quote = numeric(candles, "quoteVolume", label);
  sameLength(quote, time.length, label, "quoteVolume");
  if (time.length === 0) throw error("no candles", { file: label });
  increasing(time, label);
  let step = interval ?? Infinity;
  if (interval === undefined) for (let i = 1; i < time.length; i++) step = Math.min(step, time[i] - time[i - 1]);
  if (!(step > 0 && step < Infinity && DAY % step === 0)) throw error("the bar interval must divide a day (give `interval` in ms when there is a single candle)", { file: label, column: "time", value: step });
  const sum = new Map<number, number>();
  const bars = new Map<number, number>();
  for (let i = 0; i < time.length; i++) {
    if (!(quote[i] >= 0)) throw error(`row ${i}: quote volume must be >= 0`, { file: label, column: "quoteVolume", value: quote[i] });
    if (quote[i] > MAX_OI_USD) throw error(`row ${i}: quote volume above ${MAX_OI_USD} USD in one bar (a unit mistake?)`, { file: label, column: "quoteVolume", value: quote[i] });
    // A bar off the UTC grid (OKX's UTC+8 daily candles open at 16:00 UTC) spans two UTC days: its
    // volume cannot be split, and counted by the day it opens in, a day would look whole.
    if (time[i] % step !== 0) {
      throw error(`row ${i}: a bar opening at ${new Date(time[i]).toISOString()} is off the grid of ${step} ms bars from UTC midnight: such bars do not tile UTC days (one spans midnight, its volume in two days); use bars aligned to UTC midnight (e.g. Binance klines)`, { file: label, column: "time", value: time[i] });
    }
    const d = Math.floor(time[i] / DAY) * DAY;
    sum.set(d, (sum.get(d) ?? 0) + quote[i]);
    bars.set(d, (bars.get(d) ?? 0) + 1);
  }
  return { sum, bars, perDay: DAY / step };
}

/**
 * Open interest against spot volume per whole UTC day (see the module comment), with the latest
 * open interest in days of mean spot volume.
 */
export function derivativesVsSpot(input: DerivativesVsSpotInput): DerivativesVsSpot {
  if (typeof input !== "object" || input === null || input.spot == null || input.openInterest == null) {
    throw error("needs { openInterest, spot }", { symbol: "derivativesVsSpot", value: input });
  }
  if (input.interval !== undefined && !(Number.isFinite(input.interval) && input.interval > 0)) throw error("interval must be a positive number of ms", { symbol: "derivativesVsSpot", column: "interval", value: input.interval });
  const spot = dailyVolume(input.spot, "spot", input.interval);
  const deriv = input.derivatives == null ? undefined : dailyVolume(input.derivatives, "derivatives", input.interval);

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
  const oi = new Map<number, { sum: number; n: number; last: number }>();
  for (let j = 0; j < oiTime.length; j++) {
    if (!(oiUsd[j] >= 0)) throw error(`row ${j}: open interest must be >= 0`, { file: "openInterest", column: usdCol, value: oiUsd[j] });
    if (oiUsd[j] > MAX_OI_USD) throw error(`row ${j}: open interest above ${MAX_OI_USD} USD, a thousand trillion (a unit mistake?)`, { file: "openInterest", column: usdCol, value: oiUsd[j] });
    const d = Math.floor(oiTime[j] / DAY) * DAY;
    const s = oi.get(d) ?? { sum: 0, n: 0, last: 0 };
    s.sum += oiUsd[j];
    s.n += 1;
    s.last = oiUsd[j];
    oi.set(d, s);
  }

  const touched = new Set<number>([...spot.bars.keys(), ...oi.keys(), ...(deriv ? deriv.bars.keys() : [])]);
  const whole = [...spot.bars.keys()]
    .filter((d) => spot.bars.get(d) === spot.perDay && oi.has(d) && (!deriv || deriv.bars.get(d) === deriv.perDay))
    .sort((a, b) => a - b);
  if (whole.length === 0) {
    throw error(`no whole UTC day: a day needs all ${spot.perDay} spot bars${deriv ? ` and all ${deriv.perDay} derivatives bars` : ""} and an open-interest sample`, { symbol: "derivativesVsSpot", column: "time" });
  }
  const spotVolumeUsd = whole.map((d) => spot.sum.get(d)!);
  const meanOpenInterestUsd = whole.map((d) => oi.get(d)!.sum / oi.get(d)!.n);
  const columns: Record<string, number[]> = {
    day: whole,
    spotVolumeUsd,
    meanOpenInterestUsd,
    lastOpenInterestUsd: whole.map((d) => oi.get(d)!.last),
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
  return {
    days: table(columns),
    partialDays: touched.size - whole.length,
    meanSpotVolumeUsd,
    // A row that is a bar's close (Coinglass OHLC, with closeTime) was known at that close, not at the bar's open.
    latest: { time: has(oiIn, "closeTime") ? closeTimes(oiIn, oiTime.length)[last]! : oiTime[last]!, openInterestUsd: oiUsd[last]! },
    latestOiToSpotVolume: ratio(oiUsd[last]!, meanSpotVolumeUsd),
  };
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
