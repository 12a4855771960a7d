// Public surface of src/notebook/: notebook display.
export { show, displayBundle, resetDisplay } from "./show";
export type { ShowOptions } from "./show";
export { figureBundle, tableBundle, isFigure } from "./bundle";
export type { DisplayBundle, FigureBundleOptions, TableBundleOptions } from "./bundle";
export { markdown } from "./markdown";
export type { Markdown } from "./markdown";
// Formatting for computed prose, the same conventions as the figures' labels.
export { usd, usdShort, utcLabel } from "../figures/format";
