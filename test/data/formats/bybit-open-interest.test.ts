import assert from "node:assert/strict";
import { loadBybitOpenInterest } from "../../../src/data/formats/bybit-open-interest";
import { col, fixture, utc } from "../helpers";

describe("data/formats/bybit-open-interest", () => {
  it("loadBybitOpenInterest(v5 JSON, newest first) returns coin open interest oldest first", () => {
    const { table } = loadBybitOpenInterest(fixture("bybit-open-interest.json"));
    assert.deepEqual(col(table, "openInterest"), [52000.25, 52100.5]);
    assert.deepEqual(col(table, "time"), [utc(2024, 1, 1, 0, 5), utc(2024, 1, 1, 0, 10)]);
  });
  it("loadBybitOpenInterest(inverse) puts the USD contracts in openInterestUsd", () => {
    const text = '{"retCode":0,"result":{"category":"inverse","list":[{"openInterest":"600000000","timestamp":"1704067500000"}]}}';
    assert.deepEqual(loadBybitOpenInterest({ text, name: "i.json" }).table.columnNames(), ["time", "openInterestUsd"]);
    // The result object saved on its own carries the category too.
    const inner = '{"category":"inverse","list":[{"openInterest":"600000000","timestamp":"1704067500000"}]}';
    assert.deepEqual(loadBybitOpenInterest({ text: inner, name: "i.json" }).table.objects(), [{ time: 1704067500000, openInterestUsd: 600000000 }]);
    // A bare list says nothing of its category: read as linear, and the report says so.
    const bare = '{"list":[{"openInterest":"52000","timestamp":"1704067500000"}]}';
    assert.ok(loadBybitOpenInterest({ text: bare, name: "b.json" }).report.notes.some((n) => n.startsWith("no category in the file: read as linear")));
  });
});
