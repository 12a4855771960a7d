import assert from "node:assert/strict";
import { canonical, round6, snapshotText } from "./snapshot";

describe("figures/snapshot (test helper)", () => {
  it("round6(x) keeps 6 significant digits", () => {
    assert.equal(round6(65432.1234), 65432.1);
    assert.equal(round6(0.1 + 0.2), 0.3);
    assert.equal(round6(-0), 0);
    assert.equal(round6(12345678), 12345700);
  });
  it("canonical(value) sorts keys at every depth and turns typed arrays into arrays", () => {
    assert.equal(snapshotText({ b: 1, a: { d: new Float64Array([1.0000001]), c: [2] } }), '{\n "a": {\n  "c": [\n   2\n  ],\n  "d": [\n   1\n  ]\n },\n "b": 1\n}\n');
    assert.deepEqual(canonical({ y: "s", x: null }), { x: null, y: "s" });
  });
});
