/**
 * Validation charts for backtest results: estimated vs realized liquidation USD per bar (log
 * axes, the naive baseline beside the model), and the per-bar time series of both sides.
 */
import type { Side } from "../engine/types";
import type { BacktestResult, Metrics } from "../validate/types";
import type { Figure, Trace } from "./figure";
import { USD_FORMAT, utcLabel, utcPlotly } from "./format";
import { resolveScatterOptions, resolveSeriesOptions, type ValidationScatterOptions, type ValidationSeriesOptions } from "./options";
import { sideSeries } from "./series";
import { estimateSubtitle, plotlyText, titled } from "./text";
import { BASELINE_COLOUR, REALIZED_COLOUR, SIDE_COLOURS, baseLayout } from "./theme";

/** "Spearman 0.62 · log-Pearson 0.55 · top-5% capture 40% · calibration 2.1×". */
export function metricsLine(m: Metrics): string {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : String(x));
  const pct = Number.isFinite(m.topCapture) ? `${Math.round(m.topCapture * 100)}%` : String(m.topCapture);
  return `Spearman ${f(m.spearman)} · log-Pearson ${f(m.logPearson)} · top-5% capture ${pct} · calibration ${f(m.calibration)}×`;
}

/** Indices where both series are > 0: the only points a log-log chart can place. */
export function bothPositive(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i]! > 0 && b[i]! > 0) out.push(i);
  return out;
}

/** log10 range covering every value > 0 of the given series, padded by 0.1 decade. */
function logRange(...series: ArrayLike<number>[]): [number, number] {
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
  if (!(hi > 0)) return [0, 1];
  return [Math.log10(lo) - 0.1, Math.log10(hi) + 0.1];
}

const SIDE_WORD: Record<Side, string> = { long: "long", short: "short" };

/**
 * Estimated vs realized liquidation USD per bar for one side, log axes: the model on the left,
 * the naive baseline on the right, each with its scores and a y = x line. Bars where either value
 * is 0 cannot sit on log axes and are counted in the subtitle. Options: ValidationScatterOptions.
 */
export function validationScatterFigure(result: BacktestResult, options: ValidationScatterOptions = {}): Figure {
  const o = resolveScatterOptions(options);
  const who = "validationScatterFigure";
  const s = sideSeries(result, o.side, who);
  const range = logRange(s.estimated, s.baseline, s.realized);
  const diag = [10 ** range[0], 10 ** range[1]];
  const panels = [
    { key: "model", label: "Model estimate", est: s.estimated, colour: SIDE_COLOURS[o.side], metrics: result[o.side].model, axis: "" },
    { key: "baseline", label: "Naive baseline", est: s.baseline, colour: BASELINE_COLOUR, metrics: result[o.side].baseline, axis: "2" },
  ] as const;
  const data: Trace[] = [];
  const annotations: Record<string, unknown>[] = [];
  panels.forEach((p, k) => {
    const idx = bothPositive(p.est, s.realized);
    data.push({
      type: "scatter",
      mode: "markers",
      name: `${p.label} vs realized`,
      x: idx.map((i) => p.est[i]!),
      y: idx.map((i) => s.realized[i]!),
      customdata: idx.map((i) => utcPlotly(s.time[i]!).slice(0, 16)),
      xaxis: `x${p.axis}`,
      yaxis: `y${p.axis}`,
      marker: { color: p.colour, size: 7, opacity: 0.65, line: { width: 0.5, color: "#ffffff" } },
      hovertemplate: `Bar opening %{customdata} UTC<br>${p.label} %{x:${USD_FORMAT}}<br>Realized %{y:${USD_FORMAT}}<extra></extra>`,
    });
    data.push({
      type: "scatter",
      mode: "lines",
      name: "estimate = realized",
      legendgroup: "diag",
      showlegend: k === 0,
      x: diag,
      y: diag,
      xaxis: `x${p.axis}`,
      yaxis: `y${p.axis}`,
      line: { color: "#888888", width: 1, dash: "dot" },
      hoverinfo: "skip",
    });
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
      text: `<b>${p.label}</b> (${idx.length} of ${result.bars} bars shown)<br>${metricsLine(p.metrics)}`,
      font: { size: 12 },
    });
  });
  const axis = (domain: [number, number], anchor: string, title: string) => ({
    type: "log",
    range,
    domain,
    anchor,
    title: { text: title },
    tickformat: USD_FORMAT,
    dtick: 1,
    gridcolor: "#ececec",
    zeroline: false,
  });
  const side = SIDE_WORD[o.side];
  const title = o.title === undefined ? `Estimated vs realized ${side} liquidations per bar` : plotlyText(o.title);
  return {
    data,
    layout: {
      ...baseLayout(),
      title: titled(title, estimateSubtitle("model and baseline USD per bar; realized USD is exchange-reported", result.source, `${result.bars} bars; bars with a zero are off the log axes`)),
      margin: { l: 110, r: 40, t: 150, b: 130 },
      xaxis: axis([0, 0.45], "y", `Model-estimated ${side} liquidation USD per bar`),
      yaxis: axis([0, 1], "x", `Realized ${side} liquidation USD per bar`),
      xaxis2: axis([0.55, 1], "y2", `Baseline-estimated ${side} liquidation USD per bar`),
      yaxis2: { ...axis([0, 1], "x2", ""), title: { text: "" } },
      legend: { orientation: "h", x: 0, xanchor: "left", y: -0.14, yanchor: "top" },
      annotations,
    },
  };
}

