import assert from "node:assert/strict";
import { loadBinanceAggTrades } from "../../../src/data/formats/binance-agg-trades";
import { col, fixture } from "../helpers";

describe("data/formats/binance-agg-trades", () => {
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
});
