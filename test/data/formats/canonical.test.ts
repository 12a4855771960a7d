import assert from "node:assert/strict";
import { canonicalKind, loadCanonical } from "../../../src/data/formats/canonical";
import { loadBinanceLiquidationSnapshot } from "../../../src/data/formats/binance-liquidation-snapshot";
import { load } from "../../../src/data/load";
import { fixture, HAND_DERIVED_LIQUIDATIONS } from "../helpers";

describe("data/formats/canonical", () => {
  it("canonicalKind(columns) names the kind whose canonical columns are all present", () => {
    assert.equal(canonicalKind(["time", "side", "price", "quantity", "usd"]), "liquidations");
    assert.equal(canonicalKind(["time", "longUsd", "shortUsd"]), "liquidationTotals");
    assert.equal(canonicalKind(["time", "openInterestUsd"]), "openInterest");
    assert.equal(canonicalKind(["time", "longShortRatio"]), undefined);
  });
  it("loadCanonical(table.toCSV()) round-trips a loaded table", () => {
    const { table } = loadBinanceLiquidationSnapshot(fixture("BTCUSDT-liquidationSnapshot-2024-01-01.csv"));
    const back = loadCanonical({ text: table.toCSV(), name: "saved.csv" });
    assert.equal(back.kind, "liquidations");
    assert.deepEqual(back.table.objects(), HAND_DERIVED_LIQUIDATIONS);
  });
  it("load(JSON of table.objects()) detects a saved canonical table", () => {
    const r = load({ text: JSON.stringify(HAND_DERIVED_LIQUIDATIONS), name: "saved.json" });
    assert.equal(r.kind, "liquidations");
    assert.deepEqual(r.table.objects(), HAND_DERIVED_LIQUIDATIONS);
  });
  it("load(canonical totals CSV) checks values like every loader", () => {
    assert.throws(() => load({ text: "time,longUsd,shortUsd\n1704067200000,5,-1\n", name: "t.csv" }), /t\.csv, line 2, column "shortUsd": shortUsd must be a non-negative number \(value "-1"\)/);
  });
  it("loadCanonical(text) refuses a candle that cannot exist, as the klines loader does", () => {
    const h = "time,open,high,low,close\n";
    const next = "\n1704067260000,100,110,90,105\n";
    assert.throws(() => loadCanonical({ text: h + "1704067200000,100,110,90,150" + next, name: "c.csv" }), /^LiqlabError: c\.csv, line 2, column "close": close is outside the bar's low\.\.high range \(value 150\)$/);
    assert.throws(() => loadCanonical({ text: h + "1704067200000,100,90,110,100" + next, name: "c.csv" }), /^LiqlabError: c\.csv, line 2, column "high": high is below low \(value 90\)$/);
    assert.throws(() => loadCanonical({ text: h + "1704067200000,80,110,90,100" + next, name: "c.csv" }), /^LiqlabError: c\.csv, line 2, column "open": open is outside the bar's low\.\.high range \(value 80\)$/);
  });
  it("loadCanonical(text with closeTime) refuses bars of mixed spans and a closeTime before time", () => {
    // 1m bars close at open + 59,999 ms; the second row's 5m span (299,999 ms) is another interval
    const h = "time,open,high,low,close,closeTime\n";
    const bar = (t: number, span: number) => `${t},1,2,0.5,1,${t + span}`;
    const mixed = h + [bar(1704067200000, 59_999), bar(1704067260000, 299_999), bar(1704067320000, 59_999)].join("\n");
    assert.throws(() => loadCanonical({ text: mixed, name: "c.csv" }), /^LiqlabError: c\.csv, line 3, column "closeTime": mixed intervals: a 5m bar in a 1m file \(value "2024-01-01 00:05:59\.999"\)$/);
    const before = h + [bar(1704067200000, -1), bar(1704067260000, -1)].join("\n");
    assert.throws(() => loadCanonical({ text: before, name: "c.csv" }), /^LiqlabError: c\.csv, line 2, column "closeTime": closeTime is not after time \(value "2023-12-31 23:59:59\.999"\)$/);
  });
  it("load(canonical JSON candles) refuses a candle that cannot exist", () => {
    const rows = [{ time: 1704067200000, open: 100, high: 110, low: 90, close: 150 }, { time: 1704067260000, open: 100, high: 110, low: 90, close: 105 }];
    assert.throws(() => load({ text: JSON.stringify(rows, null, 1), name: "c.json" }), /^LiqlabError: c\.json, line 2, column "close": close is outside the bar's low\.\.high range \(value 150\)$/);
  });
  it("loadCanonical(JSON) matches keys without case, '_' or spaces, as the CSV header, and names keys it does not read", () => {
    const rows = [{ time: 1704067200000, open: 1, high: 2, low: 0.5, close: 1, Volume: 5, taker_buy_volume: 2, vwap: 1.2 }];
    const { table, report } = loadCanonical({ text: JSON.stringify(rows), name: "c.json" });
    assert.deepEqual(table.objects(), [{ time: 1704067200000, open: 1, high: 2, low: 0.5, close: 1, volume: 5, takerBuyVolume: 2 }]);
    assert.deepEqual(report.notes, ["keys not read: vwap"]);
    // open interest with a ratio under another spelling
    const oi = loadCanonical({ text: JSON.stringify([{ time: 1704067200000, openInterestUsd: 5, longshortratio: 1.2 }]), name: "o.json" });
    assert.deepEqual(oi.table.objects(), [{ time: 1704067200000, openInterestUsd: 5, longShortRatio: 1.2 }]);
  });
});
