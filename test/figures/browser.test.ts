/**
 * Renders every figure in headless Chromium at 1200×800 the way a notebook or a saved HTML file
 * shows it, checks plotly drew it and that title, subtitle, legend and annotations do not collide,
 * and keeps a screenshot of each in artifacts/screenshots/ for people to look at. Skips with a
 * message when no Chromium is installed.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { loadCombinedExport } from "../../src/data/index";
import { replay } from "../../src/engine/index";
import { backtest } from "../../src/validate/index";
import type { Figure } from "../../src/figures/figure";
import { figureHtml } from "../../src/figures/html";
import { heatmapFigure } from "../../src/figures/heatmap";
import { mapFigure } from "../../src/figures/map";
import { CHROMIUM_FLAGS, findChromium } from "../../src/figures/render";
import { validationScatterFigure, validationSeriesFigure } from "../../src/figures/validation";
import { dogeHeatmap, dogeMap, handBacktest, handHeatmap, handHeatmapColumns, handMap, syntheticBacktest, syntheticHeatmap, syntheticMap } from "./fixtures";
import { collectBoxes, layoutProblems, type Box } from "./layout-check";

const WIDTH = 1200;
const HEIGHT = 800;
const SHOTS = join(__dirname, "..", "..", "artifacts", "screenshots");
const HOSTILE = "</script><script>alert(1)</script>";
/** Optional real reference data (never copied into the repository). */
const BTC_FILE = join(__dirname, "..", "..", "..", "shared", "data", "btc-dev", "btc_regime_30m.csv");

/** The engine's default model on the real BTC half-hour file, drawn by every builder. */
function realFigures(): [string, Figure][] {
  const d = loadCombinedExport(BTC_FILE);
  const source = "BTCUSDT, btc_regime_30m.csv: Binance 30m candles + perpetual open interest";
  const model = replay({ candles: d.candles, openInterest: d.openInterest, source });
  const result = backtest(model, d.liquidations, { candles: d.candles, openInterest: d.openInterest, source: "btc_regime_30m.csv: realized = Binance + Bybit + OKX" });
  const liq = d.liquidations;
  const realized = { time: liq.array("time") as ArrayLike<number>, longUsd: liq.array("longUsd") as ArrayLike<number>, shortUsd: liq.array("shortUsd") as ArrayLike<number> };
  const map = model.mapAt();
  const p = map.price;
  return [
    ["real-btc-map", mapFigure(map, { thresholds: [Math.round((p * 0.95) / 500) * 500, Math.round((p * 1.05) / 500) * 500] })],
    ["real-btc-heatmap", heatmapFigure(model.heatmap(), { realized })],
    ["real-btc-validation-scatter-long", validationScatterFigure(result, { side: "long" })],
    ["real-btc-validation-series", validationSeriesFigure(result)],
  ];
}

function figures(): [string, Figure][] {
  const syn = syntheticHeatmap();
  return [
    ["map", mapFigure(syntheticMap(), { thresholds: [62_000, 60_000, 70_000] })],
    ["map-hand", mapFigure(handMap(), { thresholds: [63_000, 67_000] })],
    ["heatmap", heatmapFigure(syn.heatmap, { realized: syn.realized })],
    ["heatmap-hand", heatmapFigure(handHeatmap(), { realized: { time: [handHeatmap().candles.time[2]!], longUsd: [2e6], shortUsd: [0] } })],
    ["heatmap-one-column", heatmapFigure(handHeatmapColumns(1))],
    ["map-doge", mapFigure(dogeMap(), { thresholds: [0.145, 0.16] })],
    ["heatmap-doge", heatmapFigure(dogeHeatmap())],
    ["validation-scatter-long", validationScatterFigure(syntheticBacktest(), { side: "long" })],
    ["validation-scatter-short", validationScatterFigure(syntheticBacktest(), { side: "short" })],
    ["validation-series", validationSeriesFigure(syntheticBacktest())],
    ["validation-series-usd", validationSeriesFigure(syntheticBacktest(), { scale: "usd" })],
    ["validation-scatter-hand", validationScatterFigure(handBacktest(), { side: "long" })],
  ];
}

