/**
 * The liquidation map: estimated liquidation USD by price bin, stacked by leverage tier, with the
 * cumulative long curve below the current price and the cumulative short curve above it on a
 * second axis, a line at the current price and optional "what if price reaches X" thresholds.
 */
import type { LiquidationMap } from "../engine/types";
import { error, finite, positive } from "../util/errors";
import { checkArray, checkFinite, checkGrid, checkLength, checkObject, checkUsd } from "./check";
import type { Figure, Trace } from "./figure";
import { USD_FORMAT, priceDecimals, usdAxisFormat, priceAxisFormat, priceFormat, priceText, priceTextTrimmed, usdAmount, usdShort, utcLabel } from "./format";
import { tierTotals } from "./kernels";
import { resolveMapOptions, type MapOptions } from "./options";
import { estimateSubtitle, plotlyText, titled, truthSubtitle, userTitle } from "./text";
import { PRICE_LINE_COLOUR, SIDE_COLOURS, THRESHOLD_COLOUR, baseLayout, tierColours } from "./theme";

const WHO = "mapFigure";

function checkMap(map: LiquidationMap): void {
  checkObject(map, "map", WHO, "a liquidation map (model.mapAt(), liq.liquidationMap(...))");
  finite(map.time, "map.time", { symbol: WHO });
  positive(map.price, "map.price", { symbol: WHO });
  checkGrid(map.grid, "map.grid", WHO);
  const n = map.grid.bins;
  checkArray(map.tiers, "map.tiers", WHO);
  checkLength(map.long, map.tiers.length, "map.long", WHO);
  checkLength(map.short, map.tiers.length, "map.short", WHO);
  map.tiers.forEach((lev, t) => {
    positive(lev, `map.tiers[${t}]`, { symbol: WHO });
    checkLength(map.long[t]!, n, `map.long[${t}]`, WHO);
    checkLength(map.short[t]!, n, `map.short[${t}]`, WHO);
    checkUsd(map.long[t]!, `map.long[${t}]`, WHO);
    checkUsd(map.short[t]!, `map.short[${t}]`, WHO);
  });
  checkObject(map.cumulative, "map.cumulative", WHO, "the cumulative curves { price, long, short }");
  for (const key of ["price", "long", "short"] as const) checkLength(map.cumulative[key], n, `map.cumulative.${key}`, WHO);
  checkFinite(map.cumulative.price, "map.cumulative.price", WHO);
  checkUsd(map.cumulative.long, "map.cumulative.long", WHO);
  checkUsd(map.cumulative.short, "map.cumulative.short", WHO);
}

/**
 * One stacked bar trace per tier: long + short USD per bin. Each bin holds one side, except the bin
 * holding the price, which may hold both (liquidationMap allows it, combineMaps produces it): its
 * hover and customdata split the two, "longs $60 + shorts $11". customdata[i] is
 * [what the bin holds, long USD, short USD]; a bin's side is read from its USD, not its centre.
 */
function tierBars(map: LiquidationMap, priceFmt: string): Trace[] {
  const prices = Array.from(map.grid.prices);
  const colours = tierColours(map.tiers);
  return map.tiers.map((lev, t) => {
    const long = map.long[t]!;
    const short = map.short[t]!;
    const customdata = prices.map((p, i) => {
      const l = long[i]!;
      const s = short[i]!;
      const what = l > 0 && s > 0 ? `longs ${usdAmount(l)} + shorts ${usdAmount(s)}` : l > 0 ? "longs" : s > 0 ? "shorts" : p < map.price ? "longs" : "shorts";
      return [what, l, s];
    });
    return {
      type: "bar",
      name: `${lev}×`,
      legendgroup: "tiers",
      legendgrouptitle: { text: "Leverage tier" },
      x: prices,
      y: Array.from(tierTotals(long, short)),
      customdata,
      marker: { color: colours[t], line: { width: 0 } },
      hovertemplate: `Price %{x:${priceFmt}}<br>Tier ${lev}×, %{customdata[0]}<br>${map.truth === true ? "Known" : "Estimated"} %{y:${USD_FORMAT}}<extra></extra>`,
    };
  });
}

