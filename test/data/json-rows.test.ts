import assert from "node:assert/strict";
import { drop, newParsed, type FieldSpec } from "../../src/data/fields";
import { parseJson } from "../../src/data/json";
import { pickedFrom, readJsonRows } from "../../src/data/json-rows";

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
    assert.throws(() => readJsonRows(newParsed("x.json", "t", "candles"), [["1704067200000", "5", "1", "2"], ["1704067260000", "6", "1"]], FIELDS), /column "row": row 2 of 2: row has 3 values, the first row 4: rows read by position must all be alike \(value \["1704067260000","6","1"\]\)/);
  });
  it("readJsonRows(p, array rows of two widths) throws: another endpoint's rows would be read under the wrong names", () => {
    // OKX open-interest-volume rows [ts, oi USD, vol] then an open-interest-history row [ts, oi contracts, oiCcy, oiUsd].
    const rows = parseJson('[\n["1704067500000","100","5000"],\n["1704067200000","100","1.5","63000"]\n]', "o.json") as unknown[];
    assert.throws(() => readJsonRows(newParsed("o.json", "t", "openInterest"), rows, FIELDS.slice(0, 2)), /o\.json, line 3, column "row": row has 4 values, the first row 3/);
  });
  it("readJsonRows(p, object rows) keeps an optional field that only later rows carry", () => {
    const fields: readonly FieldSpec[] = [
      { out: "time", type: "time", names: ["fundingTime"], key: "fundingTime" },
      { out: "markPrice", type: "price", names: ["markPrice"], key: "markPrice", optional: true },
      { out: "ratio", type: "amount", names: ["ratio"], key: "ratio", optional: true, emptyOmits: true },
    ];
    // A later row has markPrice: the first row's lack of it is an error naming it, not a dropped column.
    const rows = parseJson('[\n{"fundingTime":1704067200000},\n{"fundingTime":1704096000000,"markPrice":"42000"}\n]', "f.json") as unknown[];
    assert.throws(() => readJsonRows(newParsed("f.json", "t", "funding"), rows, fields), /f\.json, line 2, column "markPrice": missing field/);
    // An emptyOmits field only some rows carry counts as blank where it is missing, with a note.
    const p = newParsed("f.json", "t", "funding");
    readJsonRows(p, [{ fundingTime: 1704067200000, markPrice: "1" }, { fundingTime: 1704096000000, markPrice: "2", ratio: "0.5" }], fields);
    assert.deepEqual([...p.columns.keys()], ["time", "markPrice"]);
    assert.ok(p.notes.some((n) => n.startsWith("ratio is blank on 1 row(s)")), p.notes.join("; "));
  });
  it("readJsonRows(p, rows with a bare value) names the bare value's own line and its place among the rows", () => {
    const time: FieldSpec[] = [{ out: "time", type: "time", names: ["fundingTime"], key: "fundingTime" }];
    // row 3 is on line 4 (the array starts on line 1, row 1 on line 2)
    const rows = parseJson('[\n{"fundingTime":1704067200000},\n{"fundingTime":1704096000000},\n5\n]', "f.json") as unknown[];
    assert.throws(() => readJsonRows(newParsed("f.json", "t", "funding"), rows, time), /^LiqlabError: f\.json, line 4, column "row": row 3 of 3: expected an array or object per row \(value 5\)$/);
    // a bare first row, and a bare row on the line the array starts on
    assert.throws(() => readJsonRows(newParsed("f.json", "t", "funding"), parseJson('[\n\n  null,\n{"fundingTime":1704067200000}]', "f.json") as unknown[], time), /f\.json, line 3, column "row": row 1 of 2: expected an array or object per row \(value null\)/);
    assert.throws(() => readJsonRows(newParsed("f.json", "t", "funding"), (parseJson('{"data": [{"fundingTime":1704067200000}, "x",\n{"fundingTime":1704096000000}]}', "f.json") as { data: unknown[] }).data, time), /f\.json, line 1, column "row": row 2 of 3: expected an array or object per row \(value "x"\)/);
  });
  it("readJsonRows(p, rows of a one-line file, lines) names the row within the line when the lines are given too", () => {
    // force-order events recorded as a one-line JSON array: every row's given line is 1
    const rows = parseJson('[{"fundingTime":1704067200000,"fundingRate":"0.0001"},{"fundingTime":1704096000000,"fundingRate":"0.0002"},{"fundingTime":1704124800000,"fundingRate":"x"}]', "f.json") as unknown[];
    const fields: FieldSpec[] = [{ out: "time", type: "time", names: ["fundingTime"], key: "fundingTime" }, { out: "fundingRate", type: "number", names: ["fundingRate"], key: "fundingRate" }];
    assert.throws(() => readJsonRows(newParsed("f.json", "t", "funding"), rows, fields, [1, 1, 1]), /^LiqlabError: f\.json, line 1, column "fundingRate": row 3 of 3: fundingRate is not a number \(value "x"\)$/);
    // JSON Lines (a line each): no row index
    assert.throws(() => readJsonRows(newParsed("f.jsonl", "t", "funding"), rows, fields, [1, 2, 3]), /^LiqlabError: f\.jsonl, line 3, column "fundingRate": fundingRate is not a number \(value "x"\)$/);
  });
  it("readJsonRows(p, rows picked from a one-line file) names a row by its place among the file's rows", () => {
    const all = parseJson('[{"s":"A","fundingRate":"1"},{"s":"B","fundingRate":"1"},{"s":"A","fundingRate":"x"},{"s":"B","fundingRate":"1"}]', "f.json") as unknown[];
    const kept = pickedFrom([all[0], all[2]], all, [0, 2]);
    const fields: FieldSpec[] = [{ out: "fundingRate", type: "number", names: ["fundingRate"], key: "fundingRate" }];
    assert.throws(() => readJsonRows(newParsed("f.json", "t", "funding"), kept, fields, [1, 1], ["s"]), /^LiqlabError: f\.json, line 1, column "fundingRate": row 3 of 4: fundingRate is not a number \(value "x"\)$/);
    // kept rows of a one-line file without their places (rows were dropped): counted among those kept
    const p = newParsed("f.json", "t", "funding");
    drop(p, "other symbol than A", 1, 2);
    assert.throws(() => readJsonRows(p, [all[0], all[2]], fields, [1, 1], ["s"]), /^LiqlabError: f\.json, line 1, column "fundingRate": row 2 of the 2 kept: fundingRate is not a number/);
  });
});
