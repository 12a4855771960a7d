/**
 * Binance klines: archive CSV (`futures/um/.../klines/`, with or without the header row, open
 * and close times in ms or — spot since 2025 — µs) and the REST `/fapi/v1/klines` JSON (an array
 * of 12-element arrays, numbers as strings). Layout: BINANCE_KLINES_COLUMNS.
 *
 * The archive's `markPriceKlines`, `indexPriceKlines` and `premiumIndexKlines` (and the REST
 * `/fapi/v1/{markPrice,indexPrice,premiumIndex}Klines`) share that layout, but their volume,
 * quote volume, count and taker columns are fields Binance documents as "ignore" (0, and count
 * is the number of samples in the bar, not trades): those columns are left out. Premium-index
 * OHLC values are the premium index, a fraction of the index price that is routinely zero or
 * negative, so they are read as signed numbers instead of positive prices.
 */
import type { ArchiveKind } from "../archive-layout";
import { error } from "../../util/errors";
import { columnLabel, fileOf, num, reference, type FieldSpec, type Parsed } from "../fields";
import { readCsv } from "../csv-rows";
import { readJsonRows } from "../json-rows";
import type { LoadOptions, Loaded } from "../finish";
import type { Source, SourceText } from "../source";
import { closeSpan, formatTime, intervalLabel } from "../time";
import { checkOhlc, json, loadWith, looksJson, rowsAt, start } from "./common";
import { isCoinMarginedPath } from "./binance-liquidation-snapshot";

/**
 * Kline fields: header names (compared without case, spaces or `_`, so the API docs' titles such
 * as "Open time" match too), archive positions and JSON array positions. Any OHLC CSV with a
 * time column reads with these names.
 */
export const KLINE_FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["open_time", "timestamp", "timestamp_ms", "time", "datetime", "datetime_utc", "date"], index: 0, key: 0 },
  { out: "open", type: "price", names: ["open"], index: 1, key: 1 },
  { out: "high", type: "price", names: ["high"], index: 2, key: 2 },
  { out: "low", type: "price", names: ["low"], index: 3, key: 3 },
  { out: "close", type: "price", names: ["close"], index: 4, key: 4 },
  { out: "volume", type: "amount", names: ["volume"], index: 5, key: 5, optional: true },
  { out: "closeTime", type: "time", names: ["close_time"], index: 6, key: 6, optional: true },
  { out: "quoteVolume", type: "amount", names: ["quote_volume", "quote_asset_volume"], index: 7, key: 7, optional: true },
  { out: "trades", type: "count", names: ["count", "trades", "number_of_trades"], index: 8, key: 8, optional: true },
  { out: "takerBuyVolume", type: "amount", names: ["taker_buy_volume", "taker_buy_base_asset_volume"], index: 9, key: 9, optional: true },
  // Not Binance's: klines a researcher merged with openInterestHist's sumOpenInterestValue (USD)
  // under a header. Kept as the candles' own `openInterestUsd`, which replay reads by default.
  { out: "openInterestUsd", type: "amount", names: ["open_interest_usd", "oi_usd", "sum_open_interest_value", "open_interest_value"], optional: true },
];

/**
 * Widths a header-less klines CSV may have: Binance's archive layout, 12 columns, or its first
 * 5 to 11 (time and OHLC, then volume and the rest in archive order). A wider row is refused
 * rather than read by position: a thousands separator in one value (`12,254,287.88`) would
 * otherwise shift every column after it.
 */
const KLINE_WIDTHS: readonly number[] = [5, 6, 7, 8, 9, 10, 11, 12];

/** The archive data types in the kline layout (`ArchiveKind` names, as `fetchBinance` uses them). */
export type KlineArchiveKind = Extract<ArchiveKind, "klines" | "markPriceKlines" | "indexPriceKlines" | "premiumIndexKlines">;

const KLINE_ARCHIVE_KINDS: readonly KlineArchiveKind[] = ["klines", "markPriceKlines", "indexPriceKlines", "premiumIndexKlines"];