/** Sum over tiers of `side`'s USD in the bins whose centre passes `keep`. */
function sideUsd(map: LiquidationMap, side: "long" | "short", keep: (centre: number) => boolean): number {
  let usd = 0;
  const prices = map.grid.prices;
  for (const a of map[side]) for (let i = 0; i < prices.length; i++) if (keep(prices[i]!)) usd += a[i]!;
  return usd;
}

/**
 * The cumulative curves, each on its side of the current price, drawn as the step functions they
 * are (map.liquidationsIf). Falling to x liquidates the longs with centre >= x: constant on
 * (c_k, c_k+1] at its value at c_k+1, which plotly's line.shape "vh" draws (from a point, up or
 * down to the next point's value, then across to it). Rising to x liquidates the shorts with
 * centre <= x: constant on [c_k, c_k+1) at its value at c_k, line.shape "hv". Each curve runs
 * from the current price (just below it: the longs with centre >= the price; just above it: the
 * shorts with centre <= the price, both only in the bin holding the price) out to the far edge of
 * the grid or of the shown range, where it stays at the side's total. customdata[i] names the move
 * point i stands for.
 */
function cumulativeCurves(map: LiquidationMap, decimals: number, [lo, hi]: [number, number]): Trace[] {
  const { price, long, short } = map.cumulative;
  const p = map.price;
  const reach = (x: number) => `If price reaches ${priceText(x, decimals)}`;
  const below = { x: [] as number[], y: [] as number[], customdata: [] as string[] };
  const above = { x: [] as number[], y: [] as number[], customdata: [] as string[] };
  const push = (pts: typeof below, x: number, y: number, what: string) => {
    pts.x.push(x);
    pts.y.push(y);
    pts.customdata.push(what);
  };
  const start = Math.min(map.grid.lo, lo);
  const end = Math.max(map.grid.lo + map.grid.step * map.grid.bins, hi);
  // Just below the price: the longs with centre >= the price; just above it: the shorts with
  // centre <= the price (only the bin holding the price can hold either).
  const nearLong = sideUsd(map, "long", (c) => c >= p);
  const nearShort = sideUsd(map, "short", (c) => c <= p);
  for (let i = 0; i < price.length; i++) {
    if (price[i]! < p) push(below, price[i]!, long[i]!, reach(price[i]!));
    else if (price[i]! > p) push(above, price[i]!, short[i]!, reach(price[i]!));
  }
  // Beyond the outermost centre every level of the side is liquidated: the curve stays at that
  // centre's value out to the edge of the grid (or of the shown range).
  const firstLong = below.y.length > 0 ? below.y[0]! : nearLong;
  if (start < (below.x[0] ?? p)) {
    below.x.unshift(start);
    below.y.unshift(firstLong);
    below.customdata.unshift(reach(start));
  }
  if (below.x.length > 0) push(below, p, nearLong, `Just below the current price ${priceText(p, decimals)}`);
  const lastShort = above.y.length > 0 ? above.y[above.y.length - 1]! : nearShort;
  if (end > (above.x[above.x.length - 1] ?? p)) push(above, end, lastShort, reach(end));
  if (above.x.length > 0) {
    above.x.unshift(p);
    above.y.unshift(nearShort);
    above.customdata.unshift(`Just above the current price ${priceText(p, decimals)}`);
  }
  const curve = (side: "long" | "short", pts: typeof below, label: string): Trace => ({
    type: "scatter",
    mode: "lines",
    name: label,
    legendgroup: "cumulative",
    legendgrouptitle: { text: "Cumulative (right axis)" },
    x: pts.x,
    y: pts.y,
    customdata: pts.customdata,
    yaxis: "y2",
    line: { color: SIDE_COLOURS[side], width: 2.5, shape: side === "long" ? "vh" : "hv" },
    hovertemplate: `%{customdata}<br>${map.truth === true ? "known" : "estimated"} ${side}s liquidated %{y:${USD_FORMAT}}<extra></extra>`,
  });
  // Shorts first: the legend lists traces in reverse (as stacked bars read, top tier first), so
  // it reads "Longs if price falls" above "Shorts if price rises".
  return [curve("short", above, "Shorts if price rises"), curve("long", below, "Longs if price falls")];
}

