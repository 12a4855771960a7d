import assert from "node:assert/strict";
import { loadBinanceFundingRate } from "../../../src/data/formats/binance-funding-rate";
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
});
