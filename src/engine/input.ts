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
import { barSpanMs } from "../util/time";
import { OI_COLUMNS, type ResolvedOptions } from "./options";

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
  /**
   * Last ms of each bar (its close − 1 ms): open interest is read up to it, and columns and maps
   * are stamped at lastMs + 1, each bar's own close (calendar months differ: 28–31 days).
   */
  lastMs: Float64Array;
}

function isTable(x: Columns): x is ColumnTable {
  return typeof (x as ColumnTable).numRows === "function" && typeof (x as ColumnTable).array === "function";
}

function names(x: Columns): string[] {
  return isTable(x) ? x.columnNames() : Object.keys(x);
}

/** The column names for an error message: the first dozen, and how many more. */
function listNames(x: Columns): string {
  const all = names(x);
  if (all.length === 0) return "no columns";
  return all.length <= 12 ? all.join(", ") : `${all.slice(0, 12).join(", ")} and ${all.length - 12} more`;
}

/**
 * Throws on an array of rows (JSON.parse of an exchange response, an array of kline arrays): the
 * engine reads columns, and the rows' indices would only show up as a column list "0, 1, 2, …".
 */
export function checkColumns(x: Columns, label: string): void {
  if (Array.isArray(x)) throw error(`is an array of ${x.length} rows; pass columns: an arquero table (aq.from(rows) for row objects, a liq loader for exchange files) or { time: [...], open: [...], ... }`, { file: label });
  if (isTable(x) || typeof x !== "object" || x === null) return;
  // A loader's whole result (loadCombinedExport: { candles, openInterest, liquidations, report })
  // in place of one of its tables: its keys would read as column names (openInterest, a "coin column").
  const tables = Object.keys(x).filter((k) => {
    const v = (x as Record<string, unknown>)[k];
    return typeof v === "object" && v !== null && isTable(v as Columns);
  });
  if (tables.length > 0) {
    const pick = tables.includes(label) ? label : tables[0];
    throw error(`holds tables (${tables.join(", ")}), not columns: pass one table, e.g. { ${label}: data.${pick} } for a loader's result \`data\``, { file: label, value: Object.keys(x).join(", ") });
  }
}

/** Reads a numeric column as Float64Array (the input itself when it already is one); throws naming the row and value of the first bad entry. */
export function numeric(x: Columns, name: string, label: string): Float64Array {
  if (!names(x).includes(name)) throw error(`missing column; has ${listNames(x)}`, { file: label, column: name });
  const src: ArrayLike<unknown> = isTable(x) ? (x.array(name) as ArrayLike<unknown>) : x[name];
  if (typeof src?.length !== "number" || typeof src === "string") throw error("is not an array of values", { file: label, column: name, value: src });
  // Already typed: checked in place, no copy (the engine never writes to its inputs).
  const out = src instanceof Float64Array ? src : toFloat64(src);
  const bad = firstNonFinite(out);
  if (bad >= 0) {
    const v = src[bad];
    const why = typeof v === "bigint" ? "an integer beyond 2^53, not exact as a number" : typeof v === "string" ? "a string, not a number: parse the numbers first (the liq loaders do: an exchange's JSON, e.g. Binance's openInterestHist, gives them as strings)" : "not a finite number";
    throw error(`row ${bad}: ${why}`, { file: label, column: name, value: v instanceof Date ? v.getTime() : v });
  }
  return out;
}

// The loops over rows below are small functions of typed arrays, apart from the functions that
// call them: V8 compiles a loop inside a long function on the fly (on-stack replacement) and threw
// that code away at the function's next unvisited property access, on every replay. With the
// four-sum scan below, reading a year of one-minute candles went from 38-42 ms to 30-32 ms (medians).

/**
 * Numbers, Dates (as epoch ms) and BigInts that are safe integers, |v| < 2^53 (Arrow and Parquet
 * int64 columns, e.g. epoch ms times) to a Float64Array; anything else becomes NaN for firstNonFinite to report.
 */
/** Numbers as they are, a Date as epoch ms, a BigInt when a safe integer (Arrow int64); anything else NaN. */
export function toFloat64(src: ArrayLike<unknown>): Float64Array {
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    out[i] = typeof v === "number" ? v : v instanceof Date ? v.getTime() : typeof v === "bigint" ? safeBigInt(v) : NaN;
  }
  return out;
}

function safeBigInt(v: bigint): number {
  const x = Number(v);
  return Number.isSafeInteger(x) ? x : NaN;
}

