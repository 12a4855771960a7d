/**
 * liqlab: open, exchange-exact, point-in-time liquidation maps for crypto-derivatives research.
 *
 * This file is the whole public surface: one re-export per layer, each layer's own index.ts
 * listing its named exports (see docs/architecture.md). In a notebook:
 * `import * as liq from "liqlab"`.
 */

// base
export { error, LiqlabError } from "./util/errors";
// The table type every loader and the engine use, re-exported so that a notebook outside this
// project (where TypeScript cannot see arquero itself) can still name the types it infers.
export type { ColumnTable } from "arquero";
export type { ErrorContext } from "./util/errors";

// domain
export * from "./margin/index";
export * from "./data/index";
// engine
export * from "./engine/index";
// figures
export * from "./figures/index";
// analysis
export * from "./market/index";
export * from "./sim/index";
export * from "./validate/index";
// face
export * from "./notebook/index";
