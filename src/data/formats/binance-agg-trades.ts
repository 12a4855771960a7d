/**
 * Binance archive `aggTrades` CSV (with or without header). Futures layout
 * BINANCE_AGG_TRADES_COLUMNS; spot files add `is_best_match`, write `True`/`False` and, since
 * 2025, microsecond times (converted to fractional ms). `is_buyer_maker` true means the taker sold.
 */
import { type FieldSpec, type Parsed } from "../fields";
import type { Loaded } from "../finish";
import type { LiquidationOptions } from "./binance-liquidation-snapshot";
import type { Source, SourceText } from "../source";
import { loadWith, readCsvOrJson } from "./common";
import { contractsToCoin } from "./binance-trades";

const FIELDS: readonly FieldSpec[] = [
  { out: "id", type: "count", names: ["agg_trade_id", "a"], index: 0, key: "a" },
  { out: "price", type: "price", names: ["price", "p"], index: 1, key: "p" },
  { out: "quantity", type: "amount", names: ["quantity", "qty", "q"], index: 2, key: "q" },
  { out: "time", type: "time", names: ["transact_time", "timestamp", "time", "T"], index: 5, key: "T" },
  { out: "isBuyerMaker", type: "bool", names: ["is_buyer_maker", "m"], index: 6, key: "m" },
];

/** Reads the archive CSV, or REST `/fapi/v1/aggTrades` JSON (`[{ a, p, q, f, l, T, m }]`). */
export function readBinanceAggTrades(st: SourceText, options: LiquidationOptions = {}): Parsed {
  const p = readCsvOrJson(st, "binance-aggTrades", "trades", FIELDS);
  // COIN-M (`futures/cm/…`, `BTCUSD_PERP-aggTrades-…`, or any file given `contractUsd`):
  // quantities count contracts; the table holds coin. The whole path (st.file: zip name, folders),
  // not the entry's name, as klines decide: `BTCUSD_PERP-aggTrades-….zip:data.csv` is COIN-M too.
  contractsToCoin(p, st.file, options.contractUsd);
  return p;
}

/**
 * Loads Binance aggTrades: archive CSV (futures or spot layout) or REST JSON. COIN-M files
 * (a `futures/cm/` folder, or a `…USD_PERP` / `…USD_<yymmdd>` symbol in the zip's name, a folder
 * or the file's name) count contracts, converted to coin at each trade's price; `contractUsd` sets
 * the contract's USD (default 100 for BTC, 10 otherwise; required when the path names no symbol)
 * and marks a file whose path does not say it is COIN-M.
 */
export function loadBinanceAggTrades(src: Source, options: LiquidationOptions = {}): Loaded {
  return loadWith((st) => readBinanceAggTrades(st, options), src, options);
}
