/**
 * The liquidation heatmap: time × price, colour by estimated liquidation USD (long + short, all
 * tiers) standing at each level, clipped at a percentile so a few huge cells do not wash out the
 * rest, with the candles on top and optional realized liquidations as markers.
 *
 * Alignment: column c is the book after the bar closing at times[c], and it stands until the next
 * column is taken: it is drawn over [times[c], times[c+1]) (the last column over one column step,
 * a lone column over one bar), its edges given to plotly exactly. A candle is drawn over the time
 * its bar traded, centred at open + bar interval / 2, so it sits over the cell whose book it
 * traded against; a realized marker sits on the candle of the bar holding its time.
 */
import type { Heatmap } from "../engine/types";
import { error } from "../util/errors";
import { checkArray, checkAscending, checkCandles, checkFinite, checkGrid, checkLength, checkObject, checkUsd } from "./check";
import type { Figure, Trace } from "./figure";
import { USD_FORMAT, ordinal, priceAxisFormat, priceDecimals, priceFormat, usdAmount, utcLabel, utcPlotly } from "./format";
import { cellEdges, markerSizes, meanColumns, medianStep, positivePercentile, transpose } from "./kernels";
import { resolveHeatmapOptions, type HeatmapOptions } from "./options";
import { realizedPoints } from "./realized";
import { estimateSubtitle, plotlyText, titled, userTitle } from "./text";
import { HEAT_SCALE, baseLayout } from "./theme";

const WHO = "heatmapFigure";

/** Realized-liquidation markers: bright, outlined, so they read on the dark colour scale. */
const MARKER = {
  long: { colour: "#ff3b3b", symbol: "triangle-down", label: "Realized long liquidations (reported)" },
  short: { colour: "#3bd1ff", symbol: "triangle-up", label: "Realized short liquidations (reported)" },
} as const;

function checkHeatmap(h: Heatmap): void {
  checkObject(h, "heatmap", WHO, "a heatmap (model.heatmap())");
  checkArray(h.times, "heatmap.times", WHO);
  const cols = h.times.length;
  if (cols === 0) throw error("heatmap has no time columns: no bar's close reached a multiple of the heatmap's step; pass a shorter step (model.heatmap({ step })) or more bars", { symbol: WHO, value: 0 });
  checkFinite(h.times, "heatmap.times", WHO);
  checkAscending(h.times, "heatmap.times", WHO);
  checkGrid(h.grid, "heatmap.grid", WHO);
  checkLength(h.z, cols, "heatmap.z", WHO);
  h.z.forEach((col, c) => {
    checkLength(col, h.grid.bins, `heatmap.z[${c}]`, WHO);
    checkUsd(col, `heatmap.z[${c}]`, WHO);
  });
  checkCandles(h.candles, "heatmap.candles", WHO);
}

/** Bar interval assumed when the candles give none (fewer than 2 candles). */
const LONE_BAR_MS = 3_600_000;

/** The bar interval: the candles' median spacing, or an hour with fewer than 2 candles. */
function barInterval(h: Heatmap): number {
  return medianStep(h.candles.time) || LONE_BAR_MS;
}

/** The x range: every cell and every candle's whole bar (a heatmap of one column shows that column's cell alone). */
function timeRange(h: Heatmap, edges: number[], bar: number): [string, string] {
  const c = h.candles.time;
  let lo = edges[0]!;
  let hi = edges[edges.length - 1]!;
  if (c.length > 0) {
    lo = Math.min(lo, c[0]!);
    hi = Math.max(hi, c[c.length - 1]! + bar);
  }
  return [utcPlotly(lo), utcPlotly(hi)];
}

/**
 * The heatmap figure of `heatmap`: estimated liquidation USD per time column and price bin,
 * colour clipped at options.clipPercentile (default the 99th percentile of non-zero cells).
 * Options and defaults: HeatmapOptions.
 */
