/**
 * docs/api.md lists every runtime export of src/index.ts exactly once, and nothing else: a new
 * export without a line there, or a line for one that went, fails here.
 */
import { strict as assert } from "assert";
import { readFileSync } from "fs";
import { join } from "path";
import * as liq from "../../src/index";

describe("docs/api.md", () => {
  it("docs/api.md names every export of src/index.ts once, and no other", () => {
    const text = readFileSync(join(__dirname, "..", "..", "docs", "api.md"), "utf8");
    const rows = [...text.matchAll(/^\| `([A-Za-z0-9_]+)/gm)].map((m) => m[1]!);
    const mod = liq as unknown as Record<string, unknown>;
    // (loaded as CommonJS under the test runner, the named exports may sit on `default`)
    const names = Object.keys(mod.default && typeof mod.default === "object" && Object.keys(mod).length < 10 ? (mod.default as object) : mod).filter((k) => k !== "default").sort();
    assert.ok(names.length > 100, `${names.length} exports read`);
    const twice = rows.filter((r, i) => rows.indexOf(r) !== i);
    assert.deepEqual(twice, [], "listed twice");
    assert.deepEqual(names.filter((n) => !rows.includes(n)), [], "exports docs/api.md does not list");
    assert.deepEqual(rows.filter((r) => !names.includes(r)), [], "rows naming no export");
  });
});
