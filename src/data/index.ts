// Public surface of src/data/: named re-exports only. src/index.ts re-exports this file.
export {
  CANONICAL_COLUMNS,
  BINANCE_KLINES_COLUMNS,
  BINANCE_METRICS_COLUMNS,
  BINANCE_LIQUIDATION_SNAPSHOT_COLUMNS,
  BINANCE_FUNDING_COLUMNS,
  BINANCE_AGG_TRADES_COLUMNS,
  BINANCE_BOOK_DEPTH_COLUMNS,
} from "./schema";
export type { DataKind } from "./schema";
export type { Source } from "./source";
export type { LoadOptions, Loaded, Table } from "./finish";
export { reportToHtml, reportToText } from "./report";
export type { LoadReport, Gap, DropReason } from "./report";
export { load, loadFiles } from "./load";
export type { LoadAnyOptions } from "./load";
export { detectFormat } from "./detect";
export type { FormatName } from "./detect";
export { loadBinanceKlines } from "./formats/binance-klines";
export type { KlineArchiveKind, KlineOptions } from "./formats/binance-klines";
export { loadBybitKlines } from "./formats/bybit-klines";
export { loadOkxCandles } from "./formats/okx-candles";
export { loadBinanceMetrics } from "./formats/binance-metrics";
export { loadBinanceOpenInterestHist } from "./formats/binance-open-interest-hist";
export type { OpenInterestHistOptions } from "./formats/binance-open-interest-hist";
export { loadBybitOpenInterest } from "./formats/bybit-open-interest";
export { loadOkxOpenInterest } from "./formats/okx-open-interest";
export { loadCoinglassOpenInterest } from "./formats/coinglass-open-interest";
export { loadBinanceLiquidationSnapshot } from "./formats/binance-liquidation-snapshot";
export type { LiquidationOptions } from "./formats/binance-liquidation-snapshot";
export { loadBinanceForceOrders } from "./formats/binance-force-orders";
export type { ForceOrderOptions } from "./formats/binance-force-orders";
export { loadCoinglassLiquidations } from "./formats/coinglass-liquidations";
export { loadBinanceAggTrades } from "./formats/binance-agg-trades";
export { loadBinanceTrades, BINANCE_TRADES_COLUMNS } from "./formats/binance-trades";
export { loadBinanceFundingRate } from "./formats/binance-funding-rate";
export { loadOkxFundingRate } from "./formats/okx-funding-rate";
export type { InstrumentOptions } from "./formats/common";
export { loadBinanceBookDepth } from "./formats/binance-book-depth";
export { loadCombinedExport } from "./formats/coinglass-combined";
export { loadCanonical } from "./formats/canonical";
export type { CombinedExport } from "./formats/coinglass-combined";
export { fetchBinance, FETCH_DEFAULTS } from "./fetch";
export type { FetchOptions, FetchResult, FetchedFile } from "./fetch";
export { archivePath, planArchiveFiles, ARCHIVE_PERIODS } from "./archive-layout";
export type { ArchiveKind, ArchiveFile, Market } from "./archive-layout";
