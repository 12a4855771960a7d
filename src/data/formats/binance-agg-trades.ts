/**
 * Binance archive `aggTrades` CSV (with or without header). Futures layout
 * BINANCE_AGG_TRADES_COLUMNS; spot files add `is_best_match`, write `True`/`False` and, since
 * 2025, microsecond times (converted to fractional ms). `is_buyer_maker` true means the taker sold.
 */
import { readCsv, type FieldSpec, type Parsed } from "../fields";
import type { LoadOptions, Loaded } from "../finish";
import type { Source, SourceText } from "../source";
import { loadWith, start } from "./common";

const FIELDS: readonly FieldSpec[] = [
  { out: "id", type: "count", names: ["agg_trade_id", "a"], index: 0 },
  { out: "price", type: "price", names: ["price", "p"], index: 1 },
  { out: "quantity", type: "amount", names: ["quantity", "qty", "q"], index: 2 },
  { out: "time", type: "time", names: ["transact_time", "timestamp", "time", "T"], index: 5 },
  { out: "isBuyerMaker", type: "bool", names: ["is_buyer_maker", "m"], index: 6 },
];

export function readBinanceAggTrades(st: SourceText): Parsed {
  const p = start(st, "binance-aggTrades-csv", "trades");
  readCsv(p, st.text, FIELDS);
  return p;
}

/** Loads a Binance aggTrades CSV (futures or spot layout). */
export function loadBinanceAggTrades(src: Source, options: LoadOptions = {}): Loaded {
  return loadWith(readBinanceAggTrades, src, options);
}
