/**
 * Standalone HTML for a figure: one file with plotly.js inlined once, opening offline in any
 * browser. The figure JSON is escaped for <script> (see embed.ts) and the page title is
 * HTML-escaped, so labels from data stay text.
 */
import type { Figure } from "./figure";
import { escapeHtml, figureConfig, scriptJson } from "./embed";
import { plotlySource } from "./render";

/** The page title: the figure's layout title text (line breaks as spaces), or "liqlab figure". */
function pageTitle(figure: Figure): string {
  const title = figure.layout["title"];
  const text = typeof title === "string" ? title : typeof title === "object" && title !== null ? (title as { text?: unknown }).text : undefined;
  return typeof text === "string" && text !== "" ? text.replace(/<br\s*\/?>/gi, " ").replace(/\s+/g, " ").trim() : "liqlab figure";
}

/** A complete HTML document showing the figure at the full window size. */
export function figureHtml(figure: Figure): string {
  const width = typeof figure.layout["width"] === "number" ? `${figure.layout["width"]}px` : "100vw";
  const height = typeof figure.layout["height"] === "number" ? `${figure.layout["height"]}px` : "100vh";
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${escapeHtml(pageTitle(figure))}</title>
<style>html,body{margin:0;padding:0}</style></head>
<body>
<div id="liqlab-figure" style="width:${width};height:${height}"></div>
<script>${plotlySource()}</script>
<script>
(function () {
  var fig = ${scriptJson({ data: figure.data, layout: figure.layout })};
  Plotly.newPlot("liqlab-figure", fig.data, fig.layout, ${scriptJson(figureConfig(figure))});
})();
</script>
</body></html>
`;
}
