import assert from "node:assert/strict";
import { loadBinanceTrades } from "../../../src/data/formats/binance-trades";
import { fixture } from "../helpers";

describe("data/formats/binance-trades", () => {
  it("loadBinanceTrades(archive CSV) reads id, price, qty, time and the maker flag", () => {
    const { kind, table } = loadBinanceTrades(fixture("BTCUSDT-trades-2024-01-01.csv"));
    assert.equal(kind, "trades");
    assert.deepEqual(table.objects(), [
      { time: 1704067200012, price: 42314, quantity: 0.01, isBuyerMaker: true, id: 4407453123 },
      { time: 1704067200012, price: 42314.1, quantity: 0.1, isBuyerMaker: false, id: 4407453124 },
    ]);
  });
  it("loadBinanceTrades(header-less CSV) takes the archive column order", () => {
    const { table } = loadBinanceTrades({ text: "7,100.5,2,201,1704067200000,False\n", name: "t.csv" });
    assert.deepEqual(table.objects(), [{ time: 1704067200000, price: 100.5, quantity: 2, isBuyerMaker: false, id: 7 }]);
  });
  it("loadBinanceTrades(/fapi/v1/trades JSON) reads the REST field names", () => {
    const text = '[{"id":7,"price":"100.5","qty":"2","quoteQty":"201","time":1704067200000,"isBuyerMaker":true}]';
    assert.deepEqual(loadBinanceTrades({ text, name: "t.json" }).table.objects(), [{ time: 1704067200000, price: 100.5, quantity: 2, isBuyerMaker: true, id: 7 }]);
  });
});
