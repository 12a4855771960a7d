import assert from "node:assert/strict";
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