export function heatmapFigure(heatmap: Heatmap, options: HeatmapOptions | null = {}): Figure {
  const o = resolveHeatmapOptions(options);
  checkHeatmap(heatmap);
  // More columns than the screen has pixels: each drawn cell is the mean of k columns.
  const k = heatmap.times.length > o.maxColumns ? Math.ceil(heatmap.times.length / o.maxColumns) : 1;
  const drawn = k > 1 ? meanColumns(heatmap.z, heatmap.times, heatmap.grid.bins, k) : { z: heatmap.z, times: heatmap.times };
  const clip = positivePercentile(drawn.z, o.clipPercentile);
  const bar = barInterval(heatmap);
  // Cell edges, not centres: column c stands from times[c] until the next column is taken.
  const edges = cellEdges(heatmap.times, k, bar);
  const n = heatmap.times.length;
  const cells = drawn.times.length;
  const priceHi = heatmap.grid.lo + heatmap.grid.step * heatmap.grid.bins;
  // Prices (not USD amounts) get the decimals the grid needs: none for BTC, 3 for DOGE at $0.15.
  const decimals = priceDecimals(heatmap.grid.step, Math.max(Math.abs(heatmap.grid.lo), Math.abs(priceHi)));
  const priceFmt = priceFormat(decimals);
  // Given edges, plotly's hover x is a cell's middle: a lone cell names its time(s) itself; others
  // say which book the cell is and give its middle.
  const lastGroup = n - (cells - 1) * k;
  const hoverTime =
    cells === 1
      ? n === 1
        ? `Book after the bar closing at ${utcLabel(heatmap.times[0]!)}`
        : `Mean of the ${n} books after the bars closing ${utcLabel(heatmap.times[0]!)} to ${utcLabel(heatmap.times[n - 1]!)}`
      : k > 1
        ? `Mean of ${k} columns${lastGroup < k ? ` (the last cell ${lastGroup})` : ""}, the first the book<br>after the bar closing at the cell's left edge (cell middle %{x|%Y-%m-%d %H:%M} UTC)`
        : "Book after the bar closing at the cell's left edge<br>(cell middle %{x|%Y-%m-%d %H:%M} UTC)";
  // Cells are written to five significant digits of the colour scale's top, whole dollars at most
  // (float32 cells would otherwise print as 1234.5677490234375 in the JSON): a BTC map in whole
  // dollars, a book of cents in cents' fractions, so no estimate under $1 is drawn as $0.
  const digits = clip > 0 ? Math.max(0, 4 - Math.floor(Math.log10(clip))) : 0;
  const round = digits === 0 ? Math.round : (v: number) => Number(v.toFixed(digits));
  const zFormat = digits === 0 ? USD_FORMAT : `$,.${Math.min(digits, 8)}~f`;
  const data: Trace[] = [
    {
      type: "heatmap",
      name: "Estimated liquidation USD",
      x: edges.map(utcPlotly),
      y: Array.from(heatmap.grid.prices),
      z: transpose(drawn.z, heatmap.grid.bins, round),
      zmin: 0,
      zmax: clip > 0 ? clip : 1,
      zauto: false,
      colorscale: HEAT_SCALE.map(([v, c]) => [v, c]),
      colorbar: {
        title: { text: "Estimated<br>liquidation USD", side: "top" },
        tickformat: zFormat,
        // No estimate anywhere: one "$0" tick, not $0 to $1 in whole dollars.
        ...(clip > 0 ? {} : { tickmode: "array", tickvals: [0], ticktext: ["$0"] }),
        thickness: 14,
        len: 0.8,
        x: 1.01,
        xanchor: "left",
      },
      hovertemplate: `${hoverTime}<br>Price %{y:${priceFmt}}<br>Estimated %{z:${zFormat}}<extra></extra>`,
      showscale: true,
    },
  ];
  if (o.candles && heatmap.candles.time.length > 0) {
    const t = heatmap.candles.time;
    data.push({
      type: "candlestick",
      name: "Price (candles)",
      // A candle's x is its middle: open + bar / 2 draws it over the time its bar traded.
      x: Array.from(t, (open) => utcPlotly(open + bar / 2)),
      open: Array.from(heatmap.candles.open),
      high: Array.from(heatmap.candles.high),
      low: Array.from(heatmap.candles.low),
      close: Array.from(heatmap.candles.close),
      hovertext: Array.from(t, (open) => `Bar opening ${utcLabel(open)}`),
      hoverinfo: "y+text+name",
      increasing: { line: { color: "#ffffff", width: 1 }, fillcolor: "rgba(255,255,255,0.85)" },
      decreasing: { line: { color: "#ffffff", width: 1 }, fillcolor: "rgba(0,0,0,0.9)" },
      whiskerwidth: 0,
    });
  }
  if (o.realized !== undefined) {
    const pts = realizedPoints(heatmap, o.realized, bar);
    let maxUsd = 0;
    for (const side of ["long", "short"] as const) for (const u of pts[side].usd) maxUsd = Math.max(maxUsd, u);
    for (const side of ["long", "short"] as const) {
      const p = pts[side];
      if (p.usd.length === 0) continue;
      // Sizes share one scale across sides so a marker's area means the same USD on both.
      const sizes = markerSizes([...p.usd, maxUsd], o.markerMaxSize, o.markerMinSize).slice(0, p.usd.length);
      data.push({
        type: "scatter",
        mode: "markers",
        name: MARKER[side].label,
        // On the candle of the bar holding it (as the candle is drawn: open + bar / 2).
        x: p.bar.map((j) => utcPlotly(heatmap.candles.time[j]! + bar / 2)),
        y: p.price,
        customdata: p.usd.map((u, i) => [u, p.when[i]!]),
        marker: { symbol: MARKER[side].symbol, color: MARKER[side].colour, size: sizes, line: { color: "#000000", width: 1 }, opacity: 0.9 },
        hovertemplate: `${side === "long" ? "Longs" : "Shorts"} liquidated (reported)<br>%{customdata[1]}<br>%{customdata[0]:${USD_FORMAT}}<extra></extra>`,
      });
    }
  }
  const first = heatmap.times[0]!;
  const last = heatmap.times[heatmap.times.length - 1]!;
  const single = heatmap.times.length === 1;
  const defaultTitle = single ? `Estimated liquidation heatmap at ${utcLabel(first)}` : `Estimated liquidation heatmap, ${utcLabel(first)} to ${utcLabel(last)}`;
  const title = o.title === undefined ? defaultTitle : userTitle(o.title);
  const colour = clip > 0 ? `colour clipped at the ${ordinal(o.clipPercentile)} percentile of non-zero cells, ${usdAmount(clip)}` : "no estimated liquidation USD in any cell";
  return {
    data,
    layout: {
      ...baseLayout(),
      title: titled(
        title,
        estimateSubtitle(
          single
            ? `modelled liquidation levels standing at that time, not reported liquidations · one column, drawn ${heatmap.candles.time.length > 1 ? "over the bar opening then" : "one hour wide"}`
            : "modelled liquidation levels standing at each time, not reported liquidations",
          heatmap.source,
          // The colour bar is in USD: a replay's heatmap says, as its maps do, that the level is not
          // validated, beside the data and above the colour scale's line (one line would not fit).
          (typeof heatmap.caveat === "string" && heatmap.caveat !== "" ? `${plotlyText(heatmap.caveat)}<br>` : "") + colour + (k > 1 ? ` · each cell the mean of ${k} of the ${heatmap.times.length} columns` : ""),
        ),
      ),
      margin: { l: 100, r: 150, t: 120, b: 120 },
      plot_bgcolor: HEAT_SCALE[0]![1],
      xaxis: { title: { text: "Time (UTC)" }, type: "date", range: single ? [utcPlotly(edges[0]!), utcPlotly(edges[1]!)] : timeRange(heatmap, edges, bar), rangeslider: { visible: false }, showgrid: false, ticks: "outside" },
      yaxis: { title: { text: "Price (USD)" }, tickformat: priceAxisFormat(decimals), range: [heatmap.grid.lo, priceHi], showgrid: false, ticks: "outside" },
      legend: { orientation: "h", x: 0, xanchor: "left", y: -0.14, yanchor: "top", itemsizing: "constant" },
      showlegend: true,
    },
  };
}
