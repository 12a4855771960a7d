/**
 * Binance `GET /futures/data/openInterestHist` JSON, oldest first. Other keys (CMCCirculatingSupply)
 * are not read, and the report's notes name them.
 * - USDⓈ-M (fapi): `[{ symbol, sumOpenInterest (coin), sumOpenInterestValue (USD), timestamp }]`.
 * - COIN-M (dapi): `[{ pair, contractType, sumOpenInterest, sumOpenInterestValue, timestamp }]`,
 *   where Binance's "Open Interest Statistics" doc gives `sumOpenInterest` in contracts and
 *   `sumOpenInterestValue` in the base asset: `openInterest` = sumOpenInterestValue (coin),
 *   `openInterestUsd` = contracts × contract size (100 USD for BTC pairs, 10 USD otherwise;
 *   option `contractUsd`). COIN-M rows are told apart by their `pair` and `contractType`.
 * The first row decides the file's kind; a row of the other kind is refused (its units differ).
 */
import { error } from "../../util/errors";
import { num, type FieldSpec, type Parsed } from "../fields";
import { readJsonRows } from "../json-rows";
import type { Loaded } from "../finish";
import { elementLine, lineOf } from "../json";
import type { Source, SourceText } from "../source";
import { coinContractUsd } from "./binance-liquidation-snapshot";
import { json, loadWith, pickInstrument, prop, rowsAt, start, type InstrumentOptions } from "./common";

/** Options for `loadBinanceOpenInterestHist`. */
export interface OpenInterestHistOptions extends InstrumentOptions {
  /** USD per contract for COIN-M rows. Default: 100 for a BTC pair, 10 otherwise. */
  contractUsd?: number;
}

const FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["timestamp"], key: "timestamp" },
  { out: "openInterest", type: "amount", names: ["sumOpenInterest"], key: "sumOpenInterest" },
  { out: "openInterestUsd", type: "amount", names: ["sumOpenInterestValue"], key: "sumOpenInterestValue", optional: true },
];

const COINM_FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["timestamp"], key: "timestamp" },
  { out: "contracts", type: "amount", names: ["sumOpenInterest"], key: "sumOpenInterest" },
  { out: "openInterest", type: "amount", names: ["sumOpenInterestValue"], key: "sumOpenInterestValue" },
];

/** COIN-M rows name a `pair` and `contractType` where USDⓈ-M rows name a `symbol`. */
export function isCoinMOpenInterestRow(row: unknown): boolean {
  return prop(row, "pair") !== undefined && prop(row, "contractType") !== undefined;
}

/** A COIN-M row's instrument: pair and contract type, PERPETUAL written as Binance's symbols do (`BTCUSD_PERP`). */
function coinMInstrument(row: unknown): string | undefined {
  const pair = prop(row, "pair");
  if (pair === undefined) return undefined;
  const type = prop(row, "contractType");
  return `${String(pair)}_${type === "PERPETUAL" ? "PERP" : String(type)}`;
}

/** The base coin of a COIN-M pair (`BTCUSD` → `BTC`); throws naming the row otherwise. */
function pairBase(row: unknown, file: string): string {
  const pair = prop(row, "pair");
  const m = typeof pair === "string" ? /^([A-Z0-9]+)USD$/i.exec(pair.trim()) : null;
  if (!m) throw error("pair is not a COIN-M pair such as BTCUSD", { file, line: lineOf(row), column: "pair", value: pair });
  return m[1]!.toUpperCase();
}

function readCoinM(st: SourceText, rows: readonly unknown[], options: OpenInterestHistOptions): Parsed {
  const p = start(st, "binance-coinm-openInterestHist-json", "openInterest");
  // One contract of a pair: a perpetual and a quarterly of BTCUSD are two instruments (BTCUSD_PERP,
  // BTCUSD_CURRENT_QUARTER), which one series would mix; `symbol: "BTCUSD_PERP"` picks as force orders do.
  const one = pickInstrument(p, rows, { column: "pair", of: coinMInstrument }, options.symbol);
  readJsonRows(p, one.rows, COINM_FIELDS, one.lines, ["pair", "contractType"]);
  if (one.rows.length) {
    const contract = coinContractUsd(pairBase(one.rows[0], st.file), options.contractUsd);
    const contracts = num(p, "contracts");
    const usd = new Float64Array(p.n);
    for (let i = 0; i < p.n; i++) usd[i] = contracts[i]! * contract;
    p.columns.set("openInterestUsd", usd);
    p.notes.push(`COIN-M rows (pair, contractType): sumOpenInterestValue is base coin → openInterest; sumOpenInterest counts contracts of ${contract} USD → openInterestUsd`);
  } else p.columns.set("openInterestUsd", new Float64Array(0));
  p.columns.delete("contracts");
  return p;
}

/** A row's kind as an error names it. */
const kindName = (row: unknown) => (isCoinMOpenInterestRow(row) ? "COIN-M (pair and contractType)" : "USDⓈ-M (no pair and contractType)");

/**
 * Throws at the first row whose kind (COIN-M: `pair` and `contractType`; else USDⓈ-M) differs
 * from row 0's, which decides how every row is read: the same keys mean other units in the two
 * (sumOpenInterest is coin in USDⓈ-M, contracts in COIN-M; sumOpenInterestValue USD or coin), so
 * an odd row would load with values off by the price or the contract size. The column named is the
 * key that tells the odd row's kind: its `pair` (COIN-M row), else its `symbol`, else the missing
 * `pair` or `contractType`.
 */
function checkOneKind(rows: readonly unknown[], file: string): void {
  const coinM = isCoinMOpenInterestRow(rows[0]);
  const at = rows.findIndex((r) => isCoinMOpenInterestRow(r) !== coinM);
  if (at < 0) return;
  const row = rows[at];
  const column = !coinM ? "pair" : prop(row, "symbol") !== undefined ? "symbol" : prop(row, "pair") === undefined ? "pair" : "contractType";
  throw error(`rows mix USDⓈ-M and COIN-M, whose units differ: line ${elementLine(rows, 0)} is ${kindName(rows[0])}, this row ${kindName(row)}`, { file, line: elementLine(rows, at), column, value: prop(row, column) });
}

export function readBinanceOpenInterestHist(st: SourceText, options: OpenInterestHistOptions = {}): Parsed {
  const rows = rowsAt(json(st), ["data"], st.file);
  // Before picking an instrument: a COIN-M row has no `symbol`, so it would pass the USDⓈ-M
  // instrument check unnoticed and be read in the wrong units.
  checkOneKind(rows, st.file);
  if (isCoinMOpenInterestRow(rows[0])) return readCoinM(st, rows, options);
  const p = start(st, "binance-openInterestHist-json", "openInterest");
  const one = pickInstrument(p, rows, "symbol", options.symbol);
  readJsonRows(p, one.rows, FIELDS, one.lines, ["symbol"]);
  return p;
}

/** Loads Binance openInterestHist JSON (USDⓈ-M, or COIN-M converted from contracts). */
export function loadBinanceOpenInterestHist(src: Source, options: OpenInterestHistOptions = {}): Loaded {
  return loadWith((st) => readBinanceOpenInterestHist(st, options), src, options);
}
