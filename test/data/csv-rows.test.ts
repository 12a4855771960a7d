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
    assert.throws(() => readCsv(p, "open_time,close,volume\n1704067200000,5\n", FIELDS), /x\.csv, line 2, column "volume": row has 2 fields, column is missing \(value "1704067200000,5"\)/);
  });
  it("readCsv keeps line numbers of rows after blank lines", () => {
    const p = newParsed("x.csv", "t", "candles");
    readCsv(p, "open_time,close\n\n1704067200000,5\n\n\n1704067260000,6\n", FIELDS);
    assert.deepEqual(Array.from(p.lines), [3, 6]);
  });
});
