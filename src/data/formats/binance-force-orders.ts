/**
 * Binance `forceOrder` websocket events as recorded, one JSON object per line (`.jsonl`) or a
 * JSON array: `{ e: "forceOrder", E, o: { s, S, o, f, q, p, ap, X, l, z, T } }`, optionally wrapped
 * as `{ stream, data }` (combined streams). S = SELL liquidates a long. Time is the trade time `T`,
 * price the average fill price `ap` (order price `p` when `ap` is 0), quantity the filled `z`
 * (order quantity `q` when `z` is 0). REST force-order rows (`allForceOrders`) are read too.
 * COIN-M symbols (`BTCUSD_PERP`, `BTCUSD_200925`) count contracts: usd = contracts × contract
 * size (100 USD for BTC, 10 USD otherwise; option `contractUsd`), quantity = usd / price.
 * The `!forceOrder@arr` stream mixes symbols: pass
 * `{ symbol }` to pick one; a file with several symbols and no `symbol` option is refused, and so
 * is a `symbol` that no event names (a file of events without `s` is read as that symbol).
 */
import { error } from "../../util/errors";
import { num, type FieldSpec, type Parsed } from "../fields";
import { readJsonRows } from "../json-rows";
import type { Loaded } from "../finish";
import { elementLine } from "../json";
import type { Source, SourceText } from "../source";
import { coinContractUsd, coinMarginedSymbolBase, pathContractUsd, type LiquidationOptions } from "./binance-liquidation-snapshot";
import { checkEnvelope, json, loadWith, pickInstrument, prop, start } from "./common";

/** Options for force-order files. */
export interface ForceOrderOptions extends LiquidationOptions {
  /**
   * Keep only this symbol (e.g. "BTCUSDT"). Default: the file's only symbol. Given to `load()`,
   * it also picks the instrument of funding and open-interest files (see `InstrumentOptions`).
   */
  symbol?: string;
}

const FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["T"], key: "T" },
  { out: "side", type: "side", names: ["S"], key: "S" },
  { out: "orderPrice", type: "price", names: ["p"], key: "p" },
  { out: "averagePrice", type: "amount", names: ["ap"], key: "ap", optional: true },
  { out: "orderQuantity", type: "amount", names: ["q"], key: "q" },
  { out: "filledQuantity", type: "amount", names: ["z"], key: "z", optional: true },
];

/**
 * A REST force-order row (`/fapi/v1/allForceOrders`, `/fapi/v1/forceOrders`: `{ symbol, side,
 * price, avgPrice, origQty, executedQty, time }`) in the websocket's `o` shape, else undefined.
 */
function fromRest(ev: unknown): Record<string, unknown> | undefined {
  if (prop(ev, "side") === undefined || prop(ev, "o") !== undefined) return undefined;
  const o: Record<string, unknown> = { s: prop(ev, "symbol"), S: prop(ev, "side"), p: prop(ev, "price"), q: prop(ev, "origQty"), T: prop(ev, "time") ?? prop(ev, "updateTime") };
  const ap = prop(ev, "avgPrice") ?? prop(ev, "averagePrice"), z = prop(ev, "executedQty");
  if (ap !== undefined) o.ap = ap;
  if (z !== undefined) o.z = z;
  return o;
}

/** Events as a list of values with their line numbers: JSON Lines, a JSON array or one event. */
function events(st: SourceText): { values: unknown[]; lines: number[] } {
  const v = json(st);
  const values = Array.isArray(v) ? v : [v];
  // An exchange's error response saved in place of the events says so, quoting its message.
  if (values.length === 1) checkEnvelope(values[0], st.file);
  return { values, lines: values.map((_, i) => elementLine(values, i)) };
}

