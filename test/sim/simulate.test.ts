import assert from "node:assert/strict";
import { simulate } from "../../src/sim/simulate";
import type { SimulateOptions } from "../../src/sim/options";
import { gridAround, trueLiquidationMap } from "../../src/sim/truth";

const small: SimulateOptions = { seed: 5, symbol: "ETHUSDT", startPrice: 3000, bars: 240, warmupBars: 60, holdingBars: 60, openInterestUsd: 2e8, dailyVolatility: 0.06, cohortUsd: 2e5 };
const sim = simulate(small);
const col = (t: { array(n: string): unknown }, n: string) => t.array(n) as Float64Array;

describe("sim/simulate", () => {
  it("simulate(options) with the same seed gives identical series; another seed differs", () => {
    const again = simulate(small);
    assert.deepEqual(Array.from(col(again.candles, "close")), Array.from(col(sim.candles, "close")));
    assert.deepEqual(Array.from(col(again.liquidations, "usd")), Array.from(col(sim.liquidations, "usd")));
    const other = simulate({ ...small, seed: 6 });
    assert.notDeepEqual(Array.from(col(other.candles, "close")), Array.from(col(sim.candles, "close")));
  });

  it("simulate(options) candles are consistent bars: low <= open, close <= high, contiguous times", () => {
    const [t, o, h, l, c] = ["time", "open", "high", "low", "close"].map((n) => col(sim.candles, n));
    for (let i = 0; i < t!.length; i++) {
      assert.ok(l![i]! <= Math.min(o![i]!, c![i]!) && h![i]! >= Math.max(o![i]!, c![i]!), `bar ${i}`);
      if (i > 0) {
        assert.equal(t![i]! - t![i - 1]!, 300_000);
        assert.equal(o![i], c![i - 1]);
      }
    }
  });

  it("simulate(options) liquidates some of both sides, and per-bar totals equal the forced orders", () => {
    const L = col(sim.liquidationTotals, "longUsd");
    const S = col(sim.liquidationTotals, "shortUsd");
    const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
    assert.ok(sum(L) > 0 && sum(S) > 0);
    const usd = col(sim.liquidations, "usd");
    const side = sim.liquidations.array("side") as string[];
    let evLong = 0;
    let evShort = 0;
    usd.forEach((u, i) => (side[i] === "long" ? (evLong += u) : (evShort += u)));
    assert.ok(Math.abs(evLong - sum(L)) < 1e-6 * sum(L));
    assert.ok(Math.abs(evShort - sum(S)) < 1e-6 * sum(S));
  });

  it("simulate(options) liquidates a long only in a bar whose low reached its liquidation price (and a short at the high)", () => {
    const pos = sim.positions().objects() as { side: string; liquidationPrice: number; endTime: number; end: string }[];
    const t = col(sim.candles, "time");
    const h = col(sim.candles, "high");
    const l = col(sim.candles, "low");
    let n = 0;
    for (const p of pos) {
      if (p.end !== "liquidated" || p.endTime < t[0]!) continue;
      const b = Math.floor((p.endTime - t[0]!) / 300_000);
      if (p.side === "long") assert.ok(l[b]! <= p.liquidationPrice, `long ${p.liquidationPrice} vs low ${l[b]}`);
      else assert.ok(h[b]! >= p.liquidationPrice, `short ${p.liquidationPrice} vs high ${h[b]}`);
      n++;
    }
    assert.ok(n > 0);
  });

  it("simulate(options) open interest at a bar's close equals the quantity of the positions open then", () => {
    const pos = sim.positions().objects() as { quantity: number; openTime: number; endTime: number; end: string }[];
    const time = col(sim.openInterest, "time");
    const oi = col(sim.openInterest, "openInterest");
    for (const b of [0, 100, 239]) {
      const at = time[b]!;
      // Open before the close, and not ended inside or before the bar (a close at bar end counts as ended).
      const q = pos.filter((p) => p.openTime < at && p.endTime >= at).reduce((a, p) => a + p.quantity, 0);
      assert.ok(Math.abs(q - oi[b]!) < 1e-6 * oi[b]!, `bar ${b}: ${q} vs ${oi[b]}`);
    }
  });

  it("simulate(options) longShortRatio is open long cohorts / open short cohorts at the bar's close", () => {
    const pos = sim.positions().objects() as { side: string; openTime: number; endTime: number }[];
    const time = col(sim.openInterest, "time");
    const ratio = col(sim.openInterest, "longShortRatio");
    for (const b of [10, 120, 239]) {
      const open = pos.filter((p) => p.openTime < time[b]! && p.endTime >= time[b]!);
      const longs = open.filter((p) => p.side === "long").length;
      assert.ok(Math.abs(ratio[b]! - longs / (open.length - longs)) < 1e-12, `bar ${b}`);
    }
  });

  it("simulate(options).trueMapAt() holds long levels below the price and short levels above it", () => {
    const m = sim.trueMapAt();
    let below = 0;
    let above = 0;
    m.grid.prices.forEach((p, i) => {
      if (p + m.grid.step / 2 <= m.price) above += m.shortTotal[i]!;
      if (p - m.grid.step / 2 >= m.price) below += m.longTotal[i]!;
    });
    assert.equal(above, 0);
    assert.equal(below, 0);
    assert.ok(m.longTotal.some((x) => x > 0) && m.shortTotal.some((x) => x > 0));
  });

  it("simulate(options).trueMapAt(time, grid) reports the USD of levels outside the grid that it put in the edge bins", () => {
    const wide = sim.trueMapAt();
    const total = (m: typeof wide) => m.longTotal.reduce((a, x) => a + x, 0) + m.shortTotal.reduce((a, x) => a + x, 0);
    // The default grid (±50 % of the price) holds every level here.
    assert.deepEqual(wide.clamped, { long: 0, short: 0 });
    // ±2 % in 0.1 % bins: what lies beyond is counted, the totals are unchanged, and the edge bins
    // hold at least what was clamped into them.
    const narrow = sim.trueMapAt(undefined, gridAround(wide.price, 0.001, 40));
    assert.ok(narrow.clamped.long > 0 && narrow.clamped.short > 0, JSON.stringify(narrow.clamped));
    assert.ok(Math.abs(total(narrow) - total(wide)) <= 1e-9 * total(wide));
    assert.ok(narrow.longTotal[0]! >= narrow.clamped.long * (1 - 1e-12) && narrow.shortTotal[39]! >= narrow.clamped.short * (1 - 1e-12));
  });

  it("simulate(options) forced orders move price: thinner depth liquidates more USD (cascades)", () => {
    const total = (s: ReturnType<typeof simulate>) => col(s.liquidationTotals, "longUsd").reduce((a, b) => a + b, 0) + col(s.liquidationTotals, "shortUsd").reduce((a, b) => a + b, 0);
    const thick = simulate({ ...small, depthUsd: 1e12 });
    const thin = simulate({ ...small, depthUsd: 5e6 });
    assert.ok(total(thin) > 1.2 * total(thick), `${total(thin)} vs ${total(thick)}`);
  });

  it("simulate(options).openPositionsAt(time) holds exactly the quantity the bar's open interest reports", () => {
    const t = col(sim.candles, "time")[100]!;
    const open = sim.openPositionsAt(t + 1);
    const q = col(open, "quantity").reduce((a, b) => a + b, 0);
    const oi = col(sim.openInterest, "openInterest")[100]!;
    assert.ok(Math.abs(q - oi) < 1e-6 * oi);
    assert.throws(() => sim.openPositionsAt(0), /column "time": time is before the first bar \(value 0\)/);
  });

  it("simulate({seed}) takes whole numbers in [0, 2^32) only: others would repeat another seed's market", () => {
    for (const seed of [1.5, 2 ** 32 + 1, -1, 0.2]) {
      assert.throws(() => simulate({ seed, bars: 10, warmupBars: 0 }), /column "seed": seed must be a whole number from 0 to 2\^32 − 1/, String(seed));
    }
  });

  it("simulate({reversion, dailyVolatility, spotDiscount}) refuses values whose price walk diverges (a huge reversion hung the run)", () => {
    // 5-minute bars, 20 steps each: 5,760 steps a day; a reversion of 2 × 5,760 a day or more overshoots the anchor further every step.
    const quick = { bars: 10, warmupBars: 0 };
    assert.throws(() => simulate({ ...quick, reversion: 1e308 }), /column "reversion": reversion must be in \[0, 11520\) per day: with 5760 price steps a day \(ticksPerBar 20, intervalMs 300000\).*\(value 1e\+308\)/);
    assert.throws(() => simulate({ ...quick, reversion: -1 }), /column "reversion": .*\(value -1\)/);
    assert.throws(() => simulate({ ...quick, dailyVolatility: 1e6 }), /column "dailyVolatility": dailyVolatility must be at most 2 \(200 % a day\) \(value 1000000\)/);
    assert.throws(() => simulate({ ...quick, spotDiscount: 2 }), /column "spotDiscount": spotDiscount must be a fraction in \(−1, 1\)/);
    // The limits themselves run, with finite prices.
    for (const o of [{ reversion: 11519 }, { dailyVolatility: 2 }, { reversion: 0 }]) {
      assert.ok((simulate({ ...quick, ...o }).candles.array("close") as Float64Array).every(Number.isFinite), JSON.stringify(o));
    }
  });

  it("simulate(options) refuses sizes that never finish or overflow, naming the option; simulate(null) is simulate()", () => {
    const quick = { bars: 10, warmupBars: 0 };
    // A cascade on a depth of 10 USD per 1 % against 1e7 USD of positions drove the price to Infinity and the sweep never ended.
    assert.throws(() => simulate({ bars: 20, warmupBars: 2, openInterestUsd: 1e7, depthUsd: 10 }), /column "depthUsd": forced orders moved the price to (Infinity|0) in one step: a depth of 10 USD per 1 % is too thin for 10000000 USD of open interest \(default openInterestUsd \/ 10\) \(value 10\)/);
    assert.throws(() => simulate({ ...quick, holdingBars: 1e-6 }), /column "holdingBars": holdingBars must be at least 1 .*\(value 0.000001\)/);
    assert.throws(() => simulate({ ...quick, openInterestUsd: 1e7, cohortUsd: 1e-3 }), /column "cohortUsd": cohortUsd must be at least openInterestUsd \/ 1,000,000 \(10\)/);
    assert.throws(() => simulate({ ...quick, intervalMs: 1e308 }), /column "intervalMs": intervalMs must be at most a day/);
    assert.throws(() => simulate({ bars: 1e308 }), /column "bars": (bars must be a whole number|at most 10,000,000 bars)/);
    assert.throws(() => simulate({ ...quick, startPrice: 5e-324 }), /column "startPrice": startPrice must be within \[1e-15, 1000000000000\] USD, the prices the engine replays/);
    assert.throws(() => simulate({ ...quick, resistance: 5e-324 }), /column "resistance": resistance must be within/);
    assert.throws(() => simulate("eth" as never), /column "options": options must be an object/);
    assert.deepEqual(simulate(null as never).candles.objects().slice(0, 2), simulate({}).candles.objects().slice(0, 2));
  });

  it("gridAround(price, share, bins), trueMapAt(time, grid) and trueLiquidationMap(truth) name a bad argument", () => {
    assert.throws(() => gridAround(NaN), /gridAround: column "price": price must be a finite number \(value NaN\)/);
    assert.throws(() => gridAround(100, 0.001, Infinity), /gridAround: column "bins": bins must be a whole number from 1 to 5000000 \(value Infinity\)/);
    const sim = simulate({ bars: 10, warmupBars: 0 });
    assert.throws(() => sim.trueMapAt(undefined, { lo: 0, step: 1, bins: -1, prices: new Float64Array(0) }), /trueMapAt: column "grid.bins": grid.bins must be a whole number from 1 to 5000000 \(value -1\)/);
    assert.throws(() => trueLiquidationMap(null as never), /trueLiquidationMap: needs a true map from simulate\(\.\.\.\)\.trueMapAt\(time, grid\) \(value null\)/);
  });

  it("simulate({longShare: 2}) throws naming the option", () => {
    assert.throws(() => simulate({ longShare: 2 }), /column "longShare": longShare must be in \[0, 1\] \(value 2\)/);
  });

  it("simulate({ leverage: shares that are all 0, negative, NaN or sum to Infinity }) throws naming the option and value", () => {
    // { 5: 0, 100: 0 } was accepted and put every cohort at 100x (the draw fell through to the last tier).
    assert.throws(() => simulate({ leverage: { 5: 0, 100: 0 } }), /column "leverage": leverage shares must sum to a finite number above 0 \(they sum to 0\): each new cohort draws its tier in proportion to them \(value \{"5":0,"100":0\}\)/);
    assert.throws(() => simulate({ leverage: { 5: 1e308, 100: 1e308 } }), /column "leverage": leverage shares must sum to a finite number above 0 \(they sum to Infinity\)/);
    assert.throws(() => simulate({ leverage: { 5: 1, 100: -0.5 } }), /column "leverage": leverage tiers must be >= 1 with shares >= 0 \(value \{"100":-0.5\}\)/);
    assert.throws(() => simulate({ leverage: { 5: NaN } }), /column "leverage": leverage tiers must be >= 1 with shares >= 0 \(value \{"5":null\}\)/);
    // One tier at a positive share is a valid mix: every cohort at that tier.
    const one = simulate({ bars: 20, warmupBars: 5, leverage: { 5: 0, 20: 3 } });
    assert.deepEqual([...new Set(one.positions().array("leverage") as Float64Array)], [20]);
  });
});
