import assert from "node:assert/strict";
import { loadOkxOpenInterest } from "../../../src/data/formats/okx-open-interest";
import { col, fixture } from "../helpers";

describe("data/formats/okx-open-interest", () => {
  it("loadOkxOpenInterest reads open-interest-volume rows [ts, oi USD, vol] and history rows [ts, oi, oiCcy, oiUsd]", () => {
    assert.deepEqual(col(loadOkxOpenInterest(fixture("okx-open-interest-volume.json")).table, "openInterestUsd"), [5050000000, 5060000000]);
    const h = loadOkxOpenInterest(fixture("okx-open-interest-history.json")).table;
    assert.deepEqual([col(h, "openInterest"), col(h, "openInterestUsd")], [[24900.1, 25000.5], [1055000000, 1060021200]]);
  });
});
