import assert from "node:assert/strict";
import { checkEnvelope, checkOhlc, rowsAt } from "../../../src/data/formats/common";
import { newParsed } from "../../../src/data/fields";
import { parseJson } from "../../../src/data/json";

describe("data/formats/common", () => {
  it("rowsAt(v, path) finds rows in the full envelope, in its inner object, or a bare array", () => {
    assert.deepEqual(rowsAt({ result: { list: [1] } }, ["result", "list"], "f"), [1]);
    assert.deepEqual(rowsAt({ list: [2] }, ["result", "list"], "f"), [2]);
    assert.deepEqual(rowsAt([3], ["data"], "f"), [3]);
  });
  it("rowsAt throws naming the line and key when the rows are missing", () => {
    const v = parseJson('{\n "data": {"x": 1}\n}', "f.json");
    assert.throws(() => rowsAt(v, ["data"], "f.json"), /f\.json, line 2, column "data": "data" is not an array \(value \{"x":1\}\)/);
  });
  it("checkEnvelope(v) passes success codes and names an error code", () => {
    checkEnvelope({ code: "0", data: [] }, "f");
    checkEnvelope({ retCode: 0, result: {} }, "f");
    assert.throws(() => checkEnvelope({ code: "50011", msg: "Rate limit reached" }, "f"), /column "code": the file holds the exchange's error response, not data: "Rate limit reached" \(value "50011"\)/);
  });
  it("checkOhlc(p) throws when close lies outside low..high", () => {
    const p = newParsed("k.csv", "t", "candles");
    for (const [k, v] of [["open", 10], ["high", 11], ["low", 9], ["close", 12]] as const) p.columns.set(k, Float64Array.of(v));
    p.n = 1;
    p.lines = Int32Array.of(7);
    assert.throws(() => checkOhlc(p), /k\.csv, line 7, column "close": close is outside the bar's low\.\.high range \(value 12\)/);
  });
});
