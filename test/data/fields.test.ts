import assert from "node:assert/strict";
import { drop, newParsed, normalizeName } from "../../src/data/fields";

describe("data/fields", () => {
  it("normalizeName(s) ignores case, spaces, underscores, dashes and dots", () => {
    assert.equal(normalizeName(" Open time "), normalizeName("open_time"));
    assert.equal(normalizeName("Taker-buy.volume"), "takerbuyvolume");
  });
  it("drop(p, reason, line) counts every row but keeps only the first five lines", () => {
    const p = newParsed("x.csv", "t", "trades");
    for (let line = 2; line < 10; line++) drop(p, "exact duplicate row", line);
    assert.deepEqual(p.dropped.get("exact duplicate row"), { count: 8, lines: [2, 3, 4, 5, 6] });
  });
});
