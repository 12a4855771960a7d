import assert from "node:assert/strict";
import fc from "fast-check";
import { parseDecimal, toNumber } from "../../src/util/numbers";

describe("util/numbers", () => {
  it("parseDecimal(text, start, end) equals Number(text) on decimals up to 15 digits (correctly rounded)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 7 }), fc.boolean(), (a, b, fd, neg) => {
        const s = `${neg ? "-" : ""}${a}.${String(b).padStart(7, "0").slice(0, fd)}`;
        assert.equal(parseDecimal(s, 0, s.length), Number(s));
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
  it("parseDecimal reads a slice of a longer string, ignoring surrounding spaces", () => {
    const t = "x, 42314.50 ,y";
    assert.equal(parseDecimal(t, 2, 12), 42314.5);
  });
  it("parseDecimal falls back to Number for exponents and long digit strings", () => {
    assert.equal(parseDecimal("1.5e-7", 0, 6), 1.5e-7);
    assert.equal(parseDecimal("0.12345678901234567", 0, 19), 0.12345678901234567);
  });
  it("parseDecimal rejects empty, blank, hex, Infinity, comma decimals and trailing junk with NaN", () => {
    for (const s of ["", " ", "0x1f", "Infinity", "1,5", "12abc", "-", ".", "1.2.3", "NaN"]) assert.ok(Number.isNaN(parseDecimal(s, 0, s.length)), s);
  });
  it("toNumber(v) accepts finite numbers and numeric strings only", () => {
    assert.equal(toNumber("0.00037409"), 0.00037409);
    assert.equal(toNumber(7), 7);
    for (const v of [null, true, [], {}, Infinity, "abc"]) assert.ok(Number.isNaN(toNumber(v)));
  });
});
