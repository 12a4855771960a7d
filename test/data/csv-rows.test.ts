import assert from "node:assert/strict";
import { readCsv } from "../../src/data/csv-rows";
import { newParsed, type FieldSpec } from "../../src/data/fields";

const FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["open_time"], index: 0, key: 0 },
  { out: "close", type: "price", names: ["close"], index: 1, key: 1 },
  { out: "volume", type: "amount", names: ["volume"], index: 2, key: 2, optional: true },
  { out: "ratio", type: "amount", names: ["ratio"], index: 3, key: 3, optional: true, emptyOmits: true },
];

describe("data/csv-rows", () => {
  it("readCsv(p, text, fields) leaves an optional column out when the header lacks it", () => {
    const p = newParsed("x.csv", "t", "candles");
    readCsv(p, "open_time,close\n1704067200000,5\n", FIELDS);
    assert.deepEqual([...p.columns.keys()], ["time", "close"]);
    assert.equal(p.n, 1);
  });
  it("readCsv keeps every row when an emptyOmits cell is blank, leaving that column out with a note", () => {
    const p = newParsed("x.csv", "t", "candles");
    readCsv(p, "1704067200000,5,1,2\n1704067260000,6,1,\n", FIELDS);
    assert.equal(p.n, 2);
    assert.deepEqual([...p.columns.keys()], ["time", "close", "volume"]);
    assert.ok(p.notes.includes("ratio is blank on 1 row(s) (line 2): column ratio left out"));
  });
  it("readCsv throws on a short row, naming the missing column", () => {
    const p = newParsed("x.csv", "t", "candles");
    assert.throws(() => readCsv(p, "open_time,close,volume\n1704067200000,5\n", FIELDS), /x\.csv, line 2, column "volume": row has 2 fields, the header has 3: a cut-off line\? \(value "1704067200000,5"\)/);
  });
  it("readCsv(p, text with a cut-off last line) throws, though the missing cell could be read as blank", () => {
    // The ratio column may be blank (emptyOmits), but a line cut off before it is not a blank cell.
    const text = "open_time,close,volume,ratio\n1704067200000,5,1,2\n1704067260000,6,1";
    assert.throws(() => readCsv(newParsed("x.csv", "t", "candles"), text, FIELDS), /x\.csv, line 3, column "ratio": row has 3 fields, the header has 4: a cut-off line\? \(value "1704067260000,6,1"\)/);
  });
  it("readCsv(p, text with a row wider than the header) throws: an unquoted thousands separator shifts the columns", () => {
    const text = "open_time,close,volume\n1704067200000,5,1\n1704067260000,6,1,250.5\n";
    assert.throws(() => readCsv(newParsed("x.csv", "t", "candles"), text, FIELDS), /x\.csv, line 3, column "field 4": row has 4 fields, the header has 3: a value with an unquoted delimiter \(a thousands separator\?\) would shift the columns after it \(value "1704067260000,6,1,250.5"\)/);
    // Without a header the first row sets the width.
    assert.throws(() => readCsv(newParsed("x.csv", "t", "candles"), "1704067200000,5,1\n1704067260000,6\n", FIELDS), /line 2, column "field 3": row has 2 fields, the first row has 3: a cut-off line\?/);
  });
  it("readCsv(p, text with trailing delimiters) reads the rows: empty extra fields lose nothing", () => {
    const p = newParsed("x.csv", "t", "candles");
    readCsv(p, "open_time,close,\n1704067200000,5,\n1704067260000,6,,\n", FIELDS);
    assert.deepEqual(Array.from(p.columns.get("close") as Float64Array), [5, 6]);
  });
  it("readCsv(p, text with delimiter-only rows before the header and whitespace-only lines) skips them as blank", () => {
    const p = newParsed("x.csv", "t", "candles");
    readCsv(p, ",,\nopen_time,close\n1704067200000,5\n\t\n\u00a0 \n1704067260000,6\n", FIELDS);
    assert.deepEqual([Array.from(p.lines), Array.from(p.columns.get("close") as Float64Array)], [[3, 6], [5, 6]]);
    const q = newParsed("x.csv", "t", "candles");
    readCsv(q, "open_time,close\n", FIELDS);
    assert.deepEqual([q.n, q.notes], [0, ["file has no data rows (a header only)"]]);
  });
  it("readCsv keeps line numbers of rows after blank lines", () => {
    const p = newParsed("x.csv", "t", "candles");
    readCsv(p, "open_time,close\n\n1704067200000,5\n\n\n1704067260000,6\n", FIELDS);
    assert.deepEqual(Array.from(p.lines), [3, 6]);
  });
  it("readCsv(p, text with blank lines before the header) names the header's own line for a missing column", () => {
    // blank lines and a delimiter-only row before the header: it is on line 3, not line 1
    assert.throws(() => readCsv(newParsed("k.csv", "t", "candles"), "\n\nopen_time,volume\n1704067200000,1\n", FIELDS), /^LiqlabError: k\.csv, line 3, column "close": missing column \(value "open_time,volume"\)$/);
    assert.throws(() => readCsv(newParsed("k.csv", "t", "candles"), ",,\r\n\r\nopen_time,volume\r\n1704067200000,1\r\n", FIELDS), /^LiqlabError: k\.csv, line 3, column "close": missing column/);
  });
  it("readCsv(p, header-less text after blank lines) names the first row's own line when it is too narrow", () => {
    assert.throws(() => readCsv(newParsed("k.csv", "t", "candles"), "\n\n1704067200000\n1704067260000\n", FIELDS), /^LiqlabError: k\.csv, line 3, column "close": expected at least 2 columns \(value "1704067200000"\)$/);
    // a field read only by header name, without a header
    const byName: FieldSpec[] = [FIELDS[0]!, { out: "close", type: "price", names: ["close"] }];
    assert.throws(() => readCsv(newParsed("k.csv", "t", "candles"), "\n\n1704067200000,5\n", byName), /^LiqlabError: k\.csv, line 3, column "close": missing column "close": the file has no header row/);
  });
});
