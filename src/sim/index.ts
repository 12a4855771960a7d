// Public surface of src/sim/: named re-exports only. src/index.ts re-exports this file.
export { simulate } from "./simulate";
export type { Simulation } from "./simulate";
export { resolveSimulateOptions } from "./options";
export type { SimulateOptions, ResolvedSimulateOptions } from "./options";
export { scenarios } from "./scenarios";
export { writeArchive, klinesCsv, metricsCsv, liquidationSnapshotCsv, fundingCsv } from "./archive";
export { gridAround, trueLiquidationMap } from "./truth";
export type { TrueMap } from "./truth";
export { liquidationRatio } from "./margin";
export { mulberry32 } from "../util/random";