/** Options for `loadBinanceKlines`. */
export interface KlineOptions extends LoadOptions {
  /**
   * Which kline dataset the file holds. `"premiumIndexKlines"` reads open/high/low/close as the
   * premium index (signed; a fraction of the index price); it and `"markPriceKlines"` /
   * `"indexPriceKlines"` leave out the volume, quote volume, count and taker columns (Binance's
   * "ignore" fields). Default: taken from the file's path or name when it contains one of
   * those archive folder names (`data/futures/um/daily/premiumIndexKlines/BTCUSDT/1m/…`),
   * else `"klines"` (prices must be positive).
   */
  archiveKind?: KlineArchiveKind;
  /**
   * `"inverse"` for COIN-M klines (`futures/cm`, symbols like BTCUSD_PERP or BTCUSD_250328), whose
   * volume columns mean other things: Binance's `volume` and `taker_buy_volume` count contracts,
   * and the columns it calls quote volume hold the base asset volume in coin. Those coin columns
   * are read as `volume` and `takerBuyVolume` (coin, as for every other source); the contract
   * counts are left out, and there is no `quoteVolume` (USD volume is contracts × the contract
   * size, 100 USD for BTC, 10 for other coins). Default: `"inverse"` when the path holds
   * `futures/cm` or such a symbol, else `"linear"` (USD-M and spot).
   */
  contract?: "linear" | "inverse";
}

/** COIN-M kline fields: coin volumes from Binance's "quote" positions 7 and 10; contract counts left out. */
const INVERSE_FIELDS: readonly FieldSpec[] = [
  ...KLINE_FIELDS.filter((f) => ["time", "open", "high", "low", "close", "closeTime", "trades"].includes(f.out)),
  { out: "volume", type: "amount", names: ["quote_volume", "base_asset_volume", "base_volume"], index: 7, key: 7, optional: true },
  { out: "takerBuyVolume", type: "amount", names: ["taker_buy_quote_volume", "taker_buy_base_asset_volume", "taker_buy_base_volume"], index: 10, key: 10, optional: true },
];
const INVERSE_NOTE = "COIN-M klines: volume and takerBuyVolume are Binance's base asset volumes in coin (the columns it calls quote volume; its volume columns count contracts and are left out); no quoteVolume: USD volume is contracts × contract size (100 USD for BTC, 10 for other coins)";

/** The contract of a klines file: the option, else COIN-M when its path says so, else linear. */
function klineContract(st: SourceText, option: unknown): { contract: "linear" | "inverse"; from: "option" | "path" | "default" } {
  if (option !== undefined) {
    if (option !== "linear" && option !== "inverse") throw error('contract must be "linear" or "inverse"', { file: st.file, column: "contract", value: option });
    return { contract: option, from: "option" };
  }
  if (isCoinMarginedPath(st.file)) return { contract: "inverse", from: "path" };
  return { contract: "linear", from: "default" };
}

/** Kline fields without Binance's "ignore" columns (mark price, index price, premium index klines). */
const NO_VOLUME_FIELDS: readonly FieldSpec[] = KLINE_FIELDS.filter((f) => ["time", "open", "high", "low", "close", "closeTime"].includes(f.out));

/** Premium-index kline fields: OHLC are signed numbers (zero and negative premiums are normal). */
const PREMIUM_INDEX_FIELDS: readonly FieldSpec[] = NO_VOLUME_FIELDS.map((f) => (f.type === "price" ? { ...f, type: "number" as const } : f));

const FIELDS_BY_KIND: Readonly<Record<KlineArchiveKind, readonly FieldSpec[]>> = {
  klines: KLINE_FIELDS,
  markPriceKlines: NO_VOLUME_FIELDS,
  indexPriceKlines: NO_VOLUME_FIELDS,
  premiumIndexKlines: PREMIUM_INDEX_FIELDS,
};

const NOTES: Readonly<Record<Exclude<KlineArchiveKind, "klines">, string>> = {
  markPriceKlines: "mark price klines: open/high/low/close are the mark price (USD)",
  indexPriceKlines: "index price klines: open/high/low/close are the index price (USD)",
  premiumIndexKlines: "premium index klines: open/high/low/close are the premium index, a fraction of the index price (0.0001 = 0.01 %), not USD; zero and negative values are valid",
};
/** Binance's "ignore" columns of the mark price, index price and premium index klines. */
const IGNORED_COLUMNS = new Set(["volume", "quote_volume", "count", "taker_buy_volume", "taker_buy_quote_volume"]);
const IGNORED_NOTE = `${[...IGNORED_COLUMNS].join(", ")} are Binance's ignore fields here: left out`;

