import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { loadBinanceKlines } from "../../../src/data/formats/binance-klines";
import { BINANCE_KLINES_COLUMNS } from "../../../src/data/schema";
import { col, fixture, utc } from "../helpers";

const HEADER = BINANCE_KLINES_COLUMNS.join(",");
const row = (t: number, o: number, h: number, l: number, c: number, span = 60_000) => `${t},${o},${h},${l},${c},1.5,${t + span - 1},63000,10,0.7,29400,0`;

describe("data/formats/binance-klines", () => {
  it("loadBinanceKlines(archive CSV with header) maps every archive column to the canonical name", () => {
    const { kind, table, report } = loadBinanceKlines(fixture("BTCUSDT-1m-2024-01-01.csv"));
    assert.equal(kind, "candles");
    assert.deepEqual(table.columnNames(), ["time", "open", "high", "low", "close", "volume", "quoteVolume", "takerBuyVolume", "trades", "closeTime"]);
    assert.deepEqual(col(table, "time"), [utc(2024, 1, 1, 0, 0), utc(2024, 1, 1, 0, 1), utc(2024, 1, 1, 0, 2)]);
    assert.deepEqual(table.objects()[0], { time: 1704067200000, open: 42314, high: 42335.8, low: 42289.6, close: 42331.9, volume: 289.641, quoteVolume: 12254287.88414, takerBuyVolume: 185.794, trades: 3007, closeTime: 1704067259999 });
    assert.equal(report.interval, "1m");
    assert.equal(report.gaps.count, 0);
    assert.equal(report.rowsRead, 3);
  });
  it("loadBinanceKlines(COIN-M klines) reads the coin volumes Binance calls quote volume as volume and takerBuyVolume, and no USD volume", () => {
    // Binance's /dapi/v1/klines example: 206 contracts = 2.13660389 BTC (206 × 100 USD / ~9,641 USD),
    // taker buys 119 contracts = 1.23424865 BTC.
    const example = '[[1591258320000,"9640.7","9642.4","9640.6","9642.0","206",1591258379999,"2.13660389",48,"119","1.23424865","0"]]';
    const { table, report } = loadBinanceKlines({ text: example, name: "dapi-klines.json" }, { contract: "inverse" });
    assert.deepEqual(table.objects()[0], { time: 1591258320000, open: 9640.7, high: 9642.4, low: 9640.6, close: 9642, volume: 2.13660389, takerBuyVolume: 1.23424865, trades: 48, closeTime: 1591258379999 });
    assert.ok(report.notes.some((n) => n.startsWith("COIN-M klines: volume and takerBuyVolume are Binance's base asset volumes in coin")), report.notes.join("\n"));
    // From the archive path: futures/cm, or a COIN-M symbol in the file name; header-less as archived.
    const csv = "1591258320000,9640.7,9642.4,9640.6,9642.0,206,1591258379999,2.13660389,48,119,1.23424865,0";
    for (const name of ["data/futures/cm/daily/klines/BTCUSD_PERP/1m/x.csv", "BTCUSD_250328-1m-2025-01-01.csv"]) {
      assert.equal((loadBinanceKlines({ text: csv, name }).table.objects()[0] as Record<string, number>).volume, 2.13660389, name);
    }
    // Lower-case names are COIN-M too; names that only hold USD_ and six digits are not.
    assert.equal((loadBinanceKlines({ text: csv, name: "btcusd_perp-1m-2025-01-01.csv" }).table.objects()[0] as Record<string, number>).volume, 2.13660389);
    for (const name of ["BTCUSD_202401.csv", "my_BTCUSD_PERP_vs_spot/BTCUSDT-1m.csv", "futures/um/daily/klines/BTCUSDT_240329/1m/BTCUSDT_240329-1m-2024-01-01.csv"]) {
      assert.deepEqual(col(loadBinanceKlines({ text: csv, name }).table, "quoteVolume"), [2.13660389], name);
    }
    // USD-M as before: volume in coin at position 5, quote volume in USD at 7.
    assert.deepEqual(col(loadBinanceKlines({ text: csv, name: "BTCUSDT-1m-2025-01-01.csv" }).table, "quoteVolume"), [2.13660389]);
    assert.throws(() => loadBinanceKlines({ text: csv, name: "x.csv" }, { contract: "coin" as never }), /x.csv, column "contract": contract must be "linear" or "inverse" \(value "coin"\)/);
  });

  it("loadBinanceKlines(CSV with oi_usd beside OHLC) keeps it as openInterestUsd and names the columns it does not read", () => {
    // The shared 5-minute file's layout: open interest (USD) and funding beside OHLC.
    const text = "timestamp_ms,datetime_utc,open,high,low,close,oi_usd,funding_rate_last\n1735689600000,2025-01-01 00:00,1,2,0.5,1.5,9e9,0.0001\n";
    const { table, report } = loadBinanceKlines({ text, name: "k.csv" });
    assert.deepEqual(table.objects(), [{ time: 1735689600000, open: 1, high: 2, low: 0.5, close: 1.5, openInterestUsd: 9e9 }]);
    assert.deepEqual(report.notes, ["columns not read: datetime_utc, funding_rate_last"]);
    // A bad open interest is named like any other cell.
    assert.throws(() => loadBinanceKlines({ text: text.replace("9e9", "-1"), name: "k.csv" }), /k\.csv, line 2, column "oi_usd": .*\(value "-1"\)/);
  });

  it("loadBinanceKlines(header-less µs spot file with CRLF) converts open times to ms", () => {
    const { table, report } = loadBinanceKlines(fixture("BTCUSDT-1m-2025-01-01.csv"));
    assert.deepEqual(col(table, "time"), [utc(2025, 1, 1, 0, 0), utc(2025, 1, 1, 0, 1)]);
    assert.deepEqual(col(table, "close"), [93610.93, 93625]);
    assert.deepEqual(col(table, "takerBuyVolume"), [3.92003, 9.79017]);
    assert.deepEqual(col(table, "closeTime"), [utc(2025, 1, 1, 0, 1) - 1, utc(2025, 1, 1, 0, 2) - 1]);
    assert.ok(report.notes.some((n) => /microseconds/.test(n)));
    assert.ok(report.notes.some((n) => /no header row/.test(n)));
    assert.equal(report.interval, "1m");
  });
  it("loadBinanceKlines(/fapi/v1/klines JSON) reads the same values as the archive CSV", () => {
    const json = loadBinanceKlines(fixture("fapi-klines.json")).table;
    const csv = loadBinanceKlines(fixture("BTCUSDT-1m-2024-01-01.csv")).table;
    assert.deepEqual(json.objects(), csv.objects().slice(0, 2));
  });
  it("loadBinanceKlines(pandas export: index column, API column titles, ';' delimiter, text times) maps by name", () => {
    const text = [
      ";Open time;Open;High;Low;Close;Volume;Close time;Quote asset volume;Number of trades;Taker buy base asset volume;Taker buy quote asset volume;Ignore",
      "0;2024-01-01 00:00:00;42314.0;42335.8;42289.6;42331.9;289.641;2024-01-01 00:00:59.999;12254287.88414;3007;185.794;7860906.49262;0",
      "1;2024-01-01 00:01:00;42331.9;42353.1;42331.8;42350.4;202.444;2024-01-01 00:01:59.999;8571480.43346;2068;138.808;5876863.85208;0",
    ].join("\n");
    const csv = loadBinanceKlines(fixture("BTCUSDT-1m-2024-01-01.csv")).table.objects().slice(0, 2);
    assert.deepEqual(loadBinanceKlines({ text, name: "export.csv" }).table.objects(), csv);
  });
  it("loadBinanceKlines drops a row of bare delimiters (spreadsheet residue) and counts it", () => {
    const text = [HEADER, row(utc(2024, 1, 1), 10, 11, 9, 10), ",,,,,,,,,,,", row(utc(2024, 1, 1, 0, 1), 10, 11, 9, 10)].join("\n");
    const { table, report } = loadBinanceKlines({ text, name: "k.csv" });
    assert.equal(table.numRows(), 2);
    assert.deepEqual(report.dropped, [{ reason: "empty row (only delimiters)", count: 1, lines: [3] }]);
  });
  it("loadBinanceKlines reports a gap as the number of missing bars", () => {
    const text = [HEADER, row(utc(2024, 1, 1, 0, 0), 10, 11, 9, 10), row(utc(2024, 1, 1, 0, 3), 10, 11, 9, 10), row(utc(2024, 1, 1, 0, 4), 10, 11, 9, 10)].join("\n");
    const { report } = loadBinanceKlines({ text, name: "k.csv" });
    assert.deepEqual(report.gaps, { count: 1, missingBars: 2, list: [{ after: utc(2024, 1, 1, 0, 0), before: utc(2024, 1, 1, 0, 3), missingBars: 2 }] });
  });
  it("loadBinanceKlines throws on a 5m bar inside a 1m file, naming the line (close_time span differs)", () => {
    const text = [HEADER, row(utc(2024, 1, 1, 0, 0), 10, 11, 9, 10), row(utc(2024, 1, 1, 0, 1), 10, 11, 9, 10, 300_000)].join("\n");
    assert.throws(() => loadBinanceKlines({ text, name: "k.csv" }), /k\.csv, line 3, column "close_time": mixed intervals: a 5m bar in a 1m file \(value "2024-01-01 00:05:59.999"\)/);
  });
  it("loadBinanceKlines blames the first row when it is the odd one (the next two rows agree on 1m)", () => {
    const rows = [0, 1, 2].map((m) => row(utc(2024, 1, 1, 0, m), 10, 11, 9, 10, m === 0 ? 300_000 : 60_000));
    assert.throws(() => loadBinanceKlines({ text: [HEADER, ...rows].join("\n"), name: "k.csv" }), /k\.csv, line 2, column "close_time": mixed intervals: a 5m bar in a 1m file \(value "2024-01-01 00:04:59.999"\)/);
  });
  it("loadBinanceKlines throws on a half-step between 1m bars (mixed intervals)", () => {
    const text = ["1704067200000,10,11,9,10", "1704067260000,10,11,9,10", "1704067290000,10,11,9,10", "1704067350000,10,11,9,10"].join("\n");
    assert.throws(() => loadBinanceKlines({ text, name: "k.csv" }), /line 3, column "open_time": mixed intervals: 30s after the bar at 2024-01-01 00:01:00 in a 1m series/);
  });
  it("loadBinanceKlines throws on a non-numeric, negative or zero price with line, column and value", () => {
    const bad = (o: string) => [HEADER, `1704067200000,${o},11,9,10,1,1704067259999,1,1,1,1,0`].join("\n");
    assert.throws(() => loadBinanceKlines({ text: bad("abc"), name: "k.csv" }), /k\.csv, line 2, column "open": open is not a number \(value "abc"\)/);
    assert.throws(() => loadBinanceKlines({ text: bad("-10"), name: "k.csv" }), /line 2, column "open": open must be a positive number \(value "-10"\)/);
    assert.throws(() => loadBinanceKlines({ text: bad(""), name: "k.csv" }), /line 2, column "open": empty value \(value ""\)/);
  });
  it("loadBinanceKlines throws on a timestamp that is not a time", () => {
    const text = [HEADER, `2024-13-01,10,11,9,10,1,1704067259999,1,1,1,1,0`].join("\n");
    assert.throws(() => loadBinanceKlines({ text, name: "k.csv" }), /line 2, column "open_time": open_time is not a time .*\(value "2024-13-01"\)/);
  });
  it("loadBinanceKlines throws on a missing column, naming it", () => {
    assert.throws(() => loadBinanceKlines({ text: "open_time,open,high,close\n1704067200000,1,2,1", name: "k.csv" }), /k\.csv, line 1, column "low": missing column/);
  });
  it("loadBinanceKlines throws on a bar whose high is below its low", () => {
    const text = [HEADER, row(utc(2024, 1, 1), 10, 9, 11, 10)].join("\n");
    assert.throws(() => loadBinanceKlines({ text, name: "k.csv" }), /line 2, column "high": high is below low \(value 9\)/);
  });
  it("loadBinanceKlines drops repeated header rows of concatenated files and keeps the later copy of a repeated bar", () => {
    const t0 = utc(2024, 1, 1);
    const text = [HEADER, row(t0, 10, 11, 9, 10), HEADER, row(t0, 10, 12, 9, 11), row(t0 + 60_000, 11, 12, 10, 11)].join("\n");
    const { table, report } = loadBinanceKlines({ text, name: "k.csv" });
    assert.deepEqual(col(table, "close"), [11, 11]);
    assert.equal(report.duplicates, 1);
    assert.deepEqual(report.dropped.map((d) => [d.reason, d.count, d.lines]), [["repeated header row", 1, [3]], ["repeated time with different values (kept the later row)", 1, [2]]]);
  });
  it("loadBinanceKlines(shared btcusdt_5m_klines_oi.csv) reads its OHLC as gap-free 5m candles (skips when absent)", function () {
    const path = "/work/shared/data/btc-dev/btcusdt_5m_klines_oi.csv";
    if (!existsSync(path)) {
      console.log(`      skipped: ${path} not present (reference data is optional)`);
      this.skip();
    }
    const { table, report } = loadBinanceKlines(path);
    // README: 8,015 five-minute bars without gaps, 2026-05-25 15:55 to 2026-06-22 11:45 UTC
    assert.equal(table.numRows(), 8015);
    assert.deepEqual([report.from, report.to, report.interval, report.gaps.count], [utc(2026, 5, 25, 15, 55), utc(2026, 6, 22, 11, 45), "5m", 0]);
    assert.deepEqual(table.columnNames(), ["time", "open", "high", "low", "close", "openInterestUsd"]);
    // README: oi_usd is openInterestHist's sumOpenInterestValue; the first row's, as written in the file.
    assert.equal(table.get("openInterestUsd", 0), 7719003148.8787);
  });
  it("loadBinanceKlines(daily files joined by cat, each starting with a byte-order mark) drops the repeated header and counts it", () => {
    const part = (t: number) => `\ufeff${HEADER}\n${row(t, 100, 110, 90, 105)}\n`;
    const { table, report } = loadBinanceKlines({ text: part(utc(2024, 1, 1)) + part(utc(2024, 1, 1, 0, 1)), name: "BTCUSDT-1m-2024-01-01.csv" });
    assert.deepEqual(col(table, "time"), [utc(2024, 1, 1), utc(2024, 1, 1, 0, 1)]);
    assert.deepEqual(report.dropped, [{ reason: "repeated header row", count: 1, lines: [3] }]);
    // header-less parts: the second part's first time reads past its mark
    const bare = (t: number) => `\ufeff${row(t, 100, 110, 90, 105)}\n`;
    assert.deepEqual(col(loadBinanceKlines({ text: bare(utc(2024, 1, 1)) + bare(utc(2024, 1, 1, 0, 1)), name: "k.csv" }).table, "time"), [utc(2024, 1, 1), utc(2024, 1, 1, 0, 1)]);
  });
  it("loadBinanceKlines(text) shows a value spoiled by an invisible character as written, naming the character", () => {
    // "1" followed by a no-break space: the message used to show the trimmed, valid-looking "1"
    assert.throws(() => loadBinanceKlines({ text: "time,open,high,low,close\n1704067200000,1,2,0.5,1\u00a0\n", name: "x.csv" }), (e: Error) => e.message === 'x.csv, line 2, column "close": close is not a number: it holds an invisible U+00A0 (no-break space) (value "1\\u00a0")');
    assert.throws(() => loadBinanceKlines({ text: "time,open,high,low,close\n\u20031704067200000,1,2,0.5,1\n", name: "x.csv" }), (e: Error) => e.message === 'x.csv, line 2, column "time": time is not a time (expected epoch s/ms/µs/ns or a UTC date): it holds an invisible U+2003 (em space) (value "\\u20031704067200000")');
    assert.throws(() => loadBinanceKlines({ text: '[[1704067200000,"1","2","0.5","1\u200b"]]', name: "k.json" }), (e: Error) => e.message === 'k.json, line 1, column "close [4]": close [4] is not a number: it holds an invisible U+200B (zero-width space) (value "1\\u200b")');
    // a plain bad value reads as before
    assert.throws(() => loadBinanceKlines({ text: "time,open,high,low,close\n1704067200000,1,2,0.5, abc \n", name: "x.csv" }), (e: Error) => e.message === 'x.csv, line 2, column "close": close is not a number (value "abc")');
  });
});