describe("figures in headless Chromium (1200×800)", function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let page: Page;
  let dir: string;
  const dialogs: string[] = [];
  let loaded = false;

  before(async function () {
    const executablePath = findChromium();
    if (executablePath === null) {
      console.log("    (skipped: no Chromium found; set LIQLAB_CHROMIUM or install chromium to run the browser tests)");
      this.skip();
    }
    browser = await chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS.filter((f) => f !== "--headless")] });
    page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    dir = mkdtempSync(join(tmpdir(), "liqlab-browser-"));
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Loads the figure's standalone HTML page (as saveFigure writes it) and waits for plotly. */
  async function load(name: string, figure: Figure): Promise<void> {
    loaded = true;
    const path = join(dir, `${name}.html`);
    writeFileSync(path, figureHtml(figure));
    await page.goto(pathToFileURL(path).href);
    await page.waitForSelector(".main-svg");
    await page.waitForFunction(() => (document.getElementById("liqlab-figure") as { _fullLayout?: unknown } | null)?._fullLayout !== undefined);
  }

  /**
   * Redraws the already loaded page with another figure, the way the page's own script does
   * (Plotly.newPlot with the same config), sparing a reload of the plotly bundle per figure.
   */
  async function redraw(figure: Figure): Promise<void> {
    // One JSON string crosses to the page far faster than a large nested object would.
    await page.evaluate(async (json) => {
      const fig = JSON.parse(json) as Figure;
      const plotly = (window as unknown as { Plotly: { purge(id: string): void; newPlot(id: string, d: unknown, l: unknown, c: unknown): Promise<unknown> } }).Plotly;
      plotly.purge("liqlab-figure");
      await plotly.newPlot("liqlab-figure", fig.data, fig.layout, { displaylogo: false, responsive: true, ...(fig.config ?? {}) });
    }, JSON.stringify(figure));
  }

  // First: it loads the standalone page the later tests redraw in.
  it("a map whose source and title are </script><script>alert(1)</script> shows them as text and runs nothing", async () => {
    dialogs.length = 0;
    await load("map-hostile", mapFigure(handMap(HOSTILE), { title: HOSTILE, thresholds: [63_000] }));
    const seen = await page.evaluate(() => ({
      title: document.querySelector("text.gtitle")?.textContent,
      subtitle: document.querySelector("text.gtitle-subtitle")?.textContent,
      scripts: document.scripts.length,
    }));
    await page.screenshot({ path: join(SHOTS, "map-hostile.png") });
    // A user's title without "estimate" gets " (estimates)".
    assert.equal(seen.title, `${HOSTILE} (estimates)`);
    assert.ok(String(seen.subtitle).includes(`Data: ${HOSTILE}`));
    assert.equal(seen.scripts, 2, "only plotly and the figure script");
    assert.deepEqual(dialogs, []);
  });

  it("every figure draws all its traces, nothing overlaps, screenshots saved", async () => {
    const problems: string[] = [];
    const all = figures();
    if (!loaded) await load(all[0]![0], all[0]![1]);
    for (const [name, figure] of all) {
      await redraw(figure);
      const drawn = await page.evaluate(() => document.querySelectorAll(".cartesianlayer .trace, .cartesianlayer .hm").length);
      assert.ok(drawn >= figure.data.length, `${name}: ${drawn} traces drawn of ${figure.data.length}`);
      const titles = await page.evaluate(() => [document.querySelector("text.gtitle")?.textContent, document.querySelector("text.gtitle-subtitle")?.textContent]);
      assert.ok(titles[0], `${name}: no title drawn`);
      assert.match(String(titles[1]), /^ESTIMATES: /, `${name}: subtitle must say these are estimates`);
      await page.screenshot({ path: join(SHOTS, `${name}.png`) });
      // The compiled function may call the bundler's __name helper: define it in the page.
      const boxes = (await page.evaluate(`(() => { const __name = (f) => f; return (${collectBoxes.toString()})(); })()`)) as Box[];
      problems.push(...layoutProblems(boxes, WIDTH, HEIGHT).map((p) => `${name}: ${p}`));
    }
    assert.deepEqual(problems, []);
  });

  it("real BTC data (optional): the engine's map, heatmap and validation figures draw cleanly", async function () {
    if (!existsSync(BTC_FILE)) {
      console.log(`    (skipped: ${BTC_FILE} not found; the real-data figures need the shared reference data)`);
      this.skip();
    }
    const all = realFigures();
    if (!loaded) await load(all[0]![0], all[0]![1]);
    const problems: string[] = [];
    for (const [name, figure] of all) {
      await redraw(figure);
      await page.screenshot({ path: join(SHOTS, `${name}.png`) });
      const boxes = (await page.evaluate(`(() => { const __name = (f) => f; return (${collectBoxes.toString()})(); })()`)) as Box[];
      problems.push(...layoutProblems(boxes, WIDTH, HEIGHT).map((p) => `${name}: ${p}`));
    }
    assert.deepEqual(problems, []);
  });

  it("the overlap check catches a legend dropped on the title and labels stacked on one another", async () => {
    const good = mapFigure(handMap(), { thresholds: [63_000] });
    const bad: Figure = {
      data: good.data,
      layout: {
        ...good.layout,
        legend: { orientation: "h", x: 0.01, y: 1.2, yanchor: "top" },
        annotations: [...(good.layout.annotations as object[]), { xref: "paper", yref: "paper", x: 0.5, y: 1, yanchor: "bottom", text: "<b>on top of the price label</b>", showarrow: false }],
      },
    };
    if (!loaded) await load("map-hand", good);
    await redraw(bad);
    const boxes = (await page.evaluate(`(() => { const __name = (f) => f; return (${collectBoxes.toString()})(); })()`)) as Box[];
    const problems = layoutProblems(boxes, WIDTH, HEIGHT);
    assert.ok(problems.some((p) => /^legend overlaps (title|subtitle)|^(title|subtitle) overlaps legend/.test(p)), problems.join("\n"));
    assert.ok(problems.some((p) => /annotation \d+: Current price.* overlaps annotation \d+: on top/.test(p)), problems.join("\n"));
  });

});