export function readBinanceForceOrders(st: SourceText, options: ForceOrderOptions = {}): Parsed {
  const p = start(st, "binance-forceOrder-jsonl", "liquidations");
  const { values, lines } = events(st);
  let symbol = options.symbol?.toUpperCase();
  // Each event's order (`o`, or a REST row in its shape), by the event as parsed: the events keep
  // their lines, which `pickInstrument` reads.
  const orderOf = new Map<unknown, unknown>();
  const symbols = new Set<string>();
  values.forEach((v, i) => {
    const ev = prop(v, "data") ?? v;
    const o = prop(ev, "o") ?? fromRest(ev);
    if (typeof o !== "object" || o === null) throw error('expected a forceOrder event with an "o" object', { file: st.file, line: lines[i]!, column: "o", value: v });
    const s = prop(o, "s");
    if (typeof s === "string") symbols.add(s);
    orderOf.set(v, o);
  });
  let kept: readonly unknown[] = values, orderLines = lines;
  if (symbol !== undefined) {
    // As the funding and open-interest loaders do: other symbols' events are dropped and counted,
    // a symbol no event names is refused (naming the ones there) rather than loaded as an empty
    // table, and a file whose events name no symbol is kept whole, as the symbol given (`load()`
    // passes one symbol to every file, so refusing would refuse the whole load).
    const one = pickInstrument(p, values, { column: "s", of: (v) => prop(orderOf.get(v), "s") }, symbol);
    kept = one.rows;
    if (one.lines) orderLines = one.lines;
    else if (values.length > 0) p.notes.push(`no event names its symbol (field "s"): all read as ${symbol}, the symbol given`);
  } else if (symbols.size > 1) {
    throw error(`events for several symbols (${[...symbols].slice(0, 5).join(", ")}): pass { symbol } to choose one`, { file: st.file, line: lines[0] ?? 1, column: "s", value: [...symbols].slice(0, 5) });
  }
  symbol ??= [...symbols][0];
  const orders = kept.map((v) => orderOf.get(v));
  readJsonRows(p, orders, FIELDS, orderLines, ["s"]);
  const op = num(p, "orderPrice"), oq = num(p, "orderQuantity");
  const ap = p.columns.get("averagePrice") as Float64Array | undefined;
  const z = p.columns.get("filledQuantity") as Float64Array | undefined;
  const price = new Float64Array(p.n), qty = new Float64Array(p.n), usd = new Float64Array(p.n);
  // COIN-M (`BTCUSD_PERP`, `BTCUSD_200925`): q and z count contracts; events without a symbol go by the file's whole path (pathContractUsd)
  const base = symbol !== undefined ? coinMarginedSymbolBase(symbol) : null;
  if (symbol !== undefined && base === null && options.contractUsd !== undefined) {
    throw error(`contractUsd is for COIN-M contracts, and ${symbol} is not one (its quantities are coin): leave contractUsd out`, { file: st.file, line: orderLines[0] ?? 1, column: "s", value: symbol });
  }
  const contract = symbol === undefined ? pathContractUsd(st.file, options.contractUsd) : base === null ? null : coinContractUsd(base, options.contractUsd);
  for (let i = 0; i < p.n; i++) {
    price[i] = ap && ap[i]! > 0 ? ap[i]! : op[i]!;
    const q = z && z[i]! > 0 ? z[i]! : oq[i]!;
    if (contract === null) { qty[i] = q; usd[i] = q * price[i]!; } else { usd[i] = q * contract; qty[i] = usd[i]! / price[i]!; }
  }
  if (contract !== null) p.notes.push(`coin-margined symbol: quantities are contracts of ${contract} USD`);
  for (const k of ["orderPrice", "averagePrice", "orderQuantity", "filledQuantity"]) p.columns.delete(k);
  p.columns.set("price", price).set("quantity", qty).set("usd", usd);
  if (symbol) p.notes.push(`symbol ${symbol}`);
  return p;
}

/** Loads recorded Binance forceOrder websocket events (JSON Lines or a JSON array). */
export function loadBinanceForceOrders(src: Source, options: ForceOrderOptions = {}): Loaded {
  return loadWith((st) => readBinanceForceOrders(st, options), src, options);
}
