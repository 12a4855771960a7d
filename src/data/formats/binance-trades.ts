/**
 * Binance archive `trades` CSV (individual trades; `futures/um/.../trades/`, `spot/.../trades/`):
 * `id,price,qty,quote_qty,time,is_buyer_maker` (spot adds `is_best_match`; older files have no
 * header), and the REST `/fapi/v1/trades` JSON (`[{ id, price, qty, quoteQty, time, isBuyerMaker }]`).
 */
import { type FieldSpec, type Parsed } from "../fields";
import type { LoadOptions, Loaded } from "../finish";
import type { Source, SourceText } from "../source";
import { loadWith, readCsvOrJson } from "./common";

/** Column layout of the archive `trades` CSV. */
export const BINANCE_TRADES_COLUMNS = ["id", "price", "qty", "quote_qty", "time", "is_buyer_maker"] as const;

const FIELDS: readonly FieldSpec[] = [
  { out: "id", type: "count", names: ["id"], index: 0, key: "id" },
  { out: "price", type: "price", names: ["price"], index: 1, key: "price" },
  { out: "quantity", type: "amount", names: ["qty", "quantity"], index: 2, key: "qty" },
  { out: "time", type: "time", names: ["time", "timestamp"], index: 4, key: "time" },
  { out: "isBuyerMaker", type: "bool", names: ["is_buyer_maker", "isBuyerMaker"], index: 5, key: "isBuyerMaker" },
];

export function readBinanceTrades(st: SourceText): Parsed {
  return readCsvOrJson(st, "binance-trades", "trades", FIELDS);
}

/** Loads Binance individual trades (archive CSV or REST JSON). */
export function loadBinanceTrades(src: Source, options: LoadOptions = {}): Loaded {
  return loadWith(readBinanceTrades, src, options);
}
