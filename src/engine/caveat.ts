/**
 * What every replay map's and heatmap's estimate captions add: on the BTC validation file the
 * model's per-bar totals were 4.6–10.3 times the realized liquidations, unexplained
 * (docs/validation.md), so its ranks and shares are tested and its dollar amounts are not.
 */
export const DOLLAR_CAVEAT = "dollar level not validated: docs/validation.md";
