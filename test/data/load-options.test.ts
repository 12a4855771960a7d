/**
 * Load options do what their docs say through every entry point: `symbol` for metrics files,
 * `contractUsd` for COIN-M aggTrades, and an `interval` option that is not the data's; a
 * `contractUsd` or `symbol` that cannot be one is refused, naming the option and its value.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as data from "../../src/data/index";
import { col, fixture } from "./helpers";

const metrics = readFileSync(fixture("BTCUSDT-metrics-2024-01-01.csv"), "utf8");

describe("load options", () => {
  it("load(metrics, { symbol }) keeps that symbol's rows and refuses one no row has", () => {
    const all = data.load({ text: metrics, name: "BTCUSDT-metrics-2024-01-01.csv" });
    assert.equal(data.load({ text: metrics, name: "BTCUSDT-metrics-2024-01-01.csv" }, { symbol: "btcusdt" }).table.numRows(), all.table.numRows());
    // given ETHUSDT, the BTC file used to load all its rows in silence
    assert.throws(() => data.load({ text: metrics, name: "BTCUSDT-metrics-2024-01-01.csv" }, { symbol: "ETHUSDT" }), /BTCUSDT-metrics-2024-01-01\.csv, column "symbol": no rows for ETHUSDT: the file holds BTCUSDT \(value "ETHUSDT"\)/);
    // two files put together: refused without { symbol }, picked with it (the other rows counted)
    const lines = metrics.trimEnd().split("\n");
    const eth = lines.slice(1, 3).map((l) => l.replace("BTCUSDT", "ETHUSDT").replace("2024-01-01", "2024-01-02"));
    const mixed = [...lines, ...eth].join("\n");
    assert.throws(() => data.loadBinanceMetrics({ text: mixed, name: "metrics.csv" }), new RegExp(`metrics\\.csv, line ${lines.length + 1}, column "symbol": rows for several instruments \\(BTCUSDT on line \\d+, ETHUSDT on line ${lines.length + 1}\\): pass \\{ symbol \\} to load one`));
    const picked = data.loadBinanceMetrics({ text: mixed, name: "metrics.csv" }, { symbol: "ETHUSDT" });
    assert.equal(picked.table.numRows(), 2);
    assert.deepEqual(picked.report.dropped.find((d) => d.reason === "other instrument than ETHUSDT")?.count, lines.length - 1);
  });

  it("load(metrics) finds the symbol column by its header: without one, after a pandas index or reordered, the file loads whole", () => {
    const [head, ...rows] = metrics.trimEnd().split("\n");
    const drop1 = (l: string) => l.split(",").filter((_, i) => i !== 1).join(",");
    const variants = {
      "no symbol column": [drop1(head!), ...rows.map(drop1)],
      "pandas index first": [`,${head}`, ...rows.map((l, i) => `${i},${l}`)],
      "symbol last": [drop1(head!) + ",symbol", ...rows.map((l) => `${drop1(l)},BTCUSDT`)],
    };
    for (const [what, lines] of Object.entries(variants)) {
      assert.equal(data.loadBinanceMetrics({ text: lines.join("\n"), name: "m.csv" }).table.numRows(), rows.length, what);
    }
    assert.throws(() => data.loadBinanceMetrics({ text: variants["symbol last"].join("\n"), name: "m.csv" }, { symbol: "ETHUSDT" }), /no rows for ETHUSDT: the file holds BTCUSDT/);
    assert.match(data.loadBinanceMetrics({ text: variants["no symbol column"].join("\n"), name: "m.csv" }, { symbol: "ETHUSDT" }).report.notes.join(" "), /no symbol column: the rows could not be checked against ETHUSDT/);
  });

  it("load(metrics) takes a blank symbol cell as the file's, skips a repeated header, and names an odd first row", () => {
    const [head, ...rows] = metrics.trimEnd().split("\n");
    const blank = [head, rows[0], rows[1]!.replace("BTCUSDT", ""), ...rows.slice(2)].join("\n");
    const r = data.loadBinanceMetrics({ text: blank, name: "m.csv" });
    assert.equal(r.table.numRows(), rows.length);
    assert.match(r.report.notes.join(" "), /1 row\(s\) with a blank symbol, taken as the file's \(BTCUSDT\)/);
    // a header repeated right after the header: its word "symbol" is no instrument
    assert.equal(data.loadBinanceMetrics({ text: [head, head, ...rows].join("\n"), name: "m.csv" }, { symbol: "BTCUSDT" }).table.numRows(), rows.length);
    // another symbol on the first data row: that row is named, not the second
    const odd = [head, rows[0]!.replace("BTCUSDT", "abc"), ...rows.slice(1)].join("\n");
    assert.throws(() => data.loadBinanceMetrics({ text: odd, name: "m.csv" }), /m\.csv, line 2, column "symbol": rows for several instruments \(BTCUSDT on line 3, abc on line 2\)/);
  });

  it("loadFiles(metrics of two symbols) refuses to merge them into one series", () => {
    // ETH's rows were replaced by BNB's as "repeated time with different values"
    const eth = metrics.replace(/BTCUSDT/g, "ETHUSDT");
    assert.throws(() => data.loadFiles([{ text: metrics, name: "BTCUSDT-metrics-2024-01-01.csv" }, { text: eth, name: "ETHUSDT-metrics-2024-01-01.csv" }]), /ETHUSDT-metrics-2024-01-01\.csv, column "symbol": files hold different instruments \(BTCUSDT in BTCUSDT-metrics-2024-01-01\.csv, ETHUSDT in ETHUSDT-metrics-2024-01-01\.csv\): loadFiles merges one instrument's files; load each instrument apart/);
    const next = metrics.replace(/2024-01-01/g, "2024-01-02");
    assert.equal(data.loadFiles([{ text: metrics, name: "a.csv" }, { text: next, name: "b.csv" }]).table.numRows(), 2 * (metrics.trimEnd().split("\n").length - 1));
  });

  it("loadBinanceAggTrades(COIN-M, { contractUsd }) converts contracts with the size given", () => {
    // 2 contracts at 50,000: 2 × 100 / 50,000 = 0.004 BTC by default, 2 × 10 / 50,000 = 0.0004 with contractUsd 10
    const text = "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n1,50000,2,1,1,1704067200000,true\n";
    const name = "BTCUSD_PERP-aggTrades-2024-01-01.csv";
    assert.deepEqual(col(data.loadBinanceAggTrades({ text, name }).table, "quantity"), [0.004]);
    assert.deepEqual(col(data.loadBinanceAggTrades({ text, name }, { contractUsd: 10 }).table, "quantity"), [0.0004]);
    assert.deepEqual(col(data.load({ text, name }, { contractUsd: 10 }).table, "quantity"), [0.0004]);
  });

  it("load(bars without close times, { interval }) refuses an interval no two consecutive rows are apart", () => {
    // 5-minute bars told "1m" loaded as 1m bars with four missing after each, in silence
    const text = "time,open,high,low,close\n" + [0, 5, 10, 15].map((m) => `2024-01-01 00:${String(m).padStart(2, "0")},1,2,0.5,1`).join("\n");
    assert.throws(() => data.load({ text, name: "c.csv" }, { interval: "1m" }), /c\.csv, line 3, column "interval": the interval option says 1m but no two consecutive rows are 1m apart \(the most common step is 5m\): leave the option out, or pass the data's own interval \(value "1m"\)/);
    assert.equal(data.load({ text, name: "c.csv" }, { interval: "5m" }).report.interval, "5m");
    // a 5m series with one bar missing still takes "5m" and reports the gap
    const gap = "time,open,high,low,close\n" + [0, 5, 15].map((m) => `2024-01-01 00:${String(m).padStart(2, "0")},1,2,0.5,1`).join("\n");
    assert.equal(data.load({ text: gap, name: "c.csv" }, { interval: "5m" }).report.gaps.missingBars, 1);
  });
  it("loadBinanceLiquidationSnapshot(COIN-M, { contractUsd: -5 }) and every loader taking contractUsd refuse a size that is not a finite number > 0", () => {
    // -5 gave usd = 1 contract × -5 = -5 USD; 0 gave 0 USD; NaN blamed the file's quantity column
    const snap = { text: "time,side,order_type,time_in_force,original_quantity,price,average_price,order_status,last_fill_quantity,accumulated_fill_quantity\n1704067200000,SELL,LIMIT,IOC,1,100,100,FILLED,1,1\n", name: "BTCUSD_PERP-liquidationSnapshot-2024-01-01.csv" };
    assert.throws(() => data.loadBinanceLiquidationSnapshot(snap, { contractUsd: -5 }), /^LiqlabError: BTCUSD_PERP-liquidationSnapshot-2024-01-01\.csv, column "contractUsd": the contractUsd option \(USD per COIN-M contract\) must be positive \(value -5\)$/);
    assert.throws(() => data.loadBinanceLiquidationSnapshot(snap, { contractUsd: 0 }), /column "contractUsd": the contractUsd option \(USD per COIN-M contract\) must be positive \(value 0\)$/);
    assert.throws(() => data.loadBinanceLiquidationSnapshot(snap, { contractUsd: NaN }), /column "contractUsd": the contractUsd option \(USD per COIN-M contract\) must be a finite number \(value NaN\)$/);
    assert.throws(() => data.loadBinanceLiquidationSnapshot(snap, { contractUsd: "100" as never }), /column "contractUsd": the contractUsd option \(USD per COIN-M contract\) must be a finite number \(value "100"\)$/);
    assert.throws(() => data.load(snap, { contractUsd: Infinity }), /column "contractUsd": the contractUsd option \(USD per COIN-M contract\) must be a finite number \(value Infinity\)$/);
    // COIN-M openInterestHist rows: -1 gave openInterestUsd = 10 contracts × -1 = -10 USD
    const hist = { text: JSON.stringify([{ pair: "BTCUSD", contractType: "PERPETUAL", sumOpenInterest: "10", sumOpenInterestValue: "1", timestamp: 1704067200000 }]), name: "openInterestHist.json" };
    assert.throws(() => data.loadBinanceOpenInterestHist(hist, { contractUsd: -1 }), /^LiqlabError: openInterestHist\.json, column "contractUsd": the contractUsd option \(USD per COIN-M contract\) must be positive \(value -1\)$/);
    const metrics = { text: "create_time,symbol,sum_open_interest,sum_open_interest_value\n2024-01-01 00:00:00,BTCUSD_PERP,10,1\n", name: "metrics.csv" };
    assert.throws(() => data.loadBinanceMetrics(metrics, { contractUsd: 0 }), /^LiqlabError: metrics\.csv, column "contractUsd": the contractUsd option \(USD per COIN-M contract\) must be positive \(value 0\)$/);
    const agg = { text: "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n1,50000,2,1,1,1704067200000,true\n", name: "BTCUSD_PERP-aggTrades-2024-01-01.csv" };
    assert.throws(() => data.loadBinanceAggTrades(agg, { contractUsd: NaN }), /^LiqlabError: BTCUSD_PERP-aggTrades-2024-01-01\.csv, column "contractUsd": the contractUsd option \(USD per COIN-M contract\) must be a finite number \(value NaN\)$/);
    const ev = { text: '{"e":"forceOrder","E":1,"o":{"s":"BTCUSD_PERP","S":"SELL","q":"1","p":"100","ap":"0","z":"0","T":1704067200000}}\n', name: "forceOrder.jsonl" };
    assert.throws(() => data.loadBinanceForceOrders(ev, { contractUsd: 0 }), /^LiqlabError: forceOrder\.jsonl, column "contractUsd": the contractUsd option \(USD per COIN-M contract\) must be positive \(value 0\)$/);
    assert.throws(() => data.loadFiles([ev], { contractUsd: -1 }), /column "contractUsd": the contractUsd option \(USD per COIN-M contract\) must be positive \(value -1\)$/);
    // a valid size still converts: 1 contract × 10 USD
    assert.deepEqual(col(data.loadBinanceForceOrders(ev, { contractUsd: 10 }).table, "usd"), [10]);
  });

  it("loadBinanceForceOrders(events, { symbol: 5 }) and other loaders taking symbol refuse one that is not a string", () => {
    // threw a bare TypeError (symbol.toUpperCase is not a function)
    const ev = { text: '{"e":"forceOrder","E":1,"o":{"s":"BTCUSDT","S":"SELL","q":"1","p":"100","ap":"0","z":"0","T":1704067200000}}\n', name: "forceOrder.jsonl" };
    assert.throws(() => data.loadBinanceForceOrders(ev, { symbol: 5 as never }), /^LiqlabError: forceOrder\.jsonl, column "symbol": the symbol option must be a string \(e\.g\. "BTCUSDT"\) \(value 5\)$/);
    assert.throws(() => data.loadBinanceFundingRate({ text: '[{"symbol":"BTCUSDT","fundingTime":1704067200000,"fundingRate":"0.0001"}]', name: "f.json" }, { symbol: ["BTCUSDT"] as never }), /^LiqlabError: f\.json, column "symbol": the symbol option must be a string \(e\.g\. "BTCUSDT"\) \(value \["BTCUSDT"\]\)$/);
    assert.throws(() => data.load({ text: metrics, name: "BTCUSDT-metrics-2024-01-01.csv" }, { symbol: 1 as never }), /column "symbol": the symbol option must be a string/);
  });
  it("loadBinanceKlines(daily bars, { from, to }) keeps from ≤ time < to and notes what it left out; load() and loadFiles() too", () => {
    const rows = ["open_time,open,high,low,close,volume,close_time"];
    for (let d = 0; d < 5; d++) {
      const t = Date.UTC(2024, 0, 1 + d);
      rows.push(`${t},1,2,0.5,1,10,${t + 86_400_000 - 1}`);
    }
    const src = { text: rows.join("\n"), name: "k.csv" };
    // Jan 2 and Jan 3 kept: Jan 1 before, Jan 4 (at `to`, exclusive) and Jan 5 after.
    for (const r of [
      data.loadBinanceKlines(src, { from: "2024-01-02", to: Date.UTC(2024, 0, 4) }),
      data.load(src, { from: new Date(Date.UTC(2024, 0, 2)), to: "2024-01-04" }),
      data.loadFiles([src], { from: Date.UTC(2024, 0, 2), to: Date.UTC(2024, 0, 4) }),
    ]) {
      assert.deepEqual(Array.from(col(r.table, "time")), [Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3)]);
      assert.equal(r.report.rowsRead, 5);
      assert.ok(r.report.notes.includes("kept the rows from 2024-01-02 00:00:00 to 2024-01-04 00:00:00 UTC (to exclusive): 1 before and 2 after left out"), r.report.notes.join("; "));
    }
    // One bound alone; nothing left out, nothing noted.
    assert.equal(data.loadBinanceKlines(src, { to: "2024-01-02" }).table.numRows(), 1);
    assert.ok(!data.loadBinanceKlines(src, { from: "2023-12-01" }).report.notes.some((n) => n.startsWith("kept the rows")));
    assert.throws(() => data.loadBinanceKlines(src, { from: 1704067200 }), /k\.csv, column "from": the from option must be a time in 2000–2100: epoch ms UTC, a Date or a UTC date string \("2024-01-10"\) \(value 1704067200\)/);
    assert.throws(() => data.loadBinanceKlines(src, { from: "2024-01-03", to: "2024-01-02" }), /k\.csv, column "to": the to option must be after from \(2024-01-03 00:00:00 UTC\) \(value "2024-01-02"\)/);
    assert.throws(() => data.loadBinanceKlines(src, { to: "yesterday" }), /column "to": the to option must be a time in 2000–2100.*\(value "yesterday"\)/);
    // A range holding no row gives an empty table and says so, with the data's own span (one part
    // of a combined export may have no row where the others do).
    const none = data.loadBinanceKlines(src, { from: "2024-02-01" });
    assert.equal(none.table.numRows(), 0);
    assert.ok(none.report.notes.includes("no row from 2024-02-01 00:00:00 to the end UTC (to exclusive): the data runs from 2024-01-01 00:00:00 to 2024-01-05 00:00:00 UTC; all 5 left out"), none.report.notes.join("; "));
  });

  it("load(hourly bars, { from, to }) measures the interval on the whole file, then reports the gaps inside the range", () => {
    // Hourly bars at 00, 02, 03, 04 and 05 h (01 h missing); kept: 00 and 02 h, two hours apart.
    const t0 = Date.UTC(2024, 0, 1);
    const text = ["time,open,high,low,close", ...[0, 2, 3, 4, 5].map((h) => `${t0 + h * 3_600_000},1,2,0.5,1`)].join("\n");
    const r = data.load({ text, name: "c.csv" }, { from: t0, to: t0 + 3 * 3_600_000 });
    assert.deepEqual([r.report.interval, r.report.rows, r.report.gaps.count, r.report.gaps.missingBars], ["1h", 2, 1, 1]);
    // Cut to the last two rows: no gap inside, still hourly.
    const tail = data.load({ text, name: "c.csv" }, { from: t0 + 4 * 3_600_000 });
    assert.deepEqual([tail.report.interval, tail.report.gaps.count], ["1h", 0]);
  });

  it("load(funding whose interval changes after the range, { from, to }) measures the range's own interval from three rows on", () => {
    // 8-hourly funding until Jan 3, 4-hourly after: the range Jan 1-3 is 8-hourly, with no gap.
    const t0 = Date.UTC(2024, 0, 1);
    const times = [...[0, 1, 2, 3, 4, 5].map((k) => t0 + k * 8 * 3_600_000), ...Array.from({ length: 12 }, (_, k) => t0 + 48 * 3_600_000 + k * 4 * 3_600_000)];
    const text = ["calc_time,funding_interval_hours,last_funding_rate", ...times.map((t) => `${t},8,0.0001`)].join("\n");
    const r = data.loadBinanceFundingRate({ text, name: "BTCUSDT-fundingRate-2024-01.csv" }, { from: t0, to: t0 + 48 * 3_600_000 });
    assert.deepEqual([r.table.numRows(), r.report.interval, r.report.gaps.count], [6, "8h", 0]);
    // Mixed intervals outside the range do not refuse the range.
    const bad = ["time,open,high,low,close", ...[0, 1, 2].map((h) => `${t0 + h * 3_600_000},1,2,0.5,1`), `${t0 + 5.5 * 3_600_000},1,2,0.5,1`].join("\n");
    assert.equal(data.load({ text: bad, name: "c.csv" }, { to: t0 + 3 * 3_600_000 }).report.interval, "1h");
    assert.throws(() => data.load({ text: bad, name: "c.csv" }), /mixed intervals/);
  });

  it("load(monthly open interest, { from, to }) keeping one month keeps the series' 1M interval and its closeTime", () => {
    const months = [0, 1, 2, 3, 4, 5].map((m) => Date.UTC(2024, m, 1));
    const text = ["time,openInterestUsd", ...months.map((t, i) => `${t},${1e9 + i}`)].join("\n");
    const all = data.load({ text, name: "oi.csv" });
    const one = data.load({ text, name: "oi.csv" }, { from: "2024-03-01", to: "2024-04-01" });
    assert.equal(all.report.interval, "1M");
    assert.deepEqual([one.report.interval, one.table.numRows()], ["1M", 1]);
    // Coinglass monthly OI bars carry the close's time: March's closes at its last ms.
    const cg = JSON.stringify({ code: "0", data: months.map((time) => ({ time, open: 1, high: 1, low: 1, close: 5 })) });
    const march = data.loadCoinglassOpenInterest({ text: cg, name: "cg.json" }, { from: "2024-03-01", to: "2024-04-01" });
    assert.equal(march.report.interval, "1M");
    assert.deepEqual(Array.from(col(march.table, "closeTime")), [Date.UTC(2024, 3, 1) - 1]);
  });
});
