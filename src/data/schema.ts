/**
 * The canonical schema of every table the loaders return, and the exact column layouts of the
 * Binance public archive (data.binance.vision) files. The simulator writes those archive files
 * from the same constants the loaders read them with, so writer and reader cannot drift apart.
 *
 * Units, for every kind:
 * - `time` is UTC epoch milliseconds; for bars it is the bar's OPEN time.
 * - prices are quote currency (USD/USDT) per base coin;
 * - `volume`, `takerBuyVolume`, `quantity`, `openInterest` are base coin (e.g. BTC);
 * - `quoteVolume`, `openInterestUsd`, `usd`, `longUsd`, `shortUsd` are USD;
 * - `fundingRate` is a fraction per funding interval (0.0001 = 0.01 %).
 */

/** The kinds of data a loader can return. */
export type DataKind =
  | "candles"
  | "openInterest"
  | "liquidations"
  | "liquidationTotals"
  | "trades"
  | "funding"
  | "bookDepth";

/** Canonical columns per kind: required first, then optional ones a source may provide. */
export const CANONICAL_COLUMNS: Readonly<Record<DataKind, { required: readonly string[]; optional: readonly string[] }>> = {
  /**
   * OHLC bars; `volume` base, `quoteVolume` USD, `takerBuyVolume` base, `trades` count;
   * `closeTime` UTC epoch ms where the source stamps it (Binance: open + interval − 1 ms), which
   * gives the engine a bar's interval from that bar alone. `openInterestUsd` where a file carries
   * open interest beside its bars (a header such as `oi_usd`): `replay` reads it by default.
   */
  candles: { required: ["time", "open", "high", "low", "close"], optional: ["volume", "quoteVolume", "takerBuyVolume", "trades", "closeTime", "openInterestUsd"] },
  /**
   * Open interest snapshots; `openInterest` base coin and/or `openInterestUsd`. Ratios:
   * `longShortRatio` global long/short account ratio, `topTraderLongShortRatio` top-trader
   * position ratio, `topTraderAccountRatio` top-trader account ratio, `takerBuySellRatio`
   * taker buy/sell volume ratio. `closeTime` (UTC epoch ms) where a row is a bar whose value is
   * the bar's close (Coinglass OHLC): when it became known, which the replay aligns by.
   */
  openInterest: {
    required: ["time"],
    optional: ["openInterest", "openInterestUsd", "longShortRatio", "topTraderLongShortRatio", "topTraderAccountRatio", "takerBuySellRatio", "closeTime"],
  },
  /** One row per liquidation order; `side` is the side liquidated ("long" | "short"). */
  liquidations: { required: ["time", "side", "price", "quantity", "usd"], optional: [] },
  /** Realized liquidations summed per bar, USD. */
  liquidationTotals: { required: ["time", "longUsd", "shortUsd"], optional: [] },
  /** Individual (aggregate) trades; `isBuyerMaker` true means the taker sold. */
  trades: { required: ["time", "price", "quantity", "isBuyerMaker"], optional: ["id"] },
  /** Funding settlements; `fundingRate` fraction, `markPrice` when the source has it. */
  funding: { required: ["time", "fundingRate"], optional: ["markPrice", "fundingIntervalHours"] },
  /**
   * Binance bookDepth snapshots: cumulative depth within `percentage` % of the mid price
   * (negative = bids, positive = asks), `depth` base coin, `notional` USD.
   */
  bookDepth: { required: ["time", "percentage", "depth", "notional"], optional: [] },
};

/**
 * Binance USD-M archive klines CSV (`futures/um/{daily,monthly}/klines/<SYMBOL>/<interval>/`),
 * in file order. Files since 2022 carry this header; older files have no header row.
 * Spot files since 2025 write `open_time`/`close_time` in microseconds.
 */
export const BINANCE_KLINES_COLUMNS = [
  "open_time", "open", "high", "low", "close", "volume", "close_time",
  "quote_volume", "count", "taker_buy_volume", "taker_buy_quote_volume", "ignore",
] as const;

/**
 * Binance USD-M archive `metrics` CSV (`futures/um/daily/metrics/<SYMBOL>/`), one row per 5 minutes.
 * `create_time` is text `YYYY-MM-DD HH:MM:SS` UTC. `count_toptrader_long_short_ratio` is the
 * top-trader ACCOUNT ratio, `sum_toptrader_long_short_ratio` the top-trader POSITION ratio,
 * `count_long_short_ratio` the global account ratio, `sum_taker_long_short_vol_ratio` taker buy/sell.
 */
export const BINANCE_METRICS_COLUMNS = [
  "create_time", "symbol", "sum_open_interest", "sum_open_interest_value",
  "count_toptrader_long_short_ratio", "sum_toptrader_long_short_ratio",
  "count_long_short_ratio", "sum_taker_long_short_vol_ratio",
] as const;

/**
 * Binance archive `liquidationSnapshot` CSV (`futures/{um,cm}/daily/liquidationSnapshot/<SYMBOL>/`).
 * `side` is the force order's side: SELL closes (liquidates) a long, BUY a short. Every row is
 * published twice.
 */
export const BINANCE_LIQUIDATION_SNAPSHOT_COLUMNS = [
  "time", "side", "order_type", "time_in_force", "original_quantity", "price",
  "average_price", "order_status", "last_fill_quantity", "accumulated_fill_quantity",
] as const;

/** Binance USD-M archive `fundingRate` CSV (`futures/um/monthly/fundingRate/<SYMBOL>/`). */
export const BINANCE_FUNDING_COLUMNS = ["calc_time", "funding_interval_hours", "last_funding_rate"] as const;

/** Binance archive `aggTrades` CSV; spot files add `is_best_match` and use microseconds since 2025. */
export const BINANCE_AGG_TRADES_COLUMNS = [
  "agg_trade_id", "price", "quantity", "first_trade_id", "last_trade_id", "transact_time", "is_buyer_maker",
] as const;

/** Binance USD-M archive `bookDepth` CSV; `timestamp` is text `YYYY-MM-DD HH:MM:SS` UTC. */
export const BINANCE_BOOK_DEPTH_COLUMNS = ["timestamp", "percentage", "depth", "notional"] as const;
