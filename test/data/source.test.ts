import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync, strToU8, zipSync } from "fflate";
import { load, loadBinanceKlines } from "../../src/data/index";
import { LiqlabError } from "../../src/util/errors";
import { readSource } from "../../src/data/source";
import { sha256 } from "../../src/data/zip";
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
  it("loadBinanceKlines(zip with several files) names the entry and its own line in an error", () => {
    const header = "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore";
    const row = (t: number, close: string) => `${t},100,101,99,${close},1,${t + 59_999},100,1,0.5,50,0`;
    const a = [header, row(1704067200000, "100"), row(1704067260000, "100")].join("\n") + "\n";
    const b = [header, row(1704067320000, "100"), row(1704067380000, "x")].join("\n");
    const bytes = zipSync({ "a.csv": strToU8(a), "b.csv": strToU8(b) });
    // a.csv ends with a newline, so b.csv's line 3 is line 7 of the joined text.
    assert.throws(() => loadBinanceKlines({ bytes, name: "BTCUSDT-1m-2024-01.zip" }), /^LiqlabError: BTCUSDT-1m-2024-01\.zip:b\.csv, line 3, column "close": close is not a number \(value "x"\)$/);
    const ok = loadBinanceKlines({ bytes: zipSync({ "a.csv": strToU8(a), "b.csv": strToU8(b.replace(",x,", ",100,")) }), name: "BTCUSDT-1m-2024-01.zip" });
    assert.equal(ok.table.numRows(), 4);
  });
  it("readSource(bytes) reads bare bytes, unzipping when they start with the zip signature", () => {
    assert.equal(readSource(strToU8("a,b\n")).text, "a,b\n");
    assert.equal(readSource(zipSync({ "k.csv": strToU8("1,2") })).text, "1,2");
    assert.equal(readSource({ text: "x" }).file, "data");
  });
  it("readSource({ bytes: gzip, name: *.csv.gz }) unpacks it and names it without .gz, for detection", () => {
    const st = readSource({ bytes: gzipSync(strToU8("a,b\n1,2\n")), name: "dir/x.csv.gz" });
    assert.deepEqual(st, { file: "dir/x.csv.gz", name: "x.csv", text: "a,b\n1,2\n", notes: ["gunzipped"] });
    // bare bytes are recognised by the gzip signature; a zip inside a gzip file is unzipped too
    assert.equal(readSource(gzipSync(strToU8("p,q\n"))).text, "p,q\n");
    const inner = readSource({ bytes: gzipSync(zipSync({ "k.csv": strToU8("1,2") })), name: "k.zip.gz" });
    assert.deepEqual([inner.file, inner.name, inner.text], ["k.zip.gz:k.csv", "k.csv", "1,2"]);
  });
  it("loadBinanceKlines(path.csv.gz) reads the same table as the .csv, and checks a .CHECKSUM beside it", () => {
    const dir = mkdtempSync(join(tmpdir(), "liqlab-gz-"));
    try {
      const plain = fixture("BTCUSDT-1m-2024-01-01.csv");
      const gz = gzipSync(readFileSync(plain));
      const path = join(dir, "BTCUSDT-1m-2024-01-01.csv.gz");
      writeFileSync(path, gz);
      const a = loadBinanceKlines(plain);
      const b = loadBinanceKlines(path);
      assert.deepEqual(b.table.objects(), a.table.objects());
      assert.ok(a.table.numRows() > 0);
      assert.ok(b.report.notes.includes("gunzipped"));
      writeFileSync(path + ".CHECKSUM", `${sha256(gz)}  BTCUSDT-1m-2024-01-01.csv.gz\n`);
      assert.ok(loadBinanceKlines(path).report.notes.includes("sha256 matches the .CHECKSUM file"));
      writeFileSync(path + ".CHECKSUM", `${"e".repeat(64)}  BTCUSDT-1m-2024-01-01.csv.gz\n`);
      assert.throws(() => loadBinanceKlines(path), /BTCUSDT-1m-2024-01-01\.csv\.gz: checksum mismatch/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("readSource(broken gzip) throws naming the file; a .gz name on plain bytes too", () => {
    const broken = gzipSync(strToU8("a,b\n".repeat(100))).slice(0, 12);
    assert.throws(() => readSource({ bytes: broken, name: "cut.csv.gz" }), /cut\.csv\.gz: not a readable gzip file \(/);
    assert.throws(() => readSource({ bytes: strToU8("a,b\n"), name: "plain.csv.gz" }), /plain\.csv\.gz: named \.gz but not gzip data \(no 1f 8b 08 signature\)/);
  });
  it("readSource(anything else) throws naming what it expected", () => {
    assert.throws(() => readSource(42 as never), /expected a file path, \{ text, name \} or \{ bytes, name \} \(value 42\)/);
  });
  it("readSource(empty zip) throws naming the archive", () => {
    assert.throws(() => readSource({ bytes: zipSync({}), name: "e.zip" }), /e\.zip: zip archive has no files/);
  });
  it("load(directory) throws naming the path and saying it is a directory", () => {
    // threw a bare EISDIR without the path
    const dir = mkdtempSync(join(tmpdir(), "liqlab-dir-"));
    try {
      assert.throws(() => load(dir), (e: Error) => e instanceof LiqlabError && e.message === `${dir}: is a directory, not a file: load() reads one file; pass the files in it to loadFiles()`);
      assert.throws(() => loadBinanceKlines(dir), /is a directory, not a file/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
