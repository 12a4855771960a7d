import assert from "node:assert/strict";
import { strToU8, zipSync } from "fflate";
import { loadBinanceTrades } from "../../../src/data/formats/binance-trades";
import { col, fixture } from "../helpers";

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
  it("loadBinanceTrades(source) takes COIN-M from a folder or the zip's name: quantity is base_qty (coin), not qty (contracts)", () => {
    // 1 BTCUSD contract (100 USD) at 9,635 is 100 / 9635 = 0.0103788 BTC, the row's base_qty.
    const text = "id,price,qty,base_qty,time,is_buyer_maker\n28457,9635,1,0.01037883,1591250192508,true\n";
    const inFolder = loadBinanceTrades({ text, name: "data/futures/cm/daily/trades/BTCUSD_PERP/part1.csv" });
    assert.deepEqual(col(inFolder.table, "quantity"), [0.01037883]);
    assert.ok(inFolder.report.notes.includes("coin-margined file: quantity is base_qty (coin); qty counts contracts of 100 USD and is not read"));
    const zipped = loadBinanceTrades({ bytes: zipSync({ "data.csv": strToU8(text) }), name: "BTCUSD_PERP-trades-2020-06-04.zip" });
    assert.deepEqual([col(zipped.table, "quantity"), zipped.report.format], [[0.01037883], "binance-coinm-trades-csv"]);
    // header-less, in a futures/cm folder naming no symbol: base_qty by position (4th column); the size is not needed
    const bare = loadBinanceTrades({ text: "28457,9635,1,0.01037883,1591250192508,true\n", name: "futures/cm/daily/trades/part1.csv" });
    assert.deepEqual(col(bare.table, "quantity"), [0.01037883]);
    assert.ok(bare.report.notes.includes("coin-margined file: quantity is base_qty (coin); qty counts contracts and is not read"));
  });
  it("loadBinanceTrades(/fapi/v1/trades JSON) reads the REST field names", () => {
    const text = '[{"id":7,"price":"100.5","qty":"2","quoteQty":"201","time":1704067200000,"isBuyerMaker":true}]';
    assert.deepEqual(loadBinanceTrades({ text, name: "t.json" }).table.objects(), [{ time: 1704067200000, price: 100.5, quantity: 2, isBuyerMaker: true, id: 7 }]);
  });
});
