/**
 * A hand-written CSV scanner over a file's string. It walks the text once with `charCodeAt`,
 * keeping only the current row's field boundaries in reused typed arrays: no per-row objects, no
 * `split` of the whole file. Handles `\n`, `\r\n` and `\r` line ends, RFC 4180 quoted fields
 * (`""` escapes, commas and newlines inside quotes) and byte-order marks: the file's, and one
 * starting any line (files saved with one and joined by `cat` carry one per part). Blank lines
 * are skipped. Line numbers are 1-based physical lines, as an editor shows them.
 */
import { error } from "../util/errors";
import { parseDecimal as parseDecimalExport } from "../util/numbers";

// bound once: the hot loop calls it directly rather than through the module's export accessor
const parseDecimal = parseDecimalExport;

/** `i` when a search found something, else `none`. */
function positionOr(i: number, none: number): number {
  return i < 0 ? none : i;
}

/** true/false (any case) and 1/0, else undefined. */
export function parseBoolText(s: string): boolean | undefined {
  const u = s.trim().toLowerCase();
  return u === "true" || u === "1" ? true : u === "false" || u === "0" ? false : undefined;
}

const LF = 10, CR = 13, QUOTE = 34, BOM = 0xfeff;

/**
 * The delimiter of a CSV text: comma, unless the first non-blank line has more semicolons or
 * tabs (blank lines before the header, as some exports write, hold no delimiters to count).
 */
export function detectDelimiter(text: string): number {
  const m = /[^\s\ufeff]/.exec(text);
  const from = m === null ? 0 : text.lastIndexOf("\n", m.index) + 1;
  const nl = text.indexOf("\n", from);
  const line = text.slice(from, Math.min(nl < 0 ? text.length : nl, from + 4096));
  const count = (ch: string) => line.split(ch).length - 1;
  const commas = count(","), semis = count(";"), tabs = count("\t");
  return semis > commas && semis >= tabs ? 59 : tabs > commas ? 9 : 44;
}

export class CsvScanner {
  /** The text being scanned (BOM removed). */
  readonly text: string;
  /** File label used in error messages. */
  readonly file: string;
  /** 1-based line number where the current row starts. */
  line = 0;
  /** Number of fields in the current row. */
  count = 0;
  private pos = 0;
  private nextLine = 1;
  private starts = new Int32Array(32);
  private ends = new Int32Array(32);
  private escaped = new Uint8Array(32);
  /** Field delimiter (char code): `,` by default, `;` or tab when the first line says so. */
  readonly delimiter: number;
  private readonly delimChar: string;
  /** Old-Mac files end lines with a bare `\r`: only the general scanner handles those. */
  private readonly bareCr: boolean;
  private nextQuote = -1;
  private nextLf = -1;
  private nextDelim = -1;

  constructor(text: string, file: string) {
    this.text = text.charCodeAt(0) === BOM ? text.slice(1) : text;
    this.file = file;
    this.delimiter = detectDelimiter(this.text);
    this.delimChar = String.fromCharCode(this.delimiter);
    let bare = false;
    for (let i = this.text.indexOf("\r"); i >= 0 && !bare; i = this.text.indexOf("\r", i + 1)) bare = this.text.charCodeAt(i + 1) !== LF;
    this.bareCr = bare;
  }

  /** Advances to the next non-blank row; false at the end of the text. */
  next(): boolean {
    while (this.pos < this.text.length) {
      if (this.scanRow()) return true;
    }
    return false;
  }

  /** Field `i` with its quotes removed and `""` unescaped, untrimmed ("" past the row's fields). */
  private unquoted(i: number): string {
    if (i >= this.count) return "";
    const s = this.text.slice(this.starts[i]!, this.ends[i]!);
    return this.escaped[i] ? s.replace(/""/g, '"') : s;
  }

  /** Field `i` of the current row as a string (quotes removed, `""` unescaped, spaces trimmed). */
  field(i: number): string {
    return this.unquoted(i).trim();
  }

  /**
   * Field `i` as the file writes it (quotes removed, `""` unescaped), only spaces and tabs
   * trimmed: what error messages show, so a no-break space or another invisible character that
   * makes a value unreadable stays in it (`field` trims those too).
   */
  raw(i: number): string {
    return this.unquoted(i).replace(/^[ \t]+|[ \t]+$/g, "");
  }

  /** Field `i` parsed as a decimal number, NaN when it is not one (the caller names the error). */
  number(i: number): number {
    if (i >= this.count) return NaN;
    if (!this.escaped[i]) return parseDecimal(this.text, this.starts[i]!, this.ends[i]!);
    const f = this.field(i);
    return parseDecimal(f, 0, f.length);
  }

  /** Field `i` as a boolean from its characters (true/false in any case, 1/0), or undefined. */
  bool(i: number): boolean | undefined {
    if (i >= this.count || this.escaped[i]) return parseBoolText(this.field(i));
    let s = this.starts[i]!, e = this.ends[i]!;
    const t = this.text;
    while (s < e && (t.charCodeAt(s) === 32 || t.charCodeAt(s) === 9)) s++;
    while (e > s && (t.charCodeAt(e - 1) === 32 || t.charCodeAt(e - 1) === 9)) e--;
    const n = e - s, c = t.charCodeAt(s) | 0x20;
    if (n === 1) return c === 0x31 ? true : c === 0x30 ? false : undefined; // "1" | "0" (0x20 bit already set)
    if (n === 4 && c === 0x74 && (t.charCodeAt(s + 1) | 0x20) === 0x72 && (t.charCodeAt(s + 2) | 0x20) === 0x75 && (t.charCodeAt(s + 3) | 0x20) === 0x65) return true;
    if (n === 5 && c === 0x66 && (t.charCodeAt(s + 1) | 0x20) === 0x61 && (t.charCodeAt(s + 2) | 0x20) === 0x6c && (t.charCodeAt(s + 3) | 0x20) === 0x73 && (t.charCodeAt(s + 4) | 0x20) === 0x65) return false;
    return undefined;
  }

