import { estimateCaption, truthCaption } from "../../src/util/estimate";
import assert from "node:assert/strict";
import * as aq from "arquero";
import { figureBundle, figureTitle, tableBundle } from "../../src/notebook/bundle";
import { mapFigure } from "../../src/figures/map";
import { handBacktest, handMap } from "../figures/fixtures";
import { displayBundle } from "../../src/notebook/show";
import { markdown } from "../../src/notebook/markdown";
import { liquidationMap } from "../../src/engine/map";
import { replay } from "../../src/engine/replay";

const fig = { data: [{ type: "bar", x: [1, 2], y: [3, 4] }], layout: { title: { text: "BTC map <br><i>estimates</i> & \"levels\"" } } };

describe("notebook/bundle", () => {
  it("figureBundle(figure, {image ok}) carries text/html and image/png of one chart", () => {
    const b = figureBundle(fig, { id: "f1", image: { ok: true, data: Buffer.from([137, 80, 78, 71]) } });
    assert.equal(b.data["image/png"], Buffer.from([137, 80, 78, 71]).toString("base64"));
    assert.match(b.data["text/html"]!, /<div id="f1" class="liqlab-figure"/);
    assert.match(b.data["text/html"]!, /<img src="data:image\/png;base64,iVBORw==" alt="BTC map estimates &#38; &#34;levels&#34;"/);
    assert.equal(b.data["text/plain"], '[figure] BTC map estimates & "levels"');
  });
  it("figureBundle(figure, {image failed}) has no PNG and says why in one line", () => {
    const b = figureBundle(fig, { id: "f2", image: { ok: false, reason: "no Chromium found" } });
    assert.equal(b.data["image/png"], undefined);
    assert.match(b.data["text/plain"]!, /\(no static image: no Chromium found\)$/);
    assert.match(b.data["text/html"]!, /no static image: no Chromium found/);
  });
  it("figureBundle(figure, {plotly}) loads plotly.js before drawing, and only when asked", () => {
    const first = figureBundle(fig, { id: "a", plotly: "/*PLOTLY*/", image: { ok: false, reason: "x" } }).data["text/html"]!;
    const second = figureBundle(fig, { id: "b", image: { ok: false, reason: "x" } }).data["text/html"]!;
    assert.ok(first.indexOf("/*PLOTLY*/") < first.indexOf("newPlot"));
    assert.ok(!second.includes("/*PLOTLY*/"));
  });
  it("figureBundle(figure) keeps labels from data as text inside <script>", () => {
    const evil = { data: [{ type: "bar", name: "</script><script>alert(1)</script>" }], layout: {} };
    const h = figureBundle(evil, { id: "e", image: { ok: false, reason: "x" } }).data["text/html"]!;
    assert.ok(!h.includes("</script><script>alert(1)"));
  });
  it("tableBundle(table, {limit}) shows limit rows and counts the rest", () => {
    const t = aq.table({ x: Float64Array.from({ length: 30 }, (_, i) => i) });
    const b = tableBundle(t, { limit: 5, caption: "Estimated USD" });
    assert.equal((b.data["text/html"]!.match(/<tr>/g) ?? []).length, 1 + 5);
    assert.match(b.data["text/html"]!, /5 of 30 rows shown/);
    assert.match(b.data["text/plain"]!, /^Estimated USD\n/);
  });
  it("displayBundle(value) shows other values as escaped text", () => {
    const b = displayBundle({ a: "<b>" });
    assert.match(b.data["text/html"]!, /&#60;b&#62;/);
  });
  it("displayBundle(10n | {total: 10n} | {a: BigInt64Array}) prints BigInts as their digits (Arrow int64), not a TypeError", () => {
    assert.equal(displayBundle(10n).data["text/plain"], "10");
    assert.equal(displayBundle({ total: 12_345_678_901_234_567_890n }).data["text/plain"], '{\n  "total": 12345678901234567890\n}');
    assert.deepEqual(JSON.parse(displayBundle({ a: BigInt64Array.of(1n, -2n) }).data["text/plain"]!), { a: [1, -2] });
    // A typed array is shown as its list of values, as an array is.
    assert.deepEqual(JSON.parse(displayBundle({ x: Float64Array.of(0.5, Infinity) }).data["text/plain"]!), { x: [0.5, "Infinity"] });
    // A string that looks like a BigInt stays a string.
    assert.deepEqual(JSON.parse(displayBundle({ s: "10" }).data["text/plain"]!), { s: "10" });
  });
  it("displayBundle(circular object) prints the repeat as \"[circular]\"; an object met twice side by side prints twice", () => {
    const circ: Record<string, unknown> = { a: 1 };
    circ.self = circ;
    circ.list = [circ, { deep: circ }];
    assert.deepEqual(JSON.parse(displayBundle(circ).data["text/plain"]!), { a: 1, self: "[circular]", list: ["[circular]", { deep: "[circular]" }] });
    const shared = { v: 1 };
    assert.deepEqual(JSON.parse(displayBundle({ x: shared, y: shared }).data["text/plain"]!), { x: { v: 1 }, y: { v: 1 } });
  });
  it("displayBundle(table | value, null) takes the default options", () => {
    const t = aq.table({ a: [1, 2, 3] });
    assert.deepEqual(displayBundle(t, null), displayBundle(t));
    assert.deepEqual(displayBundle({ a: 1 }, null), displayBundle({ a: 1 }));
    assert.deepEqual(tableBundle(t, null), tableBundle(t));
  });
  it("displayBundle(figure, {image: false}) sends plotly.js once per kernel", () => {
    const a = displayBundle(fig, { image: false }).data["text/html"]!;
    const b = displayBundle(fig, { image: false }).data["text/html"]!;
    assert.ok(a.length > b.length + 1_000_000, "first figure should carry the plotly.js bundle");
    assert.notEqual(a.match(/id="(liqlab-figure-\d+)"/)![1], b.match(/id="(liqlab-figure-\d+)"/)![1]);
  });
});

describe("notebook/markdown", () => {
  it("markdown(text) shows as text/markdown with dollar signs escaped, the source as text/plain", () => {
    const b = displayBundle(markdown("If ETH reaches **$4,000**: $1.2B"));
    assert.deepEqual(b.data, { "text/markdown": "If ETH reaches **\\$4,000**: \\$1.2B", "text/plain": "If ETH reaches **$4,000**: $1.2B" });
  });
  it("markdown(null | 42) throws naming the value, not a TypeError", () => {
    assert.throws(() => markdown(null as never), /^LiqlabError: markdown: markdown needs a string \(a template literal: liq\.markdown\(`\*\*\$\{x\}\*\*`\)\) \(value null\)$/);
    assert.throws(() => markdown(42 as never), /markdown needs a string .* \(value 42\)$/);
  });
  it("markdown(text) keeps dollar signs that are already escaped, and escapes adjacent ones", () => {
    assert.equal(markdown("\\$5 and $$").markdown, "\\$5 and \\$\\$");
  });
});

describe("notebook/show displayBundle(map | backtest)", () => {
  it("displayBundle(map) shows the map as its mapFigure (chart + estimate subtitle)", () => {
    const map = handMap();
    const b = displayBundle(map, { image: false });
    assert.match(b.data["text/html"]!, /class="liqlab-figure"/);
    assert.match(b.data["text/html"]!, /ESTIMATES/);
    assert.equal(b.data["text/plain"]!.split("\n")[0], `[figure] ${figureTitle(mapFigure(map))}`);
  });
  it("figureTitle(figure) decodes the entities a title is escaped with, so text/plain reads as written and HTML escapes once", () => {
    const b = displayBundle(mapFigure(handMap(), { title: "BTC & ETH <longs>" }), { image: false });
    assert.equal(b.data["text/plain"]!.split("\n")[0], "[figure] BTC & ETH <longs> (estimates)");
    assert.match(b.data["text/html"]!, /<p>BTC &#38; ETH &#60;longs&#62; \(estimates\): interactive chart/);
  });
  it("displayBundle(backtest) shows one row per side and metric, model beside baseline", () => {
    const r = handBacktest();
    const b = displayBundle(r);
    const html = b.data["text/html"]!;
    assert.equal((html.match(/<tr>/g) ?? []).length, 1 + 8);
    assert.match(html, new RegExp(`model and baseline scores \\(${r.bars} bars`));
    // backtest()'s default source is "<n> bars": said once, not "(6 bars, 6 bars)".
    assert.match(displayBundle(handBacktest("6 bars")).data["text/plain"]!, /^Estimated vs realized liquidations per bar: model and baseline scores \(6 bars; realized: exchange-reported\)\n/);
    // What the scores left out, and where realized comes from, are in the caption.
    const left = { ...handBacktest("6 bars"), realized: "the simulator's forced orders", leftOut: { bars: 2, realizedRows: 3, realizedUsd: 1234.4 } };
    assert.match(displayBundle(left).data["text/plain"]!, /^Estimated vs realized liquidations per bar: model and baseline scores \(6 bars; realized: the simulator's forced orders; left out of the scores: 2 of 8 bars, 3 realized rows \(\$1,234\)\)\n/);
    assert.ok(html.includes(String(r.short.baseline.calibration)), "short baseline calibration shown");
  });
});

describe("notebook/show displayBundle(estimates)", () => {
  const map = () =>
    liquidationMap({ price: 100, tiers: [5, 10], grid: { lo: 80, step: 10, bins: 4 }, long: [[3, 0, 0, 0], [0, 2, 0, 0]], short: [[0, 0, 0, 0], [0, 0, 0, 0]], source: "hand" });
  it("displayBundle(map.imbalance(pct)) with no shorts shows ratio Infinity (JSON would print null) under an estimate caption", () => {
    const b = displayBundle(map().imbalance(50));
    const text = b.data["text/plain"]!;
    assert.equal(text.split("\n")[0], "Estimated long and short liquidation USD within ±50% of the price, ratio long/short (estimate; hand, price 100)");
    assert.deepEqual(JSON.parse(text.slice(text.indexOf("\n") + 1)), { longUsd: 5, shortUsd: 0, ratio: "Infinity" });
  });
  it("displayBundle(map.table | map.leverageShares | model.bars) captions each as an estimate; equality ignores the mark", () => {
    const m = map();
    assert.match(displayBundle(m.table).data["text/html"]!, /^<p><b>Estimated liquidation USD by price bin \(centre\), side and leverage \(estimate; hand, price 100\)<\/b><\/p>/);
    assert.match(displayBundle(m.leverageShares(80, 100)).data["text/plain"]!, /^Estimated liquidation USD and share by leverage with levels in \[80, 100\] \(estimate; hand, price 100\)\n/);
    assert.deepEqual(m.leverageShares(80, 100), [{ leverage: 5, usd: 3, share: 0.6 }, { leverage: 10, usd: 2, share: 0.4 }]);
    assert.deepEqual(m.liquidationsIf(80), { side: "long", usd: 5 });
    const bars = replay({ candles: { time: [0, 60_000], open: [100, 100], high: [100, 100], low: [100, 100], close: [100, 100], openInterestUsd: [1000, 1000] } }).bars;
    assert.match(displayBundle(bars).data["text/plain"]!, /^Estimated liquidations, open positions and flows per bar, USD \(estimate; replay\)\n/);
    // The ledger and the heatmap are estimates too; equality still ignores the mark.
    const model = replay({ candles: { time: [0, 60_000], open: [100, 100], high: [100, 100], low: [100, 100], close: [100, 100], openInterestUsd: [1000, 1000] } });
    assert.match(displayBundle(model.ledger).data["text/plain"]!, /^Estimated cumulative USD flows of the replay: opened, liquidated, closed, decayed, and open after the last bar \(estimate; replay\)\n/);
    assert.deepEqual(Object.keys(model.ledger!), ["openedUsd", "liquidatedUsd", "closedUsd", "decayedUsd", "openUsd"]);
    assert.equal(estimateCaption(model.heatmap()), "Estimated liquidation USD per price bin (rows) after each column's bar (estimate; replay; dollar level not validated: docs/validation.md)");
    // A caption given to show() replaces the engine's words but keeps the label.
    assert.match(displayBundle(m.table, { caption: "ETH per bin" }).data["text/plain"]!, /^ETH per bin \(estimate\)\n/);
    assert.match(displayBundle(m.table, { caption: "my estimates" }).data["text/plain"]!, /^my estimates\n/);
    // The cumulative curves carry the label too.
    assert.match(estimateCaption(m.cumulative)!, /^Estimated USD liquidated if the price moves to each bin centre.*\(estimate; hand, price 100\)$/);
  });
  it("displayBundle(table derived from model.bars or map.table) is still labelled an estimate (arquero's verbs drop the mark)", () => {
    const model = replay({ candles: { time: [0, 60_000], open: [100, 100], high: [100, 100], low: [100, 100], close: [100, 100], openInterestUsd: [1000, 1000] } });
    const derived = model.bars.filter((d: { time: number }) => d.time > 0).select("time", "openLongUsd");
    assert.equal(estimateCaption(derived), undefined);
    assert.match(displayBundle(derived).data["text/plain"]!, /^Model estimates: openLongUsd \(estimate\)\n/);
    assert.match(displayBundle(map().table.orderby("usd")).data["text/plain"]!, /^Liquidation USD by price bin, side and leverage \(a liqlab map table: estimates, unless it came from the simulator's truth\)\n/);
    // A table with none of those columns is shown as it is.
    assert.equal(displayBundle(aq.table({ time: [1], usd: [2] })).data["text/plain"]!.split("\n")[0]!.includes("estimate"), false);
  });
  it("displayBundle(trueLiquidationMap(...) answers and figure) say simulated truth, not estimate", () => {
    const truth = liquidationMap({ price: 100, tiers: [5, 10], grid: { lo: 80, step: 10, bins: 4 }, long: [[3, 0, 0, 0], [0, 2, 0, 0]], short: [[0, 0, 0, 0], [0, 0, 0, 0]], source: "simulator truth", truth: true });
    assert.equal(truth.truth, true);
    assert.equal(map().truth, undefined);
    assert.equal(truthCaption(truth.liquidationsIf(80)), "Simulated true USD liquidated if the price reaches 80 (known from the simulator's positions, not an estimate; simulator truth, price 100)");
    assert.equal(estimateCaption(truth.liquidationsIf(80)), undefined);
    assert.match(displayBundle(truth.table, { caption: "ETH" }).data["text/plain"]!, /^ETH \(simulated truth\)\n/);
    // Derived by a verb, a truth table is known only by its columns: the caption says it may be
    // either, after the user's too unless that says which (it was left as written, unlabelled).
    assert.match(displayBundle(truth.table.orderby("usd")).data["text/plain"]!, /^Liquidation USD by price bin, side and leverage \(a liqlab map table: estimates, unless it came from the simulator's truth\)\n/);
    assert.match(displayBundle(truth.table.orderby("usd"), { caption: "Positions by bin" }).data["text/plain"]!, /^Positions by bin \(a liqlab map table: estimates, unless it came from the simulator's truth\)\n/);
    assert.match(displayBundle(truth.table.orderby("usd"), { caption: "Known positions by bin (simulated truth)" }).data["text/plain"]!, /^Known positions by bin \(simulated truth\)\n/);
    // Summed by leverage, as "which leverage dominates" asks (groupby/rollup drops price and side).
    assert.match(displayBundle(map().table.groupby("leverage").rollup({ usd: aq.op.sum("usd") })).data["text/plain"]!, /^Liquidation USD by leverage \(a liqlab map table: estimates, unless it came from the simulator's truth\)\n/);
    const title = mapFigure(truth).layout["title"] as { text: string; subtitle: { text: string } };
    assert.equal(title.text, "Simulated true liquidation map");
    assert.match(title.subtitle.text, /^SIMULATED TRUTH: /);
    assert.equal((mapFigure(map()).layout["title"] as { text: string }).text, "Estimated liquidation map");
    assert.equal(figureTitle(mapFigure(truth, { title: "SOL" })).startsWith("SOL (simulated truth)"), true);
    // Threshold notes: "est." only on estimates.
    const notes = (m: typeof truth) => (mapFigure(m, { thresholds: [85] }).layout["annotations"] as { text: string }[]).map((a) => a.text);
    assert.ok(notes(truth).includes("If price reaches $85:<br>$5 of longs liquidated"), notes(truth).join("\n"));
    assert.ok(notes(map()).some((t) => /^If price reaches \$85:<br>est\. /.test(t)), notes(map()).join("\n"));
  });
});
