/**
 * Bracket data from the exchanges' own shapes into the one `BracketTable`:
 * - Binance `GET /fapi/v1/leverageBracket` (USD-M, notionalFloor/notionalCap in USDT) and
 *   `GET /dapi/v2/leverageBracket` (COIN-M, qtyFloor/qtyCap in coin), whole response or one entry;
 * - ccxt `fetchLeverageTiers` tiers ({tier, currency, minNotional, maxNotional,
 *   maintenanceMarginRate, maxLeverage, info}), an array or the symbol-keyed object;
 * - Bybit v5 `GET /v5/market/risk-limit` (whole response, `result` or `result.list`).
 * Every loader validates (see `checkBrackets`); errors name the symbol, bracket and field.
 */
import { toNumber } from "../util/numbers";
import { error } from "../util/errors";
import { checkBrackets, withMaintenanceAmounts } from "./brackets";
import type { Bracket, BracketTable } from "./types";

/** One bracket as Binance returns it (USD-M uses notional*, COIN-M qty*). */
export interface BinanceBracket {
  bracket: number;
  initialLeverage: number;
  notionalFloor?: number;
  notionalCap?: number;
  qtyFloor?: number;
  qtyCap?: number;
  maintMarginRatio: number;
  cum?: number;
}

/** One symbol of a Binance leverageBracket response. */
export interface BinanceSymbolBrackets {
  symbol?: string;
  pair?: string;
  notionalCoef?: number;
  brackets: BinanceBracket[];
}

/** One ccxt leverage tier (fetchLeverageTiers). */
export interface CcxtLeverageTier {
  tier: number;
  currency?: string;
  minNotional: number;
  maxNotional: number;
  maintenanceMarginRate: number;
  maxLeverage: number;
  info?: Record<string, unknown>;
  symbol?: string;
}

/** One Bybit v5 risk-limit tier; numbers arrive as strings. */
export interface BybitRiskLimit {
  id: number | string;
  symbol: string;
  riskLimitValue: string | number;
  maintenanceMargin: string | number;
  initialMargin?: string | number;
  isLowestRisk?: number;
  maxLeverage: string | number;
  mmDeduction?: string | number | null;
}

/** Any bracket source `toBracketTable` (and a position's `brackets`) accepts. */
export type BracketSource =
  | BracketTable
  | Bracket[]
  | BinanceSymbolBrackets
  | BinanceSymbolBrackets[]
  | CcxtLeverageTier[]
  | Record<string, CcxtLeverageTier[]>
  | BybitRiskLimit[]
  | { result: { category?: string; list: BybitRiskLimit[] } }
  | { list: BybitRiskLimit[] };

type Ctx = { symbol: string; bracket: number | string };

/**
 * A finite number from a JSON number or decimal text (Bybit sends "0.005", "100.00"), or an error
 * naming the bracket, the field and the value as given. Text goes through the data loaders' strict
 * parser, not `Number`: `Number("0x7d")` is 125, `Number("0b11")` 3 and `Number(" 5 ")` 5, so a
 * hex, binary, octal or padded value would load as a bracket no exchange published (and a later
 * check would blame the next bracket for it).
 */
