/**
 * A small JSON parser that remembers the line each array and object starts on, so a bad value
 * deep inside an exchange response is reported with its line (API responses saved by `curl`
 * are often one line; pretty-printed ones are not). Syntax errors name line and character column.
 * JSON Lines (`.jsonl`, one event per line, as websocket recorders write) parse line by line.
 */
import { error } from "../util/errors";

/** Line numbers of parsed arrays/objects. */
const LINES = new WeakMap<object, number>();

/** The 1-based line where a parsed array or object starts (1 when unknown). */
export function lineOf(v: unknown): number {
  return (typeof v === "object" && v !== null && LINES.get(v)) || 1;
}

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
 * Parses JSON Lines: one value per non-blank line. Walks the text with `indexOf` (no split of a
 * large recording); `lines` receives each value's 1-based line number.
 */
export function parseJsonLines(text: string, file: string, lines: number[] = []): unknown[] {
  const out: unknown[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let line = 1; start <= text.length; line++) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const s = text.slice(start, end).trim();
    start = end + 1;
    if (!s) continue;
    let v: unknown;
    try {
      v = JSON.parse(s); // fast path; the own parser only runs to locate an error
    } catch {
      const p = new Parser(s, file, line);
      v = p.value();
      p.ws();
      if (p.pos < s.length) p.fail("unexpected text after the JSON value");
    }
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
    LINES.set(out, this.line);
    this.pos++;
    this.ws();
    if (this.t[this.pos] === "]") { this.pos++; this.depth--; return out; }
    for (;;) {
      this.ws();
      out.push(this.value());
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
