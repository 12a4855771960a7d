import assert from "node:assert/strict";
import fc from "fast-check";
import { CsvScanner, detectDelimiter } from "../../src/data/csv";

function rows(text: string): [number, string[]][] {
  const sc = new CsvScanner(text, "t.csv");
  const out: [number, string[]][] = [];
  while (sc.next()) out.push([sc.line, sc.row()]);
  return out;
}

describe("data/csv", () => {
  it("CsvScanner(text) yields rows with 1-based physical line numbers, skipping blank lines", () => {
    assert.deepEqual(rows("a,b\n1,2\n\n3,4\n"), [[1, ["a", "b"]], [2, ["1", "2"]], [4, ["3", "4"]]]);
  });
  it("CsvScanner handles \\r\\n and bare \\r line ends and a byte-order mark", () => {
    assert.deepEqual(rows("\ufeffa,b\r\n1,2\r3,4"), [[1, ["a", "b"]], [2, ["1", "2"]], [3, ["3", "4"]]]);
  });
  it("CsvScanner reads quoted fields with commas, doubled quotes and newlines, counting lines inside quotes", () => {
    assert.deepEqual(rows('"x,y","say ""hi""","two\nlines"\n5,6'), [[1, ["x,y", 'say "hi"', "two\nlines"]], [3, ["5", "6"]]]);
  });
  it("CsvScanner.number(i) parses in place and returns NaN for a non-number", () => {
    const sc = new CsvScanner("42314.5,abc, 7 ", "t.csv");
    sc.next();
    assert.equal(sc.number(0), 42314.5);
    assert.ok(Number.isNaN(sc.number(1)));
    assert.equal(sc.number(2), 7);
    assert.ok(Number.isNaN(sc.number(9)));
  });
  it("CsvScanner throws on an unterminated quote, naming line and column", () => {
    assert.throws(() => rows('a,b\n1,"oops\n'), /t\.csv, line 2, column 2: unterminated quoted field \(value "oops\\n"\)/);
  });
  it("CsvScanner skips a byte-order mark starting any line (files saved with one and joined by cat)", () => {
    const sc = new CsvScanner("\ufeff1,2\r\n\ufeff3,4\n\ufeff\n\ufeff\"5\",6", "t.csv");
    const got: [number, number, number][] = [];
    while (sc.next()) got.push([sc.line, sc.number(0), sc.number(1)]);
    assert.deepEqual(got, [[1, 1, 2], [2, 3, 4], [4, 5, 6]]);
  });
  it("CsvScanner.raw(i) keeps what field(i) trims besides spaces and tabs (an invisible character that spoils a value)", () => {
    const sc = new CsvScanner('1\u00a0, 2 \t,"x""y",\u200b', "t.csv");
    sc.next();
    assert.deepEqual([0, 1, 2, 3].map((i) => sc.raw(i)), ["1\u00a0", "2", 'x"y', "\u200b"]);
    assert.deepEqual([0, 1, 2].map((i) => sc.field(i)), ["1", "2", 'x"y']);
  });
  it("CsvScanner grows past 32 fields", () => {
    const line = Array.from({ length: 70 }, (_, i) => String(i)).join(",");
    assert.equal(rows(line)[0]![1].length, 70);
  });
  it("detectDelimiter(text) picks ';' or tab when the first line has more of them than commas", () => {
    assert.equal(detectDelimiter("a;b;c\n1;2,5;3"), 59);
    assert.equal(detectDelimiter("a\tb\n"), 9);
    assert.equal(detectDelimiter("a,b;c,d\n"), 44);
    // blank lines before the header hold no delimiters: the first non-blank line decides
    assert.equal(detectDelimiter("\n\r\n  \na;b;c\n1;2;3"), 59);
    assert.equal(detectDelimiter("\ufeff\n\na\tb\n"), 9);
  });
  it("CsvScanner reads back any table written per RFC 4180 (quoted and plain rows, LF or CRLF)", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "1", ".", "-", " ", ",", '"', "\n", "\r"), maxLength: 6 });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    fc.assert(fc.property(table, fc.boolean(), (rows, crlf) => {
      const text = rows.map((r) => r.map(quote).join(",")).join(crlf ? "\r\n" : "\n");
      const sc = new CsvScanner(text, "p.csv");
      const got: string[][] = [];
      while (sc.next()) {
        const r: string[] = [];
        for (let i = 0; i < sc.count; i++) r.push(rawField(sc, i));
        got.push(r);
      }
      assert.deepEqual(got, rows);
    }), { seed: 3, numRuns: 500 });
  });
});

/** Field i untrimmed (field() trims; the round trip needs the exact text). */
function rawField(sc: CsvScanner, i: number): string {
  const s = sc as unknown as { starts: Int32Array; ends: Int32Array; escaped: Uint8Array; text: string };
  const v = s.text.slice(s.starts[i]!, s.ends[i]!);
  return s.escaped[i] ? v.replace(/""/g, '"') : v;
}
