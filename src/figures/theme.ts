/**
 * Colours, fonts and sizes shared by every figure, so a common leverage tier (TIER_COLOURS) has
 * the same colour on the liquidation map, in a notebook table and in a saved PNG, whatever other
 * tiers a model uses; other tiers get distinct colours within each figure (tierColours).
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

/**
 * Colours for tiers outside TIER_COLOURS, handed out in ascending order of leverage within one
 * figure: its lowest unlisted tier takes the first, the next the second, and so on.
 */
export const FALLBACK_TIER_COLOURS: readonly string[] = ["#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173"];

/** "#rrggbb" of hue h (degrees), saturation s and lightness l (0..1). */
function hslHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(255 * v).toString(16).padStart(2, "0");
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/** The j-th colour past FALLBACK_TIER_COLOURS: hues a golden angle apart, two lightnesses. */
function extraColour(j: number): string {
  return hslHex((j * 137.508) % 360, 0.55, j % 2 === 0 ? 0.42 : 0.58);
}

/**
 * The colour of each tier of one figure, in the order given. A tier in TIER_COLOURS keeps its
 * colour (25× is the same yellow in every figure); the others take FALLBACK_TIER_COLOURS in
 * ascending order of leverage (then further colours, hues a golden angle apart), skipping any
 * colour already in use, so no two tiers of a figure share a colour. A repeated leverage is one
 * tier and gets one colour.
 */
export function tierColours(tiers: readonly number[]): string[] {
  const known = (lev: number) => (Object.hasOwn(TIER_COLOURS, lev) ? TIER_COLOURS[lev] : undefined);
  const used = new Set<string>();
  for (const lev of tiers) {
    const c = known(lev);
    if (c !== undefined) used.add(c);
  }
  const others = [...new Set(tiers.filter((lev) => known(lev) === undefined))].sort((a, b) => a - b);
  const picked = new Map<number, string>();
  let next = 0;
  for (const lev of others) {
    let colour: string;
    do {
      colour = next < FALLBACK_TIER_COLOURS.length ? FALLBACK_TIER_COLOURS[next]! : extraColour(next - FALLBACK_TIER_COLOURS.length);
      next++;
    } while (used.has(colour));
    used.add(colour);
    picked.set(lev, colour);
  }
  return tiers.map((lev) => known(lev) ?? picked.get(lev)!);
}

/**
 * The colour of leverage tier `leverage` in a figure whose tiers are `tiers` (default: this tier
 * alone): its TIER_COLOURS entry, else a fallback colour given by its rank among the figure's
 * tiers outside the table (tierColours).
 */
export function tierColour(leverage: number, tiers: readonly number[] = [leverage]): string {
  const all = tiers.includes(leverage) ? tiers : [...tiers, leverage];
  return tierColours(all)[all.indexOf(leverage)]!;
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
