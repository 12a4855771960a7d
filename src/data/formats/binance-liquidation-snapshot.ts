/**
 * Binance archive `liquidationSnapshot` CSV (`futures/{um,cm}/daily/liquidationSnapshot/`):
 * one row per liquidation (force) order, every row published twice — exact copies are dropped
 * and counted. Layout: BINANCE_LIQUIDATION_SNAPSHOT_COLUMNS. SELL liquidates a long, BUY a short.
 * Price is the fill `average_price` (the order `price` when nothing filled), quantity the filled
 * `accumulated_fill_quantity` (the `original_quantity` when nothing filled).
 * Coin-margined files count contracts: BTC contracts are 100 USD, others 10 USD (option
 * `contractUsd` overrides), so usd = contracts × size and quantity = usd / price. A file is
 * coin-margined when its whole path says so (`…/futures/cm/…`, or a `BTCUSD_PERP` symbol in the
 * zip's name, a folder or the file's name; see isCoinMarginedPath), as klines decide it.
 */
import { error } from "../../util/errors";
import { num, type FieldSpec, type Parsed } from "../fields";
import { readCsv } from "../csv-rows";
import { BINANCE_LIQUIDATION_SNAPSHOT_COLUMNS } from "../schema";
import type { LoadOptions, Loaded } from "../finish";
import type { Source, SourceText } from "../source";
import { loadWith, start } from "./common";

/** Options for liquidation loaders. */
export interface LiquidationOptions extends LoadOptions {
  /**
   * USD per contract for coin-margined data. Default: 100 for BTC, 10 otherwise, when the file's
   * path (the zip's name, a folder or the file's name; for force orders, the events' symbol `s`)
   * holds a `..USD_PERP`/`..USD_<yymmdd>` symbol. Given for a file whose path does not say COIN-M,
   * it marks the file COIN-M.
   */
  contractUsd?: number;
}

const FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["time"], index: 0 },
  { out: "side", type: "side", names: ["side"], index: 1 },
  { out: "originalQuantity", type: "amount", names: ["original_quantity"], index: 4 },
  { out: "orderPrice", type: "price", names: ["price"], index: 5 },
  { out: "averagePrice", type: "amount", names: ["average_price"], index: 6 },
  { out: "filledQuantity", type: "amount", names: ["accumulated_fill_quantity"], index: 9 },
];

/**
 * The base coin of a Binance COIN-M symbol in an archive path or file name (`BTCUSD_PERP`,
 * `ethusd_240329`), as Binance names them: the symbol starts the name or a folder and is followed
 * by "-" or a folder separator (`BTCUSD_PERP-1m-2024-01-01.csv`, `…/cm/daily/klines/BTCUSD_PERP/…`).
 * A zip entry's name starts after the ":" of a loader's label (`x.zip:BTCUSD_PERP-aggTrades-….csv`),
 * so ":" starts a name too: a zip renamed plainly still holds a COIN-M entry.
 * Other names holding USD_ and six digits (`BTCUSD_202401.csv`) are not taken for one. Else null.
 */
export function coinMarginedBase(name: string): string | null {
  const m = /(?:^|[\\/:])([A-Z0-9]+)USD_(?:PERP|\d{6})(?=-|[\\/])/i.exec(name);
  return m ? m[1]!.toUpperCase() : null;
}

/**
 * The base coin of a bare Binance COIN-M symbol, as events and REST rows carry it
 * (`BTCUSD_PERP`, `BTCUSD_200925`, `ethusd_240329`), else null.
 */
export function coinMarginedSymbolBase(symbol: string): string | null {
  const m = /^([A-Z0-9]+)USD_(?:PERP|\d{6})$/i.exec(symbol.trim());
  return m ? m[1]!.toUpperCase() : null;
}

/**
 * USD per contract of a Binance COIN-M contract on `base` (Binance's COIN-M contract
 * specifications: BTC contracts are 100 USD, every other coin's 10 USD), or `override`.
 */
