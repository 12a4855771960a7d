import assert from "node:assert/strict";
import { load, loadFiles } from "../../src/data/load";
import { loadBinanceKlines } from "../../src/data/formats/binance-klines";
import { BINANCE_KLINES_COLUMNS } from "../../src/data/schema";
import { col, utc } from "./helpers";

const HEADER = BINANCE_KLINES_COLUMNS.join(",");
/** A 1m premium-index bar as the archive writes it: ignore fields 0, count = 12 samples (one per 5 s). */
const bar = (t: number, o: string, h: string, l: string, c: string) => `${t},${o},${h},${l},${c},0,${t + 59_999},0,12,0,0,0`;
const REPRO = [HEADER, bar(utc(2024, 1, 1), "0.00010000", "0.00020000", "-0.00030000", "-0.00012000")].join("\n");
const ARCHIVE_PATH = "data/futures/um/daily/premiumIndexKlines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.csv";
const PREMIUM_NOTE = "premium index klines: open/high/low/close are the premium index, a fraction of the index price (0.0001 = 0.01 %), not USD; zero and negative values are valid";
const IGNORED = "volume, quote_volume, count, taker_buy_volume, taker_buy_quote_volume are Binance's ignore fields here: left out";

describe("data/premium-index klines", () => {
  it("loadBinanceKlines(premium-index CSV, { archiveKind: \"premiumIndexKlines\" }) keeps negative premiums and says the unit", () => {
    const { kind, table, report } = loadBinanceKlines({ text: REPRO, name: "BTCUSDT-1m-2024-01-01.csv" }, { archiveKind: "premiumIndexKlines" });
    assert.equal(kind, "candles");
    assert.deepEqual(table.columnNames(), ["time", "open", "high", "low", "close", "closeTime"]);
    assert.deepEqual(table.objects(), [{ time: 1704067200000, open: 0.0001, high: 0.0002, low: -0.0003, close: -0.00012, closeTime: 1704067259999 }]);
    assert.equal(report.format, "binance-premiumIndexKlines-csv");
    assert.deepEqual(report.notes, [`${PREMIUM_NOTE} (premiumIndexKlines from the archiveKind option); ${IGNORED}`]);
  });

  it("loadBinanceKlines(premium-index CSV) without the option still throws: prices must be positive", () => {
    assert.throws(
      () => loadBinanceKlines({ text: REPRO, name: "BTCUSDT-1m-2024-01-01.csv" }),
      { message: 'BTCUSDT-1m-2024-01-01.csv, line 2, column "low": low must be a positive number (value "-0.00030000")' },
    );
  });

  it("loadBinanceKlines({ text, name: archive path under premiumIndexKlines/ }) reads premiums without the option", () => {
    const { table, report } = loadBinanceKlines({ text: REPRO, name: ARCHIVE_PATH });
    assert.deepEqual(col(table, "low"), [-0.0003]);
    assert.deepEqual(col(table, "close"), [-0.00012]);
    assert.deepEqual(report.notes, [`${PREMIUM_NOTE} (premiumIndexKlines from the file path); ${IGNORED}`]);
  });

  it("loadBinanceKlines({ text, name: premiumIndexKlines path }, { archiveKind: \"klines\" }) lets the option win and stays strict", () => {
    assert.throws(
      () => loadBinanceKlines({ text: REPRO, name: ARCHIVE_PATH }, { archiveKind: "klines" }),
      { message: `${ARCHIVE_PATH}, line 2, column "low": low must be a positive number (value "-0.00030000")` },
    );
  });

  it("load({ text, name: premiumIndexKlines path }) detects binance-klines and reads the premiums", () => {
    const { table, report } = load({ text: REPRO, name: ARCHIVE_PATH });
    assert.deepEqual(table.objects(), [{ time: 1704067200000, open: 0.0001, high: 0.0002, low: -0.0003, close: -0.00012, closeTime: 1704067259999 }]);
    assert.equal(report.notes[0], "format detected: binance-klines");
    assert.equal(report.format, "binance-premiumIndexKlines-csv");
  });

  it("loadFiles(two daily premiumIndexKlines files) merges them into one signed series", () => {
    const day = (d: number, o: string) => ({
      text: [HEADER, bar(utc(2024, 1, d), o, "0.00005000", "-0.00002000", "0.00000000")].join("\n"),
      name: `data/futures/um/daily/premiumIndexKlines/BTCUSDT/1m/BTCUSDT-1m-2024-01-0${d}.csv`,
    });
    const { table, report } = loadFiles([day(1, "-0.00001000"), day(2, "0.00000000")]);
    assert.deepEqual(col(table, "time"), [utc(2024, 1, 1), utc(2024, 1, 2)]);
    assert.deepEqual(col(table, "open"), [-0.00001, 0]);
    assert.deepEqual(col(table, "close"), [0, 0]);
    assert.equal(report.format, "binance-premiumIndexKlines-csv");
    assert.ok(report.notes.includes(`${PREMIUM_NOTE} (premiumIndexKlines from the file path); ${IGNORED}`));
  });

  it("loadBinanceKlines(header-less premium-index CSV of zeros, { archiveKind: \"premiumIndexKlines\" }) reads zero premiums", () => {
    const text = [bar(utc(2024, 1, 1, 0, 0), "0", "0", "0", "0"), bar(utc(2024, 1, 1, 0, 1), "0", "0.00001000", "0", "0.00001000")].join("\n");
    const { table, report } = loadBinanceKlines({ text, name: "p.csv" }, { archiveKind: "premiumIndexKlines" });
    assert.deepEqual(col(table, "open"), [0, 0]);
    assert.deepEqual(col(table, "high"), [0, 0.00001]);
    assert.deepEqual(col(table, "close"), [0, 0.00001]);
    assert.equal(report.interval, "1m");
    assert.ok(report.notes.includes("no header row: columns taken in Binance archive order"));
  });

  it("loadBinanceKlines(/fapi/v1/premiumIndexKlines JSON, { archiveKind: \"premiumIndexKlines\" }) reads the documented example", () => {
    const text = '[[1691603820000,"-0.00042931","-0.00023641","-0.00059406","-0.00043659","0",1691603879999,"0",12,"0","0","0"]]';
    const { table, report } = loadBinanceKlines({ text, name: "premium.json" }, { archiveKind: "premiumIndexKlines" });
    assert.deepEqual(table.objects(), [{ time: 1691603820000, open: -0.00042931, high: -0.00023641, low: -0.00059406, close: -0.00043659, closeTime: 1691603879999 }]);
    assert.equal(report.format, "binance-premiumIndexKlines-json");
  });

  it("loadBinanceKlines(premium-index bar with high below low, { archiveKind: \"premiumIndexKlines\" }) throws", () => {
    const text = [HEADER, bar(utc(2024, 1, 1), "-0.00010000", "-0.00030000", "-0.00020000", "-0.00020000")].join("\n");
    assert.throws(
      () => loadBinanceKlines({ text, name: "p.csv" }, { archiveKind: "premiumIndexKlines" }),
      { message: 'p.csv, line 2, column "high": high is below low (value -0.0003)' },
    );
  });

  it("loadBinanceKlines(premium-index close outside low..high, { archiveKind: \"premiumIndexKlines\" }) throws", () => {
    const text = [HEADER, bar(utc(2024, 1, 1), "0.00000000", "0.00010000", "-0.00010000", "-0.00020000")].join("\n");
    assert.throws(
      () => loadBinanceKlines({ text, name: "p.csv" }, { archiveKind: "premiumIndexKlines" }),
      { message: 'p.csv, line 2, column "close": close is outside the bar\'s low..high range (value -0.0002)' },
    );
  });

  it("loadBinanceKlines(premium-index cell that is not a number, { archiveKind: \"premiumIndexKlines\" }) throws naming it", () => {
    const text = [HEADER, bar(utc(2024, 1, 1), "abc", "0.00010000", "-0.00010000", "0")].join("\n");
    assert.throws(
      () => loadBinanceKlines({ text, name: "p.csv" }, { archiveKind: "premiumIndexKlines" }),
      { message: 'p.csv, line 2, column "open": open is not a number (value "abc")' },
    );
  });

  it("loadBinanceKlines(src, { archiveKind: \"premiumIndex\" }) throws: not an archive kline dataset", () => {
    assert.throws(
      () => loadBinanceKlines({ text: REPRO, name: "p.csv" }, { archiveKind: "premiumIndex" as never }),
      { message: 'p.csv, column "archiveKind": archiveKind must be one of klines, markPriceKlines, indexPriceKlines, premiumIndexKlines (value "premiumIndex")' },
    );
  });

  it("loadBinanceKlines(markPriceKlines CSV) leaves out the ignore columns and still requires positive prices", () => {
    const name = "data/futures/um/daily/markPriceKlines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.csv";
    const ok = [HEADER, bar(utc(2024, 1, 1), "42300.10000000", "42310.00000000", "42290.50000000", "42305.20000000")].join("\n");
    const { table, report } = loadBinanceKlines({ text: ok, name });
    assert.deepEqual(table.objects(), [{ time: 1704067200000, open: 42300.1, high: 42310, low: 42290.5, close: 42305.2, closeTime: 1704067259999 }]);
    assert.equal(report.format, "binance-markPriceKlines-csv");
    assert.deepEqual(report.notes, [`mark price klines: open/high/low/close are the mark price (USD) (markPriceKlines from the file path); ${IGNORED}`]);
    assert.throws(() => loadBinanceKlines({ text: REPRO, name }), { message: `${name}, line 2, column "low": low must be a positive number (value "-0.00030000")` });
  });
});
