/**
 * The door of the engine: candles and open interest (arquero tables or plain column objects) become
 * typed arrays once, checked, with open interest aligned to the candles point in time.
 *
 * Alignment convention: a bar opening at `time` closes at `time + interval - 1 ms` (Binance's kline
 * closeTime convention). Bar i uses the latest open-interest value stamped at or before that close,
 * so an OI sample stamped at the next bar's open belongs to the next bar. Bars before the first
 * OI sample have no OI (the book stays empty until one arrives).
 */
import type { ColumnTable } from "arquero";
import { error } from "../util/errors";
import type { ResolvedOptions } from "./options";

/** An arquero table or a plain object of equal-length columns. */
export type Columns = ColumnTable | Record<string, ArrayLike<unknown>>;

/** The replay's inputs as typed arrays, one entry per candle. */
export interface Series {
  n: number;
  /** Candle interval, ms. */
  interval: number;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  /** Aligned open interest in USD; meaningful from `oiStart` on. */
  oiUsd: Float64Array;
  /** First bar with an open-interest value (n when none). */
  oiStart: number;
  /** Share of new USD that opens long, per bar, in [0, 1]. */
  longShare: Float64Array;
}

function isTable(x: Columns): x is ColumnTable {
  return typeof (x as ColumnTable).numRows === "function" && typeof (x as ColumnTable).array === "function";
}

function names(x: Columns): string[] {
  return isTable(x) ? x.columnNames() : Object.keys(x);
}

/** Reads a numeric column as Float64Array (the input itself when it already is one); throws naming the row and value of the first bad entry. */
export function numeric(x: Columns, name: string, label: string): Float64Array {
  if (!names(x).includes(name)) throw error(`missing column; has ${names(x).join(", ") || "no columns"}`, { file: label, column: name });
  const src: ArrayLike<unknown> = isTable(x) ? (x.array(name) as ArrayLike<unknown>) : x[name];
  if (src instanceof Float64Array) {
    // Already typed: check in place, no copy (the engine never writes to its inputs).
    for (let i = 0; i < src.length; i++) if (!Number.isFinite(src[i])) throw error(`row ${i}: not a finite number`, { file: label, column: name, value: src[i] });
    return src;
  }
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) {
    let v = src[i];
    if (v instanceof Date) v = v.getTime();
    if (typeof v !== "number" || !Number.isFinite(v)) throw error(`row ${i}: not a finite number`, { file: label, column: name, value: v });
    out[i] = v;
  }
  return out;
}

export function has(x: Columns, name: string): boolean {
  return names(x).includes(name);
}

export function increasing(time: Float64Array, label: string): void {
  for (let i = 1; i < time.length; i++) {
    if (!(time[i] > time[i - 1])) throw error(`row ${i}: times must be strictly increasing (previous ${time[i - 1]})`, { file: label, column: "time", value: time[i] });
  }
}

/** Long share from taker buy volume over volume; 0.5 on bars with no volume. */
function takerShare(candles: Columns, n: number): Float64Array {
  const buy = numeric(candles, "takerBuyVolume", "candles");
  const vol = numeric(candles, "volume", "candles");
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (buy[i] < 0 || buy[i] > vol[i] * (1 + 1e-9)) throw error(`row ${i}: takerBuyVolume must be within [0, volume ${vol[i]}]`, { file: "candles", column: "takerBuyVolume", value: buy[i] });
    out[i] = vol[i] > 0 ? Math.min(1, buy[i] / vol[i]) : 0.5;
  }
  return out;
}

/**
 * The candle interval when `interval` is not given, from as little of the input as possible:
 * bar 0's own `closeTime` when the candles have one (Binance stamps open + interval − 1 ms; spans of
 * a second or more are rounded to the second, so open + interval works too), which needs no later
 * bar; else the gap between the first two candles; else (one candle, no closeTime) 1 ms.
 */
function barInterval(candles: Columns, time: Float64Array): number {
  if (has(candles, "closeTime")) {
    const close = numeric(candles, "closeTime", "candles")[0];
    const span = close - time[0];
    if (!(span > 0)) throw error("row 0: closeTime must be a time after the bar's open time (it sets the interval; or pass `interval`)", { file: "candles", column: "closeTime", value: close });
    return span >= 999 ? Math.round((span + 1) / 1000) * 1000 : span + 1;
  }
  return time.length > 1 ? time[1] - time[0] : 1;
}

export function readSeries(candles: Columns, openInterest: Columns | undefined, o: ResolvedOptions): Series {
  const time = numeric(candles, "time", "candles");
  const open = numeric(candles, "open", "candles");
  const high = numeric(candles, "high", "candles");
  const low = numeric(candles, "low", "candles");
  const close = numeric(candles, "close", "candles");
  const n = time.length;
  if (n === 0) throw error("no candles", { file: "candles" });
  increasing(time, "candles");
  for (let i = 0; i < n; i++) {
    if (!(low[i] > 0)) throw error(`row ${i}: price must be positive`, { file: "candles", column: "low", value: low[i] });
    if (!(high[i] >= low[i])) throw error(`row ${i}: high below low ${low[i]}`, { file: "candles", column: "high", value: high[i] });
  }
  const interval = o.interval ?? barInterval(candles, time);

  // Open interest: its own table (aligned by time) or columns of the candle table (row by row).
  const oiSource = openInterest ?? candles;
  const label = openInterest ? "openInterest" : "candles";
  const usdCol = has(oiSource, "openInterestUsd") ? "openInterestUsd" : has(oiSource, "openInterest") ? "openInterest" : undefined;
  if (!usdCol) throw error("missing column openInterestUsd (or openInterest in base coin)", { file: label, column: "openInterestUsd" });
  const oiValue = numeric(oiSource, usdCol, label);
  for (let j = 0; j < oiValue.length; j++) if (oiValue[j] < 0) throw error(`row ${j}: open interest must be >= 0`, { file: label, column: usdCol, value: oiValue[j] });
  const oiTime = openInterest ? numeric(openInterest, "time", label) : time;
  if (openInterest) increasing(oiTime, label);
  const wantRatio = o.split === "ratio" || (o.split === "auto" && has(oiSource, o.ratioColumn));
  const ratio = wantRatio ? numeric(oiSource, o.ratioColumn, label) : undefined;

  // Point-in-time alignment: one forward pass, row j is usable once oiTime[j] <= bar close.
  const oiUsd = new Float64Array(n);
  const ratioAt = ratio ? new Float64Array(n).fill(1) : undefined;
  let oiStart = n;
  for (let i = 0, j = -1; i < n; i++) {
    const barClose = time[i] + interval - 1;
    while (j + 1 < oiTime.length && oiTime[j + 1] <= barClose) j++;
    if (j < 0) continue;
    if (oiStart === n) oiStart = i;
    oiUsd[i] = usdCol === "openInterest" ? oiValue[j] * close[i] : oiValue[j];
    if (ratio && ratioAt) {
      if (!(ratio[j] >= 0)) throw error(`row ${j}: long/short ratio must be >= 0`, { file: label, column: o.ratioColumn, value: ratio[j] });
      ratioAt[i] = ratio[j];
    }
  }

  let longShare: Float64Array;
  const taker = has(candles, "takerBuyVolume") && has(candles, "volume");
  if (o.split === "taker" || (o.split === "auto" && taker)) longShare = takerShare(candles, n);
  else if (ratioAt) longShare = ratioAt.map((r) => r / (1 + r));
  else longShare = new Float64Array(n).fill(0.5);
  return { n, interval, time, open, high, low, close, oiUsd, oiStart, longShare };
}
