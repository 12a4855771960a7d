/**
 * Binance klines: archive CSV (`futures/um/.../klines/`, with or without the header row, open
 * and close times in ms or — spot since 2025 — µs) and the REST `/fapi/v1/klines` JSON (an array
 * of 12-element arrays, numbers as strings). Layout: BINANCE_KLINES_COLUMNS.
 */
import { error } from "../../util/errors";
import { fileOf, num, type FieldSpec, type Parsed } from "../fields";
import { readCsv } from "../csv-rows";
import { readJsonRows } from "../json-rows";
import type { LoadOptions, Loaded } from "../finish";
import type { Source, SourceText } from "../source";
import { formatTime, intervalLabel } from "../time";
import { checkOhlc, json, loadWith, looksJson, rowsAt, start } from "./common";

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
];

/**
 * Each bar's span (close_time − open_time, rounded to the second) must be the same on every row:
 * Binance writes close_time = open_time + interval − 1 ms, so a differing span is a bar of another
 * interval. Calendar-month bars (spans of 27+ days) are exempt.
 */
export function checkBarSpans(p: Parsed): void {
  const close = p.columns.get("closeTime");
  if (!(close instanceof Float64Array) || p.n === 0) return;
  const t = num(p, "time");
  const span = (i: number) => Math.round((close[i]! - t[i]!) / 1000) * 1000;
  const first = span(0);
  if (first >= 27 * 86_400_000) return;
  for (let i = 0; i < p.n; i++) {
    const s = span(i);
    if (s <= 0) throw error("close_time is not after open_time", { file: fileOf(p, i), line: p.lines[i]!, column: "close_time", value: formatTime(close[i]!) });
    if (s !== first) throw error(`mixed intervals: a ${intervalLabel(s)} bar in a ${intervalLabel(first)} file`, { file: fileOf(p, i), line: p.lines[i]!, column: "close_time", value: formatTime(close[i]!) });
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

/** Reads Binance klines CSV or JSON into canonical candle columns. */
export function readBinanceKlines(st: SourceText): Parsed {
  const isJson = looksJson(st.text);
  const p = start(st, isJson ? "binance-klines-json" : "binance-klines-csv", "candles");
  if (isJson) readJsonRows(p, rowsAt(json(st), [], st.file), KLINE_FIELDS);
  else readCsv(p, st.text, KLINE_FIELDS);
  checkOhlc(p);
  wholeMsCloseTimes(p);
  checkBarSpans(p);
  return p;
}

/** Loads Binance klines (archive CSV with/without header, ms or µs; or /fapi/v1/klines JSON). */
export function loadBinanceKlines(src: Source, options: LoadOptions = {}): Loaded {
  return loadWith(readBinanceKlines, src, options);
}
