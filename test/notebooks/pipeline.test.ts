/**
 * The notebook pipeline end to end, as `npm start` runs it: every notebook in notebooks/ executes
 * headless with the liqlab kernel; committed outputs equal a fresh run; each figure output carries
 * an interactive and a static version; rendered HTML pages draw their figures in headless
 * Chromium; a failing cell fails loudly with its text; the kernel lives only in the project.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findChromium, CHROMIUM_FLAGS } from "../../src/figures/render";
import { executeNotebooks, figureOutputs, join, jupyterEnv, missingRequirements, notebookPaths, readNotebook, root, stableView, venvBin } from "./helpers";

describe("notebooks (npm start pipeline)", function () {
  this.timeout(600_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "liqlab-nb-"));
  const out = path.join(work, "executed");
  const html = path.join(work, "html");
  let run: ReturnType<typeof executeNotebooks>;

  before(function () {
    run = executeNotebooks(notebookPaths(), out, html);
  });

  it("scripts/notebooks.py executes every notebook in notebooks/ without error", () => {
    assert.equal(run.status, 0, `notebook execution failed:\n${run.stderr}`);
    for (const p of notebookPaths()) assert.ok(fs.existsSync(path.join(out, path.basename(p))), `no executed copy of ${p}`);
  });

  for (const p of notebookPaths()) {
    const name = path.basename(p);
    it(`${name}: committed outputs are what a fresh run produces`, function () {
      const missing = missingRequirements(p);
      if (missing.length) {
        console.log(`      skipped: ${name} reads ${missing.join(", ")}, which is not here, so its outputs differ by design`);
        this.skip();
      }
      const fresh = path.join(out, name);
      assert.ok(fs.existsSync(fresh), `${name} did not execute`);
      assert.deepEqual(stableView(readNotebook(fresh)), stableView(readNotebook(p)), `${name}: committed outputs are stale; run npm start and commit notebooks/`);
    });
    it(`${name}: every figure output holds text/html and image/png`, () => {
      const nb = readNotebook(path.join(out, name));
      const figures = figureOutputs(nb);
      // Counted a second way, so a figure the class test misses fails here: every output that
      // draws with plotly is a figure. Each notebook shows at least one.
      const drawn = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => join(o.data?.["text/html"]).includes("Plotly.newPlot("));
      assert.ok(figures.length > 0, `${name}: no figure output`);
      assert.equal(figures.length, drawn.length, `${name}: ${drawn.length} outputs draw with plotly, ${figures.length} are figures`);
      for (const f of figures) {
        assert.match(join(f.data?.["text/html"]), /Plotly\.newPlot\(/, "figure whose text/html draws nothing");
        // A PNG's base64 starts with its signature, 89 50 4E 47 0D 0A 1A 0A.
        assert.match(join(f.data?.["image/png"]), /^iVBORw0KGgo/, "figure without a PNG in image/png (is chromium installed?)");
      }
    });
  }

  it("rendered HTML pages draw every figure in headless Chromium without console errors", async function () {
    const chromium = findChromium();
    if (!chromium) {
      console.log("      skipped: no Chromium found (set LIQLAB_CHROMIUM or install Debian's chromium)");
      this.skip();
    }
    const { chromium: pw } = await import("playwright-core");
    const browser = await pw.launch({ executablePath: chromium!, args: [...CHROMIUM_FLAGS.filter((f) => f !== "--headless")] /* playwright makes a fresh profile */ });
    const shots = path.join(root, "artifacts", "screenshots");
    fs.mkdirSync(shots, { recursive: true });
    try {
      for (const p of notebookPaths()) {
        const name = path.basename(p, ".ipynb");
        const expected = figureOutputs(readNotebook(path.join(out, name + ".ipynb"))).length;
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        const errors: string[] = [];
        page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
        page.on("pageerror", (e) => errors.push(String(e)));
        await page.goto("file://" + path.join(html, name + ".html"));
        await page.waitForFunction((n) => document.querySelectorAll(".liqlab-figure .main-svg").length >= n, expected, { timeout: 60_000 });
        const traces = await page.$$eval(".liqlab-figure", (els) => els.map((el) => el.querySelectorAll(".trace, .point, .cartesianlayer path.js-line, .hm, image").length));
        assert.equal(traces.length, expected, `${name}: ${traces.length} figures drawn, expected ${expected}`);
        traces.forEach((n, i) => assert.ok(n > 0, `${name}: figure ${i + 1} drew no trace`));
        assert.deepEqual(errors, [], `${name}: console errors`);
        await page.screenshot({ path: path.join(shots, `notebook-${name}.png`), fullPage: true });
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });

  it("a failing cell makes npm start's runner exit non-zero with the notebook, cell and error text", () => {
    // The notebook lives outside the project: it also proves "liqlab" imports from any folder,
    // including the types a cell infers from it (an arquero table).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "liqlab-fail-"));
    const nb = {
      nbformat: 4, nbformat_minor: 5,
      metadata: { kernelspec: { name: "liqlab", display_name: "TypeScript (liqlab)", language: "typescript" } },
      cells: [
        { cell_type: "code", id: "a", metadata: {}, execution_count: null, outputs: [], source: `import * as liq from "liqlab";\nconst candles = liq.loadBinanceKlines(${JSON.stringify(path.join(root, "datasets", "eth", "ETHUSDT-5m-klines.csv"))}).table;\nconst e = liq.error("deliberate failure 4217", { file: "x.csv", line: 3 });` },
        { cell_type: "code", id: "b", metadata: {}, execution_count: null, outputs: [], source: "throw e;" },
      ],
    };
    const file = path.join(dir, "failing.ipynb");
    fs.writeFileSync(file, JSON.stringify(nb));
    const r = spawnSync(process.execPath, [path.join(root, "scripts", "run-notebooks.mjs"), file], { cwd: root, encoding: "utf8", env: { ...process.env } });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /failing\.ipynb: a cell failed/);
    assert.match(r.stderr, /cell 2 \(execution count 2\)/);
    assert.match(r.stderr, /x\.csv, line 3: deliberate failure 4217/);
  });

  it("jupyter kernelspec list shows the liqlab kernel from the project's own prefix only", () => {
    const r = spawnSync(path.join(venvBin, "jupyter"), ["kernelspec", "list", "--json"], { env: jupyterEnv(), encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const specs = (JSON.parse(r.stdout) as { kernelspecs: Record<string, { resource_dir: string; spec: { display_name: string; argv: string[] } }> }).kernelspecs;
    assert.ok(specs["liqlab"], "no liqlab kernel");
    assert.equal(specs["liqlab"].spec.display_name, "TypeScript (liqlab)");
    assert.ok(specs["liqlab"].resource_dir.startsWith(path.join(root, ".jupyter")), specs["liqlab"].resource_dir);
    for (const a of specs["liqlab"].spec.argv.slice(0, 2)) assert.ok(path.isAbsolute(a), `kernel argv not absolute: ${a}`);
    for (const global of [path.join(os.homedir(), ".local", "share", "jupyter", "kernels", "liqlab"), "/usr/local/share/jupyter/kernels/liqlab", "/usr/share/jupyter/kernels/liqlab"]) {
      assert.ok(!fs.existsSync(global), `kernel written outside the project: ${global}`);
    }
  });
});
