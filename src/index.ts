/**
 * liqlab: open, exchange-exact, point-in-time liquidation maps for crypto-derivatives research.
 *
 * This file is the whole public surface: named re-exports of documented modules, one section
 * per layer (see docs/architecture.md). Import it in a notebook as `import * as liq from "liqlab"`.
 */

// base
export { error, LiqlabError } from "./util/errors";
export type { ErrorContext } from "./util/errors";

// domain: margin (exchange-exact liquidation prices, leverage brackets)
// (margin exports)

// domain: data (loaders, quality reports, downloader)
// (data exports)

// engine (replay, maps, heatmaps)
// (engine exports)

// figures (plotly figure JSON builders, saveFigure)
// (figures exports)

// analysis: simulator and validation
// (sim exports)
// (validate exports)

// face: notebook display
// (notebook exports)
