import assert from "node:assert/strict";
import { loadBinanceOpenInterestHist } from "../../../src/data/formats/binance-open-interest-hist";
import { fixture, utc } from "../helpers";

describe("data/formats/binance-open-interest-hist", () => {
  it("loadBinanceOpenInterestHist(JSON) reads sumOpenInterest (coin) and sumOpenInterestValue (USD)", () => {
    const { table, report } = loadBinanceOpenInterestHist(fixture("openInterestHist.json"));
    assert.deepEqual(table.objects(), [
      { time: utc(2024, 1, 1, 0, 5), openInterest: 76250.02, openInterestUsd: 3226547111.24 },
      { time: utc(2024, 1, 1, 0, 10), openInterest: 76291.612, openInterestUsd: 3230478339.95 },
    ]);
    assert.equal(report.interval, "5m");
  });
  it("open-interest JSON loaders name the line and key of a missing field", () => {
    assert.throws(() => loadBinanceOpenInterestHist({ text: '[\n{"sumOpenInterest":"1","sumOpenInterestValue":"2","timestamp":1704067500000},\n{"sumOpenInterest":"1","timestamp":1704067800000}\n]', name: "h.json" }), /h\.json, line 3, column "sumOpenInterestValue": missing field/);
  });
});
