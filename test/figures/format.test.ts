import assert from "node:assert/strict";
import { ordinal, priceAxisFormat, priceDecimals, priceFormat, priceText, priceTextTrimmed, usd, usdAmount, usdShort, utcLabel, utcPlotly } from "../../src/figures/format";
import { OTHER_ZONES, inZone } from "../zone";

describe("figures/format", () => {
  it("usd(x) writes whole dollars with thousands separators", () => {
    assert.equal(usd(1_234_567.4), "$1,234,567");
    assert.equal(usd(-65_000), "-$65,000");
    assert.equal(usd(0), "$0");
  });
  it("usdAmount(x) writes whole dollars from $1 and the first significant digit (at least cents) below", () => {
    assert.deepEqual([0, 0.01, 0.5, 0.002, 0.00031, 0.999, 1, 1_234_567.4, -0.05].map(usdAmount), ["$0", "$0.01", "$0.50", "$0.002", "$0.0003", "$1.00", "$1", "$1,234,567", "-$0.05"]);
  });
  it("priceDecimals(step, top) gives neighbouring bins distinct labels and keeps 2 significant digits", () => {
    // BTC $20 bins near $70,000, ETH $2, SOL $0.2, BNB $0.5, DOGE $0.001, a $1e-7 grid near $1.5e-6.
    assert.deepEqual([priceDecimals(20, 70_000), priceDecimals(2, 4_500), priceDecimals(0.2, 212), priceDecimals(0.5, 930), priceDecimals(0.001, 0.165), priceDecimals(1e-7, 1.5e-6)], [0, 0, 1, 1, 3, 7]);
    // A step coarser than the price still leaves 2 significant digits: $0.45, not $0.
    assert.equal(priceDecimals(1, 0.9), 2);
    assert.equal(priceDecimals(0.0025, 1), 3);
  });
  it("priceText(x, d), priceTextTrimmed(x, d), priceFormat(d) and priceAxisFormat(d) write prices", () => {
    assert.deepEqual([priceText(65_432.1, 0), priceText(0.1523, 3), priceText(196.17, 1), priceText(-0.0001, 3)], ["$65,432", "$0.152", "$196.2", "$0.000"]);
    assert.deepEqual([priceTextTrimmed(200, 1), priceTextTrimmed(0.16, 3), priceTextTrimmed(0.145, 3), priceTextTrimmed(0.14567, 3), priceTextTrimmed(63_000, 0)], ["$200", "$0.16", "$0.145", "$0.14567", "$63,000"]);
    // Written as given: 95 and 95.2 on a whole-dollar grid read apart; a computed 0.1 + 0.2 reads $0.3; 1/3 takes the grid's decimals.
    assert.deepEqual([priceTextTrimmed(95, 0), priceTextTrimmed(95.2, 0), priceTextTrimmed(0.1 + 0.2, 3), priceTextTrimmed(1 / 3, 3)], ["$95", "$95.2", "$0.3", "$0.333"]);
    // A threshold computed from a price (3 % below 64,316.339903) takes the grid's decimals.
    assert.deepEqual([priceTextTrimmed(64316.339903 * 0.97, 0), priceTextTrimmed(150.6843311 * 0.97, 2), priceTextTrimmed(95.25, 0)], ["$62,387", "$146.16", "$95.25"]);
    assert.deepEqual([priceFormat(0), priceFormat(3), priceAxisFormat(0), priceAxisFormat(3)], ["$,.0f", "$,.3f", "$,.0f", "$,.3~f"]);
  });
  it("usdShort(x) writes T from a trillion (rounded), and infinities as usd does", () => {
    assert.deepEqual([1e12, 999_995_000_000, 999_994_000_000, 2.5e13, -1.5e12].map(usdShort), ["$1.00T", "$1.00T", "$999.99B", "$25.00T", "-$1.50T"]);
    assert.deepEqual([Infinity, -Infinity].map(usdShort), [usd(Infinity), usd(-Infinity)]);
    assert.equal(usdShort(Infinity), "$∞");
  });
  it("usdShort(x) writes K, M and B", () => {
    assert.deepEqual([845_000, 12_340_000, 1_234_000_000, 999].map(usdShort), ["$845K", "$12.3M", "$1.23B", "$999"]);
    // The unit follows the rounded amount: no "$1000.0M", "$1000K" or "$1000".
    assert.deepEqual([999_990_000, 999_999, 999.6, 999_949_999, -999_999].map(usdShort), ["$1.00B", "$1.0M", "$1K", "$999.9M", "-$1.0M"]);
    // Under a dollar, cents; 0.996 rounds to $1.
    assert.deepEqual([0.5, 0.3, -0.25, 0, 0.996, 0.001].map(usdShort), ["$0.50", "$0.30", "-$0.25", "$0", "$1", "$0.00"]);
  });
  it("utcPlotly(ms) and utcLabel(ms) show UTC whatever the machine's zone", () => {
    const t = Date.UTC(2026, 5, 8, 15, 30);
    for (const zone of OTHER_ZONES) {
      inZone(zone, () => {
        assert.equal(utcPlotly(t), "2026-06-08 15:30:00", zone);
        assert.equal(utcLabel(t), "2026-06-08 15:30 UTC", zone);
      });
    }
  });
  it("ordinal(p) handles st, nd, rd, the teens and fractions", () => {
    assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 99, 95.5].map(ordinal), ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "99th", "95.5th"]);
  });

  it("utcPlotly(ms) and utcLabel(ms) throw naming a time that is NaN, past the Date range or outside years 0000 to 9999, not a RangeError", () => {
    const msg = (v: string) => new RegExp(`^LiqlabError: column "time": time must be epoch ms UTC in the years 0000 to 9999 \\(-62167219200000 to 253402300799999\\) \\(value ${v}\\)$`);
    assert.throws(() => utcLabel(NaN), msg("NaN"));
    assert.throws(() => utcLabel(1e16), msg("10000000000000000"));
    // Inside the Date range, but written "+275760-09 13T00:00" by the 4-digit form.
    assert.throws(() => utcPlotly(8.64e15), msg("8640000000000000"));
    assert.throws(() => utcPlotly(-62_167_219_200_001), msg("-62167219200001"));
    assert.throws(() => utcPlotly("2026" as never), msg('"2026"'));
    // The ends of the range are written as every other time.
    assert.equal(utcPlotly(-62_167_219_200_000), "0000-01-01 00:00:00");
    assert.equal(utcLabel(253_402_300_799_999), "9999-12-31 23:59 UTC");
  });

  it("usd(x) and usdShort(x) write a BigInt (an Arrow int64) exactly; anything but a number or BigInt throws", () => {
    assert.equal(usd(10n as never), "$10");
    assert.equal(usd(-12_345_678_901_234_567_890n as never), "-$12,345,678,901,234,567,890");
    assert.equal(usdShort(10n as never), "$10");
    assert.equal(usdShort(12_345_678_901n as never), "$12.35B");
    // Past the largest number it is written in full rather than as "$∞".
    assert.equal(usdShort((10n ** 310n) as never), usd((10n ** 310n) as never));
    assert.throws(() => usd("5" as never), /^LiqlabError: usd: needs a USD amount \(a number or a BigInt\) \(value "5"\)$/);
    assert.throws(() => usdShort(null as never), /^LiqlabError: usdShort: needs a USD amount \(a number or a BigInt\) \(value null\)$/);
  });
});
