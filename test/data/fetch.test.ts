// fetchBinance against a local archive server on 127.0.0.1 (random port) serving zips built in
// the test with fflate. No test reaches the internet.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as aq from "arquero";
import { strToU8, zipSync } from "fflate";
import type { ArchiveKind, Market } from "../../src/data/archive-layout";
import { checkFetchOptions, fetchBinance, type FetchOptions } from "../../src/data/fetch";
import { loadBinanceKlines } from "../../src/data/formats/binance-klines";
import { loadFiles } from "../../src/data/load";
import { sha256 } from "../../src/data/zip";
import { Archive, DIR, klinesZip, klinesZipOf } from "./archive-server";

describe("data/fetch", () => {
  let archive: Archive;
  let cache: string;
  const opts = (o: Partial<FetchOptions> = {}): FetchOptions => ({ symbol: "BTCUSDT", kinds: ["klines"], from: "2024-01-01", to: "2024-01-03", interval: "1m", cacheDir: cache, baseUrl: archive.base, progress: false, period: "daily", retryDelay: 0, ...o });
  /** The cache path of a daily klines file, e.g. cached("2024-01-01"). */
  const cached = (day: string) => join(cache, `${DIR.slice(1)}BTCUSDT-1m-${day}.zip`);
  const days = (n: number) => Array.from({ length: n }, (_, i) => `2024-01-${String(i + 1).padStart(2, "0")}`);

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

  /** Leaves `bytes` in the cache as 2024-01-01's `.part`, with `validator` beside it when given. */
  const leavePart = (bytes: Uint8Array, validator?: object) => {
    mkdirSync(dirname(cached("2024-01-01")), { recursive: true });
    writeFileSync(cached("2024-01-01") + ".part", bytes);
    if (validator) writeFileSync(cached("2024-01-01") + ".part.validator", JSON.stringify(validator));
  };
  /** The archive server's ETag for `bytes`. */
  const etagOf = (bytes: Uint8Array) => `"${sha256(bytes).slice(0, 16)}"`;
  const zipRequests = () => archive.requests.filter((q) => q.url.endsWith(".zip"));
  const URL1 = `${DIR}BTCUSDT-1m-2024-01-01.zip`;

  it("fetchBinance(options) with a stale .part of another file and no validator does not splice it when nothing checks the result (verify: false, or no .CHECKSUM published)", async () => {
    // The old code asked for the rest of the part (Range only) and kept 2023-06-06's bars under 2024-01-01's name.
    const stale = klinesZip("2023-06-06"), published = klinesZip("2024-01-01");
    assert.equal(stale.length, published.length); // only the bytes tell them apart
    for (const [verify, checksum] of [[false, sha256(published)], [true, null]] as const) {
      archive.put(URL1, published, checksum);
      rmSync(cached("2024-01-01"), { force: true });
      leavePart(stale.subarray(0, stale.length - 40));
      archive.requests = [];
      const r = await fetchBinance(opts({ to: "2024-01-01", verify }));
      assert.deepEqual([r.files[0]!.status, r.files[0]!.verified], ["downloaded", false], `verify ${verify}`);
      assert.deepEqual(readFileSync(cached("2024-01-01")), Buffer.from(published), `verify ${verify}`);
      assert.deepEqual(zipRequests(), [{ url: URL1 }], `verify ${verify}: downloaded whole, no Range`);
      assert.equal(loadBinanceKlines(cached("2024-01-01")).table.get("time", 0), Date.UTC(2024, 0, 1));
      assert.deepEqual([existsSync(cached("2024-01-01") + ".part"), existsSync(cached("2024-01-01") + ".part.validator")], [false, false]);
    }
  });

  it("fetchBinance({ verify: false }) with a .part whose validator is another version's gets the whole file (If-Range does not match: 200), not a splice", async () => {
    const stale = klinesZip("2023-06-06"), published = klinesZip("2024-01-01");
    const cut = stale.length - 40;
    for (const validator of [{ etag: etagOf(stale), size: stale.length }, { lastModified: "Sun, 31 Dec 2023 00:00:00 GMT" }]) {
      rmSync(cached("2024-01-01"), { force: true });
      leavePart(stale.subarray(0, cut), validator);
      archive.requests = [];
      const r = await fetchBinance(opts({ to: "2024-01-01", verify: false }));
      assert.equal(r.files[0]!.status, "downloaded");
      assert.deepEqual(zipRequests(), [{ url: URL1, range: `bytes=${cut}-`, ifRange: validator.etag ?? validator.lastModified }]);
      assert.deepEqual(readFileSync(cached("2024-01-01")), Buffer.from(published), JSON.stringify(validator));
    }
  });

  it("fetchBinance(options) resumes a transfer cut short with Range and If-Range its ETag when nothing checks the result, and the file equals the published bytes", async () => {
    const published = klinesZip("2024-01-01"), half = published.length >> 1;
    for (const [verify, checksum] of [[false, sha256(published)], [true, null]] as const) {
      archive.put(URL1, published, checksum);
      rmSync(cached("2024-01-01"), { force: true });
      archive.cutOnce.add(URL1);
      archive.requests = [];
      const r = await fetchBinance(opts({ to: "2024-01-01", verify }));
      assert.deepEqual([r.files[0]!.status, r.files[0]!.verified], ["downloaded", false], `verify ${verify}`);
      assert.deepEqual(zipRequests(), [{ url: URL1 }, { url: URL1, range: `bytes=${half}-`, ifRange: etagOf(published) }], `verify ${verify}`);
      assert.deepEqual(readFileSync(cached("2024-01-01")), Buffer.from(published), `verify ${verify}`);
      assert.equal(existsSync(cached("2024-01-01") + ".part.validator"), false);
    }
  });

  it("fetchBinance({ verify: false }) from a server with no ETag or Last-Modified downloads a transfer cut short again whole, not resumed blindly", async () => {
    archive.validators = false;
    archive.cutOnce.add(URL1);
    const r = await fetchBinance(opts({ to: "2024-01-01", verify: false }));
    assert.equal(r.files[0]!.status, "downloaded");
    assert.deepEqual(zipRequests(), [{ url: URL1 }, { url: URL1 }]);
    assert.deepEqual(readFileSync(cached("2024-01-01")), Buffer.from(klinesZip("2024-01-01")));
  });

  it("fetchBinance(options) starts over when a resume is answered with a 206 that is not the part's rest (Content-Range from elsewhere, or another total)", async () => {
    const published = klinesZip("2024-01-01"), half = published.length >> 1;
    // The server answers bytes=half- with the whole body as a 206 from 0: appended, it would double the start.
    archive.misrange.add(URL1);
    archive.cutOnce.add(URL1);
    const r = await fetchBinance(opts({ to: "2024-01-01", verify: false }));
    assert.equal(r.files[0]!.status, "downloaded");
    assert.deepEqual(zipRequests(), [{ url: URL1 }, { url: URL1, range: `bytes=${half}-`, ifRange: etagOf(published) }, { url: URL1 }]);
    assert.deepEqual(readFileSync(cached("2024-01-01")), Buffer.from(published));
    // A part cut from a file of another length: the 206's total (the file's length) is not the part's.
    archive.misrange.clear();
    rmSync(cached("2024-01-01"));
    leavePart(published.subarray(0, 100), { etag: etagOf(published), size: published.length + 1 });
    archive.requests = [];
    const again = await fetchBinance(opts({ to: "2024-01-01", verify: false }));
    assert.equal(again.files[0]!.status, "downloaded");
    assert.deepEqual(zipRequests(), [{ url: URL1, range: "bytes=100-", ifRange: etagOf(published) }, { url: URL1 }]);
    assert.deepEqual(readFileSync(cached("2024-01-01")), Buffer.from(published));
  });

  it("fetchBinance(options) retries a body cut short that has no checksum to catch it (verify: false, or none published) instead of failing at once", async () => {
    const published = klinesZip("2024-01-01");
    for (const [verify, checksum] of [[false, sha256(published)], [true, null]] as const) {
      archive.put(URL1, published, checksum);
      rmSync(cached("2024-01-01"), { force: true });
      // Half the body, sent as if whole (its Content-Length says half): no transfer error, only a zip that does not open.
      archive.shortOnce.add(URL1);
      archive.requests = [];
      const r = await fetchBinance(opts({ to: "2024-01-01", verify }));
      assert.deepEqual([r.files[0]!.status, r.files[0]!.verified], ["downloaded", false], `verify ${verify}`);
      assert.deepEqual(zipRequests(), [{ url: URL1 }, { url: URL1 }], `verify ${verify}: retried whole, the short part deleted`);
      assert.deepEqual(readFileSync(cached("2024-01-01")), Buffer.from(published), `verify ${verify}`);
    }
    // Within retries: with none left it fails, saying why, and leaves no part to resume.
    rmSync(cached("2024-01-01"));
    archive.shortOnce.add(URL1);
    const once = await fetchBinance(opts({ to: "2024-01-01", verify: false, retries: 0 }));
    assert.equal(once.files[0]!.status, "failed");
    assert.match(once.files[0]!.error!, /not a readable zip archive/);
    assert.deepEqual([existsSync(cached("2024-01-01")), existsSync(cached("2024-01-01") + ".part")], [false, false]);
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

  it("fetchBinance({ kinds: ['bogus'] }) throws naming the kind and listing the archive's kinds, requesting nothing; toString, constructor and __proto__ are no kinds", async () => {
    const known = "klines, markPriceKlines, indexPriceKlines, premiumIndexKlines, metrics, liquidationSnapshot, bookDepth, fundingRate, aggTrades, trades";
    // The old code threw a bare TypeError from the planner.
    await assert.rejects(fetchBinance(opts({ kinds: ["bogus" as ArchiveKind] })), new RegExp(`^LiqlabError: column "kinds": unknown kind "bogus"; the archive's kinds are ${known} \\(value "bogus"\\)$`));
    await assert.rejects(fetchBinance(opts({ kinds: ["klnes" as ArchiveKind] })), /^LiqlabError: column "kinds": unknown kind "klnes" \(did you mean klines\?\); the archive's kinds are klines, /);
    for (const k of ["toString", "constructor", "__proto__", "hasOwnProperty"]) {
      assert.throws(() => checkFetchOptions(opts({ kinds: [k as ArchiveKind] })), new RegExp(`^LiqlabError: column "kinds": unknown kind "${k}"; the archive's kinds are ${known} \\(value "${k}"\\)$`), k);
    }
    assert.throws(() => checkFetchOptions(opts({ kinds: ["klines", "toString", "metrcs"] as ArchiveKind[] })), /^LiqlabError: column "kinds": unknown kinds "toString", "metrcs" \(did you mean metrics\?\); the archive's kinds are .* \(value "klines,toString,metrcs"\)$/);
    assert.throws(() => checkFetchOptions(opts({ kinds: [] })), /^LiqlabError: column "kinds": kinds is empty \(e\.g\. klines, metrics\) \(value ""\)$/);
    assert.throws(() => checkFetchOptions(opts({ kinds: "klines" as unknown as ArchiveKind[] })), /^LiqlabError: column "kinds": kinds must be a list of kind names \(e\.g\. \["klines", "metrics"\]\) \(value "klines"\)$/);
    assert.deepEqual(archive.requests, []);
  });

  it("fetchBinance({ kinds: ['klines', 'klines'] }) fetches each file once", async () => {
    const r = await fetchBinance(opts({ kinds: ["klines", "klines"] }));
    assert.deepEqual(r.files.map((f) => [f.kind, f.date, f.status]), [["klines", "2024-01-01", "downloaded"], ["klines", "2024-01-02", "missing"], ["klines", "2024-01-03", "downloaded"]]);
  });

  it("fetchBinance(options) verifies a cached file without a cached .CHECKSUM against the archive's, downloading garbage again", async () => {
    // The old code reported these bytes "cached" without a request.
    mkdirSync(dirname(cached("2024-01-01")), { recursive: true });
    writeFileSync(cached("2024-01-01"), "garbage <html>");
    const r = await fetchBinance(opts({ to: "2024-01-01" }));
    assert.deepEqual([r.files[0]!.status, r.files[0]!.verified], ["downloaded", true]);
    assert.deepEqual(readFileSync(cached("2024-01-01")), Buffer.from(klinesZip("2024-01-01")));
    assert.deepEqual(archive.requests.map((q) => q.url), [`${DIR}BTCUSDT-1m-2024-01-01.zip.CHECKSUM`, `${DIR}BTCUSDT-1m-2024-01-01.zip`]);
  });

  it("fetchBinance({ verify: true }) after a verify: false run fetches the archive's .CHECKSUM for each cached file and verifies it", async () => {
    await fetchBinance(opts({ verify: false }));
    assert.equal(existsSync(cached("2024-01-01") + ".CHECKSUM"), false);
    writeFileSync(cached("2024-01-03"), "corrupted on disk");
    archive.requests = [];
    const r = await fetchBinance(opts());
    assert.deepEqual(r.files.map((f) => [f.date, f.status, f.verified]), [["2024-01-01", "cached", true], ["2024-01-02", "missing", false], ["2024-01-03", "downloaded", true]]);
    assert.ok(archive.requests.some((q) => q.url === `${DIR}BTCUSDT-1m-2024-01-01.zip.CHECKSUM`));
    assert.ok(!archive.requests.some((q) => q.url === `${DIR}BTCUSDT-1m-2024-01-01.zip`));
    assert.ok(existsSync(cached("2024-01-01") + ".CHECKSUM")); // cached now: the next run asks nothing for it
    assert.deepEqual(readFileSync(cached("2024-01-03")), Buffer.from(klinesZip("2024-01-03")));
  });

  it("fetchBinance(options) keeps a zip the archive publishes no .CHECKSUM for as not verified, counts it, and re-downloads it when the cached copy does not open", async () => {
    for (const d of ["2024-01-01", "2024-01-03"]) archive.put(`${DIR}BTCUSDT-1m-${d}.zip`, klinesZip(d), null);
    const lines: string[] = [];
    const first = await fetchBinance(opts({ progress: (l) => lines.push(l) }));
    assert.deepEqual(first.files.map((f) => [f.status, f.verified]), [["downloaded", false], ["missing", false], ["downloaded", false]]);
    assert.equal(first.unverified, 2);
    assert.ok(lines.some((l) => /BTCUSDT-1m-2024-01-01\.zip downloaded 0 kB, not verified: no \.CHECKSUM published$/.test(l)), lines.join("\n"));
    writeFileSync(cached("2024-01-03"), "garbage <html>");
    const second = await fetchBinance(opts());
    assert.deepEqual(second.files.map((f) => [f.status, f.verified]), [["cached", false], ["missing", false], ["downloaded", false]]);
    assert.deepEqual(readFileSync(cached("2024-01-03")), Buffer.from(klinesZip("2024-01-03")));
  });

  it("fetchBinance(options) keeps a cached zip unverified, not deleted, when the archive's .CHECKSUM is an error page or cannot be fetched", async () => {
    // Cached by a verify:false run: no .CHECKSUM beside it.
    await fetchBinance(opts({ to: "2024-01-01", verify: false }));
    assert.equal(existsSync(cached("2024-01-01") + ".CHECKSUM"), false);
    // The archive now answers the .CHECKSUM with an HTML page (200): that says nothing about the zip.
    archive.files.set(`${DIR}BTCUSDT-1m-2024-01-01.zip.CHECKSUM`, Buffer.from("<html>rate limited</html>"));
    archive.requests = [];
    const page = await fetchBinance(opts({ to: "2024-01-01", retryDelay: 0 }));
    assert.deepEqual(page.files.map((f) => [f.status, f.verified, f.error]), [["cached", false, "not verified: the archive's .CHECKSUM could not be read as a sha256 hash"]]);
    assert.ok(!archive.requests.some((q) => q.url === `${DIR}BTCUSDT-1m-2024-01-01.zip`), "the zip was not fetched again");
    assert.deepEqual(readFileSync(cached("2024-01-01")), Buffer.from(klinesZip("2024-01-01")));
    // Offline: the archive cannot be asked; a cached file that opens as a zip is kept, saying why it is not verified.
    await archive.stop();
    const offline = await fetchBinance(opts({ to: "2024-01-01", retryDelay: 0 }));
    assert.deepEqual(offline.files.map((f) => [f.status, f.verified]), [["cached", false]]);
    assert.match(offline.files[0]!.error!, /^not verified: the archive's \.CHECKSUM could not be fetched \(fetch failed: .+\)$/);
    assert.equal(offline.unverified, 1);
    // A cached file that does not open is not kept on that ground: it fails, to be fetched again.
    writeFileSync(cached("2024-01-01"), "garbage");
    const broken = await fetchBinance(opts({ to: "2024-01-01", retries: 0 }));
    assert.equal(broken.files[0]!.status, "failed");
    await archive.start(); // afterEach stops it
  });

  it("fetchBinance(options) fetches again a cached zip whose cached .CHECKSUM is no hash, and retries a 503 on the archive's checksum", async () => {
    await fetchBinance(opts({ to: "2024-01-01" }));
    // An interrupted write left a cut checksum beside the zip: the cache is broken, not "unchecked".
    writeFileSync(cached("2024-01-01") + ".CHECKSUM", "3f2a");
    const fixed = await fetchBinance(opts({ to: "2024-01-01", retryDelay: 0 }));
    assert.deepEqual(fixed.files.map((f) => [f.status, f.verified, f.error]), [["downloaded", true, undefined]]);
    // A zip cached without a checksum (a verify:false run) and one 503 on the archive's: retried, verified.
    rmSync(cached("2024-01-01") + ".CHECKSUM");
    archive.unavailable.set(`${DIR}BTCUSDT-1m-2024-01-01.zip.CHECKSUM`, 1);
    archive.requests = [];
    const retried = await fetchBinance(opts({ to: "2024-01-01", retryDelay: 0 }));
    assert.deepEqual(retried.files.map((f) => [f.status, f.verified]), [["cached", true]]);
    assert.equal(archive.requests.filter((q) => q.url.endsWith(".CHECKSUM")).length, 2);
  });

  it("fetchBinance(options) writes a file's .CHECKSUM before the zip appears: when it cannot be written, no zip is left without one", async () => {
    mkdirSync(cached("2024-01-01") + ".CHECKSUM", { recursive: true }); // a directory: writing the checksum fails
    const r = await fetchBinance(opts({ to: "2024-01-01", retries: 0 }));
    assert.equal(r.files[0]!.status, "failed");
    assert.match(r.files[0]!.error!, /EISDIR.*BTCUSDT-1m-2024-01-01\.zip\.CHECKSUM/);
    assert.equal(existsSync(cached("2024-01-01")), false);
  });

  it("fetchBinance({ period: 'monthly' }) returns the requested range: the month's file holds days outside it, kept by from <= time < to", async () => {
    archive.put("/data/futures/um/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01.zip", klinesZipOf("BTCUSDT-1m-2024-01.csv", ["2024-01-01", "2024-01-11", "2024-01-31"]));
    const r = await fetchBinance(opts({ period: "monthly", from: "2024-01-10", to: "2024-01-12" }));
    assert.deepEqual([r.from, r.to], [Date.UTC(2024, 0, 10), Date.UTC(2024, 0, 13)]);
    assert.deepEqual(r.files.map((f) => [f.date, f.status, f.from, f.to]), [["2024-01", "downloaded", Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1)]]);
    const table = loadFiles(r.paths).table;
    assert.equal(table.numRows(), 6); // the whole month
    const inRange = table.filter(aq.escape((d: { time: number }) => d.time >= r.from && d.time < r.to));
    assert.deepEqual(Array.from(inRange.array("time") as Float64Array), [Date.UTC(2024, 0, 11), Date.UTC(2024, 0, 11, 0, 1)]);
  });

  it("fetchBinance({ period: 'auto' }) asks for daily files only for a month that ended within MONTHLY_DELAY_MS: older missing months are not in the archive at all", async () => {
    // A misspelt symbol over 2023, asked in mid 2024: twelve monthly misses, not 365 daily ones more.
    const r = await fetchBinance(opts({ symbol: "BTCUSTD", period: "auto", from: "2023-01-01", to: "2023-12-31", now: Date.parse("2024-06-15T00:00:00Z"), retryDelay: 0 }));
    assert.deepEqual([r.files.length, r.missing], [12, 12]);
    assert.equal(archive.requests.filter((q) => q.url.endsWith(".zip")).length, 12);
    assert.ok(r.files.every((f) => f.period === "monthly"));
  });

  it("fetchBinance({ period: 'auto' }) fetches a month's daily files when its monthly file is not in the archive yet", async () => {
    // 2024-02-01 06:00 UTC: January has ended, but its monthly file is published days later.
    for (const d of days(31)) archive.put(`${DIR}BTCUSDT-1m-${d}.zip`, klinesZip(d));
    const lines: string[] = [];
    const r = await fetchBinance(opts({ period: "auto", from: "2024-01-01", to: "2024-01-31", now: Date.parse("2024-02-01T06:00:00Z"), progress: (l) => lines.push(l) }));
    assert.ok(archive.requests.some((q) => q.url === "/data/futures/um/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01.zip"));
    assert.deepEqual(r.files.map((f) => `${f.period} ${f.date} ${f.status}`), days(31).map((d) => `daily ${d} downloaded`));
    assert.deepEqual([r.downloaded, r.missing, r.paths.length], [31, 0, 31]);
    assert.equal(lines[0], "BTCUSDT-1m-2024-01.zip not in the archive (yet): fetching its 31 daily files instead");
    assert.equal(lines.filter((l) => /^\[\d+\/31\] BTCUSDT-1m-2024-01-\d\d\.zip downloaded/.test(l)).length, 31);
    // fundingRate is published monthly only: nothing to fall back to
    const funding = await fetchBinance(opts({ kinds: ["fundingRate"], period: "auto", from: "2024-01-01", to: "2024-01-31", now: Date.parse("2024-02-01T06:00:00Z") }));
    assert.deepEqual(funding.files.map((f) => `${f.period} ${f.date} ${f.status}`), ["monthly 2024-01 missing"]);
  });

  it("fetchBinance({ retryDelay }) waits retryDelay(n) before retry n: a file answered 503 twice is downloaded on the third try", async () => {
    archive.unavailable.set(`${DIR}BTCUSDT-1m-2024-01-01.zip`, 2);
    const waits: number[] = [];
    const r = await fetchBinance(opts({ to: "2024-01-01", retryDelay: (n) => (waits.push(n), 0) }));
    assert.deepEqual([r.files[0]!.status, r.files[0]!.verified], ["downloaded", true]);
    assert.deepEqual(waits, [1, 2]);
    assert.equal(archive.requests.filter((q) => q.url.endsWith(".zip")).length, 3);
    // a number doubles per retry; the default is 500 ms
    assert.deepEqual([1, 2, 3].map(checkFetchOptions({ ...opts(), retryDelay: undefined }).delay), [500, 1000, 2000]);
    // at most a minute: the 20th retry does not wait three days (nor overflow Node's timer)
    assert.deepEqual([8, 20, 40].map(checkFetchOptions({ ...opts(), retryDelay: undefined }).delay), [60_000, 60_000, 60_000]);
    assert.deepEqual([1, 2, 3].map(checkFetchOptions(opts({ retryDelay: 100 })).delay), [100, 200, 400]);
  });

  it("fetchBinance(options with retries, concurrency or retryDelay out of range) throws naming the option and value, requesting nothing", async () => {
    // concurrency NaN started no worker: every file "failed" with no error text
    await assert.rejects(fetchBinance(opts({ concurrency: NaN })), /^LiqlabError: column "concurrency": concurrency must be a whole number ≥ 1 \(value NaN\)$/);
    await assert.rejects(fetchBinance(opts({ concurrency: 0 })), /^LiqlabError: column "concurrency": concurrency must be a whole number ≥ 1 \(value 0\)$/);
    await assert.rejects(fetchBinance(opts({ concurrency: 2.5 })), /^LiqlabError: column "concurrency": concurrency must be a whole number ≥ 1 \(value 2\.5\)$/);
    await assert.rejects(fetchBinance(opts({ retries: -1 })), /^LiqlabError: column "retries": retries must be a whole number ≥ 0 \(value -1\)$/);
    await assert.rejects(fetchBinance(opts({ retries: 1.5 })), /^LiqlabError: column "retries": retries must be a whole number ≥ 0 \(value 1\.5\)$/);
    await assert.rejects(fetchBinance(opts({ retryDelay: -1 })), /^LiqlabError: column "retryDelay": retryDelay must be a finite number of ms ≥ 0 or a function of the retry number \(value -1\)$/);
    assert.deepEqual(archive.requests, []);
  });

  it("fetchBinance({ from: Unix seconds }) throws: 1704067200 read as ms is 1970-01-20", async () => {
    await assert.rejects(fetchBinance(opts({ from: 1_704_067_200, to: 1_704_067_200 })), /^LiqlabError: column "from": from looks like Unix seconds \(2024-01-01 as seconds, 1970-01-20 as epoch ms\): pass epoch ms UTC \(seconds × 1000\), a Date or YYYY-MM-DD \(value 1704067200\)$/);
    await assert.rejects(fetchBinance(opts({ to: new Date(1_704_240_000) })), /^LiqlabError: column "to": to looks like Unix seconds \(2024-01-03 as seconds, 1970-01-20 as epoch ms\)/);
    await assert.rejects(fetchBinance(opts({ from: 86_400_000 })), /^LiqlabError: column "from": from is not a time from 2000 to 2100 \(1970-01-02 as epoch ms\): pass epoch ms UTC/);
    assert.deepEqual(archive.requests, []);
    const r = await fetchBinance(opts({ from: Date.UTC(2024, 0, 1), to: new Date(Date.UTC(2024, 0, 1)) }));
    assert.deepEqual(r.files.map((f) => [f.date, f.status]), [["2024-01-01", "downloaded"]]);
  });
});
