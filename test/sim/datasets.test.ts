import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { scenarios } from "../../src/sim/scenarios";
import { simulate } from "../../src/sim/simulate";
import { fundingCsv, klinesCsv, liquidationSnapshotCsv, metricsCsv } from "../../src/sim/archive";
import { loadBinanceKlines, loadBinanceLiquidationSnapshot, loadBinanceMetrics, loadBinanceFundingRate } from "../../src/data/index";

const root = join(__dirname, "..", "..", "datasets");

// Each scenario is simulated once (about half a second each) and shared by its tests.
for (const name of ["eth", "sol", "bnb"] as const) {
  const dir = join(root, name);
  const symbol = scenarios[name].symbol;
  const sim = simulate(scenarios[name]);
  const committed = (f: string) => readFileSync(join(dir, `${symbol}-${f}`), "utf8");

  describe(`sim/datasets (datasets/${name})`, () => {
    it(`simulate(scenarios.${name}) regenerates the five committed archive files byte for byte`, () => {
      assert.equal(klinesCsv(sim.candles, 300_000), committed("5m-klines.csv"));
      assert.equal(klinesCsv(sim.spotCandles, 300_000), committed("spot-5m-klines.csv"));
      assert.equal(metricsCsv(sim.openInterest, symbol), committed("metrics.csv"));
      assert.equal(liquidationSnapshotCsv(sim.liquidations), committed("liquidationSnapshot.csv"));
      assert.equal(fundingCsv(sim.funding, 8), committed("fundingRate.csv"));
    });

    it("the data loaders read the files back to the simulation's numbers (within the written decimals)", () => {
      const k = loadBinanceKlines(join(dir, `${symbol}-5m-klines.csv`)).table;
      assert.equal(k.numRows(), sim.candles.numRows());
      const close = k.array("close") as Float64Array;
      const simClose = sim.candles.array("close") as Float64Array;
      close.forEach((c, i) => assert.ok(Math.abs(c - simClose[i]!) <= 0.005 + 1e-9, `close ${i}`));
      assert.deepEqual(Array.from(k.array("time") as Float64Array), Array.from(sim.candles.array("time") as Float64Array));

      const m = loadBinanceMetrics(join(dir, `${symbol}-metrics.csv`)).table;
      assert.deepEqual(Array.from(m.array("time") as Float64Array), Array.from(sim.openInterest.array("time") as Float64Array));
      const oi = m.array("openInterestUsd") as Float64Array;
      (sim.openInterest.array("openInterestUsd") as Float64Array).forEach((v, i) => assert.ok(Math.abs(oi[i]! - v) <= 0.00005 + 1e-6, `oi ${i}`));

      const l = loadBinanceLiquidationSnapshot(join(dir, `${symbol}-liquidationSnapshot.csv`)).table;
      assert.equal(l.numRows(), sim.liquidations.numRows());
      const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
      const usd = sum(l.array("usd") as Float64Array);
      const simUsd = sum(sim.liquidations.array("usd") as Float64Array);
      assert.ok(Math.abs(usd - simUsd) < 1e-6 * simUsd);
      assert.deepEqual(Array.from(l.array("side") as string[]), Array.from(sim.liquidations.array("side") as string[]));

      const f = loadBinanceFundingRate(join(dir, `${symbol}-fundingRate.csv`)).table;
      assert.deepEqual(Array.from(f.array("fundingRate") as Float64Array), Array.from(sim.funding.array("fundingRate") as Float64Array));
    });

    if (name === "eth") {
      it("scenarios.eth is long-heavy under its $4,000 resistance and ends near $3,800", () => {
        const close = sim.candles.array("close") as Float64Array;
        const last = close[close.length - 1]!;
        assert.ok(Math.abs(last - 3800) / 3800 < 0.05, `last close ${last}`);
        const ratio = sim.openInterest.array("topTraderLongShortRatio") as Float64Array;
        assert.ok(ratio.every((r) => r > 1), "longs outweigh shorts in USD at every bar");
      });
    }

    it(`datasets/README.md's liquidation table: ${name}/'s forced orders over three days against its open interest`, () => {
      // The row as README prints it, recomputed from the files with the loaders.
      const readme = readFileSync(join(root, "README.md"), "utf8");
      const section = readme.slice(readme.indexOf("## How far they are from a real market"));
      const row = section.split("\n").find((l) => l.startsWith(`| \`${name}/\` |`));
      assert.ok(row, `no row for ${name}/`);
      const l = loadBinanceLiquidationSnapshot(join(dir, `${symbol}-liquidationSnapshot.csv`)).table;
      const usd = l.array("usd") as Float64Array;
      const side = l.array("side") as string[];
      let long = 0, short = 0, largest = 0;
      usd.forEach((u, i) => { if (side[i] === "long") long += u; else short += u; largest = Math.max(largest, u); });
      const oi = loadBinanceMetrics(join(dir, `${symbol}-metrics.csv`)).table.array("openInterestUsd") as Float64Array;
      const mean = oi.reduce((a, x) => a + x, 0) / oi.length;
      const b = (x: number, digits: number) => `$${(x / 1e9).toFixed(digits)}B`;
      const cells = [b(long, 2), b(short, 2), b(mean, mean < 1e10 ? 2 : 1), `${Math.round(((long + short) / 3 / mean) * 100)} %`, `$${Math.round(largest / 1e6)}M`];
      assert.equal(row, `| \`${name}/\` | ${cells.join(" | ")} |`);
    });

    if (name === "sol") {
      it("datasets/README.md's sol row: the random walk ends at the last close of the klines file", () => {
        const close = loadBinanceKlines(join(dir, `${symbol}-5m-klines.csv`)).table.array("close") as Float64Array;
        assert.ok(readFileSync(join(root, "README.md"), "utf8").includes(`(the random walk ends at $${close[close.length - 1]!.toFixed(2)})`));
      });
    }

    if (name === "bnb") {
      it("datasets/README.md's bnb row: at the end 69% of open USD is at 50x, 50x levels $708–$866, 67% of open USD 50x within $753–$875", () => {
        // The positions still open after the last bar (2025-07-22 23:55 UTC), USD at entry.
        const open = (sim.positions().objects() as { end: string; leverage: number; liquidationPrice: number; quantity: number; entryPrice: number }[]).filter((p) => p.end === "open");
        const usd = (ps: typeof open) => ps.reduce((a, p) => a + p.quantity * p.entryPrice, 0);
        const at50 = open.filter((p) => p.leverage === 50);
        const levels = at50.map((p) => p.liquidationPrice);
        assert.deepEqual([Math.round(Math.min(...levels)), Math.round(Math.max(...levels))], [708, 866]);
        assert.equal((usd(at50) / usd(open)).toFixed(2), "0.69");
        const band = at50.filter((p) => p.liquidationPrice >= 753 && p.liquidationPrice <= 875);
        assert.equal((usd(band) / usd(open)).toFixed(2), "0.67");
      });
    }
  });
}
