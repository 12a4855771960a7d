import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { loadBinanceMetrics } from "../../../src/data/formats/binance-metrics";
import { col, fixture, utc } from "../helpers";

describe("data/formats/binance-metrics", () => {
  it("loadBinanceMetrics(archive CSV) maps the four ratio columns by their documented meaning", () => {
    const text = readFileSync(fixture("BTCUSDT-metrics-2024-01-01.csv"), "utf8").split("\n").filter((l) => !l.endsWith(",")).join("\n");
    const { kind, table } = loadBinanceMetrics({ text, name: "BTCUSDT-metrics-2024-01-01.csv" });
    assert.equal(kind, "openInterest");
    assert.deepEqual(table.objects()[0], {
      time: utc(2024, 1, 1, 0, 5),
      openInterest: 76250.02,
      openInterestUsd: 3226547111.24,
      longShortRatio: 1.8123, // count_long_short_ratio: global accounts
      topTraderLongShortRatio: 1.42994, // sum_toptrader_long_short_ratio: top-trader positions
      topTraderAccountRatio: 1.66298, // count_toptrader_long_short_ratio: top-trader accounts
      takerBuySellRatio: 1.12013,
    });
  });
  it("loadBinanceMetrics sorts out-of-order rows and keeps every row when a ratio cell is blank, leaving that ratio out", () => {
    const { table, report } = loadBinanceMetrics(fixture("BTCUSDT-metrics-2024-01-01.csv"));
    assert.deepEqual(col(table, "time"), [utc(2024, 1, 1, 0, 5), utc(2024, 1, 1, 0, 10), utc(2024, 1, 1, 0, 15), utc(2024, 1, 1, 0, 20)]);
    assert.deepEqual(col(table, "openInterest"), [76250.02, 76291.612, 76300.1, 76310]);
    assert.equal(table.columnNames().includes("takerBuySellRatio"), false);
    assert.ok(report.notes.includes("sum_taker_long_short_vol_ratio is blank on 1 row(s) (line 4): column takerBuySellRatio left out"));
    assert.deepEqual([report.interval, report.gaps.count, report.dropped.length], ["5m", 0, 0]);
    assert.ok(report.notes.some((n) => /out of time order/.test(n)));
  });
  it("loadBinanceMetrics throws on a negative open interest and on a text time that is no date", () => {
    const h = "create_time,symbol,sum_open_interest,sum_open_interest_value,count_toptrader_long_short_ratio,sum_toptrader_long_short_ratio,count_long_short_ratio,sum_taker_long_short_vol_ratio";
    assert.throws(() => loadBinanceMetrics({ text: `${h}\n2024-01-01 00:05:00,BTCUSDT,-5,1,1,1,1,1`, name: "m.csv" }), /line 2, column "sum_open_interest": sum_open_interest must be a non-negative number \(value "-5"\)/);
    assert.throws(() => loadBinanceMetrics({ text: `${h}\n2024-01-01 25:05:00,BTCUSDT,5,1,1,1,1,1`, name: "m.csv" }), /line 2, column "create_time": create_time is not a time/);
  });
  it("loadBinanceMetrics(COIN-M BTCUSD_PERP file) reads contracts × 100 USD as openInterestUsd and the base-coin value as openInterest", () => {
    // Binance's COIN-M openInterestHist API ("Open Interest Statistics"): sumOpenInterest in contracts,
    // sumOpenInterestValue in base asset. 5,000,000 contracts × 100 USD = 500,000,000 USD = 12,000 BTC at 41,666.7.
    const h = "create_time,symbol,sum_open_interest,sum_open_interest_value,count_toptrader_long_short_ratio,sum_toptrader_long_short_ratio,count_long_short_ratio,sum_taker_long_short_vol_ratio";
    const text = `${h}\n2024-01-01 00:05:00,BTCUSD_PERP,5000000,12000,1,1,1,1`;
    const { table, report } = loadBinanceMetrics({ text, name: "data/futures/cm/daily/metrics/BTCUSD_PERP/BTCUSD_PERP-metrics-2024-01-01.csv" });
    assert.deepEqual([col(table, "openInterest"), col(table, "openInterestUsd")], [[12000], [500_000_000]]);
    assert.ok(report.notes.some((n) => n.startsWith("COIN-M metrics file: sum_open_interest counts contracts of 100 USD") && n.includes("median 41666.7")), report.notes.join("; "));
    // ETH contracts are 10 USD; contractUsd overrides.
    assert.deepEqual(col(loadBinanceMetrics({ text: text.replace("BTCUSD_PERP,", "ETHUSD_PERP,"), name: "ETHUSD_PERP-metrics-2024-01-01.csv" }).table, "openInterestUsd"), [50_000_000]);
    assert.deepEqual(col(loadBinanceMetrics({ text, name: "BTCUSD_PERP-metrics-2024-01-01.csv" }, { contractUsd: 10 }).table, "openInterestUsd"), [50_000_000]);
    // Named anything, the rows' own symbol column says COIN-M.
    assert.deepEqual(col(loadBinanceMetrics({ text, name: "metrics.csv" }).table, "openInterestUsd"), [500_000_000]);
    assert.deepEqual(col(loadBinanceMetrics({ text: text.replace("BTCUSD_PERP,", "BTCUSD_240329,"), name: "m.csv" }).table, "openInterest"), [12000]);
    assert.ok(!loadBinanceMetrics(fixture("BTCUSDT-metrics-2024-01-01.csv")).report.notes.some((n) => n.startsWith("COIN-M")));
  });
  it("loadBinanceMetrics(COIN-M rows delimited by ';' or tab, or after blank lines) reads COIN-M units by the symbol column as with commas", () => {
    // BTCUSD_PERP on 2023-06-25: 5,578,700 contracts × 100 USD = 557,870,000 USD (18,265 BTC);
    // 5,578,800 × 100 = 557,880,000 USD (18,266 BTC). Read as USD-M, contracts became coin.
    const text = "create_time,symbol,sum_open_interest,sum_open_interest_value\n2023-06-25 00:00:00,BTCUSD_PERP,5578700,18265\n2023-06-25 00:05:00,BTCUSD_PERP,5578800,18266\n";
    const variants: [string, string][] = [
      ["comma", text],
      ["semicolon", text.replace(/,/g, ";")],
      ["tab", text.replace(/,/g, "\t")],
      ["two blank lines first", "\n\n" + text],
      ["semicolon after blank lines", "\n\r\n" + text.replace(/,/g, ";")],
    ];
    for (const [what, t] of variants) {
      const { table, report } = loadBinanceMetrics({ text: t, name: "metrics.csv" });
      assert.deepEqual([col(table, "openInterest"), col(table, "openInterestUsd")], [[18265, 18266], [557_870_000, 557_880_000]], what);
      assert.ok(report.notes.some((n) => n.startsWith("COIN-M metrics file: sum_open_interest counts contracts of 100 USD")), what);
    }
  });
  it("loadBinanceMetrics(daily files joined by cat, each starting with a byte-order mark) drops the repeated header and counts it", () => {
    const part = (t: string) => `\ufeffcreate_time,symbol,sum_open_interest,sum_open_interest_value\n2024-01-01 ${t},BTCUSDT,1,5\n`;
    const { table, report } = loadBinanceMetrics({ text: part("00:00:00") + part("00:05:00"), name: "BTCUSDT-metrics-2024-01-01.csv" });
    assert.deepEqual([col(table, "time"), col(table, "openInterestUsd")], [[utc(2024, 1, 1, 0, 0), utc(2024, 1, 1, 0, 5)], [5, 5]]);
    assert.deepEqual(report.dropped, [{ reason: "repeated header row", count: 1, lines: [3] }]);
  });
});
