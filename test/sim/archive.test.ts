import assert from "node:assert/strict";
import * as aq from "arquero";
import { BINANCE_KLINES_COLUMNS, BINANCE_LIQUIDATION_SNAPSHOT_COLUMNS } from "../../src/data/schema";
import { archiveDateTime, fundingCsv, klinesCsv, liquidationSnapshotCsv, metricsCsv } from "../../src/sim/archive";
import { intervalLabel } from "../../src/util/time";

describe("sim/archive", () => {
  it("klinesCsv(candles, 5m) writes Binance's 12 columns with close_time = open_time + interval − 1", () => {
    const t = aq.table({ time: [1752969600000], open: [3734.144], high: [3738.43], low: [3730.16], close: [3736.21], volume: [10], quoteVolume: [37350], trades: [5], takerBuyVolume: [4] });
    const [head, row] = klinesCsv(t, 300_000).trim().split("\n");
    assert.equal(head, BINANCE_KLINES_COLUMNS.join(","));
    // taker_buy_quote_volume = 4 base × the bar's average price 3735 = 14940
    assert.equal(row, "1752969600000,3734.14,3738.43,3730.16,3736.21,10.000,1752969899999,37350.0000,5,4.000,14940.0000,0");
  });

  it("liquidationSnapshotCsv(orders) writes SELL for a liquidated long and BUY for a short, filled", () => {
    const t = aq.table({ time: [1, 2], side: ["long", "short"], price: [100.004, 9.5], quantity: [1.5, 2], usd: [150, 19] });
    const lines = liquidationSnapshotCsv(t).trim().split("\n");
    assert.equal(lines[0], BINANCE_LIQUIDATION_SNAPSHOT_COLUMNS.join(","));
    assert.equal(lines[1], "1,SELL,LIMIT,IOC,1.500,100.00,100.00,FILLED,1.500,1.500");
    assert.equal(lines[2], "2,BUY,LIMIT,IOC,2.000,9.5000,9.5000,FILLED,2.000,2.000");
  });

  it("metricsCsv(oi, symbol) stamps create_time as 'YYYY-MM-DD HH:MM:SS' UTC", () => {
    assert.equal(archiveDateTime(Date.UTC(2025, 6, 20, 0, 5)), "2025-07-20 00:05:00");
    const t = aq.table({ time: [Date.UTC(2025, 6, 20, 0, 5)], openInterest: [2], openInterestUsd: [7600], topTraderAccountRatio: [1.5], topTraderLongShortRatio: [2], longShortRatio: [1.25], takerBuySellRatio: [1] });
    assert.equal(metricsCsv(t, "ETHUSDT").trim().split("\n")[1], "2025-07-20 00:05:00,ETHUSDT,2.0000,7600.0000,1.5000,2.0000,1.2500,1.0000");
  });

  it("fundingCsv(funding, 8) and intervalLabel(ms) use Binance's names", () => {
    assert.equal(fundingCsv(aq.table({ time: [1753027200000], fundingRate: [0.0001] }), 8), "calc_time,funding_interval_hours,last_funding_rate\n1753027200000,8,0.00010000\n");
    assert.equal(intervalLabel(300_000), "5m");
    assert.equal(intervalLabel(3_600_000), "1h");
    // Binance names a daily file "1d" (a 24h label would name a file no loader or archive has)
    assert.equal(intervalLabel(86_400_000), "1d");
  });
});