export function coinContractUsd(base: string, override?: number): number {
  return override ?? (base.toUpperCase() === "BTC" ? 100 : 10);
}


/**
 * Whether a Binance archive file is COIN-M by its whole path: a `futures/cm/` folder, or a COIN-M
 * symbol (coinMarginedBase) starting the zip's name, a folder or the file's name. The whole path,
 * not the entry's own name: a zip's entry or a renamed file is often named plainly (`data.csv`,
 * `part1.csv`) while its zip or folder still says COIN-M, and reading contracts as coin is a silent
 * wrong answer. Every Binance archive loader decides COIN-M with this one test.
 */
export function isCoinMarginedPath(path: string): boolean {
  return /futures[\\/]cm[\\/]/i.test(path) || coinMarginedBase(path) !== null;
}

/** Every COIN-M symbol's base coin in a path, in order (coinMarginedBase finds the first). */
function coinMarginedBases(path: string): string[] {
  const re = /(?:^|[\\/:])([A-Z0-9]+)USD_(?:PERP|\d{6})(?=-|[\\/])/gi;
  return [...path.matchAll(re)].map((m) => m[1]!.toUpperCase());
}

/**
 * USD per contract of an archive file that is COIN-M by its whole path (isCoinMarginedPath), else
 * `override` (which marks any file COIN-M), else null (linear). The size comes from the symbol's
 * coin (coinContractUsd). Without `override` it throws when the size cannot be known: a
 * `futures/cm/` path naming no symbol, or one naming symbols of two coins (a BTC contract is
 * 100 USD, others 10, so a guess could be 10× off).
 */
export function pathContractUsd(file: string, override?: number): number | null {
  if (!isCoinMarginedPath(file)) return override ?? null;
  if (override !== undefined) return override;
  const bases = [...new Set(coinMarginedBases(file))];
  if (bases.length === 1) return coinContractUsd(bases[0]!);
  const why = bases.length === 0 ? "a COIN-M path (futures/cm) naming no symbol such as BTCUSD_PERP" : `a COIN-M path naming symbols of ${bases.join(" and ")}`;
  throw error(`${why}: the contract size (100 USD for BTC, 10 for other coins) is unknown; pass the contractUsd option`, { file, column: "contractUsd" });
}

export function readBinanceLiquidationSnapshot(st: SourceText, options: LiquidationOptions = {}): Parsed {
  const p = start(st, "binance-liquidationSnapshot-csv", "liquidations");
  readCsv(p, st.text, FIELDS, [BINANCE_LIQUIDATION_SNAPSHOT_COLUMNS.length]);
  const orderPrice = num(p, "orderPrice"), avg = num(p, "averagePrice");
  const orig = num(p, "originalQuantity"), filled = num(p, "filledQuantity");
  const price = new Float64Array(p.n), qty = new Float64Array(p.n), usd = new Float64Array(p.n);
  // The whole path (zip name, folders), not the entry's name: see isCoinMarginedPath.
  const contract = pathContractUsd(st.file, options.contractUsd);
  for (let i = 0; i < p.n; i++) {
    price[i] = avg[i]! > 0 ? avg[i]! : orderPrice[i]!;
    const q = filled[i]! > 0 ? filled[i]! : orig[i]!;
    if (contract === null) { qty[i] = q; usd[i] = q * price[i]!; } else { usd[i] = q * contract; qty[i] = usd[i]! / price[i]!; }
  }
  if (contract !== null) p.notes.push(`coin-margined file: quantities are contracts of ${contract} USD`);
  for (const k of ["orderPrice", "averagePrice", "originalQuantity", "filledQuantity"]) p.columns.delete(k);
  p.columns.set("price", price).set("quantity", qty).set("usd", usd);
  return p;
}

/** Loads a Binance liquidationSnapshot CSV (duplicates dropped, side = side liquidated). */
export function loadBinanceLiquidationSnapshot(src: Source, options: LiquidationOptions = {}): Loaded {
  return loadWith((st) => readBinanceLiquidationSnapshot(st, options), src, options);
}