function num(value: unknown, column: string, ctx: Ctx): number {
  const where = { symbol: `${ctx.symbol} bracket ${ctx.bracket}`, column, value };
  if (typeof value === "string") {
    // toNumber ignores the spaces and tabs around a CSV cell; a JSON string has no cell to pad
    const x = value.trim() === value ? toNumber(value) : NaN;
    if (!Number.isFinite(x)) throw error(`${column} must be a number: decimal text such as "0.005" or "1e-3" (not hex, binary, octal, padded or empty)`, where);
    return x;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) throw error(`${column} must be a number`, where);
  return value;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/**
 * Throws unless every entry of a source's list is an object (a null inside an exchange response
 * would otherwise fail as a TypeError reading its first field), naming the symbol and the entry.
 */
function entries<T>(list: T[], symbol: string | undefined, column: string, what: string): T[] {
  list.forEach((e, i) => {
    if (!isObject(e)) throw error(`${column}[${i}] must be ${what}`, { ...(symbol !== undefined ? { symbol } : {}), column, value: e });
  });
  return list;
}

/** Picks the entry for `symbol` from a list of per-symbol entries, or the only one. */
function pick<T>(entries: T[], symbolOf: (e: T) => string | undefined, symbol: string | undefined, what: string): T {
  if (symbol !== undefined) {
    const hit = entries.find((e) => symbolOf(e) === symbol);
    if (!hit) throw error(`symbol not found in the ${what}`, { symbol, column: "symbol", value: symbol });
    return hit;
  }
  if (entries.length !== 1) throw error(`the ${what} holds ${entries.length} symbols: pass the symbol`, { column: "symbol", value: undefined });
  return entries[0]!;
}

/** Brackets from a Binance leverageBracket response (USD-M or COIN-M). */
export function fromBinance(response: BinanceSymbolBrackets | BinanceSymbolBrackets[], symbol?: string, asOf?: string): BracketTable {
  const entry = Array.isArray(response) ? pick(entries(response, symbol, "response", "a symbol's entry { symbol, brackets }"), (e) => e.symbol ?? e.pair, symbol, "Binance leverageBracket response") : response;
  if (!isObject(entry) || !Array.isArray(entry.brackets)) throw error("not a Binance leverageBracket entry", { symbol, column: "brackets", value: entry });
  const name = entry.symbol ?? entry.pair ?? symbol ?? "binance";
  entries(entry.brackets, name, "brackets", "a bracket { bracket, initialLeverage, notionalFloor, notionalCap, maintMarginRatio, cum }");
  const coin = entry.brackets.some((b) => b.qtyCap !== undefined);
  // Binance's COIN-M documentation spells the floor "qtylFloor" in one example; accept both.
  const floorField = !coin ? "notionalFloor" : entry.brackets.some((b) => "qtylFloor" in b && !("qtyFloor" in b)) ? "qtylFloor" : "qtyFloor";
  const capField = coin ? "qtyCap" : "notionalCap";
  const rows = entry.brackets.map((b, i) => {
    const ctx = { symbol: name, bracket: b.bracket ?? i + 1 };
    const r = b as unknown as Record<string, unknown>;
    return {
      bracket: num(b.bracket ?? i + 1, "bracket", ctx),
      floor: num(r[floorField], floorField, ctx),
      cap: num(r[capField], capField, ctx),
      maintenanceMarginRate: num(b.maintMarginRatio, "maintMarginRatio", ctx),
      maxLeverage: num(b.initialLeverage, "initialLeverage", ctx),
      cum: b.cum === undefined ? undefined : num(b.cum, "cum", ctx),
    };
  });
  return finish(name, coin ? "coin" : "USDT", rows, "Binance GET /fapi/v1/leverageBracket or /dapi/v2/leverageBracket", {
    floor: floorField,
    cap: capField,
    maintenanceMarginRate: "maintMarginRatio",
    maintenanceAmount: "cum",
    maxLeverage: "initialLeverage",
  }, asOf);
}

/** Brackets from ccxt leverage tiers: an array for one symbol, or fetchLeverageTiers' symbol-keyed object. */
export function fromCcxt(tiers: CcxtLeverageTier[] | Record<string, CcxtLeverageTier[]>, symbol?: string, asOf?: string): BracketTable {
  let list: CcxtLeverageTier[];
  let name = symbol;
  if (Array.isArray(tiers)) list = tiers;
  else if (isObject(tiers)) {
    const keys = Object.keys(tiers);
    const key = pick(keys, (k) => k, symbol, "ccxt leverage tiers");
    list = tiers[key]!;
    name = key;
  } else throw error("ccxt leverage tiers must be an array or an object keyed by symbol", { symbol, column: "tiers", value: tiers });
  if (!Array.isArray(list)) throw error("ccxt leverage tiers must be an array", { symbol, column: "tiers", value: list });
  entries(list, name, "tiers", "a tier { tier, minNotional, maxNotional, maintenanceMarginRate, maxLeverage }");
  name = name ?? list[0]?.symbol ?? "ccxt";
  // ccxt passes OKX's position tiers through with minSz/maxSz as minNotional/maxNotional: those
  // are position sizes in contracts (e.g. 0.01 BTC each on BTC-USDT-SWAP), not USD notionals, and
  // consecutive tiers leave a gap of one contract (…500, 501…). Read as USD they would put every
  // position in the wrong tier, so they are refused, not converted (contracts are worth a price).
  const okx = list.findIndex((t) => isObject(t.info) && ("minSz" in t.info || "maxSz" in t.info));
  if (okx >= 0) {
    throw error(
      "OKX tiers through ccxt give position sizes in contracts (info.minSz, info.maxSz), not USD notionals; convert them to USD (contracts × contract value × price) into brackets of your own, or pass maintenanceMarginRate",
      { symbol: `${name} bracket ${list[okx]!.tier ?? okx + 1}`, column: "minNotional", value: list[okx]!.minNotional },
    );
  }
  const rows = list.map((t, i) => {
    const ctx = { symbol: name!, bracket: t.tier ?? i + 1 };
    const info = isObject(t.info) ? t.info : {};
    const cum = info.cum ?? info.mmDeduction;
    return {
      bracket: num(t.tier ?? i + 1, "tier", ctx),
      floor: num(t.minNotional, "minNotional", ctx),
      cap: num(t.maxNotional, "maxNotional", ctx),
      maintenanceMarginRate: num(t.maintenanceMarginRate, "maintenanceMarginRate", ctx),
      maxLeverage: num(t.maxLeverage, "maxLeverage", ctx),
      cum: cum === undefined || cum === null || cum === "" ? undefined : num(cum, "info.cum", ctx),
    };
  });
  // ccxt names the market's quote as `currency` ("USD" on a COIN-M market), but Binance COIN-M
  // tiers count their bounds in coin (info.qtyFloor / info.qtyCap, passed through as notionals).
  const coin = list.some((t) => isObject(t.info) && ("qtyCap" in t.info || "qtyFloor" in t.info));
  return finish(name, coin ? "coin" : (list[0]?.currency ?? ""), rows, "ccxt fetchLeverageTiers", {
    floor: "minNotional",
    cap: "maxNotional",
    maxLeverage: "maxLeverage",
    maintenanceAmount: "info.cum",
    bracket: "tier",
  }, asOf);
}

/**
 * Brackets from Bybit's v5 risk-limit tiers. Tier n covers (riskLimitValue of tier n−1,
 * riskLimitValue of tier n]. Rates are fractions in live responses; a tier whose initialMargin ×
 * maxLeverage is near 100 (as in Bybit's documentation example, "0.5" and "1" at 100x) is read as
 * percent. An empty mmDeduction is filled from the cum identity.
 */
export function fromBybit(response: BybitRiskLimit[] | { result: { category?: string; list: BybitRiskLimit[] } } | { list: BybitRiskLimit[] }, symbol?: string, asOf?: string): BracketTable {
  const r = response as Record<string, unknown>;
  const all = Array.isArray(response) ? response : isObject(r) ? (isObject(r.result) ? r.result.list : r.list) : undefined;
  if (!Array.isArray(all)) throw error("not a Bybit risk-limit response", { symbol, column: "result.list", value: response });
  entries(all, symbol, "list", "a risk-limit tier { id, symbol, riskLimitValue, maintenanceMargin, maxLeverage }");
  const symbols = [...new Set(all.map((t) => t.symbol))];
  const name = pick(symbols, (s) => s, symbol, "Bybit risk-limit list");
  const list = all.filter((t) => t.symbol === name);
  let floor = 0;
  const rows = list.map((t, i) => {
    const ctx = { symbol: name, bracket: t.id ?? i + 1 };
    const cap = num(t.riskLimitValue, "riskLimitValue", ctx);
    const maxLeverage = num(t.maxLeverage, "maxLeverage", ctx);
    const im = t.initialMargin === undefined ? NaN : num(t.initialMargin, "initialMargin", ctx);
    const scale = im * maxLeverage > 10 ? 0.01 : 1;
    const row = {
      bracket: i + 1,
      floor,
      cap,
      maintenanceMarginRate: num(t.maintenanceMargin, "maintenanceMargin", ctx) * scale,
      maxLeverage,
      cum: t.mmDeduction === undefined || t.mmDeduction === null || t.mmDeduction === "" ? undefined : num(t.mmDeduction, "mmDeduction", ctx),
    };
    floor = cap;
    return row;
  });
  return finish(name, bybitUnit(isObject(r) && isObject(r.result) ? r.result.category : undefined, name), rows, "Bybit GET /v5/market/risk-limit", {
    cap: "riskLimitValue",
    maintenanceMarginRate: "maintenanceMargin",
    maintenanceAmount: "mmDeduction",
    maxLeverage: "maxLeverage",
  }, asOf);
}

/**
 * The unit of Bybit's riskLimitValue: the settle coin. Inverse contracts (category "inverse";
 * symbols BTCUSD, BTCUSDH25) count it in the base coin, USDC contracts (BTCPERP, ETH-27DEC24) in
 * USDC, linear USDT contracts (BTCUSDT, BTCUSDT-27DEC24) in USDT. Without the response's category, the symbol decides.
 */
function bybitUnit(category: unknown, symbol: string): string {
  if (category === "inverse" || (category === undefined && /USD([FGHJKMNQUVXZ]\d\d)?$/.test(symbol))) return "coin";
  if (/USDT/.test(symbol)) return "USDT"; // BTCUSDT, and dated USDT futures (BTCUSDT-27DEC24)
  if (/PERP$|-\d{2}[A-Z]{3}\d{2}$|USDC$/.test(symbol)) return "USDC";
  return "USDT";
}

type Row = Omit<Bracket, "maintenanceAmount"> & { cum: number | undefined };

/** Fills each missing maintenance amount from the cum identity (given ones are kept and checked), then validates. */
/**
 * The validated table. `asOf`: the date (YYYY-MM-DD) the numbers were published or fetched, kept
 * with them (a dated snapshot's provenance: brackets change); any other text is refused.
 */
function finish(symbol: string, unit: string, rows: Row[], source: string, fields: BracketTable["fields"], asOf?: string): BracketTable {
  // a calendar date: 2024-02-30 parses (as 1 March) but does not come back the same
  if (asOf !== undefined && !(typeof asOf === "string" && /^\d{4}-\d{2}-\d{2}$/.test(asOf) && new Date(`${asOf}T00:00:00Z`).toISOString().slice(0, 10) === asOf)) {
    throw error("asOf must be a date YYYY-MM-DD (when the brackets were published or fetched)", { symbol, column: "asOf", value: asOf });
  }
  const filled = withMaintenanceAmounts(rows.map(({ cum: _cum, ...b }) => b));
  const brackets: Bracket[] = rows.map(({ cum, ...b }, i) => ({ ...b, maintenanceAmount: cum ?? filled[i]!.maintenanceAmount }));
  return checkBrackets({ symbol, unit, brackets, source, ...(asOf !== undefined ? { asOf } : {}), ...(fields ? { fields } : {}) });
}

function isBracketArray(x: unknown[]): x is Bracket[] {
  return x.length > 0 && isObject(x[0]) && "floor" in x[0] && "cap" in x[0];
}

/**
 * Any supported bracket source as a validated `BracketTable`, detected by shape: a BracketTable,
 * Bracket[], a Binance response or entry, ccxt tiers, or a Bybit risk-limit response.
 */
export function toBracketTable(source: unknown, symbol?: string): BracketTable {
  if (Array.isArray(source)) {
    if (isBracketArray(source)) return checkBrackets({ symbol: symbol ?? "brackets", unit: "", brackets: source });
    const first = source[0];
    if (isObject(first)) {
      if (Array.isArray(first.brackets)) return fromBinance(source as BinanceSymbolBrackets[], symbol);
      if ("notionalCap" in first || "qtyCap" in first) return fromBinance({ symbol: symbol ?? "binance", brackets: source as BinanceBracket[] });
      if ("minNotional" in first) return fromCcxt(source as CcxtLeverageTier[], symbol);
      if ("riskLimitValue" in first) return fromBybit(source as BybitRiskLimit[], symbol);
    }
  } else if (isObject(source)) {
    if (Array.isArray(source.brackets)) {
      const b0 = source.brackets[0];
      if (isObject(b0) && "floor" in b0) return checkBrackets(source as unknown as BracketTable);
      return fromBinance(source as unknown as BinanceSymbolBrackets, symbol);
    }
    if (isObject(source.result) || Array.isArray(source.list)) return fromBybit(source as { list: BybitRiskLimit[] }, symbol);
    const values = Object.values(source);
    if (values.length > 0 && values.every(Array.isArray)) return fromCcxt(source as Record<string, CcxtLeverageTier[]>, symbol);
  }
  throw error("unrecognised bracket data (expected a BracketTable, Binance leverageBracket, ccxt leverage tiers or Bybit risk-limit tiers)", {
    symbol,
    column: "brackets",
    value: source,
  });
}

/**
 * Validates bracket data of any supported shape and returns it as a `BracketTable`. Throws on the
 * first violation, naming the symbol, the bracket, the field and the value: brackets contiguous
 * and increasing, rates in (0, 1), and cum consistent with
 * `cum_n = floor_n × (mmr_n − mmr_(n−1)) + cum_(n−1)` (tolerance in `marginOptions.cumTolerance`).
 */
export function validateBrackets(source: unknown, symbol?: string): BracketTable {
  return toBracketTable(source, symbol);
}
