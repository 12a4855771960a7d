// Exact copies are found anywhere in their run of equal times, however long the run: a
// concatenated or re-downloaded file must not count its liquidations or trades twice, and
// bookDepth stays one row per (time, percentage) across files.
import assert from "node:assert/strict";
import { newParsed, num, type Parsed } from "../../src/data/fields";
import { dedupe, FUNDING_SAME_EVENT_MS } from "../../src/data/finish";
import { loadBinanceBookDepth } from "../../src/data/formats/binance-book-depth";
import { loadBinanceLiquidationSnapshot } from "../../src/data/formats/binance-liquidation-snapshot";
import { loadCanonical } from "../../src/data/formats/canonical";
import { loadFiles } from "../../src/data/load";
import { BINANCE_AGG_TRADES_COLUMNS, BINANCE_BOOK_DEPTH_COLUMNS, BINANCE_LIQUIDATION_SNAPSHOT_COLUMNS } from "../../src/data/schema";
import { col, fixture, utc } from "./helpers";

const T = 1704067325062; // 2024-01-01 00:02:05.062 UTC
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const sum = (xs: unknown[]): number => xs.reduce((s: number, x) => s + (x as number), 0);

/** 20 distinct SELL liquidations in one millisecond: 0.110, 0.111 … 0.129 BTC filled at 42180.5. */
const SNAPSHOT_ROWS = range(20).map((i) => `${T},SELL,LIMIT,IOC,0.1${i + 10},42100,42180.5,FILLED,0.1${i + 10},0.1${i + 10}`);
const SNAPSHOT_HEADER = BINANCE_LIQUIDATION_SNAPSHOT_COLUMNS.join(",");

/** 25 aggregated trades in one millisecond, then one 138 ms later. */
const AGG_TRADES = [
  BINANCE_AGG_TRADES_COLUMNS.join(","),
  ...range(25).map((i) => `${1000 + i},42314.0,0.0${i + 10},${5000 + i},${5000 + i},1704067200012,${i % 2 === 0}`),
  "1025,42313.9,0.002,5025,5025,1704067200150,true",
].join("\n") + "\n";

/** A bookDepth file: one row per percentage of each snapshot time, depth = 100 × time index + percentage + 10. */
function bookDepth(times: string[], percentages: number[], revise: (t: number, pct: number) => number | undefined = () => undefined): string {
  const rows = times.flatMap((time, ti) => percentages.map((pct) => {
    const depth = revise(ti, pct) ?? 100 * ti + pct + 10;
    return `${time},${pct.toFixed(2)},${depth},${depth * 42000}`;
  }));
  return [BINANCE_BOOK_DEPTH_COLUMNS.join(","), ...rows].join("\n") + "\n";
}

/** A liquidations `Parsed` with one text column (`side`) and numeric columns, line = index + 2. */
function events(time: number[], side: string[], price: number[]): Parsed {
  const p = newParsed("mem", "test", "liquidations");
  p.columns.set("time", Float64Array.from(time)).set("side", side).set("price", Float64Array.from(price));
  p.n = time.length;
  p.rowsRead = time.length;
  p.lines = Int32Array.from(time.map((_, i) => i + 2));
  return p;
}

