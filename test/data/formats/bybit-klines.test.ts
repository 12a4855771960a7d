import assert from "node:assert/strict";
import { loadBybitKlines } from "../../../src/data/formats/bybit-klines";
import { col, fixture, utc } from "../helpers";

describe("data/formats/bybit-klines", () => {
  it("loadBybitKlines(v5 JSON, newest first) returns oldest first with volume = base, quoteVolume = turnover", () => {
    const { table, report } = loadBybitKlines(fixture("bybit-kline.json"));
    assert.deepEqual(col(table, "time"), [utc(2024, 1, 1, 0, 0), utc(2024, 1, 1, 0, 5)]);
    assert.deepEqual(table.objects()[0], { time: utc(2024, 1, 1), open: 42350, high: 42420, low: 42340.3, close: 42400.1, volume: 250.25, quoteVolume: 10606025.5 });
    assert.equal(report.interval, "5m");
    assert.ok(report.notes.some((n) => /newest first/.test(n)));
  });
  it("loadBybitKlines(inverse category) swaps volume (USD) and turnover (coin)", () => {
    const text = JSON.stringify({ retCode: 0, result: { category: "inverse", list: [["1704067200000", "42350", "42420", "42340", "42400", "1000000", "23.6"]] } });
    const { table } = loadBybitKlines({ text, name: "inverse.json" });
    assert.deepEqual([col(table, "volume"), col(table, "quoteVolume")], [[23.6], [1000000]]);
  });
  it("loadBybitKlines reads a file holding only the result object ({ category, list })", () => {
    const text = '{"category":"linear","list":[["1704067200000","1","2","0.5","1.5","3","4"]]}';
    assert.deepEqual(col(loadBybitKlines({ text, name: "r.json" }).table, "volume"), [3]);
  });
  it("loadBybitKlines throws on an error envelope, quoting retMsg", () => {
    assert.throws(() => loadBybitKlines({ text: '{"retCode":10001,"retMsg":"params error","result":{}}', name: "b.json" }), /b\.json, line 1, column "retCode": the file holds the exchange's error response, not data: "params error" \(value 10001\)/);
  });
  it("loadBybitKlines names the line and field of a bad value in a pretty-printed file", () => {
    const text = '{"retCode":0,"result":{"list":[\n["1704067500000","1","2","0.5","1.5","1","1"],\n["1704067200000","1","x","0.5","1.5","1","1"]\n]}}';
    assert.throws(() => loadBybitKlines({ text, name: "b.json" }), /b\.json, line 3, column "high \[2\]": high \[2\] is not a number \(value "x"\)/);
  });
});
