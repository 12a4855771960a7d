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
    assert.equal(report.dropped[0]!.reason, "other instrument than ETHUSDT");
  });
  it("loadBinanceForceOrders(BTCUSDT events, { symbol: 'ETHUSDT' }) refuses, naming the symbol the file holds", () => {
    // Was an empty table with one drop count: a silent "no liquidations" for the wrong file.
    const ev = (s: string, t: number) => JSON.stringify({ e: "forceOrder", E: t, o: { s, S: "SELL", q: "1", p: "10", ap: "10", z: "1", T: t } });
    const text = [ev("BTCUSDT", 1704067200000), ev("BTCUSDT", 1704067200001)].join("\n");
    assert.throws(() => loadBinanceForceOrders({ text, name: "btc.jsonl" }, { symbol: "ETHUSDT" }), /^LiqlabError: btc\.jsonl, column "s": no rows for ETHUSDT: the file holds BTCUSDT \(value "ETHUSDT"\)$/);
    // REST rows name theirs as `symbol`: the same refusal
    const rest = JSON.stringify([{ symbol: "BTCUSDT", price: "10", avgPrice: "10", origQty: "1", executedQty: "1", side: "SELL", time: 1704067200000 }]);
    assert.throws(() => loadBinanceForceOrders({ text: rest, name: "allForceOrders.json" }, { symbol: "ETHUSDT" }), /^LiqlabError: allForceOrders\.json, column "s": no rows for ETHUSDT: the file holds BTCUSDT \(value "ETHUSDT"\)$/);
  });
  it("loadBinanceForceOrders(events without s, { symbol }) reads them all as that symbol and notes it", () => {
    // Was an empty table: every event dropped as another symbol's. As the funding and
    // open-interest loaders keep rows that name no instrument, the symbol given is taken as theirs.
    const ev = (t: number) => JSON.stringify({ e: "forceOrder", E: t, o: { S: "SELL", q: "1", p: "9425.5", ap: "9496.5", z: "1", T: t } });
    const text = [ev(1704067200000), ev(1704067200001)].join("\n");
    const { table, report } = loadBinanceForceOrders({ text, name: "liquidations.jsonl" }, { symbol: "ETHUSDT" });
    assert.deepEqual(col(table, "time"), [1704067200000, 1704067200001]);
    assert.deepEqual(col(table, "usd"), [9496.5, 9496.5]);
    assert.equal(report.dropped.length, 0);
    assert.ok(report.notes.includes('no event names its symbol (field "s"): all read as ETHUSDT, the symbol given'), report.notes.join("; "));
    // the symbol given decides COIN-M contracts too: 1 BTCUSD contract is 100 USD
    assert.deepEqual(col(loadBinanceForceOrders({ text, name: "liquidations.jsonl" }, { symbol: "BTCUSD_PERP" }).table, "usd"), [100, 100]);
  });
  it("loadBinanceForceOrders(events without s, in a BTCUSD_PERP folder) counts contracts by the path, not only the file's own name", () => {
    const ev = (t: number) => JSON.stringify({ e: "forceOrder", E: t, o: { S: "SELL", q: "1", p: "9425.5", ap: "9496.5", z: "1", T: t } });
    const text = [ev(1704067200000), ev(1704067200001)].join("\n");
    // 1 contract of BTCUSD is 100 USD; the file's own name says nothing, its folder does.
    assert.deepEqual(col(loadBinanceForceOrders({ text, name: "data/BTCUSD_PERP/liquidations.jsonl" }).table, "usd"), [100, 100]);
    assert.deepEqual(col(loadBinanceForceOrders({ text, name: "data/liquidations.jsonl" }).table, "usd"), [9496.5, 9496.5]);
  });
  it("loadBinanceForceOrders(REST allForceOrders JSON) reads rows in the same units", () => {
    const text = JSON.stringify([
      { orderId: 1, symbol: "BTCUSDT", status: "FILLED", price: "42100.00", avgPrice: "42180.50", origQty: "0.250", executedQty: "0.250", timeInForce: "IOC", type: "LIMIT", side: "SELL", time: 1704067325062 },
      { orderId: 2, symbol: "BTCUSDT", status: "PARTIALLY_FILLED", price: "42600.00", avgPrice: "42520.00", origQty: "1.000", executedQty: "0.600", timeInForce: "IOC", type: "LIMIT", side: "BUY", time: 1704067402101 },
    ]);
    assert.deepEqual(loadBinanceForceOrders({ text, name: "allForceOrders.json" }).table.objects(), HAND_DERIVED_LIQUIDATIONS);
  });
  it("loadBinanceForceOrders(COIN-M events, BTCUSD_200925 / BTCUSD_PERP / ETHUSD_PERP) converts contracts to USD and coin", () => {
    // Binance COIN-M "Liquidation Order Streams" doc example: s "BTCUSD_200925", q "1", z "1",
    // ap "9496.5". On COIN-M q and z count contracts; Binance's COIN-M contract specifications make a
    // BTCUSD contract 100 USD and every other coin's 10 USD: usd = 1 × 100, quantity = 100 / 9496.5 BTC.
    const ev = (s: string) => JSON.stringify({ e: "forceOrder", E: 1591154240950, o: { s, ps: "BTCUSD", S: "SELL", o: "LIMIT", f: "IOC", q: "1", p: "9425.5", ap: "9496.5", X: "FILLED", l: "1", z: "1", T: 1591154240949 } }) + "\n";
    for (const s of ["BTCUSD_200925", "BTCUSD_PERP"]) {
      // the file name holds no symbol: the events' own symbol decides
      const { table, report } = loadBinanceForceOrders({ text: ev(s), name: "liquidations.jsonl" });
      assert.deepEqual(table.objects(), [{ time: 1591154240949, side: "long", price: 9496.5, quantity: 100 / 9496.5, usd: 100 }], s);
      assert.ok(report.notes.includes("coin-margined symbol: quantities are contracts of 100 USD"), s);
    }
    assert.deepEqual(col(loadBinanceForceOrders({ text: ev("ETHUSD_PERP"), name: "l.jsonl" }).table, "usd"), [10]);
    // the contractUsd option still overrides the contract size
    assert.deepEqual(col(loadBinanceForceOrders({ text: ev("BTCUSD_PERP"), name: "l.jsonl" }, { contractUsd: 10 }).table, "usd"), [10]);
    // but not on a USDⓈ-M symbol, whose q is coin: 1 BTC at 9,496.5 is not 100 USD
    assert.throws(() => loadBinanceForceOrders({ text: ev("BTCUSDT"), name: "l.jsonl" }, { contractUsd: 100 }), /^LiqlabError: l\.jsonl, line 1, column "s": contractUsd is for COIN-M contracts, and BTCUSDT is not one \(its quantities are coin\): leave contractUsd out \(value "BTCUSDT"\)$/);
  });

  it("loadBinanceForceOrders(an exchange's error response) quotes the exchange's message", () => {
    for (const name of ["BTCUSDT-forceOrder.json", "forceOrder.jsonl"]) {
      assert.throws(() => loadBinanceForceOrders({ text: '{"code":-1121,"msg":"Invalid symbol."}', name }), new RegExp(`^LiqlabError: ${name.replace(".", "\\.")}, line 1, column "code": the file holds the exchange's error response, not data: "Invalid symbol\\." \\(value -1121\\)$`));
    }
  });
  it("loadBinanceForceOrders names the line of a broken event", () => {
    assert.throws(() => loadBinanceForceOrders({ text: '{"o":{"s":"X","S":"SELL","q":"1","p":"10","T":1704067200000}}\n{"o":{"s":"X","S":"SELL","q":"1","p":"-1","T":1704067200000}}', name: "f.jsonl" }), /f\.jsonl, line 2, column "p": p must be a positive number \(value "-1"\)/);
  });
});
