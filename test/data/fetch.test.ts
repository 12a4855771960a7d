// fetchBinance against a local archive server on 127.0.0.1 (random port) serving zips built in
// the test with fflate. No test reaches the internet.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import type { Market } from "../../src/data/archive-layout";
import { fetchBinance, type FetchOptions } from "../../src/data/fetch";
import { loadBinanceKlines } from "../../src/data/formats/binance-klines";
import { loadFiles } from "../../src/data/load";
import { sha256 } from "../../src/data/zip";
import { Archive, DIR, klinesZip } from "./archive-server";

describe("data/fetch", () => {
  let archive: Archive;
  let cache: string;
  const opts = (o: Partial<FetchOptions> = {}): FetchOptions => ({ symbol: "BTCUSDT", kinds: ["klines"], from: "2024-01-01", to: "2024-01-03", interval: "1m", cacheDir: cache, baseUrl: archive.base, progress: false, period: "daily", ...o });

  beforeEach(async () => {
    archive = new Archive();
    for (const d of ["2024-01-01", "2024-01-03"]) archive.put(`${DIR}BTCUSDT-1m-${d}.zip`, klinesZip(d)); // 2024-01-02 is missing
    await archive.start();
    cache = mkdtempSync(join(tmpdir(), "liqlab-fetch-"));
  });
  afterEach(async () => {
    await archive.stop();
    rmSync(cache, { recursive: true, force: true });
  });

  it("fetchBinance(options) downloads and verifies daily files, reports the missing day, and the files load", async () => {
    const r = await fetchBinance(opts());
    assert.deepEqual(r.files.map((f) => [f.date, f.status, f.verified]), [["2024-01-01", "downloaded", true], ["2024-01-02", "missing", false], ["2024-01-03", "downloaded", true]]);
    assert.deepEqual([r.downloaded, r.missing, r.failed], [2, 1, 0]);
    const path = join(cache, "data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip");
    assert.equal(r.files[0]!.path, path);
    assert.ok(existsSync(path + ".CHECKSUM"));
    const loaded = loadBinanceKlines(path);
    assert.equal(loaded.table.numRows(), 2);
    assert.ok(loaded.report.notes.includes("sha256 matches the .CHECKSUM file"));
    const all = loadFiles(r.paths);
    assert.equal(all.table.numRows(), 4);
    // Each day's file holds 00:00 and 00:01 (klinesZip): missing are 2024-01-01 00:02 … 2024-01-02
    // 23:59, (1,440 − 2) + 1,440 = 2,878 one-minute bars, in one gap.
    assert.deepEqual([all.report.gaps.count, all.report.gaps.missingBars], [1, 1_440 - 2 + 1_440]);
  });

  it("fetchBinance(options) run twice skips cached files without requesting them again", async () => {
    await fetchBinance(opts());
    archive.requests = [];
    const r = await fetchBinance(opts());
    assert.deepEqual(r.files.map((f) => f.status), ["cached", "missing", "cached"]);
    assert.deepEqual(archive.requests.map((q) => q.url), [`${DIR}BTCUSDT-1m-2024-01-02.zip.CHECKSUM`, `${DIR}BTCUSDT-1m-2024-01-02.zip`]);
  });

  it("fetchBinance(options) fails a file whose bytes do not match its .CHECKSUM and leaves nothing in the cache", async () => {
    const good = klinesZip("2024-01-01");
    archive.put(`${DIR}BTCUSDT-1m-2024-01-01.zip`, good, sha256(strToU8("something else")));
    const r = await fetchBinance(opts({ to: "2024-01-01", retries: 1 }));
    assert.equal(r.files[0]!.status, "failed");
    assert.match(r.files[0]!.error!, /checksum mismatch/);
    assert.equal(existsSync(r.files[0]!.path), false);
    assert.equal(existsSync(r.files[0]!.path + ".part"), false);
    assert.equal(archive.requests.filter((q) => q.url.endsWith(".zip")).length, 2); // first try + one retry
  });

  it("fetchBinance(options) refuses a zip with an unsafe entry name", async () => {
    const evil = zipSync({ "../../evil.csv": strToU8("x") });
    archive.put(`${DIR}BTCUSDT-1m-2024-01-01.zip`, evil);
    const r = await fetchBinance(opts({ to: "2024-01-01" }));
    assert.equal(r.files[0]!.status, "failed");
    assert.match(r.files[0]!.error!, /unsafe zip entry name/);
    assert.equal(existsSync(join(cache, "data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip")), false);
  });

  it("fetchBinance(options) resumes a transfer cut short with an HTTP Range request", async () => {
    archive.cutOnce.add(`${DIR}BTCUSDT-1m-2024-01-01.zip`);
    const r = await fetchBinance(opts({ to: "2024-01-01" }));
    assert.equal(r.files[0]!.status, "downloaded");
    assert.equal(r.files[0]!.verified, true);
    const zipRequests = archive.requests.filter((q) => q.url.endsWith(".zip"));
    assert.equal(zipRequests.length, 2);
    const half = klinesZip("2024-01-01").length >> 1;
    assert.equal(zipRequests[1]!.range, `bytes=${half}-`);
  });

  it("fetchBinance(options) re-run after a failure fetches only the file that failed", async () => {
    archive.files.delete(`${DIR}BTCUSDT-1m-2024-01-03.zip`);
    archive.files.set(`${DIR}BTCUSDT-1m-2024-01-03.zip`, strToU8("garbage, not a zip"));
    const first = await fetchBinance(opts({ retries: 0 }));
    assert.deepEqual(first.files.map((f) => f.status), ["downloaded", "missing", "failed"]);
    archive.put(`${DIR}BTCUSDT-1m-2024-01-03.zip`, klinesZip("2024-01-03"));
    archive.requests = [];
    const second = await fetchBinance(opts());
    assert.deepEqual(second.files.map((f) => f.status), ["cached", "missing", "downloaded"]);
    assert.ok(!archive.requests.some((q) => q.url.includes("2024-01-01")));
  });

  it("fetchBinance(options) re-downloads a cached file that no longer matches its cached checksum", async () => {
    const r = await fetchBinance(opts({ to: "2024-01-01" }));
    writeFileSync(r.files[0]!.path, "corrupted on disk");
    const again = await fetchBinance(opts({ to: "2024-01-01" }));
    assert.equal(again.files[0]!.status, "downloaded");
    assert.deepEqual(readFileSync(again.files[0]!.path), Buffer.from(klinesZip("2024-01-01")));
  });

  it("fetchBinance(options) writes one progress line per file", async () => {
    const lines: string[] = [];
    await fetchBinance(opts({ progress: (l) => lines.push(l) }));
    assert.equal(lines.length, 3);
    assert.ok(lines.some((l) => /BTCUSDT-1m-2024-01-02\.zip missing \(not in the archive\)/.test(l)));
    assert.ok(lines.every((l) => /^\[\d\/3\] /.test(l)));
  });

  it("fetchBinance rejects bad options with a named error", async () => {
    await assert.rejects(fetchBinance(opts({ from: "2024-02-30" })), /column "from": from is not a date/);
    await assert.rejects(fetchBinance(opts({ symbol: "../x" })), /symbol must be letters/);
  });

  it("fetchBinance(options with a market or interval the archive has no files for) throws before requesting anything", async () => {
    await assert.rejects(fetchBinance(opts({ market: "xx" as Market })), /^LiqlabError: column "market": market must be one of um, cm, spot \(value "xx"\)$/);
    await assert.rejects(fetchBinance(opts({ interval: "1min" })), /^LiqlabError: column "interval": interval must be one of 1s, 1m, 3m, .*, 1mo \(value "1min"\)$/);
    await assert.rejects(fetchBinance(opts({ interval: "1s" })), /^LiqlabError: column "interval": 1s klines are published for market "spot" only \(value "1s"\)$/);
    // data.binance.vision/data/spot has klines, aggTrades and trades only: metrics would 404 as "missing"
    await assert.rejects(fetchBinance(opts({ market: "spot", kinds: ["klines", "metrics", "fundingRate"] })), /^LiqlabError: column "kinds": the spot archive publishes klines, aggTrades, trades only, not metrics, fundingRate \(value "klines,metrics,fundingRate"\)$/);
    assert.deepEqual(archive.requests, []);
  });

  it("fetchBinance({ kinds: ['klines', 'klines'] }) fetches each file once", async () => {
    const r = await fetchBinance(opts({ kinds: ["klines", "klines"] }));
    assert.deepEqual(r.files.map((f) => [f.kind, f.date, f.status]), [["klines", "2024-01-01", "downloaded"], ["klines", "2024-01-02", "missing"], ["klines", "2024-01-03", "downloaded"]]);
  });

});
