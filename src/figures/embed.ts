/**
 * Embedding figure JSON inside an HTML <script> element. Labels come from data (symbols,
 * exchange names, file names), so a label such as `</script><script>alert(1)</script>` must stay
 * text: every `<`, `>`, `&` and the JavaScript line terminators U+2028/U+2029 are written as
 * \uXXXX escapes, which JSON.parse and JavaScript read back as the same characters while the
 * HTML parser never sees a tag.
 */
import type { Figure } from "./figure";

const UNSAFE = /[<>&\u2028\u2029]/g;

/** JSON text safe to place between <script> and </script>. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

/** Text safe inside an HTML element or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The figure with its config defaulted: static, no plotly logo, responsive in a page. */
export function figureConfig(figure: Figure): Record<string, unknown> {
  return { displaylogo: false, responsive: true, ...(figure.config ?? {}) };
}
