import { strict as assert } from "assert";
import { columnBars, HeatmapRecorder } from "../../src/engine/heatmap";
import { replay } from "../../src/engine/replay";
import { market } from "./fixtures";

const HOUR = 3_600_000;
function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

describe("replay(candles, oi).heatmap(options)", () => {
  it("columnBars(series, step) ends an hourly column at the bar closing on the hour", () => {
    // one-minute bars from 00:58: the 00:59 bar closes at 01:00, the 01:59 bar at 02:00
    const time = Float64Array.from({ length: 70 }, (_, i) => 58 * 60_000 + i * 60_000);
    const lastMs = time.map((t) => t + 60_000 - 1);
    const take = columnBars({ n: 70, interval: 60_000, time, lastMs } as never, HOUR);
    assert.deepEqual([...take].flatMap((v, i) => (v ? [i] : [])), [1, 61]);
    assert.equal(columnBars({ n: 3, interval: 60_000, time: time.slice(0, 3) } as never).reduce((a, b) => a + b, 0), 3);
  });

  it("columnBars(series, step) judges each bar by its own span: monthly bars on a 31-day step skip February", () => {
    // Binance monthly klines of 2002: January (31 days) is bar 0, so a test of step against bar 0's
    // span alone took every month; February opens and closes inside one 31-day multiple (378).
    const time = Float64Array.from({ length: 12 }, (_, m) => Date.UTC(2002, m, 1));
    const lastMs = Float64Array.from({ length: 12 }, (_, m) => Date.UTC(2002, m + 1, 1) - 1);
    const step = 31 * 86_400_000;
    const take = columnBars({ n: 12, interval: lastMs[0] + 1 - time[0], time, lastMs } as never, step);
    assert.deepEqual([...take].flatMap((v, i) => (v ? [] : [i])), [1]);
    // A step no longer than every bar takes every bar.
    assert.equal(columnBars({ n: 12, interval: lastMs[0] + 1 - time[0], time, lastMs } as never, 28 * 86_400_000).reduce((a, b) => a + b, 0), 12);
  });

  it("columnBars(series, step) gives the first bar after a gap the column of a multiple inside the gap", () => {
    // One-minute bars at 0, 4 and 5 minutes: the 2-minute multiple falls between bar 0's close (1:00)
    // and bar 1's open (4:00); bar 1's close (5:00) is the first to reach it (and 4:00), bar 2's (6:00) reaches 6:00.
    const time = Float64Array.from([0, 4, 5], (m) => m * 60_000);
    const lastMs = time.map((t) => t + 60_000 - 1);
    assert.deepEqual([...columnBars({ n: 3, interval: 60_000, time, lastMs } as never, 120_000)], [0, 1, 1]);
    // Through replay: the columns are stamped at those bars' closes.
    const T0 = Date.UTC(2025, 0, 1);
    const t = [...time].map((x) => T0 + x);
    const candles = { time: t, open: [100, 100, 100], high: [101, 101, 101], low: [99, 99, 99], close: [100, 100, 100] };
    const m = replay({ candles, openInterest: { time: t, openInterestUsd: [1000, 1000, 1000] }, ratios: { long: [0.9], short: [1.1] }, leverage: { tiers: [10], weights: [1] }, grid: { step: 1 }, interval: 60_000 });
    assert.deepEqual(Array.from(m.heatmap({ step: 120_000 }).times, (x) => x - T0), [300_000, 360_000]);
  });

  it("heatmap() columns hold the same USD as mapAt() of the same bar", () => {
    const { candles, openInterest } = market(240, 4);
    const m = replay({ candles, openInterest });
    const hm = m.heatmap({ step: HOUR });
    assert.equal(hm.times.length, 4);
    assert.equal(hm.times[0], candles.time[59] + 60_000);
    for (const [c, bar] of [[0, 59], [3, 239]]) {
      const map = m.mapAt(candles.time[bar]);
      const mapUsd = map.long.concat(map.short).reduce((s, a) => s + sum(a), 0);
      const col = sum(hm.z[c]);
      assert.ok(Math.abs(col - mapUsd) <= 1e-5 * mapUsd, `column ${c}: ${col} vs ${mapUsd}`);
      // long and short apart add up to z (float32 rounding)
      const longShort = sum(hm.long[c]) + sum(hm.short[c]);
      assert.ok(Math.abs(longShort - col) <= 1e-5 * col);
    }
    assert.equal(hm.grid, m.grid);
    assert.equal(hm.z[0].length, m.grid.bins);
  });

  it("replay({ heatmap, grid window }) records the same columns in its own pass", () => {
    const { candles, openInterest } = market(120, 6);
    const grid = { step: 10, lo: 20_000, bins: 2_000 };
    const a = replay({ candles, openInterest, grid, heatmap: { step: HOUR } }).heatmap({ step: HOUR });
    const b = replay({ candles, openInterest, grid }).heatmap({ step: HOUR });
    assert.deepEqual(a.z, b.z);
    assert.deepEqual(a.long, b.long);
    assert.equal(a.grid.lo, 20_000);
    assert.throws(() => replay({ candles, openInterest, heatmap: {} }), /recording the heatmap during the replay needs a fixed window: grid.lo and grid.bins/);
  });

  it("HeatmapRecorder(grid, columns) refuses a matrix over the memory guard, naming the fix", () => {
    const grid = { lo: 0, step: 1, bins: 1_000, prices: new Float64Array(1_000) };
    // 525,600 columns × 1,000 bins × 4 bytes = 2,005 MB > 1,024 MB
    assert.throws(() => new HeatmapRecorder(grid, 525_600, "z"), /heatmap: column "step": 525600 columns × 1000 bins would take 2005 MB per matrix \(limit 1024\); pass a larger step/);
  });
});
