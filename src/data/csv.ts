/**
 * A hand-written CSV scanner over a file's string. It walks the text once with `charCodeAt`,
 * keeping only the current row's field boundaries in reused typed arrays: no per-row objects, no
 * `split` of the whole file. Handles `\n`, `\r\n` and `\r` line ends, RFC 4180 quoted fields
 * (`""` escapes, commas and newlines inside quotes) and a leading byte-order mark. Blank lines
 * are skipped. Line numbers are 1-based physical lines, as an editor shows them.
 */
import { error } from "../util/errors";
import { parseDecimal } from "./numbers";

const COMMA = 44, LF = 10, CR = 13, QUOTE = 34;

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

  constructor(text: string, file: string) {
    this.text = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    this.file = file;
  }

  /** Advances to the next non-blank row; false at the end of the text. */
  next(): boolean {
    while (this.pos < this.text.length) {
      if (this.scanRow()) return true;
    }
    return false;
  }

  /** Field `i` of the current row as a string (quotes removed, `""` unescaped, spaces trimmed). */
  field(i: number): string {
    if (i >= this.count) return "";
    const s = this.text.slice(this.starts[i]!, this.ends[i]!);
    return (this.escaped[i] ? s.replace(/""/g, '"') : s).trim();
  }

  /** Field `i` parsed as a decimal number, NaN when it is not one (the caller names the error). */
  number(i: number): number {
    if (i >= this.count) return NaN;
    return this.escaped[i] ? parseDecimal(this.field(i), 0, this.field(i).length) : parseDecimal(this.text, this.starts[i]!, this.ends[i]!);
  }

  /** True when field `i` is empty or blank. */
  isEmpty(i: number): boolean {
    if (i >= this.count) return true;
    for (let p = this.starts[i]!; p < this.ends[i]!; p++) if (this.text.charCodeAt(p) !== 32) return false;
    return true;
  }

  /** All fields of the current row (allocates: for headers and error messages only). */
  row(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.field(i));
    return out;
  }

  /** Scans one physical row; returns false for a blank line. */
  private scanRow(): boolean {
    const t = this.text, len = t.length;
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

/** Upper bound on the number of data rows: the count of line breaks plus one. */
export function estimateRows(text: string): number {
  let n = 1;
  for (let p = text.indexOf("\n"); p >= 0; p = text.indexOf("\n", p + 1)) n++;
  return n;
}
