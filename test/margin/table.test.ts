import assert from "node:assert/strict";
import { bracketsTable } from "../../src/margin/table";
import { binanceUsdmBrackets } from "../../src/margin/defaults";

describe("margin/table", () => {
  it("bracketsTable(...sources) has one row per bracket with the one bracket type's columns", () => {
    const bybit = { result: { list: [{ id: 1, symbol: "BTCUSDT", riskLimitValue: "2000000", maintenanceMargin: "0.005", initialMargin: "0.01", maxLeverage: "100", mmDeduction: "0" }] } };
    const t = bracketsTable(binanceUsdmBrackets.BTCUSDT, binanceUsdmBrackets.SOLUSDT, bybit);
    assert.equal(t.numRows(), 12 + 10 + 1);
    assert.deepEqual(t.columnNames(), ["symbol", "unit", "bracket", "floor", "cap", "maintenanceMarginRate", "maintenanceAmount", "maxLeverage", "source", "asOf"]);
    const sol = t.filter((d: { symbol: string; bracket: number }) => d.symbol === "SOLUSDT" && d.bracket === 2).objects()[0] as Record<string, unknown>;
    assert.deepEqual([sol.floor, sol.cap, sol.maintenanceMarginRate, sol.maintenanceAmount, sol.maxLeverage, sol.asOf], [20_000, 100_000, 0.0065, 30, 75, "2024-10-24"]);
    assert.equal(t.get("maxLeverage", 22), 100);
  });
  it("bracketsTable(bad source) throws the validation error", () => {
    assert.throws(() => bracketsTable([{ bracket: 1, floor: 5, cap: 10, maintenanceMarginRate: 0.01, maintenanceAmount: 0, maxLeverage: 10 }]), /brackets bracket 1: column "floor": first bracket must start at notional 0 \(value 5\)/);
  });
});
