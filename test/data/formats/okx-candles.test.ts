import assert from "node:assert/strict";
import { loadOkxCandles } from "../../../src/data/formats/okx-candles";
import { col, fixture, utc } from "../helpers";

describe("data/formats/okx-candles", () => {
  it("loadOkxCandles(SWAP JSON) reverses newest-first rows, uses volCcy (coin) and volCcyQuote, keeps and notes the open bar", () => {
    const { table, report } = loadOkxCandles(fixture("okx-candles.json"));
    assert.deepEqual(col(table, "time"), [utc(2024, 1, 1, 0, 5), utc(2024, 1, 1, 0, 10), utc(2024, 1, 1, 0, 15)]);
    assert.deepEqual(col(table, "volume"), [20, 35, 12]);
    assert.deepEqual(col(table, "quoteVolume"), [848000, 1484703.5, 509106]);
    assert.ok(report.notes.includes('1 candle(s) still open (confirm "0"), kept: 2024-01-01 00:15:00'));
    assert.deepEqual(report.dropped, []);
  });
  it("loadOkxCandles(SPOT JSON, volCcy = volCcyQuote) takes vol as the base volume", () => {
    const text = JSON.stringify({ code: "0", data: [["1704067200000", "42000", "42100", "41900", "42050", "2.5", "105000", "105000", "1"]] });
    const { table } = loadOkxCandles({ text, name: "spot.json" });
    assert.deepEqual([col(table, "volume"), col(table, "quoteVolume")], [[2.5], [105000]]);
  });
  it("loadOkxCandles throws on an error code", () => {
    assert.throws(() => loadOkxCandles({ text: '{"code":"51001","msg":"Instrument ID does not exist","data":[]}', name: "o.json" }), /column "code": the file holds the exchange's error response, not data: "Instrument ID does not exist" \(value "51001"\)/);
  });
});
