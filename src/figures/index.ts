// Public surface of src/figures/: named re-exports only. src/index.ts re-exports this file.
export type { Figure, Trace } from "./figure";
export { plotlySource, findChromium, renderStatic, CHROMIUM_FLAGS } from "./render";
export type { RenderOptions, RenderResult } from "./render";
export { figureHtml } from "./html";
export { saveFigure } from "./save";
export { mapFigure } from "./map";
export { heatmapFigure } from "./heatmap";
export { validationScatterFigure, validationSeriesFigure } from "./validation";
export type { SaveOptions } from "./save";