/** Throws unless a column has the `n` rows of its table's time column (plain column objects can differ). */
export function sameLength(a: ArrayLike<unknown>, n: number, label: string, name: string): void {
  if (a.length !== n) throw error(`has ${a.length} row${a.length === 1 ? "" : "s"} where time has ${n}: columns of one table must have equal lengths`, { file: label, column: name, value: a.length });
}

/**
 * Index of the first entry that is NaN or ±Infinity, or −1. The scan sums x·0, which is 0 for
 * every finite x and NaN otherwise, in four independent sums (no branch, no wait on the previous
 * addition: twice as fast as testing each entry); the rows are searched only when a sum is NaN.
 */
function firstNonFinite(a: Float64Array): number {
  const n = a.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[i] * 0;
    s1 += a[i + 1] * 0;
    s2 += a[i + 2] * 0;
    s3 += a[i + 3] * 0;
  }
  for (; i < n; i++) s0 += a[i] * 0;
  if (s0 + s1 + s2 + s3 === 0) return -1;
  for (let j = 0; j < n; j++) if (!Number.isFinite(a[j])) return j;
  return -1;
}

/** Lowest price the engine takes, USD (the smallest coins trade near 1e-9; far below that, levels and bins underflow). */
export const MIN_PRICE = 1e-15;
/** Highest price the engine takes, USD. */
export const MAX_PRICE = 1e12;

/**
 * Largest accepted time, epoch ms: 1e14 is the year 5138 as ms, while microseconds of any date
 * from 1973 on are above it (and nanoseconds far above). Read as ms, µs bars would each last 1000
 * times their span: the decay would run 1000 times too slowly and map times fall in year 55,000.
 */
export const MAX_TIME = 1e14;
/** Most open interest the engine takes, USD: a thousand trillion, 10,000 times the largest market's. */
export const MAX_OI_USD = 1e15;

/** Index of the first entry outside [lo, hi], or −1. */
function firstOutside(a: Float64Array, lo: number, hi: number): number {
  for (let i = 0; i < a.length; i++) if (!(a[i] >= lo && a[i] <= hi)) return i;
  return -1;
}

/** Index of the first entry below 0 (or NaN), or −1. */
function firstNegative(a: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (!(a[i] >= 0)) return i;
  return -1;
}

/** Index of the first entry not above 0, or −1. */
function firstNotPositive(a: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (!(a[i] > 0)) return i;
  return -1;
}

/** Index of the first bar whose low is not positive or whose high is below its low, or −1. */
function firstBadRange(low: Float64Array, high: Float64Array): number {
  for (let i = 0; i < low.length; i++) if (!(low[i] > 0 && high[i] >= low[i])) return i;
  return -1;
}

/**
 * The bars' ranges as the engine reads them: [low, high] widened to hold the close where a source
 * has it outside (the price traded there; rounding in re-aggregated candles does this). Returns
 * the inputs themselves when every close is inside, else widened copies; the inputs are never written.
 */
function withClose(low: Float64Array, high: Float64Array, close: Float64Array): { low: Float64Array; high: Float64Array } {
  let i = 0;
  while (i < close.length && close[i] >= low[i] && close[i] <= high[i]) i++;
  if (i === close.length) return { low, high };
  const lo = Float64Array.from(low);
  const hi = Float64Array.from(high);
  for (; i < close.length; i++) {
    if (close[i] < lo[i]) lo[i] = close[i];
    if (close[i] > hi[i]) hi[i] = close[i];
  }
  return { low: lo, high: hi };
}

export function has(x: Columns, name: string): boolean {
  return names(x).includes(name);
}

export function increasing(time: Float64Array, label: string, column = "time"): void {
  const i = firstNotIncreasing(time);
  if (i >= 0) throw error(`row ${i}: times must be strictly increasing (previous ${time[i - 1]})`, { file: label, column, value: time[i] });
}

/** Index of the first entry not above the one before it, or −1. */
function firstNotIncreasing(time: Float64Array): number {
  for (let i = 1; i < time.length; i++) if (!(time[i] > time[i - 1])) return i;
  return -1;
}

