import assert from "node:assert/strict";
import { table } from "arquero";
import { derivativesVsSpot } from "../../src/market/scale";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const D0 = Date.UTC(2025, 6, 20);

/** Hourly candles from `from` for `n` bars, each with quote volume `usd`. */
function hourly(from: number, n: number, usd: number) {
  return { time: Array.from({ length: n }, (_, i) => from + i * HOUR), quoteVolume: new Array(n).fill(usd) };
}

describe("market/derivativesVsSpot", () => {
  // Two whole days of hourly spot bars at 1M USD (24M a day) and a third day with 3 bars only;
  // OI samples 10M and 20M on day 1 (mean 15M), 30M on day 2, 40M on day 3.
  const spot = hourly(D0, 51, 1e6);
  const openInterest = { time: [D0 + HOUR, D0 + 5 * HOUR, D0 + DAY + 2 * HOUR, D0 + 2 * DAY + HOUR], openInterestUsd: [10e6, 20e6, 30e6, 40e6] };

  it("derivativesVsSpot({ openInterest, spot }) sums whole UTC days and sets mean OI against them", () => {
    const r = derivativesVsSpot({ openInterest, spot });
    assert.deepEqual(r.days.objects(), [
      { day: D0, spotVolumeUsd: 24e6, meanOpenInterestUsd: 15e6, lastOpenInterestUsd: 20e6, oiToSpotVolume: 15 / 24 },
      { day: D0 + DAY, spotVolumeUsd: 24e6, meanOpenInterestUsd: 30e6, lastOpenInterestUsd: 30e6, oiToSpotVolume: 30 / 24 },
    ]);
    // day 3 has 3 of 24 bars: left out, and counted
    assert.equal(r.partialDays, 1);
    assert.equal(r.meanSpotVolumeUsd, 24e6);
    // the latest sample is day 3's, whole day or not: 40M = 1.667 days of spot volume
    assert.deepEqual(r.latest, { time: D0 + 2 * DAY + HOUR, openInterestUsd: 40e6 });
    assert.equal(r.latestOiToSpotVolume, 40 / 24);
  });

  it("derivativesVsSpot({ ..., derivatives }) adds the derivatives' volume per day, and a day needs their bars too", () => {
    const derivatives = hourly(D0, 48, 2e6);
    derivatives.time.splice(30, 1); // day 2 loses one derivatives bar
    derivatives.quoteVolume.splice(30, 1);
    const r = derivativesVsSpot({ openInterest: table(openInterest), spot: table(spot), derivatives: table(derivatives) });
    assert.deepEqual(r.days.objects(), [{ day: D0, spotVolumeUsd: 24e6, meanOpenInterestUsd: 15e6, lastOpenInterestUsd: 20e6, oiToSpotVolume: 15 / 24, derivativesVolumeUsd: 48e6, derivativesToSpotVolume: 2 }]);
    assert.equal(r.partialDays, 2);
  });

  it("derivativesVsSpot(a day without OI or with zero spot volume) leaves it out or gives Infinity, never NaN", () => {
    const noOi = derivativesVsSpot({ openInterest: { time: [D0 + HOUR], openInterestUsd: [5e6] }, spot: hourly(D0, 48, 1e6) });
    assert.deepEqual(noOi.days.array("day"), [D0]);
    assert.equal(noOi.partialDays, 1);
    const quiet = derivativesVsSpot({ openInterest: { time: [D0 + HOUR], openInterestUsd: [5e6] }, spot: hourly(D0, 24, 0) });
    assert.deepEqual([quiet.days.get("oiToSpotVolume", 0), quiet.latestOiToSpotVolume], [Infinity, Infinity]);
  });

  it("derivativesVsSpot(bad input) throws naming the table, column and value", () => {
    assert.throws(() => derivativesVsSpot({ openInterest, spot: { time: spot.time } }), /spot, column "quoteVolume": missing column quoteVolume/);
    assert.throws(() => derivativesVsSpot({ openInterest, spot: { ...spot, quoteVolume: spot.quoteVolume.map((v, i) => (i === 7 ? -1 : v)) } }), /spot, column "quoteVolume": row 7: quote volume must be >= 0 \(value -1\)/);
    assert.throws(() => derivativesVsSpot({ openInterest: { ...openInterest, openInterestUsd: [1, NaN, 2, 3] }, spot }), /openInterest, column "openInterestUsd": row 1: not a finite number \(value NaN\)/);
    assert.throws(() => derivativesVsSpot({ openInterest, spot: hourly(D0 + HOUR, 10, 1e6) }), /derivativesVsSpot: column "time": no whole UTC day: a day needs all 24 spot bars and an open-interest sample/);
    assert.throws(() => derivativesVsSpot({ openInterest, spot: { time: [D0, D0 + 7 * 60_000], quoteVolume: [1, 1] } }), /spot, column "time": the bar interval must divide a day .*\(value 420000\)/);
    assert.throws(() => derivativesVsSpot({ spot } as never), /derivativesVsSpot: needs \{ openInterest, spot \}/);
    // Columns of one table must be as long as its time column; rows must be passed as columns.
    assert.throws(() => derivativesVsSpot({ openInterest, spot: { ...spot, quoteVolume: [...spot.quoteVolume, 5] } }), /spot, column "quoteVolume": has 52 rows where time has 51: columns of one table must have equal lengths \(value 52\)/);
    assert.throws(() => derivativesVsSpot({ openInterest: { ...openInterest, openInterestUsd: [1, 2, 3] }, spot }), /openInterest, column "openInterestUsd": has 3 rows where time has 4/);
    const rows = spot.time.map((time, i) => ({ time, quoteVolume: spot.quoteVolume[i] }));
    assert.throws(() => derivativesVsSpot({ openInterest, spot: rows as never }), /spot: is an array of 51 rows; pass columns/);
    assert.throws(() => derivativesVsSpot({ openInterest: { time: openInterest.time, sumOpenInterest: [1, 2, 3, 4] }, spot }), /openInterest, column "openInterestUsd": missing column openInterestUsd \(or sumOpenInterestValue\); sumOpenInterest is in coins: multiply it by the price first/);
  });

  it("derivativesVsSpot(bars off the UTC grid) throws: daily bars at 16:00 UTC (OKX's UTC+8 days) were counted as whole UTC days", () => {
    // Each such bar runs 16:00 on day D to 16:00 on D+1: two thirds of its volume is D+1's.
    const daily16 = { time: [D0 + 16 * HOUR, D0 + DAY + 16 * HOUR], quoteVolume: [10, 20] };
    assert.throws(() => derivativesVsSpot({ openInterest, spot: daily16 }), new RegExp(`spot, column "time": row 0: a bar opening at 2025-07-20T16:00:00\\.000Z is off the grid of 86400000 ms bars from UTC midnight: such bars do not tile UTC days .* \\(value ${D0 + 16 * HOUR}\\)`));
    // A stray half-hour stamp in hourly bars, with interval given, would fill a missing 23:00 slot.
    const stray = hourly(D0, 24, 10);
    stray.time[23] = D0 + 22.5 * HOUR;
    stray.time.sort((a, b) => a - b);
    assert.throws(() => derivativesVsSpot({ openInterest, spot: stray, interval: HOUR }), /row 23: a bar opening at 2025-07-20T22:30:00\.000Z is off the grid of 3600000 ms bars/);
  });

  it("derivativesVsSpot(times in Unix seconds) says so instead of blaming missing bars", () => {
    const sec = (t: number[]) => t.map((x) => x / 1000);
    assert.throws(() => derivativesVsSpot({ openInterest: { ...openInterest, time: sec(openInterest.time) }, spot }), new RegExp(`openInterest, column "time": row 0 is stamped ${(D0 + HOUR) / 1000} \\(Unix seconds\\?\\): times must be epoch ms UTC`));
    assert.throws(() => derivativesVsSpot({ openInterest, spot: { ...spot, time: sec(spot.time) } }), /spot, column "time": row 0 is stamped \d+ \(Unix seconds\?\)/);
  });

  it("derivativesVsSpot({ openInterest: a loader's whole result }) names the table to pass", () => {
    const data = { candles: table(spot), openInterest: table(openInterest), report: {} };
    assert.throws(() => derivativesVsSpot({ openInterest: data as never, spot }), /openInterest: holds tables \(candles, openInterest\), not columns: pass one table, e.g. \{ openInterest: data\.openInterest \}/);
  });

  it("derivativesVsSpot(null tables) names what it needs; derivatives: null is none", () => {
    assert.throws(() => derivativesVsSpot({ openInterest, spot: null as never }), /derivativesVsSpot: needs \{ openInterest, spot \}/);
    assert.throws(() => derivativesVsSpot({ openInterest: null as never, spot }), /derivativesVsSpot: needs \{ openInterest, spot \}/);
    assert.deepEqual(derivativesVsSpot({ openInterest, spot, derivatives: null }).days.objects(), derivativesVsSpot({ openInterest, spot }).days.objects());
    assert.throws(() => derivativesVsSpot({ openInterest: { ...openInterest, closeTime: [1, 2] }, spot }), /openInterest, column "closeTime": has 2 rows where time has 4/);
    // Amounts near 1e308 would sum to Infinity and divide into NaN.
    assert.throws(() => derivativesVsSpot({ openInterest, spot: { ...spot, quoteVolume: spot.quoteVolume.map(() => 1e308) } }), /spot, column "quoteVolume": row 0: quote volume above 1000000000000000 USD in one bar/);
    assert.throws(() => derivativesVsSpot({ openInterest: { ...openInterest, openInterestUsd: [1, 1e308, 1, 1] }, spot }), /openInterest, column "openInterestUsd": row 1: open interest above 1000000000000000 USD/);
  });

  it("derivativesVsSpot(OI bars with closeTime) dates the latest value at its bar's close, when it was known", () => {
    // Coinglass-style half-hour OI bars: the value is the bar's close, known at open + 30 min − 1 ms.
    const closeTime = openInterest.time.map((t) => t + HOUR / 2 - 1);
    const r = derivativesVsSpot({ openInterest: { ...openInterest, closeTime }, spot });
    assert.deepEqual(r.latest, { time: D0 + 2 * DAY + HOUR + HOUR / 2 - 1, openInterestUsd: 40e6 });
  });

  it("derivativesVsSpot(Binance openInterestHist names) reads timestamp and sumOpenInterestValue like time and openInterestUsd", () => {
    const binance = derivativesVsSpot({ openInterest: { timestamp: openInterest.time, sumOpenInterestValue: openInterest.openInterestUsd }, spot });
    const own = derivativesVsSpot({ openInterest, spot });
    assert.deepEqual(binance.days.objects(), own.days.objects());
  });
});
