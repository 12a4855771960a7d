/**
 * Text from data (symbols, exchange names, file names) placed in plotly strings. Plotly reads a
 * small HTML subset (<b>, <br>, <a href>, entities) in titles, legends and annotations, so text
 * from data is entity-escaped and always shows literally.
 */

/** `s` as literal plotly text: & < > " ' as numeric entities. */
export function plotlyText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
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
