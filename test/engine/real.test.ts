import { strict as assert } from "assert";
import { existsSync, readFileSync } from "fs";
import { resolve } from "path";
import { replay } from "../../src/engine/replay";

// Optional: the real Binance BTCUSDT 5-minute klines with open interest beside the repository
// (../shared/data, see its README). Never copied into the repository; skipped when absent.
const FILE = resolve(__dirname, "../../../shared/data/btc-dev/btcusdt_5m_klines_oi.csv");

describe("replay(candles, oi) on real BTCUSDT 5-minute data (optional)", function () {
  before(function () {
    if (!existsSync(FILE)) {
      console.log(`    skipped: ${FILE} not found (reference data lives outside the repository)`);
      this.skip();
    }
  });

  function load() {
    const rows = readFileSync(FILE, "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
    const col = (j: number) => Float64Array.from(rows, (r) => Number(r[j]));
    return { time: col(0), open: col(2), high: col(3), low: col(4), close: col(5), openInterestUsd: col(6) };
  }

  it("replay(candles) on 8,015 real bars conserves USD and never reads a later bar", () => {
    const candles = load();
    const m = replay({ candles });
    const l = m.ledger!;
    assert.ok(Math.abs(l.openedUsd - (l.openUsd + l.liquidatedUsd + l.closedUsd + l.decayedUsd)) <= 1e-9 * l.openedUsd);
    const last = candles.openInterestUsd[candles.openInterestUsd.length - 1];
    assert.ok(Math.abs(l.openUsd - last) <= 0.05 * last, "anchored to the reported OI");
    const t = 5_000;
    const cut = Object.fromEntries(Object.entries(candles).map(([k, v]) => [k, v.slice(0, t + 1)]));
    const early = replay({ candles: cut });
    assert.deepEqual(early.bars.objects(), m.bars.slice(0, t + 1).objects());
    assert.deepEqual(early.mapAt().table.objects(), m.mapAt(candles.time[t]).table.objects());
  });
});
