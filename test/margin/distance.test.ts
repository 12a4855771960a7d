import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { distanceMarkdown, distanceRows } from "../../src/margin/distance";

describe("margin/distance", () => {
  it("distanceRows() at 100x and 125x for a $10k BTCUSDT position (bracket 1, 0.4%): 1 − (1 − 1/L)/0.996 and (1 + 1/L)/1.004 − 1", () => {
    const rows = distanceRows({ leverages: [100, 125], notionals: [10_000] });
    assert.deepEqual(rows.map((r) => r.leverage), [100, 125]);
    for (const r of rows) {
      const d = 1 / r.leverage;
      assert.ok(Math.abs(r.long[0]! - (1 - (1 - d) / 0.996)) < 1e-12);
      assert.ok(Math.abs(r.short[0]! - ((1 + d) / 1.004 - 1)) < 1e-12);
      assert.equal(r.naive, d);
    }
  });

  it("distanceRows() marks leverage above the entry bracket's maximum as NaN (a $1M BTCUSDT position allows 75x)", () => {
    const [r75, r100] = distanceRows({ leverages: [75, 100], notionals: [1_000_000] });
    assert.ok(r75!.long[0]! > 0);
    assert.ok(Number.isNaN(r100!.long[0]!) && Number.isNaN(r100!.short[0]!));
  });

  it("docs/margin.md holds exactly the table distanceMarkdown() computes", () => {
    const doc = readFileSync(resolve(__dirname, "../../docs/margin.md"), "utf8");
    const m = /<!-- distance-table:start -->\n([\s\S]*?)\n<!-- distance-table:end -->/.exec(doc);
    assert.ok(m, "docs/margin.md lacks the distance-table markers");
    assert.equal(m[1], distanceMarkdown());
  });

  it("distanceRows({leverages: null}) takes the defaults; {notionals: 10000}, {leverages: [NaN | 0.5]} throw naming the option and entry", () => {
    assert.deepEqual(distanceRows({ leverages: null as never }), distanceRows());
    assert.throws(() => distanceRows({ notionals: 10_000 as never }), /^LiqlabError: distanceRows: column "notionals": notionals must be an array of numbers \(value 10000\)$/);
    // Was a NaN row, written "NaNx" by distanceMarkdown.
    assert.throws(() => distanceRows({ leverages: [NaN] }), /^LiqlabError: distanceRows: column "leverages\[0\]": leverages\[0\] must be a finite number \(value NaN\)$/);
    assert.throws(() => distanceMarkdown({ leverages: [10, 0.5] }), /^LiqlabError: distanceRows: column "leverages\[1\]": leverages\[1\] must be at least 1 \(value 0\.5\)$/);
    assert.throws(() => distanceMarkdown({ notionals: [10_000, -1] }), /column "notionals\[1\]": notionals\[1\] must be positive \(value -1\)/);
  });
});
