/**
 * Brackets as data: validation (contiguous, increasing, rates in (0, 1), cum consistent) and
 * packing into typed arrays for the liquidation kernels.
 */
import { error } from "../util/errors";
import { marginOptions } from "./options";
import type { Bracket, BracketTable } from "./types";

/** Brackets packed column-wise for the kernels. Index i is bracket number i + 1 in order. */
export interface BracketArrays {
  symbol: string;
  /** Unit of floor, cap and amount as the table gave it ("USDT", "USDC", "coin", a coin code, or "" when unknown). */
  unit: string;
  number: Float64Array;
  floor: Float64Array;
  cap: Float64Array;
  rate: Float64Array;
  amount: Float64Array;
  maxLeverage: Float64Array;
}

/**
 * Throws unless the brackets are usable: at least one; the first floor is 0; each floor equals
 * the previous cap (contiguous) and each cap exceeds its floor (increasing); maintenance rates
 * in (0, 1) and non-decreasing; max leverage positive; and
 * `cum_n = floor_n × (mmr_n − mmr_(n−1)) + cum_(n−1)` within `marginOptions.cumTolerance`
 * (absolute, in the bracket's unit) plus 1e-6 of the expected value, with cum_1 = 0. That
 * identity makes maintenance margin a continuous function of notional, which the liquidation
 * search relies on. The error names the symbol, the bracket, the field and the value.
 */
export function checkBrackets(table: BracketTable): BracketTable {
  const { symbol, brackets } = table;
  if (!Array.isArray(brackets) || brackets.length === 0) throw error("no brackets", { symbol, value: brackets });
  const tol = marginOptions.cumTolerance;
  for (let i = 0; i < brackets.length; i++) {
    const b = brackets[i]!;
    if (typeof b !== "object" || b === null) throw error("must be a bracket { floor, cap, maintenanceMarginRate, maintenanceAmount, maxLeverage }", { symbol: `${symbol} bracket ${i + 1}`, value: b });
    const where = (key: keyof Bracket, value: unknown) => ({ symbol: `${symbol} bracket ${b.bracket ?? i + 1}`, column: table.fields?.[key] ?? key, value });
    // The bracket number is reported with every liquidation: a whole number (its place in the list when omitted).
    if (b.bracket !== undefined && !(Number.isInteger(b.bracket) && b.bracket >= 1)) {
      const w = where("bracket", b.bracket);
      throw error(`${w.column} must be a whole number >= 1`, w);
    }
    for (const key of ["floor", "cap", "maintenanceMarginRate", "maintenanceAmount", "maxLeverage"] as const) {
      if (typeof b[key] !== "number" || Number.isNaN(b[key]) || (key !== "cap" && !Number.isFinite(b[key]))) {
        const w = where(key, b[key]);
        throw error(`${w.column} must be a finite number`, w);
      }
    }
    // Only the last bracket may be unbounded: an infinite cap before it would pass the contiguity
    // check below (|floor − Infinity| > 1e-9 × Infinity is false).
    if (b.cap === Infinity && i < brackets.length - 1) throw error(`only the last bracket may have an unbounded cap (this is bracket ${i + 1} of ${brackets.length})`, where("cap", b.cap));
    if (!(b.maintenanceMarginRate > 0 && b.maintenanceMarginRate < 1)) {
      throw error("maintenance margin rate must be in (0, 1)", where("maintenanceMarginRate", b.maintenanceMarginRate));
    }
    if (!(b.maxLeverage > 0)) throw error("max leverage must be positive", where("maxLeverage", b.maxLeverage));
    if (!(b.cap > b.floor)) throw error(`cap must exceed floor ${b.floor}`, where("cap", b.cap));
    if (i === 0) {
      if (b.floor !== 0) throw error("first bracket must start at notional 0", where("floor", b.floor));
      if (Math.abs(b.maintenanceAmount) > tol) throw error("first bracket's maintenance amount must be 0", where("maintenanceAmount", b.maintenanceAmount));
      continue;
    }
    const p = brackets[i - 1]!;
    if (Math.abs(b.floor - p.cap) > 1e-9 * Math.max(1, p.cap)) {
      throw error(`brackets must be contiguous: floor must equal the previous cap ${p.cap}`, where("floor", b.floor));
    }
    if (b.maintenanceMarginRate < p.maintenanceMarginRate) {
      throw error(`maintenance margin rate must not decrease (previous ${p.maintenanceMarginRate})`, where("maintenanceMarginRate", b.maintenanceMarginRate));
    }
    const expected = b.floor * (b.maintenanceMarginRate - p.maintenanceMarginRate) + p.maintenanceAmount;
    if (Math.abs(b.maintenanceAmount - expected) > tol + 1e-6 * Math.abs(expected)) {
      throw error(`maintenance amount (cum) inconsistent: expected floor × (mmr − previous mmr) + previous cum = ${round(expected)}`, where("maintenanceAmount", b.maintenanceAmount));
    }
  }
  return table;
}

/** Packs validated brackets column-wise. */
export function packBrackets(table: BracketTable): BracketArrays {
  const n = table.brackets.length;
  const out: BracketArrays = {
    symbol: table.symbol,
    unit: table.unit,
    number: new Float64Array(n),
    floor: new Float64Array(n),
    cap: new Float64Array(n),
    rate: new Float64Array(n),
    amount: new Float64Array(n),
    maxLeverage: new Float64Array(n),
  };
  table.brackets.forEach((b, i) => {
    out.number[i] = b.bracket ?? i + 1;
    out.floor[i] = b.floor;
    out.cap[i] = b.cap;
    out.rate[i] = b.maintenanceMarginRate;
    out.amount[i] = b.maintenanceAmount;
    out.maxLeverage[i] = b.maxLeverage;
  });
  return out;
}

/** Index of the bracket whose (floor, cap] holds `notional` (the first for notional <= 0, the last above all caps). */
export function bracketIndexAt(b: BracketArrays, notional: number): number {
  const n = b.cap.length;
  for (let i = 0; i < n; i++) if (notional <= b.cap[i]!) return i;
  return n - 1;
}

/**
 * Fills in maintenance amounts from the cum identity, for sources that publish only rates
 * (ccxt tiers, Bybit tiers with an empty mmDeduction).
 */
export function withMaintenanceAmounts(brackets: Omit<Bracket, "maintenanceAmount">[]): Bracket[] {
  let cum = 0;
  return brackets.map((b, i) => {
    if (i > 0) cum += b.floor * (b.maintenanceMarginRate - brackets[i - 1]!.maintenanceMarginRate);
    return { ...b, maintenanceAmount: cum };
  });
}

function round(x: number): number {
  return Math.round(x * 1e8) / 1e8;
}
