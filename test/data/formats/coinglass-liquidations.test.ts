import assert from "node:assert/strict";
import { loadCoinglassLiquidations } from "../../../src/data/formats/coinglass-liquidations";
import { fixture, utc } from "../helpers";

describe("data/formats/coinglass-liquidations", () => {
  it("loadCoinglassLiquidations(v4 JSON) reads long/short USD totals per bar", () => {
    const { kind, table, report } = loadCoinglassLiquidations(fixture("coinglass-liquidations.json"));
    assert.equal(kind, "liquidationTotals");
    assert.deepEqual(table.objects(), [
      { time: utc(2024, 1, 1, 0, 0), longUsd: 553140.25838, shortUsd: 10549.65928 },
      { time: utc(2024, 1, 1, 0, 30), longUsd: 26469.6043, shortUsd: 3051.64055 },
    ]);
    assert.equal(report.interval, "30m");
  });
  it("loadCoinglassLiquidations reads the aggregated_ variant", () => {
    const text = '{"code":"0","data":[{"time":1704067200000,"aggregated_long_liquidation_usd":5,"aggregated_short_liquidation_usd":6}]}';
    assert.deepEqual(loadCoinglassLiquidations({ text, name: "a.json" }).table.objects(), [{ time: utc(2024, 1, 1), longUsd: 5, shortUsd: 6 }]);
  });
});