/**
 * A threshold label takes about this share of the plot's width; one that would not fit between its
 * line and the edge of the price range goes on the line's other side (else it covers the axis).
 */
const LABEL_WIDTH_SHARE = 0.25;

/** Threshold labels hang in rows this share of the plot's height apart, at most LABEL_ROWS rows (the lowest from 0.17 down). */
const LABEL_ROW = 0.1;
const LABEL_ROWS = 9;

/** "$7.0M", "$845", "$0.40": short USD for a label, with cents (or the first significant digit) under $1 rather than "$0". */
function labelUsd(x: number): string {
  return x > 0 && x < 1 ? usdAmount(x) : usdShort(x);
}

/** Shapes and annotations: the current price and each threshold with its cumulative USD. */
function markers(map: LiquidationMap, thresholds: number[], [lo, hi]: [number, number], decimals: number) {
  const shapes: Record<string, unknown>[] = [
    { type: "line", xref: "x", yref: "paper", x0: map.price, x1: map.price, y0: 0, y1: 1, line: { color: PRICE_LINE_COLOUR, width: 2 } },
  ];
  const annotations: Record<string, unknown>[] = [
    {
      xref: "x",
      yref: "paper",
      x: map.price,
      y: 1,
      yanchor: "bottom",
      xanchor: "center",
      showarrow: false,
      text: `<b>Current price ${priceText(map.price, decimals)}</b>`,
      font: { size: 12, color: PRICE_LINE_COLOUR },
    },
  ];
  // Nearest threshold first, each a row lower, so labels never sit on one another; past LABEL_ROWS
  // rows the next label starts again at the top (the 10th beside the 1st, further out), so every
  // label stays inside the plot.
  const ordered = [...thresholds].sort((a, b) => Math.abs(a - map.price) - Math.abs(b - map.price) || a - b);
  ordered.forEach((target, k) => {
    const hit = map.liquidationsIf(target);
    const below = target < map.price;
    // Outward from the price (left of a level below it, right of one above), unless that overflows.
    const room = below ? (target - lo) / (hi - lo) : (hi - target) / (hi - lo);
    const left = below ? room >= LABEL_WIDTH_SHARE : room < LABEL_WIDTH_SHARE;
    shapes.push({ type: "line", xref: "x", yref: "paper", x0: target, x1: target, y0: 0, y1: 1, line: { color: THRESHOLD_COLOUR, width: 1.5, dash: "dash" } });
    // The simulator's truth is known, not estimated (as the hovers and axes say).
    const what = target === map.price ? "at the current price: nothing liquidated" : `${map.truth === true ? "" : "est. "}${labelUsd(hit.usd)} of ${hit.side}s liquidated`;
    annotations.push({
      xref: "x",
      yref: "paper",
      x: target,
      y: 0.97 - LABEL_ROW * (k % LABEL_ROWS),
      yanchor: "top",
      xanchor: left ? "right" : "left",
      xshift: left ? -4 : 4,
      showarrow: false,
      align: left ? "right" : "left",
      text: `If price reaches ${priceTextTrimmed(target, decimals)}:<br>${what}`,
      font: { size: 12, color: THRESHOLD_COLOUR },
      bgcolor: "rgba(255,255,255,0.88)",
      bordercolor: THRESHOLD_COLOUR,
      borderwidth: 1,
      borderpad: 3,
    });
  });
  return { shapes, annotations };
}

/**
 * The liquidation map figure of `map`. Bars: estimated liquidation USD per price bin stacked by
 * leverage tier (a distinct colour per tier; a tier in TIER_COLOURS the same in every figure).
 * Right axis: USD liquidated if price moves from the current price to each level, as steps.
 * Options and defaults: MapOptions.
 */
