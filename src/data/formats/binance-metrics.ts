/**
 * Binance archive `metrics` CSV (`futures/um/daily/metrics/<SYMBOL>/`): one row per 5 minutes,
 * `create_time` as UTC text, rows not always in time order (sorted on load). Layout:
 * BINANCE_METRICS_COLUMNS. A ratio column with blank cells is left out (the report says where),
 * so open interest stays complete and nothing is NaN.
 */
import { type FieldSpec, type Parsed } from "../fields";
import { readCsv } from "../csv-rows";
import { BINANCE_METRICS_COLUMNS } from "../schema";
import type { LoadOptions, Loaded } from "../finish";
import type { Source, SourceText } from "../source";
import { loadWith, start } from "./common";

const FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["create_time"], index: 0 },
  { out: "openInterest", type: "amount", names: ["sum_open_interest"], index: 2 },
  { out: "openInterestUsd", type: "amount", names: ["sum_open_interest_value"], index: 3 },
  { out: "topTraderAccountRatio", type: "amount", names: ["count_toptrader_long_short_ratio"], index: 4, optional: true, emptyOmits: true },
  { out: "topTraderLongShortRatio", type: "amount", names: ["sum_toptrader_long_short_ratio"], index: 5, optional: true, emptyOmits: true },
  { out: "longShortRatio", type: "amount", names: ["count_long_short_ratio"], index: 6, optional: true, emptyOmits: true },
  { out: "takerBuySellRatio", type: "amount", names: ["sum_taker_long_short_vol_ratio"], index: 7, optional: true, emptyOmits: true },
];

export function readBinanceMetrics(st: SourceText): Parsed {
  const p = start(st, "binance-metrics-csv", "openInterest");
  readCsv(p, st.text, FIELDS, [BINANCE_METRICS_COLUMNS.length]);
  return p;
}

/** Loads a Binance archive metrics CSV (open interest in coin and USD plus the four ratios). */
export function loadBinanceMetrics(src: Source, options: LoadOptions = {}): Loaded {
  return loadWith(readBinanceMetrics, src, options);
}
