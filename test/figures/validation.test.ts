import assert from "node:assert/strict";
import { table } from "arquero";
import { metricsLine, validationScatterFigure, validationSeriesFigure } from "../../src/figures/validation";
import type { Trace } from "../../src/figures/figure";
import { handBacktest, T0 } from "./fixtures";
import { matchSnapshot } from "./snapshot";

const M = 1e6;
const HOSTILE = "</script><script>alert(1)</script>";
const points = (data: Trace[]) => data.filter((t) => t.mode === "markers" && !String(t.name).startsWith("$0")) as Record<string, any>[];
const zeroPoints = (data: Trace[]) => data.filter((t) => String(t.name).startsWith("$0")) as Record<string, any>[];

describe("figures/validation", () => {
  it("validationScatterFigure(result, {side: 'long'}) plots only bars where both values are > 0", () => {
    const fig = validationScatterFigure(handBacktest(), { side: "long" });
    const [model, baseline] = points(fig.data);
    // Bar 2 has no realized longs and bar 4 no long estimate: bars 0, 1, 3, 5 remain for the model.
    assert.deepEqual(model!.x, [2 * M, 5 * M, 8 * M, 3 * M]);
    assert.deepEqual(model!.y, [1 * M, 2 * M, 4 * M, 1.5 * M]);
    // The baseline is never zero: bars 0, 1, 3, 4, 5.
    assert.deepEqual(baseline!.y, [1 * M, 2 * M, 4 * M, 0.5 * M, 1.5 * M]);
    assert.equal(model!.xaxis, "x");
    assert.equal(baseline!.xaxis, "x2");
  });

  it("validationScatterFigure(result) draws bars with a $0 on the $0 lines half a decade below the smallest value", () => {
    const fig = validationScatterFigure(handBacktest(), { side: "long" });
    const [model, baseline] = zeroPoints(fig.data);
    // Smallest positive value: $0.5M, so the $0 line sits at 10^(log10(0.5e6) - 0.5) ≈ $158,114.
    const zero = 10 ** (Math.log10(0.5e6) - 0.5);
    // Bar 2: estimate $1M, realized $0. Bar 4: estimate $0, realized $0.5M.
    assert.deepEqual(model!.x, [1 * M, zero]);
    assert.deepEqual(model!.y, [zero, 0.5 * M]);
    // The baseline panel only has bar 2 (realized $0).
    assert.deepEqual(baseline!.x, [3 * M]);
    assert.deepEqual(baseline!.y, [zero]);
    const layout = fig.layout as Record<string, any>;
    assert.equal(layout.xaxis.ticktext[0], "$0");
    assert.equal(layout.xaxis.tickvals[0], zero);
  });

  it("validationScatterFigure(result) uses log axes with one range on both, so y = x is the diagonal", () => {
    const layout = validationScatterFigure(handBacktest()).layout as Record<string, any>;
    for (const axis of ["xaxis", "yaxis", "xaxis2", "yaxis2"]) assert.equal(layout[axis].type, "log");
    // Positive values span $0.5M (long realized, bar 4) to $8M; below them the $0 line (half a
    // decade) and 0.2 decade of margin, above them 0.1 decade.
    const [lo, hi] = layout.xaxis.range as [number, number];
    assert.ok(Math.abs(lo - (Math.log10(0.5e6) - 0.7)) < 1e-12 && Math.abs(hi - (Math.log10(8e6) + 0.1)) < 1e-12);
    assert.deepEqual(layout.yaxis.range, layout.xaxis.range);
    // Only $1M is a power of ten inside $0.5M..$8M, so the 1-2-5 steps are labelled.
    assert.deepEqual(layout.xaxis.ticktext, ["$0", "$500,000", "$1,000,000", "$2,000,000", "$5,000,000"]);
  });

  it("validationScatterFigure(result, {side: 'short'}) shows the side's scores over each panel", () => {
    const fig = validationScatterFigure(handBacktest(), { side: "short" });
    assert.equal(points(fig.data)[0]!.x.length, 6);
    const texts = ((fig.layout as any).annotations as { text: string }[]).map((a) => a.text);
    assert.equal(texts[0], "<b>Model estimate</b> · 6 bars, 0 with $0 on an axis<br>Spearman 0.40 · log-Pearson 0.35 · top-5% capture 30% · calibration 1.80×");
    assert.match(texts[1]!, /^<b>Naive baseline<\/b> · 6 bars, 0 with \$0 on an axis<br>Spearman 0\.10/);
    assert.equal((fig.layout as any).title.text, "Estimated vs realized short liquidations per bar");
  });

  it("validationSeriesFigure(result) draws each series as a share of its own total by default", () => {
    const fig = validationSeriesFigure(handBacktest());
    const realized = fig.data.filter((t) => t.type === "bar") as Record<string, any>[];
    // Short realized: 0.2, 0.4, 3, 0.1, 5, 0.3 M of 9 M in all.
    const expected = [0.2, 0.4, 3, 0.1, 5, 0.3].map((v) => (100 * v) / 9);
    assert.equal(realized[1]!.y.length, 6);
    realized[1]!.y.forEach((v: number, i: number) => assert.ok(Math.abs(v - expected[i]!) < 1e-9, `bar ${i}: ${v}`));
    assert.deepEqual(realized[1]!.customdata, [0.2 * M, 0.4 * M, 3 * M, 0.1 * M, 5 * M, 0.3 * M]);
    const model = fig.data.find((t) => t.name === "Model estimate (longs)") as Record<string, any>;
    // Long estimates sum to 19 M: bar 3's $8M is 42.1%.
    assert.ok(Math.abs(model.y[3] - 800 / 19) < 1e-9);
    assert.equal((fig.layout as any).yaxis.ticksuffix, "%");
    assert.match((fig.layout as any).title.subtitle.text, /each series as % of its own total over the period/);
  });

  it("validationSeriesFigure(result, {scale: 'usd'}) draws realized bars and estimate lines in USD", () => {
    const fig = validationSeriesFigure(handBacktest(), { scale: "usd" });
    const realized = fig.data.filter((t) => t.type === "bar") as Record<string, any>[];
    assert.deepEqual(realized.map((t) => t.yaxis), ["y", "y2"]);
    assert.deepEqual(realized[1]!.y, [0.2 * M, 0.4 * M, 3 * M, 0.1 * M, 5 * M, 0.3 * M]);
    const model = fig.data.find((t) => t.name === "Model estimate (longs)") as Record<string, any>;
    assert.deepEqual(model.y, [2 * M, 5 * M, 1 * M, 8 * M, 0, 3 * M]);
    assert.equal(model.x[0], "2026-06-01 00:00:00");
    assert.equal(fig.data.filter((t) => String(t.name).startsWith("Naive baseline")).length, 2);
    assert.equal(validationSeriesFigure(handBacktest(), { baseline: false }).data.length, 4);
    // The baseline's scores stand beside the model's in each panel, drawn or not; the subtitle says which lines are drawn.
    const hidden = validationSeriesFigure(handBacktest(), { baseline: false });
    const notes = (hidden.layout as any).annotations.map((a: { text: string }) => a.text).filter((t: string) => t.includes("liquidations</b>"));
    assert.deepEqual(notes.map((t: string) => /<br>naive baseline Spearman \d\.\d\d/.test(t)), [true, true]);
    assert.match(JSON.stringify(hidden.layout.title), /model liquidations per bar \(baseline not drawn; its scores are above each panel\)/);
    assert.doesNotMatch(JSON.stringify(hidden.layout.title), /model and baseline/);
    assert.equal((fig.layout as any).yaxis.tickformat, "$,.0f");
  });

  it("validationScatterFigure(result) labels USD under $1 with cents, not $0", () => {
    const r = handBacktest();
    r.series = table({
      time: [0, 1, 2, 3, 4, 5].map((k) => T0 + k * 1_800_000),
      longEstimatedUsd: [0.002, 0.05, 0.3, 0, 2, 0],
      longBaselineUsd: [1, 1, 1, 1, 1, 1],
      longRealizedUsd: [0.01, 0.2, 0, 0.5, 1, 3],
      shortEstimatedUsd: [1, 1, 1, 1, 1, 1],
      shortBaselineUsd: [1, 1, 1, 1, 1, 1],
      shortRealizedUsd: [1, 1, 1, 1, 1, 1],
    });
    const fig = validationScatterFigure(r, { side: "long" });
    const layout = fig.layout as Record<string, any>;
    // Positive values span $0.002 to $3: the powers of ten $0.01, $0.10 and $1 are labelled.
    // Was ["$0", "$0", "$0", "$1"].
    assert.deepEqual(layout.xaxis.ticktext, ["$0", "$0.01", "$0.10", "$1"]);
    assert.deepEqual(layout.xaxis.tickvals.slice(1), [0.01, 0.1, 1]);
    // Hover text of bar 1 (estimate $0.05, realized $0.20), the first model point after bar 0.
    assert.equal(points(fig.data)[0]!.text[1], "$0.05<br>Realized $0.20");
  });

  it("validation figures keep saying estimate in a user's title", () => {
    assert.equal((validationScatterFigure(handBacktest(), { title: "BTC longs per bar" }).layout as any).title.text, "BTC longs per bar (estimates)");
    assert.equal((validationSeriesFigure(handBacktest(), { title: "BTC & co" }).layout as any).title.text, "BTC &#38; co (estimates)");
    assert.equal((validationSeriesFigure(handBacktest(), { title: "Estimated BTC" }).layout as any).title.text, "Estimated BTC");
  });

  it("validation figures say ESTIMATES and show the source as text", () => {
    for (const fig of [validationScatterFigure(handBacktest(HOSTILE)), validationSeriesFigure(handBacktest(HOSTILE))]) {
      const sub = (fig.layout as any).title.subtitle.text as string;
      assert.match(sub, /^ESTIMATES: /);
      assert.ok(sub.includes("Data: &#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;"));
      assert.ok(!JSON.stringify(fig).includes("<script"));
    }
  });

  it("validationScatterFigure(result) throws on a missing column or a NaN", () => {
    const r = handBacktest();
    r.series = table({ time: [0] });
    assert.throws(() => validationScatterFigure(r), /validationScatterFigure: result\.series has no column "longEstimatedUsd"/);
    const n = handBacktest();
    n.series = n.series.derive({ shortRealizedUsd: () => NaN });
    assert.throws(() => validationSeriesFigure(n), /result\.series\.shortRealizedUsd\[0\] must be a finite USD amount >= 0 \(value NaN\)/);
    assert.throws(() => validationScatterFigure(handBacktest(), { side: "both" as never }), /side must be "long" or "short"/);
    assert.throws(() => validationSeriesFigure(handBacktest(), { scale: "log" as never }), /column "scale": scale must be "share" or "usd" \(value "log"\)/);
  });

  it("metricsLine(metrics) formats scores to 2 decimals and capture as a percentage", () => {
    assert.equal(metricsLine({ spearman: 0.6149, logPearson: -0.5, topCapture: 0.125, calibration: 3 }), "Spearman 0.61 · log-Pearson -0.50 · top-5% capture 13% · calibration 3.00×");
    // the share topCapture had to catch is the result's realizedTop, not always 5%
    assert.match(metricsLine({ spearman: 0.6, logPearson: 0.5, topCapture: 0.5, calibration: 1 }, 0.1), /top-10% capture 50%/);
    assert.match(metricsLine({ spearman: 0.6, logPearson: 0.5, topCapture: 0.5, calibration: 1 }, 0.025), /top-2\.5% capture 50%/);
    const texts = (f: ReturnType<typeof validationScatterFigure>) => ((f.layout as { annotations: { text: string }[] }).annotations).map((a) => a.text).join(" ");
    assert.match(texts(validationScatterFigure({ ...handBacktest(), realizedTop: 0.2 }, { side: "long" })), /top-20% capture/);
    assert.doesNotMatch(texts(validationScatterFigure({ ...handBacktest(), realizedTop: 0.2 }, { side: "long" })), /top-5%/);
  });

  it("validation figures are deterministic and match their snapshots", () => {
    const scatter = validationScatterFigure(handBacktest(), { side: "long" });
    assert.deepEqual(validationScatterFigure(handBacktest(), { side: "long" }), scatter);
    matchSnapshot("validation-scatter-hand-long", scatter);
    matchSnapshot("validation-series-hand", validationSeriesFigure(handBacktest()));
    matchSnapshot("validation-series-hand-usd", validationSeriesFigure(handBacktest(), { scale: "usd" }));
  });

  it("validationSeriesFigure(null) and validationScatterFigure(result without series | scores) throw naming what is missing, not a TypeError", () => {
    assert.throws(() => validationSeriesFigure(null as never), /^LiqlabError: validationSeriesFigure: column "result": needs a backtest result \(liq\.backtest\(\.\.\.\)\) \(value null\)$/);
    assert.throws(() => validationScatterFigure({} as never), /^LiqlabError: validationScatterFigure: column "series": result\.series must be the backtest's per-bar table \(value undefined\)$/);
    assert.throws(() => validationScatterFigure({ ...handBacktest(), short: null } as never), /validationScatterFigure: column "short": result\.short must hold the model's and the baseline's scores \(value null\)/);
  });

  it("validationScatterFigure({...result, realized: \"the simulator's forced orders\"}) and validationSeriesFigure(same) say where realized comes from, not exchange-reported", () => {
    const sim = { ...handBacktest(), realized: "the simulator's forced orders" };
    const sub = (f: ReturnType<typeof validationScatterFigure>) => (f.layout as any).title.subtitle.text as string;
    // The apostrophe as plotly text (&#39;): the label is an option's text, escaped as the source is.
    assert.match(sub(validationScatterFigure(sim)), /^ESTIMATES: model and baseline USD per bar; realized USD is the simulator&#39;s forced orders<br>/);
    const series = validationSeriesFigure(sim);
    assert.match(sub(series), /^ESTIMATES: model and baseline liquidations per bar; realized is the simulator&#39;s forced orders<br>/);
    assert.match(sub(validationSeriesFigure(sim, { baseline: false })), /its scores are above each panel\); realized is the simulator&#39;s forced orders<br>/);
    assert.deepEqual(series.data.filter((t) => t.type === "bar").map((t) => t.name), ["Realized (the simulator&#39;s forced orders)", "Realized (the simulator&#39;s forced orders)"]);
    for (const fig of [validationScatterFigure(sim), series]) assert.ok(!JSON.stringify(fig).includes("exchange-reported"));
    // A hand-built result without a label reads as exchange-reported; a hostile label stays text.
    assert.match(sub(validationScatterFigure(handBacktest())), /realized USD is exchange-reported<br>/);
    assert.ok(!JSON.stringify(validationSeriesFigure({ ...handBacktest(), realized: HOSTILE })).includes("<script"));
  });

  it("validationScatterFigure(result with leftOut) and validationSeriesFigure(same) say what the scores left out; nothing when nothing was", () => {
    const r = { ...handBacktest(), leftOut: { realizedRows: 2, realizedUsd: 12e6, bars: 3 } };
    const sub = (f: ReturnType<typeof validationScatterFigure>) => (f.layout as any).title.subtitle.text as string;
    // 6 bars scored + 3 left out = 9.
    assert.match(sub(validationScatterFigure(r)), / · log axes; bars with \$0 sit on the \$0 lines · left out of the scores: 3 of 9 bars, 2 realized rows \(\$12,000,000\)$/);
    assert.match(sub(validationSeriesFigure(r, { scale: "usd" })), /\(hand-built test result\) · left out of the scores: 3 of 9 bars, 2 realized rows \(\$12,000,000\)$/);
    const none = { ...handBacktest(), leftOut: { realizedRows: 0, realizedUsd: 0, bars: 0 } };
    assert.equal(sub(validationScatterFigure(none)), sub(validationScatterFigure(handBacktest())));
  });

  it("validationScatterFigure(result, null) and validationSeriesFigure(result, null) draw the defaults", () => {
    assert.deepEqual(validationScatterFigure(handBacktest(), null), validationScatterFigure(handBacktest()));
    assert.deepEqual(validationSeriesFigure(handBacktest(), null), validationSeriesFigure(handBacktest()));
  });

  it("validationSeriesFigure(result, {baseline: 'no'}) throws naming the option and the value", () => {
    // Was: "no" drew the baseline.
    assert.throws(() => validationSeriesFigure(handBacktest(), { baseline: "no" as never }), /^LiqlabError: column "baseline": baseline must be true or false \(value "no"\)$/);
    assert.equal(validationSeriesFigure(handBacktest(), { baseline: false }).data.length < validationSeriesFigure(handBacktest()).data.length, true);
  });

  it("validationScatterFigure(result, {sides}) and validationSeriesFigure(result, {log}) refuse an unknown option", () => {
    assert.throws(() => validationScatterFigure(handBacktest(), { sides: "short" } as never), /^LiqlabError: column "sides": unknown option; did you mean side\? \(value "short"\)$/);
    assert.throws(() => validationSeriesFigure(handBacktest(), { log: true } as never), /^LiqlabError: column "log": unknown option; validationSeriesFigure takes title, baseline, scale \(value true\)$/);
    assert.throws(() => validationScatterFigure(handBacktest(), { log: true } as never), /^LiqlabError: column "log": unknown option; validationScatterFigure takes side, title \(value true\)$/);
  });

  it("validationSeriesFigure(result with times past the year 9999) throws naming the time, not a RangeError", () => {
    const r = handBacktest();
    assert.throws(() => validationSeriesFigure({ ...r, series: r.series.derive({ time: (d: { time: number }) => d.time + 1e16 }) }), /^LiqlabError: column "time": time must be epoch ms UTC in the years 0000 to 9999 .* \(value 10001780272000000\)$/);
  });

  it("validationSeriesFigure(result with estimates near 1e308) draws each as a share of its total, not NaN", () => {
    const r = handBacktest();
    const fig = validationSeriesFigure({ ...r, series: r.series.derive({ longEstimatedUsd: () => 1e308 }) });
    const model = fig.data.find((t) => t.name === "Model estimate (longs)") as Record<string, any>;
    // Six equal bars: 1/6 each (1e308 × 6 is Infinity, and Infinity / Infinity NaN, unscaled).
    assert.equal(model.y.length, 6);
    model.y.forEach((v: number, i: number) => assert.ok(Math.abs(v - 100 / 6) < 1e-9, `bar ${i}: ${v}`));
  });
});
