import assert from "node:assert/strict";
import { mulberry32, rng } from "../../src/util/random";

describe("util/random", () => {
  it("mulberry32(seed) repeats its sequence for the same seed and differs for another", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const xs = Array.from({ length: 5 }, () => a());
    assert.deepEqual(Array.from({ length: 5 }, () => b()), xs);
    assert.notDeepEqual(Array.from({ length: 5 }, () => c()), xs);
    for (const x of xs) assert.ok(x >= 0 && x < 1);
  });
  it("rng(seed).normal() has mean ≈ 0 and variance ≈ 1 over 20,000 draws (4 standard errors)", () => {
    const r = rng(42);
    const n = 20_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    assert.ok(Math.abs(s / n) < 4 / Math.sqrt(n));
    assert.ok(Math.abs(s2 / n - 1) < 4 * Math.sqrt(2 / n));
  });
  it("rng(seed).pick(weights) never picks a zero-weight index", () => {
    const r = rng(3);
    for (let i = 0; i < 1000; i++) assert.notEqual(r.pick([1, 0, 2]), 1);
  });
});
