import assert from "node:assert/strict";
import { newParsed, type Parsed } from "../../src/data/fields";
import { dedupe, finish, measureInterval, modeStep, sortByTime } from "../../src/data/finish";
import type { DataKind } from "../../src/data/schema";

function parsed(kind: DataKind, time: number[], extra: Record<string, number[]> = {}): Parsed {
  const p = newParsed("mem", "test", kind);
  p.columns.set("time", Float64Array.from(time));
  for (const [k, v] of Object.entries(extra)) p.columns.set(k, Float64Array.from(v));
  p.n = time.length;
  p.rowsRead = time.length;
  p.lines = Int32Array.from(time.map((_, i) => i + 2));
  return p;
}

const M = 60_000;
const T0 = Date.UTC(2024, 0, 1);

describe("data/finish", () => {
  it("sortByTime(p) reverses newest-first data and keeps the line numbers with their rows", () => {
    const p = parsed("candles", [T0 + 2 * M, T0 + M, T0], { close: [3, 2, 1] });
    sortByTime(p);
    assert.deepEqual(Array.from(p.columns.get("close") as Float64Array), [1, 2, 3]);
    assert.deepEqual(Array.from(p.lines), [4, 3, 2]);
  });
  it("sortByTime(p) is stable for equal times in shuffled data", () => {
    const p = parsed("trades", [T0 + M, T0, T0 + M, T0], { price: [1, 2, 3, 4] });
    sortByTime(p);
    assert.deepEqual(Array.from(p.columns.get("price") as Float64Array), [2, 4, 1, 3]);
  });
  it("dedupe(p) on events drops exact copies but keeps distinct events in the same millisecond", () => {
    const p = parsed("liquidations", [T0, T0, T0, T0], { price: [1, 2, 1, 2] });
    assert.equal(dedupe(p), 2);
    assert.deepEqual(Array.from(p.columns.get("price") as Float64Array), [1, 2]);
  });
  it("dedupe(p) on bars keeps the later of two rows with the same time", () => {
    const p = parsed("candles", [T0, T0, T0 + M], { close: [1, 2, 3] });
    assert.equal(dedupe(p), 1);
    assert.deepEqual(Array.from(p.columns.get("close") as Float64Array), [2, 3]);
  });
  it("measureInterval(p) takes the interval of bars with closeTime from their span: every other 5m bar missing is 5m with gaps", () => {
    const time = [0, 2, 4, 6, 7].map((k) => T0 + 5 * k * M);
    const p = parsed("candles", time, { closeTime: time.map((t) => t + 5 * M - 1) });
    const r = measureInterval(p);
    assert.equal(r.interval, "5m");
    assert.deepEqual([r.gaps.count, r.gaps.missingBars], [3, 3]);
    // An interval option that the spans contradict throws.
    assert.throws(() => measureInterval(p, "1m"), /mem, line 2, column "interval": the interval option says 1m but each bar's close_time − open_time says 5m \(value "1m"\)/);
    assert.equal(measureInterval(p, "5m").interval, "5m");
  });

  it("modeStep(t) picks the most common positive step", () => {
    assert.equal(modeStep(Float64Array.from([0, 5, 10, 20, 25, 30]), 6), 5);
    assert.equal(modeStep(Float64Array.from([7]), 1), null);
  });
  it("measureInterval(p) counts gaps and missing bars; throws on a step that is not a multiple", () => {
    const ok = parsed("candles", [T0, T0 + M, T0 + 4 * M, T0 + 5 * M, T0 + 7 * M]);
    const r = measureInterval(ok);
    assert.equal(r.interval, "1m");
    assert.deepEqual([r.gaps.count, r.gaps.missingBars], [2, 3]);
    const bad = parsed("openInterest", [T0, T0 + 5 * M, T0 + 10 * M, T0 + 12 * M]);
    assert.throws(() => measureInterval(bad), /mem, line 5, column "time": mixed intervals: 2m after the bar at 2024-01-01 00:10:00 in a 5m series \(value "2024-01-01 00:12:00"\)/);
  });
  it("measureInterval(p) treats timestamps a few seconds off the grid as jitter, not another interval", () => {
    const p = parsed("openInterest", [T0 + 1000, T0 + 5 * M + 2000, T0 + 10 * M, T0 + 20 * M + 3000]);
    const r = measureInterval(p);
    assert.equal(r.interval, "5m");
    assert.deepEqual([r.gaps.count, r.gaps.missingBars], [1, 1]);
  });
  it("measureInterval(p, expected) throws when the data steps differ from the expected interval", () => {
    assert.throws(() => measureInterval(parsed("candles", [T0, T0 + 30_000]), "1m"), /mixed intervals: 30s/);
  });
  it("measureInterval(p) calls 28–31 day steps a calendar month", () => {
    const p = parsed("candles", [Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1), Date.UTC(2024, 2, 1), Date.UTC(2024, 3, 1)]);
    assert.equal(measureInterval(p).interval, "1M");
  });
  it("finish(p) reports rows read, kept, range and an empty table without NaN", () => {
    const empty = finish(parsed("candles", [], { open: [], high: [], low: [], close: [] }));
    assert.deepEqual([empty.report.rows, empty.report.from, empty.report.to, empty.report.interval], [0, null, null, null]);
  });
});
