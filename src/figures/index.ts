// Public surface of src/figures/: named re-exports only. src/index.ts re-exports this file.
export type { Figure, Trace } from "./figure";
export { mapFigure } from "./map";
export { heatmapFigure } from "./heatmap";
export { validationScatterFigure, validationSeriesFigure } from "./validation";
export { MAP_DEFAULTS, HEATMAP_DEFAULTS, SCATTER_DEFAULTS, SERIES_DEFAULTS } from "./options";
export type { MapOptions, HeatmapOptions, ValidationScatterOptions, ValidationSeriesOptions } from "./options";
export { TIER_COLOURS, tierColour, SIDE_COLOURS } from "./theme";
export { saveFigure } from "./save";
export type { SaveOptions } from "./save";
export { figureHtml } from "./html";
export { plotlySource, findChromium, renderStatic, CHROMIUM_FLAGS } from "./render";
export type { RenderOptions, RenderResult } from "./render";
