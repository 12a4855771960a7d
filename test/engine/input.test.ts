import { strict as assert } from "assert";
import { from, table } from "arquero";
import { numeric, readSeries } from "../../src/engine/input";
import { resolveOptions } from "../../src/engine/resolve";

const o = resolveOptions({});
const MIN = 60_000;

function candles(n: number, interval = MIN) {
  return {
    time: Array.from({ length: n }, (_, i) => i * interval),
    open: new Array(n).fill(100),
    high: new Array(n).fill(101),
    low: new Array(n).fill(99),
    close: Array.from({ length: n }, (_, i) => 100 + i),
  };
}

describe("readSeries(candles, openInterest, options)", () => {
  it("readSeries(candles, oi) aligns 5-minute OI to 1-minute bars: the latest stamp at or before the bar's close", () => {
    // Bar i opens at i min and closes at (i+1) min − 1 ms. OI stamped at 0, 5, 10 min.
    const oi = { time: [0, 5 * MIN, 10 * MIN], openInterestUsd: [1, 2, 3] };
    const s = readSeries(candles(12), oi, o);
    assert.deepEqual([...s.oiUsd], [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3]);
    assert.equal(s.oiStart, 0);
  });

  it("readSeries(candles, oi) gives a 30-minute bar the last 5-minute OI stamped inside it", () => {
    const oi = { time: Array.from({ length: 12 }, (_, j) => j * 5 * MIN), openInterestUsd: Array.from({ length: 12 }, (_, j) => j) };
    const s = readSeries(candles(2, 30 * MIN), oi, o);
    // bar 0 closes at 30 min − 1 ms: the 25-minute stamp (5); bar 1: the 55-minute stamp (11)
    assert.deepEqual([...s.oiUsd], [5, 11]);
  });

  it("readSeries(candles, oi) leaves bars before the first OI stamp without OI", () => {
    const s = readSeries(candles(4), { time: [2 * MIN], openInterestUsd: [7] }, o);
    assert.equal(s.oiStart, 2);
    assert.deepEqual([...s.oiUsd].slice(2), [7, 7]);
  });

  it("readSeries(candles, oi) converts OI in base coin at the bar's close", () => {
    const s = readSeries(candles(3), { time: [0, MIN, 2 * MIN], openInterest: [2, 2, 3] }, o);
    assert.deepEqual([...s.oiUsd], [200, 202, 306]);
  });

  it("readSeries(candles, oi) reads arquero tables and OI columns of the candle table", () => {
    const s = readSeries(from([{ time: 0, open: 1, high: 2, low: 1, close: 2, openInterestUsd: 9 }]), undefined, o);
    assert.deepEqual([s.n, s.oiUsd[0], s.close[0]], [1, 9, 2]);
  });

  it("readSeries(candles, oi) splits by taker buy share, else the long/short ratio, else evenly", () => {
    const c = { ...candles(2), volume: [10, 0], takerBuyVolume: [7, 0] };
    assert.deepEqual([...readSeries(c, { time: [0], openInterestUsd: [1] }, o).longShare], [0.7, 0.5]);
    const ratio = readSeries(candles(2), { time: [0, MIN], openInterestUsd: [1, 1], longShortRatio: [3, 1] }, o);
    assert.deepEqual([...ratio.longShare], [0.75, 0.5]);
    assert.deepEqual([...readSeries(candles(2), { time: [0], openInterestUsd: [1] }, o).longShare], [0.5, 0.5]);
  });

  it("readSeries(candles, oi) names the column, row and value of bad input", () => {
    const oi = { time: [0], openInterestUsd: [1] };
    const { close: _close, ...noClose } = candles(2);
    assert.throws(() => readSeries(noClose, oi, o), /candles, column "close": missing column; has time, open, high, low/);
    const nan = candles(3);
    nan.high[2] = NaN;
    assert.throws(() => readSeries(nan, oi, o), /candles, column "high": row 2: not a finite number \(value NaN\)/);
    const unsorted = candles(3);
    unsorted.time[2] = 0;
    assert.throws(() => readSeries(unsorted, oi, o), /candles, column "time": row 2: times must be strictly increasing \(previous 60000\) \(value 0\)/);
    assert.throws(() => readSeries(candles(2), { time: [0, MIN] }, o), /openInterest, column "openInterestUsd": missing column openInterestUsd \(or sumOpenInterestValue, openInterest, sumOpenInterest, value\); has time/);
    assert.throws(() => readSeries(candles(2), { time: [0], openInterestUsd: [-5] }, o), /row 0: open interest must be >= 0 \(value -5\)/);
    const inverted = candles(1);
    inverted.low[0] = 102;
    assert.throws(() => readSeries(inverted, oi, o), /column "high": row 0: high below low 102 \(value 101\)/);
  });

  it("numeric(columns, name, label) names the first NaN or infinite row of a Float64Array, in the four-way scan or its tail", () => {
    // 11 rows: rows 0-7 are scanned four at a time, rows 8-10 one by one.
    for (const [row, bad] of [[0, NaN], [5, Infinity], [7, -Infinity], [8, NaN], [10, Infinity]] as const) {
      const x = new Float64Array(11).fill(-1e300);
      x[row] = bad;
      x[row === 10 ? 9 : 10] = NaN; // a later bad row must not be the one reported (except the last)
      const first = row === 10 ? 9 : row;
      assert.throws(() => numeric({ v: x }, "v", "file.csv"), new RegExp(`file\\.csv, column "v": row ${first}: not a finite number \\(value ${x[first]}\\)`));
    }
    const fine = Float64Array.from({ length: 11 }, (_, i) => (i % 2 ? -0 : 1e308));
    assert.equal(numeric({ v: fine }, "v", "file.csv"), fine, "a finite Float64Array is returned as is, not copied");
  });

  it("numeric(columns, name, label) reads Dates as epoch ms and reports the original value of a bad entry", () => {
    assert.deepEqual([...numeric({ t: [new Date(Date.UTC(2024, 0, 1)), 5] }, "t", "x")], [Date.UTC(2024, 0, 1), 5]);
    assert.throws(() => numeric({ t: [1, "2"] }, "t", "x"), /x, column "t": row 1: a string, not a number: parse the numbers first \(the liq loaders do: an exchange's JSON, e.g. Binance's openInterestHist, gives them as strings\) \(value "2"\)/);
    assert.throws(() => numeric({ t: [1, new Date(NaN)] }, "t", "x"), /x, column "t": row 1: not a finite number \(value NaN\)/);
  });

  it("numeric(columns, name, label) reads BigInt epoch ms (Arrow int64) and names one beyond 2^53", () => {
    assert.deepEqual([...numeric({ t: [1735689600000n, 5n] }, "t", "x")], [1735689600000, 5]);
    assert.throws(() => numeric({ t: [1n, 2n ** 60n] }, "t", "x"), /x, column "t": row 1: an integer beyond 2\^53, not exact as a number \(value 1152921504606846976\)/);
  });

  it("readSeries(candles, oi) names a column whose length differs from its table's time column", () => {
    const c = candles(3);
    assert.throws(() => readSeries({ ...c, close: [100, 101] }, { time: [0], openInterestUsd: [1] }, o), /candles, column "close": has 2 rows where time has 3: columns of one table must have equal lengths \(value 2\)/);
    assert.throws(() => readSeries(c, { time: [0, MIN, 2 * MIN], openInterestUsd: [1, 2] }, o), /openInterest, column "openInterestUsd": has 2 rows where time has 3/);
    assert.throws(() => readSeries({ ...c, openInterestUsd: [1, 2] }, undefined, o), /candles, column "openInterestUsd": has 2 rows where time has 3/);
    assert.throws(() => readSeries({ ...c, volume: [1, 1, 1], takerBuyVolume: [1] }, { time: [0], openInterestUsd: [1] }, o), /candles, column "takerBuyVolume": has 1 row where time has 3/);
    assert.throws(() => readSeries({ ...c, volume: [1, -1, 1], takerBuyVolume: [0, 0, 0] }, { time: [0], openInterestUsd: [1] }, o), /candles, column "volume": row 1: volume must be >= 0 \(value -1\)/);
  });

  it("readSeries(candles, oi) refuses bars that overlap the interval, which a missing second bar would otherwise double", () => {
    // Minute 1 is missing: the first gap says 2 minutes, row 2 opens 1 minute after row 1. Read as
    // 2-minute bars, bar 1 (minute 2) would take the OI stamped at minute 3, after its real close.
    const c = { time: [0, 2 * MIN, 3 * MIN], open: [100, 100, 100], high: [100, 100, 100], low: [100, 100, 100], close: [100, 100, 100] };
    const oi = { time: [0, MIN, 2 * MIN, 3 * MIN], openInterestUsd: [1, 2, 3, 4] };
    assert.throws(() => readSeries(c, oi, o), /candles, column "time": row 2: opens 60000 ms after the previous bar, before it closes \(its span 120000 ms, from the gap between the first two candles\); bars cannot overlap \(pass `interval` in ms\) \(value 180000\)/);
    assert.throws(() => readSeries(c, oi, resolveOptions({ interval: 5 * MIN })), /row 1: opens 120000 ms after the previous bar, before it closes \(its span 300000 ms, from the `interval` option\)/);
    const s = readSeries(c, oi, resolveOptions({ interval: MIN }));
    assert.deepEqual([...s.oiUsd], [1, 3, 4]);
  });

  it("readSeries(candles, oi) widens a bar's range to hold a close outside [low, high], leaving the input as it was", () => {
    const c = { time: [0, MIN], open: [100, 100], high: [101, 101], low: [99, 99], close: [100, 106] };
    const s = readSeries(c, { time: [0], openInterestUsd: [1] }, o);
    assert.deepEqual([[...s.low], [...s.high]], [[99, 99], [101, 106]]);
    assert.deepEqual(c.high, [101, 101]);
    assert.throws(() => readSeries({ ...c, close: [100, 0] }, { time: [0], openInterestUsd: [1] }, o), /candles, column "close": row 1: price must be positive \(value 0\)/);
    assert.throws(() => readSeries({ ...c, open: [100, -1] }, { time: [0], openInterestUsd: [1] }, o), /candles, column "open": row 1: price must be positive \(value -1\)/);
  });

  it("readSeries(candles, oi) closes each bar at its own closeTime: calendar months of 28-31 days", () => {
    // Binance 1M klines: Jan 2025 (31 days), Feb (28), Mar (31); close = next open − 1 ms. With
    // January's span for every bar, February would read the sample stamped at 1 March, 3 days
    // after it closed.
    const open = [Date.UTC(2025, 0, 1), Date.UTC(2025, 1, 1), Date.UTC(2025, 2, 1)];
    const c = { time: open, open: [100, 100, 100], high: [100, 100, 100], low: [100, 100, 100], close: [100, 100, 100], closeTime: [open[1] - 1, open[2] - 1, Date.UTC(2025, 3, 1) - 1] };
    const s = readSeries(c, { time: [open[0], open[2]], openInterestUsd: [1, 2] }, o);
    assert.deepEqual([...s.oiUsd], [1, 1, 2]);
    assert.equal(s.interval, 31 * 86_400_000);
    assert.throws(() => readSeries({ ...c, closeTime: [open[1] - 1, open[1], open[2]] }, { time: [0], openInterestUsd: [1] }, o), /candles, column "closeTime": row 1: closeTime must be a time after the bar's open time \(it sets the bar's span; or pass `interval`\) \(value 1738368000000\)/);
    assert.throws(() => readSeries({ ...c, closeTime: [open[1] + 5_000, open[2] - 1, open[2] + 1] }, { time: [0], openInterestUsd: [1] }, o), /row 1: opens 2678400000 ms after the previous bar, before it closes \(its span 2678405000 ms, from its closeTime\)/);
  });

  it("readSeries(candles, oi) refuses Binance COIN-M openInterestHist columns read raw (contracts and base coin under USDⓈ-M names)", () => {
    // Binance COIN-M "Open Interest Statistics": sumOpenInterest in contracts, sumOpenInterestValue in base asset.
    const coinM = { timestamp: [0, MIN], pair: ["BTCUSD", "BTCUSD"], contractType: ["PERPETUAL", "PERPETUAL"], sumOpenInterest: [20403, 20403], sumOpenInterestValue: [176.19, 176.19] };
    assert.throws(() => readSeries(candles(2), coinM, o), /openInterest, column "sumOpenInterestValue": sumOpenInterestValue of Binance COIN-M openInterestHist rows \(pair, contractType\) is in base coin, not USD: load the response with loadBinanceOpenInterestHist/);
    const { sumOpenInterestValue: _, ...contractsOnly } = coinM;
    assert.throws(() => readSeries(candles(2), contractsOnly, o), /column "sumOpenInterest": sumOpenInterest of Binance COIN-M openInterestHist rows \(pair, contractType\) is in contracts, not coin/);
  });

  it("readSeries(candles, oi) reads Binance's openInterestHist names (timestamp, sum*) and a generic value column in the unit given", () => {
    // 2 coins at a close of 100, 101, ... is 200 USD on bar 0 and 202 USD on bar 1.
    const oi = (col: string) => ({ time: [0, MIN], [col]: [200, 202] });
    assert.deepEqual([...readSeries(candles(2), oi("sumOpenInterestValue"), o).oiUsd], [200, 202]);
    assert.deepEqual([...readSeries(candles(2), oi("value"), o).oiUsd], [200, 202]);
    assert.deepEqual([...readSeries(candles(2), { timestamp: [0, MIN], sumOpenInterest: [2, 2] }, o).oiUsd], [200, 202]);
    assert.throws(() => readSeries(candles(2), { timestamp: [MIN, 0], sumOpenInterest: [2, 2] }, o), /openInterest, column "timestamp": row 1: times must be strictly increasing \(previous 60000\) \(value 0\)/);
    assert.deepEqual([...readSeries(candles(2), { time: [0, MIN], value: [2, 2] }, resolveOptions({ openInterestUnit: "base" })).oiUsd], [200, 202]);
    assert.throws(() => resolveOptions({ openInterestUnit: "btc" as never }), /replay: column "openInterestUnit": must be one of usd, base \(value "btc"\)/);
  });

  it("readSeries(candles, oi) gives a bar with no volume the ratio's share when split is auto and both exist", () => {
    const c = { ...candles(2), volume: [10, 0], takerBuyVolume: [7, 0] };
    const oi = { time: [0, MIN], openInterestUsd: [1, 1], longShortRatio: [3, 3] };
    // Bar 0 traded: 7 of 10 bought by takers. Bar 1 traded nothing: ratio 3 → 3 / (1 + 3).
    assert.deepEqual([...readSeries(c, oi, o).longShare], [0.7, 0.75]);
    // split "taker" keeps the even split of a bar without volume.
    assert.deepEqual([...readSeries(c, oi, resolveOptions({ split: "taker" })).longShare], [0.7, 0.5]);
  });

  it("readSeries(candles, oi) throws on a ratioColumn named in the options but missing, and on a negative ratio in any row", () => {
    const oi = { time: [0, MIN], openInterestUsd: [1, 1], lsRatio: [2, 2] };
    assert.throws(() => readSeries(candles(2), { time: [0, MIN], openInterestUsd: [1, 1] }, resolveOptions({ ratioColumn: "lsRatio" })), /openInterest, column "lsRatio": missing column; has time, openInterestUsd/);
    assert.deepEqual([...readSeries(candles(2), oi, resolveOptions({ ratioColumn: "lsRatio" })).longShare], [2 / 3, 2 / 3]);
    // Row 2 is stamped after every bar has closed; its ratio is still a broken row.
    const late = { time: [0, MIN, 10 * MIN], openInterestUsd: [1, 1, 1], longShortRatio: [1, 1, -2] };
    assert.throws(() => readSeries(candles(2), late, o), /openInterest, column "longShortRatio": row 2: long\/short ratio must be >= 0 \(value -2\)/);
  });

  it("readSeries(candles, oi) throws on open-interest times in other units than the candles' (Unix seconds beside epoch ms)", () => {
    const t0 = Date.UTC(2025, 0, 1);
    const c = { ...candles(3), time: [t0, t0 + MIN, t0 + 2 * MIN] };
    const seconds = { time: [t0 / 1000, t0 / 1000 + 60], openInterestUsd: [1, 2] };
    assert.throws(() => readSeries(c, seconds, o), new RegExp(`openInterest, column "time": row 0 is stamped 1735689600 \\(Unix seconds\\?\\) where the candles start at ${t0}: the two tables' times are in different units; both must be epoch ms UTC \\(Unix seconds × 1000\\) \\(value 1735689600\\)`));
    // Open interest in microseconds beside candles in ms.
    assert.throws(() => readSeries(c, { time: [t0 * 1000], openInterestUsd: [1] }, o), /openInterest, column "time": row 0: times look like microseconds/);
    const cs = { ...candles(3), time: [t0 / 1000, t0 / 1000 + 60, t0 / 1000 + 120] };
    // Open interest starting a day before the candles, or long after them, is read as documented:
    // one snapshot before is read by every bar; one after leaves the book empty.
    assert.deepEqual([...readSeries(c, { time: [t0 - 86_400_000], openInterestUsd: [5] }, o).oiUsd], [5, 5, 5]);
    assert.equal(readSeries(c, { time: [t0 + 86_400_000], openInterestUsd: [5] }, o).oiStart, 3);
    // Both tables in seconds: one-minute bars would read as 60 ms.
    const both = { time: [t0 / 1000], openInterestUsd: [1] };
    assert.throws(() => readSeries(cs, both, o), /candles, column "time": row 0: times look like Unix seconds \(2025-01-01 as seconds, bars of 60 ms as epoch ms\); pass epoch ms UTC \(seconds × 1000\) \(value 1735689600\)/);
    // Hourly and daily bars in seconds too (3,600 and 86,400 read as ms).
    for (const span of [3600, 86_400]) {
      const h = { ...candles(3), time: [0, 1, 2].map((k) => t0 / 1000 + k * span) };
      assert.throws(() => readSeries(h, { time: [t0 / 1000], openInterestUsd: [1] }, o), /times look like Unix seconds/, String(span));
    }
    // Small synthetic times (toy tests) are never judged.
    assert.equal(readSeries(candles(2), { time: [1000 * MIN], openInterestUsd: [1] }, o).oiStart, 2);
  });

  it("readSeries(candles with closeTime) reads a last-ms, last-second or end stamp as the same bar length", () => {
    const t0 = Date.UTC(2025, 0, 1);
    const H = 3_600_000;
    const c = (close: (t: number) => number) => ({ ...candles(2), time: [t0, t0 + H], closeTime: [close(t0), close(t0 + H)] });
    // Binance's last ms (00:59:59.999), a CSV export's last second (00:59:59), an end stamp (01:00).
    for (const close of [(t: number) => t + H - 1, (t: number) => t + H - 1000, (t: number) => t + H]) {
      const s = readSeries(c(close), { time: [t0], openInterestUsd: [1] }, o);
      assert.deepEqual([s.interval, s.lastMs[0], s.lastMs[1]], [H, t0 + H - 1, t0 + 2 * H - 1]);
    }
    // A 1,600 ms bar is kept to the ms.
    assert.equal(readSeries({ ...candles(1), time: [t0], closeTime: [t0 + 1599] }, { time: [t0], openInterestUsd: [1] }, o).interval, 1600);
  });

  it("readSeries(candles, oi) throws on times in microseconds or nanoseconds in either table, naming the column and row", () => {
    // 2025-01-01 in µs is 1.7e15 ms, the year 56,971 (1970 + 1.7e15 / 31,556,952,000 ms a year): each minute bar would last 16.7 hours.
    const t0 = Date.UTC(2025, 0, 1);
    const us = { ...candles(3), time: [0, 1, 2].map((k) => (t0 + k * MIN) * 1000) };
    assert.throws(() => readSeries(us, { time: [t0 * 1000], openInterestUsd: [1] }, o), /candles, column "time": row 0: times look like microseconds \(2025-01-01 as microseconds, the year 56971 as epoch ms\); pass epoch ms UTC \(value 1735689600000000\)/);
    const ns = { ...candles(3), time: [0, 1, 2].map((k) => (t0 + k * MIN) * 1e6) };
    assert.throws(() => readSeries(ns, { time: [t0 * 1e6], openInterestUsd: [1] }, o), /candles, column "time": row 0: times look like nanoseconds \(2025-01-01 as nanoseconds/);
    // A single bar whose closeTime alone is in µs would last 1,000 times too long and read
    // open interest stamped long after its real close.
    const one = { ...candles(1), time: [t0], closeTime: [(t0 + MIN) * 1000] };
    assert.throws(() => readSeries(one, { time: [t0], openInterestUsd: [1] }, o), /candles, column "closeTime": row 0: times look like microseconds \(2025-01-01 as microseconds/);
    // The open-interest table, even with a row after every bar (the whole table is judged).
    const c = { ...candles(3), time: [t0, t0 + MIN, t0 + 2 * MIN] };
    assert.throws(() => readSeries(c, { time: [t0, 1e14], openInterestUsd: [1, 1] }, o), /openInterest, column "time": row 1: times look like microseconds \(1973-03-03 as microseconds, the year 5138 as epoch ms\); pass epoch ms UTC \(value 100000000000000\)/);
    // The last ms below the bound, the year 5138, is still a time.
    assert.equal(readSeries(c, { time: [t0, 1e14 - 1], openInterestUsd: [1, 1] }, o).oiStart, 0);
  });

  it("readSeries(candles, oi) aligns OI bars that carry closeTime by it: finer candles never read a close before its bar ended", () => {
    // Half-hour OI bars (Coinglass OHLC): the 00:00 bar's close, 5, is known at 00:29:59.999.
    const oi = { time: [0, 30 * MIN], closeTime: [30 * MIN - 1, 60 * MIN - 1], openInterestUsd: [5, 7] };
    const s = readSeries(candles(12, 5 * MIN), oi, o);
    // 5-minute bars 00:00–00:20 close before it; the 00:25 bar closes at 00:29:59.999 and reads it.
    assert.equal(s.oiStart, 5);
    assert.deepEqual([...s.oiUsd].slice(5), [5, 5, 5, 5, 5, 5, 7]);
    // Half-hour candles read each OI bar at their own close, as without closeTime.
    assert.deepEqual([...readSeries(candles(2, 30 * MIN), oi, o).oiUsd], [5, 7]);
  });

  it("readSeries(candles, oi) keeps a closeTime span to the ms: only whole seconds are read as an end stamp", () => {
    const c = { ...candles(3), closeTime: [0 + 60_000 - 1, MIN + 1_600 - 1, 2 * MIN + 60_000] };
    // Binance's last ms (59,999 → 60,000); a 1,600 ms bar; an end stamp (60,000 after the open).
    const oi = { time: [0], openInterestUsd: [1] };
    assert.deepEqual([...readSeries(c, oi, o).lastMs].map((t, i) => t + 1 - c.time[i]!), [60_000, 1_600, 60_000]);
    // Back-to-back bars of 110,729 ms: the first closes at its last ms, the second opens next.
    const tight = { ...candles(2), time: [0, 110_729], closeTime: [110_728, 221_457] };
    assert.deepEqual([...readSeries(tight, oi, o).lastMs], [110_728, 221_457]);
  });

  it("readSeries(candles, oi) names a column that is present but holds no array", () => {
    assert.throws(() => readSeries({ ...candles(2), close: undefined } as never, { time: [0], openInterestUsd: [1] }, o), /candles, column "close": is not an array of values \(value undefined\)/);
    assert.throws(() => readSeries({ ...candles(2), volume: "10,20", takerBuyVolume: [1, 1] } as never, { time: [0], openInterestUsd: [1] }, o), /candles, column "volume": is not an array of values \(value "10,20"\)/);
  });

  it("readSeries(candles, oi) refuses prices and open interest beyond what doubles carry through the book (a unit mistake), naming the row", () => {
    const c = candles(3);
    const oi = { time: [0, MIN, 2 * MIN], openInterestUsd: [1e9, 1e9, 1e9] };
    assert.throws(() => readSeries({ ...c, low: [99, 1e-300, 99] }, oi, o), /candles, column "low": row 1: price below 1e-15 USD, beyond what the grid can hold \(a unit mistake\?\) \(value 1e-300\)/);
    assert.throws(() => readSeries({ ...c, high: [101, 101, 1e13] }, oi, o), /candles, column "high": row 2: price above 1000000000000 USD \(a unit mistake\?\) \(value 10000000000000\)/);
    assert.throws(() => readSeries(c, { ...oi, openInterestUsd: [1e9, 2e15, 1e9] }, o), /openInterest, column "openInterestUsd": row 1: open interest of 2000000000000000 USD is above 1000000000000000 USD/);
    // Coins are checked after conversion at the bar's close: 1e14 coins × 101 USD.
    assert.throws(() => readSeries(c, { time: oi.time, openInterest: [1, 1, 1e14] }, o), /row 2: open interest of 100000000000000 coins × the bar's close 102 = 10200000000000000 USD is above/);
    // The smallest coins' prices (1e-9) and large markets (1e12 USD) pass.
    assert.equal(readSeries({ ...c, open: [1e-9, 1e-9, 1e-9], low: [1e-9, 1e-9, 1e-9], high: [2e-9, 2e-9, 2e-9], close: [1.5e-9, 1.5e-9, 1.5e-9] }, { ...oi, openInterestUsd: [1e12, 1e12, 1e12] }, o).n, 3);
  });

  it("readSeries(candles, oi) says to pass columns when given an array of rows, and lists a dozen column names at most", () => {
    const rows = [{ timestamp: 0, sumOpenInterestValue: 1 }];
    assert.throws(() => readSeries(candles(2), rows as never, o), /openInterest: is an array of 1 rows; pass columns: an arquero table \(aq.from\(rows\) for row objects/);
    assert.throws(() => readSeries([[0, "1", "2"]] as never, undefined, o), /candles: is an array of 1 rows; pass columns/);
    // A loader's whole result (loadCombinedExport) where one of its tables belongs.
    const data = { candles: table(candles(2)), openInterest: table({ time: [0], openInterestUsd: [1] }), report: {} };
    assert.throws(() => readSeries(data as never, undefined, o), /candles: holds tables \(candles, openInterest\), not columns: pass one table, e\.g\. \{ candles: data\.candles \} for a loader's result `data` \(value "candles, openInterest, report"\)/);
    const wide = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`c${i}`, [1]]));
    assert.throws(() => readSeries(wide, undefined, o), /candles, column "time": missing column; has c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11 and 8 more$/);
  });
  it("readSeries(candles) refuses a taker buy column under another name instead of splitting evenly", () => {
    // Binance's REST names read raw: "auto" found no takerBuyVolume and split 50/50 in silence.
    const candles = { time: [0, 60_000], open: [100, 100], high: [101, 101], low: [99, 99], close: [100, 100], volume: [10, 10], takerBuyBaseAssetVolume: [9, 9], openInterestUsd: [1e6, 1e6] };
    assert.throws(() => readSeries(candles, undefined, resolveOptions({})), /candles, column "takerBuyBaseAssetVolume": replay reads taker buy volume \(coin\) from "takerBuyVolume" beside "volume"; rename this column/);
    // an even or ratio split does not read it, and the quote-volume twin is not taker buy volume in coin
    assert.equal(readSeries(candles, undefined, resolveOptions({ split: "even" })).longShare[0], 0.5);
    const { takerBuyBaseAssetVolume: _, ...rest } = candles;
    const quote = { ...rest, takerBuyQuoteVolume: [900, 900] };
    assert.equal(readSeries(quote, undefined, resolveOptions({})).longShare[0], 0.5);
    assert.equal(readSeries({ ...quote, takerBuyVolume: [9, 9] }, undefined, resolveOptions({})).longShare[0], 0.9);
  });
});
