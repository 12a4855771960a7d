import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { detectFormat } from "../../src/data/detect";
import { load } from "../../src/data/load";
import type { SourceText } from "../../src/data/source";
import { fixture } from "./helpers";

const st = (name: string, text: string): SourceText => ({ file: name, name, text, notes: [] });

describe("data/detect", () => {
  it("detectFormat(st) trusts a Binance archive file name", () => {
    assert.equal(detectFormat(st("ETHUSDT-metrics-2024-01-01.csv", "")), "binance-metrics");
    assert.equal(detectFormat(st("BTCUSDT-liquidationSnapshot-2024-01-01.csv", "")), "binance-liquidation-snapshot");
    assert.equal(detectFormat(st("BTCUSDT-trades-2024-01-01.csv", "")), "binance-trades");
  });
  it("detectFormat(st) reads header-less archive CSVs by column count and values", () => {
    assert.equal(detectFormat(st("a.csv", "1704067200000,1,2,0.5,1.5,3,1704067259999,4,5,6,7,0")), "binance-klines");
    assert.equal(detectFormat(st("a.csv", "1,42314.0,0.010,4,4,1704067200012,true")), "binance-agg-trades");
    assert.equal(detectFormat(st("a.csv", "1,42314.0,0.010,4,4,1704067200012,True,True")), "binance-agg-trades");
    assert.equal(detectFormat(st("a.csv", "7,100.5,2,201,1704067200000,false")), "binance-trades");
    assert.equal(detectFormat(st("a.csv", "1704067325062,SELL,LIMIT,IOC,1,2,2,FILLED,1,1")), "binance-liquidation-snapshot");
    assert.equal(detectFormat(st("a.csv", "1704067200000,8,0.0001")), "binance-funding-rate");
  });
  it("detectFormat(st) tells JSON sources apart by envelope and row shape", () => {
    assert.equal(detectFormat(st("a.json", '{"retCode":0,"result":{"list":[{"openInterest":"1","timestamp":"1"}]}}')), "bybit-open-interest");
    assert.equal(detectFormat(st("a.json", '{"retCode":0,"result":{"list":[["1","1","1","1","1","1","1"]]}}')), "bybit-klines");
    assert.equal(detectFormat(st("a.json", '{"code":"0","data":[["1","1","1","1","1","1","1","1","1"]]}')), "okx-candles");
    assert.equal(detectFormat(st("okx-open-interest-volume.json", '{"code":"0","data":[["1","1","1"]]}')), "okx-open-interest");
    assert.equal(detectFormat(st("a.json", '{"code":"0","data":[["1","1","1","1"]]}')), "okx-open-interest");
    assert.equal(detectFormat(st("a.json", '{"code":"0","data":[{"time":1,"open":1,"high":1,"low":1,"close":7805300840}]}')), "coinglass-open-interest");
    // Coinglass price and funding-rate OHLC share the keys: a close under a million USD, or a
    // volume key, is not taken for open interest (the price 92,853.6 became openInterestUsd).
    for (const row of ['{"time":1,"open":1,"high":1,"low":1,"close":92853.6}', '{"time":1,"open":1,"high":1,"low":1,"close":0.005}', '{"time":1,"open":1,"high":1,"low":1,"close":9e9,"volume_usd":1}']) {
      assert.throws(() => detectFormat(st("a.json", `{"code":"0","data":[${row}]}`)), /a.json, line 1, column 1: unrecognised data format: pass \{ format \} to load\(\)/);
    }
    assert.equal(detectFormat(st("a.json", '[{"time":1,"open":1,"high":1,"low":1,"close":1}]')), "canonical");
    assert.equal(detectFormat(st("a.json", '{"e":"forceOrder","o":{}}\n{"e":"forceOrder","o":{}}')), "binance-force-orders");
  });
  it("detectFormat(st) takes an empty Bybit page with a nextPageCursor for open interest (kline responses have no cursor)", () => {
    assert.equal(detectFormat(st("a.json", '{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSDT","category":"linear","list":[],"nextPageCursor":""}}')), "bybit-open-interest");
    assert.equal(detectFormat(st("a.json", '{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSDT","category":"linear","list":[]}}')), "bybit-klines");
  });
  it("detectFormat(st) tells OKX funding-rate-history rows from Binance's, even under a fundingRate name", () => {
    const okx = '{"code":"0","msg":"","data":[{"fundingRate":"0.0001","fundingTime":"1703059200000","instId":"BTC-USDT-SWAP","instType":"SWAP","realizedRate":"0.0001"}]}';
    assert.equal(detectFormat(st("a.json", okx)), "okx-funding-rate");
    assert.equal(detectFormat(st("BTC-USDT-SWAP-fundingRate.json", okx)), "okx-funding-rate");
    assert.equal(detectFormat(st("a.json", '[{"symbol":"BTCUSDT","fundingTime":1704067200000,"fundingRate":"0.0001","markPrice":"42000"}]')), "binance-funding-rate");
  });
  it("detectFormat(st) refuses 3-value OKX rows unless the name says open interest", () => {
    assert.throws(() => detectFormat(st("a.json", '{"code":"0","data":[["1","1","1"]]}')), /^LiqlabError: a\.json, line 1, column "data": OKX rows of 3 values are open-interest-volume \[ts, oi, vol\] or taker-volume \[ts, sellVol, buyVol\] alike/);
    assert.equal(detectFormat(st("okx-oi.json", '{"code":"0","data":[["1","1","1"]]}')), "okx-open-interest");
    assert.throws(() => detectFormat(st("okx-open-interest-volume-ratio.json", '{"code":"0","data":[["1","1","1"]]}')), /OKX rows of 3 values/);
    assert.throws(() => detectFormat(st("coins.json", '{"code":"0","data":[["1","1","1"]]}')), /OKX rows of 3 values/);
    assert.throws(() => detectFormat(st("taker-volume.json", '{"code":"0","data":[["1","1","1"]]}')), /taker-volume\.json, line 1, column "data": OKX taker-volume rows \[ts, sellVol, buyVol\] are not open interest/);
    // The file's own name decides, not its folders; a camel-case OI counts.
    const rows = '{"code":"0","data":[["1","1","1"]]}';
    assert.equal(detectFormat({ file: "/data/ratio-study/okx-open-interest.json", name: "okx-open-interest.json", text: rows, notes: [] }), "okx-open-interest");
    assert.equal(detectFormat(st("btcOI.json", rows)), "okx-open-interest");
    assert.throws(() => detectFormat(st("btcOIL.json", rows)), /OKX rows of 3 values/);
  });
  it("detectFormat(st) ignores a CSV-only name hint on a JSON file", () => {
    assert.equal(detectFormat(st("BTCUSDT-bookDepth.json", '[[1704067200000,"1","2","0.5","1.5","3",1704067259999,"4",5,"6","7","0"]]')), "binance-klines");
  });
  it("detectFormat(st) throws on an unknown layout, showing the start of the file", () => {
    assert.throws(() => detectFormat(st("x.csv", "hello,world")), /x\.csv, line 1, column 1: unrecognised data format: pass \{ format \} to load\(\) \(value "hello,world"\)/);
  });
  it("detectFormat(st) refuses a header-less row whose values cannot be the layout its width suggests", () => {
    const hint = "another kind of file\\? Call the loader of the file's format \\(loadBinanceFundingRate, loadOkxOpenInterest…\\) or pass \\{ format \\} to load\\(\\)";
    // 3 columns are the funding layout's width, but 42000 is no funding interval (nor 0.5 a funding rate)
    assert.throws(() => detectFormat(st("a.csv", "1704067200000,42000,0.5\n1704067260000,42001,0.6\n")), new RegExp(`^LiqlabError: a\\.csv, line 1, column "funding_interval_hours": no header row and 3 columns, as in a Binance fundingRate archive file, but funding_interval_hours is not a whole number of hours from 1 to 24 \\(such as 1, 4 or 8\\): ${hint} \\(value "42000"\\)$`));
    assert.throws(() => detectFormat(st("a.csv", "1704067200000,8.5,0.0001")), /column "funding_interval_hours": .* \(value "8\.5"\)$/);
    assert.throws(() => detectFormat(st("a.csv", "\n\n1704067200000,8,0.5\n")), /^LiqlabError: a\.csv, line 3, column "last_funding_rate": no header row and 3 columns, as in a Binance fundingRate archive file, but last_funding_rate is not a funding rate within ±0\.1 \(a fraction per interval: 0\.0001 = 0\.01 %\): another kind of file\? .* \(value "0\.5"\)$/);
    // 4 columns are bookDepth's width, but a percentage of 42000 is none
    assert.throws(() => detectFormat(st("a.csv", "1704067200000,42000,0.5,1\n")), /^LiqlabError: a\.csv, line 1, column "percentage": no header row and 4 columns, as in a Binance bookDepth archive file, but percentage is not within ±100 \(% from the mid price: Binance writes ±0\.2 to ±5\): another kind of file\? .* \(value "42000"\)$/);
    // the row detection goes by (a cut-off first row aside) is the one named
    assert.throws(() => detectFormat(st("a.csv", "1704067200000,8\n1704067260000,42000,0.5\n1704067320000,42000,0.5\n")), /^LiqlabError: a\.csv, line 2, column "funding_interval_hours": /);
  });
  it("detectFormat(st) keeps reading plausible header-less funding and bookDepth rows by their width", () => {
    for (const row of ["1704067200000,8,0.0001", "1704067200000,1,-0.0075", "1704067200000,4,0.03", "1704067200000,8,-0.00001250"]) assert.equal(detectFormat(st("a.csv", row)), "binance-funding-rate");
    for (const row of ["2024-01-01 00:00:08,-1.00,1234.567,52000000.12", "2024-01-01 00:00:08,0.20,1.5,63000", "2024-01-01 00:00:08,-5,1,1"]) assert.equal(detectFormat(st("a.csv", row)), "binance-book-depth");
    // the fixtures without their header rows
    for (const [name, format] of [["BTCUSDT-fundingRate-2024-01.csv", "binance-funding-rate"], ["BTCUSDT-bookDepth-2024-01-01.csv", "binance-book-depth"]]) {
      const body = readFileSync(fixture(name), "utf8").split("\n").slice(1).join("\n");
      assert.equal(detectFormat(st("a.csv", body)), format);
    }
    // a name says the format: no check
    assert.equal(detectFormat(st("BTCUSDT-fundingRate-2024-01.csv", "1704067200000,42000,0.5")), "binance-funding-rate");
  });
  it("load(a header-less file its width would misread) refuses it; { format } reads it as told", () => {
    assert.throws(() => load({ text: "1704067200000,42000,0.5\n", name: "x.csv" }), /x\.csv, line 1, column "funding_interval_hours": no header row and 3 columns/);
    assert.throws(() => load({ text: "1704067200000,42000,0.5,1\n", name: "x.csv" }), /x\.csv, line 1, column "percentage": no header row and 4 columns/);
    assert.equal(load({ text: "1704067200000,8,0.5\n", name: "x.csv" }, { format: "binance-funding-rate" }).kind, "funding");
  });
  it("detectFormat(st) names the first non-blank line of an unknown layout", () => {
    assert.throws(() => detectFormat(st("x.csv", "\n\r\nhello,world\n")), /^LiqlabError: x\.csv, line 3, column 1: unrecognised data format: pass \{ format \} to load\(\) \(value "hello,world\\n"\)$/);
  });
});
