import assert from "node:assert/strict";
import { loadOkxOpenInterest } from "../../../src/data/formats/okx-open-interest";
import { load } from "../../../src/data/load";
import { col, fixture } from "../helpers";

describe("data/formats/okx-open-interest", () => {
  it("loadOkxOpenInterest reads open-interest-volume rows [ts, oi USD, vol] and history rows [ts, oi, oiCcy, oiUsd]", () => {
    assert.deepEqual(col(loadOkxOpenInterest(fixture("okx-open-interest-volume.json")).table, "openInterestUsd"), [5050000000, 5060000000]);
    const h = loadOkxOpenInterest(fixture("okx-open-interest-history.json")).table;
    assert.deepEqual([col(h, "openInterest"), col(h, "openInterestUsd")], [[24900.1, 25000.5], [1055000000, 1060021200]]);
  });
  it("loadOkxOpenInterest reads /public/open-interest objects { oi, oiCcy, oiUsd, ts }", () => {
    const text = '{"code":"0","data":[{"instType":"SWAP","instId":"BTC-USDT-SWAP","oi":"2500000","oiCcy":"25000.5","oiUsd":"1060021200","ts":"1704067800000"}],"msg":""}';
    assert.deepEqual(loadOkxOpenInterest({ text, name: "oi.json" }).table.objects(), [{ time: 1704067800000, openInterest: 25000.5, openInterestUsd: 1060021200 }]);
  });
  it("loadOkxOpenInterest(/public/open-interest?instType=SWAP, several instIds) is refused naming the line and both instruments; { symbol } picks one", () => {
    // OKX v5 "Get open interest": instId is optional; without it every instrument of instType is listed
    const text = [
      '{"code":"0","msg":"","data":[',
      '{"instType":"SWAP","instId":"BTC-USDT-SWAP","oi":"2125419.8","oiCcy":"21254.198","oiUsd":"903000000.5","ts":"1704067200000"},',
      '{"instType":"SWAP","instId":"ETH-USDT-SWAP","oi":"1500000","oiCcy":"150000","oiUsd":"340000000","ts":"1704067200000"}',
      "]}",
    ].join("\n");
    const refused = /^LiqlabError: oi\.json, line 3, column "instId": rows for several instruments \(BTC-USDT-SWAP on line 2, ETH-USDT-SWAP on line 3\): pass \{ symbol \} to load one \(value "ETH-USDT-SWAP"\)$/;
    assert.throws(() => loadOkxOpenInterest({ text, name: "oi.json" }), refused);
    assert.throws(() => load({ text, name: "oi.json" }), refused);
    const { table, report } = loadOkxOpenInterest({ text, name: "oi.json" }, { symbol: "eth-usdt-swap" });
    assert.deepEqual(table.objects(), [{ time: 1704067200000, openInterest: 150000, openInterestUsd: 340000000 }]);
    assert.deepEqual(report.dropped, [{ reason: "other instrument than ETH-USDT-SWAP", count: 1, lines: [2] }]);
  });
});
