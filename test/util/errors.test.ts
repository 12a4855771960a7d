import assert from "node:assert/strict";
import { error, finite, positive, LiqlabError } from "../../src/util/errors";

describe("util/errors", () => {
  it("error(message, {file, line, column, value}) names all four", () => {
    const e = error("price must be positive", { file: "a.csv", line: 12, column: "close", value: -3 });
    assert.ok(e instanceof LiqlabError);
    assert.equal(e.message, 'a.csv, line 12, column "close": price must be positive (value -3)');
    assert.equal(e.line, 12);
    assert.equal(e.value, -3);
  });
  it("error(message, {column, value}) shows a BigInt column or value instead of failing to serialise it", () => {
    assert.equal(error("missing column", { column: 10n as never, value: 2n }).message, "column 10: missing column (value 2)");
  });
  it("error(message) quotes string values so blanks are visible", () => {
    assert.equal(error("not a number", { value: " " }).message, 'not a number (value " ")');
  });
  it("error(message) writes characters that print as a space or nothing as \\u escapes, so the culprit shows", () => {
    // A no-break space after a number, a byte-order mark before a header, a zero-width space.
    assert.equal(error("not a number", { value: "1\u00a0" }).message, 'not a number (value "1\\u00a0")');
    assert.equal(error("not a time", { value: "\ufeffopen_time" }).message, 'not a time (value "\\ufeffopen_time")');
    assert.equal(error("x", { value: "a\u200bb c" }).message, 'x (value "a\\u200bb c")');
  });
  it("finite(x, name) rejects NaN and Infinity, naming the option", () => {
    assert.throws(() => finite(NaN, "leverage"), /column "leverage": leverage must be a finite number \(value NaN\)/);
    assert.throws(() => finite(Infinity, "leverage"), /value Infinity/);
    assert.equal(finite(2, "x"), 2);
  });
  it("positive(x, name) rejects zero and negatives", () => {
    assert.throws(() => positive(0, "entryPrice"), /entryPrice must be positive \(value 0\)/);
    assert.equal(positive(1e-9, "x"), 1e-9);
  });
});
