/**
 * Computed prose for notebooks. A research notebook's sentences quote numbers; a number typed
 * into a markdown cell goes stale the moment the data change. `liq.show(liq.markdown(\`...\`))`
 * renders a sentence built in code as markdown, so every number in the text comes from a cell.
 */
import type { DisplayBundle } from "./bundle";

/** Markdown text that `show()` renders as markdown (text/markdown, with text/plain beside it). */
export interface Markdown {
  readonly markdown: string;
  toDisplay(): DisplayBundle;
}

/** Wraps markdown text for `show()`. Use with a template literal: liq.markdown(`**${x}**`). */
export function markdown(text: string): Markdown {
  return {
    markdown: text,
    toDisplay: () => ({ data: { "text/markdown": text, "text/plain": text }, metadata: {} }),
  };
}
