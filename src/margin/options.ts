/**
 * Every tunable number of the margin layer, in one place, each with its default.
 */
export const marginOptions = {
  /**
   * Allowed gap between a bracket's `maintenanceAmount` (cum) and
   * `floor × (mmr − previous mmr) + previous cum`, absolute in the bracket's unit (Binance rounds
   * USDT cum to cents); 1e-6 of the expected value is allowed on top.
   */
  cumTolerance: 0.01,
  /** Relative tolerance on floor/cap when deciding whether a notional lies in a bracket. */
  notionalTolerance: 1e-12,
} as const;
