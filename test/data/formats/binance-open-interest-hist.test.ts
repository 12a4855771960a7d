import assert from "node:assert/strict";
import { loadBinanceOpenInterestHist } from "../../../src/data/formats/binance-open-interest-hist";
import { load } from "../../../src/data/load";
import { col, fixture, utc } from "../helpers";

describe("data/formats/binance-open-interest-hist", () => {
  it("loadBinanceOpenInterestHist(JSON) reads sumOpenInterest (coin) and sumOpenInterestValue (USD)", () => {
    const { table, report } = loadBinanceOpenInterestHist(fixture("openInterestHist.json"));
    assert.deepEqual(table.objects(), [
      { time: utc(2024, 1, 1, 0, 5), openInterest: 76250.02, openInterestUsd: 3226547111.24 },
      { time: utc(2024, 1, 1, 0, 10), openInterest: 76291.612, openInterestUsd: 3230478339.95 },
    ]);
    assert.equal(report.interval, "5m");
  });
  it("loadBinanceOpenInterestHist(COIN-M rows { pair, contractType }) reads sumOpenInterestValue as coin and contracts × contract size as USD", () => {
    // Binance COIN-M "Open Interest Statistics" (GET /futures/data/openInterestHist): sumOpenInterest
    // "unit: cont", sumOpenInterestValue "unit: base asset". A BTCUSD contract is 100 USD (COIN-M
    // contract specifications): 20403 contracts = 2,040,300 USD; 20401 = 2,040,100 USD.
    const text = JSON.stringify([
      { pair: "BTCUSD", contractType: "PERPETUAL", sumOpenInterest: "20403", sumOpenInterestValue: "176.19651223", timestamp: 1591261042378 },
      { pair: "BTCUSD", contractType: "PERPETUAL", sumOpenInterest: "20401", sumOpenInterestValue: "176.17870498", timestamp: 1591261342378 },
    ]);
    const expected = [
      { time: 1591261042378, openInterest: 176.19651223, openInterestUsd: 2040300 },
      { time: 1591261342378, openInterest: 176.17870498, openInterestUsd: 2040100 },
    ];
    const r = loadBinanceOpenInterestHist({ text, name: "h.json" });
    assert.deepEqual([r.table.objects(), r.report.format], [expected, "binance-coinm-openInterestHist-json"]);
    assert.deepEqual(load({ text, name: "openInterestHist.json" }).table.objects(), expected);
    // other coins' contracts are 10 USD; the contractUsd option overrides
    assert.deepEqual(col(loadBinanceOpenInterestHist({ text: text.replace(/BTCUSD/g, "ETHUSD"), name: "h.json" }).table, "openInterestUsd"), [204030, 204010]);
    assert.deepEqual(col(loadBinanceOpenInterestHist({ text, name: "h.json" }, { contractUsd: 10 }).table, "openInterestUsd"), [204030, 204010]);
    assert.throws(() => loadBinanceOpenInterestHist({ text: text.replace(/"BTCUSD"/g, '"BTC"'), name: "h.json" }), /^LiqlabError: h\.json, line 1, column "pair": pair is not a COIN-M pair such as BTCUSD \(value "BTC"\)$/);
  });
  it("open-interest JSON loaders name the line and key of a missing field", () => {
    assert.throws(() => loadBinanceOpenInterestHist({ text: '[\n{"sumOpenInterest":"1","sumOpenInterestValue":"2","timestamp":1704067500000},\n{"sumOpenInterest":"1","timestamp":1704067800000}\n]', name: "h.json" }), /h\.json, line 3, column "sumOpenInterestValue": missing field/);
  });
});
