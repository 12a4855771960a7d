// Public surface of src/engine/: named re-exports only. src/index.ts re-exports this file.
export { replay } from "./replay";
export { DOLLAR_CAVEAT } from "./caveat";
export type { ReplayInput } from "./replay";
export { liquidationMap, liquidationMap as mapFromBook } from "./map";
export type { BookInput } from "./map";
export { combineMaps, COMBINE_DEFAULTS } from "./combine";
export type { CombineOptions } from "./combine";
export { capLeverage } from "./resolve";
export { LEVERAGE_PRESETS, DEFAULTS as REPLAY_DEFAULTS } from "./options";
export type { AnchorRule, BandRule, CloseRule, EntryRule, GridOptions, LevelRatios, LeverageMix, LeveragePreset, MarginModel, ReplayOptions, SplitRule } from "./options";
export type { Columns } from "./input";
export type { Heatmap, HeatmapColumn, Ledger, LeverageShare, LiquidationMap, LiquidationModel, PriceGrid, Side, SideUsd } from "./types";
