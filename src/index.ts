/**
 * liqlab: open, exchange-exact, point-in-time liquidation maps for crypto-derivatives research.
 *
 * This file is the whole public surface: one re-export per layer, each layer's own index.ts
 * listing its named exports (see docs/architecture.md). In a notebook:
 * `import * as liq from "liqlab"`.
 */

// base
export { error, LiqlabError } from "./util/errors";
export type { ErrorContext } from "./util/errors";

// domain
export * from "./margin/index";
export * from "./data/index";
// engine
export * from "./engine/index";
// figures
export * from "./figures/index";
// analysis
export * from "./sim/index";
export * from "./validate/index";
// face
export * from "./notebook/index";
