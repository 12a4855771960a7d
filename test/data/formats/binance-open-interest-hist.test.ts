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
  it("loadBinanceOpenInterestHist(COIN-M rows of a perpetual and a quarterly) refuses the mix; { symbol: 'BTCUSD_PERP' } picks the perpetual", () => {
    // Requested by pair with contractType ALL, the response holds each contract's rows: one series would mix them.
    const row = (contractType: string, contracts: number, t: number) => ({ pair: "BTCUSD", contractType, sumOpenInterest: String(contracts), sumOpenInterestValue: "1", timestamp: t });
    const text = JSON.stringify([row("PERPETUAL", 50000, 1591261042378), row("CURRENT_QUARTER", 10000, 1591261042378), row("PERPETUAL", 50001, 1591261342378)]);
    assert.throws(() => loadBinanceOpenInterestHist({ text, name: "h.json" }), /^LiqlabError: h\.json, line 1, column "pair": rows for several instruments \(BTCUSD_PERP on line 1, BTCUSD_CURRENT_QUARTER on line 1\): pass \{ symbol \} to load one \(value "BTCUSD_CURRENT_QUARTER"\)$/);
    assert.deepEqual(col(loadBinanceOpenInterestHist({ text, name: "h.json" }, { symbol: "btcusd_perp" }).table, "openInterestUsd"), [5_000_000, 5_000_100]);
    // A symbol no row has is refused, naming what the file holds (it used to give 0 rows).
    assert.throws(() => loadBinanceOpenInterestHist({ text, name: "h.json" }, { symbol: "BTCUSD" }), /h\.json, column "pair": no rows for BTCUSD: the file holds BTCUSD_PERP, BTCUSD_CURRENT_QUARTER \(value "BTCUSD"\)/);
  });
  it("loadBinanceOpenInterestHist(source) refuses rows that mix USDⓈ-M and COIN-M, naming the odd row", () => {
    // Row 0 decides the units: a COIN-M row (5,578,700 contracts, 18,265 BTC) in a USDⓈ-M file
    // would read as 5,578,700 BTC of open interest worth 18,265 USD.
    const usdm = { symbol: "BTCUSDT", sumOpenInterest: "76250.02", sumOpenInterestValue: "3226547111.24", timestamp: 1704067500000 };
    const coinm = { pair: "BTCUSD", contractType: "PERPETUAL", sumOpenInterest: "5578700", sumOpenInterestValue: "18265", timestamp: 1704067800000 };
    const text = (a: object, b: object) => `[\n${JSON.stringify(a)},\n${JSON.stringify(b)}\n]`;
    assert.throws(() => loadBinanceOpenInterestHist({ text: text(usdm, coinm), name: "h.json" }), /^LiqlabError: h\.json, line 3, column "pair": rows mix USDⓈ-M and COIN-M, whose units differ: line 2 is USDⓈ-M \(no pair and contractType\), this row COIN-M \(pair and contractType\) \(value "BTCUSD"\)$/);
    // picking the USDⓈ-M symbol does not hide the mix
    assert.throws(() => loadBinanceOpenInterestHist({ text: text(usdm, coinm), name: "h.json" }, { symbol: "BTCUSDT" }), /h\.json, line 3, column "pair": rows mix USDⓈ-M and COIN-M/);
    assert.throws(() => loadBinanceOpenInterestHist({ text: text(coinm, usdm), name: "h.json" }), /^LiqlabError: h\.json, line 3, column "symbol": rows mix USDⓈ-M and COIN-M, whose units differ: line 2 is COIN-M \(pair and contractType\), this row USDⓈ-M \(no pair and contractType\) \(value "BTCUSDT"\)$/);
    // a COIN-M row that lost its contractType is named by the missing key
    assert.throws(() => loadBinanceOpenInterestHist({ text: text(coinm, { ...coinm, contractType: undefined }), name: "h.json" }), /^LiqlabError: h\.json, line 3, column "contractType": rows mix USDⓈ-M and COIN-M, .* \(value undefined\)$/);
  });
  it("open-interest JSON loaders name the line and key of a missing field", () => {
    assert.throws(() => loadBinanceOpenInterestHist({ text: '[\n{"sumOpenInterest":"1","sumOpenInterestValue":"2","timestamp":1704067500000},\n{"sumOpenInterest":"1","timestamp":1704067800000}\n]', name: "h.json" }), /h\.json, line 3, column "sumOpenInterestValue": missing field/);
  });
  it("loadBinanceOpenInterestHist(rows with keys it does not read) names them in the notes", () => {
    // the fixture's rows carry CMCCirculatingSupply; symbol is read (it picks the instrument)
    assert.ok(loadBinanceOpenInterestHist(fixture("openInterestHist.json")).report.notes.includes("keys not read: CMCCirculatingSupply"));
    const text = JSON.stringify([{ symbol: "BTCUSDT", sumOpenInterest: "1", sumOpenInterestValue: "5", timestamp: 1704067200000, longShortRatio: "1.3" }]);
    assert.deepEqual(loadBinanceOpenInterestHist({ text, name: "openInterestHist.json" }).report.notes, ["keys not read: longShortRatio"]);
  });
});
