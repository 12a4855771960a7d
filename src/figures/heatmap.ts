/**
 * The liquidation heatmap: time × price, colour by estimated liquidation USD (long + short, all
 * tiers) standing at each level, clipped at a percentile so a few huge cells do not wash out the
 * rest, with the candles on top and optional realized liquidations as markers.
 *
 * Alignment: column c is taken at times[c], the close of one bar and the open of the next, and
 * plotly centres both heatmap cells and candles on their x. So the candle opening at times[c]
 * sits on the column of levels that stood while it traded. A heatmap of a single column is drawn
 * one bar wide (the bar opening at its time) and the x axis shows that bar.
 */
import type { Heatmap } from "../engine/types";
import { error } from "../util/errors";
import { checkArray, checkAscending, checkCandles, checkFinite, checkGrid, checkLength, checkObject, checkUsd } from "./check";
import type { Figure, Trace } from "./figure";
import { USD_FORMAT, ordinal, priceAxisFormat, priceDecimals, priceFormat, usdAmount, utcLabel, utcPlotly } from "./format";
import { markerSizes, meanColumns, medianStep, positivePercentile, transpose } from "./kernels";
import { resolveHeatmapOptions, type HeatmapOptions } from "./options";
import { realizedPoints } from "./realized";
import { estimateSubtitle, titled, userTitle } from "./text";
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

/** Width of a lone column when the candles give no bar interval (fewer than 2 candles). */
const LONE_COLUMN_MS = 3_600_000;

/**
 * Where a lone drawn column goes, as its two edges (epoch ms): plotly draws a heatmap with one x
 * value 1 ms wide, so the cell is given its edges instead. Several columns averaged into one
 * span from half a column step before the first to half a step after the last; one column spans
 * the bar opening at its time (the candle drawn on it), centred on it like every column.
 */
function loneColumnEdges(h: Heatmap): [number, number] {
  const t = h.times;
  const n = t.length;
  if (n > 1) {
    const step = medianStep(t);
    return [t[0]! - step / 2, t[n - 1]! + step / 2];
  }
  const bar = medianStep(h.candles.time) || LONE_COLUMN_MS;
  return [t[0]! - bar / 2, t[0]! + bar / 2];
}

/** The x range: every column and candle, half a bar either side (plotly centres both on x). */
function timeRange(h: Heatmap): [string, string] {
  const c = h.candles.time;
  const step = medianStep(c.length > 1 ? c : h.times);
  let lo = h.times[0]!;
  let hi = h.times[h.times.length - 1]!;
  if (c.length > 0) {
    lo = Math.min(lo, c[0]!);
    hi = Math.max(hi, c[c.length - 1]!);
  }
  return [utcPlotly(lo - step / 2), utcPlotly(hi + step / 2)];
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
  const lone = drawn.times.length === 1 ? loneColumnEdges(heatmap) : undefined;
  const x = lone === undefined ? Array.from(drawn.times, utcPlotly) : lone.map(utcPlotly);
  const priceHi = heatmap.grid.lo + heatmap.grid.step * heatmap.grid.bins;
  // Prices (not USD amounts) get the decimals the grid needs: none for BTC, 3 for DOGE at $0.15.
  const decimals = priceDecimals(heatmap.grid.step, Math.max(Math.abs(heatmap.grid.lo), Math.abs(priceHi)));
  const priceFmt = priceFormat(decimals);
  // A lone column's x holds its edges, so the hover names its time itself.
  const hoverTime = lone === undefined ? "%{x|%Y-%m-%d %H:%M} UTC" : utcLabel(drawn.times[0]!);
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
      x,
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
      hovertemplate: `${hoverTime}<br>Price %{y:${priceFmt}}<br>Estimated ${k > 1 ? `(mean of ${k} columns) ` : ""}%{z:${zFormat}}<extra></extra>`,
      showscale: true,
    },
  ];
  if (o.candles && heatmap.candles.time.length > 0) {
    data.push({
      type: "candlestick",
      name: "Price (candles)",
      x: Array.from(heatmap.candles.time, utcPlotly),
      open: Array.from(heatmap.candles.open),
      high: Array.from(heatmap.candles.high),
      low: Array.from(heatmap.candles.low),
      close: Array.from(heatmap.candles.close),
      increasing: { line: { color: "#ffffff", width: 1 }, fillcolor: "rgba(255,255,255,0.85)" },
      decreasing: { line: { color: "#ffffff", width: 1 }, fillcolor: "rgba(0,0,0,0.9)" },
      whiskerwidth: 0,
    });
  }
  if (o.realized !== undefined) {
    const pts = realizedPoints(heatmap, o.realized);
    let maxUsd = 0;
    for (const side of ["long", "short"] as const) for (const u of pts[side].usd) maxUsd = Math.max(maxUsd, u);
    for (const side of ["long", "short"] as const) {
      const p = pts[side];
      if (p.usd.length === 0) continue;
      // Sizes share one scale across sides so a marker's area means the same USD on both.
      const sizes = markerSizes([...p.usd, maxUsd], o.markerMaxSize).slice(0, p.usd.length);
      data.push({
        type: "scatter",
        mode: "markers",
        name: MARKER[side].label,
        x: p.time.map(utcPlotly),
        y: p.price,
        customdata: p.usd,
        marker: { symbol: MARKER[side].symbol, color: MARKER[side].colour, size: sizes, line: { color: "#000000", width: 1 }, opacity: 0.9 },
        hovertemplate: `${side === "long" ? "Longs" : "Shorts"} liquidated (reported)<br>%{x|%Y-%m-%d %H:%M} UTC<br>%{customdata:${USD_FORMAT}}<extra></extra>`,
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
          colour + (k > 1 ? ` · each cell the mean of ${k} of the ${heatmap.times.length} columns` : ""),
        ),
      ),
      margin: { l: 100, r: 150, t: 120, b: 120 },
      plot_bgcolor: HEAT_SCALE[0]![1],
      xaxis: { title: { text: "Time (UTC)" }, type: "date", range: single ? lone!.map(utcPlotly) : timeRange(heatmap), rangeslider: { visible: false }, showgrid: false, ticks: "outside" },
      yaxis: { title: { text: "Price (USD)" }, tickformat: priceAxisFormat(decimals), range: [heatmap.grid.lo, priceHi], showgrid: false, ticks: "outside" },
      legend: { orientation: "h", x: 0, xanchor: "left", y: -0.14, yanchor: "top", itemsizing: "constant" },
      showlegend: true,
    },
  };
}
