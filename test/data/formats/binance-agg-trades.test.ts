import assert from "node:assert/strict";
import { loadBinanceAggTrades } from "../../../src/data/formats/binance-agg-trades";
import { loadBinanceTrades } from "../../../src/data/formats/binance-trades";
import { col, fixture } from "../helpers";

describe("data/formats/binance-agg-trades", () => {
  it("loadBinanceAggTrades and loadBinanceTrades(COIN-M files) hold coin, not contracts", () => {
    // BTCUSD_PERP: 25 contracts of 100 USD at 42,300.1 = 2,500 USD = 0.0591015… BTC; ETHUSD_PERP contracts are 10 USD.
    const agg = "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n1,42300.1,25,1,1,1704067200123,false\n";
    const btc = loadBinanceAggTrades({ text: agg, name: "data/futures/cm/daily/aggTrades/BTCUSD_PERP/BTCUSD_PERP-aggTrades-2024-01-01.csv" });
    assert.deepEqual(col(btc.table, "quantity"), [2500 / 42300.1]);
    assert.ok(btc.report.notes.includes("coin-margined file: quantity is contracts of 100 USD converted to coin at each trade's price"));
    assert.deepEqual(col(loadBinanceAggTrades({ text: agg.replace("42300.1", "2500"), name: "ETHUSD_PERP-aggTrades-2024-01-01.csv" }).table, "quantity"), [0.1]);
    // Trades carry the coin amount themselves (base_qty); qty counts contracts.
    const trades = "id,price,qty,base_qty,time,is_buyer_maker\n28457,9635,1,0.01037883,1591250192508,true\n";
    assert.deepEqual(col(loadBinanceTrades({ text: trades, name: "BTCUSD_PERP-trades-2020-06-04.csv" }).table, "quantity"), [0.01037883]);
    // USD-M as before: quantity in coin as written.
    assert.deepEqual(col(loadBinanceAggTrades({ text: agg, name: "BTCUSDT-aggTrades-2024-01-01.csv" }).table, "quantity"), [25]);
  });

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
