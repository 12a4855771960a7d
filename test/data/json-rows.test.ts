import assert from "node:assert/strict";
import { newParsed, type FieldSpec } from "../../src/data/fields";
import { parseJson } from "../../src/data/json";
import { readJsonRows } from "../../src/data/json-rows";

const FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["open_time"], index: 0, key: 0 },
  { out: "close", type: "price", names: ["close"], index: 1, key: 1 },
  { out: "volume", type: "amount", names: ["volume"], index: 2, key: 2, optional: true },
  { out: "ratio", type: "amount", names: ["ratio"], index: 3, key: 3, optional: true, emptyOmits: true },
];

describe("data/json-rows", () => {
  it("readJsonRows(p, rows, fields) uses each row's line in the file", () => {
    const p = newParsed("x.json", "t", "candles");
    const rows = parseJson('[\n["1704067200000","5"],\n["1704067260000","0"]\n]', "x.json") as unknown[];
    assert.throws(() => readJsonRows(p, rows, FIELDS), /x\.json, line 3, column "close \[1\]": close \[1\] must be a positive number \(value "0"\)/);
  });
  it("readJsonRows reads object rows under an alias listed in names", () => {
    const p = newParsed("x.json", "t", "openInterest");
    readJsonRows(p, [{ t: 1704067200000, c: 5 }], [
      { out: "time", type: "time", names: ["time", "t"], key: "time" },
      { out: "openInterestUsd", type: "amount", names: ["close", "c"], key: "close" },
    ]);
    assert.deepEqual(Array.from(p.columns.get("openInterestUsd") as Float64Array), [5]);
  });
  it("readJsonRows leaves out an emptyOmits column with empty values but still fails on a missing key", () => {
    const p = newParsed("x.json", "t", "candles");
    readJsonRows(p, [["1704067200000", "5", "1", "2"], ["1704067260000", "6", "1", ""]], FIELDS);
    assert.deepEqual([p.n, [...p.columns.keys()]], [2, ["time", "close", "volume"]]);
    assert.throws(() => readJsonRows(newParsed("x.json", "t", "candles"), [["1704067200000", "5", "1", "2"], ["1704067260000", "6", "1"]], FIELDS), /column "ratio \[3\]": missing field/);
  });
});
