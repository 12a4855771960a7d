/**
 * Standalone HTML for a figure: one file with plotly.js inlined once, opening offline in any
 * browser. The figure JSON is escaped for <script> (see embed.ts) and the page title is
 * HTML-escaped, so labels from data stay text.
 */
import type { Figure } from "./figure";
import { escapeHtml, figureConfig, scriptJson } from "./embed";
import { plotlySource } from "./render";

/** Plotly's string markup: line breaks and the styling tags it understands. */
const PLOTLY_TAGS = /<\/?(?:b|i|em|sup|sub|span|a)(?:\s[^>]*)?>/gi;
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', nbsp: " " };

/**
 * The page title: the figure's layout title as plain text (plotly markup dropped, entities
 * decoded; the caller HTML-escapes it), or "liqlab figure".
 */
export function pageTitle(figure: Figure): string {
  const title = figure.layout["title"];
  const text = typeof title === "string" ? title : typeof title === "object" && title !== null ? (title as { text?: unknown }).text : undefined;
  if (typeof text !== "string" || text === "") return "liqlab figure";
  return text
    .replace(/<br\s*\/?>/gi, " ")
    .replace(PLOTLY_TAGS, "")
    .replace(/&#(\d+);|&([a-z]+);/gi, (m, code: string | undefined, name: string | undefined) =>
      code !== undefined ? String.fromCharCode(Number(code)) : (ENTITIES[name!.toLowerCase()] ?? m),
    )
    .replace(/\s+/g, " ")
    .trim();
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
