import assert from "node:assert/strict";
import { loadBinanceKlines } from "../../src/data/formats/binance-klines";
import { loadBinanceLiquidationSnapshot } from "../../src/data/formats/binance-liquidation-snapshot";
import { loadBinanceMetrics } from "../../src/data/formats/binance-metrics";
import { reportToHtml } from "../../src/data/report";
import { fixture } from "./helpers";

describe("data/report", () => {
  it("report.toString() lists rows, range, interval, gaps, duplicates, drop reasons with lines, and notes", () => {
    const row = (t: string) => `${Date.parse(t)},10,11,9,10`;
    const text = ["open_time,open,high,low,close", row("2024-01-01T00:00:00Z"), row("2024-01-01T00:00:00Z"), row("2024-01-01T00:03:00Z")].join("\n");
    const out = String(loadBinanceKlines({ text, name: "k.csv" }).report);
    assert.match(out, /^k\.csv — binance-klines-csv \(candles\)/);
    assert.match(out, /rows: 2 kept of 3 read/);
    assert.match(out, /time range: 2024-01-01 00:00:00 → 2024-01-01 00:03:00 UTC/);
    assert.match(out, /interval: 3m/);
    assert.match(out, /duplicates: 1/);
    assert.match(out, /dropped: 1 × exact duplicate row \(line 3\)/);
    const metrics = String(loadBinanceMetrics(fixture("BTCUSDT-metrics-2024-01-01.csv")).report);
    assert.match(metrics, /gaps: none/);
    assert.match(metrics, /note: sum_taker_long_short_vol_ratio is blank on 1 row\(s\) \(line 4\): column takerBuySellRatio left out/);
  });
  it("report.toString() shows a gap with its missing bars", () => {
    const row = (m: number) => `${Date.UTC(2024, 0, 1, 0, m)},10,11,9,10`;
    const text = ["open_time,open,high,low,close", row(0), row(1), row(4), row(5)].join("\n");
    assert.match(String(loadBinanceKlines({ text, name: "k.csv" }).report), /gaps: 1 \(2 missing bars\); after 2024-01-01 00:01:00: 2/);
  });
  it("reportToHtml(report) is a self-contained table marked for show(), escaping text", () => {
    const { report } = loadBinanceLiquidationSnapshot({ text: "time,side,order_type,time_in_force,original_quantity,price,average_price,order_status,last_fill_quantity,accumulated_fill_quantity\n1704067325062,SELL,LIMIT,IOC,1,2,2,FILLED,1,1\n", name: "<a>.csv" });
    assert.equal(report.kind, "report");
    const html = reportToHtml(report);
    assert.equal(html, report.toHTML());
    assert.deepEqual(report.toDisplay(), { html, text: String(report) });
    assert.match(html, /^<div class="liqlab-report">/);
    assert.match(html, /&lt;a&gt;\.csv/);
    assert.doesNotMatch(html, /<a>/);
  });
});
