import assert from "node:assert/strict";
import { loadOkxOpenInterest } from "../../../src/data/formats/okx-open-interest";
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
});
