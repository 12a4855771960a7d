import { strict as assert } from "assert";
import { readSeries } from "../../src/engine/input";
import { levelBands } from "../../src/engine/levels";
import { resolveOptions } from "../../src/engine/resolve";
import { newBarArrays, simulate, type Plan } from "../../src/engine/simulate";
import { market } from "./fixtures";

describe("simulate(series, plan, last, pass)", () => {
  it("simulate(..., { tiered }) gives bit-identical bars with and without per-tier lanes", () => {
    const { candles, openInterest } = market(500, 12);
    for (const options of [{}, { close: "nearest" as const, halfLifeHours: [1, 1, 2, 2, 0] }, { anchor: "scale" as const }]) {
      const o = resolveOptions(options);
      const s = readSeries(candles, openInterest, o);
      const plan: Plan = { step: 10, ratios: levelBands(o, s.close[0]), weights: o.weights, halfLifeHours: o.halfLifeHours, entry: o.entry, close: o.close, anchor: o.anchor };
      const a = newBarArrays(s.n);
      const b = newBarArrays(s.n);
      const tiered = simulate(s, plan, s.n - 1, { bars: a, tiered: true });
      const plain = simulate(s, plan, s.n - 1, { bars: b });
      assert.deepEqual(a, b);
      assert.deepEqual([tiered.kMin, tiered.kMax], [plain.kMin, plain.kMax]);
      assert.throws(() => plain.addTier(0, 0, 0, new Float64Array(1)), /keeps group sums only/);
    }
  });
});
