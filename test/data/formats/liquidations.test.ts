import assert from "node:assert/strict";
import { loadBinanceForceOrders } from "../../../src/data/formats/binance-force-orders";
import { loadBinanceLiquidationSnapshot } from "../../../src/data/formats/binance-liquidation-snapshot";
import { loadCoinglassLiquidations } from "../../../src/data/formats/coinglass-liquidations";
import { col, fixture, utc } from "../helpers";

// Hand-derived: a SELL force order of 0.25 BTC filled at an average 42180.50 liquidated a long
// worth 0.25 × 42180.5 = 10545.125 USD; a BUY order filled 0.6 of 1.0 at 42520 liquidated a short
// worth 0.6 × 42520 = 25512 USD.
const EXPECTED = [
  { time: 1704067325062, side: "long", price: 42180.5, quantity: 0.25, usd: 10545.125 },
  { time: 1704067402101, side: "short", price: 42520, quantity: 0.6, usd: 25512 },
];

describe("data/formats liquidations", () => {
  it("loadBinanceLiquidationSnapshot drops each row's published duplicate and maps SELL to a long liquidated", () => {
    const { kind, table, report } = loadBinanceLiquidationSnapshot(fixture("BTCUSDT-liquidationSnapshot-2024-01-01.csv"));
    assert.equal(kind, "liquidations");
    assert.deepEqual(table.objects(), EXPECTED);
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
  it("loadBinanceForceOrders(JSON Lines, plain and combined-stream events) reads the same liquidations as the snapshot", () => {
    const { table } = loadBinanceForceOrders(fixture("forceOrder.jsonl"));
    assert.deepEqual(table.objects(), EXPECTED);
  });
  it("loadBinanceForceOrders refuses a multi-symbol file without { symbol } and filters with it", () => {
    const ev = (s: string, t: number) => JSON.stringify({ e: "forceOrder", E: t, o: { s, S: "SELL", q: "1", p: "10", ap: "10", z: "1", T: t } });
    const text = [ev("BTCUSDT", 1704067200000), ev("ETHUSDT", 1704067200001)].join("\n");
    assert.throws(() => loadBinanceForceOrders({ text, name: "all.jsonl" }), /all\.jsonl, line 1, column "s": events for several symbols \(BTCUSDT, ETHUSDT\): pass \{ symbol \}/);
    const { table, report } = loadBinanceForceOrders({ text, name: "all.jsonl" }, { symbol: "ethusdt" });
    assert.deepEqual(col(table, "time"), [1704067200001]);
    assert.equal(report.dropped[0]!.reason, "other symbol than ETHUSDT");
  });
  it("loadBinanceForceOrders(REST allForceOrders JSON) reads rows in the same units", () => {
    const text = JSON.stringify([
      { orderId: 1, symbol: "BTCUSDT", status: "FILLED", price: "42100.00", avgPrice: "42180.50", origQty: "0.250", executedQty: "0.250", timeInForce: "IOC", type: "LIMIT", side: "SELL", time: 1704067325062 },
      { orderId: 2, symbol: "BTCUSDT", status: "PARTIALLY_FILLED", price: "42600.00", avgPrice: "42520.00", origQty: "1.000", executedQty: "0.600", timeInForce: "IOC", type: "LIMIT", side: "BUY", time: 1704067402101 },
    ]);
    assert.deepEqual(loadBinanceForceOrders({ text, name: "allForceOrders.json" }).table.objects(), EXPECTED);
  });
  it("loadBinanceForceOrders names the line of a broken event", () => {
    assert.throws(() => loadBinanceForceOrders({ text: '{"o":{"s":"X","S":"SELL","q":"1","p":"10","T":1704067200000}}\n{"o":{"s":"X","S":"SELL","q":"1","p":"-1","T":1704067200000}}', name: "f.jsonl" }), /f\.jsonl, line 2, column "p": p must be a positive number \(value "-1"\)/);
  });
  it("loadCoinglassLiquidations(v4 JSON) reads long/short USD totals per bar", () => {
    const { kind, table, report } = loadCoinglassLiquidations(fixture("coinglass-liquidations.json"));
    assert.equal(kind, "liquidationTotals");
    assert.deepEqual(table.objects(), [
      { time: utc(2024, 1, 1, 0, 0), longUsd: 553140.25838, shortUsd: 10549.65928 },
      { time: utc(2024, 1, 1, 0, 30), longUsd: 26469.6043, shortUsd: 3051.64055 },
    ]);
    assert.equal(report.interval, "30m");
  });
  it("loadCoinglassLiquidations reads the aggregated_ variant", () => {
    const text = '{"code":"0","data":[{"time":1704067200000,"aggregated_long_liquidation_usd":5,"aggregated_short_liquidation_usd":6}]}';
    assert.deepEqual(loadCoinglassLiquidations({ text, name: "a.json" }).table.objects(), [{ time: utc(2024, 1, 1), longUsd: 5, shortUsd: 6 }]);
  });
});
