/**
 * Colours, fonts and sizes shared by every figure, so a leverage tier has the same colour on the
 * liquidation map, in a notebook table and in a saved PNG, whatever other tiers a model uses.
 */

/**
 * Colour of each common leverage tier, keyed by the leverage itself (not by position in a
 * model's tier list): 25× is the same yellow whether the model uses [10, 25, 100] or
 * [5, 25, 50]. Low leverage is cool, high leverage is warm.
 */
export const TIER_COLOURS: Readonly<Record<number, string>> = {
  1: "#8c8c8c",
  2: "#9c755f",
  3: "#b07aa1",
  5: "#76b7b2",
  10: "#4e79a7",
  20: "#59a14f",
  25: "#edc948",
  50: "#f28e2b",
  75: "#ff9da7",
  100: "#e15759",
  125: "#8e3b6d",
};

/** Colours for tiers outside TIER_COLOURS, picked by the leverage value so they are stable. */
const FALLBACK = ["#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173"];

/** The colour of leverage tier `leverage`, identical in every figure. */
export function tierColour(leverage: number): string {
  const known = TIER_COLOURS[leverage];
  if (known !== undefined) return known;
  const key = Math.round(leverage * 1000);
  return FALLBACK[((key % FALLBACK.length) + FALLBACK.length) % FALLBACK.length]!;
}

/** Long and short liquidations: the cumulative curves, realized markers and validation lines. */
export const SIDE_COLOURS = { long: "#b2182b", short: "#2166ac" } as const;

/** Realized (exchange-reported) liquidations in the validation charts. */
export const REALIZED_COLOUR = "#4d4d4d";

/** The naive baseline in the validation charts. */
export const BASELINE_COLOUR = "#999999";

/** The current-price line and threshold lines. */
export const PRICE_LINE_COLOUR = "#222222";
export const THRESHOLD_COLOUR = "#6a3d9a";

/** Heatmap colour scale, dark (no estimated liquidations) to bright (the clip level and above). */
export const HEAT_SCALE: ReadonlyArray<[number, string]> = [
  [0, "#0d0887"],
  [0.15, "#46039f"],
  [0.3, "#7201a8"],
  [0.45, "#9c179e"],
  [0.6, "#bd3786"],
  [0.72, "#d8576b"],
  [0.84, "#ed7953"],
  [0.93, "#fb9f3a"],
  [1, "#f0f921"],
];

export const FONT = { family: "Open Sans, Helvetica, Arial, sans-serif", size: 13, color: "#222222" } as const;

/** Layout pieces every figure starts from: white background, light grid, title top-left. */
export function baseLayout(): Record<string, unknown> {
  return {
    font: { ...FONT },
    paper_bgcolor: "#ffffff",
    plot_bgcolor: "#ffffff",
    hovermode: "closest",
    hoverlabel: { namelength: -1 },
  };
}
