import assert from "node:assert/strict";
import { escapeHtml, figureConfig, scriptJson } from "../../src/figures/embed";
import { plotlyText } from "../../src/figures/text";

const HOSTILE = "</script><script>alert(1)</script>";

describe("figures/embed", () => {
  it("scriptJson(value) has no < > & or line separators yet parses back to the same value", () => {
    const value = { name: HOSTILE, amp: "a & b", ls: "x\u2028y\u2029z", n: [1, 2.5] };
    const text = scriptJson(value);
    assert.ok(!/[<>&\u2028\u2029]/.test(text), text);
    assert.deepEqual(JSON.parse(text), value);
    // Also valid JavaScript: evaluating the text gives the same object.
    assert.deepEqual(new Function(`return ${text};`)(), value);
  });
  it("escapeHtml(text) and plotlyText(text) turn markup into entities", () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), "&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
    assert.equal(plotlyText("<b>BTC</b> & co"), "&#60;b&#62;BTC&#60;/b&#62; &#38; co");
  });
  it("figureConfig(figure) hides the plotly logo unless the figure says otherwise", () => {
    assert.deepEqual(figureConfig({ data: [], layout: {} }), { displaylogo: false, responsive: true });
    assert.deepEqual(figureConfig({ data: [], layout: {}, config: { responsive: false } }), { displaylogo: false, responsive: false });
  });
});
