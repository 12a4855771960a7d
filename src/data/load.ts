/**
 * `load(src)` and `loadFiles(sources)`: detect each file's format (detect.ts), read it with that
 * format's reader, and finish the table (sort, de-duplicate, interval, report).
 */
import { error } from "../util/errors";
import { detectFormat, type FormatName } from "./detect";
import type { Parsed } from "./fields";
import { finish, type LoadOptions, type Loaded } from "./finish";
import { readBinanceAggTrades } from "./formats/binance-agg-trades";
import { BOOK_DEPTH_KEY, readBinanceBookDepth } from "./formats/binance-book-depth";
import { readBinanceForceOrders, type ForceOrderOptions } from "./formats/binance-force-orders";
import { readBinanceFundingRate } from "./formats/binance-funding-rate";
import { checkBarSpans, readBinanceKlines, type KlineOptions } from "./formats/binance-klines";
import { readBinanceLiquidationSnapshot } from "./formats/binance-liquidation-snapshot";
import { readBinanceMetrics } from "./formats/binance-metrics";
import { readBinanceOpenInterestHist } from "./formats/binance-open-interest-hist";
import { readBinanceTrades } from "./formats/binance-trades";
import { readBybitKlines } from "./formats/bybit-klines";
import { readBybitOpenInterest } from "./formats/bybit-open-interest";
import { readCanonical } from "./formats/canonical";
import { checkOptions } from "./formats/common";
import { readCombinedExport } from "./formats/coinglass-combined";
import { readCoinglassLiquidations } from "./formats/coinglass-liquidations";
import { readCoinglassOpenInterest } from "./formats/coinglass-open-interest";
import { readOkxCandles } from "./formats/okx-candles";
import { readOkxFundingRate } from "./formats/okx-funding-rate";
import { readOkxOpenInterest } from "./formats/okx-open-interest";
import { mergeParsed } from "./merge";
import { inEntries, readSource, type Source, type SourceText } from "./source";

/** Options for `load`. */
export interface LoadAnyOptions extends LoadOptions, ForceOrderOptions, KlineOptions {
  /** Skip detection and read this format. Default: detected from name and contents. */
  format?: FormatName;
}

type Reader = (st: SourceText, o: LoadAnyOptions) => Parsed;

const READERS: Record<FormatName, Reader> = {
  "binance-klines": readBinanceKlines,
  "bybit-klines": readBybitKlines,
  "okx-candles": readOkxCandles,
  "binance-metrics": readBinanceMetrics,
  "binance-open-interest-hist": readBinanceOpenInterestHist,
  "bybit-open-interest": readBybitOpenInterest,
  "okx-open-interest": readOkxOpenInterest,
  "coinglass-open-interest": readCoinglassOpenInterest,
  "binance-liquidation-snapshot": readBinanceLiquidationSnapshot,
  "binance-force-orders": readBinanceForceOrders,
  "coinglass-liquidations": readCoinglassLiquidations,
  "binance-agg-trades": readBinanceAggTrades,
  "binance-trades": readBinanceTrades,
  "binance-funding-rate": readBinanceFundingRate,
  "okx-funding-rate": readOkxFundingRate,
  "binance-book-depth": readBinanceBookDepth,
  "combined-export": readCombinedExport,
  canonical: readCanonical,
};

/** Reads one source in its detected (or given) format, before the shared finish. */
function readAny(src: Source, options: LoadAnyOptions): { format: FormatName; p: Parsed } {
  const st = readSource(src);
  checkOptions(options, st.file);
  const format = options.format ?? detectFormat(st);
  const reader = READERS[format];
  if (!reader) throw error("unknown format", { column: "format", value: format });
  const p = inEntries(st, () => reader(st, options));
  if (format === "combined-export") {
    for (const k of ["longUsd", "shortUsd", "openInterestUsd"]) p.columns.delete(k);
    p.notes.push("combined export: loadCombinedExport() also returns its open interest and liquidations");
  }
  return { format, p };
}

/**
 * Loads any supported file: detects the format from the name and contents and returns
 * `{ kind, table, report }`. For the combined export this is its candles (use
 * `loadCombinedExport` for all three tables).
 */
export function load(src: Source, options: LoadAnyOptions = {}): Loaded {
  const { format, p } = readAny(src, options);
  const out = finish(p, options, format === "binance-book-depth" ? BOOK_DEPTH_KEY : undefined);
  out.report.notes.unshift(`format detected: ${format}`);
  return out;
}

/**
 * Loads several files of one kind as one table — e.g. the daily archive files `fetchBinance`
 * downloaded (`result.files.map((f) => f.path)`). Rows are merged, sorted and de-duplicated
 * across files; a missing day is a gap in the report; errors name the file the row came from.
 */
export function loadFiles(sources: readonly Source[], options: LoadAnyOptions = {}): Loaded {
  const read = sources.map((s) => readAny(s, options));
  const merged = mergeParsed(read.map((r) => r.p));
  checkBarSpans(merged); // one file of 1m bars and one of 5m bars are each consistent, not together
  const out = finish(merged, options, read.some((r) => r.format === "binance-book-depth") ? BOOK_DEPTH_KEY : undefined);
  out.report.notes.unshift(`formats detected: ${[...new Set(read.map((r) => r.format))].join(", ")}`);
  return out;
}
