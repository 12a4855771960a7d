/**
 * A small JSON parser that remembers the line each array and object starts on, so a bad value
 * deep inside an exchange response is reported with its line (API responses saved by `curl`
 * are often one line; pretty-printed ones are not). Syntax errors name line and character column.
 * JSON Lines (`.jsonl`, one value per line, as websocket recorders and log exports write) parse
 * line by line, each value remembering its line in the file.
 */
import { error } from "../util/errors";

/** Line numbers of parsed arrays/objects. */
const LINES = new WeakMap<object, number>();

/**
 * An array's first bare element (not an array or object, so without a line of its own) as
 * [index, line], kept when it is on another line than the array starts: a row array holding a
 * bare value fails on the first one, and the error names that value's line.
 */
const BARE = new WeakMap<object, [number, number]>();

/** The 1-based line where a parsed array or object starts (1 when unknown). */
export function lineOf(v: unknown): number {
  return (typeof v === "object" && v !== null && LINES.get(v)) || 1;
}

/**
 * The line of element `i` of a parsed array: an array's or object's own; a bare value's own when
 * it is the array's first bare value (the one reading rows fails on), else the array's.
 */
export function elementLine(arr: readonly unknown[], i: number): number {
  const v = arr[i];
  if (typeof v === "object" && v !== null) return lineOf(v);
  const bare = BARE.get(arr);
  return bare !== undefined && bare[0] === i ? bare[1] : lineOf(arr);
}

const isBare = (v: unknown) => typeof v !== "object" || v === null;

/** Parses JSON text; syntax errors throw naming file, line and column. */
export function parseJson(text: string, file: string): unknown {
  const p = new Parser(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
  p.ws();
  const v = p.value();
  p.ws();
  if (p.pos < p.t.length) p.fail("unexpected text after the JSON value");
  return v;
}

/**
 * Whether text is JSON Lines rather than one JSON value: its first non-blank line is a whole JSON
 * value and another non-blank line follows (a pretty-printed file's first line, `{` or `[`, is not).
 */
export function isJsonLines(text: string): boolean {
  const first = /\S/g;
  if (!first.exec(text)) return false;
  const end = text.indexOf("\n", first.lastIndex);
  const more = /\S/g;
  more.lastIndex = end + 1;
  if (end < 0 || !more.exec(text)) return false;
  try {
    JSON.parse(text.slice(first.lastIndex - 1, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses JSON Lines: one value per non-blank line (a byte-order mark starting a line is
 * skipped). Walks the text with `indexOf` (no split of a
 * large recording); `lines` receives each value's 1-based line number, and `lineOf` /
 * `elementLine` give it too.
 */
export function parseJsonLines(text: string, file: string, lines: number[] = []): unknown[] {
  const out: unknown[] = [];
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    // a byte-order mark starting a line: the file's, or a part's in files joined by `cat`
    if (text.charCodeAt(start) === 0xfeff) start++;
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const s = text.slice(start, end);
    start = end + 1;
    if (!s.trim()) continue;
    let v: unknown;
    try {
      v = JSON.parse(s); // fast path; the own parser only runs to locate an error
      if (!isBare(v)) LINES.set(v as object, line);
    } catch {
      const p = new Parser(s, file, line);
      p.ws();
      v = p.value();
      p.ws();
      if (p.pos < s.length) p.fail("unexpected text after the JSON value");
    }
    if (isBare(v) && !BARE.has(out)) BARE.set(out, [out.length, line]);
    out.push(v);
    lines.push(line);
  }
  return out;
}

class Parser {
  pos = 0;
  private lineStart = 0;
  constructor(readonly t: string, readonly file: string, private line = 1) {}

  fail(msg: string): never {
    throw error(`invalid JSON: ${msg}`, { file: this.file, line: this.line, column: this.pos - this.lineStart + 1, value: this.t.slice(this.pos, this.pos + 20) });
  }

  ws(): void {
    const t = this.t;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 10) { this.line++; this.pos++; this.lineStart = this.pos; } else if (c === 32 || c === 9 || c === 13) this.pos++;
      else return;
    }
  }

  value(): unknown {
    const c = this.t[this.pos];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    if (c === "t") return this.literal("true", true);
    if (c === "f") return this.literal("false", false);
    if (c === "n") return this.literal("null", null);
    return this.number();
  }

  private literal<T>(word: string, v: T): T {
    if (this.t.startsWith(word, this.pos)) { this.pos += word.length; return v; }
    return this.fail("unexpected token");
  }

  private number(): number {
    const m = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    m.lastIndex = this.pos;
    const r = m.exec(this.t);
    if (!r || r[0] === "" ) this.fail(this.pos >= this.t.length ? "unexpected end of input" : "unexpected token");
    this.pos += r![0].length;
    return Number(r![0]);
  }

  private string(): string {
    const t = this.t;
    const start = ++this.pos;
    let simple = true;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (Number.isNaN(c) || c === 10) this.fail("unterminated string");
      if (c === 34) break;
      if (c === 92) { simple = false; this.pos += 2; continue; }
      this.pos++;
    }
    const raw = t.slice(start, this.pos);
    this.pos++;
    if (simple) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      this.pos = start;
      return this.fail("bad escape in string");
    }
  }

  private depth = 0;

  private enter(): void {
    if (++this.depth > 256) this.fail("nested too deeply");
  }

  private array(): unknown[] {
    this.enter();
    const out: unknown[] = [];
    const line = this.line;
    LINES.set(out, line);
    let bare = false;
    this.pos++;
    this.ws();
    if (this.t[this.pos] === "]") { this.pos++; this.depth--; return out; }
    for (;;) {
      this.ws();
      const at = this.line;
      const v = this.value();
      if (!bare && isBare(v)) { bare = true; if (at !== line) BARE.set(out, [out.length, at]); }
      out.push(v);
      this.ws();
      const c = this.t[this.pos];
      if (c === ",") { this.pos++; continue; }
      if (c === "]") { this.pos++; this.depth--; return out; }
      this.fail(c === undefined ? "unexpected end of input" : "expected ',' or ']'");
    }
  }

  private object(): Record<string, unknown> {
    this.enter();
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    LINES.set(out, this.line);
    this.pos++;
    this.ws();
    if (this.t[this.pos] === "}") { this.pos++; this.depth--; return out; }
    for (;;) {
      this.ws();
      if (this.t[this.pos] !== '"') this.fail(this.pos >= this.t.length ? "unexpected end of input" : "expected a key string");
      const k = this.string();
      this.ws();
      if (this.t[this.pos] !== ":") this.fail("expected ':'");
      this.pos++;
      this.ws();
      out[k] = this.value();
      this.ws();
      const c = this.t[this.pos];
      if (c === ",") { this.pos++; continue; }
      if (c === "}") { this.pos++; this.depth--; return out; }
      this.fail(c === undefined ? "unexpected end of input" : "expected ',' or '}'");
    }
  }
}