/** Long share from taker buy volume over volume; 0.5 on bars with no volume. */
function takerShare(candles: Columns, n: number): Float64Array {
  const buy = numeric(candles, "takerBuyVolume", "candles");
  const vol = numeric(candles, "volume", "candles");
  sameLength(buy, n, "candles", "takerBuyVolume");
  sameLength(vol, n, "candles", "volume");
  const negative = firstNegative(vol);
  if (negative >= 0) throw error(`row ${negative}: volume must be >= 0`, { file: "candles", column: "volume", value: vol[negative] });
  const out = new Float64Array(n);
  const i = buyShares(buy, vol, out);
  if (i >= 0) throw error(`row ${i}: takerBuyVolume must be within [0, volume ${vol[i]}]`, { file: "candles", column: "takerBuyVolume", value: buy[i] });
  return out;
}

/** out[i] = buy[i] / vol[i] (at most 1; 0.5 when vol[i] is 0); returns the first row whose buy is outside [0, vol], else −1. */
function buyShares(buy: Float64Array, vol: Float64Array, out: Float64Array): number {
  for (let i = 0; i < out.length; i++) {
    if (buy[i] < 0 || buy[i] > vol[i] * (1 + 1e-9)) return i;
    out[i] = vol[i] > 0 ? Math.min(1, buy[i] / vol[i]) : 0.5;
  }
  return -1;
}

/**
 * Point-in-time alignment, one forward pass: row[i] is the last open-interest row stamped at or
 * before bar i's close (`lastMs[i]`: time + interval − 1 ms), −1 before the first. Returns the first bar with a row (n when none).
 */
function alignRows(lastMs: Float64Array, oiTime: Float64Array, row: Int32Array): number {
  const n = lastMs.length;
  let first = n;
  for (let i = 0, j = -1; i < n; i++) {
    const barClose = lastMs[i];
    while (j + 1 < oiTime.length && oiTime[j + 1] <= barClose) j++;
    row[i] = j;
    if (j >= 0 && first === n) first = i;
  }
  return first;
}

/** out[i] = values[row[i]] × (price ? price[i] : 1) from bar `from` on. */
function gather(values: Float64Array, row: Int32Array, from: number, out: Float64Array, price?: Float64Array): void {
  if (price) for (let i = from; i < out.length; i++) out[i] = values[row[i]] * price[i];
  else for (let i = from; i < out.length; i++) out[i] = values[row[i]];
}

/**
 * out[i] = r / (1 + r), the long share of the long/short ratio r of bar i's row, from bar `from`
 * on; returns the first row, in bar order, whose ratio is below 0, else −1.
 */
function ratioShares(ratio: Float64Array, row: Int32Array, from: number, out: Float64Array): number {
  for (let i = from; i < out.length; i++) {
    const r = ratio[row[i]];
    if (!(r >= 0)) return row[i];
    out[i] = r / (1 + r);
  }
  return -1;
}


/**
 * The last ms of each bar (time + span − 1), from the `interval` option when given, else from
 * each bar's own `closeTime` when the candles have one (calendar months differ: 28–31 days), else
 * from the gap between the first two candles (1 ms for a single candle). The first two need no
 * later bar; the last reads bar 1, so give `interval` or `closeTime` when bar 0 alone must
 * equal bar 0 of a longer input. Also returns the one interval the kernel keeps (bar 0's decay
 * and the every-bar test of heatmap steps): the option, bar 0's span, or that first gap.
 */
function barEnds(candles: Columns, time: Float64Array, option: number | undefined): { interval: number; lastMs: Float64Array; from: string } {
  const n = time.length;
  const lastMs = new Float64Array(n);
  if (option === undefined && has(candles, "closeTime")) {
    const close = numeric(candles, "closeTime", "candles");
    sameLength(close, n, "candles", "closeTime");
    tooLate(close, "candles", "closeTime");
    for (let i = 0; i < n; i++) {
      const span = barSpanMs(close[i], time[i]);
      if (!(span > 0)) throw error(`row ${i}: closeTime must be a time after the bar's open time (it sets the bar's span; or pass \`interval\`)`, { file: "candles", column: "closeTime", value: close[i] });
      lastMs[i] = time[i] + span - 1;
    }
    return { interval: lastMs[0] + 1 - time[0], lastMs, from: "its closeTime" };
  }
  const interval = option ?? (n > 1 ? time[1] - time[0] : 1);
  for (let i = 0; i < n; i++) lastMs[i] = time[i] + interval - 1;
  return { interval, lastMs, from: option !== undefined ? "the `interval` option" : "the gap between the first two candles" };
}

