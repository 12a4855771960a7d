import assert from "node:assert/strict";
import { ordinal, usd, usdShort, utcLabel, utcPlotly } from "../../src/figures/format";

describe("figures/format", () => {
  it("usd(x) writes whole dollars with thousands separators", () => {
    assert.equal(usd(1_234_567.4), "$1,234,567");
    assert.equal(usd(-65_000), "-$65,000");
    assert.equal(usd(0), "$0");
  });
  it("usdShort(x) writes K, M and B", () => {
    assert.deepEqual([845_000, 12_340_000, 1_234_000_000, 999].map(usdShort), ["$845K", "$12.3M", "$1.23B", "$999"]);
  });
  it("utcPlotly(ms) and utcLabel(ms) show UTC whatever the machine's zone", () => {
    const t = Date.UTC(2026, 5, 8, 15, 30);
    assert.equal(utcPlotly(t), "2026-06-08 15:30:00");
    assert.equal(utcLabel(t), "2026-06-08 15:30 UTC");
  });
  it("ordinal(p) handles st, nd, rd, the teens and fractions", () => {
    assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 99, 95.5].map(ordinal), ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "99th", "95.5th"]);
  });
});
