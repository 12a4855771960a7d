/**
 * The figure type every builder returns: a plain plotly figure object. Nothing in it is a class
 * or a function, so it serialises with JSON.stringify and renders unchanged in a notebook, in a
 * standalone HTML file or in headless Chromium.
 */

/** A plotly trace (scatter, bar, heatmap, candlestick, ...). */
export type Trace = Record<string, unknown>;

/** A plotly figure: traces, layout and optional config. */
export interface Figure {
  data: Trace[];
  layout: Record<string, unknown>;
  config?: Record<string, unknown>;
}
