import assert from "node:assert/strict";
import { loadCoinglassOpenInterest } from "../../../src/data/formats/coinglass-open-interest";
import { col, fixture, utc } from "../helpers";

describe("data/formats/coinglass-open-interest", () => {
  it("loadCoinglassOpenInterest(v4 OHLC JSON) keeps each bar's close in USD at the bar's open time, known at its closeTime", () => {
    const { table, report } = loadCoinglassOpenInterest(fixture("coinglass-oi-ohlc.json"));
    // The close of the 00:00 half hour is known at 00:29:59.999 (open + 30 min − 1 ms).
    assert.deepEqual(table.objects(), [
      { time: utc(2024, 1, 1, 0, 0), openInterestUsd: 7805300840, closeTime: utc(2024, 1, 1, 0, 30) - 1 },
      { time: utc(2024, 1, 1, 0, 30), openInterestUsd: 7797931618, closeTime: utc(2024, 1, 1, 1, 0) - 1 },
    ]);
    assert.equal(report.interval, "30m");
  });
  it("loadCoinglassOpenInterest accepts second timestamps and short keys t/o/h/l/c (older API versions)", () => {
    const text = '{"code":"0","data":[{"time":1704067200,"open":1,"high":1,"low":1,"close":5}]}';
    assert.deepEqual(col(loadCoinglassOpenInterest({ text, name: "c.json" }).table, "time"), [utc(2024, 1, 1)]);
    const short = '{"code":"0","data":[{"t":1704067200,"o":1,"h":1,"l":1,"c":5}]}';
    assert.deepEqual(loadCoinglassOpenInterest({ text: short, name: "c.json" }).table.objects(), [{ time: utc(2024, 1, 1), openInterestUsd: 5 }]);
  });
});
