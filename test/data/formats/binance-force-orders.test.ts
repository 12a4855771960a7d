import assert from "node:assert/strict";
import { loadBinanceForceOrders } from "../../../src/data/formats/binance-force-orders";
import { col, fixture, HAND_DERIVED_LIQUIDATIONS } from "../helpers";

describe("data/formats/binance-force-orders", () => {
  it("loadBinanceForceOrders(JSON Lines, plain and combined-stream events) reads the same liquidations as the snapshot", () => {
    const { table } = loadBinanceForceOrders(fixture("forceOrder.jsonl"));
    assert.deepEqual(table.objects(), HAND_DERIVED_LIQUIDATIONS);
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
    assert.deepEqual(loadBinanceForceOrders({ text, name: "allForceOrders.json" }).table.objects(), HAND_DERIVED_LIQUIDATIONS);
  });
  it("loadBinanceForceOrders names the line of a broken event", () => {
    assert.throws(() => loadBinanceForceOrders({ text: '{"o":{"s":"X","S":"SELL","q":"1","p":"10","T":1704067200000}}\n{"o":{"s":"X","S":"SELL","q":"1","p":"-1","T":1704067200000}}', name: "f.jsonl" }), /f\.jsonl, line 2, column "p": p must be a positive number \(value "-1"\)/);
  });
});
