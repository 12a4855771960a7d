import assert from "node:assert/strict";
import { loadBinanceAggTrades } from "../../../src/data/formats/binance-agg-trades";
import { loadBinanceBookDepth } from "../../../src/data/formats/binance-book-depth";
import { loadBinanceFundingRate } from "../../../src/data/formats/binance-funding-rate";
import { col, fixture, utc } from "../helpers";

describe("data/formats trades, funding, book depth", () => {
  it("loadBinanceAggTrades(futures CSV) keeps distinct trades in the same millisecond", () => {
    const { kind, table } = loadBinanceAggTrades(fixture("BTCUSDT-aggTrades-2024-01-01.csv"));
    assert.equal(kind, "trades");
    assert.deepEqual(col(table, "time"), [1704067200012, 1704067200012, 1704067200150]);
    assert.deepEqual(col(table, "isBuyerMaker"), [true, false, true]);
    assert.deepEqual(col(table, "quantity"), [0.01, 0.523, 0.002]);
    assert.deepEqual(col(table, "id"), [1979286745, 1979286746, 1979286747]);
  });
  it("loadBinanceAggTrades(header-less spot CSV, µs, True/False, is_best_match) converts µs to fractional ms", () => {
    const { table } = loadBinanceAggTrades(fixture("BTCUSDT-aggTrades-2025-01-01.csv"));
    assert.deepEqual(col(table, "time"), [1735689600012.345, 1735689600250.999]);
    assert.deepEqual(col(table, "isBuyerMaker"), [true, false]);
  });
  it("loadBinanceAggTrades(/fapi/v1/aggTrades JSON) reads a, p, q, T, m", () => {
    const text = '[{"a":1979286745,"p":"42314.0","q":"0.010","f":4407453123,"l":4407453123,"T":1704067200012,"m":true}]';
    assert.deepEqual(loadBinanceAggTrades({ text, name: "aggTrades.json" }).table.objects(), [{ time: 1704067200012, price: 42314, quantity: 0.01, isBuyerMaker: true, id: 1979286745 }]);
  });
  it("loadBinanceAggTrades throws on a flag that is not a boolean", () => {
    assert.throws(() => loadBinanceAggTrades({ text: "1,10,1,1,1,1704067200000,maybe", name: "a.csv" }), /a\.csv, line 1, column "is_buyer_maker": is_buyer_maker must be true or false \(value "maybe"\)/);
  });
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
    assert.deepEqual(loadBinanceFundingRate({ text, name: "f.json" }).table.columnNames(), ["time", "fundingRate"]);
  });
  it("loadBinanceBookDepth(archive CSV) parses text times and keeps one row per (time, percentage)", () => {
    const { kind, table } = loadBinanceBookDepth(fixture("BTCUSDT-bookDepth-2024-01-01.csv"));
    assert.equal(kind, "bookDepth");
    assert.deepEqual(table.objects()[0], { time: utc(2024, 1, 1, 0, 0, 8), percentage: -1, depth: 1234.567, notional: 52000000.12 });
    assert.deepEqual(col(table, "percentage"), [-1, 1, -1, 1]);
  });
});
