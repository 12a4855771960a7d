import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { loadCombinedExport } from "../../../src/data/formats/coinglass-combined";
import { col, fixture, utc } from "../helpers";

const SHARED = "/work/shared/data/btc-dev/btc_regime_30m.csv";

describe("data/formats/coinglass-combined", () => {
  it("loadCombinedExport(path) splits price OHLC, OI close (USD) and long/short liquidations (USD)", () => {
    const { candles, openInterest, liquidations, report } = loadCombinedExport(fixture("regime_30m-sample.csv"));
    assert.deepEqual(candles.objects()[0], { time: utc(2024, 1, 1), open: 42300.5, high: 42400, low: 42250, close: 42380.25 });
    assert.deepEqual(col(openInterest, "openInterestUsd"), [8005000000, 7960000000, 7965000000]);
    // oi_close is known when its half hour ends: closeTime = open + 30 min − 1 ms.
    assert.deepEqual(col(openInterest, "closeTime"), (col(openInterest, "time") as number[]).map((t) => t + 1_800_000 - 1));
    assert.deepEqual(liquidations.objects()[1], { time: utc(2024, 1, 1, 0, 30), longUsd: 90000, shortUsd: 0 });
    assert.equal(report.interval, "30m");
    assert.deepEqual(report.gaps.list, [{ after: utc(2024, 1, 1, 0, 30), before: utc(2024, 1, 1, 1, 30), missingBars: 1 }]);
  });
  it("loadCombinedExport(text with blank cells) reads a blank liquidation as 0 USD and leaves a blank OI row out, saying so", () => {
    const lines = readFileSync(fixture("regime_30m-sample.csv"), "utf8").trim().split("\n");
    const blank = (line: string, column: number) => line.split(",").map((v, i) => (i === column ? "" : v)).join(",");
    // column 6 = liquidation_long_usd, 16 = oi_close (see the header)
    const text = [lines[0], blank(lines[1]!, 6), blank(lines[2]!, 16), lines[3]].join("\n");
    const { candles, openInterest, liquidations, report } = loadCombinedExport({ text, name: "blanks.csv" });
    assert.equal(candles.numRows(), 3);
    assert.deepEqual(col(liquidations, "longUsd"), [0, 90000, 0]);
    assert.deepEqual(col(openInterest, "time"), [utc(2024, 1, 1), utc(2024, 1, 1, 1, 30)]);
    assert.deepEqual(col(openInterest, "openInterestUsd"), [8005000000, 7965000000]);
    assert.ok(report.notes.includes("liquidation_long_usd is blank on 1 row(s) (line 2): read as 0 USD (no liquidations recorded in the bar)"), report.notes.join("\n"));
    assert.ok(report.notes.some((n) => n.startsWith("oi_close is blank on 1 row(s) (line 3): those rows are left out")), report.notes.join("\n"));
  });
  it("loadCombinedExport(30-minute export with blank oi_close cells) keeps the export's 30-minute step for the OI rows left", () => {
    // Every other oi_close blank: the rows left are an hour apart, but each is still the close of its
    // half hour, known at open + 30 min − 1 ms (measured on what was left it read as 1h, 30 min late).
    const H = "timestamp,price_open,price_high,price_low,price_close,liquidation_long_usd,liquidation_short_usd,oi_close";
    const t0 = utc(2024, 1, 1);
    const file = (blank: (i: number) => boolean, n: number) => [H, ...Array.from({ length: n }, (_, i) => `${t0 + i * 1_800_000},100,101,99,100,1,1,${blank(i) ? "" : 8e9 + i}`)].join("\n");
    const every = loadCombinedExport({ text: file((i) => i % 2 === 1, 10), name: "regime_30m.csv" }).openInterest;
    assert.deepEqual(col(every, "closeTime"), (col(every, "time") as number[]).map((t) => t + 1_800_000 - 1));
    // Blanks early on, complete after: this used to throw "mixed intervals".
    const early = loadCombinedExport({ text: file((i) => i < 8 && i % 2 === 1, 12), name: "regime_30m.csv" }).openInterest;
    assert.equal(early.numRows(), 8);
    assert.deepEqual(col(early, "closeTime"), (col(early, "time") as number[]).map((t) => t + 1_800_000 - 1));
  });

  it("loadCombinedExport(text with a blank price) still throws naming line, column and value", () => {
    const lines = readFileSync(fixture("regime_30m-sample.csv"), "utf8").trim().split("\n");
    const text = [lines[0], lines[1]!.split(",").map((v, i) => (i === 4 ? "" : v)).join(",")].join("\n");
    assert.throws(() => loadCombinedExport({ text, name: "blanks.csv" }), /blanks\.csv, line 2, column "price_low": empty value \(value ""\)/);
  });
  it("loadCombinedExport(text with a high below the low) names the column as the file's header does", () => {
    const lines = readFileSync(fixture("regime_30m-sample.csv"), "utf8").trim().split("\n");
    const header = lines[0]!.split(",");
    const cells = lines[1]!.split(",");
    // price_high below price_low: a check made after reading, which names the header's column too.
    cells[header.indexOf("price_high")] = String(Number(cells[header.indexOf("price_low")]) - 1);
    assert.throws(() => loadCombinedExport({ text: [lines[0], cells.join(",")].join("\n"), name: "swap.csv" }), /swap\.csv, line 2, column "price_high": high is below low \(value 42249\)/);
  });
  it("loadCombinedExport(shared btc_regime_30m.csv) reads the reference file without gaps (skips when absent)", function () {
    if (!existsSync(SHARED)) {
      console.log(`      skipped: ${SHARED} not present (reference data is optional)`);
      this.skip();
    }
    const { candles, openInterest, report } = loadCombinedExport(SHARED);
    // README: bars from 2026-05-21 10:00 to 2026-06-08 15:30 UTC, half-hourly, gap-free
    assert.equal(report.from, utc(2026, 5, 21, 10));
    assert.equal(report.to, utc(2026, 6, 8, 15, 30));
    assert.equal(candles.numRows(), (utc(2026, 6, 8, 15, 30) - utc(2026, 5, 21, 10)) / 1_800_000 + 1);
    assert.equal(report.gaps.count, 0);
    assert.equal(col(openInterest, "openInterestUsd")[0], 7805300840); // first row's oi_close
  });
});
