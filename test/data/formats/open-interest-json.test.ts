import assert from "node:assert/strict";
import { loadBinanceOpenInterestHist } from "../../../src/data/formats/binance-open-interest-hist";
import { loadBybitOpenInterest } from "../../../src/data/formats/bybit-open-interest";
import { loadCoinglassOpenInterest } from "../../../src/data/formats/coinglass-open-interest";
import { loadOkxOpenInterest } from "../../../src/data/formats/okx-open-interest";
import { col, fixture, utc } from "../helpers";

describe("data/formats open-interest JSON", () => {
  it("loadBinanceOpenInterestHist(JSON) reads sumOpenInterest (coin) and sumOpenInterestValue (USD)", () => {
    const { table, report } = loadBinanceOpenInterestHist(fixture("openInterestHist.json"));
    assert.deepEqual(table.objects(), [
      { time: utc(2024, 1, 1, 0, 5), openInterest: 76250.02, openInterestUsd: 3226547111.24 },
      { time: utc(2024, 1, 1, 0, 10), openInterest: 76291.612, openInterestUsd: 3230478339.95 },
    ]);
    assert.equal(report.interval, "5m");
  });
  it("loadBybitOpenInterest(v5 JSON, newest first) returns coin open interest oldest first", () => {
    const { table } = loadBybitOpenInterest(fixture("bybit-open-interest.json"));
    assert.deepEqual(col(table, "openInterest"), [52000.25, 52100.5]);
    assert.deepEqual(col(table, "time"), [utc(2024, 1, 1, 0, 5), utc(2024, 1, 1, 0, 10)]);
  });
  it("loadBybitOpenInterest(inverse) puts the USD contracts in openInterestUsd", () => {
    const text = '{"retCode":0,"result":{"category":"inverse","list":[{"openInterest":"600000000","timestamp":"1704067500000"}]}}';
    assert.deepEqual(loadBybitOpenInterest({ text, name: "i.json" }).table.columnNames(), ["time", "openInterestUsd"]);
  });
  it("loadOkxOpenInterest reads open-interest-volume rows [ts, oi USD, vol] and history rows [ts, oi, oiCcy, oiUsd]", () => {
    assert.deepEqual(col(loadOkxOpenInterest(fixture("okx-open-interest-volume.json")).table, "openInterestUsd"), [5050000000, 5060000000]);
    const h = loadOkxOpenInterest(fixture("okx-open-interest-history.json")).table;
    assert.deepEqual([col(h, "openInterest"), col(h, "openInterestUsd")], [[24900.1, 25000.5], [1055000000, 1060021200]]);
  });
  it("loadCoinglassOpenInterest(v4 OHLC JSON) keeps each bar's close in USD at the bar's open time", () => {
    const { table, report } = loadCoinglassOpenInterest(fixture("coinglass-oi-ohlc.json"));
    assert.deepEqual(table.objects(), [
      { time: utc(2024, 1, 1, 0, 0), openInterestUsd: 7805300840 },
      { time: utc(2024, 1, 1, 0, 30), openInterestUsd: 7797931618 },
    ]);
    assert.equal(report.interval, "30m");
  });
  it("loadCoinglassOpenInterest accepts second timestamps and short keys t/o/h/l/c (older API versions)", () => {
    const text = '{"code":"0","data":[{"time":1704067200,"open":1,"high":1,"low":1,"close":5}]}';
    assert.deepEqual(col(loadCoinglassOpenInterest({ text, name: "c.json" }).table, "time"), [utc(2024, 1, 1)]);
    const short = '{"code":"0","data":[{"t":1704067200,"o":1,"h":1,"l":1,"c":5}]}';
    assert.deepEqual(loadCoinglassOpenInterest({ text: short, name: "c.json" }).table.objects(), [{ time: utc(2024, 1, 1), openInterestUsd: 5 }]);
  });
  it("open-interest JSON loaders name the line and key of a missing field", () => {
    assert.throws(() => loadBinanceOpenInterestHist({ text: '[\n{"sumOpenInterest":"1","sumOpenInterestValue":"2","timestamp":1704067500000},\n{"sumOpenInterest":"1","timestamp":1704067800000}\n]', name: "h.json" }), /h\.json, line 3, column "sumOpenInterestValue": missing field/);
  });
});
