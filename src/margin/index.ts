// Public surface of src/margin/: named re-exports only. src/index.ts re-exports this file.
export { liquidationPrice, liquidationPrices } from "./liquidation";
export type { PositionBatch, PositionCommon } from "./liquidation";
export { validateBrackets, withMaintenanceAmounts } from "./brackets";
export { binanceUsdmBrackets } from "./defaults";
export { marginOptions } from "./options";
export type { Bracket, BracketTable, Contract, Exchange, Liquidation, MarginMode, Position, PositionSide } from "./types";