describe("data/dedupe: copies anywhere in a run of equal times", () => {
  it("loadBinanceLiquidationSnapshot(20 rows at one ms, then the same 20 again) keeps 20 and reports 20 duplicates", () => {
    const text = [SNAPSHOT_HEADER, ...SNAPSHOT_ROWS, ...SNAPSHOT_ROWS].join("\n") + "\n";
    const { table, report } = loadBinanceLiquidationSnapshot({ text, name: "BTCUSDT-liquidationSnapshot-2024-01-01.csv" });
    assert.equal(table.numRows(), 20);
    assert.deepEqual(col(table, "quantity"), range(20).map((i) => Number(`0.1${i + 10}`)));
    // 42180.5 × (0.110 + … + 0.129) = 42180.5 × 2.39 = 100811.395 USD, not twice that
    assert.ok(Math.abs(sum(col(table, "usd")) - 100811.395) < 1e-6, String(sum(col(table, "usd"))));
    assert.equal(report.duplicates, 20);
    assert.deepEqual(report.dropped, [{ reason: "exact duplicate row", count: 20, lines: [22, 23, 24, 25, 26] }]);
    assert.deepEqual([report.rowsRead, report.rows], [40, 20]);
  });
  it("loadFiles([f, copy of f]) of aggTrades with 25 trades in one ms keeps f's 26 trades once, naming the copy", () => {
    const { table, report } = loadFiles([
      { text: AGG_TRADES, name: "BTCUSDT-aggTrades-2024-01-01.csv" },
      { text: AGG_TRADES, name: "again/BTCUSDT-aggTrades-2024-01-01.csv" },
    ]);
    assert.equal(table.numRows(), 26);
    assert.deepEqual(col(table, "id"), range(26).map((i) => 1000 + i));
    // 0.010 + 0.011 + … + 0.034 = 25 × 0.022 = 0.55, plus 0.002
    assert.ok(Math.abs(sum(col(table, "quantity")) - 0.552) < 1e-12);
    assert.equal(report.duplicates, 26);
    const copy = "again/BTCUSDT-aggTrades-2024-01-01.csv";
    assert.deepEqual(report.dropped, [{ reason: "exact duplicate row", count: 26, lines: [2, 3, 4, 5, 6], files: [copy, copy, copy, copy, copy] }]);
  });
  it("loadFiles([f, same content under another name]) of bookDepth keeps one row per (time, percentage)", () => {
    const text = bookDepth(["2024-01-01 00:00:08", "2024-01-01 00:00:38"], [-2, -1, 1, 2]);
    const { table, report } = loadFiles([{ text, name: "BTCUSDT-bookDepth-2024-01-01.csv" }, { text, name: "copy.csv" }]);
    assert.equal(table.numRows(), 8);
    assert.deepEqual(col(table, "percentage"), [-2, -1, 1, 2, -2, -1, 1, 2]);
    assert.deepEqual(col(table, "depth"), [8, 9, 11, 12, 108, 109, 111, 112]);
    assert.equal(report.duplicates, 8);
    assert.deepEqual(report.dropped, [{ reason: "exact duplicate row", count: 8, lines: [2, 3, 4, 5, 6], files: ["copy.csv", "copy.csv", "copy.csv", "copy.csv", "copy.csv"] }]);
  });
  it("loadBinanceBookDepth(file with its first snapshot repeated at the end) keeps 8 rows and drops the 4 repeats", () => {
    const two = bookDepth(["2024-01-01 00:00:08", "2024-01-01 00:00:38"], [-2, -1, 1, 2]);
    const again = bookDepth(["2024-01-01 00:00:08"], [-2, -1, 1, 2]).split("\n").slice(1).join("\n");
    const { table, report } = loadBinanceBookDepth({ text: two + again, name: "BTCUSDT-bookDepth-2024-01-01.csv" });
    assert.deepEqual(col(table, "time"), [...Array(4).fill(utc(2024, 1, 1, 0, 0, 8)), ...Array(4).fill(utc(2024, 1, 1, 0, 0, 38))]);
    assert.deepEqual(col(table, "depth"), [8, 9, 11, 12, 108, 109, 111, 112]);
    assert.equal(report.duplicates, 4);
    assert.deepEqual(report.dropped, [{ reason: "exact duplicate row", count: 4, lines: [10, 11, 12, 13] }]);
  });
  it("loadFiles([snapshot of ±1..5 %, the same with −3 % revised]) keeps the revised row in the first one's place", () => {
    const pcts = [-5, -4, -3, -2, -1, 1, 2, 3, 4, 5];
    const first = bookDepth(["2024-01-01 00:00:08"], pcts);
    const revised = bookDepth(["2024-01-01 00:00:08"], pcts, (_, pct) => (pct === -3 ? 7.5 : undefined));
    const { table, report } = loadFiles([{ text: first, name: "a.csv" }, { text: revised, name: "b.csv" }]);
    assert.deepEqual(col(table, "percentage"), pcts);
    assert.deepEqual(col(table, "depth"), [5, 6, 7.5, 8, 9, 11, 12, 13, 14, 15]);
    assert.equal(report.duplicates, 10);
    assert.deepEqual(report.dropped, [
      { reason: "exact duplicate row", count: 9, lines: [2, 3, 5, 6, 7], files: ["b.csv", "b.csv", "b.csv", "b.csv", "b.csv"] },
      { reason: "repeated time + percentage with different values (kept the later row)", count: 1, lines: [4], files: ["a.csv"] },
    ]);
  });
  it("dedupe(p) on 40 events in one ms drops copies 20 rows apart, keeps rows that differ only in side, first copy first", () => {
    // rows 0..19: price 100 + i, side long/short alternating; rows 20..39: the same rows in reverse
    // order, except row 39 (a copy of row 0) says "short" instead of "long": a different event
    const side = range(20).map((i) => (i % 2 === 0 ? "long" : "short"));
    const price = range(20).map((i) => 100 + i);
    const rside = [...side].reverse();
    rside[19] = "short";
    const p = events(Array(40).fill(T), [...side, ...rside], [...price, ...[...price].reverse()]);
    assert.equal(dedupe(p), 19);
    assert.deepEqual(Array.from(p.columns.get("price") as Float64Array), [...price, 100]);
    assert.deepEqual(p.columns.get("side"), [...side, "short"]);
    assert.deepEqual(Array.from(p.lines), [...range(20).map((i) => i + 2), 41]);
    assert.deepEqual(p.dropped.get("exact duplicate row"), { count: 19, lines: [22, 23, 24, 25, 26] });
  });
  it("dedupe(p) on 20,000 events in one ms, each twice 10,000 rows apart, drops exactly the 10,000 copies", () => {
    const n = 10_000;
    const p = events(Array(2 * n).fill(T), Array(2 * n).fill("long"), [...range(n), ...range(n)].map((i) => 1 + i / 8));
    assert.equal(dedupe(p), n);
    assert.deepEqual(Array.from(p.columns.get("price") as Float64Array), range(n).map((i) => 1 + i / 8));
    assert.equal(p.dropped.get("exact duplicate row")!.lines[0], n + 2);
  });
});

