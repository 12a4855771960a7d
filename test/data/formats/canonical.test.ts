import assert from "node:assert/strict";
import { canonicalKind, loadCanonical } from "../../../src/data/formats/canonical";
import { loadBinanceLiquidationSnapshot } from "../../../src/data/formats/binance-liquidation-snapshot";
import { load } from "../../../src/data/load";
import { fixture, HAND_DERIVED_LIQUIDATIONS } from "../helpers";

describe("data/formats/canonical", () => {
  it("canonicalKind(columns) names the kind whose canonical columns are all present", () => {
    assert.equal(canonicalKind(["time", "side", "price", "quantity", "usd"]), "liquidations");
    assert.equal(canonicalKind(["time", "longUsd", "shortUsd"]), "liquidationTotals");
    assert.equal(canonicalKind(["time", "openInterestUsd"]), "openInterest");
    assert.equal(canonicalKind(["time", "longShortRatio"]), undefined);
  });
  it("loadCanonical(table.toCSV()) round-trips a loaded table", () => {
    const { table } = loadBinanceLiquidationSnapshot(fixture("BTCUSDT-liquidationSnapshot-2024-01-01.csv"));
    const back = loadCanonical({ text: table.toCSV(), name: "saved.csv" });
    assert.equal(back.kind, "liquidations");
    assert.deepEqual(back.table.objects(), HAND_DERIVED_LIQUIDATIONS);
  });
  it("load(JSON of table.objects()) detects a saved canonical table", () => {
    const r = load({ text: JSON.stringify(HAND_DERIVED_LIQUIDATIONS), name: "saved.json" });
    assert.equal(r.kind, "liquidations");
    assert.deepEqual(r.table.objects(), HAND_DERIVED_LIQUIDATIONS);
  });
  it("load(canonical totals CSV) checks values like every loader", () => {
    assert.throws(() => load({ text: "time,longUsd,shortUsd\n1704067200000,5,-1\n", name: "t.csv" }), /t\.csv, line 2, column "shortUsd": shortUsd must be a non-negative number \(value "-1"\)/);
  });
});
