import assert from "node:assert/strict";
import { strToU8, zipSync } from "fflate";
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

  it("loadBinanceAggTrades(source) takes COIN-M from a folder or the zip's name when the file's own name is plain", () => {
    // 25 BTCUSD contracts of 100 USD at 42,300.1 = 2,500 USD = 2500 / 42300.1 BTC (not 25 BTC);
    // 25 ETHUSD contracts of 10 USD at 2,500 = 250 USD = 0.1 ETH.
    const agg = "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n1,42300.1,25,1,1,1704067200123,false\n";
    assert.deepEqual(col(loadBinanceAggTrades({ text: agg, name: "data/futures/cm/daily/aggTrades/BTCUSD_PERP/part1.csv" }).table, "quantity"), [2500 / 42300.1]);
    const zipped = loadBinanceAggTrades({ bytes: zipSync({ "data.csv": strToU8(agg.replace("42300.1", "2500")) }), name: "ETHUSD_PERP-aggTrades-2024-01-01.zip" });
    assert.deepEqual(col(zipped.table, "quantity"), [0.1]);
    assert.ok(zipped.report.notes.includes("coin-margined file: quantity is contracts of 10 USD converted to coin at each trade's price"));
    // and, as before, the entry's own name in a zip named plainly
    assert.deepEqual(col(loadBinanceAggTrades({ bytes: zipSync({ "BTCUSD_PERP-aggTrades-2024-01-01.csv": strToU8(agg) }), name: "download.zip" }).table, "quantity"), [2500 / 42300.1]);
    // a futures/cm folder without a symbol: the size must be given (100 USD here: 2500 / 42300.1 BTC)
    const name = "data/futures/cm/daily/aggTrades/part1.csv";
    assert.throws(() => loadBinanceAggTrades({ text: agg, name }), /^LiqlabError: data\/futures\/cm\/daily\/aggTrades\/part1\.csv, column "contractUsd": a COIN-M path \(futures\/cm\) naming no symbol such as BTCUSD_PERP: the contract size \(100 USD for BTC, 10 for other coins\) is unknown; pass the contractUsd option$/);
    assert.deepEqual(col(loadBinanceAggTrades({ text: agg, name }, { contractUsd: 100 }).table, "quantity"), [2500 / 42300.1]);
    // USDⓈ-M folders stay coin as written
    assert.deepEqual(col(loadBinanceAggTrades({ text: agg, name: "data/futures/um/daily/aggTrades/BTCUSDT/part1.csv" }).table, "quantity"), [25]);
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