/** The dataset of a file: the option, else an archive folder name in the file's path or name, else klines. */
function klineKind(st: SourceText, option: unknown): { kind: KlineArchiveKind; from: "option" | "path" | "default" } {
  if (option !== undefined) {
    if (!KLINE_ARCHIVE_KINDS.includes(option as KlineArchiveKind)) {
      throw error(`archiveKind must be one of ${KLINE_ARCHIVE_KINDS.join(", ")}`, { file: st.file, column: "archiveKind", value: option });
    }
    return { kind: option as KlineArchiveKind, from: "option" };
  }
  const m = /(?:^|[^a-z])((?:markPrice|indexPrice|premiumIndex)Klines)(?![a-z])/i.exec(st.file);
  if (!m) return { kind: "klines", from: "default" };
  const kind = KLINE_ARCHIVE_KINDS.find((k) => k.toLowerCase() === m[1]!.toLowerCase())!;
  return { kind, from: "path" };
}

/**
 * Each bar's span (close_time − open_time, rounded to the second) must be the same on every row:
 * Binance writes close_time = open_time + interval − 1 ms, so a differing span is a bar of another
 * interval. Calendar-month bars (spans of 27+ days) are exempt.
 */
export function checkBarSpans(p: Parsed): void {
  const close = p.columns.get("closeTime");
  if (!(close instanceof Float64Array) || p.n === 0) return;
  const t = num(p, "time");
  const span = (i: number) => closeSpan(close[i]!, t[i]!);
  const first = reference(p.n, span);
  if (first >= 27 * 86_400_000) return;
  const closeName = columnLabel(p, "closeTime");
  for (let i = 0; i < p.n; i++) {
    const s = span(i);
    if (s <= 0) throw error(`${closeName} is not after ${columnLabel(p, "time")}`, { file: fileOf(p, i), line: p.lines[i]!, column: closeName, value: formatTime(close[i]!) });
    if (s !== first) throw error(`mixed intervals: a ${intervalLabel(s)} bar in a ${intervalLabel(first)} file`, { file: fileOf(p, i), line: p.lines[i]!, column: closeName, value: formatTime(close[i]!) });
  }
}

/**
 * close_time in whole ms, Binance's ms convention (open + interval − 1 ms): a µs spot file's
 * open + interval − 1 µs would otherwise read as …59999.999 ms.
 */
function wholeMsCloseTimes(p: Parsed): void {
  const close = p.columns.get("closeTime");
  if (close instanceof Float64Array) for (let i = 0; i < p.n; i++) close[i] = Math.floor(close[i]!);
}

/**
 * Reads Binance klines CSV or JSON into canonical candle columns. The dataset (`klines`,
 * `premiumIndexKlines`…) is `options.archiveKind`, else read from the file's path (see KlineOptions).
 */
export function readBinanceKlines(st: SourceText, options: KlineOptions = {}): Parsed {
  const isJson = looksJson(st.text);
  const { kind, from } = klineKind(st, options.archiveKind);
  const inverse = klineContract(st, options.contract);
  const coinM = kind === "klines" && inverse.contract === "inverse";
  const fields = coinM ? INVERSE_FIELDS : FIELDS_BY_KIND[kind];
  const p = start(st, `binance-${coinM ? "coinm-" : ""}${kind}-${isJson ? "json" : "csv"}`, "candles");
  if (kind !== "klines") p.notes.push(`${NOTES[kind]} (${kind} ${from === "option" ? "from the archiveKind option" : "from the file path"}); ${IGNORED_NOTE}`);
  if (coinM) p.notes.push(`${INVERSE_NOTE} (inverse ${inverse.from === "option" ? "from the contract option" : "from the file path"})`);
  // the REST response is a bare array; a saved one may sit in a { data } envelope
  if (isJson) readJsonRows(p, rowsAt(json(st), ["data"], st.file), fields);
  else readCsv(p, st.text, fields, KLINE_WIDTHS);
  // The ignore fields are named once, by IGNORED_NOTE, not again as columns not read.
  if (kind !== "klines") p.notes = p.notes.filter((n) => !n.startsWith("columns not read: ") || n.slice(18).split(", ").some((c) => !IGNORED_COLUMNS.has(c)));
  wholeMsCloseTimes(p);
  checkCandles(p);
  return p;
}

/**
 * The checks of a candle table read from a file: low ≤ open, close ≤ high on every row, and one
 * bar span (close time − open time, each after its open) on every row that stamps its close.
 * The klines loader makes them, and the canonical loader on candles saved from any source.
 */
export function checkCandles(p: Parsed): void {
  checkOhlc(p);
  checkBarSpans(p);
}

/**
 * Loads Binance klines (archive CSV with/without header, ms or µs; or /fapi/v1/klines JSON), also
 * mark price, index price and premium index klines (`options.archiveKind`, default from the path).
 */
export function loadBinanceKlines(src: Source, options: KlineOptions = {}): Loaded {
  return loadWith((st) => readBinanceKlines(st, options), src, options);
}