export function mapFigure(map: LiquidationMap, options: MapOptions | null = {}): Figure {
  const o = resolveMapOptions(options);
  checkMap(map);
  const gridLo = map.grid.lo;
  const gridHi = map.grid.lo + map.grid.step * map.grid.bins;
  let [lo, hi] = o.priceRange ?? [gridLo, gridHi];
  // A hand-built map's price may lie outside its grid: the default range still shows it (the
  // price line, its label and the cumulative curves' run to it).
  if (o.priceRange === undefined && (map.price < lo || map.price > hi)) {
    const pad = 0.02 * (Math.max(hi, map.price) - Math.min(lo, map.price));
    lo = Math.min(lo, map.price - pad);
    hi = Math.max(hi, map.price + pad);
  }
  if (o.priceRange === undefined && o.thresholds.length > 0) {
    const pad = 0.02 * (hi - lo);
    lo = Math.min(lo, Math.min(...o.thresholds) - pad);
    hi = Math.max(hi, Math.max(...o.thresholds) + pad);
  }
  if (!(hi > lo)) throw error("the map's price grid is empty", { symbol: WHO, value: map.grid.bins });
  // Prices (not USD amounts) get the decimals the grid needs: none for BTC, 3 for DOGE at $0.15.
  const decimals = priceDecimals(map.grid.step, Math.max(Math.abs(gridLo), Math.abs(gridHi), map.price));
  const priceFmt = priceFormat(decimals);
  const { shapes, annotations } = markers(map, o.thresholds, [lo, hi], decimals);
  // A hand-built book without a time has time 0 (liquidationMap's default): no 1970 in the title.
  // A map of the simulator's own positions is the known truth, and says so instead of "estimate".
  const truth = map.truth === true;
  const name = truth ? "Simulated true liquidation map" : "Estimated liquidation map";
  const title = o.title === undefined ? (map.time === 0 ? name : `${name} at ${utcLabel(map.time)}`) : userTitle(o.title, truth);
  const data = [...tierBars(map, priceFmt), ...(o.cumulative ? cumulativeCurves(map, decimals, [lo, hi]) : [])];
  // The largest bar (all tiers of a bin) and the largest cumulative value set each axis's ticks.
  let maxBin = 0;
  for (let i = 0; i < map.grid.bins; i++) {
    let v = 0;
    for (const a of map.long) v += a[i]!;
    for (const a of map.short) v += a[i]!;
    maxBin = Math.max(maxBin, v);
  }
  let maxCum = 0;
  for (let i = 0; i < map.grid.bins; i++) maxCum = Math.max(maxCum, map.cumulative.long[i]!, map.cumulative.short[i]!);
  return {
    data,
    layout: {
      ...baseLayout(),
      title: titled(title, truth ? truthSubtitle(map.source, `price ${priceText(map.price, decimals)}`) : estimateSubtitle("modelled liquidation levels of open leveraged positions, not reported liquidations", map.source, `price ${priceText(map.price, decimals)}${map.caveat ? ` · ${plotlyText(map.caveat)}` : ""}`)),
      barmode: "stack",
      // Bins touch, as the price axis is continuous: any gap is a fraction of a pixel at hundreds
      // of bins and antialiases into white stripes at irregular prices.
      bargap: 0,
      margin: { l: 110, r: 130, t: 130, b: 150 },
      xaxis: { title: { text: "Price (USD)" }, tickformat: priceAxisFormat(decimals), range: [lo, hi], showgrid: false, zeroline: false, ticks: "outside" },
      yaxis: { title: { text: truth ? "Liquidation USD per price bin" : "Estimated liquidation USD per price bin" }, tickformat: usdAxisFormat(maxBin), rangemode: "tozero", gridcolor: "#ececec", zeroline: false },
      yaxis2: {
        title: { text: truth ? "Cumulative USD liquidated" : "Cumulative estimated USD liquidated" },
        tickformat: usdAxisFormat(maxCum),
        overlaying: "y",
        tickmode: "auto",
        nticks: 8,
        side: "right",
        rangemode: "tozero",
        showgrid: false,
        zeroline: false,
        visible: o.cumulative,
      },
      legend: { orientation: "h", x: 0, xanchor: "left", y: -0.16, yanchor: "top", groupclick: "toggleitem", traceorder: "reversed+grouped" },
      shapes,
      annotations,
    },
  };
}
