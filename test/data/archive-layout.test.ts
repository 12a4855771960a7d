import assert from "node:assert/strict";
import { archivePath, archiveSpan, planArchiveFiles, toDay } from "../../src/data/archive-layout";

const day = (s: string) => Date.parse(s + "T00:00:00Z");

describe("data/archive-layout", () => {
  it("archivePath(...) follows data.binance.vision's folder and file naming", () => {
    assert.equal(archivePath("um", "klines", "daily", "BTCUSDT", "2024-01-01", "1m"), "data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip");
    assert.equal(archivePath("um", "metrics", "daily", "BTCUSDT", "2024-01-01"), "data/futures/um/daily/metrics/BTCUSDT/BTCUSDT-metrics-2024-01-01.zip");
    assert.equal(archivePath("um", "fundingRate", "monthly", "BTCUSDT", "2024-01"), "data/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2024-01.zip");
    assert.equal(archivePath("spot", "aggTrades", "monthly", "BTCUSDT", "2024-01"), "data/spot/monthly/aggTrades/BTCUSDT/BTCUSDT-aggTrades-2024-01.zip");
  });
  it("planArchiveFiles(auto) uses a monthly file for a whole past month and daily files around it", () => {
    const plan = planArchiveFiles({ market: "um", kind: "klines", symbol: "BTCUSDT", from: day("2024-01-30"), to: day("2024-03-02"), now: day("2024-06-01") });
    assert.deepEqual(plan.map((f) => `${f.period} ${f.date}`), ["daily 2024-01-30", "daily 2024-01-31", "monthly 2024-02", "daily 2024-03-01", "daily 2024-03-02"]);
  });
  it("planArchiveFiles(auto) uses daily files for the current, unfinished month", () => {
    const plan = planArchiveFiles({ market: "um", kind: "klines", symbol: "BTCUSDT", from: day("2024-06-01"), to: day("2024-06-30"), now: day("2024-06-15") });
    assert.equal(plan.length, 30);
    assert.ok(plan.every((f) => f.period === "daily"));
  });
  it("planArchiveFiles uses the only period a type is published in (metrics daily, fundingRate monthly)", () => {
    assert.equal(planArchiveFiles({ market: "um", kind: "metrics", symbol: "BTCUSDT", from: day("2024-02-01"), to: day("2024-02-29"), now: day("2025-01-01") }).length, 29);
    assert.deepEqual(planArchiveFiles({ market: "um", kind: "fundingRate", symbol: "BTCUSDT", from: day("2024-01-15"), to: day("2024-02-03"), now: day("2024-02-10") }).map((f) => f.date), ["2024-01", "2024-02"]);
    assert.throws(() => planArchiveFiles({ market: "um", kind: "metrics", symbol: "BTCUSDT", from: 0, to: 0, period: "monthly" }), /metrics is not published monthly/);
  });
  it("archiveSpan(file) is the UTC span a file holds, to exclusive: a day, or a whole calendar month", () => {
    assert.deepEqual(archiveSpan({ period: "daily", date: "2024-02-29" }), { from: day("2024-02-29"), to: day("2024-03-01") });
    assert.deepEqual(archiveSpan({ period: "monthly", date: "2024-02" }), { from: day("2024-02-01"), to: day("2024-03-01") });
    assert.deepEqual(archiveSpan({ period: "monthly", date: "2024-12" }), { from: day("2024-12-01"), to: day("2025-01-01") });
  });
  it("toDay(value, name) reads YYYY-MM-DD, epoch ms and Dates as the UTC day, and refuses Unix seconds", () => {
    assert.equal(toDay("2024-01-01T23:30:00Z", "from"), day("2024-01-01"));
    assert.equal(toDay(day("2024-01-01") + 5, "from"), day("2024-01-01"));
    assert.equal(toDay(new Date(day("2024-01-02")), "to"), day("2024-01-02"));
    assert.throws(() => toDay(1_704_067_200, "from"), /^LiqlabError: column "from": from looks like Unix seconds \(2024-01-01 as seconds, 1970-01-20 as epoch ms\): pass epoch ms UTC \(seconds × 1000\), a Date or YYYY-MM-DD \(value 1704067200\)$/);
    assert.throws(() => toDay(1_704_067_200_000_000, "to"), /^LiqlabError: column "to": to looks like microseconds \(2024-01-01 as µs\): pass epoch ms UTC/);
    assert.throws(() => toDay(-1, "to"), /^LiqlabError: column "to": to is not a time from 2000 to 2100: pass epoch ms UTC/);
  });
});
