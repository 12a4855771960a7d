import assert from "node:assert/strict";
import { fileOf, newParsed, type Parsed } from "../../src/data/fields";
import { loadFiles } from "../../src/data/load";
import { mergeParsed } from "../../src/data/merge";
import { col, fixture, utc } from "./helpers";

function part(file: string, time: number[], extra: Record<string, number[]> = {}, format = "test"): Parsed {
  const p = newParsed(file, format, "openInterest");
  p.columns.set("time", Float64Array.from(time));
  for (const [k, v] of Object.entries(extra)) p.columns.set(k, Float64Array.from(v));
  p.n = p.rowsRead = time.length;
  p.lines = Int32Array.from(time.map((_, i) => i + 2));
  return p;
}

describe("data/merge", () => {
  it("mergeParsed(parts) concatenates rows, keeps each row's file and line", () => {
    const m = mergeParsed([part("a.csv", [1, 2], { openInterest: [5, 6] }), part("b.csv", [3], { openInterest: [7] })]);
    assert.deepEqual(Array.from(m.columns.get("openInterest") as Float64Array), [5, 6, 7]);
    assert.deepEqual([fileOf(m, 1), fileOf(m, 2), m.lines[2]], ["a.csv", "b.csv", 2]);
    assert.equal(m.rowsRead, 3);
  });
  it("mergeParsed leaves out a column some files lack, and says so", () => {
    const m = mergeParsed([part("a.csv", [1], { openInterest: [5], longShortRatio: [1.2] }), part("b.csv", [2], { openInterest: [6] })]);
    assert.deepEqual([...m.columns.keys()], ["time", "openInterest"]);
    assert.ok(m.notes.includes("column longShortRatio is missing from some files: left out"));
  });
  it("mergeParsed([]) throws", () => {
    assert.throws(() => mergeParsed([]), /no files to load/);
  });
});

describe("data/merge: one source per table", () => {
  const message = (e: unknown) => (e as Error).message;
  it("loadFiles([BTCUSDT-metrics-2024-01-01.csv, bybit-open-interest.json]) refuses Binance and Bybit open interest in one series", () => {
    // Binance's BTCUSDT open interest is ~76,300 BTC, Bybit's ~52,000: merged, the series jumped
    // between them and the 00:05 and 00:10 rows of one venue were dropped as "revised".
    const binance = fixture("BTCUSDT-metrics-2024-01-01.csv"), bybit = fixture("bybit-open-interest.json");
    assert.throws(() => loadFiles([binance, bybit]), (e) => message(e) === `${bybit}, column "format": files come from different sources (Binance: binance-metrics-csv in ${binance}; Bybit: bybit-open-interest-json in ${bybit}): each has its own series, and loadFiles merges one source's files; load each source apart (value "bybit-open-interest-json")`);
  });
  it("loadFiles([BTCUSDT-metrics-2024-01-01.csv, openInterestHist.json]) merges Binance's archive CSV and REST JSON: one venue", () => {
    const { table, report } = loadFiles([fixture("BTCUSDT-metrics-2024-01-01.csv"), fixture("openInterestHist.json")]);
    // the REST rows (00:05, 00:10) hold the archive's numbers exactly: copies, not revisions
    assert.deepEqual(col(table, "time"), [5, 10, 15, 20].map((m) => utc(2024, 1, 1, 0, m)));
    assert.deepEqual(col(table, "openInterest"), [76250.02, 76291.612, 76300.1, 76310]);
    assert.deepEqual([report.duplicates, report.dropped.map((d) => d.reason)], [2, ["exact duplicate row"]]);
  });
  it("mergeParsed(Binance fundingRate CSV part, Binance fundingRate JSON part) merges", () => {
    const m = mergeParsed([part("a.csv", [1], {}, "binance-fundingRate-csv"), part("b.json", [2], {}, "binance-fundingRate-json")]);
    assert.deepEqual([m.n, m.format], [2, "binance-fundingRate-csv + binance-fundingRate-json"]);
  });
  it("mergeParsed(OKX funding part, Binance funding part) throws naming the second file and its format", () => {
    assert.throws(() => mergeParsed([part("okx.json", [1], {}, "okx-funding-rate-history-json"), part("fapi.json", [2], {}, "binance-fundingRate-json")]),
      (e) => message(e) === 'fapi.json, column "format": files come from different sources (OKX: okx-funding-rate-history-json in okx.json; Binance: binance-fundingRate-json in fapi.json): each has its own series, and loadFiles merges one source\'s files; load each source apart (value "binance-fundingRate-json")');
  });
  it("mergeParsed(Binance part, Coinglass part) throws: a Coinglass series is the vendor's, not one exchange's", () => {
    assert.throws(() => mergeParsed([part("hist.json", [1], {}, "binance-openInterestHist-json"), part("cg.json", [2], {}, "coinglass-open-interest-ohlc-json")]),
      /Error: cg\.json, column "format": files come from different sources \(Binance: binance-openInterestHist-json in hist\.json; Coinglass \(a vendor's series, not one exchange's\): coinglass-open-interest-ohlc-json in cg\.json\)/);
  });
  it("mergeParsed(canonical part, Binance part) throws: a canonical file does not record its venue; two canonical parts merge", () => {
    assert.throws(() => mergeParsed([part("saved.csv", [1], {}, "liqlab-openInterest-csv"), part("m.csv", [2], {}, "binance-metrics-csv")]),
      /Error: m\.csv, column "format": files come from different sources \(a liqlab canonical file \(venue not recorded\): liqlab-openInterest-csv in saved\.csv; Binance: binance-metrics-csv in m\.csv\)/);
    assert.equal(mergeParsed([part("a.csv", [1], {}, "liqlab-openInterest-csv"), part("b.json", [2], {}, "liqlab-openInterest-json")]).n, 2);
  });
});
