import assert from "node:assert/strict";
import { findChromium, parseDump, plotlySource, renderStatic } from "../../src/figures/render";
import type { Figure } from "../../src/figures/figure";

const HOSTILE = "</script><script>alert(1)</script>";
const tiny: Figure = { data: [{ type: "bar", x: [1, 2, 3], y: [3, 1, 2], name: HOSTILE }], layout: { title: { text: HOSTILE } } };

/** Runs `fn` with LIQLAB_CHROMIUM set to `value`, restoring the environment afterwards. */
function withChromiumEnv<T>(value: string, fn: () => T): T {
  const saved = process.env.LIQLAB_CHROMIUM;
  process.env.LIQLAB_CHROMIUM = value;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env.LIQLAB_CHROMIUM;
    else process.env.LIQLAB_CHROMIUM = saved;
  }
}

describe("figures/render", () => {
  it("plotlySource() is the plotly.js 4.1.2 bundle, read once", () => {
    const text = plotlySource();
    assert.match(text.slice(0, 200), /plotly\.js v4\.1\.2/);
    assert.equal(plotlySource(), text);
  });

  it("findChromium() honours LIQLAB_CHROMIUM and returns null when it is not executable", () => {
    assert.equal(withChromiumEnv("/nonexistent/chromium", findChromium), null);
    assert.equal(withChromiumEnv(process.execPath, findChromium), process.execPath);
  });

  it("renderStatic(figure, {format}) returns a one-line reason when no browser exists", () => {
    const r = withChromiumEnv("/nonexistent/chromium", () => renderStatic(tiny, { format: "png" }));
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.reason, "LIQLAB_CHROMIUM=/nonexistent/chromium is not an executable file");
      assert.ok(!r.reason.includes("\n"));
    }
  });

  it("renderStatic(figure, {format}) returns a one-line reason when the browser fails", () => {
    // /bin/false exits 1 at once: a browser that crashes.
    const r = withChromiumEnv("/bin/false", () => renderStatic(tiny, { format: "svg" }));
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.match(r.reason, /^chromium failed: /);
      assert.ok(!r.reason.includes("\n"));
    }
  });

  it("renderStatic(figure, {width: NaN}) returns a reason instead of starting a browser", () => {
    assert.deepEqual(renderStatic(tiny, { format: "png", width: NaN }), { ok: false, reason: "width must be a positive number (value NaN)" });
    assert.deepEqual(renderStatic(tiny, { format: "gif" as never }), { ok: false, reason: 'unknown format "gif": use "png" or "svg"' });
  });

  it("parseDump(dom, format) decodes the PNG and SVG data URLs plotly writes", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const pngDom = `<html><body><pre id="liqlab-image">OK data:image/png;base64,${png.toString("base64")}</pre></body></html>`;
    assert.deepEqual(parseDump(pngDom, "png"), { ok: true, data: png });
    const svg = '<svg width="1"><text>a &amp; b</text></svg>';
    const svgDom = `<pre id="liqlab-image">OK data:image/svg+xml,${encodeURIComponent(svg)}</pre>`;
    assert.deepEqual(parseDump(svgDom, "svg"), { ok: true, data: svg });
    const errDom = `<pre id="liqlab-image">ERR Error: bad &lt;layout&gt;</pre>`;
    assert.deepEqual(parseDump(errDom, "svg"), { ok: false, reason: "plotly failed in chromium: Error: bad <layout>" });
  });

  describe("with Chromium", function () {
    before(function () {
      if (findChromium() === null) {
        console.log("    (skipped: no Chromium found; set LIQLAB_CHROMIUM to run the rendering tests)");
        this.skip();
      }
    });

    it("renderStatic(figure, {format: 'png'}) gives a 1200×800 PNG by default", () => {
      const r = renderStatic(tiny, { format: "png" });
      assert.ok(r.ok, r.ok ? "" : r.reason);
      const png = r.data as Buffer;
      // PNG signature, then the IHDR chunk: width and height as big-endian uint32 at bytes 16 and 20.
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.equal(png.readUInt32BE(16), 1200);
      assert.equal(png.readUInt32BE(20), 800);
    });

    it("renderStatic(figure, {format: 'svg', width, height}) gives SVG text with the hostile label as text", () => {
      const r = renderStatic(tiny, { format: "svg", width: 600, height: 400 });
      assert.ok(r.ok, r.ok ? "" : r.reason);
      const svg = r.data as string;
      assert.match(svg, /^<svg [^>]*width="600" height="400"/);
      assert.ok(!svg.includes("<script"), "no script element in the SVG");
      // The serialiser writes "<" inside text as &#60; (or &lt;): the title is text, not markup.
      const text = svg.replace(/&#60;|&lt;/g, "<").replace(/&#62;|&gt;/g, ">");
      assert.ok(text.includes(`>${HOSTILE}</text>`), "the title is one text node");
    });
  });
});
