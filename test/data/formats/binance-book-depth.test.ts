import assert from "node:assert/strict";
import { loadBinanceBookDepth } from "../../../src/data/formats/binance-book-depth";
import { col, fixture, utc } from "../helpers";

describe("data/formats/binance-book-depth", () => {
  it("loadBinanceBookDepth(archive CSV) parses text times and keeps one row per (time, percentage)", () => {
    const { kind, table } = loadBinanceBookDepth(fixture("BTCUSDT-bookDepth-2024-01-01.csv"));
    assert.equal(kind, "bookDepth");
    assert.deepEqual(table.objects()[0], { time: utc(2024, 1, 1, 0, 0, 8), percentage: -1, depth: 1234.567, notional: 52000000.12 });
    assert.deepEqual(col(table, "percentage"), [-1, 1, -1, 1]);
  });
  it("loadBinanceBookDepth keeps the later of two rows for the same (time, percentage)", () => {
    const text = "timestamp,percentage,depth,notional\n2024-01-01 00:00:08,-1.00,10,100\n2024-01-01 00:00:08,-1.00,12,120\n2024-01-01 00:00:08,1.00,9,90\n";
    const { table, report } = loadBinanceBookDepth({ text, name: "d.csv" });
    assert.deepEqual(col(table, "depth"), [12, 9]);
    assert.equal(report.duplicates, 1);
  });
});
