/**
 * The one error helper. Every error liqlab throws on bad input names where the bad value is
 * (file, line, column) and the value itself, so a researcher can fix the input without a
 * debugger. Nothing in liqlab returns NaN for bad input: it throws through here.
 */

/** Where a bad value was found. Every field is optional; give what you know. */
export interface ErrorContext {
  /** File path or a label such as "candles" for in-memory input. */
  file?: string;
  /** 1-based line number in the file (the header is line 1 for CSV). */
  line?: number;
  /** Column name (or 1-based index when the file has no header). */
  column?: string | number;
  /** The offending value, shown with JSON quoting so empty strings and spaces are visible. */
  value?: unknown;
  /** Symbol, bracket, option name or other label to prefix. */
  symbol?: string;
}

export class LiqlabError extends Error {
  /** The message without its location prefix and value (to re-label an error elsewhere). */
  readonly detail: string;
  readonly symbol?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: string | number;
  readonly value?: unknown;
  constructor(message: string, context: ErrorContext = {}) {
    super(formatMessage(message, context));
    this.name = "LiqlabError";
    this.detail = message;
    if (context.symbol !== undefined) this.symbol = context.symbol;
    if (context.file !== undefined) this.file = context.file;
    if (context.line !== undefined) this.line = context.line;
    if (context.column !== undefined) this.column = context.column;
    if ("value" in context) this.value = context.value;
  }
}

/** Characters that print as a space or as nothing (a regex class body): the data readers name them, showValue escapes them. */
export const INVISIBLE_CHARS = "\\u00a0\\u00ad\\u1680\\u180e\\u2000-\\u200f\\u2028-\\u202f\\u205f-\\u2064\\u3000\\ufeff";
/** Written as \u escapes in a shown string, so the culprit shows. */
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, "g");

/** Renders a value for an error message: strings quoted (invisible characters escaped), long values cut. */
export function showValue(value: unknown): string {
  let s: string;
  if (typeof value === "string") s = JSON.stringify(value).replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  else if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") s = String(value);
  else if (value === undefined) s = "undefined";
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = String(value);
    }
  }
  return s.length > 120 ? s.slice(0, 117) + "..." : s;
}

function formatMessage(message: string, c: ErrorContext): string {
  const where: string[] = [];
  if (c.file !== undefined) where.push(c.file);
  if (c.line !== undefined) where.push(`line ${c.line}`);
  if (c.column !== undefined) where.push(`column ${typeof c.column === "number" ? c.column : showValue(c.column)}`);
  const prefix = (c.symbol !== undefined ? `${c.symbol}: ` : "") + (where.length ? where.join(", ") + ": " : "");
  const value = "value" in c ? ` (value ${showValue(c.value)})` : "";
  return `${prefix}${message}${value}`;
}

/**
 * Builds a LiqlabError. Use as `throw error("price must be positive", { file, line, column, value })`.
 * The message reads `file, line 12, column "close": price must be positive (value -3)`.
 */
export function error(message: string, context: ErrorContext = {}): LiqlabError {
  return new LiqlabError(message, context);
}

/** Throws unless `x` is a finite number; `name` is the option or field name. */
export function finite(x: unknown, name: string, context: ErrorContext = {}): number {
  if (typeof x !== "number" || !Number.isFinite(x)) throw error(`${name} must be a finite number`, { ...context, column: context.column ?? name, value: x });
  return x;
}

/** Throws unless `x` is a finite number > 0. */
export function positive(x: unknown, name: string, context: ErrorContext = {}): number {
  const v = finite(x, name, context);
  if (!(v > 0)) throw error(`${name} must be positive`, { ...context, column: context.column ?? name, value: x });
  return v;
}
