import { strict as assert } from "assert";
import { table } from "arquero";
import fc from "fast-check";
import { replay } from "../../src/engine/replay";
import { capLeverage } from "../../src/engine/resolve";
import type { ReplayOptions } from "../../src/engine/options";
import { head, market } from "./fixtures";
import { combineMaps } from "../../src/engine/combine";
import { estimateCaption } from "../../src/util/estimate";

// A hand-checkable setup: one 10x tier whose levels sit at entry × 0.905 (long) and × 1.105
// (short), 1 USD bins, positions opened at the close, no decay, OI change applied as reported.
const HAND: ReplayOptions = {
  leverage: { tiers: [10], weights: [1] },
  ratios: { long: [0.905], short: [1.105] },
  grid: { step: 1 },
  entry: "close",
  split: "even",
  halfLifeHours: 0,
  anchor: "off",
};

function bars(rows: { o: number; h: number; l: number; c: number; oi: number }[]) {
  return {
    time: rows.map((_, i) => i * 60_000),
    open: rows.map((r) => r.o),
    high: rows.map((r) => r.h),
    low: rows.map((r) => r.l),
    close: rows.map((r) => r.c),
    openInterestUsd: rows.map((r) => r.oi),
  };
}

describe("replay(candles, oi)", () => {
  it("replay(candles, oi) decays for the time since the previous bar, gaps included", () => {
    // 1-minute bars, half-life 72 h, OI held (anchor "off"): bar 1 follows after 72 hours (the
    // feed was down), so half the book quietly went away; bar 2 is one minute later.
    const c = bars([
      { o: 100, h: 100, l: 100, c: 100, oi: 1000 },
      { o: 100, h: 100, l: 100, c: 100, oi: 1000 },
      { o: 100, h: 100, l: 100, c: 100, oi: 1000 },
    ]);
    c.time = [0, 72 * 3_600_000, 72 * 3_600_000 + 60_000];
    const m = replay({ candles: c, ...HAND, halfLifeHours: 72, interval: 60_000 });
    const decayed = m.bars.array("decayedUsd") as Float64Array;
    assert.equal(decayed[0], 0);
    assert.ok(Math.abs(decayed[1] - 500) < 1e-9, `${decayed[1]}`);
    assert.ok(Math.abs(decayed[2] - 500 * (1 - 0.5 ** (1 / (72 * 60)))) < 1e-9, `${decayed[2]}`);
  });

  it("replay(candles, oi) decays across a gap before the next bar's liquidations", () => {
    // One-hour bars, a one-hour half-life, OI held. Bar 0 opens 500 long at 90.5 and 500 short at
    // 110.5 (HAND). Bar 1 opens 11 hours later (a 10-hour gap after bar 0's close) and trades down
    // to 90: the gap halved the book ten times first, so 500 / 1024 of longs is liquidated, not
    // 500; then bar 0's own hour halves what is left (the shorts: 500 / 2048 decays).
    const H = 3_600_000;
    const c = bars([
      { o: 100, h: 100, l: 100, c: 100, oi: 1000 },
      { o: 100, h: 100, l: 90, c: 100, oi: 1000 },
    ]);
    c.time = [0, 11 * H];
    const m = replay({ candles: c, ...HAND, halfLifeHours: 1, interval: H });
    const bar = m.bars.objects()[1] as Record<string, number>;
    assert.deepEqual(
      [bar.longLiquidatedUsd, bar.shortLiquidatedUsd, bar.decayedUsd, bar.openLongUsd, bar.openShortUsd],
      [500 / 1024, 0, 1000 - 1000 / 1024 + 500 / 2048, 0, 500 / 2048],
    );
  });

  it("replay(candles, oi) liquidates shorts up to a close above the bar's high (the price traded there)", () => {
    // Bar 0 opens 1000 at 100: 500 long at 90.5, 500 short at 110.5. Bar 1's high says 101 but
    // it closes at 111, past the short level: the shorts are gone, none is left below the price.
    const m = replay({ candles: bars([
      { o: 100, h: 100, l: 100, c: 100, oi: 1000 },
      { o: 100, h: 101, l: 99, c: 111, oi: 1000 },
    ]), ...HAND });
    assert.deepEqual([...m.bars.array("shortLiquidatedUsd")], [0, 500]);
    assert.deepEqual(m.mapAt().table.objects(), [{ price: 90.5, side: "long", leverage: 10, usd: 500 }]);
  });

  it("replay({ candles: null }) and replay({ grid: { lo: NaN } }) throw naming the input", () => {
    assert.throws(() => replay({ candles: null as never }), /replay: column "candles": needs \{ candles, openInterest \}/);
    const c = bars([{ o: 100, h: 100, l: 100, c: 100, oi: 1000 }]);
    assert.throws(() => replay({ candles: c, grid: { lo: NaN, bins: 10 } }), /replay: column "grid.lo": grid.lo must be a finite price >= 0 \(USD\) \(value NaN\)/);
    assert.throws(() => replay({ candles: c, grid: { lo: Infinity, bins: 10 } }), /column "grid.lo": grid.lo must be a finite price >= 0 \(USD\) \(value Infinity\)/);
  });

  it("replay(candles, oi) on a 0.1 grid liquidates levels on bin edges when the price reaches them exactly", () => {
    // 1000 USD at 2, split even: long level 2 × 0.6 = 1.2 and short level 2 × 1.15 = 2.3, both on
    // bin edges. Each goes to the bin on the price's side: the long to [1.2, 1.3) (centre 1.25),
    // the short to [2.2, 2.3) (centre 2.25). A low of exactly 1.2 or a high of exactly 2.3 takes
    // them (with Math.floor(1.2 / 0.1) = 11 the long sat at 1.15, below a low of 1.2).
    const options: ReplayOptions = { ...HAND, ratios: { long: [0.6], short: [1.15] }, grid: { step: 0.1, lo: 0.3, bins: 30 } };
    const m = replay({ candles: bars([
      { o: 2, h: 2, l: 2, c: 2, oi: 1000 },
      { o: 2, h: 2.24, l: 2, c: 2.1, oi: 1000 }, // below the short's centre: nothing
      { o: 2.1, h: 2.3, l: 2.1, c: 2.2, oi: 1000 }, // exactly the short level: all 500
      { o: 2.2, h: 2.2, l: 1.2, c: 1.5, oi: 1000 }, // exactly the long level: all 500
    ]), ...options });
    assert.deepEqual((m.mapAt(0).table.objects() as { price: number }[]).map((r) => r.price), [1.25, 2.25]);
    assert.deepEqual([...m.bars.array("shortLiquidatedUsd")], [0, 0, 500, 0]);
    assert.deepEqual([...m.bars.array("longLiquidatedUsd")], [0, 0, 0, 500]);
    // The window starts where asked: 0.3 / 0.1 is 2.9999999999999996, not bin 2.
    assert.deepEqual([m.grid.lo, m.grid.prices[0], m.grid.prices[29]], [0.3, 0.35, 3.25]);
  });

  it("replay(candles, oi) liquidates the levels a bar's range crosses, then applies its OI change", () => {
    // Bar 0 opens 1000 at 100: 500 long at level 90.5, 500 short at 110.5.
    // Bar 1 trades down to 90.5 (long level reached) with OI unchanged: 500 long liquidated.
    // Bar 2 trades up to 110 (short level 110.5 not reached) and OI falls 1000 → 800: of the 500
    // open (all short) 200 close in proportion, 300 remain.
    const m = replay({ candles: bars([
      { o: 100, h: 100, l: 100, c: 100, oi: 1000 },
      { o: 100, h: 100, l: 90.5, c: 95, oi: 1000 },
      { o: 95, h: 110, l: 95, c: 105, oi: 800 },
    ]), ...HAND });
    const rows = m.bars.objects() as Record<string, number>[];
    assert.deepEqual(rows.map((r) => [r.longLiquidatedUsd, r.shortLiquidatedUsd, r.openLongUsd, r.openShortUsd]), [
      [0, 0, 500, 500],
      [500, 0, 0, 500],
      [0, 0, 0, 300],
    ]);
    assert.deepEqual(rows.map((r) => [r.openedUsd, r.closedUsd, r.decayedUsd]), [[1000, 0, 0], [0, 0, 0], [0, 200, 0]]);
    const map = m.mapAt();
    assert.equal(map.price, 105);
    assert.deepEqual(map.table.objects(), [{ price: 110.5, side: "short", leverage: 10, usd: 300 }]);
    assert.deepEqual(map.liquidationsIf(111), { side: "short", usd: 300 });
  });

  it("replay(candles, oi) with anchor 'fill' re-opens at the bar's prices what liquidations took but OI did not lose", () => {
    // Bar 1 liquidates the 500 long; OI still reads 1000, so 500 open at 95: 250 long at
    // 95 × 0.905 = 85.975 (bin 85, centre 85.5), 250 short at 104.975 (bin 104, centre 104.5).
    const m = replay({ candles: bars([
      { o: 100, h: 100, l: 100, c: 100, oi: 1000 },
      { o: 100, h: 100, l: 90.5, c: 95, oi: 1000 },
    ]), ...HAND, anchor: "fill" });
    assert.deepEqual(m.bars.objects()[1], { time: 60_000, longLiquidatedUsd: 500, shortLiquidatedUsd: 0, openLongUsd: 250, openShortUsd: 750, openedUsd: 500, closedUsd: 0, decayedUsd: 0 });
    assert.deepEqual(m.mapAt().table.objects(), [
      { price: 85.5, side: "long", leverage: 10, usd: 250 },
      { price: 104.5, side: "short", leverage: 10, usd: 250 },
      { price: 110.5, side: "short", leverage: 10, usd: 500 },
    ]);
  });

  it("replay(candles, oi) with anchor 'scale' rescales the whole book to the reported OI", () => {
    // Bar 1 liquidates the 500 long (low 90.5); OI unchanged, so the reported change opens nothing
    // and the remaining 500 short is scaled × 2 to the reported 1000: 500 counted as opened.
    const m = replay({ candles: bars([
      { o: 100, h: 100, l: 100, c: 100, oi: 1000 },
      { o: 100, h: 100, l: 90.5, c: 95, oi: 1000 },
    ]), ...HAND, anchor: "scale" });
    assert.deepEqual(m.bars.objects()[1], { time: 60_000, longLiquidatedUsd: 500, shortLiquidatedUsd: 0, openLongUsd: 0, openShortUsd: 1000, openedUsd: 500, closedUsd: 0, decayedUsd: 0 });
    assert.deepEqual(m.mapAt().table.objects(), [{ price: 110.5, side: "short", leverage: 10, usd: 1000 }]);
  });

  it("replay(candles, oi) with anchor 'scale' and close 'nearest' opens afresh when a fall closes the whole book", () => {
    // Ten one-hour half-lives after bar 0, about 1/1024 of its 1,000,000 USD is left; OI falls to
    // 500,000, more than the book holds: everything closes, exactly, and the anchor opens the
    // reported 500,000 afresh, so the book after bar 1 is the one a replay of bar 1 alone builds.
    // (Closing bin by bin used to leave rounding dust that the anchor then scaled up to 500,000.)
    const T0 = 1_700_000_000_000;
    const H = 3_600_000;
    const options: ReplayOptions = { interval: 60_000, halfLifeHours: 1, close: "nearest", anchor: "scale" };
    const candles = { time: [T0, T0 + 10 * H, T0 + 10 * H + 60_000], open: [100, 100, 100], high: [101, 101, 100.5], low: [99, 99, 99.5], close: [100, 100, 100], openInterestUsd: [1e6, 5e5, 0] };
    const m = replay({ candles, ...options });
    const alone = replay({ candles: { ...candles, time: [T0 + 10 * H], open: [100], high: [101], low: [99], close: [100], openInterestUsd: [5e5] }, ...options });
    assert.deepEqual(m.mapAt(T0 + 10 * H).table.objects(), alone.mapAt().table.objects());
    const rows = m.bars.objects() as Record<string, number>[];
    const last = rows[2];
    assert.deepEqual([last.openLongUsd, last.openShortUsd], [0, 0]);
    // Everything opened is accounted for (it was 189,107 USD short of it).
    const sum = (k: string) => rows.reduce((x, r) => x + r[k], 0);
    const gone = sum("longLiquidatedUsd") + sum("shortLiquidatedUsd") + sum("closedUsd") + sum("decayedUsd");
    assert.ok(Math.abs(sum("openedUsd") - gone) < 1e-6, `${sum("openedUsd")} opened, ${gone} gone`);
  });

  it("replay(candles, oi) with anchor 'scale' opens afresh when decay left dust: a 1040-half-life gap gave NaN", () => {
    // A 43-day hole with a one-hour half-life leaves 2^-1040 of the book (about 1e-304 USD):
    // 1e9 / that is Infinity, which made NaN of every bin. Below SCALE_DUST of the reported OI the
    // dust is closed and bar 2 opens the reported 1e9 afresh, as a replay starting at bar 2 does.
    const T0 = Date.UTC(2025, 0, 1);
    const M = 60_000;
    const gap = 1040 * 3_600_000;
    const time = [T0, T0 + M, T0 + M + gap, T0 + 2 * M + gap];
    const candles = { time, open: [100, 100, 100, 100], high: [101, 101, 101, 101], low: [99, 99, 99, 99], close: [100, 100, 100, 100], openInterestUsd: [1e9, 1e9, 1e9, 1e9] };
    const options: ReplayOptions = { anchor: "scale", halfLifeHours: 1, interval: M };
    const m = replay({ candles, ...options });
    const alone = replay({ candles: { time: time.slice(2), open: [100, 100], high: [101, 101], low: [99, 99], close: [100, 100], openInterestUsd: [1e9, 1e9] }, ...options });
    assert.deepEqual(m.mapAt(time[2]).table.objects(), alone.mapAt(time[2]).table.objects());
    const rows = m.bars.objects() as Record<string, number>[];
    for (const r of rows) for (const [k, v] of Object.entries(r)) assert.ok(Number.isFinite(v) && v >= 0, `${k} ${v}`);
    assert.ok(Math.abs(rows[3].openLongUsd + rows[3].openShortUsd - 1e9) <= 1e-12 * 1e9, `${rows[3].openLongUsd + rows[3].openShortUsd}`);
    const { openedUsd, liquidatedUsd, closedUsd, decayedUsd, openUsd } = m.ledger!;
    assert.ok(Math.abs(openedUsd - (openUsd + liquidatedUsd + closedUsd + decayedUsd)) < 1e-6 * openedUsd);
    for (const c of m.heatmap().z) assert.ok(c.every((v) => Number.isFinite(v) && v >= 0));
  });

  it("replay(candles, oi) with anchor 'scale' and fast decay stays finite: empty groups are not scaled", () => {
    // Monthly bars, half-lives of 1-16 hours: the groups decay to nothing between bars and the
    // anchor scales the book back up each bar; an empty group's factor used to be multiplied too,
    // reaching Infinity (NaN bars) by bar 3.
    const time = [0, 1, 2, 3].map((m) => Date.UTC(2023, m, 1));
    const closeTime = [1, 2, 3, 4].map((m) => Date.UTC(2023, m, 1) - 1);
    const p = 30_000;
    const candles = { time, closeTime, open: [p, p, p, p], high: [p, p, 31_085, p], low: [p, p, 28_915, p], close: [p, p, p, p], openInterestUsd: [5e8, 2.5e9, 2.5e9, 2.5e9] };
    const m = replay({ candles, anchor: "scale", halfLifeHours: [1, 2, 4, 8, 16], leverage: "degen", leverageBands: "point", split: "even" });
    const rows = m.bars.objects() as Record<string, number>[];
    for (const r of rows) for (const v of Object.values(r)) assert.ok(Number.isFinite(v) && v >= 0, JSON.stringify(r));
    // The scale anchor holds the book at the reported open interest.
    assert.ok(Math.abs(rows[3].openLongUsd + rows[3].openShortUsd - 2.5e9) < 1e-3);
    assert.ok(Number.isFinite(m.ledger!.openUsd));
  });

  it("replay(candles, oi) with halfLifeHours decays each tier by 0.5^(interval / half-life)", () => {
    // One-hour bars, a one-hour half-life: each bar halves the book; OI flat and not anchored.
    const hourly = (rows: Parameters<typeof bars>[0]) => ({ ...bars(rows), time: rows.map((_, i) => i * 3_600_000) });
    const m = replay({ candles: hourly([
      { o: 100, h: 100, l: 100, c: 100, oi: 1000 },
      { o: 100, h: 100, l: 100, c: 100, oi: 1000 },
      { o: 100, h: 100, l: 100, c: 100, oi: 1000 },
    ]), ...HAND, halfLifeHours: 1 });
    const rows = m.bars.objects() as Record<string, number>[];
    assert.deepEqual(rows.map((r) => [r.decayedUsd, r.openLongUsd, r.openShortUsd]), [[0, 500, 500], [500, 250, 250], [250, 125, 125]]);
  });

  it("replay(candles, oi) with close 'nearest' closes the levels nearest the price first", () => {
    // Bars 0 and 1 open 1000 at 100 then 1000 at 110 (no level crossed: bar 1's low is 100).
    // Longs: 500 at 90.5 and 500 at 99.55 (bin 99, centre 99.5). Bar 2: OI 2000 → 1000 with price 105:
    // 500 of longs close nearest first (the 99.5 bin), 500 of shorts the lowest (110.5 bin).
    const m = replay({ candles: bars([
      { o: 100, h: 100, l: 100, c: 100, oi: 1000 },
      { o: 100, h: 110, l: 100, c: 110, oi: 2000 },
      { o: 110, h: 110, l: 105, c: 105, oi: 1000 },
    ]), ...HAND, close: "nearest" });
    assert.deepEqual(m.mapAt().table.objects(), [
      { price: 90.5, side: "long", leverage: 10, usd: 500 },
      { price: 121.5, side: "short", leverage: 10, usd: 500 },
    ]);
  });

  it("replay(candles, oi) splits new USD by taker buy share and spreads it over the bar's range", () => {
    // One bar, low 100 high 110, 75% taker buying, OI 1000: 750 long with levels spread evenly
    // over [90.5, 99.55] (bins 90..99), 250 short over [110.5, 121.55].
    const m = replay({ candles: { ...bars([{ o: 100, h: 110, l: 100, c: 110, oi: 1000 }]), volume: [4], takerBuyVolume: [3] }, ...HAND, entry: "range", split: "auto" });
    const map = m.mapAt();
    const long = map.liquidationsIf(1);
    const short = map.liquidationsIf(1000);
    assert.ok(Math.abs(long.usd - 750) < 1e-9 && Math.abs(short.usd - 250) < 1e-9);
    // Bin 91 = [91, 92) holds 1/9.05 of the long levels' span.
    const bin91 = (map.table.objects() as { side: string; price: number; usd: number }[]).find((r) => r.side === "long" && r.price === 91.5);
    assert.ok(bin91 && Math.abs(bin91.usd - 750 / 9.05) < 1e-9);
  });

  it("replay(candles, oi) never reads a later bar: outputs up to bar t are identical without the later bars", () => {
    const full = market(400, 7);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 398 }),
        fc.constantFrom<ReplayOptions>({}, { close: "nearest", anchor: "off" }, { anchor: "scale", entry: "close", halfLifeHours: [1, 2, 2, 5, 0] }, { leverage: "degen", split: "even" }),
        (t, options) => {
          const a = replay({ candles: full.candles, openInterest: full.openInterest, ...options });
          const b = replay({ candles: head(full.candles, t + 1), openInterest: head(full.openInterest, t + 1), ...options });
          const cut = (m: typeof a) => m.bars.slice(0, t + 1).objects();
          assert.deepEqual(cut(b), cut(a));
          const ma = a.mapAt(full.candles.time[t]);
          const mb = b.mapAt(full.candles.time[t]);
          assert.deepEqual(mb.table.objects(), ma.table.objects());
          assert.deepEqual([mb.grid.lo, mb.grid.bins, mb.price, mb.time], [ma.grid.lo, ma.grid.bins, ma.price, ma.time]);
          assert.deepEqual(mb.long, ma.long);
          assert.deepEqual(mb.short, ma.short);
        },
      ),
      { seed: 42, numRuns: 12 },
    );
  });

  it("replay(candles, oi).heatmap() columns up to bar t hold the same USD at every price without the later bars", () => {
    const full = market(300, 9);
    const total = (col: ArrayLike<number>) => {
      let x = 0;
      for (let k = 0; k < col.length; k++) x += col[k]!;
      return x;
    };
    for (const t of [0, 57, 180]) {
      const cut = { candles: head(full.candles, t + 1), openInterest: head(full.openInterest, t + 1) };
      // A window fixed in advance: the columns are identical arrays.
      // (interval given: one candle alone has no gap to infer it from)
      const grid = { step: 25, lo: 21_000, bins: 900 };
      const a = replay({ ...full, grid, heatmap: {}, interval: 60_000 }).heatmap();
      const b = replay({ ...cut, grid, heatmap: {}, interval: 60_000 }).heatmap();
      assert.equal(b.z.length, t + 1);
      assert.ok(total(b.z[t]!) > 0, "the window holds levels");
      assert.deepEqual(b.z, a.z.slice(0, t + 1));
      assert.deepEqual(b.times, a.times.slice(0, t + 1));
      // The default window spans every bin the input used, so it can differ; the USD at each
      // absolute bin does not.
      const fa = replay({ ...full, interval: 60_000 }).heatmap();
      const fb = replay({ ...cut, interval: 60_000 }).heatmap();
      const kA = Math.round(fa.grid.lo / fa.grid.step);
      const kB = Math.round(fb.grid.lo / fb.grid.step);
      assert.equal(fa.grid.step, fb.grid.step);
      if (t === 0) assert.notEqual(fb.grid.bins, fa.grid.bins, "the windows differ, so the comparison aligns bins");
      for (let c = 0; c <= t; c++) {
        for (let k = 0; k < fb.grid.bins; k++) {
          const j = kB + k - kA;
          assert.equal(fb.z[c]![k], j >= 0 && j < fa.grid.bins ? fa.z[c]![j] : 0, `column ${c}, bin ${kB + k}`);
        }
        // and nothing outside the shorter input's window
        const inside = total(fb.z[c]!);
        assert.ok(Math.abs(total(fa.z[c]!) - inside) <= 1e-6 * Math.max(1, inside));
      }
    }
  });

  it("replay(candles, oi) reads arquero tables, sliced or filtered, like the plain columns", () => {
    const full = market(120, 14);
    const candles = table(full.candles);
    const oi = table(full.openInterest);
    const plain = replay({ candles: head(full.candles, 80), openInterest: head(full.openInterest, 80) });
    const cutTime = full.candles.time[79];
    const sliced = replay({ candles: candles.slice(0, 80), openInterest: oi.params({ cutTime }).filter((d: { time: number }, $: { cutTime: number }) => d.time <= $.cutTime) });
    assert.deepEqual(sliced.bars.objects(), plain.bars.objects());
    assert.deepEqual(sliced.mapAt().table.objects(), plain.mapAt().table.objects());
  });

  it("replay(candles, oi, { interval }) on the first bar alone equals the first bar of the longer input", () => {
    // A single candle has no gap to infer the interval from: given, bar 0 is the same bar.
    const full = market(50, 8);
    const a = replay({ candles: full.candles, openInterest: full.openInterest, interval: 60_000 });
    const b = replay({ candles: head(full.candles, 1), openInterest: head(full.openInterest, 1), interval: 60_000 });
    assert.deepEqual(b.bars.objects(), a.bars.slice(0, 1).objects());
    const [ma, mb] = [a.mapAt(full.candles.time[0]), b.mapAt()];
    assert.deepEqual([mb.time, mb.price, mb.grid.lo, mb.grid.bins], [ma.time, ma.price, ma.grid.lo, ma.grid.bins]);
    assert.deepEqual(mb.long, ma.long);
  });

  it("replay(candles with closeTime, oi) takes the interval from bar 0 alone: one candle equals the first bar of the longer input", () => {
    // Binance klines stamp close_time = open + interval − 1 ms; no later bar is needed.
    const full = market(50, 8);
    const candles = { ...full.candles, closeTime: full.candles.time.map((t) => t + 60_000 - 1) };
    const a = replay({ candles, openInterest: full.openInterest });
    const b = replay({ candles: head(candles, 1), openInterest: head(full.openInterest, 1) });
    assert.deepEqual(b.bars.objects(), a.bars.slice(0, 1).objects());
    const [ma, mb] = [a.mapAt(full.candles.time[0]), b.mapAt()];
    assert.equal(mb.time, full.candles.time[0] + 60_000);
    assert.deepEqual([mb.time, mb.price, mb.grid.lo, mb.grid.bins], [ma.time, ma.price, ma.grid.lo, ma.grid.bins]);
    assert.deepEqual(mb.long, ma.long);
    // the same bars as with the interval given
    assert.deepEqual(a.bars.objects(), replay({ ...full, interval: 60_000 }).bars.objects());
    // a vendor stamping the close at open + interval gives the same interval
    const next = { ...full.candles, closeTime: full.candles.time.map((t) => t + 60_000) };
    assert.equal(replay({ candles: head(next, 1), openInterest: head(full.openInterest, 1) }).mapAt().time, mb.time);
  });

  it("replay(monthly candles with closeTime): maps and heatmap columns are stamped at each bar's own close", () => {
    // Binance 1M klines, Jan-Apr 2025: close = next month's open − 1 ms. With January's 31 days
    // for every bar, February's map was stamped 4 March, after March had opened.
    const open = [0, 1, 2, 3, 4].map((m) => Date.UTC(2025, m, 1));
    const flat = [100, 100, 100, 100];
    const candles = { time: open.slice(0, 4), open: flat, high: flat, low: flat, close: flat, closeTime: open.slice(1).map((t) => t - 1), openInterestUsd: [1000, 1000, 1000, 1000] };
    const m = replay({ candles, ...HAND, grid: { step: 1, lo: 80, bins: 40 }, heatmap: {} });
    assert.deepEqual([0, 1, 2, 3].map((i) => new Date(m.mapAt(open[i]).time).toISOString()), open.slice(1).map((t) => new Date(t).toISOString()));
    assert.deepEqual([...m.heatmap().times], open.slice(1));
    assert.deepEqual([...m.heatmap({ step: 86_400_000 }).times], open.slice(1));
  });

  it("replay(candles with closeTime not after time) throws naming the column and value", () => {
    const full = market(3, 8);
    const candles = { ...full.candles, closeTime: full.candles.time.slice() };
    assert.throws(() => replay({ candles, openInterest: full.openInterest }), /candles, column "closeTime": row 0: closeTime must be a time after the bar's open time \(it sets the bar's span; or pass `interval`\) \(value 1699999200000\)/);
  });

  it("replay(candles, oi).mapAt(bar t).liquidationsIf(next low / high) is what bar t + 1 liquidates", () => {
    // Entries at the close never lie beyond it, so a bar liquidates only levels its range crosses,
    // which the map after the previous bar answers. Decay and OI changes come after liquidation.
    const { candles, openInterest } = market(300, 13);
    const m = replay({ candles, openInterest, entry: "close" });
    const rows = m.bars.objects() as Record<string, number>[];
    // five bars before a bar that liquidates something, and five before one that does not
    const busy = rows.flatMap((r, i) => (i > 0 && r.longLiquidatedUsd + r.shortLiquidatedUsd > 0 ? [i - 1] : [])).slice(0, 5);
    const quiet = rows.flatMap((r, i) => (i > 0 && r.longLiquidatedUsd + r.shortLiquidatedUsd === 0 ? [i - 1] : [])).slice(0, 5);
    assert.equal(busy.length, 5);
    let checked = 0;
    for (const t of [...busy, ...quiet]) {
      const map = m.mapAt(candles.time[t]);
      const long = map.liquidationsIf(Math.min(candles.low[t + 1], map.price)).usd;
      const short = map.liquidationsIf(Math.max(candles.high[t + 1], map.price)).usd;
      assert.ok(Math.abs(long - rows[t + 1].longLiquidatedUsd) <= 1e-9 * Math.max(1, long), `bar ${t + 1} long`);
      assert.ok(Math.abs(short - rows[t + 1].shortLiquidatedUsd) <= 1e-9 * Math.max(1, short), `bar ${t + 1} short`);
      checked += long > 0 || short > 0 ? 1 : 0;
    }
    assert.equal(checked, 5);
  });

  it("replay(candles, oi).liquidationSources() splits each bar's liquidations into the book before it and what the bar opened and wiped out", () => {
    // Entries over the bar's range: a bar opens levels beyond its own close, which it wipes out (step 4).
    const { candles, openInterest } = market(300, 13);
    const m = replay({ candles, openInterest });
    const src = m.liquidationSources!();
    assert.equal(m.liquidationSources!(), src);
    assert.deepEqual(src.columnNames(), ["time", "longBookUsd", "shortBookUsd", "longInBarUsd", "shortInBarUsd"]);
    const col = (t: typeof src, c: string) => Float64Array.from(t.array(c) as ArrayLike<number>);
    assert.deepEqual(col(src, "time"), Float64Array.from(candles.time));
    for (const side of ["long", "short"]) {
      const book = col(src, `${side}BookUsd`);
      const inBar = col(src, `${side}InBarUsd`);
      const all = col(m.bars, `${side}LiquidatedUsd`);
      // The two parts are the bar's liquidations (the kernel adds them in this order).
      all.forEach((x, i) => assert.equal(book[i]! + inBar[i]!, x, `${side} bar ${i}`));
      assert.ok(inBar.some((x) => x > 0) && book.some((x) => x > 0), `${side}: both parts occur`);
      // The book part is what the map after the previous bar answers for this bar's low / high.
      let checked = 0;
      for (let i = 1; i < candles.time.length; i += 7) {
        const map = m.mapAt(candles.time[i - 1]);
        const target = side === "long" ? Math.min(candles.low[i], map.price) : Math.max(candles.high[i], map.price);
        const want = map.liquidationsIf(target).usd;
        assert.ok(Math.abs(book[i]! - want) <= 1e-9 * Math.max(1, want), `${side} bar ${i}: ${book[i]} vs ${want}`);
        checked += want > 0 ? 1 : 0;
      }
      assert.ok(checked >= 3, `${side}: ${checked} bars with a book part checked`);
    }
    // Point in time: the first 120 bars' sources are the same without the later bars.
    const cut = replay({ candles: head(candles, 120), openInterest }).liquidationSources!();
    for (const c of src.columnNames()) assert.deepEqual(col(cut, c), col(src, c).slice(0, 120), c);
  });

  it("replay(candles, oi) conserves USD: opened = open + liquidated + closed + decayed, bar by bar", () => {
    const { candles, openInterest } = market(600, 3);
    for (const options of [{}, { close: "nearest" as const }, { anchor: "scale" as const }, { anchor: "off" as const, halfLifeHours: [2, 4, 8, 16, 32] }]) {
      const m = replay({ candles, openInterest, ...options });
      let opened = 0;
      let gone = 0;
      for (const r of m.bars.objects() as Record<string, number>[]) {
        opened += r.openedUsd;
        gone += r.longLiquidatedUsd + r.shortLiquidatedUsd + r.closedUsd + r.decayedUsd;
        for (const v of Object.values(r)) assert.ok(v >= 0, "no negative amounts");
        const open = r.openLongUsd + r.openShortUsd;
        assert.ok(Math.abs(opened - gone - open) <= 1e-9 * opened, `bar ${r.time}: ${opened} - ${gone} != ${open}`);
      }
      const l = m.ledger!;
      assert.ok(Math.abs(l.openedUsd - (l.openUsd + l.liquidatedUsd + l.closedUsd + l.decayedUsd)) <= 1e-9 * l.openedUsd);
      assert.ok(l.liquidatedUsd > 0 && l.decayedUsd >= 0);
    }
  });

  it("replay(candles, oi) conserves each bar's USD to that bar's own size after a history a trillion times larger", () => {
    // 1e13 USD of OI, then 0.1 USD: the per-bar flows of the small bars are sums of their own
    // amounts. As differences of running totals (1e13 and more) they were off by about
    // 1e13 · 2^-52 ≈ 0.002 USD, 2 % of a 0.1 USD bar.
    const n = 8;
    const time = Array.from({ length: n }, (_, i) => i * 60_000);
    const close = [100, 100, 100, 101, 100, 99, 100, 100];
    const candles = { time, open: close, high: close.map((c) => c + 0.5), low: close.map((c) => c - 0.5), close, openInterestUsd: [1e13, 2e13, 0.1, 0.12, 0.11, 0.1, 0.13, 0.12] };
    const rows = replay({ candles, halfLifeHours: 1 }).bars.objects() as Record<string, number>[];
    for (let i = 3; i < n; i++) {
      const r = rows[i];
      const prev = rows[i - 1].openLongUsd + rows[i - 1].openShortUsd;
      const open = r.openLongUsd + r.openShortUsd;
      const flow = r.openedUsd - r.longLiquidatedUsd - r.shortLiquidatedUsd - r.closedUsd - r.decayedUsd;
      assert.ok(Math.abs(open - prev - flow) <= 1e-12 * Math.max(open, prev), `bar ${i}: ${open} - ${prev} != ${flow}`);
    }
  });

  it("replay(candles, oi) after open interest falls a trillionfold in one bar: the book is the OI, and its bins add up to its bars", () => {
    // 1e12 USD, then 1 USD. Proportional closing kept 1 − usd / total of each bin, whose digits the
    // subtraction had cancelled: the book was 1.0000305. Nearest-first closing counted the trillion
    // down bin by bin and kept each lane's total by subtraction: the bars said 1, the bins 0.99968.
    const time = [0, 3_600_000, 7_200_000];
    const close = [30_000, 29_900, 29_950];
    const candles = { time, open: close, high: close.map((c) => c * 1.01), low: close.map((c) => c * 0.99), close, openInterestUsd: [1e12, 1, 1] };
    const proportional = replay({ candles, close: "proportional", halfLifeHours: 0 });
    const p = proportional.bars.objects()[1] as Record<string, number>;
    assert.ok(Math.abs(p.openLongUsd + p.openShortUsd - 1) <= 1e-12, `proportional: book ${p.openLongUsd + p.openShortUsd}`);
    const nearest = replay({ candles, close: "nearest", halfLifeHours: 0 });
    const b = nearest.bars.objects()[1] as Record<string, number>;
    const sums = { long: 0, short: 0 };
    for (const r of nearest.mapAt(time[1]).table.objects() as { side: "long" | "short"; usd: number }[]) sums[r.side] += r.usd;
    assert.ok(Math.abs(sums.long - b.openLongUsd) <= 1e-12 * b.openLongUsd, `nearest long: map ${sums.long}, bars ${b.openLongUsd}`);
    assert.ok(Math.abs(sums.short - b.openShortUsd) <= 1e-12 * b.openShortUsd, `nearest short: map ${sums.short}, bars ${b.openShortUsd}`);
    // nearest-first closing keeps the farthest 1 USD, counted up from the far end (counting the
    // trillion down from the near end left 0.99968)
    assert.ok(Math.abs(b.openLongUsd + b.openShortUsd - 1) <= 1e-12, `nearest: book ${b.openLongUsd + b.openShortUsd}`);
  });

  it("replay(candles, oi, { close: 'nearest' }) after a fall to a trillionth of the book: maps hold no tier crumbs the bars do not", () => {
    // Folding a spread in leaves a tier lane rounding crumbs (about 1e-13 of a 5e14 USD book) where
    // its group's sum reads 0; after the fall to 529 USD they were 0.75 % of the map's longs.
    const oi = [1000, 949, 932.2, 831.9, 736.6, 7366, 7.366e5, 7.366e8, 7.366e13, 5e14, 4.721e14, 5.291e14, 529.1, 500.7];
    const time = oi.map((_, i) => i * 3_600_000);
    const close = oi.map((_, i) => 30_000 * (1 + 0.03 * Math.sin(i * 1.7)));
    const open = close.map((c, i) => (i ? close[i - 1] : c));
    const candles = { time, open, high: close.map((c, i) => Math.max(c, open[i]) * 1.004), low: close.map((c, i) => Math.min(c, open[i]) * 0.996), close, openInterestUsd: oi };
    const m = replay({ candles, close: "nearest", leverageBands: "point", halfLifeHours: 72 });
    const bars = m.bars.objects() as Record<string, number>[];
    for (const i of [12, 13]) {
      const sums = { long: 0, short: 0 };
      for (const r of m.mapAt(time[i]).table.objects() as { side: "long" | "short"; usd: number }[]) sums[r.side] += r.usd;
      assert.ok(Math.abs(sums.long / bars[i].openLongUsd - 1) <= 1e-12, `bar ${i} long: map ${sums.long}, bars ${bars[i].openLongUsd}`);
      assert.ok(Math.abs(sums.short / bars[i].openShortUsd - 1) <= 1e-12, `bar ${i} short: map ${sums.short}, bars ${bars[i].openShortUsd}`);
      assert.ok(Math.abs(bars[i].openLongUsd + bars[i].openShortUsd - oi[i]) <= 1e-12 * oi[i]);
    }
  });

  it("replay(candles, oi) with anchor 'fill' or 'scale' keeps the book equal to the reported OI", () => {
    // Hourly and daily bars wipe out much of what they open (levels beyond the close): the
    // reported OI is what survived, so the book must still equal it after every bar.
    for (const interval of [5, 60, 1440]) {
      const { candles, openInterest } = market(300, 5, 30_000, interval);
      for (const anchor of ["fill", "scale"] as const) {
        const rows = replay({ candles, openInterest, anchor }).bars.objects() as Record<string, number>[];
        let wiped = 0;
        rows.forEach((r, i) => {
          const oi = openInterest.openInterestUsd[i];
          const open = r.openLongUsd + r.openShortUsd;
          assert.ok(Math.abs(open - oi) <= 1e-9 * oi, `${interval}m ${anchor} bar ${i}: book ${open}, OI ${oi}`);
          wiped += r.longLiquidatedUsd + r.shortLiquidatedUsd;
        });
        assert.ok(wiped > 0, `${interval}m ${anchor}: the case liquidates something`);
      }
    }
  });

  it("replay(candles, oi) on a grid coarser than the distance to a level keeps positions opened at the close out of the close's own bin", () => {
    // Levels 0.3 % from entry (100.4 → long 100.0988, short 100.7012) on 1 USD bins: the long level
    // falls in bin [100, 101), centre 100.5, which a close of 100.4 liquidates by the bin rule. It
    // was wiped at once, opened again in the same bin and liquidated by every next bar (low 100.35
    // never reached 100.1): 1,000,000 USD of long liquidations a bar with 500,000 open. Now the
    // long entry moves just below the bin's edge (level < 100, bin 99): no long is liquidated.
    const H = 3_600_000;
    const candles = { time: [0, H, 2 * H], open: [100.4, 100.4, 100.4], high: [100.45, 100.45, 100.45], low: [100.35, 100.35, 100.35], close: [100.4, 100.4, 100.4] };
    const openInterest = { time: candles.time, openInterestUsd: [1e6, 1e6, 1e6] };
    const m = replay({ candles, openInterest, leverage: { tiers: [100], weights: [1] }, ratios: { long: [0.997], short: [1.003] }, entry: "close", split: "even", grid: { step: 1, lo: 95, bins: 10 }, halfLifeHours: 0 });
    const rows = m.bars.objects() as Record<string, number>[];
    assert.deepEqual(rows.map((r) => [r.longLiquidatedUsd, r.shortLiquidatedUsd, r.openLongUsd, r.openShortUsd]), [[0, 0, 5e5, 5e5], [0, 0, 5e5, 5e5], [0, 0, 5e5, 5e5]]);
    const map = m.mapAt();
    // long in bin 99 (centre 99.5 < the close), short in bin 100 (centre 100.5 > the close): both safe
    assert.deepEqual((map.table.objects() as { price: number; side: string; usd: number }[]).map((r) => [r.price, r.side, r.usd]), [[99.5, "long", 5e5], [100.5, "short", 5e5]]);
  });

  it("replay(candles, { grid: { step } }) refuses a step over twice a close: no long level fits below it", () => {
    // step 5 at a price of 2: bin [0, 5) has its centre 2.5 above the close, so every long opened was
    // liquidated by the bin rule and opened again, bar after bar (1.9M USD liquidated of 1M)
    const time = [0, 86_400_000, 2 * 86_400_000];
    const candles = { time, open: [2, 2, 2], high: [2.02, 2.02, 2.02], low: [1.98, 1.98, 1.98], close: [2, 2, 2], openInterestUsd: [1e6, 1e6, 1e6] };
    assert.throws(() => replay({ candles, grid: { step: 5 } }), /replay: column "grid.step": row 0: the close 2 is within half a bin of 0 on a step of 5: no long level fits below it; pass a grid.step below 4 \(value 5\)/);
    assert.equal(replay({ candles, grid: { step: 1 }, leverage: { tiers: [10], weights: [1] }, halfLifeHours: 0 }).ledger!.liquidatedUsd, 0);
  });

  it("replay(candles, oi) liquidates what a bar opened beyond its close, and opens that USD again at the close", () => {
    // One 100x-like tier at entry × 0.99 (long) and × 1.01 (short), 1 USD bins, entries over the
    // bar's range. Bar 0 (flat at 100, OI 1000): 500 long at 99 (bin 99), 500 short at 101 (bin 101).
    // Bar 1 (100–110, close 100, OI 2000): the short bin (centre 101.5 <= 110) is liquidated, 500;
    // "fill" opens 1500: 750 long with levels over [99, 108.9] and 750 short over [101, 111.1].
    // Long levels with bin centre >= the close were passed on the way down to it: 750 × 8.9 / 9.9
    // (bins 100..108) wiped, and opened again at the close: level 99, bin 99. The book ends at the
    // reported 2000: long 500 + 750 / 9.9 + 750 × 8.9 / 9.9 = 1250 in bin 99, short 750.
    const m = replay({ candles: bars([
      { o: 100, h: 100, l: 100, c: 100, oi: 1000 },
      { o: 100, h: 110, l: 100, c: 100, oi: 2000 },
    ]), leverage: { tiers: [100], weights: [1] }, ratios: { long: [0.99], short: [1.01] }, grid: { step: 1 }, entry: "range", split: "even", halfLifeHours: 0, anchor: "fill" });
    const r = m.bars.objects()[1] as Record<string, number>;
    const wiped = (750 * 8.9) / 9.9;
    assert.ok(Math.abs(r.longLiquidatedUsd - wiped) < 1e-9, `long liquidated ${r.longLiquidatedUsd}`);
    assert.equal(r.shortLiquidatedUsd, 500);
    assert.ok(Math.abs(r.openedUsd - (1500 + wiped)) < 1e-9, `opened ${r.openedUsd}`);
    assert.ok(Math.abs(r.openLongUsd - 1250) < 1e-9 && Math.abs(r.openShortUsd - 750) < 1e-9, `${r.openLongUsd} ${r.openShortUsd}`);
    const long = (m.mapAt().table.objects() as { price: number; side: string; usd: number }[]).filter((x) => x.side === "long");
    assert.deepEqual(long.map((x) => x.price), [99.5]);
    assert.ok(Math.abs(long[0].usd - 1250) < 1e-9);
  });

  it("replay(candles, oi) gives the same outputs for the same inputs", () => {
    const { candles, openInterest } = market(200, 9);
    const a = replay({ candles, openInterest });
    const b = replay({ candles, openInterest });
    assert.deepEqual(a.bars.objects(), b.bars.objects());
    assert.deepEqual(a.heatmap().z, b.heatmap().z);
  });

  it("replay(candles, oi).mapAt(time) keeps long levels below the price and short levels above", () => {
    const { candles, openInterest } = market(300, 11);
    const m = replay({ candles, openInterest });
    for (const i of [0, 50, 299]) {
      const map = m.mapAt(candles.time[i]);
      assert.equal(map.price, candles.close[i]);
      for (const r of map.table.objects() as { price: number; side: string }[]) {
        assert.ok(r.side === "long" ? r.price < map.price : r.price > map.price, `${r.side} level ${r.price} vs price ${map.price}`);
      }
    }
  });

  it("replay(candles, oi).mapAt(time) gives the same map in any order of asking", () => {
    const { candles, openInterest } = market(200, 15);
    const times = [10, 60, 61, 150, 199].map((i) => candles.time[i]);
    const forward = replay({ candles, openInterest, close: "nearest" });
    const ahead = times.map((t) => forward.mapAt(t).table.objects());
    const backward = replay({ candles, openInterest, close: "nearest" });
    const behind = [...times].reverse().map((t) => backward.mapAt(t).table.objects()).reverse();
    assert.deepEqual(ahead, behind);
    assert.deepEqual(forward.mapAt(times[1]), forward.mapAt(times[1] + 1), "same bar, cached");
    // A Date is the same moment as its epoch ms.
    assert.equal(forward.mapAt(new Date(times[3])), forward.mapAt(times[3]));
  });

  it("replay(candles, oi).mapAt(time) liquidates every tier's crumbs past the cut after closing nearest first", () => {
    // Closing nearest first can leave a tier lane a rounding crumb one bin past where its group's
    // sum lane ends; the next liquidation cleared tier lanes by the sum's range and tripped an
    // internal check ("a short lane is cleared from its bottom") when the 7th bar rallied 13 %.
    const H = 3_600_000;
    const candles = {
      time: [0, 1, 2, 3, 4, 5, 6].map((i) => Date.UTC(2025, 0, 1) + i * H),
      open: [7.011, 5.019, 5.033, 5.037, 5.041, 5.099, 7.381],
      high: [7.03, 5.03, 5.041, 5.05, 5.057, 5.103, 8.387],
      low: [5.007, 5.016, 5.028, 5.024, 5.026, 5.082, 7.36],
      close: [5.019, 5.025, 5.037, 5.041, 5.051, 5.094, 8.369],
      openInterestUsd: [2835000, 2881000, 2584000, 2692000, 2769000, 2122000, 2332000],
    };
    const ratios = { long: [0.97, 0.925, 0.902, 0.917, 0.891], short: [1.05, 1.071, 1.077, 1.088, 1.108] };
    const m = replay({ candles, leverage: "conservative", ratios, close: "nearest", anchor: "scale", grid: { step: 0.002 } });
    const bars = m.bars.objects() as Record<string, number>[];
    for (let i = 0; i < 7; i++) {
      const map = m.mapAt(candles.time[i]);
      const usd = { long: 0, short: 0 };
      for (const r of map.table.objects() as { side: "long" | "short"; usd: number }[]) usd[r.side] += r.usd;
      // The map holds what the bar reports open, side by side.
      assert.ok(Math.abs(usd.long - bars[i].openLongUsd) <= 1e-9 * bars[i].openLongUsd, `bar ${i} long`);
      assert.ok(Math.abs(usd.short - bars[i].openShortUsd) <= 1e-9 * bars[i].openShortUsd, `bar ${i} short`);
    }
  });

  it("replay(candles, oi).mapAt(time) holds no rounding residue between range bands: an empty band's shares are 0", () => {
    // Two short bands of the 10x tier (entries spread over two bars' ranges) with empty bins between:
    // the bands' +v and −v range adds left about 2e-13 USD there, and leverageShares of such a bin
    // said 10x held 100 % of it.
    const time = [0, 1, 2, 3, 4].map((i) => Date.UTC(2025, 0, 1) + i * 300_000);
    const candles = {
      time,
      open: [403.73, 398.95, 405.39, 410.24, 417.59],
      high: [409.0, 410.84, 411.15, 420.93, 421.03],
      low: [393.01, 398.48, 400.73, 409.46, 415.45],
      close: [398.95, 405.39, 410.24, 417.59, 416.08],
    };
    const openInterest = { time, openInterestUsd: [591_745, 552_142, 573_017, 549_935, 590_987] };
    const map = replay({
      candles, openInterest, interval: 300_000, grid: { step: 1 }, entry: "range", split: "even", halfLifeHours: 0, anchor: "off",
      ratios: { long: [0.904, 0.9613, 0.988], short: [1.0967, 1.0379, 1.0104] }, leverage: { tiers: [10, 25, 75], weights: [0.375, 0.357, 0.268] },
    }).mapAt(time[4]);
    const usd = map.table.array("usd") as number[];
    // Every bin listed holds at least a millionth of a dollar: nothing near 1e-13.
    assert.ok(usd.length > 0 && usd.every((u) => u > 1e-6), `smallest ${Math.min(...usd)}`);
    // Bins 451–454 lie between the 10x tier's two short bands (each range of entries × 1.0967).
    for (const r of map.leverageShares(451.1, 454.9)) assert.deepEqual([r.usd, r.share], [0, 0], `${r.leverage}x`);
    assert.ok(map.leverageShares(440, 470).find((r) => r.leverage === 10)!.usd > 0);
  });

  it("replay(candles, oi).mapAt(time) throws for a time before the first bar", () => {
    const m = replay({ candles: bars([{ o: 100, h: 100, l: 100, c: 100, oi: 1000 }]), ...HAND });
    assert.throws(() => m.mapAt(-1), /mapAt: column "time": time is before the first bar \(1970-01-01 00:00 UTC, 0\) \(value -1\)/);
    assert.throws(() => m.mapAt(-1n), /mapAt: column "time": time is before the first bar \(1970-01-01 00:00 UTC, 0\) \(value -1\)/);
  });

  it("replay(candles, oi).mapAsOf(time) is the map after the last bar closed by then: nothing after time is in it", () => {
    const rows = [
      { o: 100, h: 100, l: 100, c: 100, oi: 1000 },
      { o: 100, h: 104, l: 99, c: 103, oi: 1500 },
      { o: 103, h: 103, l: 95, c: 96, oi: 1200 },
    ];
    const m = replay({ candles: bars(rows), ...HAND });
    // Bar 0 opens at 0 and closes at 60,000 (its last ms 59,999): known from 60,000 on.
    assert.throws(() => m.mapAsOf(59_999), /mapAsOf: column "time": no bar had closed by then: the first bar closes at 1970-01-01 00:01 UTC, 60000 \(value 59999\)/);
    assert.equal(m.mapAsOf(60_000).time, 60_000);
    // At 90,000 bar 1 is still trading: mapAt(90,000) is the map after it (time 120,000, after the
    // moment asked), mapAsOf(90,000) the map after bar 0.
    assert.equal(m.mapAt(90_000).time, 120_000);
    assert.equal(m.mapAsOf(90_000).time, 60_000);
    assert.deepEqual(m.mapAsOf(90_000).table.objects(), m.mapAt(0).table.objects());
    assert.equal(m.mapAsOf(120_000).time, 120_000);
    assert.equal(m.mapAsOf(new Date(1e9)).time, 180_000);
    assert.equal(m.mapAsOf(150_000n).time, 120_000);
    // Point in time: the same map with the later bars cut from the input.
    const cut = replay({ candles: bars(rows.slice(0, 2)), ...HAND });
    assert.deepEqual(m.mapAsOf(130_000).table.objects(), cut.mapAsOf(130_000).table.objects());
    assert.throws(() => m.mapAsOf(undefined as never), /mapAsOf: column "time": needs a time \(epoch ms UTC or a Date\): the map of what was known then/);
    assert.throws(() => m.mapAsOf(NaN), /mapAsOf: column "time": time must be epoch ms \(value NaN\)/);
    // Microseconds, as the inputs refuse them: not "the last map" of the year 55,000.
    assert.throws(() => m.mapAt(Date.UTC(2026, 0, 1) * 1000), /mapAt: column "time": time must be epoch ms: this looks like microseconds or nanoseconds \(value 1767225600000000\)/);
    assert.throws(() => m.mapAsOf(1e14), /mapAsOf: column "time": time must be epoch ms: this looks like microseconds/);
  });

  it("replay(candles, oi).mapAt(time) takes a bigint time as epoch ms, as the input tables do", () => {
    const m = replay({ candles: bars([{ o: 100, h: 100, l: 100, c: 100, oi: 1000 }, { o: 100, h: 101, l: 99, c: 100, oi: 1200 }]), ...HAND });
    const t1 = m.bars.get("time", 1) as number;
    assert.equal(m.mapAt(BigInt(t1)).time, m.mapAt(t1).time);
    assert.deepEqual(m.mapAt(BigInt(t1)).table.objects(), m.mapAt(t1).table.objects());
    assert.notEqual(m.mapAt(0n).time, m.mapAt(t1).time);
  });

  it("replay(candles, oi) rejects unknown option values by name", () => {
    const candles = bars([{ o: 100, h: 100, l: 100, c: 100, oi: 1000 }]);
    assert.throws(() => replay({ candles, anchor: "always" as never }), /replay: column "anchor": must be one of fill, scale, off \(value "always"\)/);
    assert.throws(() => replay({ candles, leverage: "yolo" as never }), /unknown leverage preset; known: retail, conservative, degen, even4/);
    assert.throws(() => replay({ candles, leverage: { tiers: [10, 5], weights: [1, 1] } }), /tiers must be strictly ascending/);
    assert.throws(() => replay({ candles, ratios: { long: [1.1], short: [1.1] }, leverage: { tiers: [10], weights: [1] } }), /long ratios must be below 1/);
    assert.throws(() => replay({ candles, leverageBands: "smooth" as never }), /replay: column "leverageBands": must be one of continuous, point/);
    assert.throws(() => replay({ candles, maxLeverage: 0.5 }), /replay: column "maxLeverage": maxLeverage must be a finite number >= 1/);
  });

  it("replay(candles, oi) refuses grids too fine to hold its levels, before doing any work", () => {
    const candles = bars([{ o: 100, h: 100, l: 100, c: 100, oi: 1000 }]);
    // HAND's levels run from 90.5 to 110.5: 20 USD, 2,000,001 bins of 1e-5 (limit 5,000,000).
    assert.equal(replay({ candles, ...HAND, grid: { step: 1e-5 } }).mapAt().table.numRows(), 2);
    // 1e-6: 20,000,001 bins; 1e-14: bin numbers past 2^50 (the edge search used to loop forever).
    assert.throws(() => replay({ candles, ...HAND, grid: { step: 1e-6 } }), /replay: column "grid.step": levels from 90.5 to 110.5 USD would span 2000000\d bins of 0.000001 \(limit 5000000, about 1 GB for a map\); pass grid.step 0.000005 or coarser \(value 0.000001\)/);
    assert.throws(() => replay({ candles, ...HAND, grid: { step: 1e-14 } }), /levels up to 110.5 USD on a step of 1e-14 need bin numbers past 2\^50, where edges can no longer be found exactly; pass grid.step 0.000005 or coarser/);
    // With the automatic step the message says where that step came from.
    const wide = { time: [0, 60_000], open: [1, 1e6], high: [1, 1e6], low: [1, 1e6], close: [1, 1e6], openInterestUsd: [1, 1] };
    assert.throws(() => replay({ candles: wide, ...HAND, grid: undefined }), /would span \d+ bins of 0.00025 \(limit 5000000, about 1 GB for a map\); pass grid.step 0.25 or coarser \(the automatic step comes from the first bar's price; these candles span a wider range\)/);
    // A short ratio of 1e300 puts levels at 1e302 USD.
    assert.throws(() => replay({ candles, ...HAND, ratios: { long: [0.9], short: [1e300] } }), /levels up to 1e\+302 USD on a step of 1 need bin numbers past 2\^50/);
    assert.throws(() => replay({ candles, ...HAND, grid: { step: 1, lo: 0, bins: 1e9 } }), /replay: column "grid.bins": grid.bins must be at most 5000000 .*\(value 1000000000\)/);
    assert.throws(() => replay({ candles, ...HAND, grid: { step: 1e-5, lo: 2e10, bins: 10 } }), /replay: column "grid.lo": a window up to 20000000000.0001 USD on a step of 0.00001 needs bin numbers past 2\^50; pass a coarser grid.step \(value 20000000000\)/);
    // A bar lasts at least 1 ms: half a ms would close it before it opens.
    assert.throws(() => replay({ candles, interval: 0.5 }), /replay: column "interval": interval must be a bar's length in ms, >= 1 \(value 0.5\)/);
  });

  it("replay(candles, oi) with continuous leverage bands liquidates on a move smaller than the tier's own distance", () => {
    // One 100x tier of a [50, 100] mix (weights 0, 1), no decay, even split: bar 0 opens 1000 at
    // 100, 500 long. 100x long band: √5000 = 70.711x to 125x (10000/70.711 = 141 capped), so levels
    // spread evenly over 100 × (1 − 1/70.711)/0.996 = 99.0207 to 100 × 0.992/0.996 = 99.5984.
    // Bar 1's low 99.45 crosses (99.5984 − 99.45)/(99.5984 − 99.0207) = 25.69 % of them: 128.4 USD,
    // to one 0.01 USD bin (8.7 USD). The point level 100 × 0.99/0.996 = 99.398 is not reached: 0.
    const candles = bars([
      { o: 100, h: 100, l: 100, c: 100, oi: 1000 },
      { o: 100, h: 100, l: 99.45, c: 99.6, oi: 1000 },
    ]);
    const o: ReplayOptions = { leverage: { tiers: [50, 100], weights: [0, 1] }, grid: { step: 0.01 }, split: "even", halfLifeHours: 0, anchor: "off" };
    const cont = (replay({ candles, ...o }).bars.array("longLiquidatedUsd") as Float64Array)[1];
    const point = (replay({ candles, ...o, leverageBands: "point" }).bars.array("longLiquidatedUsd") as Float64Array)[1];
    assert.ok(Math.abs(cont - 128.4) < 9, `continuous: ${cont}`);
    assert.equal(point, 0);
  });
});

describe("replay(candles, oi).assumptions", () => {
  const t0 = Date.UTC(2026, 0, 1);
  const time = [t0, t0 + 60_000, t0 + 120_000];
  const c = [100, 101, 100];
  const input = { candles: { time, open: c, high: c.map((x) => x + 1), low: c.map((x) => x - 1), close: c }, openInterest: { time, value: [1e6, 1.1e6, 1.2e6] } };

  it("replay(candles, oi).assumptions names the default mix and says the BTCUSDT margin is a default", () => {
    const m = replay(input);
    // The retail preset's weights (docs/engine.md, Options): 15/30/30/15/10 %.
    assert.equal(m.assumptions.leverage, "retail (default): 5x 15 %, 10x 30 %, 25x 30 %, 50x 15 %, 100x 10 % of new USD, longs and shorts alike (assumed)");
    assert.equal(m.assumptions.margin, "binance linear BTCUSDT (default: pass margin.symbol for another), isolated, the margin layer's dated brackets for the symbol, a 10,000 USD position per tier");
  });

  it("replay(candles, oi, {leverage: {tiers, weights, shortWeights}, margin}) describes the weights per side and the margin given", () => {
    const m = replay({ ...input, leverage: { tiers: [10, 50], weights: [1, 3], shortWeights: [1, 1] }, margin: { symbol: "ETHUSDT", maintenanceMarginRate: 0.005 } });
    assert.equal(m.assumptions.leverage, "custom: 10x 25 %, 50x 75 % of new long USD; shorts 10x 50 %, 50x 50 % (assumed)");
    assert.equal(m.assumptions.margin, "binance linear ETHUSDT, isolated, one maintenance margin rate, 0.005, a 10,000 USD position per tier");
    assert.equal(replay({ ...input, ...HAND }).assumptions.margin, "level ratios given (ratios option): no margin model");
  });

  it("replay(...).mapAt().leverageShares(low, high) says its shares follow the assumed mix; combineMaps keeps each venue's mix once", () => {
    const m = replay(input);
    const map = m.mapAt();
    assert.equal(map.mix, m.assumptions.leverage);
    assert.match(estimateCaption(map.leverageShares(50, 150))!, /; the shares follow the assumed leverage mix, retail \(default\): 5x 15 %/);
    const degen = replay({ ...input, leverage: "degen" }).mapAt();
    assert.equal(combineMaps([map, map]).mix, map.mix);
    assert.equal(combineMaps([map, degen]).mix, `${map.mix}; and ${degen.mix}`);
  });
});

describe("capLeverage(mix, max) and tiers above a symbol's maximum", () => {
  it("capLeverage(mix, max) moves tiers above max down to it, adding weight to a tier already there", () => {
    assert.deepEqual(capLeverage({ tiers: [5, 10, 25, 50, 100], weights: [0.1, 0.2, 0.3, 0.25, 0.15] }, 75), { tiers: [5, 10, 25, 50, 75], weights: [0.1, 0.2, 0.3, 0.25, 0.15] });
    assert.deepEqual(capLeverage({ tiers: [10, 50, 100], weights: [0.5, 0.3, 0.2] }, 50), { tiers: [10, 50], weights: [0.5, 0.5] });
    // shorts keep their own weights, merged the same way
    assert.deepEqual(capLeverage({ tiers: [10, 50, 100], weights: [0.5, 0.3, 0.2], shortWeights: [0.25, 0.25, 0.5] }, 50), { tiers: [10, 50], weights: [0.5, 0.5], shortWeights: [0.25, 0.75] });
    // weights the mix accepts as relative merge without overflowing to Infinity
    assert.deepEqual(capLeverage({ tiers: [10, 100, 125], weights: [1, 1e308, 1e308] }, 75), { tiers: [10, 75], weights: [1e-308, 2] });
    // the retail preset (5/10/25/50/100x at 15/30/30/15/10%) by name
    assert.deepEqual(capLeverage("retail", 75), { tiers: [5, 10, 25, 50, 75], weights: [0.15, 0.3, 0.3, 0.15, 0.1] });
    assert.throws(() => capLeverage("retail", 0), /capLeverage: column "maxLeverage": maxLeverage must be a finite number >= 1 \(value 0\)/);
    assert.throws(() => capLeverage("yolo" as never, 50), /unknown leverage preset; known: /);
  });

  it("replay(BNBUSDT, retail) refuses the 100x tier naming the option and the fix; the capped mix replays", () => {
    const { candles, openInterest } = market(50, 3, 600);
    // BNBUSDT bracket 1 (notional up to 10,000 USDT) allows 75x.
    assert.throws(
      () => replay({ candles, openInterest, margin: { symbol: "BNBUSDT" } }),
      /replay: column "leverage\.tiers": tier 100x is above the 75x maximum BNBUSDT's brackets allow for the 10000 USD representative position; cap the mix, e\.g\. leverage: liq\.capLeverage\("retail", 75\) \(value 100\)/,
    );
    // the fix names the preset given (it always said "retail"), or "mix" for tiers and weights
    assert.throws(() => replay({ candles, openInterest, margin: { symbol: "BNBUSDT" }, leverage: "degen" }), /cap the mix, e\.g\. leverage: liq\.capLeverage\("degen", 75\)/);
    assert.throws(() => replay({ candles, openInterest, margin: { symbol: "BNBUSDT" }, leverage: { tiers: [10, 100], weights: [1, 1] } }), /cap the mix, e\.g\. leverage: liq\.capLeverage\(mix, 75\)/);
    const m = replay({ candles, openInterest, margin: { symbol: "BNBUSDT" }, leverage: capLeverage("retail", 75), maxLeverage: 75 });
    assert.deepEqual(m.tiers, [5, 10, 25, 50, 75]);
  });
  it("replay({ candles, openInterest: null }) reads the candles' own open interest; heatmap(null) is heatmap(), mapAt(null) is mapAt()", () => {
    const candles = { time: [0, 60_000], open: [100, 100], high: [101, 101], low: [99, 99], close: [100, 100], openInterestUsd: [1000, 2000] };
    const own = replay({ candles });
    const nul = replay({ candles, openInterest: null });
    assert.deepEqual(nul.bars.objects(), own.bars.objects());
    assert.deepEqual(nul.heatmap(null).z.map((c) => [...c]), own.heatmap().z.map((c) => [...c]));
    assert.throws(() => own.heatmap(5 as never), /heatmap: column "options": options must be \{ step\? \} \(ms between columns\) \(value 5\)/);
    assert.deepEqual(nul.mapAt(null).table.objects(), own.mapAt().table.objects());
    assert.equal(nul.mapAt(null).time, 120_000);
  });
});