/**
 * Estimated (model and, by default, baseline) and realized liquidation USD per bar over time:
 * longs on top, shorts below, one shared time axis. Options: ValidationSeriesOptions.
 */
export function validationSeriesFigure(result: BacktestResult, options: ValidationSeriesOptions = {}): Figure {
  const o = resolveSeriesOptions(options);
  const who = "validationSeriesFigure";
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
    const hover = (label: string) => `%{x|%Y-%m-%d %H:%M} UTC<br>${label} %{y:${USD_FORMAT}}<extra></extra>`;
    data.push({
      type: "bar",
      name: "Realized (exchange-reported)",
      legendgroup: "realized",
      showlegend: k === 0,
      x,
      y: Array.from(s.realized),
      marker: { color: REALIZED_COLOUR },
      hovertemplate: hover(`Realized ${side}s`),
      ...axes,
    });
    data.push({
      type: "scatter",
      mode: "lines",
      name: `Model estimate (${side}s)`,
      x,
      y: Array.from(s.estimated),
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
        y: Array.from(s.baseline),
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
      text: `<b>${side === "long" ? "Long" : "Short"} liquidations</b> · model ${metricsLine(result[side].model)}`,
      font: { size: 12 },
    });
  });
  const range = Number.isFinite(first) ? ` ${utcLabel(first)} to ${utcLabel(last)}` : "";
  const title = o.title === undefined ? `Estimated and realized liquidations per bar,${range}` : plotlyText(o.title);
  const yaxis = (domain: [number, number], anchor: string) => ({
    domain,
    anchor,
    title: { text: "USD per bar" },
    tickformat: USD_FORMAT,
    rangemode: "tozero",
    gridcolor: "#ececec",
    zeroline: false,
    ticks: "outside",
    ticklen: 4,
    tickcolor: "#ffffff",
  });
  return {
    data,
    layout: {
      ...baseLayout(),
      title: titled(title, estimateSubtitle("model and baseline USD per bar; realized USD is exchange-reported", result.source)),
      margin: { l: 110, r: 40, t: 120, b: 110 },
      bargap: 0.1,
      xaxis: { anchor: "y", matches: "x2", showticklabels: false, type: "date" },
      yaxis: yaxis([0.55, 0.94], "x"),
      xaxis2: { anchor: "y2", type: "date", title: { text: "Bar open time (UTC)" }, ticks: "outside", ticklabelstandoff: 4 },
      yaxis2: yaxis([0, 0.39], "x2"),
      legend: { orientation: "h", x: 0, xanchor: "left", y: -0.13, yanchor: "top" },
      annotations,
    },
  };
}