describe("finish(p) keys bookDepth on time and percentage however it was read", () => {
  it("loadCanonical(bookDepth with a revised row) keeps one row per (time, percentage): the later values", () => {
    const text = ["time,percentage,depth,notional", `${T},-1,10,420000`, `${T},1,12,505000`, `${T},-1,11,462000`].join("\n");
    const r = loadCanonical({ text, name: "depth.csv" });
    assert.deepEqual(r.table.objects(), [
      { time: T, percentage: -1, depth: 11, notional: 462000 },
      { time: T, percentage: 1, depth: 12, notional: 505000 },
    ]);
    assert.equal(r.report.duplicates, 1);
  });
});

describe("data/dedupe: one funding event, stamped a few ms apart by the archive", () => {
  const JITTERED = `duplicate funding event: same rate, time within ${FUNDING_SAME_EVENT_MS} ms of an earlier row (archive calc_time jitter; kept the earlier time)`;
  /** A funding `Parsed` (times, rates), line = index + 2. */
  function funding(time: number[], rate: number[]): Parsed {
    const p = newParsed("mem", "test", "funding");
    p.columns.set("time", Float64Array.from(time)).set("fundingRate", Float64Array.from(rate));
    p.n = p.rowsRead = time.length;
    p.lines = Int32Array.from(time.map((_, i) => i + 2));
    return p;
  }
  it("loadFiles([BTCUSDT-fundingRate-2024-01.csv, fapi-fundingRate.json]) counts 08:00:00.000 (REST) and 08:00:00.005 (archive) with one rate once", () => {
    const archive = fixture("BTCUSDT-fundingRate-2024-01.csv"), rest = fixture("fapi-fundingRate.json");
    const { table, report } = loadFiles([archive, rest]);
    // archive: 00:00:00.000, 08:00:00.005, 16:00:00.001; REST: 00:00:00.000, 08:00:00.000, same rates.
    // Three events: the 00:00 copy is exact, the 08:00 one differs by the archive's 5 ms.
    assert.deepEqual(table.objects(), [
      { time: utc(2024, 1, 1, 0), fundingRate: 0.00037409 },
      { time: utc(2024, 1, 1, 8), fundingRate: 0.00026472 },
      { time: utc(2024, 1, 1, 16, 0, 0, 1), fundingRate: -0.0000125 },
    ]);
    assert.deepEqual([report.rowsRead, report.rows, report.duplicates, report.interval, report.gaps.count], [5, 3, 2, "8h", 0]);
    assert.deepEqual(report.dropped, [
      { reason: "exact duplicate row", count: 1, lines: [1], files: [rest] },
      { reason: JITTERED, count: 1, lines: [3], files: [archive] },
    ]);
  });
  it("loadFiles([archive funding, REST funding with another rate 5 ms earlier]) keeps the later row whole, as a repeated time with different values", () => {
    const archive = { name: "BTCUSDT-fundingRate-2024-01.csv", text: "calc_time,funding_interval_hours,last_funding_rate\n1704067200000,8,0.0001\n1704096000005,8,0.0003\n" };
    const rest = { name: "fapi-fundingRate.json", text: '[{"symbol":"BTCUSDT","fundingTime":1704067200000,"fundingRate":"0.0001"},\n{"symbol":"BTCUSDT","fundingTime":1704096000000,"fundingRate":"0.0002"}]' };
    const { table, report } = loadFiles([archive, rest]);
    // 08:00:00.000 (0.0002, REST line 2) and 08:00:00.005 (0.0003, archive line 3) are one event:
    // the later row stays with its own time, nothing is moved
    assert.deepEqual(table.objects(), [{ time: utc(2024, 1, 1, 0), fundingRate: 0.0001 }, { time: utc(2024, 1, 1, 8, 0, 0, 5), fundingRate: 0.0003 }]);
    assert.equal(report.duplicates, 2);
    assert.deepEqual(report.dropped, [
      { reason: "exact duplicate row", count: 1, lines: [1], files: ["fapi-fundingRate.json"] },
      { reason: "repeated time with different values (kept the later row)", count: 1, lines: [2], files: ["fapi-fundingRate.json"] },
    ]);
  });
  it("dedupe(p) of funding drops a same-rate row 999 ms after another, keeps rows 1000 ms apart as two events", () => {
    const t8 = utc(2024, 1, 1, 8);
    const p = funding([T, T + 999, t8, t8 + 1000], [0.0001, 0.0001, 0.0002, 0.0002]);
    assert.equal(dedupe(p), 1);
    assert.deepEqual(Array.from(num(p, "time")), [T, t8, t8 + 1000]);
    assert.deepEqual(p.dropped.get(JITTERED), { count: 1, lines: [3] });
  });
  it("dedupe(p) of funding measures 1 s from a run's first row: rows 600 ms apart make two events of 0 and 1200 ms", () => {
    const p = funding([T, T + 600, T + 1200], [0.0001, 0.0001, 0.0001]);
    assert.equal(dedupe(p), 1);
    assert.deepEqual(Array.from(num(p, "time")), [T, T + 1200]);
  });
  it("dedupe(p) of liquidations 5 ms apart with equal values keeps both: the jitter rule is funding's", () => {
    const p = events([T, T + 5], ["long", "long"], [42000, 42000]);
    assert.equal(dedupe(p), 0);
    assert.equal(p.n, 2);
  });
});
