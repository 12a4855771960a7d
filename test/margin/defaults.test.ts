import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { binanceUsdmBrackets } from "../../src/margin/defaults";
import { validateBrackets } from "../../src/margin/load";

/** The dated Binance snapshot beside the repository (not part of it). */
const SNAPSHOT = resolve(__dirname, "../../../shared/data/binance-usdm-leverage-brackets-2024-10-24.json");

describe("margin/defaults", () => {
  it("binanceUsdmBrackets covers BTCUSDT, ETHUSDT, SOLUSDT and BNBUSDT, dated, sourced and valid", () => {
    assert.deepEqual(Object.keys(binanceUsdmBrackets).sort(), ["BNBUSDT", "BTCUSDT", "ETHUSDT", "SOLUSDT"]);
    for (const table of Object.values(binanceUsdmBrackets)) {
      assert.equal(table.asOf, "2024-10-24");
      assert.match(table.source ?? "", /leverageBracket/);
      validateBrackets(table);
    }
  });

  it("binanceUsdmBrackets equals the 2024-10-24 Binance snapshot for each symbol", function () {
    if (!existsSync(SNAPSHOT)) {
      console.log(`      (skipped: ${SNAPSHOT} is absent; the defaults cannot be checked against the snapshot)`);
      this.skip();
    }
    const snapshot = JSON.parse(readFileSync(SNAPSHOT, "utf8")) as {
      symbol: string;
      brackets: { bracket: number; initialLeverage: number; notionalCap: number; notionalFloor: number; maintMarginRatio: number; cum: number }[];
    }[];
    for (const [symbol, table] of Object.entries(binanceUsdmBrackets)) {
      const published = snapshot.find((s) => s.symbol === symbol);
      assert.ok(published, `${symbol} missing from the snapshot`);
      assert.deepEqual(
        table.brackets.map((b) => [b.bracket, b.floor, b.cap, b.maintenanceMarginRate, b.maintenanceAmount, b.maxLeverage]),
        published.brackets.map((b) => [b.bracket, b.notionalFloor, b.notionalCap, b.maintMarginRatio, b.cum, b.initialLeverage]),
        symbol,
      );
    }
  });
});
