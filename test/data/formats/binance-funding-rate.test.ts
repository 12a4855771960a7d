import assert from "node:assert/strict";
import { loadBinanceFundingRate } from "../../../src/data/formats/binance-funding-rate";
import { load } from "../../../src/data/load";
import { col, fixture, utc } from "../helpers";

describe("data/formats/binance-funding-rate", () => {
  it("loadBinanceFundingRate(archive CSV) tolerates calc_time jitter when measuring the 8h interval", () => {
    const { kind, table, report } = loadBinanceFundingRate(fixture("BTCUSDT-fundingRate-2024-01.csv"));
    assert.equal(kind, "funding");
    assert.deepEqual(col(table, "fundingRate"), [0.00037409, 0.00026472, -0.0000125]);
    assert.deepEqual(col(table, "fundingIntervalHours"), [8, 8, 8]);
    assert.equal(report.interval, "8h");
    assert.equal(report.gaps.count, 0);
  });
  it("loadBinanceFundingRate(/fapi/v1/fundingRate JSON) keeps markPrice", () => {
    const { table } = loadBinanceFundingRate(fixture("fapi-fundingRate.json"));
    assert.deepEqual(table.objects(), [
      { time: utc(2024, 1, 1, 0), fundingRate: 0.00037409, markPrice: 42288.58 },
      { time: utc(2024, 1, 1, 8), fundingRate: 0.00026472, markPrice: 44157.23475 },
    ]);
  });
  it("loadBinanceFundingRate(JSON with empty markPrice on old rows) leaves the column out instead of blanks", () => {
    const text = '[{"fundingTime":1704067200000,"fundingRate":"0.0001","markPrice":""},{"fundingTime":1704096000000,"fundingRate":"0.0001","markPrice":"42000"}]';
    const { table, report } = loadBinanceFundingRate({ text, name: "f.json" });
    assert.deepEqual(table.columnNames(), ["time", "fundingRate"]);
    assert.ok(report.notes.includes("markPrice is blank on 1 row(s) (line 1): column markPrice left out"));
  });
  it("loadBinanceFundingRate(/fapi/v1/fundingRate without symbol, several symbols) is refused naming the line and both symbols; { symbol } picks one", () => {
    // Binance USDⓈ-M "Get Funding Rate History": symbol is optional; without it rows of every symbol are returned
    const text = [
      "[",
      '{"symbol":"BTCUSDT","fundingTime":1704067200000,"fundingRate":"0.00037409","markPrice":"42314.0"},',
      '{"symbol":"ETHUSDT","fundingTime":1704067200000,"fundingRate":"0.00040000","markPrice":"2281.9"},',
      '{"symbol":"BTCUSDT","fundingTime":1704096000001,"fundingRate":"0.00031000","markPrice":"42500.0"}',
      "]",
    ].join("\n");
    const refused = /^LiqlabError: fundingRate\.json, line 3, column "symbol": rows for several instruments \(BTCUSDT on line 2, ETHUSDT on line 3\): pass \{ symbol \} to load one \(value "ETHUSDT"\)$/;
    assert.throws(() => loadBinanceFundingRate({ text, name: "fundingRate.json" }), refused);
    assert.throws(() => load({ text, name: "fundingRate.json" }), refused);
    const { table, report } = load({ text, name: "fundingRate.json" }, { symbol: "BTCUSDT" });
    assert.deepEqual(table.objects(), [
      { time: 1704067200000, fundingRate: 0.00037409, markPrice: 42314 },
      { time: 1704096000001, fundingRate: 0.00031, markPrice: 42500 },
    ]);
    assert.deepEqual(report.dropped, [{ reason: "other instrument than BTCUSDT", count: 1, lines: [3] }]);
    // rows naming no symbol (an older save) are kept whole: there is nothing to pick by
    assert.equal(loadBinanceFundingRate({ text: '[{"fundingTime":1704067200000,"fundingRate":"0.0001"}]', name: "f.json" }, { symbol: "BTCUSDT" }).table.numRows(), 1);
  });
});
