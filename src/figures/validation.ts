/**
 * Validation charts for backtest results: estimated vs realized liquidation USD per bar (log
 * axes, the naive baseline beside the model), and the per-bar time series of both sides.
 */
import type { Side } from "../engine/types";
import type { BacktestResult, Metrics } from "../validate/types";
import type { Figure, Trace } from "./figure";
import { USD_FORMAT, usdAmount, utcLabel, utcPlotly } from "./format";
import { logTicks, percentOfTotal } from "./kernels";
import { resolveScatterOptions, resolveSeriesOptions, type ValidationScatterOptions, type ValidationSeriesOptions } from "./options";
import { sideSeries } from "./series";
import { estimateSubtitle, plotlyText, titled, userTitle } from "./text";
import { BASELINE_COLOUR, REALIZED_COLOUR, SIDE_COLOURS, baseLayout } from "./theme";

/**
 * "Spearman 0.62 · log-Pearson 0.55 · top-5% capture 40% · calibration 2.10×"; the top share is
 * the result's `realizedTop` (default 0.05, as backtest's).
 */
export function metricsLine(m: Metrics, realizedTop = 0.05): string {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : String(x));
  const pct = Number.isFinite(m.topCapture) ? `${Math.round(m.topCapture * 100)}%` : String(m.topCapture);
  const top = `${Number((realizedTop * 100).toPrecision(3))}%`;
  return `Spearman ${f(m.spearman)} · log-Pearson ${f(m.logPearson)} · top-${top} capture ${pct} · calibration ${f(m.calibration)}×`;
}

/** Indices where both series are > 0: the points a log-log chart can place as they are. */
export function bothPositive(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i]! > 0 && b[i]! > 0) out.push(i);
  return out;
}

/** log10 of the smallest and largest value > 0 over the series; [0, 1] when none is positive. */
function positiveSpan(...series: ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.length; i++) {
      if (s[i]! > 0) {
        lo = Math.min(lo, s[i]!);
        hi = Math.max(hi, s[i]!);
      }
    }
  }
  return hi > 0 ? [Math.log10(lo), Math.log10(hi)] : [0, 1];
}

/**
 * The scatter's log axis: the positive values' span, plus a "$0" line half a decade below the
 * smallest positive value, where bars with a zero on that axis are drawn (log axes have no 0).
 */
export function scatterAxis(span: [number, number], maxTicks: number) {
  const zero = span[0] - 0.5;
  const range: [number, number] = [zero - 0.2, span[1] + 0.1];
  const ticks = logTicks(span[0], span[1], maxTicks);
  return {
    zero: 10 ** zero,
    /** Where a dotted break line separates the $0 line from the positive values. */
    gap: 10 ** (zero + 0.25),
    range,
    tickvals: [10 ** zero, ...ticks],
    ticktext: ["$0", ...ticks.map(usdAmount)],
  };
}

const SIDE_WORD: Record<Side, string> = { long: "long", short: "short" };

/**
 * Where the result's realized numbers come from (its `realized`; a hand-built result without one:
 * exchange-reported), as plotly text: it is an option's text, so it is escaped.
 */
export function realizedLabel(result: BacktestResult): string {
  return plotlyText(typeof result.realized === "string" && result.realized.trim() !== "" ? result.realized : "exchange-reported");
}

/**
 * "left out of the scores: 13 of 864 bars, 2 realized rows ($7,000,000)" when the result says its
 * scores left something out (its `leftOut`), so a figure never reads as all of the data; else
 * undefined. The one wording of it: the series caption, the command line and show() use it too.
 */
export function leftOutNote(result: Pick<BacktestResult, "bars" | "leftOut">): string | undefined {
  const l = result.leftOut;
  if (!l || (l.bars === 0 && l.realizedRows === 0)) return undefined;
  return `left out of the scores: ${l.bars} of ${result.bars + l.bars} bars, ${l.realizedRows} realized rows (${usdAmount(l.realizedUsd)})`;
}

/** The subtitle notes, joined; undefined when there are none. */
function notes(...parts: (string | undefined)[]): string | undefined {
  const kept = parts.filter((p): p is string => p !== undefined);
  return kept.length > 0 ? kept.join(" · ") : undefined;
}

/**
 * Estimated vs realized liquidation USD per bar for one side, log axes: the model on the left,
 * the naive baseline on the right, each with its scores and a y = x line. Bars with $0 estimated
 * or realized sit as open circles on the "$0" lines at the axes' low ends. Options:
 * ValidationScatterOptions.
 */
