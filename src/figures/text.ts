/**
 * Text from data (symbols, exchange names, file names) placed in plotly strings. Plotly reads a
 * small HTML subset (<b>, <br>, <a href>, entities) in titles, legends and annotations, so text
 * from data is entity-escaped and always shows literally.
 */

/** `s` as literal plotly text: & < > " ' as numeric entities. */
export function plotlyText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A user's title as plotly text (escaped), with " (estimates)" added unless it already says
 * "estimate" in some form: the title is what a notebook's alt text and text/plain carry, and
 * they must say the figure shows estimates too.
 */
export function userTitle(title: string, truth = false): string {
  if (truth) return plotlyText(/truth|true/i.test(title) ? title : `${title} (simulated truth)`);
  return plotlyText(/estimat/i.test(title) ? title : `${title} (estimates)`);
}

/** Figure title with its estimate subtitle. `sourceLine` is already escaped. */
export function titled(title: string, subtitle: string): Record<string, unknown> {
  return {
    text: title,
    x: 0.01,
    xanchor: "left",
    xref: "paper",
    y: 0.975,
    yanchor: "top",
    yref: "container",
    font: { size: 20 },
    subtitle: { text: subtitle, font: { size: 13, color: "#555555" } },
  };
}

/**
 * The subtitle every figure carries: line 1 says these are estimates and of what, line 2 names
 * the data (escaped) and any `note` (already plotly text).
 */
export function estimateSubtitle(what: string, source: string, note?: string): string {
  return `ESTIMATES: ${what}<br>Data: ${plotlyText(source)}${note === undefined ? "" : ` · ${note}`}`;
}

/** The subtitle of a figure of the simulator's known positions: said to be the truth, not an estimate. */
export function truthSubtitle(source: string, note?: string): string {
  return `SIMULATED TRUTH: liquidation levels of the simulator's own open positions, known, not estimated<br>Data: ${plotlyText(source)}${note === undefined ? "" : ` · ${note}`}`;
}
