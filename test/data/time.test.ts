import assert from "node:assert/strict";
import { epochToMs, formatTime, intervalLabel, intervalMs, parseDateString, toTimeMs } from "../../src/data/time";
import { utc } from "./helpers";
import { load } from "../../src/data/load";
import { OTHER_ZONES, inZone } from "../zone";

describe("data/time", () => {
  it("epochToMs(v) detects seconds, ms, µs and ns by magnitude", () => {
    const ms = utc(2024, 1, 1);
    assert.equal(epochToMs(ms / 1000), ms);
    assert.equal(epochToMs(ms), ms);
    assert.equal(epochToMs(ms * 1000), ms);
    assert.equal(epochToMs(ms * 1e6), ms);
  });
  it("epochToMs(v) rejects values that are no plausible time with NaN", () => {
    for (const v of [0, -1, 5, 123456, 1e21, NaN]) assert.ok(Number.isNaN(epochToMs(v)), String(v));
  });
  it("parseDateString(s) reads Binance archive text times as UTC, with optional zone, whatever the machine's zone", () => {
    for (const zone of ["UTC", ...OTHER_ZONES]) {
      inZone(zone, () => {
        assert.equal(parseDateString("2024-01-01 00:05:00"), utc(2024, 1, 1, 0, 5), zone);
        assert.equal(parseDateString("2024-06-01T12:00:00"), utc(2024, 6, 1, 12), zone);
        assert.equal(parseDateString("2026-05-21T10:00:00.000Z"), utc(2026, 5, 21, 10), zone);
        assert.equal(parseDateString("2024-01-01T08:00:00+08:00"), utc(2024, 1, 1, 0), zone);
        assert.equal(parseDateString("2024-02-29"), utc(2024, 2, 29), zone);
      });
    }
  });
  it("parseDateString(s) rejects impossible calendar values", () => {
    for (const s of ["2023-02-29", "2024-13-01", "2024-01-01 24:00:00", "2024-01-01 00:60:00", "yesterday", "2024/01/01"]) assert.ok(Number.isNaN(parseDateString(s)), s);
  });
  it("parseDateString(s) rejects impossible UTC offsets and keeps the real extremes", () => {
    for (const s of ["2024-01-01T00:00:00+25:00", "2024-01-01T00:00:00+08:75", "2024-01-01T00:00:00-1500"]) assert.ok(Number.isNaN(parseDateString(s)), s);
    // Kiribati (+14:00) and Baker Island (−12:00); India's +05:30.
    assert.equal(parseDateString("2024-01-01T14:00:00+14:00"), utc(2024, 1, 1));
    assert.equal(parseDateString("2023-12-31T12:00:00-12:00"), utc(2024, 1, 1));
    assert.equal(parseDateString("2024-01-01T05:30:00+0530"), utc(2024, 1, 1));
  });
  it("toTimeMs(v) takes numbers, numeric strings and date strings", () => {
    assert.equal(toTimeMs("1704067200000"), utc(2024, 1, 1));
    assert.equal(toTimeMs(1704067200), utc(2024, 1, 1));
    assert.ok(Number.isNaN(toTimeMs(true)));
  });
  it("intervalMs(text) and intervalLabel(ms) are inverse on Binance interval names", () => {
    for (const [s, ms] of [["1s", 1000], ["1m", 60_000], ["5m", 300_000], ["4h", 14_400_000], ["1d", 86_400_000], ["1w", 604_800_000]] as const) {
      assert.equal(intervalMs(s), ms);
      assert.equal(intervalLabel(ms), s);
    }
    assert.equal(intervalLabel(90_000), "90s");
    assert.ok(Number.isNaN(intervalMs("1M")));
  });
  it("formatTime(ms) prints UTC, with milliseconds only when present, whatever the machine's zone", () => {
    for (const zone of ["UTC", ...OTHER_ZONES]) {
      inZone(zone, () => {
        assert.equal(formatTime(utc(2024, 1, 1, 0, 5)), "2024-01-01 00:05:00", zone);
        assert.equal(formatTime(utc(2024, 1, 1, 0, 5, 0, 12)), "2024-01-01 00:05:00.012", zone);
      });
    }
  });
  it("load(hourly bars whose close_time is stamped to the second) reads them as 1h, as the last ms or the end would", () => {
    const t0 = Date.UTC(2024, 0, 1);
    const H = 3_600_000;
    const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");
    for (const end of [H - 1000, H - 1, H]) {
      const lines = ["time,open,high,low,close,closeTime", ...[0, 1, 2].map((k) => `${fmt(t0 + k * H)},1,2,0.5,1,${t0 + k * H + end}`)];
      assert.equal(load({ text: lines.join("\n"), name: "c.csv" }).report.interval, "1h", String(end));
    }
  });
});
