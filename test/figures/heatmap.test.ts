import assert from "node:assert/strict";
import { table } from "arquero";
import { heatmapFigure } from "../../src/figures/heatmap";
import { DOLLAR_CAVEAT } from "../../src/engine/caveat";
import { replay } from "../../src/engine/replay";
import type { Trace } from "../../src/figures/figure";
import { dogeHeatmap, fiveMinuteHourlyHeatmap, handHeatmap, handHeatmapColumns, T0 } from "./fixtures";
import { matchSnapshot } from "./snapshot";

const HALF_HOUR = 30 * 60 * 1000;
const HOSTILE = "</script><script>alert(1)</script>";
const byType = (data: Trace[], type: string) => data.filter((t) => t.type === type);
const heat = (data: Trace[]) => byType(data, "heatmap")[0] as Record<string, any>;

describe("figures/heatmap", () => {
  it("heatmapFigure(heatmap) clips colour at the 99th percentile of non-zero cells: $47,530 by hand", () => {
    const h = heat(heatmapFigure(handHeatmap()).data);
    assert.equal(h.zmin, 0);
    assert.ok(Math.abs(h.zmax - 47_530) < 1e-6, String(h.zmax));
  });

  it("heatmapFigure(heatmap) keeps cells under $1 to five significant digits of the colour top, not rounded to $0 or $1", () => {
    // The hand heatmap scaled to cents' fractions: cells (8c + i + 1) × $0.001, $0.001–$0.048.
    const small = handHeatmap();
    const z = small.z.map((col) => Float32Array.from(col, (v) => v / 1e6));
    const h = heat(heatmapFigure({ ...small, z }).data);
    // Clip: 47,530 / 1e6 = 0.04753 (float32 cells: to 1e-9); cells written to 5 significant digits of it (6 decimals).
    assert.ok(Math.abs(h.zmax - 0.04753) < 1e-9, String(h.zmax));
    assert.equal(h.z[2][3], 0.027);
    assert.equal(h.z[0][0], 0.001);
    assert.match(h.hovertemplate, /%\{z:\$,\.6~f\}/);
    // Whole dollars for a BTC-sized map, as before.
    assert.equal(heat(heatmapFigure(handHeatmap()).data).z[2][3], 27_000);
  });

  it("heatmapFigure(heatmap, {clipPercentile: 50}) clips at the median: $24,500 by hand", () => {
    // h = 47 × 0.5 = 23.5 → v[23] + 0.5 × (v[24] - v[23]) = 24,000 + 500.
    const h = heat(heatmapFigure(handHeatmap(), { clipPercentile: 50 }).data);
    assert.equal(h.zmax, 24_500);
  });

  it("heatmapFigure(heatmap) puts price on y and time on x: z[bin][column]", () => {
    const h = heat(heatmapFigure(handHeatmap()).data);
    assert.equal(h.z.length, 8);
    assert.equal(h.z[0].length, 6);
    // Cell (column 3, bin 2) holds (8·3 + 2 + 1) × $1,000.
    assert.equal(h.z[2][3], 27_000);
    assert.deepEqual(h.y, [60_250, 60_750, 61_250, 61_750, 62_250, 62_750, 63_250, 63_750]);
    assert.equal(h.x[0], "2026-06-01 00:30:00");
  });

  it("heatmapFigure(heatmap) draws column c over [times[c], times[c+1]) and the candle of bar c + 1 inside it", () => {
    // Column c is the book after bar c closes (at T0 + (c + 1)·30 min) and stands until column
    // c + 1: edges 00:30, 01:00, …, 03:00 and the last column one step on, 03:30. Candle j (the
    // bar 00:00 + j·30 min to +30 min) is drawn at its middle, 00:15 + j·30 min: bar c + 1 traded
    // against column c and sits inside its cell.
    const fig = heatmapFigure(handHeatmap());
    const h = heat(fig.data);
    assert.deepEqual(h.x, ["2026-06-01 00:30:00", "2026-06-01 01:00:00", "2026-06-01 01:30:00", "2026-06-01 02:00:00", "2026-06-01 02:30:00", "2026-06-01 03:00:00", "2026-06-01 03:30:00"]);
    assert.equal(h.z[0].length, 6);
    const candles = byType(fig.data, "candlestick")[0]!;
    const cx = candles.x as string[];
    assert.deepEqual(cx, ["00:15", "00:45", "01:15", "01:45", "02:15", "02:45", "03:15"].map((t) => `2026-06-01 ${t}:00`));
    for (let c = 0; c < 6; c++) assert.ok(h.x[c] < cx[c + 1]! && cx[c + 1]! < h.x[c + 1], `candle ${c + 1} in cell ${c}`);
    assert.equal((candles.hovertext as string[])[1], "Bar opening 2026-06-01 00:30 UTC");
    // Every cell and every candle's whole bar: the first bar opens at 00:00, the last cell ends 03:30.
    assert.deepEqual((fig.layout as any).xaxis.range, ["2026-06-01 00:00:00", "2026-06-01 03:30:00"]);
    assert.equal((fig.layout as any).xaxis.rangeslider.visible, false);
    assert.equal(byType(heatmapFigure(handHeatmap(), { candles: false }).data, "candlestick").length, 0);
  });

  it("heatmapFigure(heatmap of 5-minute bars, hourly columns) draws each hour's book over the twelve bars that traded against it", () => {
    // Columns at 01:00, 02:00, 03:00 (the book after the bars closing then): cells [01:00, 02:00),
    // [02:00, 03:00) and [03:00, 04:00) (the last one column step long). A 5-minute candle is drawn
    // over [open, open + 5 min), centred at open + 2.5 min: bars 12-23 (01:00-01:55) inside the
    // first cell, 24-35 the second, 36-37 (03:00, 03:05) the third; bars 0-11 traded before any column.
    const fig = heatmapFigure(fiveMinuteHourlyHeatmap());
    const h = heat(fig.data);
    assert.deepEqual(h.x, ["2026-06-01 01:00:00", "2026-06-01 02:00:00", "2026-06-01 03:00:00", "2026-06-01 04:00:00"]);
    const cx = (byType(fig.data, "candlestick")[0]!.x as string[]).map((x) => Date.parse(`${x.replace(" ", "T")}Z`));
    const edges = (h.x as string[]).map((x) => Date.parse(`${x.replace(" ", "T")}Z`));
    const FIVE = 5 * 60_000;
    assert.equal(cx[12], Date.UTC(2026, 5, 1, 1, 2, 30));
    const cellOf = (x: number) => edges.findIndex((e, i) => i < edges.length - 1 && e <= x - FIVE / 2 && x + FIVE / 2 <= edges[i + 1]!);
    assert.deepEqual(cx.map(cellOf), [...Array(12).fill(-1), ...Array(12).fill(0), ...Array(12).fill(1), 2, 2]);
    // The hover says which book a cell is (plotly's hover x for a cell given by its edges is its middle).
    assert.match(h.hovertemplate, /^Book after the bar closing at the cell's left edge<br>\(cell middle %\{x\|%Y-%m-%d %H:%M\} UTC\)<br>Price/);
    assert.deepEqual((fig.layout as any).xaxis.range, ["2026-06-01 00:00:00", "2026-06-01 04:00:00"]);
  });

  it("heatmapFigure(heatmap, {realized: table}) marks longs at the bar's low and shorts at its high, area ∝ USD", () => {
    // Candle 1 (00:30) opens 61,900, closes 61,700: low 61,600. Candle 3 (01:30) opens 61,800,
    // closes 61,400: low 61,300, high 61,900.
    const realized = table({ time: [T0 + HALF_HOUR, T0 + 2 * HALF_HOUR, T0 + 3 * HALF_HOUR], longUsd: [4e6, 0, 1e6], shortUsd: [0, 0, 1e6] });
    const fig = heatmapFigure(handHeatmap(), { realized });
    const [longs, shorts] = byType(fig.data, "scatter") as Record<string, any>[];
    // On candles 1 and 3 as they are drawn: at the middle of their bars, 00:45 and 01:45.
    assert.deepEqual(longs!.x, ["2026-06-01 00:45:00", "2026-06-01 01:45:00"]);
    assert.deepEqual(longs!.y, [61_600, 61_300]);
    assert.deepEqual(longs!.customdata, [[4e6, "Bar opening 2026-06-01 00:30 UTC"], [1e6, "Bar opening 2026-06-01 01:30 UTC"]]);
    assert.deepEqual(shorts!.y, [61_900]);
    // Largest marker 18 px; a quarter of the USD has half the diameter (a quarter of the area).
    assert.deepEqual(longs!.marker.size, [18, 9]);
    assert.deepEqual(shorts!.marker.size, [9]);
  });

  it("heatmapFigure(heatmap, {realized, markerMinSize}) floors small markers at 7 px by default, at the size given, never above the largest", () => {
    // 4e6, 1e6 and 1e4 USD: diameters 18, 9 and 18·√(1e4/4e6) = 0.9 px, floored.
    const realized = table({ time: [T0 + HALF_HOUR, T0 + 3 * HALF_HOUR, T0 + 4 * HALF_HOUR], longUsd: [4e6, 1e6, 1e4], shortUsd: [0, 0, 0] });
    const sizes = (o: object) => ((byType(heatmapFigure(handHeatmap(), { realized, ...o }).data, "scatter") as Record<string, any>[])[0]!.marker.size as number[]);
    assert.deepEqual(sizes({}), [18, 9, 7]);
    assert.deepEqual(sizes({ markerMinSize: 2 }), [18, 9, 2]);
    assert.deepEqual(sizes({ markerMaxSize: 6 }), [6, 3, 3]);
    assert.throws(() => sizes({ markerMaxSize: 6, markerMinSize: 8 }), /column "markerMinSize": markerMinSize must be at most markerMaxSize \(6\) \(value 8\)/);
  });

  it("heatmapFigure(heatmap, {realized: events}) uses an event's own price and drops times outside the candles", () => {
    const fig = heatmapFigure(handHeatmap(), {
      realized: [
        { time: T0 + 10 * 60_000, side: "short", usd: 2e6, price: 62_050 },
        { time: T0 + 5 * 60_000, side: "long", usd: 1e6 },
        { time: T0 - 1, side: "long", usd: 9e6 },
        { time: T0 + 7 * HALF_HOUR, side: "long", usd: 9e6 },
      ],
    });
    const [longs, shorts] = byType(fig.data, "scatter") as Record<string, any>[];
    assert.deepEqual(shorts!.y, [62_050]);
    assert.deepEqual(longs!.y, [61_800]);
    assert.equal(longs!.x.length, 1);
  });

  it("heatmapFigure(heatmap, {realized: table of events}) reads a loader's event table (time, side, usd, price) as those events", () => {
    // Two events as one table, as loadBinanceLiquidationSnapshot returns them (with a quantity
    // column the figure does not read): each drawn at its own price, as the same array of events is.
    const events = [
      { time: T0 + 10 * 60_000, side: "short" as const, usd: 2e6, price: 62_050 },
      { time: T0 + 5 * 60_000, side: "long" as const, usd: 1e6, price: 61_900 },
    ];
    const fromTable = heatmapFigure(handHeatmap(), { realized: table({ time: events.map((e) => e.time), side: events.map((e) => e.side), price: events.map((e) => e.price), quantity: [30, 16], usd: events.map((e) => e.usd) }) });
    const fromArray = heatmapFigure(handHeatmap(), { realized: events });
    const [longs, shorts] = byType(fromTable.data, "scatter") as Record<string, any>[];
    assert.deepEqual(shorts!.y, [62_050]);
    assert.deepEqual(longs!.y, [61_900]);
    assert.deepEqual(byType(fromTable.data, "scatter"), byType(fromArray.data, "scatter"));
  });

  it("heatmapFigure(heatmap, {realized: events}) marks an event on the candle of the bar holding it", () => {
    // A long event at 00:54 is in the bar 00:30-01:00 (candle 1: low 61,600), drawn at its middle,
    // 00:45, not at 00:54 beside candle 2; a short at 02:59:59 is in the bar 02:30-03:00 (candle 5:
    // open 61,200, close 61,500, high 61,600), drawn at 02:45.
    const fig = heatmapFigure(handHeatmap(), {
      realized: [
        { time: T0 + 54 * 60_000, side: "long", usd: 5e6 },
        { time: T0 + 6 * HALF_HOUR - 1000, side: "short", usd: 2e6 },
      ],
    });
    const [longs, shorts] = byType(fig.data, "scatter") as Record<string, any>[];
    const candles = byType(fig.data, "candlestick")[0]!.x as string[];
    assert.deepEqual(longs!.x, ["2026-06-01 00:45:00"]);
    assert.equal(longs!.x[0], candles[1]);
    assert.deepEqual(longs!.y, [61_600]);
    assert.deepEqual(shorts!.x, [candles[5]]);
    assert.deepEqual(shorts!.y, [61_600]);
    assert.deepEqual(longs!.customdata, [[5e6, "2026-06-01 00:54 UTC, in the bar opening 2026-06-01 00:30 UTC"]]);
    assert.match(longs!.hovertemplate, /^Longs liquidated \(reported\)<br>%\{customdata\[1\]\}<br>%\{customdata\[0\]:\$,\.0f\}/);
  });

  it("heatmapFigure(heatmap, {realized}) drops an event in a gap between candles, where no bar traded", () => {
    // Half-hour candles with the one opening 01:30 missing (a halt from 01:30 to 02:00).
    const h = handHeatmap();
    const keep = [0, 1, 2, 4, 5, 6];
    const cut = (a: Float64Array) => Float64Array.from(keep, (k) => a[k]!);
    const halted = { ...h, candles: { time: cut(h.candles.time), open: cut(h.candles.open), high: cut(h.candles.high), low: cut(h.candles.low), close: cut(h.candles.close) } };
    const fig = heatmapFigure(halted, {
      realized: [
        { time: T0 + 100 * 60_000, side: "long", usd: 5e6 }, // 01:40, in the halt
        { time: T0 + 70 * 60_000, side: "long", usd: 3e6 }, // 01:10, in the bar opening 01:00
      ],
    });
    const longs = (byType(fig.data, "scatter") as Record<string, any>[])[0]!;
    assert.deepEqual(longs.customdata, [[3e6, "2026-06-01 01:10 UTC, in the bar opening 2026-06-01 01:00 UTC"]]);
    // A per-bar table row stamped in the halt is dropped too.
    const table = heatmapFigure(halted, { realized: { time: [T0 + 90 * 60_000, T0 + 60 * 60_000], longUsd: [7e6, 1e6], shortUsd: [0, 0] } });
    assert.deepEqual((byType(table.data, "scatter") as Record<string, any>[])[0]!.customdata.map((d: unknown[]) => d[0]), [1e6]);
  });

  it("heatmapFigure(heatmap of calendar-month bars, {realized}) keeps an event on the 31st in its month", () => {
    // Monthly candles Feb-Jul 2025: the median bar is 30 days, March and May have 31.
    const months = [1, 2, 3, 4, 5, 6].map((m) => Date.UTC(2025, m, 1));
    const h = handHeatmap();
    const f = (v: number) => Float64Array.from(months, () => v);
    const monthly = { ...h, times: Float64Array.from(months.slice(1)), z: h.z.slice(0, 5), long: h.long.slice(0, 5), short: h.short.slice(0, 5), candles: { time: Float64Array.from(months), open: f(61_500), high: f(61_900), low: f(61_100), close: f(61_500) } };
    const fig = heatmapFigure(monthly, { realized: [{ time: Date.UTC(2025, 2, 31, 12), side: "long", usd: 1e6 }, { time: Date.UTC(2025, 2, 15), side: "long", usd: 2e6 }, { time: Date.UTC(2025, 6, 31, 12), side: "long", usd: 3e6 }, { time: Date.UTC(2025, 7, 1), side: "long", usd: 4e6 }] });
    const longs = (byType(fig.data, "scatter") as Record<string, any>[])[0]!;
    // July 31 is in the last bar (July, 31 days against a median bar of 30); August 1 is after it.
    assert.deepEqual(longs.customdata.map((d: unknown[]) => d[1]), ["2025-03-31 12:00 UTC, in the bar opening 2025-03-01 00:00 UTC", "2025-03-15 00:00 UTC, in the bar opening 2025-03-01 00:00 UTC", "2025-07-31 12:00 UTC, in the bar opening 2025-07-01 00:00 UTC"]);
  });

  it("heatmapFigure(heatmap) titles say ESTIMATES, name the data and the clip level", () => {
    const layout = heatmapFigure(handHeatmap(HOSTILE)).layout as Record<string, any>;
    assert.equal(layout.title.text, "Estimated liquidation heatmap, 2026-06-01 00:30 UTC to 2026-06-01 03:00 UTC");
    assert.match(layout.title.subtitle.text, /^ESTIMATES: /);
    assert.ok(layout.title.subtitle.text.includes("Data: &#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;"));
    assert.ok(layout.title.subtitle.text.includes("colour clipped at the 99th percentile of non-zero cells, $47,530"));
    assert.equal(layout.yaxis.tickformat, "$,.0f");
  });

  it("heatmapFigure(heatmap with a caveat) puts the caveat after the data, on its own line above the colour scale", () => {
    const sub = (h: object) => (heatmapFigure(h as never).layout as Record<string, any>).title.subtitle.text as string;
    assert.match(sub({ ...handHeatmap(), caveat: "dollar level not validated: docs/validation.md" }), /<br>Data: .* · dollar level not validated: docs\/validation.md<br>colour clipped at/);
    assert.doesNotMatch(sub(handHeatmap()), /not validated/);
    // A replay's heatmap carries it.
    const t0 = Date.UTC(2026, 0, 1);
    const time = [t0, t0 + 60_000, t0 + 120_000];
    const c = [100, 101, 100];
    const m = replay({ candles: { time, open: c, high: c.map((x) => x + 1), low: c.map((x) => x - 1), close: c }, openInterest: { time, value: [1e6, 1.1e6, 1.2e6] } });
    assert.equal(m.heatmap().caveat, DOLLAR_CAVEAT);
    assert.ok(sub(m.heatmap()).includes(DOLLAR_CAVEAT));
  });

  it("heatmapFigure(heatmap, {maxColumns: 3}) draws each cell as the mean of 2 columns, from the first's time to the next cell's", () => {
    // 6 columns, at most 3 drawn: k = ⌈6 / 3⌉ = 2. Cell (group g, bin i) = mean of columns 2g and
    // 2g + 1 = ((8·2g + i + 1) + (8·(2g + 1) + i + 1)) / 2 × $1,000 = (16g + i + 5) × $1,000.
    const fig = heatmapFigure(handHeatmap(), { maxColumns: 3 });
    const h = heat(fig.data);
    assert.equal(h.z[0].length, 3);
    assert.equal(h.z[2][1], 23_000);
    assert.equal(h.z[7][2], 44_000);
    // columns 00:30 and 01:00 stand from 00:30 until column 2 at 01:30; the last pair until 03:30
    assert.deepEqual(h.x, ["2026-06-01 00:30:00", "2026-06-01 01:30:00", "2026-06-01 02:30:00", "2026-06-01 03:30:00"]);
    assert.match(h.hovertemplate, /^Mean of 2 columns, the first the book<br>after the bar closing at the cell's left edge/);
    assert.match((fig.layout as any).title.subtitle.text, /each cell the mean of 2 of the 6 columns/);
    // under the cap nothing changes
    assert.deepEqual(heat(heatmapFigure(handHeatmap(), { maxColumns: 6 }).data).z, heat(heatmapFigure(handHeatmap()).data).z);
  });

  it("heatmapFigure(heatmap of 5 columns, {maxColumns: 3}) draws the shorter last cell as long as its one column stood", () => {
    // k = ⌈5 / 3⌉ = 2: cells of columns {0, 1}, {2, 3} and {4}. Column 4 (02:30) stands one column
    // step, to 03:00: the last cell is half as wide as the others, not as wide.
    const h = heat(heatmapFigure(handHeatmapColumns(5), { maxColumns: 3 }).data);
    assert.deepEqual(h.x, ["2026-06-01 00:30:00", "2026-06-01 01:30:00", "2026-06-01 02:30:00", "2026-06-01 03:00:00"]);
    // Bin 0 of the last cell is column 4 alone: (8·4 + 1) × $1,000.
    assert.equal(h.z[0][2], 33_000);
    assert.match(h.hovertemplate, /^Mean of 2 columns \(the last cell 1\), the first/);
  });

  it("heatmapFigure(heatmap, {maxColumns: 0 | 2.5}) throws naming the option", () => {
    assert.throws(() => heatmapFigure(handHeatmap(), { maxColumns: 0 }), /column "maxColumns": maxColumns must be an integer >= 1 \(or Infinity\) \(value 0\)/);
    assert.throws(() => heatmapFigure(handHeatmap(), { maxColumns: 2.5 }), /maxColumns must be an integer >= 1 \(or Infinity\) \(value 2\.5\)/);
  });

  it("heatmapFigure(heatmap, {clipPercentile: 0}) throws naming the option", () => {
    assert.throws(() => heatmapFigure(handHeatmap(), { clipPercentile: 0 }), /column "clipPercentile": clipPercentile must be in \(0, 100\] \(value 0\)/);
    assert.throws(() => heatmapFigure(handHeatmap(), { realized: table({ time: [T0] }) }), /realized table has no column "longUsd"/);
  });

  it("heatmapFigure(heatmap) throws on a negative cell", () => {
    const h = handHeatmap();
    h.z[1]![2] = -5;
    assert.throws(() => heatmapFigure(h), /heatmapFigure: heatmap\.z\[1\]\[2\] must be a finite USD amount >= 0 \(value -5\)/);
  });

  it("heatmapFigure(heatmap) draws a single column one bar wide and titles it with its one time", () => {
    // Column at 00:30, candles every 30 min: the cell spans the bar opening then, 00:30-01:00 (the
    // book it stands for until a next column), and the x axis shows that bar. Was one x value (a
    // 1 ms wide cell) and "… to …".
    const fig = heatmapFigure(handHeatmapColumns(1));
    const h = heat(fig.data);
    const layout = fig.layout as Record<string, any>;
    assert.deepEqual(h.x, ["2026-06-01 00:30:00", "2026-06-01 01:00:00"]);
    assert.equal(h.z[0].length, 1);
    assert.deepEqual(layout.xaxis.range, ["2026-06-01 00:30:00", "2026-06-01 01:00:00"]);
    assert.equal(layout.title.text, "Estimated liquidation heatmap at 2026-06-01 00:30 UTC");
    assert.match(layout.title.subtitle.text, /^ESTIMATES: modelled liquidation levels standing at that time, not reported liquidations · one column, drawn over the bar opening then<br>/);
    assert.match(h.hovertemplate, /^Book after the bar closing at 2026-06-01 00:30 UTC<br>Price/);
    // Without candles there is no bar length: one hour.
    const bare = heatmapFigure(handHeatmapColumns(1, false));
    assert.deepEqual(heat(bare.data).x, ["2026-06-01 00:30:00", "2026-06-01 01:30:00"]);
    assert.match((bare.layout as any).title.subtitle.text, /· one column, drawn one hour wide<br>/);
  });

  it("heatmapFigure(heatmap, {maxColumns: 1}) draws the mean of all 6 columns across their whole span", () => {
    // Columns 00:30 … 03:00, 30 min apart, the last standing to 03:30: the one cell spans 00:30-03:30.
    const fig = heatmapFigure(handHeatmap(), { maxColumns: 1 });
    const h = heat(fig.data);
    assert.deepEqual(h.x, ["2026-06-01 00:30:00", "2026-06-01 03:30:00"]);
    // Bin 0: mean of (8c + 1) × $1,000 over c = 0..5 = $21,000.
    assert.equal(h.z[0][0], 21_000);
    assert.match(h.hovertemplate, /^Mean of the 6 books after the bars closing 2026-06-01 00:30 UTC to 2026-06-01 03:00 UTC<br>/);
    assert.equal((fig.layout as any).title.text, "Estimated liquidation heatmap, 2026-06-01 00:30 UTC to 2026-06-01 03:00 UTC");
  });

  it("heatmapFigure(heatmap) labels prices under $1 with the decimals the $0.001 grid needs", () => {
    const fig = heatmapFigure(dogeHeatmap());
    const layout = fig.layout as Record<string, any>;
    assert.equal(layout.yaxis.tickformat, "$,.3~f");
    assert.match(heat(fig.data).hovertemplate, /<br>Price %\{y:\$,\.3f\}<br>Estimated %\{z:\$,\.0f\}/);
    const [lo, hi] = layout.yaxis.range as [number, number];
    assert.ok(lo === 0.14 && Math.abs(hi - 0.15) < 1e-12, `${lo}..${hi}`);
    // A BTC grid keeps whole dollars.
    assert.match(heat(heatmapFigure(handHeatmap()).data).hovertemplate, /Price %\{y:\$,\.0f\}/);
  });

  it("heatmapFigure(heatmap) with no estimated USD says so instead of a $0 clip level", () => {
    const h = handHeatmap();
    h.z = h.z.map((col) => new Float64Array(col.length) as unknown as typeof col);
    const fig = heatmapFigure(h);
    const trace = heat(fig.data);
    const subtitle = (fig.layout as any).title.subtitle.text as string;
    assert.equal(trace.zmax, 1);
    assert.ok(subtitle.endsWith("Data: BTCUSDT Binance, 30m candles + OI (hand-built test heatmap) · no estimated liquidation USD in any cell"), subtitle);
    assert.ok(!subtitle.includes("clipped"));
    assert.deepEqual([trace.colorbar.tickvals, trace.colorbar.ticktext], [[0], ["$0"]]);
  });

  it("heatmapFigure(heatmap, {title}) keeps saying estimate in a user's title", () => {
    assert.equal((heatmapFigure(handHeatmap(), { title: "ETH heatmap" }).layout as any).title.text, "ETH heatmap (estimates)");
    assert.equal((heatmapFigure(handHeatmap(), { title: "ETH <estimated> heatmap" }).layout as any).title.text, "ETH &#60;estimated&#62; heatmap");
  });

  it("heatmapFigure(heatmap) throws naming a NaN or out-of-order grid price, lo or step", () => {
    const nanPrice = handHeatmap();
    nanPrice.grid.prices[0] = NaN;
    assert.throws(() => heatmapFigure(nanPrice), /^LiqlabError: heatmapFigure: heatmap\.grid\.prices\[0\] must be finite \(value NaN\)$/);
    const swapped = handHeatmap();
    swapped.grid.prices[5] = 60_000;
    assert.throws(() => heatmapFigure(swapped), /^LiqlabError: heatmapFigure: heatmap\.grid\.prices\[5\] must be greater than heatmap\.grid\.prices\[4\] \(62250\): heatmap\.grid\.prices must ascend without repeats \(value 60000\)$/);
    const nanLo = handHeatmap();
    nanLo.grid = { ...nanLo.grid, lo: NaN };
    assert.throws(() => heatmapFigure(nanLo), /^LiqlabError: heatmapFigure: column "heatmap\.grid\.lo": heatmap\.grid\.lo must be a finite number \(value NaN\)$/);
    const zeroStep = handHeatmap();
    zeroStep.grid = { ...zeroStep.grid, step: -500 };
    assert.throws(() => heatmapFigure(zeroStep), /heatmap\.grid\.step must be positive \(value -500\)/);
  });

  it("heatmapFigure(heatmap) throws on repeated or decreasing column and candle times", () => {
    const dup = handHeatmap();
    dup.times[3] = dup.times[2]!;
    assert.throws(() => heatmapFigure(dup), /^LiqlabError: heatmapFigure: heatmap\.times\[3\] must be greater than heatmap\.times\[2\] \(1780277400000\): heatmap\.times must ascend without repeats \(value 1780277400000\)$/);
    const back = handHeatmap();
    back.times.reverse();
    assert.throws(() => heatmapFigure(back), /heatmap\.times\[1\] must be greater than heatmap\.times\[0\] \(1780282800000\).* \(value 1780281000000\)$/);
    const candles = handHeatmap();
    candles.candles.time.reverse();
    assert.throws(() => heatmapFigure(candles), /heatmapFigure: heatmap\.candles\.time\[1\] must be greater than heatmap\.candles\.time\[0\] \(1780282800000\).* \(value 1780281000000\)$/);
  });

  it("heatmapFigure(heatmap) throws on a candle with low above high or a price <= 0", () => {
    const inverted = handHeatmap();
    inverted.candles.low[2] = 70_000;
    assert.throws(() => heatmapFigure(inverted), /^LiqlabError: heatmapFigure: heatmap\.candles\.low\[2\] must be <= heatmap\.candles\.high\[2\] \(61900\) \(value 70000\)$/);
    const negative = handHeatmap();
    negative.candles.high[1] = -3;
    assert.throws(() => heatmapFigure(negative), /^LiqlabError: heatmapFigure: heatmap\.candles\.high\[1\] must be a finite price > 0 \(value -3\)$/);
    const zero = handHeatmap();
    zero.candles.open[0] = 0;
    assert.throws(() => heatmapFigure(zero), /heatmap\.candles\.open\[0\] must be a finite price > 0 \(value 0\)/);
  });

  it("heatmapFigure(heatmap, {realized}) throws when plain realized columns differ in length", () => {
    // Was: the bar without a USD value dropped silently.
    const realized = { time: [T0, T0 + HALF_HOUR], longUsd: [1e6], shortUsd: [0, 2e6] };
    assert.throws(() => heatmapFigure(handHeatmap(), { realized }), /^LiqlabError: heatmapFigure: realized\.longUsd has length 1, expected 2 \(value 1\)$/);
    const short = { time: [T0, T0 + HALF_HOUR], longUsd: [1e6, 0], shortUsd: [2e6, 0, 5] };
    assert.throws(() => heatmapFigure(handHeatmap(), { realized: short }), /realized\.shortUsd has length 3, expected 2/);
  });

  it("heatmapFigure(heatmap, options) is deterministic and matches its snapshot", () => {
    const realized = { time: [T0 + HALF_HOUR], longUsd: [3e6], shortUsd: [1e6] };
    const a = heatmapFigure(handHeatmap(), { realized });
    assert.deepEqual(heatmapFigure(handHeatmap(), { realized }), a);
    matchSnapshot("heatmap-hand-realized", a);
  });

  it("heatmapFigure(null | times null | candles null) throws naming the field, not a TypeError", () => {
    assert.throws(() => heatmapFigure(null as never), /^LiqlabError: heatmapFigure: heatmap must be a heatmap \(model\.heatmap\(\)\) \(value null\)$/);
    assert.throws(() => heatmapFigure({ ...handHeatmap(), times: null as never }), /^LiqlabError: heatmapFigure: heatmap\.times must be an array \(value null\)$/);
    assert.throws(() => heatmapFigure({ ...handHeatmap(), candles: null as never }), /^LiqlabError: heatmapFigure: heatmap\.candles must be candles \{ time, open, high, low, close \} \(value null\)$/);
  });

  it("heatmapFigure(heatmap, null | {realized: null}) draws the defaults; {realized: [null]} names the event", () => {
    const plain = heatmapFigure(handHeatmap());
    assert.deepEqual(heatmapFigure(handHeatmap(), null), plain);
    assert.deepEqual(heatmapFigure(handHeatmap(), { realized: null }), plain);
    assert.throws(() => heatmapFigure(handHeatmap(), { realized: [null as never] }), /^LiqlabError: heatmapFigure: realized\[0\] must be a realized liquidation \{ time, side, usd \} \(value null\)$/);
    assert.throws(() => heatmapFigure(handHeatmap(), { realized: { time: [T0], longUsd: 5, shortUsd: [0] } as never }), /^LiqlabError: heatmapFigure: realized\.longUsd must be an array \(value 5\)$/);
  });

  it("heatmapFigure(heatmap, {candles: 'no'}) throws naming the option and the value", () => {
    assert.throws(() => heatmapFigure(handHeatmap(), { candles: "no" as never }), /^LiqlabError: column "candles": candles must be true or false \(value "no"\)$/);
    assert.deepEqual(heatmapFigure(handHeatmap(), { candles: null as never }), heatmapFigure(handHeatmap()));
  });

  it("heatmapFigure(heatmap, {clip | colours}) refuses an unknown option, naming the one meant or every option", () => {
    assert.throws(() => heatmapFigure(handHeatmap(), { clip: 50 } as never), /^LiqlabError: column "clip": unknown option; did you mean clipPercentile\? \(value 50\)$/);
    assert.throws(() => heatmapFigure(handHeatmap(), { colours: "x" } as never), /^LiqlabError: column "colours": unknown option; heatmapFigure takes title, clipPercentile, candles, realized, markerMaxSize, markerMinSize, maxColumns \(value "x"\)$/);
  });

  it("heatmapFigure(heatmap with times past the year 9999) throws naming the time, not a RangeError", () => {
    const h = handHeatmap();
    assert.throws(() => heatmapFigure({ ...h, times: h.times.map((t) => t + 1e16) }), /^LiqlabError: column "time": time must be epoch ms UTC in the years 0000 to 9999 .* \(value 1000178027\d+\)$/);
  });
});
