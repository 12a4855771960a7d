/**
 * `liquidationPrice(position)` and its vectorised form `liquidationPrices(batch)`: the thin API
 * over the kernel. Both go through `solveOne`, so they give identical numbers.
 *
 * Formulas and sources (docs/margin.md has the derivations):
 * - Binance USD-M (linear), isolated and one-way cross: "How to Calculate Liquidation Price of
 *   USDⓈ-M Futures Contracts", https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93
 *   LP = (WB − TMM1 + UPNL1 + cum − side·Q·EP) / (Q·MMR − side·Q); isolated: WB = Q·EP/L, TMM1 = UPNL1 = 0.
 * - Binance COIN-M (inverse): "How to Calculate Liquidation Price of COIN-M Futures Contracts",
 *   https://www.binance.com/en/support/faq/ceccfcfb4e3a45e3b48b0b1bb1a8ae46
 *   LP = Q·(MMR + side) / (WB + cum + side·Q/EP), Q in USD, WB and cum in coin.
 *   Both Binance notes: the MMR and cum are those of the bracket at the liquidation price.
 * - Bybit USDT contracts, isolated: Bybit Help Center "Liquidation Price (USDT Contract)",
 *   https://testnet.bybit.com/en-US/help-center/s/article/Liquidation-Price-USDT-Contract
 *   LP = EP ∓ (IM − MM)/Q with IM = Q·EP/L and MM = Q·EP·MMR − mmDeduction (tier at entry value).
 * - OKX USDT-margined swaps, isolated: margin ratio = (margin + PnL) / (Q·mark·(MMR + fee rate)),
 *   liquidated at 100%: OKX "Tiered maintenance margin ratio rules",
 *   https://www.okx.com/help/v-tiered-maintenance-margin-ratio-rules, and OKEx Academy
 *   "USDT Delivery Contracts: Margin", https://www.okex.com/academy/en/vii-usdt-delivery-contracts-margin
 *   LP(long) = (M − Q·EP) / (Q·(MMR + fee − 1)), LP(short) = (M + Q·EP) / (Q·(1 + MMR + fee)).
 */
import { error, positive, finite } from "../util/errors";
import { bracketIndexAt, type BracketArrays } from "./brackets";
import { liquidationBracket, rootOnBracket } from "./kernel";
import { resolveBrackets } from "./resolve";
import type { Liquidation, Position } from "./types";

/** Everything about a position except side, entry price, quantity and leverage. */
export type PositionCommon = Omit<Position, "side" | "entryPrice" | "quantity" | "leverage">;

/** Many positions of one market and side at once, for the engine. */
export interface PositionBatch extends PositionCommon {
  side: Position["side"];
  entryPrice: Float64Array;
  /** Per position, or one quantity for all. */
  quantity: Float64Array | number;
  /** Per position, or one leverage for all. */
  leverage: Float64Array | number;
}

const SUPPORTED: Record<string, string[]> = {
  binance: ["linear isolated", "linear cross", "inverse isolated", "inverse cross"],
  bybit: ["linear isolated"],
  okx: ["linear isolated"],
};

/** A position's market, validated and resolved once. */
interface Plan {
  exchange: Position["exchange"];
  linear: boolean;
  cross: boolean;
  /** Cross margin available to the position: WB − TMM1 + UPNL1 (NaN when isolated). */
  crossMargin: number;
  fee: number;
  brackets: BracketArrays;
}

function plan(p: PositionCommon): Plan {
  if (typeof p !== "object" || p === null) throw error("position must be an object", { value: p });
  if (!(typeof p.exchange === "string" && Object.hasOwn(SUPPORTED, p.exchange))) {
    throw error(`unknown exchange (use ${Object.keys(SUPPORTED).map((e) => JSON.stringify(e)).join(", ")})`, { column: "exchange", value: p.exchange });
  }
  if (p.contract !== "linear" && p.contract !== "inverse") throw error('contract must be "linear" or "inverse"', { column: "contract", value: p.contract });
  if (p.margin !== "isolated" && p.margin !== "cross") throw error('margin must be "isolated" or "cross"', { column: "margin", value: p.margin });
  const mode = `${p.contract} ${p.margin}`;
  if (!SUPPORTED[p.exchange]!.includes(mode)) {
    throw error(`${p.exchange} ${mode} margin is not supported (supported: ${SUPPORTED[p.exchange]!.join(", ")})`, { column: "margin", value: p.margin });
  }
  const brackets = resolveBrackets(p);
  const symbol = brackets.symbol;
  let fee = 0;
  if (p.fees !== undefined) {
    const taker = typeof p.fees === "object" && p.fees !== null ? p.fees.taker ?? 0 : p.fees;
    fee = finite(taker, "fees", { symbol });
    const top = brackets.rate[brackets.rate.length - 1]!;
    if (fee < 0 || fee + top >= 1) throw error(`fees must be in [0, 1 − ${top})`, { symbol, column: "fees", value: p.fees });
  }
  let crossMargin = NaN;
  if (p.margin === "cross") {
    if (p.walletBalance === undefined) throw error("cross margin needs walletBalance", { symbol, column: "walletBalance", value: undefined });
    // A wallet of 0 or less holds no margin: every position in it is liquidated at entry.
    crossMargin =
      positive(p.walletBalance, "walletBalance", { symbol }) -
      (p.otherMaintenanceMargin === undefined ? 0 : finite(p.otherMaintenanceMargin, "otherMaintenanceMargin", { symbol })) +
      (p.otherUnrealizedPnl === undefined ? 0 : finite(p.otherUnrealizedPnl, "otherUnrealizedPnl", { symbol }));
  }
  return { exchange: p.exchange, linear: p.contract === "linear", cross: p.margin === "cross", crossMargin, fee, brackets };
}

