import assert from "node:assert/strict";
import { loadBinanceLiquidationSnapshot } from "../../src/data/formats/binance-liquidation-snapshot";
import { loadBinanceMetrics } from "../../src/data/formats/binance-metrics";
import { reportToHtml } from "../../src/data/report";
import { fixture } from "./helpers";

describe("data/report", () => {
  it("report.toString() lists rows, range, interval, gaps, duplicates and drop reasons with lines", () => {
    const { report } = loadBinanceMetrics(fixture("BTCUSDT-metrics-2024-01-01.csv"));
    const text = String(report);
    assert.match(text, /rows: 3 kept of 4 read/);
    assert.match(text, /time range: 2024-01-01 00:05:00 → 2024-01-01 00:20:00 UTC/);
    assert.match(text, /interval: 5m/);
    assert.match(text, /gaps: 1 \(1 missing bars\); after 2024-01-01 00:10:00: 1/);
    assert.match(text, /dropped: 1 × empty sum_taker_long_short_vol_ratio \(line 4\)/);
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
