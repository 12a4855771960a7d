import { strict as assert } from "assert";
import fc from "fast-check";
import { replay } from "../../src/engine/replay";
import type { ReplayOptions } from "../../src/engine/options";

// Arbitrary markets: flat bars, gaps, open interest that drops to zero and comes back.
const bar = fc.record({
  move: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
  wick: fc.double({ min: 0, max: 0.03, noNaN: true }),
  oi: fc.oneof(fc.constant(0), fc.double({ min: 1, max: 1e9, noNaN: true })),
  buy: fc.double({ min: 0, max: 1, noNaN: true }),
});
const options = fc.constantFrom<ReplayOptions>(
  {},
  { anchor: "off", close: "nearest" },
  { anchor: "scale", entry: "close", halfLifeHours: [0.5, 1, 1, 24, 0] },
  { leverage: { tiers: [2, 125], weights: [1, 3], shortWeights: [3, 1] }, split: "even", halfLifeHours: 0 },
  { anchor: "scale", close: "nearest", halfLifeHours: 0.5 },
  // Five tiers in one group, closed nearest first on a fine grid: tier lanes and their group's sum
  // lane can end a bin apart (rounding crumbs), which liquidation must clear lane by lane.
  { leverage: "conservative", close: "nearest", anchor: "scale", grid: { step: 0.25 } },
);

describe("replay(candles, oi) on arbitrary markets", () => {
  it("replay(candles, oi) stays finite, non-negative and conserving, with every level on its side of the price", () => {
    fc.assert(
      fc.property(fc.array(bar, { minLength: 1, maxLength: 60 }), options, (rows, o) => {
        let price = 1_000;
        const c = { time: [] as number[], open: [] as number[], high: [] as number[], low: [] as number[], close: [] as number[], volume: [] as number[], takerBuyVolume: [] as number[], openInterestUsd: [] as number[] };
        rows.forEach((r, i) => {
          const open = price;
          const close = open * (1 + r.move);
          c.time.push(i * 300_000);
          c.open.push(open);
          c.close.push(close);
          c.high.push(Math.max(open, close) * (1 + r.wick));
          c.low.push(Math.min(open, close) * (1 - r.wick));
          c.volume.push(10);
          c.takerBuyVolume.push(10 * r.buy);
          c.openInterestUsd.push(r.oi);
          price = close;
        });
        const m = replay({ candles: c, ...o });
        let opened = 0;
        let gone = 0;
        for (const r of m.bars.objects() as Record<string, number>[]) {
          for (const v of Object.values(r)) assert.ok(Number.isFinite(v) && v >= 0);
          opened += r.openedUsd;
          gone += r.longLiquidatedUsd + r.shortLiquidatedUsd + r.closedUsd + r.decayedUsd;
          assert.ok(Math.abs(opened - gone - r.openLongUsd - r.openShortUsd) <= 1e-9 * Math.max(1, opened));
        }
        const map = m.mapAt();
        const mapped = { long: 0, short: 0 };
        for (const r of map.table.objects() as { price: number; side: "long" | "short"; usd: number }[]) {
          assert.ok(r.usd > 0 && Number.isFinite(r.usd));
          assert.ok(r.side === "long" ? r.price < map.price : r.price > map.price);
          mapped[r.side] += r.usd;
        }
        // The map holds what the last bar reports open, side by side.
        const last = m.bars.objects()[rows.length - 1] as Record<string, number>;
        assert.ok(Math.abs(mapped.long - last.openLongUsd) <= 1e-9 * Math.max(1, opened), `long: map ${mapped.long}, bars ${last.openLongUsd}`);
        assert.ok(Math.abs(mapped.short - last.openShortUsd) <= 1e-9 * Math.max(1, opened), `short: map ${mapped.short}, bars ${last.openShortUsd}`);
        const { longUsd, shortUsd, ratio } = map.imbalance(100);
        assert.ok(Number.isFinite(longUsd) && Number.isFinite(shortUsd) && !Number.isNaN(ratio));
      }),
      { seed: 2026, numRuns: 150 },
    );
  });
});
