/**
 * show() and displayBundle() on values holding estimates and tables, a replay model, and figures
 * in a script: the estimate label is never lost, nested tables are drawn as tables, output stays
 * bounded. Both paths are checked: the text a script prints and the bundle a kernel is sent.
 */
import assert from "node:assert/strict";
import path from "node:path";
import * as aq from "arquero";
import { displayBundle, show } from "../../src/notebook/show";
import { liquidationMap } from "../../src/engine/map";
import { replay } from "../../src/engine/replay";
import { derivativesVsSpot } from "../../src/market/scale";
import { mapFigure } from "../../src/figures/map";
import type { DisplayBundle } from "../../src/notebook/bundle";
import { estimateCaption } from "../../src/util/estimate";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const D0 = Date.UTC(2025, 6, 20);

const map = (truth = false) =>
  liquidationMap({ price: 100, tiers: [5, 10], grid: { lo: 80, step: 10, bins: 4 }, long: [[3, 0, 0, 0], [0, 2, 0, 0]], short: [[0, 0, 0, 1], [0, 0, 0, 0]], source: truth ? "simulator truth" : "hand", ...(truth ? { truth: true } : {}) });

/** A small replay: 48 half-hour bars from 2026-06-01 00:00 UTC, price drifting around 100. */
function model() {
  const n = 48;
  const t0 = Date.UTC(2026, 5, 1);
  const close = Array.from({ length: n }, (_, i) => 100 + 3 * Math.sin(i / 4));
  return replay({
    candles: { time: close.map((_, i) => t0 + i * 1_800_000), open: close.map((c, i) => (i === 0 ? c : close[i - 1]!)), high: close.map((c) => c + 1), low: close.map((c) => c - 1), close, openInterestUsd: close.map((_, i) => 1e6 + 1e4 * i) },
    source: "hand replay",
  });
}

const text = (b: DisplayBundle) => b.data["text/plain"]!;
const html = (b: DisplayBundle) => b.data["text/html"]!;
const IF80 = "Estimated USD liquidated if the price reaches 80 (estimate; hand, price 100)";
const IF120 = "Estimated USD liquidated if the price reaches 120 (estimate; hand, price 100)";

/** What `fn` writes to stdout. */
function stdout(fn: () => void): string {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((c: string | Uint8Array) => (chunks.push(String(c)), true)) as typeof process.stdout.write;
  try {
    fn();
  } finally {
    process.stdout.write = write;
  }
  return chunks.join("");
}

/** Runs `fn` as if inside the tslab kernel: show() finds tslab's display call and sends to it. */
function inKernel(fn: () => void): { sent: { data: Record<string, string> }[]; printed: string } {
  const file = path.join(path.sep, "liqlab-test", "node_modules", "tslab", "dist", "jupyter.js");
  const sent: { data: Record<string, string> }[] = [];
  require.cache[file] = { exports: { lastWriteDisplayData: (content: { data: Record<string, string> }) => sent.push(content) } } as unknown as NodeJS.Module;
  try {
    const printed = stdout(fn);
    return { sent, printed };
  } finally {
    delete require.cache[file];
  }
}

