import assert from "node:assert/strict";
import { loadOkxFundingRate } from "../../../src/data/formats/okx-funding-rate";
import { col } from "../helpers";

// OKX v5 "Get funding rate history" (GET /api/v5/public/funding-rate-history): fundingRate is the
// "Predicted funding rate", realizedRate the "Actual funding rate", fundingTime the settlement time.
const row = (t: string, predicted: string, realized?: string) =>
  JSON.stringify({ formulaType: "noRate", fundingRate: predicted, fundingTime: t, instId: "BTC-USDT-SWAP", instType: "SWAP", method: "next_period", ...(realized === undefined ? {} : { realizedRate: realized }) });
const envelope = (...rows: string[]) => `{"code":"0","msg":"","data":[\n${rows.join(",\n")}\n]}`;

describe("data/formats/okx-funding-rate", () => {
  it("loadOkxFundingRate(funding-rate-history JSON, newest first) reads realizedRate, the settled rate, oldest first", () => {
    const text = envelope(row("1703059200000", "0.0000746604960499", "0.0000746572360545"), row("1703030400000", "0.0001", "0.00009"));
    const { kind, table, report } = loadOkxFundingRate({ text, name: "okx-funding.json" });
    assert.equal(kind, "funding");
    assert.deepEqual(table.objects(), [
      { time: 1703030400000, fundingRate: 0.00009 },
      { time: 1703059200000, fundingRate: 0.0000746572360545 },
    ]);
    assert.equal(report.interval, "8h");
    assert.ok(report.notes.includes("fundingRate is OKX's realizedRate (the rate settled at fundingTime); its fundingRate field, the predicted rate, is not read"));
  });
  it("loadOkxFundingRate(rows without realizedRate) reads fundingRate and says it is OKX's predicted rate", () => {
    const { table, report } = loadOkxFundingRate({ text: envelope(row("1703059200000", "0.0001")), name: "f.json" });
    assert.deepEqual(col(table, "fundingRate"), [0.0001]);
    assert.ok(report.notes.includes("no realizedRate in the rows: fundingRate read as given (OKX documents it as the predicted rate)"));
  });
  it("loadOkxFundingRate throws on a row without the realizedRate the others carry, naming its line", () => {
    const text = envelope(row("1703059200000", "0.0001", "0.0001"), row("1703030400000", "0.0001"));
    assert.throws(() => loadOkxFundingRate({ text, name: "f.json" }), /^LiqlabError: f\.json, line 3, column "realizedRate": missing field/);
  });
});