export function validationScatterFigure(result: BacktestResult, options: ValidationScatterOptions | null = {}): Figure {
  const o = resolveScatterOptions(options);
  const who = "validationScatterFigure";
  const s = sideSeries(result, o.side, who);
  const span = positiveSpan(s.estimated, s.baseline, s.realized);
  const xAxis = scatterAxis(span, 5);
  const yAxis = scatterAxis(span, 9);
  const diag = [10 ** span[0], 10 ** span[1]];
  const top = result.realizedTop;
  const panels = [
    { label: "Model estimate", est: s.estimated, colour: SIDE_COLOURS[o.side], metrics: result[o.side].model, axis: "" },
    { label: "Naive baseline", est: s.baseline, colour: BASELINE_COLOUR, metrics: result[o.side].baseline, axis: "2" },
  ] as const;
  const data: Trace[] = [];
  const annotations: Record<string, unknown>[] = [];
  const shapes: Record<string, unknown>[] = [];
  const n = s.time.length;
  panels.forEach((p, k) => {
    const axes = { xaxis: `x${p.axis}`, yaxis: `y${p.axis}` };
    const both = bothPositive(p.est, s.realized);
    const zeros: number[] = [];
    for (let i = 0; i < n; i++) if (!(p.est[i]! > 0 && s.realized[i]! > 0)) zeros.push(i);
    const hover = `Bar opening %{customdata} UTC<br>${p.label} %{text}<extra></extra>`;
    const label = (i: number) => `${usdAmount(p.est[i]!)}<br>Realized ${usdAmount(s.realized[i]!)}`;
    data.push({
      type: "scatter",
      mode: "markers",
      name: `${p.label} vs realized`,
      x: both.map((i) => p.est[i]!),
      y: both.map((i) => s.realized[i]!),
      customdata: both.map((i) => utcPlotly(s.time[i]!).slice(0, 16)),
      text: both.map(label),
      marker: { color: p.colour, size: 7, opacity: 0.65, line: { width: 0.5, color: "#ffffff" } },
      hovertemplate: hover,
      ...axes,
    });
    data.push({
      type: "scatter",
      mode: "markers",
      name: "$0 estimated or realized (on the $0 lines)",
      legendgroup: "zeros",
      showlegend: k === 0,
      x: zeros.map((i) => (p.est[i]! > 0 ? p.est[i]! : xAxis.zero)),
      y: zeros.map((i) => (s.realized[i]! > 0 ? s.realized[i]! : yAxis.zero)),
      customdata: zeros.map((i) => utcPlotly(s.time[i]!).slice(0, 16)),
      text: zeros.map(label),
      marker: { color: p.colour, size: 6, opacity: 0.6, symbol: "circle-open" },
      hovertemplate: hover,
      ...axes,
    });
    data.push({
      type: "scatter",
      mode: "lines",
      name: "estimate = realized",
      legendgroup: "diag",
      showlegend: k === 0,
      x: diag,
      y: diag,
      line: { color: "#888888", width: 1, dash: "dot" },
      hoverinfo: "skip",
      ...axes,
    });
    const line = { color: "#bbbbbb", width: 1, dash: "dot" };
    shapes.push(
      { type: "line", xref: `x${p.axis}`, yref: `y${p.axis} domain`, x0: xAxis.gap, x1: xAxis.gap, y0: 0, y1: 1, line },
      { type: "line", xref: `x${p.axis} domain`, yref: `y${p.axis}`, x0: 0, x1: 1, y0: yAxis.gap, y1: yAxis.gap, line },
    );
    annotations.push({
      xref: `x${p.axis} domain`,
      yref: `y${p.axis} domain`,
      x: 0,
      y: 1,
      xanchor: "left",
      yanchor: "bottom",
      yshift: 6,
      showarrow: false,
      align: "left",
      text: `<b>${p.label}</b> · ${n} bars, ${zeros.length} with $0 on an axis<br>${metricsLine(p.metrics, top)}`,
      font: { size: 12 },
    });
  });
  const axis = (a: ReturnType<typeof scatterAxis>, domain: [number, number], anchor: string, title: string) => ({
    type: "log",
    range: a.range,
    domain,
    anchor,
    title: { text: title },
    tickmode: "array",
    tickvals: a.tickvals,
    ticktext: a.ticktext,
    tickangle: 0,
    gridcolor: "#ececec",
    zeroline: false,
  });
  const side = SIDE_WORD[o.side];
  const title = o.title === undefined ? `Estimated vs realized ${side} liquidations per bar` : userTitle(o.title);
  return {
    data,
    layout: {
      ...baseLayout(),
      title: titled(title, estimateSubtitle(`model and baseline USD per bar; realized USD is ${realizedLabel(result)}`, result.source, notes("log axes; bars with $0 sit on the $0 lines", leftOutNote(result)))),
      margin: { l: 110, r: 60, t: 150, b: 130 },
      xaxis: axis(xAxis, [0, 0.45], "y", `Model-estimated ${side} liquidation USD per bar`),
      yaxis: axis(yAxis, [0, 1], "x", `Realized ${side} liquidation USD per bar`),
      xaxis2: axis(xAxis, [0.55, 1], "y2", `Baseline-estimated ${side} liquidation USD per bar`),
      yaxis2: axis(yAxis, [0, 1], "x2", ""),
      legend: { orientation: "h", x: 0, xanchor: "left", y: -0.14, yanchor: "top" },
      shapes,
      annotations,
    },
  };
}

