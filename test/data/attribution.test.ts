/**
 * Errors name the row that is wrong: the first row of a header-less file or of JSON rows read by
 * position is judged against the rows after it, load() detects a format from a typical row, and
 * columns are named as the file names them.
 */
import assert from "node:assert/strict";
import * as data from "../../src/data/index";

const { load } = data;
// Binance archive klines, header-less: 12 fields per row.
const K = [
  "1704067200000,42314.0,42335.8,42289.6,42331.9,289.641,1704067259999,12254287.88,3007,185.794,7860906.49,0",
  "1704067260000,42331.9,42353.1,42331.8,42350.4,202.444,1704067319999,8571560.49,2178,112.939,4781924.21,0",
  "1704067320000,42350.4,42370.8,42336.2,42363.0,175.555,1704067379999,7435963.27,2011,89.346,3784427.36,0",
];
const jsonRow = (line: string) => JSON.stringify(line.split(",").map((v, i) => (i === 0 || i === 6 || i === 8 ? Number(v) : v)));

describe("error attribution", () => {
  it("load(header-less CSV) names a short first row, not the row after it", () => {
    const short = K[0].split(",").slice(0, 11).join(",");
    assert.throws(() => load({ text: [short, K[1], K[2]].join("\n"), name: "BTCUSDT-1m-2024-01-01.csv" }), /line 1, column "field 12": row has 11 fields, the rows after it have 12: a cut-off line\?/);
    // the same row last is named where it is
    assert.throws(() => load({ text: [K[0], K[1], short].join("\n"), name: "BTCUSDT-1m-2024-01-01.csv" }), /line 3, column "field 12": row has 11 fields, the first row has 12/);
  });

  it("loadBinanceKlines(JSON) names a short first row read by position", () => {
    const short = JSON.stringify(JSON.parse(jsonRow(K[0])).slice(0, 11));
    const text = `[\n${short},\n${jsonRow(K[1])},\n${jsonRow(K[2])}\n]`;
    assert.throws(() => data.loadBinanceKlines({ text, name: "klines.json" }), /line 2, column "row": row has 11 values, the rows after it 12/);
  });

  it("load(header-less CSV) passes a trailing delimiter on the first row, which loses nothing", () => {
    const r = load({ text: [`${K[0]},`, K[1], K[2]].join("\n"), name: "BTCUSDT-1m-2024-01-01.csv" });
    assert.deepEqual(Array.from(r.table.array("close") as Float64Array), [42331.9, 42350.4, 42363.0]);
    const funding = load({ text: "1704067200000,8,0.0001,\n1704096000000,8,0.00012\n", name: "BTCUSDT-fundingRate-2024-01.csv" });
    assert.deepEqual(Array.from(funding.table.array("fundingRate") as Float64Array), [0.0001, 0.00012]);
  });

  it("load(header-less klines) refuses a row widened by thousands separators instead of shifting its columns", () => {
    // "12,254,287.88" as three fields made quoteVolume 12, trades 254, takerBuyVolume 287.88
    const wide = K[0].replace("12254287.88", "12,254,287.88");
    assert.throws(() => load({ text: wide, name: "BTCUSDT-1m-2024-01-01.csv" }), /line 1, column "field 13": no header row, and 14 columns where this file kind's Binance archive layout has 5 to 12: another kind of file, or a value with an unquoted delimiter \(a thousands separator\?\)/);
  });

  it("load(header-less CSV) names a bad first time as a value, not a missing header column", () => {
    const bad = K[0].replace("1704067200000", "abc");
    assert.throws(() => load({ text: [bad, K[1], K[2]].join("\n"), name: "BTCUSDT-1m-2024-01-01.csv" }), /line 1, column "open_time": open_time is not a time .*\(value "abc"\)/);
  });

  it("load(Binance klines in a { code, data } envelope) reads klines; loadOkxCandles refuses 12-value rows", () => {
    const text = `{"code":"0","data":[\n${K.map(jsonRow).join(",\n")}\n]}`;
    const r = load({ text, name: "saved.json" });
    assert.equal(r.report.format, "binance-klines-json");
    // the volume is the volume, not the close time (1704067259999) read at OKX's position
    assert.deepEqual(Array.from(r.table.array("volume") as Float64Array), [289.641, 202.444, 175.555]);
    assert.throws(() => data.loadOkxCandles({ text, name: "saved.json" }), /column "row": OKX candle rows have at most 9 values .* these have 12: Binance klines\?/);
  });

  it("load(JSON) detects the format from a typical row, so a bad first row is named by its loader", () => {
    const okxCoinglass = `{"code":"0","msg":"success","data":[
{"time":1704067200000,"open":"7879004324","high":"7880664094","low":"7804498201","close":"7,805,300,840"},
{"time":1704069000000,"open":"7805300840","high":"7813118013","low":"7793976677","close":"7797931618"},
{"time":1704070800000,"open":"7797931618","high":"7813118013","low":"7793976677","close":"7800000000"}]}`;
    assert.throws(() => load({ text: okxCoinglass, name: "oi.json" }), /oi\.json, line 2, column "close": close is not a number \(value "7,805,300,840"\)/);
    const bybit = `{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSDT","category":"linear","list":[
{"timestamp":"1704067800000"},
{"openInterest":"52000.25","timestamp":"1704067500000"}],"nextPageCursor":"abc"}}`;
    assert.throws(() => load({ text: bybit, name: "bybit.json" }), /line 2, column "openInterest": missing field/);
    assert.throws(() => load({ text: '{"code":"0","data":[]}', name: "okx.json" }), /column "rows": no rows to tell the format from/);
    // a name that says the format still loads an empty file (an empty last page of a download)
    assert.equal(load({ text: "[]", name: "BTCUSDT-fundingRate.json" }).table.numRows(), 0);
  });

  it("loadCombinedExport(file) reports a repeated bar whose open interest was revised", () => {
    const text = [
      "timestamp,datetime_utc,price_open,price_high,price_low,price_close,liquidation_long_usd,liquidation_short_usd,liquidation_total_usd,oi_close",
      "1704067200000,x,100.0,101,99,100.5,1000,200,1200,70000000",
      "1704069000000,x,100.1,101,99,100.5,1001,200,1201,70000001",
      "1704069000000,x,100.1,101,99,100.5,5,200,205,123",
      "1704070800000,x,100.2,101,99,100.5,1002,200,1202,70000002",
    ].join("\n");
    const r = data.loadCombinedExport({ text, name: "btc_regime_30m.csv" });
    assert.deepEqual(Array.from(r.openInterest.array("openInterestUsd") as Float64Array), [70000000, 123, 70000002]);
    const reasons = r.report.dropped.map((d) => `${d.reason} @${d.lines.join(",")}`);
    assert.ok(reasons.includes("open interest: repeated time with different values (kept the later row) @3"), reasons.join("; "));
    assert.ok(reasons.includes("liquidations: repeated time with different values (kept the later row) @3"), reasons.join("; "));
  });

  it("load(CSV) reads a tab-padded number, as its error messages would show it", () => {
    const r = load({ text: "time,open,high,low,close\n2024-01-01,1,2,0.5,\t1.5\n2024-01-02,1.5,2,1,1.75\n", name: "c.csv" });
    assert.deepEqual(Array.from(r.table.array("close") as Float64Array), [1.5, 1.75]);
  });

  it("load(klines) names columns as the file does in errors found after reading", () => {
    const text = "timestamp,open,high,low,close\n2024-01-01 00:00,1,2,0.5,1\n2024-01-01 00:01,1,2,0.5,1\n2024-01-01 00:02:30,1,2,0.5,1\n";
    assert.throws(() => load({ text, name: "c.csv" }), /line 4, column "timestamp": mixed intervals/);
    const rows = [jsonRow(K[0]), jsonRow(K[1]), jsonRow(K[2]).replace("1704067379999", "1704067439999")];
    assert.throws(() => data.loadBinanceKlines({ text: `[\n${rows.join(",\n")}\n]`, name: "k.json" }), /line 4, column "closeTime \[6\]": mixed intervals: a 2m bar in a 1m file/);
  });

  it("loadBinanceKlines(one-line JSON) says which row of the line is wrong", () => {
    const text = `[${jsonRow(K[0])},${jsonRow(K[1])},${jsonRow(K[2]).replace('"42363.0"', '"abc"')}]`;
    assert.throws(() => data.loadBinanceKlines({ text, name: "k.json" }), /line 1, column "close \[4\]": row 3 of 3: close \[4\] is not a number \(value "abc"\)/);
  });
  it("load(header-less klines) blames the rows a thousands separator widened, not the first row of a valid width", () => {
    // rows 2 and 3 agree on 14 fields, which no kline layout has: row 1 (12) is right
    const rows = [K[0], K[1].replace("8571560.49", "8,571,560.49"), K[2].replace("7435963.27", "7,435,963.27")];
    assert.throws(() => load({ text: rows.join("\n"), name: "k.csv" }), /k\.csv, line 2, column "field 13": row has 14 fields, the first row has 12: a value with an unquoted delimiter/);
  });

  it("load(a file named like archive klines) follows its header when it has one", () => {
    // BTCUSDT-5m-2024-01-01.csv holding canonical open interest went to the klines loader
    const r = load({ text: "time,openInterest,openInterestUsd\n1704067200000,10,420000\n1704067500000,11,462000\n", name: "BTCUSDT-5m-2024-01-01.csv" });
    assert.equal(r.kind, "openInterest");
  });

  it("loadOkxCandles(index candles of 5 values) loads them", () => {
    const text = '{"code":"0","data":[["1704078000000","42000","42100","41900","42050"],["1704074400000","41900","42010","41850","42000"]]}';
    assert.deepEqual(Array.from(data.loadOkxCandles({ text, name: "okx-index-candles.json" }).table.array("close") as Float64Array), [42000, 42050]);
  });
  it("load(canonical JSON whose first object lacks a field) names that row, not an unknown format", () => {
    const text = JSON.stringify([{ time: 1704067200000 }, { time: 1704067260000, openInterest: 11, openInterestUsd: 462000 }, { time: 1704067320000, openInterest: 12, openInterestUsd: 470000 }], null, 1);
    assert.throws(() => load({ text, name: "oi.json" }), /oi\.json, line 2, column "openInterest": missing field \(value \{"time":1704067200000\}\)/);
  });
  it("load(JSON with an object where a value goes) names it, not a TypeError", () => {
    const coinglass = '{"code":"0","data":[{"time":1704067200000,"open":"7879004324","high":"7880664094","low":"7804498201","close":"7805300840"},{"time":1704069000000,"open":"1","high":"1","low":"1","close":{}}]}';
    assert.throws(() => load({ text: coinglass, name: "oi.json" }), /oi\.json, line 1, column "close": row 2 of 2: close is not a number \(value \{\}\)/);
    const funding = '[{"symbol":"BTCUSDT","fundingTime":1704067200000,"fundingRate":"0.0001"},{"symbol":{},"fundingTime":1704096000000,"fundingRate":"0.0001"}]';
    assert.throws(() => load({ text: funding, name: "fapi-fundingRate.json" }), /rows for several instruments \(BTCUSDT on line 1, \{\} on line 1\)/);
  });

  it("load(header-less CSV whose cut first row has another layout's width) names the first row", () => {
    // klines cut to 3 fields looked like funding (3 columns), whose loader blamed the intact line 2
    const cut = K[0].split(",").slice(0, 3).join(",");
    assert.throws(() => load({ text: [cut, K[1], K[2]].join("\n"), name: "data.csv" }), /data\.csv, line 1, column "low": expected at least 4 columns/);
  });
});
