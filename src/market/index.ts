// Public surface of src/market/: questions about market size over loaded tables.
export { derivativesVsSpot } from "./scale";
export type { DerivativesVsSpot, DerivativesVsSpotInput } from "./scale";
