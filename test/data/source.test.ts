import assert from "node:assert/strict";
import { strToU8, zipSync } from "fflate";
import { readSource } from "../../src/data/source";
import { fixture } from "./helpers";

describe("data/source", () => {
  it("readSource({ text, name }) passes in-memory text through with its name", () => {
    assert.deepEqual(readSource({ text: "a,b", name: "dir/x.csv" }), { file: "dir/x.csv", name: "x.csv", text: "a,b", notes: [] });
  });
  it("readSource(path) reads a file from disk", () => {
    assert.match(readSource(fixture("BTCUSDT-fundingRate-2024-01.csv")).text, /^calc_time,funding_interval_hours,last_funding_rate\n/);
  });
  it("readSource({ bytes, name: *.zip }) names the entry after the archive", () => {
    const st = readSource({ bytes: zipSync({ "a.csv": strToU8("x\n") }), name: "A.zip" });
    assert.deepEqual([st.file, st.name, st.text], ["A.zip:a.csv", "a.csv", "x\n"]);
  });
  it("readSource(zip with several files) joins them in name order and says so", () => {
    const st = readSource({ bytes: zipSync({ "b.csv": strToU8("2"), "a.csv": strToU8("1"), "dir/": new Uint8Array(0) }), name: "m.zip" });
    assert.equal(st.text, "1\n2");
    assert.deepEqual(st.notes, ["zip holds 2 files; read in name order as one table"]);
  });
  it("readSource(bytes) reads bare bytes, unzipping when they start with the zip signature", () => {
    assert.equal(readSource(strToU8("a,b\n")).text, "a,b\n");
    assert.equal(readSource(zipSync({ "k.csv": strToU8("1,2") })).text, "1,2");
    assert.equal(readSource({ text: "x" }).file, "data");
  });
  it("readSource(anything else) throws naming what it expected", () => {
    assert.throws(() => readSource(42 as never), /expected a file path, \{ text, name \} or \{ bytes, name \} \(value 42\)/);
  });
  it("readSource(empty zip) throws naming the archive", () => {
    assert.throws(() => readSource({ bytes: zipSync({}), name: "e.zip" }), /e\.zip: zip archive has no files/);
  });
});
