import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main, parseArgs } from "../../src/data/fetch-cli";
import { Archive, DIR, klinesZip, klinesZipOf } from "./archive-server";

/** Runs main(args) of `liqlab fetch`: its exit code and stderr. */
async function run(args: string[]): Promise<{ code: number; err: string }> {
  const write = process.stderr.write;
  let err = "";
  process.stderr.write = ((s: string) => { err += s; return true; }) as typeof process.stderr.write;
  try {
    return { code: await main(args), err };
  } finally {
    process.stderr.write = write;
  }
}

const KNOWN = "klines, markPriceKlines, indexPriceKlines, premiumIndexKlines, metrics, liquidationSnapshot, bookDepth, fundingRate, aggTrades, trades";

describe("data/fetch-cli", () => {
  let archive: Archive;
  let cache: string;
  beforeEach(async () => {
    archive = new Archive();
    for (const d of ["2024-01-01", "2024-01-03"]) archive.put(`${DIR}BTCUSDT-1m-${d}.zip`, klinesZip(d));
    await archive.start();
    cache = mkdtempSync(join(tmpdir(), "liqlab-cli-"));
  });
  afterEach(async () => {
    await archive.stop();
    rmSync(cache, { recursive: true, force: true });
  });

  it("parseArgs(args) reads --key value, --key=value and bare flags", () => {
    assert.deepEqual(parseArgs(["--symbol", "BTCUSDT", "--from=2024-01-01", "--quiet"]), { symbol: "BTCUSDT", from: "2024-01-01", quiet: true });
    assert.throws(() => parseArgs(["BTCUSDT"]), /unexpected argument "BTCUSDT"/);
  });
  it("main(args) of `liqlab fetch` downloads with the given base URL and returns 0; bad arguments return 2", async () => {
    const write = process.stderr.write;
    let err = "";
    process.stderr.write = ((s: string) => { err += s; return true; }) as typeof process.stderr.write;
    try {
      const code = await main(["--symbol", "BTCUSDT", "--kinds", "klines", "--from", "2024-01-01", "--to", "2024-01-03", "--period", "daily", `--cache-dir=${cache}`, "--base-url", archive.base]);
      assert.equal(code, 0);
      assert.match(err, /2 downloaded, 0 cached, 1 not in the archive, 0 failed/);
      assert.equal(await main(["--symbol", "BTCUSDT"]), 2);
      assert.equal(await main(["--symbol", "BTCUSDT", "--kinds", "candles", "--from", "2024-01-01"]), 2);
      assert.equal(await main(["--help"]), 0);
    } finally {
      process.stderr.write = write;
    }
  });
  it("parseArgs(args) refuses an unknown flag naming the near one, a value flag without its value and a value on a bare flag", () => {
    assert.throws(() => parseArgs(["--cachedir", "/x"]), /^LiqlabError: --cachedir: unknown option \(did you mean --cache-dir\?\)$/);
    assert.throws(() => parseArgs(["--intervall=1m"]), /^LiqlabError: --intervall: unknown option \(did you mean --interval\?\) \(value "1m"\)$/);
    assert.throws(() => parseArgs(["--verbose"]), /^LiqlabError: --verbose: unknown option$/);
    assert.throws(() => parseArgs(["--symbol", "--quiet"]), /^LiqlabError: --symbol: needs a value$/);
    assert.throws(() => parseArgs(["--quiet=yes"]), /^LiqlabError: --quiet: takes no value \(value "yes"\)$/);
  });
  it("main(args with a bad flag or value) returns 2 and prints usage naming the flag and value, downloading nothing", async () => {
    const write = process.stderr.write;
    const cwd = process.cwd();
    process.chdir(cache); // the old code wrote into the working directory when --cache-dir was misspelt
    let err = "";
    process.stderr.write = ((s: string) => { err += s; return true; }) as typeof process.stderr.write;
    const run = async (...extra: string[]) => {
      err = "";
      const code = await main(["--symbol", "BTCUSDT", "--kinds", "klines", "--from", "2024-01-01", "--to", "2024-01-03", "--period", "daily", "--base-url", archive.base, `--cache-dir=${cache}`, "--quiet", ...extra]);
      return [code, err.split("\n")[0], /^usage: liqlab fetch/m.test(err)];
    };
    try {
      assert.deepEqual(await run("--market", "xx"), [2, 'liqlab fetch: --market: market must be one of um, cm, spot (value "xx")', true]);
      assert.deepEqual(await run("--interval", "1min"), [2, 'liqlab fetch: --interval: interval must be one of 1s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w, 1mo (value "1min")', true]);
      assert.deepEqual(await run("--interval", "1s"), [2, 'liqlab fetch: --interval: 1s klines are published for market "spot" only (value "1s")', true]);
      assert.deepEqual(await run("--period", "weekly"), [2, 'liqlab fetch: --period: period must be one of auto, daily, monthly (value "weekly")', true]);
      assert.deepEqual(await run("--kinds", "fundingRate"), [2, 'liqlab fetch: --period: fundingRate is not published daily (only monthly) (value "daily")', true]);
      assert.deepEqual(await run("--from", "2024-13-01"), [2, 'liqlab fetch: --from: from is not a date (expected YYYY-MM-DD) (value "2024-13-01")', true]);
      assert.deepEqual(await run("--to", "2023-12-31"), [2, 'liqlab fetch: --to: to is before from 2024-01-01 (value "2023-12-31")', true]);
      assert.deepEqual(await run("--cachedir", join(cache, "x")), [2, "liqlab fetch: --cachedir: unknown option (did you mean --cache-dir?)", true]);
      assert.deepEqual(await run("--base-url", "data.binance.vision"), [2, 'liqlab fetch: --base-url: must be an http:// or https:// URL (value "data.binance.vision")', true]);
      assert.deepEqual(await run("--kinds", "candles"), [2, `liqlab fetch: --kinds: unknown kind "candles"; the archive's kinds are ${KNOWN} (value "candles")`, true]);
      assert.deepEqual(await run("stray"), [2, 'liqlab fetch: unexpected argument "stray"', true]);
    } finally {
      process.stderr.write = write;
      process.chdir(cwd);
    }
    assert.deepEqual(archive.requests, []);
    assert.deepEqual(readdirSync(cache), []);
  });
  const args = (...extra: string[]) => ["--symbol", "BTCUSDT", "--kinds", "klines", "--from", "2024-01-01", "--to", "2024-01-03", "--period", "daily", `--cache-dir=${cache}`, "--base-url", archive.base, "--quiet", ...extra];

  it("main(args) of `liqlab fetch` counts files kept without a published checksum ('1 not verified') and says why for each", async () => {
    archive.put(`${DIR}BTCUSDT-1m-2024-01-03.zip`, klinesZip("2024-01-03"), null);
    const { code, err } = await run(args());
    assert.equal(code, 0);
    assert.match(err, /^2 downloaded, 0 cached, 1 not in the archive, 0 failed, 1 not verified$/m);
    assert.match(err, new RegExp(`^not verified: ${archive.base}${DIR}BTCUSDT-1m-2024-01-03\\.zip \\(the archive publishes no \\.CHECKSUM for it; kept: it opens as a zip\\)$`, "m"));
    const off = await run(args("--no-verify"));
    assert.match(off.err, /^0 downloaded, 2 cached, 1 not in the archive, 0 failed, 2 not verified \(--no-verify\)$/m);
  });

  it("main(['--kinds', 'toString', '--period', 'daily', ...]) of `liqlab fetch` returns 2 naming the kind and listing the archive's kinds, not a TypeError", async () => {
    // The old code took `k in ARCHIVE_PERIODS` for a kind: "ARCHIVE_PERIODS[k].includes is not a function".
    for (const k of ["toString", "constructor", "__proto__", "valueOf"]) {
      const { code, err } = await run(args("--kinds", k));
      assert.equal(code, 2, k);
      assert.equal(err.split("\n")[0], `liqlab fetch: --kinds: unknown kind "${k}"; the archive's kinds are ${KNOWN} (value "${k}")`);
    }
    const near = await run(args("--kinds", "klines,metrcs"));
    assert.equal(near.err.split("\n")[0], `liqlab fetch: --kinds: unknown kind "metrcs" (did you mean metrics?); the archive's kinds are ${KNOWN} (value "klines,metrcs")`);
    const none = await run(args("--kinds", ","));
    assert.equal(none.err.split("\n")[0], 'liqlab fetch: --kinds: kinds is empty (e.g. klines, metrics) (value ",")');
    assert.deepEqual(archive.requests, []);
  });

  it("main(['--quiet', ...]) of `liqlab fetch` names each file not in the archive, not only their count", async () => {
    // The old --quiet printed "1 not in the archive" alone: which day is a gap downstream was not said.
    archive.files.delete(`${DIR}BTCUSDT-1m-2024-01-03.zip`);
    const { code, err } = await run(args());
    assert.equal(code, 0);
    assert.equal(err, [
      "1 downloaded, 0 cached, 2 not in the archive, 0 failed",
      `not in the archive: ${archive.base}${DIR}BTCUSDT-1m-2024-01-02.zip`,
      `not in the archive: ${archive.base}${DIR}BTCUSDT-1m-2024-01-03.zip`,
      "",
    ].join("\n"));
  });

  it("main(args) of `liqlab fetch` where no file is in the archive returns 1 saying nothing was found and what to check; a partial miss returns 0", async () => {
    const { code, err } = await run(["--symbol", "BTCUSDX", "--kinds", "klines", "--from", "2024-01-01", "--to", "2024-01-02", "--period", "daily", `--cache-dir=${cache}`, "--base-url", archive.base, "--quiet"]);
    assert.equal(code, 1);
    assert.match(err, /^0 downloaded, 0 cached, 2 not in the archive, 0 failed$/m);
    assert.doesNotMatch(err, /^not in the archive:/m); // "nothing found" says it once, not per file
    assert.match(err, new RegExp(`^liqlab fetch: nothing found: none of the 2 files is in the archive \\(first: ${archive.base}/data/futures/um/daily/klines/BTCUSDX/1m/BTCUSDX-1m-2024-01-01\\.zip\\); check the symbol \\(BTCUSDX, as the archive spells it\\), the market \\(um; --market um\\|cm\\|spot\\) and the dates \\(2024-01-01\\.\\.2024-01-02: the archive publishes a day's files the day after\\)$`, "m"));
    const partial = await run(args());
    assert.equal(partial.code, 0);
    assert.match(partial.err, /^2 downloaded, 0 cached, 1 not in the archive, 0 failed$/m);
    assert.doesNotMatch(partial.err, /nothing found/);
  });

  it("main(['--period', 'monthly', ...]) of `liqlab fetch` notes a file holding days outside the requested range", async () => {
    archive.put("/data/futures/um/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01.zip", klinesZipOf("BTCUSDT-1m-2024-01.csv", ["2024-01-01", "2024-01-31"]));
    const { code, err } = await run(args("--period", "monthly", "--from", "2024-01-10", "--to", "2024-01-12"));
    assert.equal(code, 0);
    assert.match(err, /^note: 1 file holds days outside 2024-01-10\.\.2024-01-12 \(BTCUSDT-1m-2024-01\.zip: monthly files hold their whole month\); keep rows from 2024-01-10 00:00 to before 2024-01-13 00:00 UTC \(loadFiles\(paths, \{ from: "2024-01-10", to: "2024-01-13" \}\)\)$/m);
    const daily = await run(args());
    assert.doesNotMatch(daily.err, /^note:/m);
  });
});
