import assert from "node:assert/strict";
import { mapFigure } from "../../src/figures/map";
import { TIER_COLOURS, tierColour } from "../../src/figures/theme";
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

  it("mapFigure(map) draws cumulative longs only below the price and shorts only above, on the right axis", () => {
    const fig = mapFigure(handMap());
    const curves = fig.data.filter((t) => t.type === "scatter");
    const longs = curves.find((t) => t.name === "Longs if price falls");
    const shorts = curves.find((t) => t.name === "Shorts if price rises");
    assert.equal(longs!.yaxis, "y2");
    // Below $65,000: bins 0..4; cumulative outward from the price: 23, 23, 19, 14, 8 M.
    assert.deepEqual(longs!.x, [60_500, 61_500, 62_500, 63_500, 64_500]);
    assert.deepEqual(longs!.y, [23 * M, 23 * M, 19 * M, 14 * M, 8 * M]);
    assert.deepEqual(shorts!.x, [65_500, 66_500, 67_500, 68_500, 69_500]);
    assert.deepEqual(shorts!.y, [7 * M, 14 * M, 16 * M, 22 * M, 22 * M]);
    assert.equal(mapFigure(handMap(), { cumulative: false }).data.filter((t) => t.type === "scatter").length, 0);
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

  it("mapFigure(map) widens the price axis to show thresholds outside the grid", () => {
    const fig = mapFigure(handMap(), { thresholds: [58_000] });
    const [lo, hi] = layoutOf(fig).xaxis.range as [number, number];
    assert.ok(lo < 58_000 && hi === 70_000, `${lo}..${hi}`);
  });

  it("mapFigure(map) gives a tier the same colour whatever other tiers the map has", () => {
    const a = bars(mapFigure(handMap()).data);
    const n = 10;
    const other = makeMap({ time: T0, price: 65_000, source: "x", tiers: [25, 50], grid: grid(60_000, 1_000, n), long: [new Float64Array(n), new Float64Array(n)], short: [new Float64Array(n), new Float64Array(n)] });
    const b = bars(mapFigure(other).data);
    const colour = (t: Trace) => (t.marker as { color: string }).color;
    assert.equal(colour(a[1]!), colour(b[0]!));
    assert.equal(colour(a[1]!), TIER_COLOURS[25]);
    assert.equal(new Set(a.map(colour)).size, 3);
    // A tier outside TIER_COLOURS takes the fallback palette by round(leverage × 1000) mod 8:
    // 33,000 mod 8 = 0 and 33,500 mod 8 = 4 (the first and fifth fallback colours).
    assert.equal(tierColour(33), "#17becf");
    assert.equal(tierColour(33.5), "#637939");
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
    assert.equal(bars(fig.data)[0]!.hovertemplate, "Price %{x:$,.3f}<br>Tier 20×, %{customdata}s<br>Estimated %{y:$,.0f}<extra></extra>");
    const curves = fig.data.filter((t) => t.type === "scatter").map((t) => String(t.hovertemplate));
    assert.deepEqual(curves, [
      "If price reaches %{x:$,.3f}<br>estimated shorts liquidated %{y:$,.0f}<extra></extra>",
      "If price reaches %{x:$,.3f}<br>estimated longs liquidated %{y:$,.0f}<extra></extra>",
    ]);
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

  it("mapFigure(map with a time past the year 9999) throws naming the time, not a RangeError", () => {
    assert.throws(() => mapFigure({ ...handMap(), time: 1e16 }), /^LiqlabError: column "time": time must be epoch ms UTC in the years 0000 to 9999 .* \(value 10000000000000000\)$/);
  });
});
