import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { zipSync, strToU8 } from "fflate";
import { load } from "../../src/data/load";
import { LiqlabError } from "../../src/util/errors";
import { fixture } from "./helpers";

// Every fixture, the kind and format load() must detect for it.
const CASES: [string, string, string][] = [
  ["BTCUSDT-1m-2024-01-01.csv", "candles", "binance-klines"],
  ["BTCUSDT-1m-2025-01-01.csv", "candles", "binance-klines"],
  ["fapi-klines.json", "candles", "binance-klines"],
  ["bybit-kline.json", "candles", "bybit-klines"],
  ["okx-candles.json", "candles", "okx-candles"],
  ["BTCUSDT-metrics-2024-01-01.csv", "openInterest", "binance-metrics"],
  ["openInterestHist.json", "openInterest", "binance-open-interest-hist"],
  ["bybit-open-interest.json", "openInterest", "bybit-open-interest"],
  ["okx-open-interest-volume.json", "openInterest", "okx-open-interest"],
  ["okx-open-interest-history.json", "openInterest", "okx-open-interest"],
  ["coinglass-oi-ohlc.json", "openInterest", "coinglass-open-interest"],
  ["BTCUSDT-liquidationSnapshot-2024-01-01.csv", "liquidations", "binance-liquidation-snapshot"],
  ["forceOrder.jsonl", "liquidations", "binance-force-orders"],
  ["coinglass-liquidations.json", "liquidationTotals", "coinglass-liquidations"],
  ["BTCUSDT-aggTrades-2024-01-01.csv", "trades", "binance-agg-trades"],
  ["BTCUSDT-aggTrades-2025-01-01.csv", "trades", "binance-agg-trades"],
  ["BTCUSDT-trades-2024-01-01.csv", "trades", "binance-trades"],
  ["BTCUSDT-fundingRate-2024-01.csv", "funding", "binance-funding-rate"],
  ["fapi-fundingRate.json", "funding", "binance-funding-rate"],
  ["BTCUSDT-bookDepth-2024-01-01.csv", "bookDepth", "binance-book-depth"],
  ["regime_30m-sample.csv", "candles", "combined-export"],
];

describe("data/load", () => {
  for (const [name, kind, format] of CASES) {
    it(`load("${name}") detects ${format} → ${kind}`, () => {
      const r = load(fixture(name));
      assert.equal(r.kind, kind);
      assert.equal(r.report.notes[0], `format detected: ${format}`);
    });
  }
  it("load({ text, name }) detects from contents when the name says nothing (renamed files)", () => {
    for (const [name, kind] of CASES) {
      const text = readFileSync(fixture(name), "utf8");
      const ext = name.endsWith(".jsonl") ? ".jsonl" : name.endsWith(".json") ? ".json" : ".csv";
      assert.equal(load({ text, name: `data${ext}` }).kind, kind, name);
    }
  });
  it("load(zip) reads the CSV inside a Binance archive zip", () => {
    const bytes = zipSync({ "BTCUSDT-1m-2024-01-01.csv": readFileSync(fixture("BTCUSDT-1m-2024-01-01.csv")) });
    const r = load({ bytes, name: "BTCUSDT-1m-2024-01-01.zip" });
    assert.equal(r.table.numRows(), 3);
    assert.equal(r.report.file, "BTCUSDT-1m-2024-01-01.zip:BTCUSDT-1m-2024-01-01.csv");
  });
  it("load(unknown) throws naming the file and showing its start", () => {
    assert.throws(() => load({ text: "hello,world\nfoo,bar", name: "x.csv" }), (e: unknown) => e instanceof LiqlabError && /x\.csv, line 1, column 1: unrecognised data format/.test(e.message));
  });
  it("load(combined export) returns its candles only, with a pointer to loadCombinedExport", () => {
    const r = load(fixture("regime_30m-sample.csv"));
    assert.deepEqual(r.table.columnNames(), ["time", "open", "high", "low", "close"]);
    assert.ok(r.report.notes.some((n) => /loadCombinedExport/.test(n)));
  });
  it("load(path) of a missing file throws naming it", () => {
    assert.throws(() => load("/nonexistent/a.csv"), /\/nonexistent\/a\.csv: file not found/);
  });
  it("load(zip with an unsafe entry) refuses it", () => {
    const bytes = zipSync({ "../evil.csv": strToU8("a,b\n") });
    assert.throws(() => load({ bytes, name: "x.zip" }), /unsafe zip entry name/);
  });
});
