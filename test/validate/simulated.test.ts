import assert from "node:assert/strict";
import { validateScenario } from "../../src/validate/simulated";
import { scenarios } from "../../src/sim/scenarios";
import { simulate } from "../../src/sim/simulate";
import { trueLiquidationMap } from "../../src/sim/truth";
import { mapDistance } from "../../src/validate/distance";
import { spearman } from "../../src/validate/metrics";
import { readFileSync } from "node:fs";
import { estimateCaption } from "../../src/util/estimate";
import { join } from "node:path";

describe("validate/simulated", () => {
  it("validateScenario('eth') replays the shipped files and scores them: every figure finite, distances in (0, 0.1)", () => {
    const v = validateScenario("eth");
    assert.equal(v.backtest.series.numRows(), v.backtest.bars);
    for (const d of [v.distance.long, v.distance.short, v.meanDistance.long, v.meanDistance.short]) assert.ok(d > 0 && d < 0.1, String(d));
    assert.equal(v.meanDistance.snapshots, 11); // after bars 72, 144, …, 792 of 864
    for (const side of [v.backtest.long, v.backtest.short]) for (const m of [side.model, side.baseline]) for (const x of Object.values(m)) assert.ok(Number.isFinite(x));
  });

  it("mapDistance(truth, truth) is 0: the simulator's truth as a LiquidationMap compares to itself exactly", () => {
    const t = simulate({ ...scenarios.eth, bars: 60, warmupBars: 30 }).trueMapAt();
    const m = trueLiquidationMap(t);
    assert.equal(m.price, t.price);
    assert.deepEqual(mapDistance(m, t), { long: 0, short: 0 });
    // The map holds the truth's USD: every long is liquidated by a fall to 0, every short by a rise past the grid.
    const sum = (v: Float64Array) => v.reduce((s, x) => s + x, 0);
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * b;
    assert.ok(sum(t.longTotal) > 0 && sum(t.shortTotal) > 0);
    assert.ok(close(m.liquidationsIf(0).usd, sum(t.longTotal)), `${m.liquidationsIf(0).usd} vs ${sum(t.longTotal)}`);
    assert.ok(close(m.liquidationsIf(t.grid.lo + 2 * t.grid.bins * t.grid.step).usd, sum(t.shortTotal)));
  });

  it("mapDistance(estimated, truth) of a truth moved k bins is k steps as a share of the price", () => {
    const t = simulate({ ...scenarios.eth, bars: 60, warmupBars: 30 }).trueMapAt();
    const k = 3;
    // Every tier's USD k bins higher; the truth's levels stay clear of the grid's top end.
    const moved = (rows: Float64Array[]) => rows.map((r) => {
      for (let i = r.length - k; i < r.length; i++) assert.equal(r[i], 0, `bin ${i} holds USD`);
      const out = new Float64Array(r.length);
      out.set(r.subarray(0, r.length - k), k);
      return out;
    });
    const estimated = { price: t.price, grid: t.grid, long: moved(t.long), short: moved(t.short) };
    const d = mapDistance(estimated, t);
    const expected = (k * t.grid.step) / t.price;
    for (const side of ["long", "short"] as const) assert.ok(Math.abs(d[side] - expected) <= 1e-9 * expected, `${side}: ${d[side]} vs ${expected}`);
  });

  it("validateScenario('bnb') replays with BNBUSDT's brackets and the retail mix capped at its 75x", () => {
    const v = validateScenario("bnb");
    // BNBUSDT bracket 1 (notional up to 10,000 USDT, the representative position) allows 75x;
    // the retail preset is 5/10/25/50/100x at 15/30/30/15/10%.
    assert.deepEqual(v.replay, { symbol: "BNBUSDT", leverage: { tiers: [5, 10, 25, 50, 75], weights: [0.15, 0.3, 0.3, 0.15, 0.1] }, maxLeverage: 75 });
    assert.equal(validateScenario("sol").replay.maxLeverage, 100);
    assert.equal(validateScenario("eth").replay.leverage.tiers.at(-1), 100);
  });

  it("validateScenario('bnb').backtest labels realized as the simulator's forced orders and counts the 13 of 864 bars it leaves out", () => {
    const b = validateScenario("bnb").backtest;
    assert.equal(b.realized, "the simulator's forced orders");
    // 3 days of 5-minute bars = 864; 851 scored (docs/validation.md's "94 of 851"): 13 outside the forced orders' span.
    assert.equal(b.bars, 851);
    assert.deepEqual(b.leftOut, { realizedRows: 0, realizedUsd: 0, bars: 13 });
    assert.match(estimateCaption(b.series)!, /beside realized \(the simulator's forced orders\); left out of the scores: 13 of 864 bars, 0 realized rows \(\$0\)/);
    assert.doesNotMatch(estimateCaption(b.series)!, /reported/);
  });

  it("validateScenario('xrp') throws naming the known scenarios", () => {
    assert.throws(() => validateScenario("xrp"), /unknown scenario \(use eth, sol, bnb\)/);
    // an inherited name is no scenario either (it read Object.prototype.toString as the options)
    assert.throws(() => validateScenario("toString"), /column "scenario": unknown scenario \(use eth, sol, bnb\) \(value "toString"\)/);
  });

  it("docs/validation.md's calibration and liquidating-bars table: every row recomputed from validateScenario", () => {
    const doc = readFileSync(join(__dirname, "..", "..", "docs", "validation.md"), "utf8");
    const section = doc.slice(doc.indexOf("| dataset | side | calibration model / baseline |"));
    for (const name of ["eth", "sol", "bnb"] as const) {
      const s = validateScenario(name).backtest;
      for (const side of ["long", "short"] as const) {
        const real = s.series.array(`${side}RealizedUsd`) as Float64Array;
        const keep = Array.from(real.keys()).filter((i) => real[i]! > 0);
        const on = (col: string) => Float64Array.from(keep, (i) => (s.series.array(col) as Float64Array)[i]!);
        const f = (x: number) => x.toFixed(3);
        const row = `| ${name} | ${side} | ${f(s[side].model.calibration)} / ${f(s[side].baseline.calibration)} | ${keep.length} of ${real.length} | ${f(spearman(on(`${side}EstimatedUsd`), on(`${side}RealizedUsd`)))} / ${f(spearman(on(`${side}BaselineUsd`), on(`${side}RealizedUsd`)))} |`;
        assert.ok(section.includes(row), `missing or stale: ${row}`);
      }
    }
  });
});
