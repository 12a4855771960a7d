/**
 * Every tunable number of the margin layer, in one place, each with its default.
 */
export const marginOptions = {
  /**
   * Allowed gap between a bracket's `maintenanceAmount` and
   * `floor × (mmr − previous mmr) + previous maintenanceAmount`: absolute, in the bracket's unit,
   * plus the same amount relative to the floor notional (exchanges round cum to cents; 1e-6
   * relative covers coin-denominated tables).
   */
  cumTolerance: 0.01,
  /** Relative tolerance on floor/cap when deciding whether a notional lies in a bracket. */
  notionalTolerance: 1e-12,
} as const;
