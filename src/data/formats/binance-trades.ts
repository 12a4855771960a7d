/**
 * Binance archive `trades` CSV (individual trades; `futures/um/.../trades/`, `spot/.../trades/`):
 * `id,price,qty,quote_qty,time,is_buyer_maker` (spot adds `is_best_match`; older files have no
 * header), and the REST `/fapi/v1/trades` JSON (`[{ id, price, qty, quoteQty, time, isBuyerMaker }]`).
 */
import { num, type FieldSpec, type Parsed } from "../fields";
import { coinContractUsd, coinMarginedBase, isCoinMarginedPath, pathContractUsd } from "./binance-liquidation-snapshot";
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

/** COIN-M trades (`futures/cm`, `BTCUSD_PERP-trades-…`): `id,price,qty,base_qty,time,is_buyer_maker`, qty in contracts. */
const INVERSE_FIELDS: readonly FieldSpec[] = [
  ...FIELDS.filter((f) => f.out !== "quantity"),
  { out: "quantity", type: "amount", names: ["base_qty", "baseQty"], index: 3, key: "baseQty" },
];

export function readBinanceTrades(st: SourceText): Parsed {
  // COIN-M by the whole path (zip name, folders), as klines decide: a plain entry name (`data.csv`)
  // in a `futures/cm/…` folder or a `BTCUSD_PERP-….zip` still holds contracts in qty.
  if (!isCoinMarginedPath(st.file)) return readCsvOrJson(st, "binance-trades", "trades", FIELDS);
  // Coin-margined: qty counts contracts; base_qty is the same trade in coin, so the contract size
  // is only named (when the path's symbol gives it), never needed.
  const p = readCsvOrJson(st, "binance-coinm-trades", "trades", INVERSE_FIELDS);
  const base = coinMarginedBase(st.file);
  p.notes.push(`coin-margined file: quantity is base_qty (coin); qty counts contracts${base === null ? "" : ` of ${coinContractUsd(base)} USD`} and is not read`);
  return p;
}

/**
 * Coin-margined aggTrades count contracts: quantity (coin) = contracts × contract USD / price.
 * `file` is the whole path (zip name and folders too; see pathContractUsd, which throws when the
 * path is COIN-M but the contract size is unknown). Linear files are left as they are. Returns
 * whether it converted.
 */
export function contractsToCoin(p: Parsed, file: string, contractUsd?: number): boolean {
  const contract = pathContractUsd(file, contractUsd);
  if (contract === null) return false;
  const q = num(p, "quantity");
  const price = num(p, "price");
  for (let i = 0; i < p.n; i++) q[i] = (q[i]! * contract) / price[i]!;
  p.notes.push(`coin-margined file: quantity is contracts of ${contract} USD converted to coin at each trade's price`);
  return true;
}

/** Loads Binance individual trades (archive CSV or REST JSON). */
export function loadBinanceTrades(src: Source, options: LoadOptions = {}): Loaded {
  return loadWith(readBinanceTrades, src, options);
}
