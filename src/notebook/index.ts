// Public surface of src/notebook/: notebook display.
export { show, displayBundle, resetDisplay } from "./show";
export type { ShowOptions } from "./show";
export { figureBundle, tableBundle, isFigure } from "./bundle";
export type { DisplayBundle, FigureBundleOptions, TableBundleOptions } from "./bundle";
