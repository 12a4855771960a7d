import assert from "node:assert/strict";
import * as data from "../../../src/data/index";
import { checkEnvelope, checkOhlc, pickInstrument, rowsAt } from "../../../src/data/formats/common";
import { readJsonRows } from "../../../src/data/json-rows";
import { newParsed } from "../../../src/data/fields";
import { parseJson } from "../../../src/data/json";

describe("data/formats/common", () => {
  it("rowsAt(v, path) finds rows in the full envelope, in its inner object, or a bare array", () => {
    assert.deepEqual(rowsAt({ result: { list: [1] } }, ["result", "list"], "f"), [1]);
    assert.deepEqual(rowsAt({ list: [2] }, ["result", "list"], "f"), [2]);
    assert.deepEqual(rowsAt([3], ["data"], "f"), [3]);
  });
  it("rowsAt throws naming the line and key when the rows are missing", () => {
    const v = parseJson('{\n "data": {"x": 1}\n}', "f.json");
    assert.throws(() => rowsAt(v, ["data"], "f.json"), /f\.json, line 2, column "data": "data" is not an array \(value \{"x":1\}\)/);
  });
  it("checkEnvelope(v) passes success codes and names an error code", () => {
    checkEnvelope({ code: "0", data: [] }, "f");
    checkEnvelope({ retCode: 0, result: {} }, "f");
    assert.throws(() => checkEnvelope({ code: "50011", msg: "Rate limit reached" }, "f"), /column "code": the file holds the exchange's error response, not data: "Rate limit reached" \(value "50011"\)/);
  });
  it("checkOhlc(p) throws when close lies outside low..high", () => {
    const p = newParsed("k.csv", "t", "candles");
    for (const [k, v] of [["open", 10], ["high", 11], ["low", 9], ["close", 12]] as const) p.columns.set(k, Float64Array.of(v));
    p.n = 1;
    p.lines = Int32Array.of(7);
    assert.throws(() => checkOhlc(p), /k\.csv, line 7, column "close": close is outside the bar's low\.\.high range \(value 12\)/);
  });
  it("checkEnvelope names the line the error response starts on", () => {
    assert.throws(() => checkEnvelope(parseJson('\n\n{"code":-1121,"msg":"Invalid symbol."}', "k.json"), "k.json"), /^LiqlabError: k\.json, line 3, column "code": the file holds the exchange's error response/);
  });
  it("pickInstrument(p, rows of a one-line file, key, symbol) keeps the rows' places: errors name the row among the file's", () => {
    const p = newParsed("f.json", "t", "funding");
    const rows = parseJson('[{"symbol":"ETHUSDT","fundingRate":"1"},{"symbol":"BTCUSDT","fundingRate":"1"},{"symbol":"BTCUSDT","fundingRate":"x"}]', "f.json") as unknown[];
    const one = pickInstrument(p, rows, "symbol", "BTCUSDT");
    assert.throws(() => readJsonRows(p, one.rows, [{ out: "fundingRate", type: "number", names: ["fundingRate"], key: "fundingRate" }], one.lines, ["symbol"]), /^LiqlabError: f\.json, line 1, column "fundingRate": row 3 of 3: fundingRate is not a number \(value "x"\)$/);
  });
  it("loaders of one-line JSON name the row within the line, with or without { symbol }", () => {
    const bin = '[{"symbol":"BTCUSDT","fundingTime":1704067200000,"fundingRate":"0.0001"},{"symbol":"BTCUSDT","fundingTime":1704096000000,"fundingRate":"0.0002"},{"symbol":"BTCUSDT","fundingTime":1704124800000,"fundingRate":"abc"}]';
    const binErr = /^LiqlabError: f\.json, line 1, column "fundingRate": row 3 of 3: fundingRate is not a number \(value "abc"\)$/;
    assert.throws(() => data.loadBinanceFundingRate({ text: bin, name: "f.json" }), binErr);
    assert.throws(() => data.loadBinanceFundingRate({ text: bin, name: "f.json" }, { symbol: "BTCUSDT" }), binErr);
    assert.throws(() => data.load({ text: bin, name: "f.json" }, { symbol: "BTCUSDT" }), binErr);
    // rows of another instrument first: the place is among the file's rows
    const mixed = '[{"symbol":"ETHUSDT","fundingTime":1704067200000,"fundingRate":"0.0001"},' + bin.slice(1);
    assert.throws(() => data.loadBinanceFundingRate({ text: mixed, name: "f.json" }, { symbol: "BTCUSDT" }), /^LiqlabError: f\.json, line 1, column "fundingRate": row 4 of 4: fundingRate is not a number/);
    const okx = '{"code":"0","msg":"","data":[{"instId":"BTC-USDT-SWAP","fundingTime":"1704096000000","fundingRate":"0.0001","realizedRate":"0.0001"},{"instId":"BTC-USDT-SWAP","fundingTime":"1704067200000","fundingRate":"0.0001","realizedRate":"abc"}]}';
    assert.throws(() => data.loadOkxFundingRate({ text: okx, name: "o.json" }, { symbol: "BTC-USDT-SWAP" }), /^LiqlabError: o\.json, line 1, column "realizedRate": row 2 of 2: realizedRate is not a number \(value "abc"\)$/);
    const oi = '{"code":"0","data":[{"instId":"BTC-USDT-SWAP","oi":"1","oiCcy":"abc","oiUsd":"1","ts":"1704067200000"},{"instId":"BTC-USDT-SWAP","oi":"1","oiCcy":"1","oiUsd":"1","ts":"1704067500000"}]}';
    assert.throws(() => data.loadOkxOpenInterest({ text: oi, name: "oi.json" }, { symbol: "BTC-USDT-SWAP" }), /^LiqlabError: oi\.json, line 1, column "oiCcy": row 1 of 2: oiCcy is not a number \(value "abc"\)$/);
    const hist = '[{"symbol":"BTCUSDT","sumOpenInterest":"1","sumOpenInterestValue":"1","timestamp":1704067200000},{"symbol":"BTCUSDT","sumOpenInterest":"-1","sumOpenInterestValue":"1","timestamp":1704067500000}]';
    assert.throws(() => data.loadBinanceOpenInterestHist({ text: hist, name: "h.json" }, { symbol: "BTCUSDT" }), /^LiqlabError: h\.json, line 1, column "sumOpenInterest": row 2 of 2: sumOpenInterest must be a non-negative number \(value "-1"\)$/);
  });
  it("loadBinanceForceOrders(a one-line JSON array) names the row within the line", () => {
    const ev = (s: string, T: number, q: string) => `{"e":"forceOrder","E":${T},"o":{"s":"${s}","S":"SELL","o":"LIMIT","f":"IOC","q":"${q}","p":"42000","ap":"42000","X":"FILLED","l":"${q}","z":"${q}","T":${T}}}`;
    const text = `[${ev("BTCUSDT", 1704067200000, "1")},${ev("BTCUSDT", 1704067201000, "1")},${ev("BTCUSDT", 1704067202000, "-1")}]`;
    assert.throws(() => data.loadBinanceForceOrders({ text, name: "fo.json" }), /^LiqlabError: fo\.json, line 1, column "q": row 3 of 3: q must be a non-negative number \(value "-1"\)$/);
    assert.throws(() => data.loadBinanceForceOrders({ text, name: "fo.json" }, { symbol: "BTCUSDT" }), /^LiqlabError: fo\.json, line 1, column "q": row 3 of 3: q must be a non-negative number/);
  });
});
