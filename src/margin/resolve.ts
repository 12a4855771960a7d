/**
 * Which brackets a position uses: its own `brackets`, a single `maintenanceMarginRate`, or the
 * default table for its symbol. Tables are validated and packed once per object (cached).
 */
import { error } from "../util/errors";
import { packBrackets, type BracketArrays } from "./brackets";
import { binanceUsdmBrackets } from "./defaults";
import { toBracketTable, type BracketSource } from "./load";
import type { Position } from "./types";

const packed = new WeakMap<object, BracketArrays>();

/**
 * Validated, packed brackets from any supported source (see `toBracketTable`); cached per
 * object, so do not mutate a table after use.
 */
export function bracketArrays(source: BracketSource, symbol?: string): BracketArrays {
  const cacheable = typeof source === "object" && source !== null;
  const hit = cacheable ? packed.get(source) : undefined;
  if (hit) return hit;
  const arrays = packBrackets(toBracketTable(source, symbol));
  if (cacheable) packed.set(source, arrays);
  return arrays;
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
  if (p.brackets !== undefined) return bracketArrays(p.brackets, p.symbol);
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
