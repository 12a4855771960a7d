import assert from "node:assert/strict";
import { mapFigure } from "../../src/figures/map";
import { FALLBACK_TIER_COLOURS, TIER_COLOURS, tierColour } from "../../src/figures/theme";
import { liquidationMap } from "../../src/engine/map";
import type { Trace } from "../../src/figures/figure";
import { pageTitle } from "../../src/figures/html";
import { dogeMap, grid, handMap, makeMap, T0 } from "./fixtures";
import { matchSnapshot } from "./snapshot";

const M = 1e6;
const HOSTILE = "</script><script>alert(1)</script>";
const bars = (data: Trace[]) => data.filter((t) => t.type === "bar");
const layoutOf = (fig: ReturnType<typeof mapFigure>) => fig.layout as Record<string, any>;

describe("figures/map", () => {
  it("mapFigure(map) stacks one bar trace per tier; per bin they sum to the hand-derived totals", () => {
    const fig = mapFigure(handMap());
    const b = bars(fig.data);
    assert.deepEqual(b.map((t) => t.name), ["10×", "25×", "100×"]);
    assert.equal(layoutOf(fig).barmode, "stack");
    const perBin = (b[0]!.x as number[]).map((_, i) => b.reduce((s, t) => s + (t.y as number[])[i]!, 0));
    assert.deepEqual(perBin, [0, 4, 5, 6, 8, 7, 7, 2, 6, 0].map((v) => v * M));
    const perTier = b.map((t) => (t.y as number[]).reduce((s, v) => s + v, 0));
    assert.deepEqual(perTier, [12 * M, 14 * M, 19 * M]);
    assert.deepEqual(b[0]!.x, [60_500, 61_500, 62_500, 63_500, 64_500, 65_500, 66_500, 67_500, 68_500, 69_500]);
  });

  it("mapFigure(map) draws cumulative longs only below the price and shorts only above, on the right axis, as steps", () => {
    const fig = mapFigure(handMap());
    const curves = fig.data.filter((t) => t.type === "scatter");
    const longs = curves.find((t) => t.name === "Longs if price falls");
    const shorts = curves.find((t) => t.name === "Shorts if price rises");
    assert.equal(longs!.yaxis, "y2");
    // Below $65,000: bins 0..4; cumulative outward from the price: 23, 23, 19, 14, 8 M; from the
    // grid's edge ($60,000, all 23 M) to just below the price ($0: no long centred at or above it).
    assert.deepEqual(longs!.x, [60_000, 60_500, 61_500, 62_500, 63_500, 64_500, 65_000]);
    assert.deepEqual(longs!.y, [23 * M, 23 * M, 23 * M, 19 * M, 14 * M, 8 * M, 0]);
    assert.deepEqual(shorts!.x, [65_000, 65_500, 66_500, 67_500, 68_500, 69_500, 70_000]);
    assert.deepEqual(shorts!.y, [0, 7 * M, 14 * M, 16 * M, 22 * M, 22 * M, 22 * M]);
    assert.deepEqual([(longs!.line as any).shape, (shorts!.line as any).shape], ["vh", "hv"]);
    assert.deepEqual([(longs!.customdata as string[])[1], (longs!.customdata as string[])[6]], ["If price reaches $60,500", "Just below the current price $65,000"]);
    assert.equal(mapFigure(handMap(), { cumulative: false }).data.filter((t) => t.type === "scatter").length, 0);
  });

  it("mapFigure(map) draws each cumulative curve at map.liquidationsIf(x) for every x between centres", () => {
    // The value plotly draws at x: line.shape "vh" holds each point's y from the previous point
    // (exclusive) to it (inclusive); "hv" holds it from the point (inclusive) to the next.
    const drawnAt = (t: Trace, x: number): number | undefined => {
      const xs = t.x as number[];
      const ys = t.y as number[];
      const shape = (t.line as { shape: string }).shape;
      for (let i = 0; i < xs.length; i++) if (xs[i] === x) return ys[i];
      for (let i = 0; i + 1 < xs.length; i++) if (xs[i]! < x && x < xs[i + 1]!) return shape === "vh" ? ys[i + 1] : ys[i];
      return undefined;
    };
    const check = (map: ReturnType<typeof handMap>, xs: number[]) => {
      const fig = mapFigure(map);
      const curve = (name: string) => fig.data.find((t) => t.name === name)!;
      for (const x of xs) {
        const hit = map.liquidationsIf(x);
        const drawn = drawnAt(curve(hit.side === "long" ? "Longs if price falls" : "Shorts if price rises"), x);
        assert.equal(drawn, hit.usd, `at ${x}`);
      }
    };
    // Every threshold strictly between two centres, and past the outermost ones.
    check(handMap(), [60_100, 61_000, 62_000, 62_900, 63_000, 64_000, 64_999, 65_001, 65_200, 66_000, 67_000, 68_999, 69_900]);
    // The bin holding the price holds both sides (price $100, bin $90-100 centred $95: longs $60
    // and shorts $11): rising to $101 liquidates those shorts, centred below the price.
    const both = liquidationMap({ price: 100, tiers: [10], grid: { lo: 80, step: 10 }, long: [[0, 60, 0]], short: [[0, 11, 0]] });
    assert.deepEqual(both.liquidationsIf(101), { side: "short", usd: 11 });
    check(both, [81, 90, 96, 99, 101, 104, 106, 109]);
  });

  it("mapFigure(map, {thresholds}) annotates each threshold with the USD liquidated if price reaches it", () => {
    const fig = mapFigure(handMap(), { thresholds: [63_000, 67_000, 62_000] });
    const texts = (layoutOf(fig).annotations as { text: string }[]).map((a) => a.text);
    assert.ok(texts.includes("If price reaches $63,000:<br>est. $14.0M of longs liquidated"), texts.join("\n"));
    assert.ok(texts.includes("If price reaches $67,000:<br>est. $14.0M of shorts liquidated"));
    assert.ok(texts.includes("If price reaches $62,000:<br>est. $19.0M of longs liquidated"));
    assert.ok(texts.includes("<b>Current price $65,000</b>"));
    // A dashed line per threshold plus the current-price line.
    const xs = (layoutOf(fig).shapes as { x0: number }[]).map((s) => s.x0).sort((a, b) => a - b);
    assert.deepEqual(xs, [62_000, 63_000, 65_000, 67_000]);
  });

  it("mapFigure(map, {thresholds}) puts a label outward from the price unless it would overflow the price range", () => {
    // Range 60,000-70,000, price 65,000: a label takes a quarter of the width (2,500).
    const fig = mapFigure(handMap(), { thresholds: [61_000, 63_000, 67_000, 69_000], priceRange: [60_000, 70_000] });
    const labels = (layoutOf(fig).annotations as { text: string; xanchor: string; xshift: number }[]).filter((a) => a.text.startsWith("If price"));
    const side = Object.fromEntries(labels.map((a) => [a.text.slice(18, 24), `${a.xanchor} ${a.xshift}`]));
    // 63,000 has 3,000 to its left and 67,000 3,000 to its right: outward. 61,000 and 69,000 have
    // 1,000: they flip inward, so they do not cover the axis.
    assert.deepEqual(side, { "63,000": "right -4", "67,000": "left 4", "61,000": "left 4", "69,000": "right -4" });
  });

  it("mapFigure(map, {thresholds}) stacks threshold labels at distinct heights, nearest the price on top", () => {
    const fig = mapFigure(handMap(), { thresholds: [62_000, 63_000, 67_000] });
    const labels = (layoutOf(fig).annotations as { text: string; y: number }[]).filter((a) => a.text.startsWith("If price"));
    const ys = labels.map((a) => a.y);
    assert.equal(new Set(ys).size, 3);
    // 63,000 and 67,000 are both 2,000 from the price: the lower price first; 62,000 last.
    assert.deepEqual(labels.map((a) => a.text.slice(18, 24)), ["63,000", "67,000", "62,000"]);
  });

  it("mapFigure(map, {thresholds: 12 prices}) keeps every label inside the plot, the 10th starting again at the top", () => {
    // Rows 0.1 apart from 0.97: nine rows (0.97 … 0.17), then the 10th label goes back to 0.97
    // (it is further from the price than the 1st). Was 0.97 - 0.1·k: the 11th at -0.03, below the plot.
    const thresholds = [60_500, 61_000, 61_500, 62_000, 62_500, 63_000, 67_000, 67_500, 68_000, 68_500, 69_000, 69_500];
    const labels = (layoutOf(mapFigure(handMap(), { thresholds })).annotations as { text: string; y: number }[]).filter((a) => a.text.startsWith("If price"));
    const ys = labels.map((a) => Math.round(a.y * 100) / 100);
    assert.deepEqual(ys, [0.97, 0.87, 0.77, 0.67, 0.57, 0.47, 0.37, 0.27, 0.17, 0.97, 0.87, 0.77]);
  });

  it("mapFigure(map, {thresholds}) writes a sub-dollar amount with cents, not est. $0", () => {
    // Longs of $0.40 centred $85 and $0.004 centred $95 below a price of $100.
    const map = liquidationMap({ price: 100, tiers: [10], grid: { lo: 80, step: 10 }, long: [[0.4, 0.004, 0]], short: [[0, 0, 0]] });
    const texts = (layoutOf(mapFigure(map, { thresholds: [81, 90] })).annotations as { text: string }[]).map((a) => a.text);
    assert.ok(texts.includes("If price reaches $81:<br>est. $0.40 of longs liquidated"), texts.join("\n"));
    assert.ok(texts.includes("If price reaches $90:<br>est. $0.004 of longs liquidated"), texts.join("\n"));
  });

  it("mapFigure(map) widens the price axis to show thresholds outside the grid", () => {
    const fig = mapFigure(handMap(), { thresholds: [58_000] });
    const [lo, hi] = layoutOf(fig).xaxis.range as [number, number];
    assert.ok(lo < 58_000 && hi === 70_000, `${lo}..${hi}`);
  });

  it("mapFigure(map with its price outside the grid) widens the default range to show the price", () => {
    // Bins [0, 50) in 10s, price 100: the range reaches past 100 by 2 % of the 0..100 span.
    const m = liquidationMap({ price: 100, tiers: [10], grid: { lo: 0, step: 10, bins: 5 }, long: [[0, 0, 10, 20, 30]], short: [[0, 0, 0, 0, 0]] });
    assert.deepEqual(layoutOf(mapFigure(m)).xaxis.range, [0, 102]);
    // A range given is kept as given.
    assert.deepEqual(layoutOf(mapFigure(m, { priceRange: [0, 50] })).xaxis.range, [0, 50]);
  });

  it("mapFigure(map of cents) ticks both USD axes in cents, not $0 on every tick", () => {
    const m = liquidationMap({ price: 100, tiers: [10], grid: { lo: 80, step: 5, bins: 8 }, long: [[0.3, 0, 0, 0.001, 0, 0, 0, 0]], short: [[0, 0, 0, 0, 0, 0, 0, 0.4]] });
    const l = layoutOf(mapFigure(m));
    assert.equal(l.yaxis.tickformat, "$,.2~f");
    assert.equal(l.yaxis2.tickformat, "$,.2~f");
    assert.equal(layoutOf(mapFigure(handMap())).yaxis.tickformat, "$,.0f");
  });

  it("mapFigure(map) gives a tier in TIER_COLOURS the same colour whatever other tiers the map has", () => {
    const a = bars(mapFigure(handMap()).data);
    const n = 10;
    const other = makeMap({ time: T0, price: 65_000, source: "x", tiers: [25, 50], grid: grid(60_000, 1_000, n), long: [new Float64Array(n), new Float64Array(n)], short: [new Float64Array(n), new Float64Array(n)] });
    const b = bars(mapFigure(other).data);
    const colour = (t: Trace) => (t.marker as { color: string }).color;
    assert.equal(colour(a[1]!), colour(b[0]!));
    assert.equal(colour(a[1]!), TIER_COLOURS[25]);
    assert.equal(new Set(a.map(colour)).size, 3);
  });

  it("mapFigure(map with tiers [4, 8, 12, 15]) gives every tier its own colour: the fallback palette in ascending order", () => {
    // None of the four is in TIER_COLOURS. Was round(leverage × 1000) mod 8, 0 for every whole
    // leverage: all four the first fallback colour.
    const n = 10;
    const tiersMap = (tiers: number[]) => makeMap({ time: T0, price: 65_000, source: "x", tiers, grid: grid(60_000, 1_000, n), long: tiers.map(() => new Float64Array(n)), short: tiers.map(() => new Float64Array(n)) });
    const colours = (tiers: number[]) => bars(mapFigure(tiersMap(tiers)).data).map((t) => (t.marker as { color: string }).color);
    assert.deepEqual(colours([4, 8, 12, 15]), FALLBACK_TIER_COLOURS.slice(0, 4));
    // Table tiers keep their colours; the others are ranked among themselves, whatever their order in the list.
    assert.deepEqual(colours([15, 10, 4, 100]), [FALLBACK_TIER_COLOURS[1], TIER_COLOURS[10], FALLBACK_TIER_COLOURS[0], TIER_COLOURS[100]]);
    // More unlisted tiers than the palette has: still all distinct, and none a table colour in use.
    const many = [2, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22];
    const got = colours(many);
    assert.equal(new Set(got).size, many.length);
    assert.deepEqual(got.slice(0, 3), [TIER_COLOURS[2], TIER_COLOURS[10], FALLBACK_TIER_COLOURS[0]]);
    assert.ok(got.every((c) => /^#[0-9a-f]{6}$/.test(c)), got.join(" "));
    // tierColour(leverage, tiers) is the same rule, one tier at a time.
    assert.equal(tierColour(12, [4, 8, 12, 15]), FALLBACK_TIER_COLOURS[2]);
    assert.equal(tierColour(33), FALLBACK_TIER_COLOURS[0]);
    assert.equal(tierColour(25, [4, 8]), TIER_COLOURS[25]);
  });

  it("mapFigure(map) splits a bin holding both longs and shorts in its hover: 'longs $60 + shorts $11'", () => {
    // Price $100, bins $80-90, $90-100, $100-110: the bin holding the price ($90-100) has $60 of
    // longs and $11 of shorts (liquidationMap accepts both there). One bar of $71, its hover and
    // customdata saying what it holds; the other bins name their one side.
    const map = liquidationMap({ price: 100, tiers: [10], grid: { lo: 80, step: 10 }, long: [[0, 60, 0]], short: [[0, 11, 0]] });
    const [bar] = bars(mapFigure(map).data);
    assert.deepEqual(bar!.y, [0, 71, 0]);
    assert.deepEqual(bar!.customdata, [["longs", 0, 0], ["longs $60 + shorts $11", 60, 11], ["shorts", 0, 0]]);
    assert.equal(bar!.hovertemplate, "Price %{x:$,.0f}<br>Tier 10×, %{customdata[0]}<br>Estimated %{y:$,.0f}<extra></extra>");
    // A bin's side comes from its USD, not its centre: longs centred above the price read "longs".
    const above = liquidationMap({ price: 100, tiers: [10], grid: { lo: 100, step: 10 }, long: [[0.4, 0]], short: [[0, 5]] });
    assert.deepEqual(bars(mapFigure(above).data)[0]!.customdata, [["longs", 0.4, 0], ["shorts", 0, 5]]);
    const cents = liquidationMap({ price: 100, tiers: [10], grid: { lo: 90, step: 10 }, long: [[0.4]], short: [[0.05]] });
    assert.equal((bars(mapFigure(cents).data)[0]!.customdata as unknown[][])[0]![0], "longs $0.40 + shorts $0.05");
  });

  it("mapFigure(map) titles say ESTIMATES and name the data; USD axes use thousands separators", () => {
    const fig = mapFigure(handMap());
    const title = layoutOf(fig).title;
    assert.equal(title.text, "Estimated liquidation map at 2026-06-01 00:00 UTC");
    assert.match(title.subtitle.text, /^ESTIMATES: /);
    // A hand-built book given no time (liquidationMap's default 0) is not dated 1970.
    assert.equal(layoutOf(mapFigure({ ...handMap(), time: 0 })).title.text, "Estimated liquidation map");
    assert.match(title.subtitle.text, /Data: BTCUSDT Binance, 30m candles \+ OI \(hand-built test map\) · price \$65,000$/);
    // A map with a caveat (every replay map: the dollar level) says it in the subtitle too.
    assert.match(layoutOf(mapFigure({ ...handMap(), caveat: "dollar level not validated" })).title.subtitle.text, /· price \$65,000 · dollar level not validated$/);
    for (const axis of ["xaxis", "yaxis", "yaxis2"]) assert.equal(layoutOf(fig)[axis].tickformat, "$,.0f");
    assert.match(String(bars(fig.data)[0]!.hovertemplate), /Price %\{x:\$,\.0f\}<br>Tier 10×/);
  });

  it("mapFigure(map, {thresholds}) labels prices under $1 with the decimals the $0.001 grid needs", () => {
    const fig = mapFigure(dogeMap(), { thresholds: [0.145, 0.16] });
    const layout = layoutOf(fig);
    const texts = (layout.annotations as { text: string }[]).map((a) => a.text);
    // Was "$0" in all three labels and the subtitle.
    assert.deepEqual(texts, [
      "<b>Current price $0.152</b>",
      "If price reaches $0.145:<br>est. $7.0M of longs liquidated",
      "If price reaches $0.16:<br>est. $7.0M of shorts liquidated",
    ]);
    assert.match(layout.title.subtitle.text, /· price \$0\.152$/);
    assert.equal(layout.xaxis.tickformat, "$,.3~f");
    assert.equal(bars(fig.data)[0]!.hovertemplate, "Price %{x:$,.3f}<br>Tier 20×, %{customdata[0]}<br>Estimated %{y:$,.0f}<extra></extra>");
    const curves = fig.data.filter((t) => t.type === "scatter");
    assert.deepEqual(curves.map((t) => String(t.hovertemplate)), [
      "%{customdata}<br>estimated shorts liquidated %{y:$,.0f}<extra></extra>",
      "%{customdata}<br>estimated longs liquidated %{y:$,.0f}<extra></extra>",
    ]);
    // Each point's move, its price with the grid's 3 decimals: the price $0.1523, then the first centre above it (bin 12, $0.1525).
    assert.deepEqual((curves[0]!.customdata as string[]).slice(0, 2), ["Just above the current price $0.152", "If price reaches $0.153"]);
    // USD amounts stay whole dollars.
    assert.equal(layout.yaxis.tickformat, "$,.0f");
  });

  it("mapFigure(map) keeps whole dollars on a BTC grid ($1,000 bins) and on a $0.2 grid writes one decimal", () => {
    assert.equal(layoutOf(mapFigure(handMap())).xaxis.tickformat, "$,.0f");
    const n = 10;
    const sol = makeMap({ time: T0, price: 196.17, source: "SOL", tiers: [10], grid: grid(195, 0.2, n), long: [new Float64Array(n).fill(M)], short: [new Float64Array(n)] });
    const layout = layoutOf(mapFigure(sol, { thresholds: [195.5] }));
    assert.deepEqual((layout.annotations as { text: string }[]).map((a) => a.text.split("<br>")[0]), ["<b>Current price $196.2</b>", "If price reaches $195.5:"]);
    assert.equal(layout.xaxis.tickformat, "$,.1~f");
  });

  it("mapFigure(map, {title}) keeps saying estimate in a user's title, where alt text and page titles read it", () => {
    const fig = mapFigure(handMap(), { title: "ETH map" });
    assert.equal(layoutOf(fig).title.text, "ETH map (estimates)");
    assert.equal(pageTitle(fig), "ETH map (estimates)");
    // A title that already says so is left as written.
    assert.equal(layoutOf(mapFigure(handMap(), { title: "ETH estimated map" })).title.text, "ETH estimated map");
    assert.equal(layoutOf(mapFigure(handMap(), { title: "ESTIMATES: ETH" })).title.text, "ESTIMATES: ETH");
  });

  it("mapFigure(map) throws naming map.time, map.grid.lo or map.grid.step when NaN", () => {
    const noTime = { ...handMap(), time: NaN };
    // Was a bare "RangeError: Invalid time value".
    assert.throws(() => mapFigure(noTime), /^LiqlabError: mapFigure: column "map\.time": map\.time must be a finite number \(value NaN\)$/);
    const badLo = handMap();
    badLo.grid = { ...badLo.grid, lo: NaN };
    // Was "the map's price grid is empty (value 10)".
    assert.throws(() => mapFigure(badLo), /^LiqlabError: mapFigure: column "map\.grid\.lo": map\.grid\.lo must be a finite number \(value NaN\)$/);
    const badStep = handMap();
    badStep.grid = { ...badStep.grid, step: NaN };
    assert.throws(() => mapFigure(badStep), /^LiqlabError: mapFigure: column "map\.grid\.step": map\.grid\.step must be a finite number \(value NaN\)$/);
    const zeroStep = handMap();
    zeroStep.grid = { ...zeroStep.grid, step: 0 };
    assert.throws(() => mapFigure(zeroStep), /map\.grid\.step must be positive \(value 0\)/);
  });

  it("mapFigure(map) throws on grid prices out of order or a NaN cumulative price", () => {
    const swapped = handMap();
    const p = Float64Array.from(swapped.grid.prices);
    [p[3], p[4]] = [p[4]!, p[3]!];
    swapped.grid = { ...swapped.grid, prices: p };
    assert.throws(() => mapFigure(swapped), /^LiqlabError: mapFigure: map\.grid\.prices\[4\] must be greater than map\.grid\.prices\[3\] \(64500\): map\.grid\.prices must ascend without repeats \(value 63500\)$/);
    const cum = handMap();
    cum.cumulative = { ...cum.cumulative, price: Float64Array.from(cum.cumulative.price, (v, i) => (i === 2 ? NaN : v)) };
    assert.throws(() => mapFigure(cum), /mapFigure: map\.cumulative\.price\[2\] must be finite \(value NaN\)/);
  });

  it("mapFigure(map) shows a hostile source as literal text", () => {
    const fig = mapFigure(handMap(HOSTILE), { title: HOSTILE });
    const layout = layoutOf(fig);
    assert.equal(layout.title.text, "&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62; (estimates)");
    assert.ok(layout.title.subtitle.text.includes("Data: &#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;"));
    assert.ok(!JSON.stringify(fig).includes("<script"));
  });

  it("mapFigure(map, {thresholds: [NaN]}) throws naming the option", () => {
    assert.throws(() => mapFigure(handMap(), { thresholds: [NaN] }), /column "thresholds": thresholds must be a finite number \(value NaN\)/);
    assert.throws(() => mapFigure(handMap(), { thresholds: [-1] }), /thresholds must be positive \(value -1\)/);
    assert.throws(() => mapFigure(handMap(), { priceRange: [70_000, 60_000] }), /priceRange must have high > low/);
  });

  it("mapFigure(map) throws on a NaN level instead of drawing it", () => {
    const map = handMap();
    map.long[0]![3] = NaN;
    assert.throws(() => mapFigure(map), /^LiqlabError: mapFigure: map\.long\[0\]\[3\] must be a finite USD amount >= 0 \(value NaN\)$/);
    const short = handMap();
    short.short = short.short.slice(0, 2);
    assert.throws(() => mapFigure(short), /mapFigure: map\.short has length 2, expected 3/);
  });

  it("mapFigure(map, options) is deterministic and matches its snapshot", () => {
    const a = mapFigure(handMap(), { thresholds: [63_000, 67_000] });
    assert.deepEqual(mapFigure(handMap(), { thresholds: [63_000, 67_000] }), a);
    matchSnapshot("map-hand-thresholds", a);
  });

  it("mapFigure(null | grid null | tiers null | cumulative null) throws naming the field, not a TypeError", () => {
    assert.throws(() => mapFigure(null as never), /^LiqlabError: mapFigure: map must be a liquidation map \(model\.mapAt\(\), liq\.liquidationMap\(\.\.\.\)\) \(value null\)$/);
    assert.throws(() => mapFigure({ ...handMap(), grid: null as never }), /^LiqlabError: mapFigure: map\.grid must be a price grid \{ lo, step, bins, prices \} \(value null\)$/);
    assert.throws(() => mapFigure({ ...handMap(), tiers: null as never }), /^LiqlabError: mapFigure: map\.tiers must be an array \(value null\)$/);
    assert.throws(() => mapFigure({ ...handMap(), long: 5 as never }), /^LiqlabError: mapFigure: map\.long must be an array \(value 5\)$/);
    assert.throws(() => mapFigure({ ...handMap(), cumulative: null as never }), /mapFigure: map\.cumulative must be the cumulative curves \{ price, long, short \} \(value null\)/);
  });

  it("mapFigure(map, null) draws the defaults; mapFigure(map, {thresholds: 63000}) reads one price as [63000]", () => {
    assert.deepEqual(mapFigure(handMap(), null), mapFigure(handMap()));
    // each option as null is its default too (priceRange: null threw, unlike the others)
    assert.deepEqual(mapFigure(handMap(), { priceRange: null, thresholds: null, title: null, cumulative: null } as never), mapFigure(handMap()));
    assert.deepEqual(mapFigure(handMap(), { thresholds: 63_000 }), mapFigure(handMap(), { thresholds: [63_000] }));
    assert.throws(() => mapFigure(handMap(), { thresholds: "63000" as never }), /^LiqlabError: column "thresholds": thresholds must be a price or an array of prices \(value "63000"\)$/);
    assert.throws(() => mapFigure(handMap(), { title: 5 as never }), /^LiqlabError: column "title": title must be a string \(value 5\)$/);
  });

  it("mapFigure(map, {cumulative: 'no' | 0}) throws naming the option and the value", () => {
    // Was: "no" drew the curves and wrote yaxis2.visible: "no"; 0 hid them.
    assert.throws(() => mapFigure(handMap(), { cumulative: "no" as never }), /^LiqlabError: column "cumulative": cumulative must be true or false \(value "no"\)$/);
    assert.throws(() => mapFigure(handMap(), { cumulative: 0 as never }), /^LiqlabError: column "cumulative": cumulative must be true or false \(value 0\)$/);
    assert.equal((layoutOf(mapFigure(handMap(), { cumulative: false })).yaxis2 as { visible: unknown }).visible, false);
  });

  it("mapFigure(map, {threshold | colour}) refuses an unknown option, naming the one meant or every option", () => {
    // Was: ignored, no thresholds drawn and no error.
    assert.throws(() => mapFigure(handMap(), { threshold: [63_000] } as never), /^LiqlabError: column "threshold": unknown option; did you mean thresholds\? \(value \[63000\]\)$/);
    assert.throws(() => mapFigure(handMap(), { colour: "red" } as never), /^LiqlabError: column "colour": unknown option; mapFigure takes title, thresholds, cumulative, priceRange \(value "red"\)$/);
    // A key set to undefined is as if absent (a spread of optional settings).
    assert.deepEqual(mapFigure(handMap(), { colour: undefined } as never), mapFigure(handMap()));
  });

  it("mapFigure(map with a time past the year 9999) throws naming the time, not a RangeError", () => {
    assert.throws(() => mapFigure({ ...handMap(), time: 1e16 }), /^LiqlabError: column "time": time must be epoch ms UTC in the years 0000 to 9999 .* \(value 10000000000000000\)$/);
  });
});
