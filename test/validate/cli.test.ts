import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as aq from "arquero";
import { main, marketOf, parseArgs, toTable } from "../../src/validate/cli";
import type { BacktestResult } from "../../src/validate/types";
import { simulate } from "../../src/sim/simulate";

/** Runs main(args) and returns its exit code, stdout and stderr. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const chunks: string[] = [];
  const errs: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const errWrite = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((c: string) => (chunks.push(String(c)), true)) as typeof process.stdout.write;
  process.stderr.write = ((c: string) => (errs.push(String(c)), true)) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, out: chunks.join(""), err: errs.join("") };
  } finally {
    process.stdout.write = write;
    process.stderr.write = errWrite;
  }
}

/** Runs main(args), which must refuse them as bad arguments (exit 2, usage on stderr): its stderr. */
async function refused(args: string[]): Promise<string> {
  const r = await run(args);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /\nusage: liqlab validate /);
  return r.err;
}

/** A combined half-hour export written from a small simulation (the shared file's columns). */
function combinedExport(dir: string): { path: string; bars: number } {
  const sim = simulate({ seed: 9, symbol: "ETHUSDT", startPrice: 3000, bars: 120, warmupBars: 24, intervalMs: 1_800_000, holdingBars: 24, openInterestUsd: 3e8, cohortUsd: 3e5, dailyVolatility: 0.06 });
  const c = (n: string) => sim.candles.array(n) as Float64Array;
  const l = (n: string) => sim.liquidationTotals.array(n) as Float64Array;
  const oi = sim.openInterest.array("openInterestUsd") as Float64Array;
  const head = "timestamp,datetime_utc,price_open,price_high,price_low,price_close,liquidation_long_usd,liquidation_short_usd,liquidation_total_usd,oi_open,oi_high,oi_low,oi_close";
  const rows = Array.from(c("time"), (t, i) => {
    const o = i > 0 ? oi[i - 1]! : oi[0]!;
    return [t, new Date(t).toISOString(), c("open")[i], c("high")[i], c("low")[i], c("close")[i], l("longUsd")[i], l("shortUsd")[i], l("longUsd")[i]! + l("shortUsd")[i]!, o, Math.max(o, oi[i]!), Math.min(o, oi[i]!), oi[i]].join(",");
  });
  const path = join(dir, "sim_30m.csv");
  writeFileSync(path, [head, ...rows].join("\n") + "\n");
  return { path, bars: rows.length };
}

