import assert from "node:assert/strict";
import { fileOf, newParsed, type Parsed } from "../../src/data/fields";
import { mergeParsed } from "../../src/data/merge";

function part(file: string, time: number[], extra: Record<string, number[]> = {}): Parsed {
  const p = newParsed(file, "test", "openInterest");
  p.columns.set("time", Float64Array.from(time));
  for (const [k, v] of Object.entries(extra)) p.columns.set(k, Float64Array.from(v));
  p.n = p.rowsRead = time.length;
  p.lines = Int32Array.from(time.map((_, i) => i + 2));
  return p;
}

describe("data/merge", () => {
  it("mergeParsed(parts) concatenates rows, keeps each row's file and line", () => {
    const m = mergeParsed([part("a.csv", [1, 2], { openInterest: [5, 6] }), part("b.csv", [3], { openInterest: [7] })]);
    assert.deepEqual(Array.from(m.columns.get("openInterest") as Float64Array), [5, 6, 7]);
    assert.deepEqual([fileOf(m, 1), fileOf(m, 2), m.lines[2]], ["a.csv", "b.csv", 2]);
    assert.equal(m.rowsRead, 3);
  });
  it("mergeParsed leaves out a column some files lack, and says so", () => {
    const m = mergeParsed([part("a.csv", [1], { openInterest: [5], longShortRatio: [1.2] }), part("b.csv", [2], { openInterest: [6] })]);
    assert.deepEqual([...m.columns.keys()], ["time", "openInterest"]);
    assert.ok(m.notes.includes("column longShortRatio is missing from some files: left out"));
  });
  it("mergeParsed([]) throws", () => {
    assert.throws(() => mergeParsed([]), /no files to load/);
  });
});