/**
 * Estimated (model and, by default, baseline) and realized liquidations per bar over time:
 * longs on top, shorts below, one shared time axis. By default each series is drawn as a share
 * of its own total over the period (options.scale "share"); "usd" draws USD per bar. Hover shows
 * USD either way. Options: ValidationSeriesOptions.
 */
export function validationSeriesFigure(result: BacktestResult, options: ValidationSeriesOptions | null = {}): Figure {
  const o = resolveSeriesOptions(options);
  const who = "validationSeriesFigure";
  const share = o.scale === "share";
  const data: Trace[] = [];
  const annotations: Record<string, unknown>[] = [];
  let first = NaN;
  let last = NaN;
  (["long", "short"] as const).forEach((side, k) => {
    const s = sideSeries(result, side, who);
    const x = Array.from(s.time, utcPlotly);
    if (s.time.length > 0) {
      first = s.time[0]!;
      last = s.time[s.time.length - 1]!;
    }
    const axes = { xaxis: k === 0 ? "x" : "x2", yaxis: k === 0 ? "y" : "y2" };
    const y = (v: ArrayLike<number>) => (share ? percentOfTotal(v) : Array.from(v));
    const hover = (label: string) =>
      share
        ? `%{x|%Y-%m-%d %H:%M} UTC<br>${label} %{customdata:${USD_FORMAT}}<br>%{y:.2f}% of the period's total<extra></extra>`
        : `%{x|%Y-%m-%d %H:%M} UTC<br>${label} %{y:${USD_FORMAT}}<extra></extra>`;
    data.push({
      type: "bar",
      name: `Realized (${realizedLabel(result)})`,
      legendgroup: "realized",
      showlegend: k === 0,
      x,
      y: y(s.realized),
      customdata: Array.from(s.realized),
      marker: { color: REALIZED_COLOUR },
      hovertemplate: hover(`Realized ${side}s`),
      ...axes,
    });
    data.push({
      type: "scatter",
      mode: "lines",
      name: `Model estimate (${side}s)`,
      x,
      y: y(s.estimated),
      customdata: Array.from(s.estimated),
      line: { color: SIDE_COLOURS[side], width: 1.4 },
      hovertemplate: hover(`Model-estimated ${side}s`),
      ...axes,
    });
    if (o.baseline) {
      data.push({
        type: "scatter",
        mode: "lines",
        name: "Naive baseline (estimate)",
        legendgroup: "baseline",
        showlegend: k === 0,
        x,
        y: y(s.baseline),
        customdata: Array.from(s.baseline),
        line: { color: BASELINE_COLOUR, width: 1.2, dash: "dot" },
        hovertemplate: hover(`Baseline-estimated ${side}s`),
        ...axes,
      });
    }
    annotations.push({
      xref: `${axes.xaxis} domain`,
      yref: `${axes.yaxis} domain`,
      x: 0,
      y: 1,
      xanchor: "left",
      yanchor: "bottom",
      yshift: 4,
      showarrow: false,
      align: "left",
      // The baseline's scores always stand beside the model's, drawn or not.
      text: `<b>${side === "long" ? "Long" : "Short"} liquidations</b> · model ${metricsLine(result[side].model, result.realizedTop)}<br>naive baseline ${metricsLine(result[side].baseline, result.realizedTop)}`,
      font: { size: 12 },
    });
  });
  const range = Number.isFinite(first) ? `, ${utcLabel(first)} to ${utcLabel(last)}` : "";
  const title = o.title === undefined ? `Estimated and realized liquidations per bar${range}` : userTitle(o.title);
  const yaxis = (domain: [number, number], anchor: string) => ({
    domain,
    anchor,
    title: { text: share ? "% of the period's total" : "USD per bar" },
    ...(share ? { ticksuffix: "%", tickformat: ".1f" } : { tickformat: USD_FORMAT }),
    rangemode: "tozero",
    gridcolor: "#ececec",
    zeroline: false,
    ticks: "outside",
    ticklen: 4,
    tickcolor: "#ffffff",
  });
  const note = share ? "each series as % of its own total over the period: compare timing and relative size, not dollars" : undefined;
  return {
    data,
    layout: {
      ...baseLayout(),
      title: titled(title, estimateSubtitle(`${o.baseline ? "model and baseline liquidations per bar" : "model liquidations per bar (baseline not drawn; its scores are above each panel)"}; realized is ${realizedLabel(result)}`, result.source, notes(note, leftOutNote(result)))),
      margin: { l: 110, r: 40, t: 120, b: 110 },
      bargap: 0.1,
      xaxis: { anchor: "y", matches: "x2", showticklabels: false, type: "date" },
      yaxis: yaxis([0.55, 0.9], "x"),
      xaxis2: { anchor: "y2", type: "date", title: { text: "Bar open time (UTC)" }, ticks: "outside", ticklabelstandoff: 4 },
      yaxis2: yaxis([0, 0.39], "x2"),
      legend: { orientation: "h", x: 0, xanchor: "left", y: -0.13, yanchor: "top" },
      annotations,
    },
  };
}
