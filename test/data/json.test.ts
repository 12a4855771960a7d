import assert from "node:assert/strict";
import fc from "fast-check";
import { elementLine, isJsonLines, lineOf, parseJson, parseJsonLines } from "../../src/data/json";

describe("data/json", () => {
  it("parseJson(text) equals JSON.parse on any JSON value", () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
      const text = JSON.stringify(v, null, 1);
      assert.deepEqual(JSON.parse(JSON.stringify(parseJson(text, "x.json"))), JSON.parse(text));
    }), { seed: 7, numRuns: 300 });
  });
  it("lineOf(row) gives the line where a pretty-printed array element starts", () => {
    const v = parseJson('[\n  {"a": 1},\n\n  {"a": 2}\n]', "x.json") as unknown[];
    assert.deepEqual(v.map(lineOf), [2, 4]);
  });
  it("parseJson throws naming line and character column of a syntax error", () => {
    assert.throws(() => parseJson('{\n  "a": [1, 2,, 3]\n}', "x.json"), /x\.json, line 2, column 14: invalid JSON: unexpected token \(value ", 3\]\\n}"\)/);
    assert.throws(() => parseJson('[1, 2', "x.json"), /line 1, column 6: invalid JSON: unexpected end of input/);
  });
  it("parseJson refuses absurd nesting instead of overflowing the stack", () => {
    assert.throws(() => parseJson("[".repeat(5000), "x.json"), /nested too deeply/);
  });
  it("parseJsonLines(text) reads one value per non-blank line and names the failing line", () => {
    assert.equal(JSON.stringify(parseJsonLines('{"a":1}\n\n{"a":2}\n', "x.jsonl")), '[{"a":1},{"a":2}]');
    assert.throws(() => parseJsonLines('{"a":1}\n{"a":', "x.jsonl"), /x\.jsonl, line 2, column 6: invalid JSON/);
  });
  it("parseJsonLines(text) gives each value its line in the file (lineOf, elementLine) and columns within the line", () => {
    const v = parseJsonLines('{"a":1}\n\n[2]\n7\r\n', "x.jsonl");
    assert.deepEqual(v.map((_, i) => elementLine(v, i)), [1, 3, 4]);
    assert.equal(lineOf(v[1]), 3);
    assert.throws(() => parseJsonLines('{"a":1}\n   {"a" 2}', "x.jsonl"), /^LiqlabError: x\.jsonl, line 2, column 9: invalid JSON: expected ':' \(value "2}"\)$/);
  });
  it("parseJsonLines(text) skips a byte-order mark starting any line (files saved with one and joined by cat)", () => {
    const v = parseJsonLines('\ufeff{"a":1}\n\ufeff{"a":2}\n', "x.jsonl");
    assert.equal(JSON.stringify(v), '[{"a":1},{"a":2}]');
    assert.deepEqual(v.map((_, i) => elementLine(v, i)), [1, 2]);
  });
  it("isJsonLines(text) tells JSON Lines from one JSON value, pretty-printed or on one line", () => {
    assert.deepEqual(['{"a":1}\n{"a":2}', '\n [1]\r\n[2]\n', '{\n"a":1\n}', '[{"a":1},\n{"a":2}]', '{"a":1}\n\n', "", "abc\ndef"].map(isJsonLines), [true, true, false, false, false, false, false]);
  });
});
