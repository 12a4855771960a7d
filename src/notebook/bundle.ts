/**
 * Display bundles: what one notebook output carries, as plain data (mime type → content). Pure
 * functions, so tests can check exactly what a notebook will hold; `show()` only sends them.
 *
 * A figure's bundle carries the interactive chart as `text/html` and a static picture of the same
 * chart as `image/png`: JupyterLab and rendered HTML pages draw the interactive one, viewers that
 * strip scripts (GitHub) fall back to the picture. The HTML also holds the picture inside the
 * chart's div until plotly replaces it, so even an HTML-only viewer without scripts shows it.
 */
import type { ColumnTable } from "arquero";
import { escapeHtml, figureConfig, scriptJson } from "../figures/embed";
import type { Figure } from "../figures/figure";
import { pageTitle } from "../figures/html";
import type { RenderResult } from "../figures/render";

/** One display output: mime type → content (base64 for binary types), plus metadata. */
export interface DisplayBundle {
  data: Record<string, string>;
  metadata: Record<string, unknown>;
}

/** True for a plain plotly figure object `{ data: [...], layout: {...} }`. */
export function isFigure(x: unknown): x is Figure {
  return typeof x === "object" && x !== null && Array.isArray((x as Figure).data) && typeof (x as Figure).layout === "object" && (x as Figure).layout !== null;
}

/**
 * The title text of a figure, for alt text and text/plain: the saved page's title (tags dropped,
 * entities decoded: "BTC &#38; ETH" reads "BTC & ETH"; escaped again where it goes into HTML).
 */
export function figureTitle(figure: Figure): string {
  return pageTitle(figure) || "liqlab figure";
}

export interface FigureBundleOptions {
  /** DOM id of the chart's div; unique within a notebook. */
  id: string;
  /** Height of the interactive chart in pixels (default: layout.height, else 520). */
  height?: number;
  /** The plotly.js source to load with this output (only the first figure of a notebook). */
  plotly?: string;
  /** The static picture, or why there is none. */
  image: RenderResult;
}

/** The bundle of a figure: interactive HTML + static PNG (or one line saying why there is none). */
export function figureBundle(figure: Figure, o: FigureBundleOptions): DisplayBundle {
  const title = figureTitle(figure);
  const layoutHeight = typeof figure.layout["height"] === "number" ? (figure.layout["height"] as number) : undefined;
  const height = o.height ?? layoutHeight ?? 520;
  const png = o.image.ok ? (Buffer.isBuffer(o.image.data) ? o.image.data.toString("base64") : Buffer.from(o.image.data).toString("base64")) : undefined;
  const fallback = png
    ? `<img src="data:image/png;base64,${png}" alt="${escapeHtml(title)}" style="max-width:100%">`
    : `<p>${escapeHtml(title)}: interactive chart (needs JavaScript); no static image: ${escapeHtml(o.image.ok ? "" : o.image.reason)}</p>`;
  const html = [
    o.plotly !== undefined ? `<script type="text/javascript">${o.plotly}</script>` : "",
    `<div id="${escapeHtml(o.id)}" class="liqlab-figure" style="width:100%;min-height:${height}px">${fallback}</div>`,
    `<script type="text/javascript">(function () {`,
    `  var el = document.getElementById(${scriptJson(o.id)});`,
    `  if (!el || !window.Plotly) return;`,
    `  var fig = ${scriptJson({ data: figure.data, layout: { ...figure.layout, height } })};`,
    `  el.innerHTML = "";`,
    `  window.Plotly.newPlot(el, fig.data, fig.layout, ${scriptJson(figureConfig(figure))});`,
    `})();</script>`,
  ].join("\n");
  const data: Record<string, string> = { "text/html": html, "text/plain": `[figure] ${title}` };
  if (png) data["image/png"] = png;
  else data["text/plain"] += `\n(no static image: ${o.image.ok ? "" : o.image.reason})`;
  return { data, metadata: {} };
}

export interface TableBundleOptions {
  /** Rows shown (default 20); the rest are counted below the table. */
  limit?: number;
  /** A caption above the table, e.g. "Estimated liquidations by tier (estimates)". */
  caption?: string;
}

/** The bundle of an arquero table: an HTML table with a row limit, and a text version. */
export function tableBundle(table: ColumnTable, options: TableBundleOptions | null = {}): DisplayBundle {
  const o = options ?? {};
  const limit = o.limit ?? 20;
  const n = table.numRows();
  const more = n > limit ? `<p style="font-size:90%">${limit} of ${n.toLocaleString("en-US")} rows shown</p>` : "";
  const caption = o.caption ? `<p><b>${escapeHtml(o.caption)}</b></p>` : "";
  const html = caption + table.toHTML({ limit }) + more;
  const text = (o.caption ? o.caption + "\n" : "") + table.toMarkdown({ limit }) + (n > limit ? `(${limit} of ${n} rows shown)\n` : "");
  return { data: { "text/html": html, "text/plain": text }, metadata: {} };
}
