/**
 * Which brackets a position uses: its own `brackets`, a single `maintenanceMarginRate`, or the
 * default table for its symbol. Tables are validated and packed once per object (cached).
 */
import { error } from "../util/errors";
import { packBrackets, type BracketArrays } from "./brackets";
import { binanceUsdmBrackets } from "./defaults";
import { toBracketTable, type BracketSource } from "./load";
import type { Position } from "./types";

/** Packed tables per source object and symbol: one response of many symbols holds a table for each. */
const packed = new WeakMap<object, Map<string | undefined, BracketArrays>>();

/**
 * Validated, packed brackets from any supported source (see `toBracketTable`); cached per
 * object and symbol, so do not mutate a table after use.
 */
export function bracketArrays(source: BracketSource, symbol?: string): BracketArrays {
  const cacheable = typeof source === "object" && source !== null;
  const bySymbol = cacheable ? packed.get(source) : undefined;
  const hit = bySymbol?.get(symbol);
  if (hit) return hit;
  const arrays = packBrackets(toBracketTable(source, symbol));
  if (cacheable) {
    if (bySymbol) bySymbol.set(symbol, arrays);
    else packed.set(source, new Map([[symbol, arrays]]));
  }
  return arrays;
}

/** Quote units a linear contract's notional is counted in. */
const USD_UNITS = new Set(["USD", "USDT", "USDC", "BUSD", "FDUSD"]);

/**
 * Throws when a table's unit contradicts the contract: linear notionals are USD (or the quote
 * asset), inverse ones coins. A USD-M table read as COIN-M would take a 1,000 BTC position for
 * 100,000 USD and put it in the first bracket. A table of unknown unit ("") is not judged.
 */
function checkUnit(b: BracketArrays, contract: Position["contract"], label: string): void {
  if (b.unit === "") return;
  const usd = USD_UNITS.has(b.unit);
  if (contract === "linear" && !usd) throw error(`brackets are counted in ${b.unit === "coin" ? "coins" : b.unit} (an inverse contract's table); a linear contract's notional is USD: pass the symbol's USD-M brackets, or contract: "inverse"`, { symbol: label, column: "brackets", value: b.symbol });
  if (contract === "inverse" && usd) throw error(`brackets are counted in ${b.unit} (a linear contract's table); an inverse contract's notional is coins: pass the symbol's COIN-M brackets, or contract: "linear"`, { symbol: label, column: "brackets", value: b.symbol });
}

/** One bracket with rate `rate` and no maintenance amount, unbounded above. */
export function singleRate(rate: number, symbol: string): BracketArrays {
  if (typeof rate !== "number" || !(rate > 0 && rate < 1)) {
    throw error("maintenance margin rate must be in (0, 1)", { symbol, column: "maintenanceMarginRate", value: rate });
  }
  return packBrackets({ symbol, unit: "", brackets: [{ bracket: 1, floor: 0, cap: Infinity, maintenanceMarginRate: rate, maintenanceAmount: 0, maxLeverage: Infinity }] });
}

/** The brackets a position uses, or an error naming what is missing. */
export function resolveBrackets(p: Pick<Position, "exchange" | "contract" | "symbol" | "brackets" | "maintenanceMarginRate">): BracketArrays {
  const label = p.symbol ?? `${p.exchange} ${p.contract}`;
  if (p.brackets !== undefined) {
    const b = bracketArrays(p.brackets, p.symbol);
    checkUnit(b, p.contract, label);
    return b;
  }
  if (p.maintenanceMarginRate !== undefined) return singleRate(p.maintenanceMarginRate, label);
  if (p.exchange === "binance" && p.contract === "linear") {
    if (p.symbol === undefined) throw error("give a symbol (for the default brackets), brackets or maintenanceMarginRate", { column: "symbol", value: undefined });
    const table = typeof p.symbol === "string" && Object.hasOwn(binanceUsdmBrackets, p.symbol) ? binanceUsdmBrackets[p.symbol] : undefined;
    if (!table) {
      throw error(`no default brackets for this symbol (defaults: ${Object.keys(binanceUsdmBrackets).join(", ")}); pass brackets`, { symbol: p.symbol, column: "symbol", value: p.symbol });
    }
    return bracketArrays(table, p.symbol);
  }
  throw error(`no default brackets for ${p.exchange} ${p.contract}; pass brackets or maintenanceMarginRate`, { symbol: label, column: "brackets", value: undefined });
}
