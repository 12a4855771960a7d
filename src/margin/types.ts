/**
 * The margin layer's types: a position as an exchange sees it, the liquidation it implies, and
 * one bracket type that every exchange's maintenance-margin tiers are loaded into.
 */

import type { BracketSource } from "./load";

export type Exchange = "binance" | "bybit" | "okx";
export type Contract = "linear" | "inverse";
export type MarginMode = "isolated" | "cross";
export type PositionSide = "long" | "short";

/**
 * One maintenance-margin bracket (Binance "bracket", Bybit "risk limit", ccxt "tier").
 * A position whose notional N lies in (floor, cap] needs maintenance margin
 * `N × maintenanceMarginRate − maintenanceAmount`. Notional is in USD (quote) for linear
 * contracts and in coin for inverse contracts.
 */
export interface Bracket {
  /** 1-based bracket number, as the exchange numbers it. */
  bracket: number;
  /** Lower notional bound (exclusive above the first bracket). */
  floor: number;
  /** Upper notional bound (inclusive). */
  cap: number;
  /** Maintenance margin rate, a fraction in (0, 1). */
  maintenanceMarginRate: number;
  /** Maintenance amount (Binance `cum`, Bybit `mmDeduction`), same unit as the notional. */
  maintenanceAmount: number;
  /** Highest leverage the exchange allows for a position opened in this bracket. */
  maxLeverage: number;
}

/** The brackets of one symbol, ascending, with where they came from. */
export interface BracketTable {
  symbol: string;
  /** Unit of floor, cap and maintenanceAmount: "USD" (or the quote asset) or the coin. */
  unit: string;
  brackets: Bracket[];
  /** Where the numbers come from (URL or endpoint). */
  source?: string;
  /** Date (YYYY-MM-DD) the numbers were published or fetched. */
  asOf?: string;
  /** The source's own field names (e.g. maintenanceAmount → "cum"), so errors name what the user wrote. */
  fields?: Partial<Record<keyof Bracket, string>>;
}

/** A position, described the way the exchange's liquidation formula needs it. */
export interface Position {
  exchange: Exchange;
  contract: Contract;
  margin: MarginMode;
  side: PositionSide;
  /** Average entry price, USD per coin. */
  entryPrice: number;
  /** Base units (coins) for linear; contracts × contract size in USD for inverse. */
  quantity: number;
  /** Leverage chosen when opening; isolated margin is notional / leverage. */
  leverage: number;
  /** Picks a default bracket table (Binance USD-M: BTCUSDT, ETHUSDT, SOLUSDT, BNBUSDT). */
  symbol?: string;
  /**
   * Brackets to use instead of the default table: a BracketTable, Bracket[], a Binance
   * leverageBracket response, ccxt leverage tiers or Bybit risk-limit tiers (`symbol` picks one
   * symbol from a multi-symbol response).
   */
  brackets?: BracketSource;
  /** A single maintenance margin rate (maintenance amount 0) instead of brackets. */
  maintenanceMarginRate?: number;
  /** Cross margin: wallet balance (USD for linear, coin for inverse), > 0. */
  walletBalance?: number;
  /** Cross margin: maintenance margin of the account's other positions (Binance TMM1). */
  otherMaintenanceMargin?: number;
  /** Cross margin: unrealized PnL of the account's other positions (Binance UPNL1). */
  otherUnrealizedPnl?: number;
  /**
   * Taker fee rate (fraction) charged on the notional at the liquidation price, as a number or
   * `{ taker }`; 0 (fees excluded) unless given.
   */
  fees?: number | { taker?: number; maker?: number };
}

/** What `liquidationPrice` returns. */
export interface Liquidation {
  /**
   * Mark price at which equity equals maintenance margin. 0 for a long that no positive price
   * liquidates; Infinity for an inverse short that no price liquidates.
   */
  price: number;
  /** Price at which equity is zero (0 or Infinity under the same conditions as `price`). */
  bankruptcyPrice: number;
  /** Number of the bracket that applies at the liquidation price. */
  bracket: number;
  /** That bracket's maintenance margin rate. */
  maintenanceMarginRate: number;
  /** That bracket's maintenance amount (cum / mmDeduction). */
  maintenanceAmount: number;
}