/** share[i] = fallback[i] on bars with no volume. */
function noVolumeFrom(volume: Float64Array, fallback: Float64Array, share: Float64Array): void {
  for (let i = 0; i < share.length; i++) if (volume[i] === 0) share[i] = fallback[i];
}

/**
 * Throws when the two tables' times are real dates (one of them from 1973 on as epoch ms) but a
 * factor of 500 or more apart: Unix seconds (or microseconds) beside epoch ms. Each bar would read
 * open interest from decades away: all of it, or none. Only the magnitudes are compared, so a
 * table cut at any bar (the point-in-time test) is judged as the whole one is.
 */
function checkUnits(time: Float64Array, oiTime: Float64Array, label: string, column: string): void {
  if (oiTime.length === 0) return;
  const a = time[0];
  const b = oiTime[0];
  if (!(a > 0 && b > 0 && Math.max(a, b) >= 1e11)) return;
  if (Math.max(a, b) / Math.min(a, b) >= 500) {
    const seconds = (x: number) => (x < 1e11 ? " (Unix seconds?)" : "");
    throw error(`row 0 is stamped ${b}${seconds(b)} where the candles start at ${a}${seconds(a)}: the two tables' times are in different units; both must be epoch ms UTC (Unix seconds × 1000)`, { file: label, column, value: b });
  }
}

/** Throws at the first time at or above MAX_TIME: microseconds (or nanoseconds) read as ms. */
function tooLate(t: Float64Array, label: string, column: string): void {
  const i = firstOutside(t, -Infinity, MAX_TIME - 1);
  if (i < 0) return;
  const date = t[i] < 1e17 ? new Date(t[i] / 1000).toISOString().slice(0, 10) : new Date(t[i] / 1e6).toISOString().slice(0, 10);
  const unit = t[i] < 1e17 ? "microseconds" : "nanoseconds";
  throw error(`row ${i}: times look like ${unit} (${date} as ${unit}, the year ${Math.floor(1970 + t[i] / 31_556_952_000)} as epoch ms); pass epoch ms UTC`, { file: label, column, value: t[i] });
}

/** Exchange bar intervals in seconds (1m … 1w), which as ms spans only seconds read as ms give. */
const SECOND_INTERVALS = new Set([60, 180, 300, 900, 1800, 3600, 7200, 14400, 21600, 28800, 43200, 86400, 259200, 604800]);

/** Index of the first bar that opens before the previous one has closed (lastMs), or −1. */
function firstOverlap(time: Float64Array, lastMs: Float64Array): number {
  for (let i = 1; i < time.length; i++) if (time[i] <= lastMs[i - 1]) return i;
  return -1;
}

/**
 * Bars must not overlap: with an interval inferred from the first gap, a shorter gap later means
 * the inference was wrong (a missing second bar doubles it, and each bar would then read open
 * interest stamped after its real close). Throws naming the first bar that opens too early.
 */
function checkNoOverlap(time: Float64Array, lastMs: Float64Array, from: string): void {
  const overlap = firstOverlap(time, lastMs);
  if (overlap >= 0) {
    throw error(`row ${overlap}: opens ${time[overlap] - time[overlap - 1]} ms after the previous bar, before it closes (its span ${lastMs[overlap - 1] + 1 - time[overlap - 1]} ms, from ${from}); bars cannot overlap (pass \`interval\` in ms)`, { file: "candles", column: "time", value: time[overlap] });
  }
}

/**
 * Each bar's last ms by replay's rule (barEnds: the `interval` option, else the candles'
 * closeTime, else the step between the first two bars), checked not to overlap: what the
 * validation harness places realized rows by, so a backtest reads the bars as replay did.
 */
export function barSpans(candles: Columns, time: Float64Array, interval: number | undefined): Float64Array {
  const { lastMs, from } = barEnds(candles, time, interval);
  checkNoOverlap(time, lastMs, from);
  return lastMs;
}

/**
 * The first open-interest column of `x` in OI_COLUMNS order whose unit `accept` takes (default
 * any). Binance's COIN-M openInterestHist rows (`pair`, `contractType`) reuse the USDⓈ-M names in
 * other units (`sumOpenInterest` contracts, `sumOpenInterestValue` base coin): read raw, they would
 * pass for coin and USD, so they are refused, pointing to the loader that converts them.
 */
