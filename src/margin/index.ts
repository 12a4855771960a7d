// Public surface of src/margin/: named re-exports only. src/index.ts re-exports this file.
export { liquidationPrice, liquidationPrices } from "./liquidation";
export type { PositionBatch, PositionCommon } from "./liquidation";
export { withMaintenanceAmounts } from "./brackets";
export { fromBinance, fromBybit, fromCcxt, toBracketTable, validateBrackets } from "./load";
export type { BinanceBracket, BinanceSymbolBrackets, BracketSource, BybitRiskLimit, CcxtLeverageTier } from "./load";
export { bracketsTable } from "./table";
export { distanceMarkdown, distanceRows } from "./distance";
export type { DistanceOptions, DistanceRow } from "./distance";
export { binanceUsdmBrackets } from "./defaults";
export { marginOptions } from "./options";
export type { Bracket, BracketTable, Contract, Exchange, Liquidation, MarginMode, Position, PositionSide } from "./types";
