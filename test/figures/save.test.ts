import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pageTitle } from "../../src/figures/html";
import { saveFigure } from "../../src/figures/save";
import type { Figure } from "../../src/figures/figure";

const HOSTILE = "</script><script>alert(1)</script>";
const tiny: Figure = { data: [{ type: "bar", x: [1, 2], y: [2, 1], name: HOSTILE }], layout: { title: { text: `BTC ${HOSTILE}` } } };

describe("figures/save", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "liqlab-save-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("saveFigure(figure, 'x.html') writes one page with plotly inlined once and no injected script", () => {
    const path = join(dir, "x.html");
    saveFigure(tiny, path);
    const html = readFileSync(path, "utf8");
    assert.equal(html.split("plotly.js v4.1.2").length - 1, 1, "plotly inlined exactly once");
    // Two script elements: plotly and the figure. The hostile label adds none.
    assert.equal(html.split("<script>").length - 1, 2);
    assert.equal(html.split("</script>").length - 1, 2);
    assert.ok(html.includes("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
    assert.match(html, /<title>BTC &#60;\/script&#62;/);
  });

  it("pageTitle(figure) is plain text: plotly markup dropped, entities decoded", () => {
    assert.equal(pageTitle({ data: [], layout: { title: { text: "<b>BTC</b> map<br>&#60;x&#62; &amp; y" } } }), "BTC map <x> & y");
    assert.equal(pageTitle({ data: [], layout: { title: HOSTILE } }), HOSTILE);
    assert.equal(pageTitle({ data: [], layout: {} }), "liqlab figure");
  });

  it("saveFigure(figure, 'x.pdf') throws naming the extension and the formats it knows", () => {
    const path = join(dir, "x.pdf");
    assert.throws(() => saveFigure(tiny, path), /saveFigure: unknown extension "\.pdf": use \.html, \.png or \.svg/);
    assert.equal(existsSync(path), false);
  });

  it("saveFigure(figure, 'x.png') throws clearly when no browser is available", () => {
    const saved = process.env.LIQLAB_CHROMIUM;
    process.env.LIQLAB_CHROMIUM = "/nonexistent/chromium";
    try {
      assert.throws(() => saveFigure(tiny, join(dir, "x.png")), /saveFigure: cannot render PNG: LIQLAB_CHROMIUM=\/nonexistent\/chromium is not an executable file/);
    } finally {
      if (saved === undefined) delete process.env.LIQLAB_CHROMIUM;
      else process.env.LIQLAB_CHROMIUM = saved;
    }
  });
});
