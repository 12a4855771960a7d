import assert from "node:assert/strict";
import { strToU8, zipSync } from "fflate";
import { loadBinanceLiquidationSnapshot } from "../../../src/data/formats/binance-liquidation-snapshot";
import { col, fixture, HAND_DERIVED_LIQUIDATIONS } from "../helpers";

describe("data/formats/binance-liquidation-snapshot", () => {
  it("loadBinanceLiquidationSnapshot drops each row's published duplicate and maps SELL to a long liquidated", () => {
    const { kind, table, report } = loadBinanceLiquidationSnapshot(fixture("BTCUSDT-liquidationSnapshot-2024-01-01.csv"));
    assert.equal(kind, "liquidations");
    assert.deepEqual(table.objects(), HAND_DERIVED_LIQUIDATIONS);
    assert.equal(report.duplicates, 2);
    assert.deepEqual(report.dropped, [{ reason: "exact duplicate row", count: 2, lines: [3, 5] }]);
    assert.equal(report.rowsRead, 4);
  });
  it("loadBinanceLiquidationSnapshot(coin-margined BTCUSD_PERP) counts 100 USD contracts", () => {
    const { table } = loadBinanceLiquidationSnapshot(fixture("BTCUSD_PERP-liquidationSnapshot-2023-06-25.csv"));
    assert.deepEqual(col(table, "usd"), [700]);
    assert.deepEqual(col(table, "quantity"), [700 / 30631.6]);
    assert.deepEqual(col(table, "side"), ["short"]);
  });
  it("loadBinanceLiquidationSnapshot(source) takes COIN-M from the zip's name or a folder when the file's own name is plain", () => {
    // The BTCUSD_PERP fixture's row: 7 contracts filled at 30,631.6. COIN-M: 7 × 100 USD = 700 USD,
    // 700 / 30,631.6 BTC. Read as USDⓈ-M it would be 7 BTC = 214,421.2 USD, 306× too much.
    const text = "time,side,order_type,time_in_force,original_quantity,price,average_price,order_status,last_fill_quantity,accumulated_fill_quantity\n1687656471926,BUY,LIMIT,IOC,7,30741.3,30631.6,FILLED,6,7\n";
    const zipped = loadBinanceLiquidationSnapshot({ bytes: zipSync({ "data.csv": strToU8(text) }), name: "BTCUSD_PERP-liquidationSnapshot-2023-06-25.zip" });
    assert.deepEqual([col(zipped.table, "usd"), col(zipped.table, "quantity")], [[700], [700 / 30631.6]]);
    assert.ok(zipped.report.notes.includes("coin-margined file: quantities are contracts of 100 USD"));
    const inFolder = loadBinanceLiquidationSnapshot({ text, name: "data/futures/cm/daily/liquidationSnapshot/BTCUSD_PERP/part1.csv" });
    assert.deepEqual(col(inFolder.table, "usd"), [700]);
    // an ETHUSD folder: 7 contracts of 10 USD = 70 USD
    assert.deepEqual(col(loadBinanceLiquidationSnapshot({ text, name: "futures/cm/daily/liquidationSnapshot/ETHUSD_PERP/part1.csv" }).table, "usd"), [70]);
    // USDⓈ-M zips are unchanged: 7 BTC × 30,631.6
    assert.deepEqual(col(loadBinanceLiquidationSnapshot({ bytes: zipSync({ "data.csv": strToU8(text) }), name: "BTCUSDT-liquidationSnapshot-2023-06-25.zip" }).table, "usd"), [7 * 30631.6]);
  });
  it("loadBinanceLiquidationSnapshot(source) throws when a COIN-M path does not give the contract size; { contractUsd } gives it", () => {
    const text = "time,side,order_type,time_in_force,original_quantity,price,average_price,order_status,last_fill_quantity,accumulated_fill_quantity\n1687656471926,BUY,LIMIT,IOC,7,30741.3,30631.6,FILLED,6,7\n";
    const name = "futures/cm/daily/liquidationSnapshot/part1.csv";
    assert.throws(() => loadBinanceLiquidationSnapshot({ text, name }), /^LiqlabError: futures\/cm\/daily\/liquidationSnapshot\/part1\.csv, column "contractUsd": a COIN-M path \(futures\/cm\) naming no symbol such as BTCUSD_PERP: the contract size \(100 USD for BTC, 10 for other coins\) is unknown; pass the contractUsd option$/);
    assert.deepEqual(col(loadBinanceLiquidationSnapshot({ text, name }, { contractUsd: 100 }).table, "usd"), [700]);
    // a BTC zip holding an ETH file: 100 or 10 USD a contract, so no guess
    const mixed = { bytes: zipSync({ "ETHUSD_PERP-liquidationSnapshot-2023-06-25.csv": strToU8(text) }), name: "BTCUSD_PERP-liquidationSnapshot-2023-06-25.zip" };
    assert.throws(() => loadBinanceLiquidationSnapshot(mixed), /^LiqlabError: BTCUSD_PERP-liquidationSnapshot-2023-06-25\.zip:ETHUSD_PERP-liquidationSnapshot-2023-06-25\.csv, column "contractUsd": a COIN-M path naming symbols of BTC and ETH: the contract size \(100 USD for BTC, 10 for other coins\) is unknown; pass the contractUsd option$/);
  });
  it("loadBinanceLiquidationSnapshot throws on a side that is neither BUY nor SELL", () => {
    const text = "time,side,order_type,time_in_force,original_quantity,price,average_price,order_status,last_fill_quantity,accumulated_fill_quantity\n1704067325062,HOLD,LIMIT,IOC,1,2,2,FILLED,1,1";
    assert.throws(() => loadBinanceLiquidationSnapshot({ text, name: "l.csv" }), /l\.csv, line 2, column "side": side must be BUY or SELL \(value "HOLD"\)/);
  });
  it("loadBinanceLiquidationSnapshot throws on a USD value that overflows, naming the computed column (each field alone was finite)", () => {
    // 42,180.5 USD × 1e308 coins is Infinity: usd is computed, not read, so only the finish can see it.
    const text = "time,side,order_type,time_in_force,original_quantity,price,average_price,order_status,last_fill_quantity,accumulated_fill_quantity\n1704067325062,SELL,LIMIT,IOC,0.25,42100,42180.5,FILLED,0.25,1e308";
    assert.throws(() => loadBinanceLiquidationSnapshot({ text, name: "l.csv" }), /^LiqlabError: l\.csv, line 2, column "usd": usd is Infinity: the row's values overflow a double \(a unit mistake\?\) \(value Infinity\)$/);
  });
});
