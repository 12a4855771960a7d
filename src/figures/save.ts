/**
 * Writing a figure to disk by extension: `.html` (standalone, plotly inlined), `.png` and `.svg`
 * (rendered by headless Chromium through renderStatic).
 */
import { writeFileSync } from "node:fs";
import { extname } from "node:path";
import { error } from "../util/errors";
import type { Figure } from "./figure";
import { figureHtml } from "./html";
import { renderStatic } from "./render";

export interface SaveOptions {
  /** Image width in CSS pixels for .png/.svg (default 1200). */
  width?: number;
  /** Image height in CSS pixels for .png/.svg (default 800). */
  height?: number;
  /** PNG pixel ratio (default 1). */
  scale?: number;
}

/**
 * Writes `figure` to `path`; the extension (.html, .png or .svg, any case) picks the format.
 * Throws on any other extension, and for images when no browser is found or rendering fails.
 */
export function saveFigure(figure: Figure, path: string, options: SaveOptions = {}): void {
  const ext = extname(path).toLowerCase();
  if (ext === ".html" || ext === ".htm") {
    writeFileSync(path, figureHtml(figure));
    return;
  }
  if (ext !== ".png" && ext !== ".svg") {
    throw error(`saveFigure: unknown extension ${JSON.stringify(ext)}: use .html, .png or .svg`, { file: path });
  }
  const result = renderStatic(figure, { format: ext === ".png" ? "png" : "svg", ...options });
  if (!result.ok) throw error(`saveFigure: cannot render ${ext.slice(1).toUpperCase()}: ${result.reason}`, { file: path });
  writeFileSync(path, result.data);
}