export function oiColumn(x: Columns, label: string, accept: (unit: (typeof OI_COLUMNS)[number]["unit"]) => boolean = () => true): (typeof OI_COLUMNS)[number] | undefined {
  const found = OI_COLUMNS.find((c) => accept(c.unit) && has(x, c.name));
  if (found?.name.startsWith("sumOpenInterest") && has(x, "pair") && has(x, "contractType")) {
    throw error(`${found.name} of Binance COIN-M openInterestHist rows (pair, contractType) is in ${found.name === "sumOpenInterest" ? "contracts" : "base coin"}, not ${found.unit === "usd" ? "USD" : "coin"}: load the response with loadBinanceOpenInterestHist, which converts it`, { file: label, column: found.name });
  }
  return found;
}

/** The time column of an open-interest table: `time`, else `timestamp` (Binance's openInterestHist). */
export function oiTimeColumn(x: Columns): string {
  return !has(x, "time") && has(x, "timestamp") ? "timestamp" : "time";
}

export function readSeries(candles: Columns, openInterest: Columns | undefined, o: ResolvedOptions): Series {
  checkColumns(candles, "candles");
  if (openInterest !== undefined) checkColumns(openInterest, "openInterest");
  const time = numeric(candles, "time", "candles");
  const open = numeric(candles, "open", "candles");
  const high = numeric(candles, "high", "candles");
  const low = numeric(candles, "low", "candles");
  const close = numeric(candles, "close", "candles");
  const n = time.length;
  if (n === 0) throw error("no candles", { file: "candles" });
  sameLength(open, n, "candles", "open");
  sameLength(high, n, "candles", "high");
  sameLength(low, n, "candles", "low");
  sameLength(close, n, "candles", "close");
  increasing(time, "candles");
  const badBar = firstBadRange(low, high);
  if (badBar >= 0) {
    if (!(low[badBar] > 0)) throw error(`row ${badBar}: price must be positive`, { file: "candles", column: "low", value: low[badBar] });
    throw error(`row ${badBar}: high below low ${low[badBar]}`, { file: "candles", column: "high", value: high[badBar] });
  }
  const badClose = firstNotPositive(close);
  if (badClose >= 0) throw error(`row ${badClose}: price must be positive`, { file: "candles", column: "close", value: close[badClose] });
  // Not used by the engine, but a non-positive open is a wrong column or a broken row.
  const badOpen = firstNotPositive(open);
  if (badOpen >= 0) throw error(`row ${badOpen}: price must be positive`, { file: "candles", column: "open", value: open[badOpen] });
  const range = withClose(low, high, close);
  // Prices and amounts far outside any market overflow or underflow doubles on the way (levels,
  // bin numbers, USD sums) into Infinity and NaN; they are refused with the row instead.
  const tiny = firstOutside(range.low, MIN_PRICE, Infinity);
  if (tiny >= 0) throw error(`row ${tiny}: price below ${MIN_PRICE} USD, beyond what the grid can hold (a unit mistake?)`, { file: "candles", column: "low", value: range.low[tiny] });
  const huge = firstOutside(range.high, 0, MAX_PRICE);
  if (huge >= 0) throw error(`row ${huge}: price above ${MAX_PRICE} USD (a unit mistake?)`, { file: "candles", column: "high", value: range.high[huge] });
  tooLate(time, "candles", "time");
  const { interval, lastMs, from } = barEnds(candles, time, o.interval);
  // Unix seconds from 2001 on are 1e9–1e10, epoch ms of January–April 1970; bars starting there
  // that last under a second, or an exchange interval counted in seconds (60 for a minute, 3,600
  // for an hour, 86,400 for a day), are seconds read as ms: their decay would run 1000x too slowly.
  if (time[0] >= 1e9 && time[0] < 1e10 && (interval < 1000 || SECOND_INTERVALS.has(interval))) {
    throw error(`row 0: times look like Unix seconds (${new Date(time[0] * 1000).toISOString().slice(0, 10)} as seconds, bars of ${interval} ms as epoch ms); pass epoch ms UTC (seconds × 1000)`, { file: "candles", column: "time", value: time[0] });
  }
  checkNoOverlap(time, lastMs, from);

  // Open interest: its own table (aligned by time) or columns of the candle table (row by row).
  const oiSource = openInterest ?? candles;
  const label = openInterest ? "openInterest" : "candles";
  const found = oiColumn(oiSource, label);
  if (!found) throw error(`missing column openInterestUsd (or ${OI_COLUMNS.slice(1).map((c) => c.name).join(", ")}); has ${listNames(oiSource)}`, { file: label, column: "openInterestUsd" });
  const usdCol = found.name;
  const inBase = (found.unit === "option" ? o.openInterestUnit : found.unit) === "base";
  const oiValue = numeric(oiSource, usdCol, label);
  // `timestamp` is Binance's name for it in /futures/data/openInterestHist. A table of OI bars
  // whose value is the bar's close (Coinglass OHLC) carries `closeTime`: a row is known from then,
  // so it is aligned by that, and finer candles never read a close before its bar ended.
  const oiTimeCol = openInterest ? (has(openInterest, "closeTime") ? "closeTime" : oiTimeColumn(openInterest)) : "time";
  const oiTime = openInterest ? numeric(openInterest, oiTimeCol, label) : time;
  sameLength(oiValue, oiTime.length, label, usdCol);
  const negative = firstNegative(oiValue);
  if (negative >= 0) throw error(`row ${negative}: open interest must be >= 0`, { file: label, column: usdCol, value: oiValue[negative] });
  if (openInterest) {
    tooLate(oiTime, label, oiTimeCol);
    increasing(oiTime, label, oiTimeCol);
    checkUnits(time, oiTime, label, oiTimeCol);
  }
  // A ratio column named in the options must be there; the default name is read when present.
  const wantRatio = o.split === "ratio" || (o.split === "auto" && (o.ratioColumnGiven || has(oiSource, o.ratioColumn)));
  const ratio = wantRatio ? numeric(oiSource, o.ratioColumn, label) : undefined;
  if (ratio) {
    sameLength(ratio, oiTime.length, label, o.ratioColumn);
    // Every row, read by a bar or not: a negative ratio is a broken row wherever it is.
    const negativeRatio = firstNegative(ratio);
    if (negativeRatio >= 0) throw error(`row ${negativeRatio}: long/short ratio must be >= 0`, { file: label, column: o.ratioColumn, value: ratio[negativeRatio] });
  }

  // Bar i uses OI row row[i]: the latest stamped at or before its close.
  const row = new Int32Array(n);
  const oiStart = alignRows(lastMs, oiTime, row);
  const oiUsd = new Float64Array(n);
  gather(oiValue, row, oiStart, oiUsd, inBase ? close : undefined);
  const tooMuch = firstOutside(oiUsd, 0, MAX_OI_USD);
  if (tooMuch >= 0) {
    const v = oiValue[row[tooMuch]];
    throw error(`row ${row[tooMuch]}: open interest of ${inBase ? `${v} coins × the bar's close ${close[tooMuch]} = ` : ""}${oiUsd[tooMuch]} USD is above ${MAX_OI_USD} USD, a thousand trillion (a unit mistake?)`, { file: label, column: usdCol, value: v });
  }
  let ratioShare: Float64Array | undefined;
  if (ratio) {
    // A ratio of 1 (share 0.5) before the first OI row.
    ratioShare = new Float64Array(n).fill(0.5);
    const bad = ratioShares(ratio, row, oiStart, ratioShare);
    if (bad >= 0) throw error(`row ${bad}: long/short ratio must be >= 0`, { file: label, column: o.ratioColumn, value: ratio[bad] });
  }

  let longShare: Float64Array;
  const taker = has(candles, "takerBuyVolume") && has(candles, "volume");
  // A taker buy column under another name (Binance's taker_buy_volume or takerBuyBaseAssetVolume
  // read raw) would leave "auto" on an even split without a word.
  if (!taker && o.split !== "even" && o.split !== "ratio") {
    const other = names(candles).find((c) => c !== "takerBuyVolume" && /takerbuy(base)?(asset)?vol/.test(c.toLowerCase().replace(/[_\s]/g, "")));
    if (other !== undefined) throw error(`replay reads taker buy volume (coin) from "takerBuyVolume" beside "volume"; rename this column (liq.loadBinanceKlines names it so) or pass split: "even" or "ratio"`, { file: "candles", column: other, value: other });
  }
  if (o.split === "taker" || (o.split === "auto" && taker)) {
    longShare = takerShare(candles, n);
    // "auto" with both: a bar that traded nothing has no taker share; it takes the ratio's.
    if (o.split === "auto" && ratioShare) noVolumeFrom(numeric(candles, "volume", "candles"), ratioShare, longShare);
  } else if (ratioShare) longShare = ratioShare;
  else longShare = new Float64Array(n).fill(0.5);
  return { n, interval, time, open, high: range.high, low: range.low, close, oiUsd, oiStart, longShare, lastMs };
}