  /** True when field `i` starts with a letter (a header cell, never a number or a date). */
  startsWithLetter(i: number): boolean {
    if (i >= this.count) return false;
    const c = this.text.charCodeAt(this.starts[i]!) | 0x20;
    return c >= 0x61 && c <= 0x7a;
  }

  /** Character offset just after the current row (for sizing buffers). */
  get offset(): number {
    return this.pos;
  }

  /** True when field `i` is empty or blank (spaces, tabs, no-break spaces: what `field` trims). */
  isEmpty(i: number): boolean {
    if (i >= this.count) return true;
    for (let p = this.starts[i]!; p < this.ends[i]!; p++) {
      const c = this.text.charCodeAt(p);
      if (c !== 32 && c !== 9 && c !== 0xa0) return false;
    }
    return true;
  }

  /** All fields of the current row (allocates: for headers and error messages only). */
  row(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.field(i));
    return out;
  }

  /**
   * Scans one physical row; returns false for a blank line. Rows without quotes (nearly all) take
   * the fast path: native `indexOf` finds the line end and each delimiter. The next quote and
   * delimiter positions are cached, so a search never re-walks text it has already passed.
   */
  private scanRow(): boolean {
    const t = this.text, len = t.length;
    // a byte-order mark starting a line (the next part of files joined by `cat`) is no data
    if (t.charCodeAt(this.pos) === BOM) this.pos++;
    const start = this.pos;
    if (this.nextQuote < start) this.nextQuote = positionOr(t.indexOf('"', start), len + 1);
    if (this.nextLf < start) this.nextLf = positionOr(t.indexOf("\n", start), len);
    const eol = this.nextLf;
    if (this.nextQuote > eol && !this.bareCr) {
      const delim = this.delimChar;
      const end = eol > start && t.charCodeAt(eol - 1) === CR ? eol - 1 : eol;
      let s = start, n = 0;
      this.line = this.nextLine++;
      for (;;) {
        if (n === this.starts.length) this.grow();
        if (this.nextDelim < s) this.nextDelim = positionOr(t.indexOf(delim, s), len + 1);
        const c = this.nextDelim < end ? this.nextDelim : end;
        this.starts[n] = s; this.ends[n] = c; this.escaped[n] = 0; n++;
        if (c === end) break;
        s = c + 1;
      }
      this.pos = eol + 1;
      this.count = n;
      return !(n === 1 && this.isEmpty(0));
    }
    return this.scanQuotedRow();
  }

  /** The general scanner: quoted fields, newlines inside quotes, bare `\r` line ends. */
  private scanQuotedRow(): boolean {
    const t = this.text, len = t.length, COMMA = this.delimiter;
    let p = this.pos, n = 0, newlines = 0;
    this.line = this.nextLine;
    for (;;) {
      if (n === this.starts.length) this.grow();
      let c = p < len ? t.charCodeAt(p) : -1;
      if (c === QUOTE) {
        const s = p + 1;
        let q = s, esc = 0;
        for (;;) {
          q = t.indexOf('"', q);
          if (q < 0) throw error("unterminated quoted field", { file: this.file, line: this.line, column: n + 1, value: t.slice(s, s + 40) });
          if (t.charCodeAt(q + 1) === QUOTE) { esc = 1; q += 2; continue; }
          break;
        }
        for (let k = s; k < q; k++) if (t.charCodeAt(k) === LF) newlines++;
        this.starts[n] = s; this.ends[n] = q; this.escaped[n] = esc; n++;
        p = q + 1;
        c = p < len ? t.charCodeAt(p) : -1;
        if (c !== COMMA && c !== LF && c !== CR && c !== -1) {
          throw error("unexpected character after a quoted field", { file: this.file, line: this.line, column: n, value: t.slice(s - 1, p + 1) });
        }
      } else {
        const s = p;
        while (p < len) {
          c = t.charCodeAt(p);
          if (c === COMMA || c === LF || c === CR) break;
          p++;
        }
        if (p >= len) c = -1;
        this.starts[n] = s; this.ends[n] = p; this.escaped[n] = 0; n++;
      }
      if (c === COMMA) { p++; continue; }
      if (c === CR) { p++; if (p < len && t.charCodeAt(p) === LF) p++; } else if (c === LF) p++;
      break;
    }
    this.pos = p;
    this.nextLine += 1 + newlines;
    this.count = n;
    return !(n === 1 && this.isEmpty(0));
  }

  private grow(): void {
    const k = this.starts.length * 2;
    const s = new Int32Array(k), e = new Int32Array(k), q = new Uint8Array(k);
    s.set(this.starts); e.set(this.ends); q.set(this.escaped);
    this.starts = s; this.ends = e; this.escaped = q;
  }
}
