import assert from "node:assert/strict";
import { table } from "arquero";
import { derivativesVsSpot } from "../../src/market/scale";
import { loadBinanceKlines } from "../../src/data/index";
import { displayBundle } from "../../src/notebook/show";
import { estimateCaption, labelOf, reportedCaption } from "../../src/util/estimate";

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const D0 = Date.UTC(2025, 6, 20);

/** Hourly candles from `from` for `n` bars, each with quote volume `usd`. */
function hourly(from: number, n: number, usd: number) {
  return { time: Array.from({ length: n }, (_, i) => from + i * HOUR), quoteVolume: new Array(n).fill(usd) };
}

/** Open-interest samples `step` apart from `from`, one per value. */
function samples(from: number, step: number, values: number[]) {
  return { time: values.map((_, i) => from + i * step), openInterestUsd: values };
}

/** `n` copies of `v`. */
const rep = (n: number, v: number) => new Array<number>(n).fill(v);

/** Binance REST klines (JSON rows) of `interval` ms, one per [open, quote volume], each with Binance's closeTime open + interval − 1. */
function restKlines(interval: number, bars: [number, number][], name: string) {
  const rows = bars.map(([t, qv]) => [t, "190", "195", "185", "191", "1000", t + interval - 1, String(qv), 100, "500", "95000", "0"]);
  return loadBinanceKlines({ text: JSON.stringify(rows), name }).table;
}