/** Field name for errors: `leverage`, or `leverage[3]` in a batch. */
function label(index: number, name: string): string {
  return index < 0 ? name : `${name}[${index}]`;
}

/** Fast check for the hot loop; the error path goes through `positive`. */
function isPositive(x: unknown): x is number {
  return typeof x === "number" && x > 0 && x < Infinity;
}

function sideSign(side: unknown): 1 | -1 {
  if (side === "long") return 1;
  if (side === "short") return -1;
  throw error('side must be "long" or "short"', { column: "side", value: side });
}

/**
 * Solves one position. Writes [price, bankruptcyPrice, maintenanceMarginRate, maintenanceAmount]
 * into `out` and returns the index of the bracket used. `index` labels errors in a batch (−1 alone).
 */
function solveOne(plan: Plan, s: 1 | -1, entryPrice: number, quantity: number, leverage: number, index: number, out: Float64Array): number {
  const b = plan.brackets;
  const symbol = b.symbol;
  const ep = isPositive(entryPrice) ? entryPrice : positive(entryPrice, label(index, "entryPrice"), { symbol });
  const q = isPositive(quantity) ? quantity : positive(quantity, label(index, "quantity"), { symbol });
  const lev = isPositive(leverage) ? leverage : positive(leverage, label(index, "leverage"), { symbol });
  if (lev < 1) throw error("leverage must be at least 1", { symbol, column: label(index, "leverage"), value: leverage });
  const entryNotional = plan.linear ? q * ep : q / ep;
  if (!(entryNotional < Infinity)) {
    const what = plan.linear ? `entryPrice × quantity = ${ep} × ${q}` : `quantity / entryPrice = ${q} / ${ep}`;
    throw error(`the position's notional at entry, ${what}, is past the largest number (1.8e308)`, { symbol, column: label(index, "entryPrice"), value: entryPrice });
  }
  const last = b.cap.length - 1;
  if (entryNotional > b.cap[last]!) {
    throw error(`position notional ${entryNotional} at entry exceeds the last bracket's cap ${b.cap[last]}`, { symbol, column: label(index, "quantity"), value: quantity });
  }
  const start = bracketIndexAt(b, entryNotional);
  if (lev > b.maxLeverage[start]!) {
    throw error(`leverage exceeds the ${b.maxLeverage[start]}x maximum of bracket ${b.number[start]} (notional ${entryNotional} at entry)`, {
      symbol,
      column: label(index, "leverage"),
      value: leverage,
    });
  }
  const margin = plan.cross ? plan.crossMargin : entryNotional / lev;
  // Bankruptcy: equity = 0, i.e. margin + PnL = 0.
  if (plan.linear) out[1] = Math.max(ep - (s * margin) / q, 0);
  else {
    const x = 1 / ep + (s * margin) / q;
    out[1] = x > 0 ? 1 / x : Infinity;
  }
  if (plan.exchange === "bybit") {
    // Bybit: maintenance margin of the entry tier on the entry value, fixed; fees to close are
    // added to both initial and maintenance margin and cancel.
    const mm = entryNotional * b.rate[start]! - b.amount[start]!;
    out[0] = Math.max(ep - (s * (margin - mm)) / q, 0);
    out[2] = b.rate[start]!;
    out[3] = b.amount[start]!;
    checkBeyondEntry(s, ep, out, lev, plan, symbol, index);
    return start;
  }
  // Equity as a line in u (u = price for linear, 1/price for inverse): a + slope·u.
  const a = plan.linear ? margin - s * q * ep : margin + (s * q) / ep;
  const slope = plan.linear ? s * q : -s * q;
  let i = start;
  let amount: number;
  let u: number;
  if (plan.exchange === "okx") {
    // OKX: the tier's rate on the notional at the mark price, no deduction.
    amount = 0;
    u = (a + amount) / (q * (b.rate[i]! + plan.fee) - slope);
  } else {
    i = liquidationBracket(b, a, slope, q, plan.fee, start);
    amount = b.amount[i]!;
    u = rootOnBracket(b, i, a, slope, q, plan.fee);
  }
  out[0] = plan.linear ? Math.max(u, 0) : u > 0 ? 1 / u : Infinity;
  out[2] = b.rate[i]!;
  out[3] = amount;
  checkBeyondEntry(s, ep, out, lev, plan, symbol, index);
  return i;
}

