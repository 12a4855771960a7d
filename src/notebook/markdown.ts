/**
 * Computed prose for notebooks. A research notebook's sentences quote numbers; a number typed
 * into a markdown cell goes stale the moment the data change. `liq.show(liq.markdown(\`...\`))`
 * renders a sentence built in code as markdown, so every number in the text comes from a cell.
 */
import { error } from "../util/errors";
import type { DisplayBundle } from "./bundle";

/** Markdown text that `show()` renders as markdown (text/markdown, with the source as text/plain). */
export interface Markdown {
  readonly markdown: string;
  toDisplay(): DisplayBundle;
}

/**
 * Wraps markdown text for `show()`. Use with a template literal: liq.markdown(`**${x}**`).
 * Dollar signs are escaped (`$` → `\$`, an already escaped `\$` is kept): Jupyter reads text
 * between two of them as TeX, which would swallow "$3,500 … $4,000" and its bold marks.
 */
export function markdown(source: string): Markdown {
  if (typeof source !== "string") throw error("markdown needs a string (a template literal: liq.markdown(`**${x}**`))", { symbol: "markdown", value: source });
  const text = source.replace(/(^|[^\\])\$/g, "$1\\$").replace(/(^|[^\\])\$/g, "$1\\$");
  return {
    markdown: text,
    toDisplay: () => ({ data: { "text/markdown": text, "text/plain": source }, metadata: {} }),
  };
}
