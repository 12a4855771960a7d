import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { loadBinanceFundingRate } from "../../src/data/formats/binance-funding-rate";
import { isSafeEntryName, parseChecksum, sha256, unzipEntries, verifyChecksum } from "../../src/data/zip";

describe("data/zip", () => {
  it("isSafeEntryName(name) refuses absolute paths, drive letters and '..' segments", () => {
    for (const n of ["/etc/passwd", "\\x.csv", "C:/x.csv", "../x.csv", "a/../../x.csv", "a\\..\\x.csv", ""]) assert.equal(isSafeEntryName(n), false, n);
    for (const n of ["BTCUSDT-1m-2024-01-01.csv", "dir/x.csv", "a..b.csv"]) assert.equal(isSafeEntryName(n), true, n);
  });
  it("sha256(bytes) matches the published test vector for 'abc'", () => {
    assert.equal(sha256(strToU8("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
  it("parseChecksum(text) reads Binance's '<hash>  <file>' line", () => {
    const h = "a".repeat(64);
    assert.equal(parseChecksum(`${h}  BTCUSDT-1m-2024-01-01.zip\n`, "x"), h);
    assert.throws(() => parseChecksum("nothing here", "x.CHECKSUM"), /x\.CHECKSUM, line 1: checksum file has no sha256 hash/);
  });
  it("verifyChecksum throws on a mismatch, naming both hashes", () => {
    const bytes = strToU8("abc");
    verifyChecksum(bytes, sha256(bytes) + "  f.zip", "f.zip");
    assert.throws(() => verifyChecksum(bytes, "0".repeat(64) + "  f.zip", "f.zip"), /f\.zip: checksum mismatch: file hashes to ba7816bf.* \.CHECKSUM says 0{64}/);
  });
  it("unzipEntries throws a named error on bytes that are not a zip", () => {
    assert.throws(() => unzipEntries(strToU8("not a zip at all"), "bad.zip"), /bad\.zip: not a readable zip archive/);
  });
  it("a loader verifies the .CHECKSUM beside a zip path and refuses a corrupt archive", () => {
    const dir = mkdtempSync(join(tmpdir(), "liqlab-zip-"));
    try {
      const zip = zipSync({ "BTCUSDT-fundingRate-2024-01.csv": strToU8("calc_time,funding_interval_hours,last_funding_rate\n1704067200000,8,0.0001\n") });
      const path = join(dir, "BTCUSDT-fundingRate-2024-01.zip");
      writeFileSync(path, zip);
      writeFileSync(path + ".CHECKSUM", `${sha256(zip)}  BTCUSDT-fundingRate-2024-01.zip\n`);
      assert.ok(loadBinanceFundingRate(path).report.notes.includes("sha256 matches the .CHECKSUM file"));
      writeFileSync(path + ".CHECKSUM", `${"f".repeat(64)}  BTCUSDT-fundingRate-2024-01.zip\n`);
      assert.throws(() => loadBinanceFundingRate(path), /checksum mismatch/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