/** A liquidation price this close to the entry (relative) counts as at the entry. */
const AT_ENTRY = 1e-12;

/**
 * Refuses a position the exchange would liquidate the moment it opens: a long whose liquidation
 * price is at or above its entry, a short at or below. That happens when the initial margin
 * (1/leverage of the notional) is no more than the maintenance margin (plus fees), which bracket
 * tables rule out by their maximum leverage but a single `maintenanceMarginRate` (no maximum) or
 * hand-made brackets do not: 100x with a 2 % rate would otherwise give a long a level above entry.
 */
function checkBeyondEntry(s: 1 | -1, ep: number, out: Float64Array, lev: number, plan: Plan, symbol: string, index: number): void {
  const price = out[0]!;
  // Within AT_ENTRY of the entry is at it: 100x at a 1 % rate puts the level exactly on the entry,
  // and rounding alone left it an ulp below for some entries (accepted) and not for others.
  if (s === 1 ? price < ep * (1 - AT_ENTRY) : price > ep * (1 + AT_ENTRY)) return;
  // Cross margin does not come from the leverage: the account's margin is what falls short.
  if (plan.cross) {
    throw error(
      `a cross ${s === 1 ? "long" : "short"} is liquidated at entry (liquidation price ${price}, entry ${ep}): the account's cross margin, walletBalance − otherMaintenanceMargin + otherUnrealizedPnl = ${plan.crossMargin}, is not above the position's maintenance margin at entry; raise walletBalance`,
      { symbol, column: "walletBalance", value: plan.crossMargin },
    );
  }
  throw error(
    `a ${lev}x ${s === 1 ? "long" : "short"} is liquidated at entry (liquidation price ${price}, entry ${ep}): its initial margin, 1/${lev} = ${(100 / lev).toPrecision(4)} % of the notional, is not above the maintenance margin rate ${(100 * out[2]!).toPrecision(4)} % (plus fees, if given); lower the leverage`,
    { symbol, column: label(index, "leverage"), value: lev },
  );
}

/**
 * Exchange-exact liquidation price of one position, with the bracket that applies at that price.
 * Isolated margin is the initial margin notional / leverage; fees are excluded unless `fees`
 * (taker rate on the notional at the liquidation price) is given. Throws on bad input, naming the
 * field and the value. `price` is 0 for a long that no positive price liquidates and Infinity for
 * an inverse short that no price liquidates.
 */
export function liquidationPrice(position: Position): Liquidation {
  const p = plan(position);
  const out = new Float64Array(4);
  const i = solveOne(p, sideSign(position.side), position.entryPrice, position.quantity, position.leverage, -1, out);
  return { price: out[0]!, bankruptcyPrice: out[1]!, bracket: p.brackets.number[i]!, maintenanceMarginRate: out[2]!, maintenanceAmount: out[3]! };
}

/**
 * Liquidation prices of many positions of one market and side: element i uses entryPrice[i] and
 * quantity[i] / leverage[i] (or the single number given). Same numbers as `liquidationPrice`.
 * Errors name the element, e.g. column "leverage[3]".
 */
export function liquidationPrices(batch: PositionBatch, out?: Float64Array): Float64Array {
  const p = plan(batch);
  const s = sideSign(batch.side);
  const { entryPrice, quantity, leverage } = batch;
  if (!(entryPrice instanceof Float64Array)) throw error("entryPrice must be a Float64Array", { column: "entryPrice", value: entryPrice });
  const n = entryPrice.length;
  for (const [name, v] of [["quantity", quantity], ["leverage", leverage]] as const) {
    if (typeof v !== "number" && !(v instanceof Float64Array && v.length === n)) {
      throw error(`${name} must be a number or a Float64Array of length ${n}`, { column: name, value: typeof v === "object" && v !== null && "length" in v ? `length ${v.length}` : v });
    }
  }
  if (out !== undefined && !(out instanceof Float64Array)) throw error("out must be a Float64Array (prices would be rounded into another kind)", { column: "out", value: Object.prototype.toString.call(out) });
  const result = out ?? new Float64Array(n);
  if (result.length !== n) throw error(`out must have length ${n}`, { column: "out", value: result.length });
  const scratch = new Float64Array(4);
  for (let i = 0; i < n; i++) {
    const q = typeof quantity === "number" ? quantity : quantity[i]!;
    const lev = typeof leverage === "number" ? leverage : leverage[i]!;
    solveOne(p, s, entryPrice[i]!, q, lev, i, scratch);
    result[i] = scratch[0]!;
  }
  return result;
}
