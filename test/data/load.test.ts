import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { zipSync, strToU8 } from "fflate";
import type { Loaded } from "../../src/data/finish";
import { loadBinanceOpenInterestHist } from "../../src/data/formats/binance-open-interest-hist";
import * as data from "../../src/data/index";
import { load, loadFiles } from "../../src/data/load";
import type { Source } from "../../src/data/source";
import { BINANCE_KLINES_COLUMNS } from "../../src/data/schema";
import { LiqlabError } from "../../src/util/errors";
import { col, fixture, utc } from "./helpers";

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
  ["liquidations-canonical.csv", "liquidations", "canonical"],
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
      // OKX rubik rows of 3 values need their name: taker-volume rows have the same shape (refused, not guessed)
      if (name === "okx-open-interest-volume.json") {
        assert.throws(() => load({ text, name: `data${ext}` }), /^LiqlabError: data\.json, line 1, column "data": OKX rows of 3 values are open-interest-volume \[ts, oi, vol\] or taker-volume \[ts, sellVol, buyVol\] alike/);
        continue;
      }
      assert.equal(load({ text, name: `data${ext}` }).kind, kind, name);
    }
  });
  it("load() and loadFiles() keep the closeTime of Coinglass open-interest bars, which the replay aligns by", () => {
    const bar = (t: number, close: number) => ({ time: t, open: "1e9", high: "1e9", low: "1e9", close: String(close * 1e9) });
    const h = 3_600_000;
    const t0 = Date.UTC(2024, 5, 1);
    const day1 = { text: JSON.stringify({ code: "0", data: [bar(t0, 5), bar(t0 + h, 6)] }), name: "oi-1.json" };
    const day2 = { text: JSON.stringify({ code: "0", data: [bar(t0 + 2 * h, 7), bar(t0 + 3 * h, 8)] }), name: "oi-2.json" };
    assert.deepEqual(col(load(day1).table, "closeTime"), [t0 + h - 1, t0 + 2 * h - 1]);
    assert.deepEqual(col(loadFiles([day1, day2]).table, "closeTime"), [1, 2, 3, 4].map((k) => t0 + k * h - 1));
    // A canonical CSV written from it reads back with closeTime.
    const csv = load(day1).table.toCSV();
    assert.deepEqual(col(load({ text: csv, name: "oi.csv" }).table, "closeTime"), [t0 + h - 1, t0 + 2 * h - 1]);
    // Candles saved with their closeTime read back too (the canonical reader had no type for it).
    const klines = load(fixture("BTCUSDT-1m-2024-01-01.csv")).table;
    assert.deepEqual(col(load({ text: klines.toCSV(), name: "k.csv" }).table, "closeTime"), col(klines, "closeTime"));
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
  it("load(OKX rubik taker-volume JSON) refuses it instead of reading [ts, sellVol, buyVol] as open interest", () => {
    // OKX v5 "Get taker volume" (GET /api/v5/rubik/stat/taker-volume): rows [ts, sellVol, buyVol];
    // "Get contracts open interest and volume" rows [ts, oi, vol] have the same width.
    const text = '{"code":"0","data":[["1630425600000","7596.2651","7149.4855"],["1630339200000","5312.7876","7002.7541"]],"msg":""}';
    assert.throws(() => load({ text, name: "okx-taker-volume.json" }), /^LiqlabError: okx-taker-volume\.json, line 1, column "data": OKX taker-volume rows \[ts, sellVol, buyVol\] are not open interest, and liqlab has no taker-volume loader \(value \["1630425600000","7596\.2651","7149\.4855"\]\)$/);
    assert.throws(() => load({ text, name: "okx.json" }), /^LiqlabError: okx\.json, line 1, column "data": OKX rows of 3 values are .*: for open interest, put "open-interest" in the file name or pass \{ format: "okx-open-interest" \} to load\(\) \(or call loadOkxOpenInterest\)/);
    // said explicitly, the same rows load as open-interest-volume ([ts, oi USD, vol])
    assert.deepEqual(col(load({ text, name: "okx.json" }, { format: "okx-open-interest" }).table, "openInterestUsd"), [5312.7876, 7596.2651]);
    assert.equal(load({ text, name: "okx-open-interest-volume.json" }).kind, "openInterest");
  });
  it("load(OKX funding-rate-history JSON) reads realizedRate, not the predicted fundingRate, under any name", () => {
    // OKX v5 "Get funding rate history": fundingRate "Predicted funding rate", realizedRate "Actual funding rate"
    const text = '{"code":"0","msg":"","data":[{"formulaType":"noRate","fundingRate":"0.0000746604960499","fundingTime":"1703059200000","instId":"BTC-USDT-SWAP","instType":"SWAP","method":"next_period","realizedRate":"0.0000746572360545"}]}';
    for (const name of ["okx-funding-history.json", "BTC-USDT-SWAP-fundingRate.json"]) {
      const r = load({ text, name });
      assert.equal(r.report.notes[0], "format detected: okx-funding-rate", name);
      assert.deepEqual(r.table.objects(), [{ time: 1703059200000, fundingRate: 0.0000746572360545 }], name);
    }
  });
  it("load(an exchange's error response) says the file holds the error, quoting its message", () => {
    // OKX v5 error envelope { code, msg, data: [] }; Binance error { code, msg } (-1121 "Invalid symbol.")
    assert.throws(() => load({ text: '{"code":"51001","msg":"Instrument ID does not exist","data":[]}', name: "okx.json" }), /^LiqlabError: okx\.json, line 1, column "code": the file holds the exchange's error response, not data: "Instrument ID does not exist" \(value "51001"\)$/);
    assert.throws(() => load({ text: '{"code":-1121,"msg":"Invalid symbol."}', name: "klines.json" }), /^LiqlabError: klines\.json, line 1, column "code": the file holds the exchange's error response, not data: "Invalid symbol\." \(value -1121\)$/);
    assert.throws(() => data.loadBinanceKlines({ text: '{"code":-1121,"msg":"Invalid symbol."}', name: "klines.json" }), /klines\.json, line 1, column "code": the file holds the exchange's error response, not data: "Invalid symbol\."/);
  });
  it("load(zip with an unsafe entry) refuses it", () => {
    const bytes = zipSync({ "../evil.csv": strToU8("a,b\n") });
    assert.throws(() => load({ bytes, name: "x.zip" }), /unsafe zip entry name/);
  });
});

const M = 60_000;
/** One daily klines file holding bars at the given open times (span = interval). */
const day = (name: string, times: number[], span = M) => ({
  name,
  text: [BINANCE_KLINES_COLUMNS.join(","), ...times.map((t) => `${t},10,11,9,10,1,${t + span - 1},10,1,0.5,5,0`)].join("\n"),
});

describe("data/load loadFiles(sources)", () => {
  it("loadFiles(daily files) merges them into one sorted table, in any order given", () => {
    const d1 = day("BTCUSDT-1m-2024-01-01.csv", [utc(2024, 1, 1, 23, 58), utc(2024, 1, 1, 23, 59)]);
    const d2 = day("BTCUSDT-1m-2024-01-02.csv", [utc(2024, 1, 2, 0, 0), utc(2024, 1, 2, 0, 1)]);
    const { table, report } = loadFiles([d2, d1]);
    assert.deepEqual(col(table, "time"), [utc(2024, 1, 1, 23, 58), utc(2024, 1, 1, 23, 59), utc(2024, 1, 2, 0, 0), utc(2024, 1, 2, 0, 1)]);
    assert.equal(report.file, "BTCUSDT-1m-2024-01-02.csv … BTCUSDT-1m-2024-01-01.csv (2 files)");
    assert.deepEqual([report.interval, report.gaps.count, report.rowsRead], ["1m", 0, 4]);
  });
  it("loadFiles reports a missing day as a gap of its bars", () => {
    const d1 = day("a.csv", [utc(2024, 1, 1, 0, 0), utc(2024, 1, 1, 0, 1)]);
    const d3 = day("c.csv", [utc(2024, 1, 3, 0, 0), utc(2024, 1, 3, 0, 1)]);
    // missing: 2024-01-01 00:02 … 2024-01-02 23:59 = (1440 − 2) + 1440 = 2878 one-minute bars
    assert.deepEqual(loadFiles([d1, d3]).report.gaps.missingBars, 2878);
  });
  it("loadFiles drops a bar two overlapping files both hold, naming the file and line", () => {
    const a = day("a.csv", [utc(2024, 1, 1, 0, 0), utc(2024, 1, 1, 0, 1)]);
    const b = day("b.csv", [utc(2024, 1, 1, 0, 1), utc(2024, 1, 1, 0, 2)]);
    const { table, report } = loadFiles([a, b]);
    assert.equal(table.numRows(), 3);
    assert.deepEqual(report.dropped, [{ reason: "exact duplicate row", count: 1, lines: [2], files: ["b.csv"] }]);
    assert.match(String(report), /dropped: 1 × exact duplicate row \(line b\.csv:2\)/);
  });
  it("loadFiles throws when one file holds 5m bars and another 1m bars, naming the file", () => {
    const a = day("one.csv", [utc(2024, 1, 1, 0, 0), utc(2024, 1, 1, 0, 1)]);
    const b = day("five.csv", [utc(2024, 1, 1, 0, 5), utc(2024, 1, 1, 0, 10)], 5 * M);
    assert.throws(() => loadFiles([a, b]), /five\.csv, line 2, column "close_time": mixed intervals: a 5m bar in a 1m file/);
  });
  it("loadFiles(Bybit open-interest pages ending in an empty page) reads one open-interest table", () => {
    // Bybit v5 /v5/market/open-interest paginates with result.nextPageCursor (the kline response has
    // none); the last page's list is empty.
    const page1 = { name: "oi-page1.json", text: '{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSDT","category":"linear","list":[{"openInterest":"52000.123","timestamp":"1704067500000"},{"openInterest":"51990.5","timestamp":"1704067200000"}],"nextPageCursor":"lastid%3D2"},"retExtInfo":{},"time":1704067600000}' };
    const page2 = { name: "oi-page2.json", text: '{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSDT","category":"linear","list":[],"nextPageCursor":""},"retExtInfo":{},"time":1704067600000}' };
    const empty = load(page2);
    assert.deepEqual([empty.kind, empty.table.numRows(), empty.table.columnNames()], ["openInterest", 0, ["time", "openInterest"]]);
    const { kind, table } = loadFiles([page1, page2]);
    assert.equal(kind, "openInterest");
    assert.deepEqual(table.objects(), [{ time: 1704067200000, openInterest: 51990.5 }, { time: 1704067500000, openInterest: 52000.123 }]);
  });
  it("loadFiles refuses files of different kinds", () => {
    const k = day("k.csv", [utc(2024, 1, 1)]);
    const f = { name: "BTCUSDT-fundingRate-2024-01.csv", text: "calc_time,funding_interval_hours,last_funding_rate\n1704067200000,8,0.0001\n" };
    assert.throws(() => loadFiles([k, f]), /BTCUSDT-fundingRate-2024-01\.csv, column "kind": files hold different kinds of data \(candles in k\.csv\) \(value "funding"\)/);
  });
});

/** The rows of a JSON fixture (bare, under `data` or `result.list`), as JSON text. */
function fixtureRows(name: string): string[] {
  const v = JSON.parse(readFileSync(fixture(name), "utf8")) as unknown[] | { data?: unknown[]; result?: { list: unknown[] } };
  return (Array.isArray(v) ? v : v.data ?? v.result!.list).map((r) => JSON.stringify(r));
}

/** A JSON fixture's rows as JSON Lines, with a blank line after the first. */
const asJsonLines = (name: string): string => fixtureRows(name).map((r, i) => r + (i === 0 ? "\n" : "")).join("\n") + "\n";

/** The format load() detects, or its error without the file name. */
function detected(src: { text: string; name: string }): string {
  try {
    return load(src).report.notes[0]!;
  } catch (e) {
    return (e as LiqlabError).detail;
  }
}

describe("data/load JSON Lines", () => {
  const JSON_LOADERS: [string, (src: Source) => Loaded][] = [
    ["fapi-klines.json", data.loadBinanceKlines],
    ["bybit-kline.json", data.loadBybitKlines],
    ["okx-candles.json", data.loadOkxCandles],
    ["openInterestHist.json", data.loadBinanceOpenInterestHist],
    ["bybit-open-interest.json", data.loadBybitOpenInterest],
    ["okx-open-interest-volume.json", data.loadOkxOpenInterest],
    ["okx-open-interest-history.json", data.loadOkxOpenInterest],
    ["coinglass-oi-ohlc.json", data.loadCoinglassOpenInterest],
    ["coinglass-liquidations.json", data.loadCoinglassLiquidations],
    ["fapi-fundingRate.json", data.loadBinanceFundingRate],
  ];
  for (const [name, loader] of JSON_LOADERS) {
    it(`loader(rows of ${name} as .jsonl) reads the JSON file's table; load() detects them as it does a JSON array of them`, () => {
      const text = asJsonLines(name);
      assert.deepEqual(loader({ text, name: "rows.jsonl" }).table.objects(), loader(fixture(name)).table.objects());
      // bare rows lose the envelope that tells Bybit and OKX rows apart: detected as the same rows in a JSON array would be
      assert.equal(detected({ text, name: "rows.jsonl" }), detected({ text: `[\n${fixtureRows(name).join(",\n")}\n]`, name: "rows.json" }));
    });
  }
  it("loadBinanceOpenInterestHist(file.jsonl) reads JSON Lines and names the file's line of a bad value", () => {
    const text = asJsonLines("openInterestHist.json");
    assert.equal(loadBinanceOpenInterestHist({ text, name: "h4.jsonl" }).table.numRows(), 2);
    // line 1 a row, line 2 blank, line 3 the second row
    assert.throws(() => loadBinanceOpenInterestHist({ text: text.replace('"76291.61200000"', '"-1"'), name: "h4.jsonl" }), /^LiqlabError: h4\.jsonl, line 3, column "sumOpenInterest": sumOpenInterest must be a non-negative number \(value "-1"\)$/);
    // a syntax error names the line and the column within it
    assert.throws(() => loadBinanceOpenInterestHist({ text: text + '  {"timestamp": 1704068100000,,}\n', name: "h4.jsonl" }), /^LiqlabError: h4\.jsonl, line 4, column 31: invalid JSON: expected a key string \(value ",}"\)$/);
    // a bare value in place of a row
    assert.throws(() => loadBinanceOpenInterestHist({ text: text + "\n42\n", name: "h4.jsonl" }), /^LiqlabError: h4\.jsonl, line 5, column "row": row 3 of 3: expected an array or object per row \(value 42\)$/);
  });
  it("load(file.jsonl) detects the format from the rows, not the extension (force orders still detected)", () => {
    const text = asJsonLines("openInterestHist.json");
    const r = load({ text, name: "h4.jsonl" });
    assert.deepEqual([r.kind, r.report.notes[0]], ["openInterest", "format detected: binance-open-interest-hist"]);
    assert.equal(load({ text: asJsonLines("fapi-klines.json"), name: "k.jsonl" }).report.notes[0], "format detected: binance-klines");
    assert.equal(load({ text: readFileSync(fixture("forceOrder.jsonl"), "utf8"), name: "ws.jsonl" }).report.notes[0], "format detected: binance-force-orders");
    // JSON Lines under another name are read by content too
    assert.equal(load({ text, name: "h4.json" }).report.notes[0], "format detected: binance-open-interest-hist");
    assert.throws(() => load({ text: '{"a":1}\n{"a":2}\n', name: "x.jsonl" }), /^LiqlabError: x\.jsonl, line 1, column 1: unrecognised data format: pass \{ format \} to load\(\)/);
  });
  it("load(file.json with a syntax error) names the line and column of the error, not 'unrecognised data format'", () => {
    assert.throws(() => load({ text: '[\n  {"fundingTime": 1704067200000, "fundingRate": "0.0001"},\n  {"fundingTime": 1704096000000 "fundingRate": "0.0002"}\n]', name: "x.json" }),
      /^LiqlabError: x\.json, line 3, column 33: invalid JSON: expected ',' or '}' \(value "\\"fundingRate\\": \\"0\.00"\)$/);
    assert.throws(() => load({ text: '{"code":"0","data":[["1","2"]', name: "okx.json" }), /^LiqlabError: okx\.json, line 1, column 30: invalid JSON: unexpected end of input/);
    // text that does not look like JSON is still "unrecognised", whatever its name
    assert.throws(() => load({ text: "hello", name: "x.json" }), /^LiqlabError: x\.json, line 1, column 1: unrecognised data format/);
  });
});