describe("validate/cli", () => {
  it("main(['--scenario', NAME, '--warmup', N]) throws: a scenario is scored with its own warm-up, file options do not apply", async () => {
    assert.match(await refused(["--scenario", "eth", "--warmup", "300"]), /^liqlab validate: --warmup: --scenario scores a shipped dataset with its own symbol and warm-up; --warmup applies to files only \(value "--scenario eth --warmup 300"\)\nusage: liqlab validate/);
    assert.match(await refused(["--scenario", "eth", "--symbol", "SOLUSDT"]), /^liqlab validate: --symbol: .*--symbol applies to files only/);
    assert.match(await refused(["--scenario", "eth", "--file", "x.csv"]), /--file applies to files only/);
  });

  it("main(['--scenario', UNKNOWN]) exits 2 with the usage: an unknown scenario name is a bad argument", async () => {
    // it threw (the bin exited 1) with no usage
    assert.match(await refused(["--scenario", "zzz"]), /^liqlab validate: --scenario: unknown scenario \(use eth, sol, bnb\) \(value "zzz"\)\nusage: liqlab validate/);
    assert.match(await refused(["--scenario=toString", "--json"]), /^liqlab validate: --scenario: unknown scenario \(use eth, sol, bnb\) \(value "toString"\)\n/);
  });

  it("main(['--file', F, '--candles', C]) throws: the combined export's own tables are scored, and the symbol came from the unread file", async () => {
    // BNBUSDT-5m-klines.csv beside a BTC export used to score BTC with BNB's 75x brackets, exit 0.
    assert.match(await refused(["--file", "btc.csv", "--candles", "BNBUSDT-5m-klines.csv", "--oi", "x.csv"]), /^liqlab validate: --candles: --file is a combined export holding candles, open interest and liquidations; --candles, --oi are for separate files instead of it/);
    assert.match(await refused(["--file=btc.csv", "--liquidations=l.csv"]), /^liqlab validate: --liquidations: .*--liquidations is for separate files instead of it/);
  });

  it("dist/cli.js, the package's bin, is executable (npx liqlab)", () => {
    const cli = join(__dirname, "../../dist/cli.js");
    assert.ok(existsSync(cli), "npm test runs setup, which builds dist/");
    assert.ok((statSync(cli).mode & 0o111) !== 0, "execute bit");
    assert.match(readFileSync(cli, "utf8"), /^#!\/usr\/bin\/env node\n/);
  });

  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "liqlab-validate-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("main(['--file', FILE, '--json']) prints exactly {bars, long: {model, baseline}, short: {...}}", async () => {
    const { path, bars } = combinedExport(dir);
    const { code, out } = await run(["--file", path, "--json"]);
    assert.equal(code, 0);
    const j = JSON.parse(out);
    assert.deepEqual(Object.keys(j), ["bars", "long", "short"]);
    assert.equal(j.bars, bars);
    for (const side of ["long", "short"]) {
      assert.deepEqual(Object.keys(j[side]), ["model", "baseline"]);
      for (const who of ["model", "baseline"]) {
        assert.deepEqual(Object.keys(j[side][who]), ["spearman", "logPearson", "topCapture", "calibration"]);
        for (const v of Object.values(j[side][who]) as number[]) assert.ok(Number.isFinite(v));
      }
    }
  });

  it("main(['--file', FILE]) prints a table naming the file, every metric and the baseline", async () => {
    const { path } = combinedExport(dir);
    const { out } = await run(["--file", path]);
    assert.match(out, /sim_30m\.csv, 120 bars/);
    for (const k of ["spearman", "logPearson", "topCapture", "calibration"]) assert.match(out, new RegExp(`long +${k} `));
    assert.match(out, /baseline/);
  });

  it("main(['--file', FILE, '--estimate', 'book']) scores the book before each bar, as backtest(..., {estimate: 'book'}); calibration has no 'better'", async () => {
    const { path } = combinedExport(dir);
    const bar = await run(["--file", path]);
    const book = await run(["--file", path, "--estimate", "book"]);
    assert.match(bar.out, /model scored on every liquidation it records in a bar/);
    assert.match(book.out, /model scored on levels in its book before each bar only \(--estimate book\)/);
    for (const out of [bar.out, book.out]) assert.match(out, /^long +calibration +\S+ +\S+ +n\/a$/m);
    // Same baseline column, another model column (the simulated market opens and wipes out in-bar levels).
    const column = (out: string, k: number) => out.split("\n").filter((l) => /^(long|short) /.test(l)).map((l) => l.trim().split(/ +/)[k]);
    assert.deepEqual(column(book.out, 3), column(bar.out, 3));
    assert.notDeepEqual(column(book.out, 2), column(bar.out, 2));
    assert.match(await refused(["--file", path, "--estimate", "books"]), /^liqlab validate: --estimate: --estimate must be bar or book \(value "books"\)/);
    assert.match(await refused(["--scenario", "eth", "--estimate", "book"]), /^liqlab validate: --estimate: .*--estimate applies to files only/);
  });

  it("toTable(result, synthetic) calls the calibration nearer 1 by |log ratio| better: 0.5 (half) loses to 1.9", () => {
    const m = { spearman: 0.5, logPearson: 0.5, topCapture: 0.5, calibration: 0.5 };
    const b = { spearman: 0.4, logPearson: 0.4, topCapture: 0.4, calibration: 1.9 };
    const z = new Float64Array(3);
    const series = aq.table({ time: z, longEstimatedUsd: z, shortEstimatedUsd: z, longRealizedUsd: z, shortRealizedUsd: z });
    const r = { bars: 3, long: { model: m, baseline: b }, short: { model: m, baseline: b }, series, source: "x" } as unknown as BacktestResult;
    // |ln 0.5| = 0.693 > |ln 1.9| = 0.642: the baseline's total is nearer the truth, though 0.5 is nearer 1 in plain distance.
    assert.match(toTable(r, true), /^long +calibration +0\.500 +1\.900 +baseline$/m);
    assert.match(toTable(r), /^long +calibration +0\.500 +1\.900 +n\/a$/m);
    // Nothing left out: no line; something left out: counted, beside the bars scored.
    assert.doesNotMatch(toTable(r), /left out/);
    const left = { ...r, leftOut: { bars: 13, realizedRows: 2, realizedUsd: 12_000_000 } } as BacktestResult;
    assert.match(toTable(left), /^left out of the scores: 13 of 16 bars, 2 realized rows \(\$12,000,000\)$/m);
  });

  it("main(['--scenario', 'eth']) judges calibration by its distance from 1: the simulator's forced orders are every liquidation", async () => {
    const { out } = await run(["--scenario", "eth"]);
    const row = (side: string) => /^(\S+) +calibration +(\S+) +(\S+) +(\S+)$/m.exec(out.split("\n").filter((l) => l.startsWith(side)).join("\n"))!;
    for (const side of ["long", "short"]) {
      const [, , m, b, better] = row(side);
      const dist = (x: string) => Math.abs(Math.log(Number(x)));
      assert.equal(better, dist(m!) < dist(b!) ? "model" : "baseline", side);
    }
    assert.match(out, /1 is the right total \(better = nearer to 1 as a ratio: the smaller \|log calibration\|\)/);
    assert.doesNotMatch(out, /--estimate book|not validated/);
  });

  it("main(['--scenario', 'eth']) states the bars scored in the table's header, as file mode does; --json adds distance and meanDistance, as the usage says", async () => {
    // the table gave no bar count: only --json did
    const j = JSON.parse((await run(["--scenario", "eth", "--json"])).out);
    assert.deepEqual(Object.keys(j), ["bars", "long", "short", "distance", "meanDistance"]);
    const { out } = await run(["--scenario", "eth"]);
    assert.match(out.split("\n")[0]!, new RegExp(`^liqlab validate: datasets/eth .*, ${j.bars} bars, ETHUSDT brackets, retail mix up to 125x$`));
    const usage = (await run(["--help"])).err;
    assert.match(usage, /--json +print \{"bars", "long": \{"model", "baseline"\}, "short": \{\.\.\.\}\} instead of a table;\n +with --scenario also "distance" and "meanDistance"/);
  });

  it("main(['--file', KLINES]) throws saying --file takes the combined export and what to pass instead (the bin exits 1)", async () => {
    const klines = join(__dirname, "..", "..", "datasets", "eth", "ETHUSDT-5m-klines.csv");
    await assert.rejects(run(["--file", klines]), /ETHUSDT-5m-klines\.csv, line 1, column "timestamp": missing column: --file takes the combined export \(timestamp, price_open\/high\/low\/close, liquidation_long_usd, liquidation_short_usd, oi_close\); for candles, open interest and liquidations in separate files pass --candles, --oi and --liquidations \(value "open_time,open,/);
  });

  it("main(['--candles', K, '--oi', M, '--liquidations', L, '--json']) scores archive files like --scenario does", async () => {
    const d = join(__dirname, "..", "..", "datasets", "eth");
    const { code, out } = await run(["--candles", join(d, "ETHUSDT-5m-klines.csv"), "--oi", join(d, "ETHUSDT-metrics.csv"), "--liquidations", join(d, "ETHUSDT-liquidationSnapshot.csv"), "--json"]);
    assert.equal(code, 0);
    const j = JSON.parse(out);
    const s = JSON.parse((await run(["--scenario", "eth", "--json"])).out);
    assert.equal(j.bars, s.bars);
    assert.deepEqual(j.long, s.long);
    assert.ok(s.distance.long > 0 && s.distance.short > 0);
  });

  it("main(['--candles', K, ...]) of BNBUSDT files replays with BNBUSDT's brackets and 75x cap (from the file names, or --symbol), as --scenario bnb does", async () => {
    const d = join(__dirname, "..", "..", "datasets", "bnb");
    const files = ["--candles", join(d, "BNBUSDT-5m-klines.csv"), "--oi", join(d, "BNBUSDT-metrics.csv"), "--liquidations", join(d, "BNBUSDT-liquidationSnapshot.csv")];
    const s = JSON.parse((await run(["--scenario", "bnb", "--json"])).out);
    const named = JSON.parse((await run([...files, "--json"])).out);
    assert.deepEqual([named.long, named.short], [s.long, s.short]);
    const given = await run([...files, "--symbol", "bnbusdt"]);
    assert.match(given.out, /BNBUSDT brackets \(--symbol\), retail mix up to 75x/);
    // BTCUSDT's brackets (125x) score the same files differently: the symbol matters.
    const btc = JSON.parse((await run([...files, "--symbol", "BTCUSDT", "--json"])).out);
    assert.notDeepEqual(btc.long.model, s.long.model);
    // Lower-case names (bnbusdt_5m_klines.csv) name the market too.
    assert.deepEqual(marketOf({ candles: "data/bnbusdt_5m_klines_oi.csv" }), { symbol: "BNBUSDT", from: "file name bnbusdt_5m_klines_oi.csv" });
    assert.deepEqual(marketOf({ file: "btc_regime_30m.csv" }), { symbol: "BTCUSDT", from: "default; pass --symbol for another market" });
    assert.match(await refused([...files, "--symbol", "XRPUSDT"]), /^liqlab validate: --symbol: no default brackets for this symbol \(use BTCUSDT, ETHUSDT, SOLUSDT, BNBUSDT\) \(value "XRPUSDT"\)\n/);
  });

  it("main([..., '--symbol', UNKNOWN]) exits 2 with the usage before reading a file: a symbol with no default brackets is an unknown value", async () => {
    // it threw after reading the files (the bin exited 1), naming neither the flag nor a file
    assert.match(await refused(["--candles", "absent-k.csv", "--oi", "absent-o.csv", "--liquidations", "absent-l.csv", "--symbol", "FOOUSDT"]), /^liqlab validate: --symbol: no default brackets for this symbol \(use BTCUSDT, ETHUSDT, SOLUSDT, BNBUSDT\) \(value "FOOUSDT"\)\nusage: liqlab validate/);
    assert.match(await refused(["--file=absent.csv", "--symbol=toString"]), /^liqlab validate: --symbol: no default brackets .* \(value "toString"\)\n/);
  });

  it("main(['--candles', K]) exits 2 with the usage: separate files need all of --candles, --oi and --liquidations", async () => {
    // it threw "give --file, or all of ..." (the bin exited 1) with no flag and no usage
    assert.match(await refused(["--candles", "k.csv", "--liquidations", "l.csv"]), /^liqlab validate: --oi: separate files need all of --candles, --oi and --liquidations \(or --file, a combined export\); missing --oi \(value "--candles k\.csv --liquidations l\.csv"\)\nusage: /);
  });

  it("main(['--file', FILE, '--warmup', N]) exits 2 with the usage when N leaves fewer than 2 of the file's bars: the number is wrong, not the file", async () => {
    const { path, bars } = combinedExport(dir);
    // it threw "backtest: column \"warmupBars\": ..." (the bin exited 1), naming no file and not --warmup
    const err = await refused(["--file", path, "--warmup", "900"]);
    assert.ok(err.startsWith(`liqlab validate: --warmup: --warmup must leave at least 2 bars to score: ${path} has ${bars} bars (value 900)\nusage: `), err);
    assert.match(await refused(["--file", path, "--warmup", String(bars - 1)]), new RegExp(`has ${bars} bars \\(value ${bars - 1}\\)\n`));
  });

  it("main(['--candles', K, '--oi', M, '--liquidations', L, '--warmup', N]) exits 2 naming --warmup and L when L's liquidations end before N", async () => {
    const d = join(__dirname, "..", "..", "datasets", "eth");
    const short = join(dir, "ETHUSDT-liquidationSnapshot-head.csv");
    writeFileSync(short, readFileSync(join(d, "ETHUSDT-liquidationSnapshot.csv"), "utf8").split("\n").slice(0, 200).join("\n") + "\n");
    const err = await refused(["--candles", join(d, "ETHUSDT-5m-klines.csv"), "--oi", join(d, "ETHUSDT-metrics.csv"), "--liquidations", short, "--warmup", "500"]);
    // The reason is backtest's (the rows the realized file covers), with --warmup for its option name.
    assert.match(err, /^liqlab validate: --warmup: [^\n]*\(realized liquidations: [^\n]*ETHUSDT-liquidationSnapshot-head\.csv\) \(value 500\)\nusage: /);
    assert.doesNotMatch(err, /warmupBars/);
  });

  it("main(['--candles', K, '--oi', M, '--liquidations', L, '--warmup', N]) throws naming L (the bin exits 1) when L has no liquidations in the bars N leaves: an error in the data", async () => {
    const d = join(__dirname, "..", "..", "datasets", "eth");
    const liq = join(d, "ETHUSDT-liquidationSnapshot.csv");
    // it named the table "realized", not the file
    await assert.rejects(run(["--candles", join(d, "ETHUSDT-5m-klines.csv"), "--oi", join(d, "ETHUSDT-metrics.csv"), "--liquidations", liq, "--warmup", "862"]), (e: Error) => {
      assert.ok(e.message.startsWith(`${liq} (realized), column "usd": no realized long liquidations in the scored bars`), e.message);
      return true;
    });
  });

  it("main([]) prints usage and exits 2; parseArgs rejects unknown options", async () => {
    assert.equal((await run([])).code, 2);
    assert.throws(() => parseArgs(["--fil", "x"]), /column "--fil": unknown option \(value "--fil"\)/);
    assert.throws(() => parseArgs(["--file"]), /--file needs a value/);
    // main exits 2 with the flag and the usage, as liqlab fetch does (it threw, exit 1, no usage)
    assert.match(await refused(["--bogus"]), /^liqlab validate: --bogus: unknown option \(value "--bogus"\)\n/);
    assert.match(await refused(["--warmup", "1e2", "--file", "x.csv"]), /^liqlab validate: --warmup: --warmup must be a whole number of bars \(value "1e2"\)\n/);
    // digits only: Number("0x10") is 16 and Number("1e2") 100
    for (const v of ["0x10", "1e2", "-1", "2.5", " 3"]) assert.throws(() => parseArgs(["--warmup", v]), new RegExp(`column "--warmup": --warmup must be a whole number of bars \\(value "${v.replace(".", "\\.")}"\\)`), v);
    assert.equal(parseArgs(["--warmup", "412"]).warmup, 412);
  });

  it("main(['--file', shared BTC export, '--json']) scores 876 half-hour bars (skips when ../shared is absent)", async function () {
    const shared = "/work/shared/data/btc-dev/btc_regime_30m.csv";
    if (!existsSync(shared)) {
      console.warn(`    skipped: ${shared} is absent (optional check on the shared real data)`);
      this.skip();
    }
    const j = JSON.parse((await run(["--file", shared, "--json"])).out);
    // The export's first and last rows are 2026-05-21 10:00 and 2026-06-08 15:30 UTC, with no gap
    // between: every half hour of that span, both ends included, is one bar.
    assert.equal(j.bars, (Date.UTC(2026, 5, 8, 15, 30) - Date.UTC(2026, 4, 21, 10)) / 1_800_000 + 1);
  });
});