describe("market/derivativesVsSpot", () => {
  // Two whole days of hourly spot bars at 1M USD (24M a day) and a third day with 3 bars only.
  // Hourly OI: day 1 twelve samples of 10M then twelve of 20M (mean 15M, last 20M), day 2 all 30M,
  // day 3 two samples of 40M. A day needs ⌈0.9 × 24⌉ = 22 samples.
  const spot = hourly(D0, 51, 1e6);
  const openInterest = samples(D0, HOUR, [...rep(12, 10e6), ...rep(12, 20e6), ...rep(24, 30e6), 40e6, 40e6]);

  it("derivativesVsSpot({ openInterest, spot }) sums whole UTC days and sets mean OI against them", () => {
    const before = Date.now();
    const r = derivativesVsSpot({ openInterest, spot });
    assert.deepEqual(r.days.objects(), [
      { day: D0, spotVolumeUsd: 24e6, meanOpenInterestUsd: 15e6, lastOpenInterestUsd: 20e6, oiSamples: 24, oiToSpotVolume: 15 / 24 },
      { day: D0 + DAY, spotVolumeUsd: 24e6, meanOpenInterestUsd: 30e6, lastOpenInterestUsd: 30e6, oiSamples: 24, oiToSpotVolume: 30 / 24 },
    ]);
    // day 3 has 3 of 24 bars and 2 of 22 samples: left out, and counted
    assert.equal(r.partialDays, 1);
    assert.equal(r.meanSpotVolumeUsd, 24e6);
    assert.equal(r.oiSamplesNeeded, 22);
    // the latest sample is day 3's, whole day or not: 40M = 1.667 days of the mean over days 1–2,
    // which end the day before latest's: up to date
    assert.deepEqual(r.latest, { time: D0 + 2 * DAY + HOUR, openInterestUsd: 40e6, spotDays: { first: D0, last: D0 + DAY, count: 2 }, upToDate: true });
    assert.equal(r.latestOiToSpotVolume, 40 / 24);
    // asOf defaults to now
    assert.ok(r.asOf >= before && r.asOf <= Date.now(), String(r.asOf));
  });

  it("derivativesVsSpot({ ..., derivatives }) adds the derivatives' volume per day, and a day needs their bars too", () => {
    const derivatives = hourly(D0, 48, 2e6);
    derivatives.time.splice(30, 1); // day 2 loses one derivatives bar
    derivatives.quoteVolume.splice(30, 1);
    const r = derivativesVsSpot({ openInterest: table(openInterest), spot: table(spot), derivatives: table(derivatives) });
    assert.deepEqual(r.days.objects(), [{ day: D0, spotVolumeUsd: 24e6, meanOpenInterestUsd: 15e6, lastOpenInterestUsd: 20e6, oiSamples: 24, oiToSpotVolume: 15 / 24, derivativesVolumeUsd: 48e6, derivativesToSpotVolume: 2 }]);
    assert.equal(r.partialDays, 2);
    // Day 2 has every spot bar and sample but 23 of 24 derivatives bars; day 3 holds the last 3 spot
    // bars, 2 samples and no derivatives bar. A day needs ⌈0.9 × 24⌉ = 22 hourly samples.
    assert.deepEqual(r.leftOut, [
      { day: D0 + DAY, spotBars: 24, spotBarsNeeded: 24, oiSamples: 24, oiSamplesNeeded: 22, derivativesBars: 23, derivativesBarsNeeded: 24 },
      { day: D0 + 2 * DAY, spotBars: 3, spotBarsNeeded: 24, oiSamples: 2, oiSamplesNeeded: 22, derivativesBars: 0, derivativesBarsNeeded: 24 },
    ]);
  });

  it("derivativesVsSpot(a day without OI or with zero spot volume) leaves it out or gives Infinity, never NaN", () => {
    const noOi = derivativesVsSpot({ openInterest: samples(D0, HOUR, rep(24, 5e6)), spot: hourly(D0, 48, 1e6) });
    assert.deepEqual(noOi.days.array("day"), [D0]);
    assert.equal(noOi.partialDays, 1);
    assert.deepEqual(noOi.leftOut, [{ day: D0 + DAY, spotBars: 24, spotBarsNeeded: 24, oiSamples: 0, oiSamplesNeeded: 22 }]);
    const quiet = derivativesVsSpot({ openInterest: samples(D0, HOUR, rep(24, 5e6)), spot: hourly(D0, 24, 0) });
    assert.deepEqual([quiet.days.get("oiToSpotVolume", 0), quiet.latestOiToSpotVolume], [Infinity, Infinity]);
  });

  it("derivativesVsSpot(a REST response whose last bar is still running at asOf) leaves that day out and counts it partial", () => {
    // The reviewer's repro: Binance /api/v3/klines?interval=1d fetched 2025-07-22 06:00 UTC; the
    // 07-22 bar is running (6 h of volume, 1.5B) and its closeTime is the scheduled 23:59:59.999.
    const fetched = D0 + 2 * DAY + 6 * HOUR;
    const daily = restKlines(DAY, [[D0, 6e9], [D0 + DAY, 6e9], [D0 + 2 * DAY, 1.5e9]], "spot-1d.json");
    const oi = samples(D0, 5 * MIN, rep((fetched - D0) / (5 * MIN) + 1, 12e9)); // every 5 min up to the fetch
    const r = derivativesVsSpot({ openInterest: oi, spot: daily, asOf: fetched });
    assert.deepEqual(r.days.array("day"), [D0, D0 + DAY]);
    assert.equal(r.partialDays, 1);
    assert.equal(r.meanSpotVolumeUsd, 6e9); // not (6 + 6 + 1.5) / 3 = 4.5B
    assert.equal(r.latestOiToSpotVolume, 2); // 12B / 6B, not 12 / 4.5
    assert.equal(r.asOf, fetched);
    // 07-22's 73 samples (00:00–06:00) are short of 260 too; with a coverage of 25% (72 samples)
    // they are enough, and the running bar alone still leaves the day out.
    const lax = derivativesVsSpot({ openInterest: oi, spot: daily, asOf: fetched, minOiCoverage: 0.25 });
    assert.equal(lax.oiSamplesNeeded, 72);
    assert.deepEqual([lax.days.array("day"), lax.partialDays], [[D0, D0 + DAY], 1]);
    // Fetched after 07-22 closed, the same bars make three whole days.
    assert.deepEqual(derivativesVsSpot({ openInterest: oi, spot: daily, asOf: D0 + 3 * DAY, minOiCoverage: 0.25 }).days.array("day"), [D0, D0 + DAY, D0 + 2 * DAY]);

    // Hourly bars fetched 07-21 23:10: the 23:00 bar holds 10 minutes of volume. 07-21's OI (00:00–23:05,
    // 278 samples) covers it, so only asOf keeps 07-21 out.
    const at = D0 + DAY + 23 * HOUR + 10 * MIN;
    const hourlyRest = restKlines(HOUR, Array.from({ length: 48 }, (_, i): [number, number] => [D0 + i * HOUR, i === 47 ? 250e6 / 6 : 250e6]), "spot-1h.json");
    const oiH = samples(D0, 5 * MIN, rep((at - 5 * MIN - D0) / (5 * MIN) + 1, 12e9));
    const h = derivativesVsSpot({ openInterest: oiH, spot: hourlyRest, asOf: at });
    assert.deepEqual((h.days.objects() as Record<string, number>[]).map((o) => [o.day, o.spotVolumeUsd, o.oiSamples]), [[D0, 6e9, 288]]);
    assert.equal(h.partialDays, 1);
  });

  it("derivativesVsSpot(candles of today, asOf left out) reads asOf as now: today's running bar leaves today out", () => {
    const today = Math.floor(Date.now() / DAY) * DAY;
    const r = derivativesVsSpot({ openInterest: samples(today - DAY, DAY, [1e9, 1e9]), spot: { time: [today - DAY, today], quoteVolume: [5e8, 1e8] }, interval: DAY });
    assert.deepEqual([r.days.array("day"), r.partialDays, r.meanSpotVolumeUsd], [[today - DAY], 1, 5e8]);
  });

  it("derivativesVsSpot(hourly bars with every other hour missing) reads their closeTime: the days are partial, not whole 2-hour days", () => {
    // The reviewer's repro: 24 of 48 hourly bars (even hours), each 250M, loaded from REST JSON with closeTime.
    const sparse = restKlines(HOUR, Array.from({ length: 24 }, (_, k): [number, number] => [D0 + 2 * k * HOUR, 250e6]), "SOLUSDT-1h.json");
    const oi = samples(D0, HOUR, rep(48, 12e9));
    assert.throws(() => derivativesVsSpot({ openInterest: oi, spot: sparse }), /derivativesVsSpot: column "time": no whole UTC day among the 2 touched: a day needs all 24 spot bars, closed by asOf/);
    // With a third day of all 24 bars, only it counts: 6B, not 3B read as a whole day.
    const t = [...(sparse.array("time") as Float64Array), ...hourly(D0 + 2 * DAY, 24, 250e6).time];
    const third = { time: t, quoteVolume: rep(t.length, 250e6), closeTime: t.map((x) => x + HOUR - 1) };
    const r = derivativesVsSpot({ openInterest: samples(D0, HOUR, rep(72, 12e9)), spot: third });
    assert.deepEqual((r.days.objects() as Record<string, number>[]).map((o) => [o.day, o.spotVolumeUsd]), [[D0 + 2 * DAY, 6e9]]);
    assert.equal(r.partialDays, 2);
    // Without closeTime the smallest gap (2 h) is all there is: `interval` says the bars' length.
    const noClose = { time: third.time.slice(0, 24), quoteVolume: third.quoteVolume.slice(0, 24) };
    assert.deepEqual(derivativesVsSpot({ openInterest: oi, spot: noClose }).days.array("spotVolumeUsd"), [3e9, 3e9]);
    assert.throws(() => derivativesVsSpot({ openInterest: oi, spot: noClose, interval: HOUR }), /no whole UTC day among the 2 touched: a day needs all 24 spot bars/);
  });

  it("derivativesVsSpot(bars of mixed spans, or an interval their closeTime contradicts) throws naming the row and value", () => {
    const s = { ...hourly(D0, 24, 1e6), closeTime: hourly(D0, 24, 0).time.map((t) => t + HOUR - 1) };
    s.closeTime[5] = s.time[5]! + 2 * HOUR - 1;
    const oi = samples(D0, HOUR, rep(24, 1e9));
    assert.throws(() => derivativesVsSpot({ openInterest: oi, spot: s }), new RegExp(`spot, column "closeTime": row 5: a bar spanning 7200000 ms \\(closeTime − time \\+ 1\\) among bars of 3600000 ms: one table's bars must be one length \\(value ${D0 + 7 * HOUR - 1}\\)`));
    const ok = { ...s, closeTime: s.time.map((t) => t + HOUR - 1) };
    assert.throws(() => derivativesVsSpot({ openInterest: oi, spot: ok, interval: 2 * HOUR }), /spot, column "interval": interval is 7200000 ms but each bar spans 3600000 ms by its closeTime \(closeTime − time \+ 1\): leave interval out, or pass the bars' own length \(value 7200000\)/);
    assert.throws(() => derivativesVsSpot({ openInterest: oi, spot: { ...ok, closeTime: ok.time.map((t) => t) } }), /spot, column "closeTime": row 0: closeTime must be after the bar's open time/);
    // Equal to the closeTime spans, interval is accepted; so is an end stamp (open + interval).
    assert.equal(derivativesVsSpot({ openInterest: oi, spot: ok, interval: HOUR }).days.numRows(), 1);
    assert.equal(derivativesVsSpot({ openInterest: oi, spot: { ...ok, closeTime: ok.time.map((t) => t + HOUR) } }).days.get("spotVolumeUsd", 0), 24e6);
  });

  it("derivativesVsSpot(open interest covering part of a day) counts the day only when its samples cover minOiCoverage of it", () => {
    // The reviewer's repro: 72 hourly spot bars at 250M (6B a day); OI every 5 min on day 1 (288 × 12B),
    // one sample on day 2 (00:05, 8B: the feed died), none on day 3, one on day 5 (20B).
    const spot3 = hourly(D0, 72, 250e6);
    const t = [...samples(D0, 5 * MIN, rep(288, 12e9)).time, D0 + DAY + 5 * MIN, D0 + 4 * DAY];
    const oi = { time: t, openInterestUsd: [...rep(288, 12e9), 8e9, 20e9] };
    const r = derivativesVsSpot({ openInterest: oi, spot: spot3 });
    // ⌈0.9 × 288⌉ = 260 samples a day; day 2's single sample no longer reads as its mean.
    assert.equal(r.oiSamplesNeeded, 260);
    assert.deepEqual(r.days.objects(), [{ day: D0, spotVolumeUsd: 6e9, meanOpenInterestUsd: 12e9, lastOpenInterestUsd: 12e9, oiSamples: 288, oiToSpotVolume: 2 }]);
    // touched: days 1, 2, 3 (spot) and 5 (OI): 3 left out
    assert.equal(r.partialDays, 3);
    // latest (day 5, 20B) against the mean of day 1 only: 20 / 6 days, and it says the mean is stale
    assert.deepEqual(r.latest, { time: D0 + 4 * DAY, openInterestUsd: 20e9, spotDays: { first: D0, last: D0, count: 1 }, upToDate: false });
    assert.equal(r.latestOiToSpotVolume, 20 / 6);

    // The boundary: 259 samples (89.9%) leave a day out, 260 (90.3%) count; minOiCoverage: 1 needs all 288.
    const day = (n: number) => derivativesVsSpot({ openInterest: samples(D0, 5 * MIN, rep(n, 1e9)), spot: hourly(D0, 24, 1e6), oiInterval: 5 * MIN });
    assert.throws(() => day(259), /and 260 open-interest samples \(minOiCoverage 0.9 of a day at one sample per 300000 ms\)/);
    assert.equal(day(260).days.get("oiSamples", 0), 260);
    assert.throws(() => derivativesVsSpot({ openInterest: samples(D0, 5 * MIN, rep(287, 1e9)), spot: hourly(D0, 24, 1e6), minOiCoverage: 1 }), /and 288 open-interest samples/);
    // One sample a day (Binance openInterestHist period=1d) covers its day when oiInterval says so.
    const daily = derivativesVsSpot({ openInterest: { time: [D0], openInterestUsd: [7e9] }, spot: hourly(D0, 24, 1e6), oiInterval: DAY });
    assert.deepEqual([daily.oiSamplesNeeded, daily.days.get("meanOpenInterestUsd", 0)], [1, 7e9]);
  });

  it("show(derivativesVsSpot(...).days) prints a caption: reported data per UTC day, units per column, not an estimate", () => {
    const r = derivativesVsSpot({ openInterest, spot, derivatives: hourly(D0, 48, 2e6) });
    const b = displayBundle(r.days);
    const caption = "Reported data per whole UTC day, not estimates (the loaded figures, summed and averaged): day = 00:00 UTC, epoch ms; spotVolumeUsd, derivativesVolumeUsd = USD traded that day; meanOpenInterestUsd, lastOpenInterestUsd = open interest, USD; oiSamples = open-interest samples that day; oiToSpotVolume = mean open interest / spot volume, in days; derivativesToSpotVolume = derivatives volume / spot volume";
    assert.equal(b.data["text/plain"]!.split("\n")[0], caption);
    assert.match(b.data["text/plain"]!.split("\n")[1]!, /^\|day\|spotVolumeUsd\|meanOpenInterestUsd\|lastOpenInterestUsd\|oiSamples\|oiToSpotVolume\|derivativesVolumeUsd\|derivativesToSpotVolume\|$/);
    assert.ok(b.data["text/html"]!.startsWith(`<p><b>${caption}</b></p><table>`), b.data["text/html"]!.slice(0, 200));
    // Without derivatives the caption names only the columns there are.
    assert.match(displayBundle(derivativesVsSpot({ openInterest, spot }).days).data["text/plain"]!, /spotVolumeUsd = USD traded that day; .* oiToSpotVolume = mean open interest \/ spot volume, in days\n/);
    // Marked as reported data, not as an estimate nor as simulated truth: no word is added to a
    // caption of the user's, and the mark is no enumerable member.
    assert.deepEqual(labelOf(r.days, r.days.columnNames()), { caption });
    assert.equal(reportedCaption(r.days), caption);
    assert.equal(estimateCaption(r.days), undefined);
    assert.equal(displayBundle(r.days, { caption: "SOL per day" }).data["text/plain"]!.split("\n")[0], "SOL per day");
    assert.deepEqual(Object.keys(r.days).some((k) => k.includes("caption") || k === "toDisplay"), false);
  });

  it("derivativesVsSpot(candles whose closeTime is stamped to the second) reads hourly bars as hourly", () => {
    // Exports at second precision stamp the 00:00 hourly bar's close 00:59:59.
    const candles = hourly(D0, 48, 1e6);
    const spotSec = { ...candles, closeTime: candles.time.map((t) => t + HOUR - 1000) };
    const r = derivativesVsSpot({ openInterest, spot: spotSec, asOf: D0 + 3 * DAY });
    const plain = derivativesVsSpot({ openInterest, spot: candles, asOf: D0 + 3 * DAY });
    assert.deepEqual(r.days.objects(), plain.days.objects());
    assert.equal(derivativesVsSpot({ openInterest, spot: spotSec, interval: HOUR, asOf: D0 + 3 * DAY }).days.numRows(), plain.days.numRows());
    assert.ok(plain.days.numRows() > 0);
  });

  it("derivativesVsSpot(bad input) throws naming the table, column and value", () => {
    assert.throws(() => derivativesVsSpot({ openInterest, spot: { time: spot.time } }), /spot, column "quoteVolume": missing column quoteVolume/);
    assert.throws(() => derivativesVsSpot({ openInterest, spot: { ...spot, quoteVolume: spot.quoteVolume.map((v, i) => (i === 7 ? -1 : v)) } }), /spot, column "quoteVolume": row 7: quote volume must be >= 0 \(value -1\)/);
    assert.throws(() => derivativesVsSpot({ openInterest: { ...openInterest, openInterestUsd: openInterest.openInterestUsd.map((v, i) => (i === 1 ? NaN : v)) }, spot }), /openInterest, column "openInterestUsd": row 1: not a finite number \(value NaN\)/);
    assert.throws(() => derivativesVsSpot({ openInterest, spot: hourly(D0 + HOUR, 10, 1e6) }), /derivativesVsSpot: column "time": no whole UTC day among the 3 touched: a day needs all 24 spot bars, closed by asOf \(.*\), and 22 open-interest samples \(minOiCoverage 0.9 of a day at one sample per 3600000 ms\)/);
    assert.throws(() => derivativesVsSpot({ openInterest, spot: { time: [D0, D0 + 7 * MIN], quoteVolume: [1, 1] } }), /spot, column "time": the bar interval must divide a day .*\(value 420000\)/);
    assert.throws(() => derivativesVsSpot({ spot } as never), /derivativesVsSpot: needs \{ openInterest, spot \}/);
    // Columns of one table must be as long as its time column; rows must be passed as columns.
    assert.throws(() => derivativesVsSpot({ openInterest, spot: { ...spot, quoteVolume: [...spot.quoteVolume, 5] } }), /spot, column "quoteVolume": has 52 rows where time has 51: columns of one table must have equal lengths \(value 52\)/);
    assert.throws(() => derivativesVsSpot({ openInterest: { ...openInterest, openInterestUsd: [1, 2, 3] }, spot }), /openInterest, column "openInterestUsd": has 3 rows where time has 50/);
    const rows = spot.time.map((time, i) => ({ time, quoteVolume: spot.quoteVolume[i] }));
    assert.throws(() => derivativesVsSpot({ openInterest, spot: rows as never }), /spot: is an array of 51 rows; pass columns/);
    assert.throws(() => derivativesVsSpot({ openInterest: { time: openInterest.time, sumOpenInterest: openInterest.openInterestUsd }, spot }), /openInterest, column "openInterestUsd": missing column openInterestUsd \(or sumOpenInterestValue\); sumOpenInterest is in coins: multiply it by the price first/);
  });

  it("derivativesVsSpot({ asOf, oiInterval, minOiCoverage }) refuses bad values, naming the option; data after asOf and a lone OI sample throw", () => {
    assert.throws(() => derivativesVsSpot({ openInterest, spot, asOf: D0 / 1000 + 3 * DAY / 1000 }), new RegExp(`derivativesVsSpot: column "asOf": asOf must be epoch ms UTC \\(when the data was fetched; default now\\) \\(value ${(D0 + 3 * DAY) / 1000}\\)`));
    assert.throws(() => derivativesVsSpot({ openInterest, spot, asOf: NaN }), /column "asOf": asOf must be epoch ms UTC .*\(value NaN\)/);
    assert.throws(() => derivativesVsSpot({ openInterest, spot, minOiCoverage: 0 }), /derivativesVsSpot: column "minOiCoverage": minOiCoverage must be a share of a day in \(0, 1\] \(value 0\)/);
    assert.throws(() => derivativesVsSpot({ openInterest, spot, minOiCoverage: 1.5 }), /column "minOiCoverage": .*\(value 1.5\)/);
    assert.throws(() => derivativesVsSpot({ openInterest, spot, oiInterval: -1 }), /derivativesVsSpot: column "oiInterval": oiInterval must be a positive number of ms \(value -1\)/);
    assert.throws(() => derivativesVsSpot({ openInterest, spot, interval: 0 }), /derivativesVsSpot: column "interval": interval must be a positive number of ms \(value 0\)/);
    // asOf is when the data was fetched: a bar or sample stamped later is a wrong asOf (or clock).
    const asOf = D0 + 2 * DAY;
    assert.throws(() => derivativesVsSpot({ openInterest, spot, asOf }), new RegExp(`spot, column "time": row 50: stamped 2025-07-22T02:00:00.000Z, after asOf 2025-07-22T00:00:00.000Z: asOf must be when the data was fetched \\(default now\\), at or after every row \\(value ${D0 + 2 * DAY + 2 * HOUR}\\)`));
    assert.throws(() => derivativesVsSpot({ openInterest, spot: hourly(D0, 48, 1e6), asOf }), /openInterest, column "time": row 49: stamped 2025-07-22T01:00:00.000Z, after asOf/);
    assert.throws(() => derivativesVsSpot({ openInterest: { time: [D0 + HOUR], openInterestUsd: [5e6] }, spot }), new RegExp(`openInterest, column "time": a single open-interest sample: its sampling interval, and so how much of its day it covers, is unknown \\(give oiInterval, e.g. 86400000 for one sample a day\\) \\(value ${D0 + HOUR}\\)`));
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
    assert.throws(() => derivativesVsSpot({ openInterest: { ...openInterest, time: sec(openInterest.time) }, spot }), new RegExp(`openInterest, column "time": row 0 is stamped ${D0 / 1000} \\(Unix seconds\\?\\): times must be epoch ms UTC`));
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
    assert.throws(() => derivativesVsSpot({ openInterest: { ...openInterest, closeTime: [1, 2] }, spot }), /openInterest, column "closeTime": has 2 rows where time has 50/);
    // Amounts near 1e308 would sum to Infinity and divide into NaN.
    assert.throws(() => derivativesVsSpot({ openInterest, spot: { ...spot, quoteVolume: spot.quoteVolume.map(() => 1e308) } }), /spot, column "quoteVolume": row 0: quote volume above 1000000000000000 USD in one bar/);
    assert.throws(() => derivativesVsSpot({ openInterest: { ...openInterest, openInterestUsd: openInterest.openInterestUsd.map((v, i) => (i === 1 ? 1e308 : v)) }, spot }), /openInterest, column "openInterestUsd": row 1: open interest above 1000000000000000 USD/);
  });

  it("derivativesVsSpot(OI bars with closeTime) dates the latest value at its bar's close, when it was known, or at asOf while it runs", () => {
    // Coinglass-style hourly OI bars: the value is the bar's close, known at open + 1 h − 1 ms.
    const closeTime = openInterest.time.map((t) => t + HOUR - 1);
    const r = derivativesVsSpot({ openInterest: { ...openInterest, closeTime }, spot });
    assert.deepEqual([r.latest.time, r.latest.openInterestUsd], [D0 + 2 * DAY + 2 * HOUR - 1, 40e6]);
    // Read at 02:30, the 02:00 spot bar and the 01:00 OI bar have closed; at 01:20 the OI bar runs: its value is as of 01:20.
    const early = derivativesVsSpot({ openInterest: { ...openInterest, closeTime }, spot, asOf: D0 + 2 * DAY + 2.5 * HOUR });
    assert.equal(early.latest.time, D0 + 2 * DAY + 2 * HOUR - 1);
    const running = derivativesVsSpot({ openInterest: { ...openInterest, closeTime }, spot: hourly(D0, 49, 1e6), asOf: D0 + 2 * DAY + HOUR + 20 * MIN });
    assert.equal(running.latest.time, D0 + 2 * DAY + HOUR + 20 * MIN);
  });

  it("derivativesVsSpot(Binance openInterestHist names) reads timestamp and sumOpenInterestValue like time and openInterestUsd", () => {
    const binance = derivativesVsSpot({ openInterest: { timestamp: openInterest.time, sumOpenInterestValue: openInterest.openInterestUsd }, spot });
    const own = derivativesVsSpot({ openInterest, spot });
    assert.deepEqual(binance.days.objects(), own.days.objects());
  });
});