describe("notebook/show: estimates inside objects and arrays", () => {
  it("displayBundle({ up: answer, down: answer }) captions each member's estimate, in text and HTML", () => {
    const m = map();
    const b = displayBundle({ up: m.liquidationsIf(120), down: m.liquidationsIf(80) });
    assert.equal(text(b), `up: ${IF120}\ndown: ${IF80}\n${JSON.stringify({ up: { side: "short", usd: 1 }, down: { side: "long", usd: 5 } }, null, 2)}`);
    assert.match(html(b), /^<p><b>up: Estimated USD liquidated if the price reaches 120 \(estimate; hand, price 100\)<br>down: Estimated USD/);
  });
  it("displayBundle([answer, answer]) captions each element by its index", () => {
    const m = map();
    assert.match(text(displayBundle([m.liquidationsIf(80), m.liquidationsIf(120)])), new RegExp(`^\\[0\\]: ${IF80.replace(/[()]/g, "\\$&")}\\n\\[1\\]: `));
  });
  it("displayBundle({ a: { b: [answer] } }) finds estimates nested in plain objects and arrays; one caption names every path holding it", () => {
    const m = map();
    const a = m.liquidationsIf(80);
    assert.match(text(displayBundle({ a: { b: [1, a] } })), /^a\.b\[1\]: Estimated USD liquidated if the price reaches 80 \(estimate; hand, price 100\)\n\{/);
    assert.match(text(displayBundle({ x: a, y: a })), /^x, y: Estimated USD liquidated if the price reaches 80 \(estimate; hand, price 100\)\n\{/);
  });
  it("displayBundle({ a: answer }, { caption }) keeps the estimate word; estimates beside simulated truth keep both words", () => {
    const m = map();
    assert.match(text(displayBundle({ a: m.liquidationsIf(80) }, { caption: "Two what-ifs" })), /^Two what-ifs \(estimate\)\n\{/);
    assert.match(text(displayBundle({ a: m.liquidationsIf(80) }, { caption: "My estimates" })), /^My estimates\n\{/);
    assert.match(text(displayBundle({ est: m.liquidationsIf(80), truth: map(true).liquidationsIf(80) }, { caption: "ETH" })), /^ETH \(estimate\) \(simulated truth\)\n/);
  });
  it("displayBundle(array of 5000 answers) keeps its caption bounded: a few paths, then how many more", () => {
    const m = map();
    const many = Array.from({ length: 5000 }, () => m.liquidationsIf(80));
    const first = text(displayBundle(many)).split("\n")[0]!;
    assert.equal(first, `[0], [1], [2] and 997 more: ${IF80}`);
  });
  it("displayBundle({ ...answer, target }) of a plain object with no marked member has no caption (a spread drops the mark)", () => {
    assert.equal(text(displayBundle({ ...map().liquidationsIf(80), target: 80 })), JSON.stringify({ side: "long", usd: 5, target: 80 }, null, 2));
  });
  it("displayBundle(circular object holding an estimate) terminates and labels it", () => {
    const o: Record<string, unknown> = { a: map().liquidationsIf(80) };
    o["self"] = o;
    assert.match(text(displayBundle(o)), /^a: Estimated USD liquidated .*\n\{\n  "a": \{[^]*"self": "\[circular\]"\n\}$/);
  });
});

describe("notebook/show: tables inside objects", () => {
  const spot = { time: Array.from({ length: 48 }, (_, i) => D0 + i * HOUR), quoteVolume: new Array(48).fill(1e6) };
  const openInterest = { time: [D0 + HOUR, D0 + DAY + HOUR], openInterestUsd: [10e6, 30e6] };

  it("displayBundle(derivativesVsSpot(...)) shows its scalars as a key/value block, then days as a table, not an escaped JSON string", () => {
    const b = displayBundle(derivativesVsSpot({ openInterest, spot, asOf: D0 + 2 * DAY }));
    const t = text(b);
    assert.ok(!t.includes('\\"'), t);
    assert.equal(t.split("\n\n")[0], [
      "partialDays           0",
      "leftOut               []",
      "meanSpotVolumeUsd     24000000",
      `latest                {"time":${D0 + DAY + HOUR},"openInterestUsd":30000000,"spotDays":{"first":${D0},"last":${D0 + DAY},"count":2},"upToDate":true}`,
      "latestOiToSpotVolume  1.25",
      `asOf                  ${D0 + 2 * DAY}`,
      "oiSamplesNeeded       1",
    ].join("\n"));
    // The days table is reported data: its caption says so, with each column's unit.
    assert.match(t.split("\n\n")[1]!, /^days: Reported data per whole UTC day, not estimates .*oiToSpotVolume = mean open interest \/ spot volume, in days\n\|day\|spotVolumeUsd\|meanOpenInterestUsd\|lastOpenInterestUsd\|oiSamples\|oiToSpotVolume\|\n\|-:\|/);
    assert.match(html(b), /<th style="text-align:left">partialDays<\/th><td style="text-align:left"><code>0<\/code><\/td>/);
    assert.match(html(b), /<p><b>days: Reported data per whole UTC day, not estimates/);
  });
  it("displayBundle({ t: model.bars }, { limit }) draws the nested estimate table under its path with its estimate caption, limit rows", () => {
    const m = model();
    const b = displayBundle({ t: m.bars }, { limit: 3 });
    assert.match(text(b), /^t: Estimated liquidations, open positions and flows per bar, USD \(estimate; hand replay\)\n\|time\|longLiquidatedUsd\|/);
    assert.match(text(b), /\(3 of 48 rows shown\)$/);
    assert.match(html(b), /^<p><b>t: Estimated liquidations, open positions and flows per bar, USD \(estimate; hand replay\)<\/b><\/p><table>/);
    // A table derived by a verb (the mark is dropped) is known by its columns, also nested.
    assert.match(text(displayBundle({ scale: 1, t: m.bars.slice(0, 2) })), /^scale {2}1\n\nt: Model estimates: longLiquidatedUsd, .* \(estimate\)\n\|time\|/);
    // A caption of the user's sits above and keeps the word.
    assert.match(text(displayBundle({ t: m.bars }, { caption: "Bars" })), /^Bars \(estimate\)\n\nt: Estimated liquidations/);
  });
  it("displayBundle({ a: { t: table } } | [table, table]) draws tables at any depth under their path", () => {
    const t = aq.table({ x: [1, 2] });
    assert.match(text(displayBundle({ a: { n: 1, t } })), /^a\.n {2}1\n\na\.t\n\|x\|/);
    assert.match(text(displayBundle([t, t])), /^\[0\]\n\|x\|[^]*\n\n\[1\]\n\|x\|/);
  });
  it("displayBundle(value holding a table too deep to draw) writes the table's size, not its rows as a string", () => {
    let deep: unknown = { t: aq.table({ x: [1, 2, 3] }) };
    for (let i = 0; i < 8; i++) deep = { d: deep };
    const t = text(displayBundle(deep));
    assert.match(t, /"\[table: 3 rows × 1 columns\]"/);
    assert.ok(!t.includes('\\"'), t);
  });
  it("displayBundle({ t: huge table, long: array }) stays bounded: the row limit and a cut row", () => {
    const n = 200_000;
    const b = displayBundle({ long: Array.from({ length: 50_000 }, (_, i) => i), t: aq.table({ i: Float64Array.from({ length: n }, (_, i) => i) }) });
    assert.ok(text(b).length < 3000, `text is ${text(b).length} characters`);
    assert.match(text(b), /^long {2}\[0,1,2,[0-9,]*… \([0-9,]+ more characters; show it on its own\)\n/);
    assert.match(text(b), /\(20 of 200000 rows shown\)$/);
  });
  it("displayBundle({ t: table, self }) with a cycle terminates", () => {
    const o: Record<string, unknown> = { t: aq.table({ x: [1] }) };
    o["self"] = o;
    assert.match(text(displayBundle(o)), /^self {2}\[circular\]\n\nt\n\|x\|/);
  });
  it("displayBundle({ m: map, n: 1 }) with a map beside a table writes the map as one line and keeps its estimate label", () => {
    const t = text(displayBundle({ m: map(), t: aq.table({ x: [1] }) }));
    assert.match(t, /^m: Estimated liquidation USD by price bin \(centre\), side and leverage \(estimate; hand, price 100\)\nm {2}\[liquidation map: hand, price 100, .* UTC; show it on its own to draw it\]\n\nt\n/);
  });
});

describe("notebook/show: a replay model", () => {
  it("displayBundle(model) is a bounded summary (bars, UTC range, tiers, grid, ledger) under an estimate caption, not its arrays", () => {
    const m = model();
    const b = displayBundle(m);
    const t = text(b);
    const lines = t.split("\n");
    assert.equal(lines[0], "Liquidation model replayed from hand replay: its bars, ledger, maps and heatmaps are estimates (estimate)");
    assert.ok(lines.includes("bars                  48, 30m apart"), t);
    assert.ok(lines.includes("time                  2026-06-01 00:00 UTC to 2026-06-01 23:30 UTC (bar opens)"), t);
    assert.ok(lines.includes(`tiers                 ${m.tiers.map((x) => `${x}x`).join(", ")}`), t);
    assert.ok(lines.includes(`ledger.openedUsd      $${Math.round(m.ledger!.openedUsd).toLocaleString("en-US")}`), t);
    assert.ok(lines.includes(`leverage mix          ${m.assumptions.leverage}`), t);
    assert.ok(lines.includes(`margin                ${m.assumptions.margin}`), t);
    assert.ok(t.length < 1500 && !t.includes('\\"'), t);
    assert.match(html(b), /^<p><b>Liquidation model replayed from hand replay: .*\(estimate\)<\/b><\/p><table><tbody><tr><th style="text-align:left">source<\/th>/);
    assert.match(text(displayBundle(m, { caption: "BTC model" })), /^BTC model \(estimate\)\n/);
  });
  it("displayBundle(model.heatmap()) is the heatmap figure (HTML and a PNG or its reason), not its columns as JSON; inside an object, one line", () => {
    const hm = model().heatmap();
    const b = displayBundle(hm);
    assert.match(html(b), /Plotly\.newPlot\(/);
    assert.ok(html(b).includes("Estimated liquidation heatmap"), html(b).slice(0, 400));
    // The JSON of 48 columns of 1,000-odd bins would be megabytes; the figure is what a reader wants.
    assert.ok(!text(b).includes('"z"'), text(b).slice(0, 400));
    const inside = text(displayBundle({ hm, t: model().bars }));
    assert.match(inside, new RegExp(`^(?:.*\n)*hm +\[heatmap: 48 columns × ${hm.grid.bins.toLocaleString("en-US")} bins, hand replay; show it on its own to draw it\]`));
    assert.match(stdout(() => show(hm)), /^\[figure\] Estimated liquidation heatmap/);
  });
  it("displayBundle({ h: heatmap } | [map]) with no table beside writes each as one line under its caption, not its columns as JSON", () => {
    const m = model();
    const h = m.heatmap();
    const one = text(displayBundle({ h }));
    assert.equal(one, `h: ${estimateCaption(h)}\nh  [heatmap: 48 columns × ${h.grid.bins.toLocaleString("en-US")} bins, hand replay; show it on its own to draw it]`);
    const arr = text(displayBundle([m.mapAt()]));
    assert.match(arr, /^\[0\]: Estimated liquidation USD by price bin .*\n\[0\] {2}\[liquidation map: hand replay, price [0-9.]+, 2026-06-02 00:00 UTC; show it on its own to draw it\]$/);
  });
  it("displayBundle(21 estimate tables) keeps the label of the tables past the 20 it draws in the caption above", () => {
    const bars = model().bars;
    const t = text(displayBundle(Array.from({ length: 21 }, () => bars)));
    // The 20 drawn carry their caption above each; the 21st, written as its size, keeps it above all.
    assert.match(t.split("\n")[0]!, /^\[20\]: Estimated liquidations, open positions and flows per bar, USD \(estimate; hand replay\)$/);
    assert.match(t, /\n\[20\] +\[table: 48 rows × 8 columns\]/);
  });
  it("displayBundle(20 plain tables, then an estimate table) keeps the estimate's label above; a heatmap nested past the depth laid out is one placeholder", () => {
    const plain = aq.table({ x: [1, 2] });
    const o: Record<string, unknown> = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${i}`, plain]));
    o.est = model().bars;
    const t = text(displayBundle(o));
    assert.match(t.split("\n")[0]!, /^est: Estimated liquidations, open positions and flows per bar, USD \(estimate; hand replay\)$/);
    assert.match(t, /\nest +\[table: 48 rows × 8 columns\]/);
    // Seven levels deep: past the six laid out, the heatmap is still one line in the JSON, not its columns.
    const h = model().heatmap();
    let deep: Record<string, unknown> = { h };
    for (let i = 0; i < 6; i++) deep = { k: deep };
    const d = text(displayBundle(deep));
    assert.ok(d.length < 1000, `${d.length} characters`);
    assert.ok(d.includes(`"[heatmap: 48 columns × ${h.grid.bins.toLocaleString("en-US")} bins, hand replay; show it on its own to draw it]"`), d);
  });
  it("displayBundle({ model, note }) draws the model's summary under its path", () => {
    assert.match(text(displayBundle({ note: "x", model: model() })), /^note {2}x\n\nmodel: Liquidation model replayed from hand replay: .*\(estimate\)\nsource {16}hand replay\n/);
  });
});

describe("notebook/show: the two output paths", () => {
  it("show(figure) in a script prints the title and the subtitle as plain text, not the title object", () => {
    const out = stdout(() => show(mapFigure(map())));
    const [title, subtitle, end] = out.split("\n");
    assert.equal(title, "[figure] Estimated liquidation map");
    assert.match(subtitle!, /^ESTIMATES: modelled liquidation levels .* Data: hand · price \$100$/);
    assert.ok(!/[{}<>"]/.test(out), out);
    assert.equal(end, "");
    assert.equal(stdout(() => show({ data: [], layout: { title: "BTC &amp; ETH<br>map" } })), "[figure] BTC & ETH map\n");
  });
  it("show(map) in a script prints its figure's title and subtitle", () => {
    assert.match(stdout(() => show(map())), /^\[figure\] Estimated liquidation map\nESTIMATES: [^\n]*\n$/);
  });
  it("show({ up, down } | model | { days }) in a script prints the text with the estimate caption", () => {
    const m = map();
    assert.match(stdout(() => show({ up: m.liquidationsIf(120), down: m.liquidationsIf(80) })), /^up: Estimated USD liquidated if the price reaches 120 \(estimate; hand, price 100\)\ndown: /);
    assert.match(stdout(() => show(model())), /^Liquidation model replayed from hand replay: .*\(estimate\)\nsource/);
  });
  it("show({ up, down } | model | { t: model.bars }) in the kernel sends one bundle whose HTML carries the estimate caption", () => {
    const m = map();
    const mod = model();
    const { sent, printed } = inKernel(() => {
      show({ up: m.liquidationsIf(120), down: m.liquidationsIf(80) });
      show(mod);
      show({ t: mod.bars });
    });
    assert.equal(printed, "");
    assert.equal(sent.length, 3);
    assert.match(sent[0]!.data["text/html"]!, /^<p><b>up: Estimated USD liquidated if the price reaches 120 \(estimate; hand, price 100\)<br>down: /);
    assert.match(sent[0]!.data["text/plain"]!, /^up: Estimated/);
    assert.match(sent[1]!.data["text/html"]!, /^<p><b>Liquidation model replayed from hand replay: .*\(estimate\)<\/b><\/p><table>/);
    assert.match(sent[2]!.data["text/html"]!, /^<p><b>t: Estimated liquidations, open positions and flows per bar, USD \(estimate; hand replay\)<\/b><\/p><table>/);
    assert.ok(!sent[2]!.data["text/html"]!.includes("&#34;"), "no escaped JSON string");
  });
});
