/**
 * `npx liqlab validate`: replays the default model on a market's candles and open interest and
 * scores its per-bar estimated liquidations against realized ones, beside the baseline.
 *
 *   liqlab validate --file export.csv [--json]             combined half-hour export
 *   liqlab validate ... --estimate book                     score only the book before each bar
 *   liqlab validate --candles C --oi O --liquidations L    separate files (any format load() reads)
 *   liqlab validate --scenario eth [--json]                 a shipped synthetic dataset, with the
 *                                                           distance to the simulator's true map
 *
 * Default output is a table; --json prints exactly
 * { "bars": n, "long": { "model": {spearman, logPearson, topCapture, calibration}, "baseline": {...} }, "short": {...} },
 * and with --scenario also "distance" ({long, short}, after the last bar) and "meanDistance"
 * ({long, short, snapshots}, the mean over six-hourly snapshots), each a W1 distance as a share of price.
 *
 * Exit codes: 0 scored; 2 a bad argument (an unknown flag, an unknown value such as a --symbol with no
 * default brackets, or a --warmup that leaves fewer than 2 of the data's bars to score), printed with
 * the flag, the value and the usage; 1 an error in the data, naming the file.
 */
import { basename } from "node:path";
import { load, loadCombinedExport } from "../data/index";
import { replay } from "../engine/index";
import type { Columns } from "../engine/index";
import { error, LiqlabError, showValue } from "../util/errors";
import { backtest } from "./backtest";
import { leftOutNote } from "../figures/validation";
import { checkScenario, symbolReplay, validateScenario } from "./simulated";
import { binanceUsdmBrackets } from "../margin/index";
import type { BacktestResult, Metrics } from "./types";

const USAGE = `usage: liqlab validate --file FILE [--symbol SYMBOL] [--json] [--warmup BARS] [--estimate bar|book]
       liqlab validate --candles FILE --oi FILE --liquidations FILE [--symbol SYMBOL] [--json] [--warmup BARS] [--estimate bar|book]
       liqlab validate --scenario eth|sol|bnb [--json]
  --file          combined export (timestamp, price_open/high/low/close, liquidation_long_usd,
                  liquidation_short_usd, oi_close, ...), e.g. a Coinglass half-hour export
  --candles       candles file; --oi open-interest file; --liquidations forced orders or per-bar totals
  --scenario      a shipped synthetic dataset (datasets/NAME): also reports the Wasserstein-1
                  distance between the estimated and the true map, per side, as a share of price
  --symbol        the Binance USD-M market the files hold, for its leverage brackets and maximum
                  leverage (${Object.keys(binanceUsdmBrackets).join(", ")}); default: the symbol a
                  file name starts with (BNBUSDT-5m-klines.csv), else BTCUSDT
  --json          print {"bars", "long": {"model", "baseline"}, "short": {...}} instead of a table;
                  with --scenario also "distance" and "meanDistance" (W1 / price, per side)
  --warmup BARS   leave the first BARS bars out of the scores (default 0); at least 2 bars must remain
  --estimate      bar (default): every liquidation the model records in a bar, including what the
                  bar opened from its own closing open interest and wiped out; book: only levels in
                  the book before the bar, the information the baseline has
`;

interface Args {
  file?: string;
  candles?: string;
  oi?: string;
  liquidations?: string;
  scenario?: string;
  symbol?: string;
  json: boolean;
  warmup: number;
  estimate: "bar" | "book";
  help: boolean;
}

export function parseArgs(argv: string[]): Args {
  const a: Args = { json: false, warmup: 0, estimate: "bar", help: false };
  const valued: Record<string, keyof Args> = { "--file": "file", "--candles": "candles", "--oi": "oi", "--liquidations": "liquidations", "--scenario": "scenario", "--symbol": "symbol", "--warmup": "warmup", "--estimate": "estimate" };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === "--json") a.json = true;
    else if (flag === "--help" || flag === "-h") a.help = true;
    else if (flag in valued) {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") throw error(`${flag} needs a value`, { column: flag });
      if (flag === "--warmup") {
        // Digits only: Number() would read "0x10" as 16 and "1e2" as 100.
        const n = /^\d+$/.test(v) ? Number(v) : NaN;
        if (!Number.isSafeInteger(n)) throw error("--warmup must be a whole number of bars", { column: flag, value: v });
        a.warmup = n;
      } else if (flag === "--estimate") {
        if (v !== "bar" && v !== "book") throw error("--estimate must be bar or book", { column: flag, value: v });
        a.estimate = v;
      } else (a as unknown as Record<string, string>)[valued[flag]!] = v;
    } else throw error("unknown option", { column: flag, value: argv[i] });
  }
  return a;
}

/** Loads the inputs, replays the default model and scores it. */
export function validateFiles(a: Args): BacktestResult {
  let candles: Columns;
  let openInterest: Columns;
  let liquidations: Columns;
  let source: string;
  if (a.file) {
    let d: ReturnType<typeof loadCombinedExport>;
    try {
      d = loadCombinedExport(a.file);
    } catch (e) {
      // A klines or open-interest file given as --file lacks the export's columns: say what --file is.
      if (!(e instanceof LiqlabError && e.line === 1 && e.detail === "missing column")) throw e;
      throw error("missing column: --file takes the combined export (timestamp, price_open/high/low/close, liquidation_long_usd, liquidation_short_usd, oi_close); for candles, open interest and liquidations in separate files pass --candles, --oi and --liquidations", { file: e.file, line: 1, column: e.column, value: e.value });
    }
    ({ candles, openInterest, liquidations } = d);
    source = basename(a.file);
  } else {
    if (!a.candles || !a.oi || !a.liquidations) throw error("give --file, or all of --candles, --oi and --liquidations");
    candles = load(a.candles).table;
    openInterest = load(a.oi).table;
    liquidations = load(a.liquidations).table;
    source = [a.candles, a.oi, a.liquidations].map((f) => basename(f)).join(" + ");
  }
  const { symbol, from } = marketOf(a);
  const { leverage, maxLeverage } = symbolReplay(symbol);
  const model = replay({ candles, openInterest, margin: { symbol }, leverage, maxLeverage });
  // A --warmup past the data is a bad argument (the files are fine; the number is too large for them):
  // exit 2 naming --warmup, its value, and the file whose bars it exceeds.
  const bars = model.bars.numRows();
  if (a.warmup > bars - 2) throw badArgument(`--warmup must leave at least 2 bars to score: ${a.file ?? a.candles!} has ${bars} bars`, "--warmup", a.warmup);
  let result: BacktestResult;
  try {
    result = backtest(model, liquidations, { candles, openInterest, warmupBars: a.warmup, estimate: a.estimate, source: "" });
  } catch (e) {
    if (!(e instanceof LiqlabError)) throw e;
    // An error in the data names the file (backtest knows its tables only as "realized", "candles", ...).
    const files: Record<string, string | undefined> = { realized: a.file ?? a.liquidations, candles: a.file ?? a.candles, openInterest: a.file ?? a.oi };
    const path = e.file !== undefined && Object.hasOwn(files, e.file) ? files[e.file] : undefined;
    if (path !== undefined) throw error(e.detail, { file: `${path} (${e.file})`, line: e.line, column: e.column, ...("value" in e ? { value: e.value } : {}) });
    // The realized liquidations end before the warm-up does: still the number's fault, not the files'.
    if (e.column !== "warmupBars") throw e;
    throw badArgument(`${e.detail.replace(/warmupBars/g, "--warmup")} (realized liquidations: ${a.file ?? a.liquidations!})`, "--warmup", a.warmup);
  }
  result.source = `${source}, ${result.bars} bars, ${symbol} brackets (${from}), retail mix up to ${maxLeverage}x`;
  return result;
}

/** Errors that are bad arguments though found after the data is read (main exits 2 with the usage). */
const badArguments = new WeakSet<Error>();

/** A bad argument: `flag`'s `value`, named as the parser's errors are (the flag as the column). */
function badArgument(message: string, flag: string, value: unknown): LiqlabError {
  const e = error(message, { column: flag, value });
  badArguments.add(e);
  return e;
}

/** The market's symbol: --symbol, else the one a file name starts with (BNBUSDT-5m-klines.csv), else BTCUSDT. */
export function marketOf(a: Pick<Args, "symbol" | "file" | "candles" | "oi" | "liquidations">): { symbol: string; from: string } {
  if (a.symbol !== undefined) return { symbol: a.symbol.toUpperCase(), from: "--symbol" };
  for (const f of [a.candles, a.file, a.oi, a.liquidations]) {
    const m = f === undefined ? null : /^([A-Za-z0-9]+?USDT)(?![A-Za-z])/i.exec(basename(f));
    if (m && Object.hasOwn(binanceUsdmBrackets, m[1]!.toUpperCase())) return { symbol: m[1]!.toUpperCase(), from: `file name ${basename(f!)}` };
  }
  return { symbol: "BTCUSDT", from: "default; pass --symbol for another market" };
}

/** The --json document: exactly bars, long, short. */
export function toJson(r: BacktestResult): { bars: number; long: { model: Metrics; baseline: Metrics }; short: { model: Metrics; baseline: Metrics } } {
  const pick = (m: Metrics): Metrics => ({ spearman: m.spearman, logPearson: m.logPearson, topCapture: m.topCapture, calibration: m.calibration });
  return {
    bars: r.bars,
    long: { model: pick(r.long.model), baseline: pick(r.long.baseline) },
    short: { model: pick(r.short.model), baseline: pick(r.short.baseline) },
  };
}

/** Which of model and baseline scores higher. */
const higher = (m: number, b: number) => (m > b ? "model" : m < b ? "baseline" : "tie");

/**
 * The human-readable table. `synthetic`: a simulated dataset, whose realized liquidations are
 * every forced order of the simulated exchange, so calibration has a target (1).
 */
export function toTable(r: BacktestResult, synthetic = false): string {
  const lines = [
    `liqlab validate: ${r.source}`,
    "estimated = default model (retail mix, the market's brackets), point-in-time replay; baseline = bar range beyond the open × open interest",
    r.estimate === "book"
      ? "model scored on levels in its book before each bar only (--estimate book): open interest known at the bar's open and the bar's range, as the baseline"
      : `model scored on every liquidation it records in a bar: its book before the bar, plus what the bar opened from its closing open interest and wiped out${synthetic ? "" : " (--estimate book leaves that out)"}`,
    "both see each bar's own high and low: this scores where a bar's range liquidates (a nowcast), not a forecast of the range",
    "",
    "side   metric        model   baseline  better",
  ];
  for (const side of ["long", "short"] as const) {
    for (const k of ["spearman", "logPearson", "topCapture", "calibration"] as const) {
      const m = r[side].model[k];
      const b = r[side].baseline[k];
      // On real data calibration has no target to be nearer to (realized may cover other venues than the
      // open interest, and feeds may omit orders); on a simulator realized is complete and 1 is the target.
      // Nearer 1 as a ratio is the smaller |log calibration|.
      const better = k !== "calibration" ? higher(m, b) : synthetic ? higher(-Math.abs(Math.log(m)), -Math.abs(Math.log(b))) : "n/a";
      lines.push(`${side.padEnd(6)} ${k.padEnd(12)} ${m.toFixed(3).padStart(7)} ${b.toFixed(3).padStart(9)}  ${better}`);
    }
  }
  const zeros = (name: string) => (r.series.array(name) as Float64Array).filter((x) => x === 0).length;
  lines.push(
    "",
    `bars at exactly 0 USD: estimated ${zeros("longEstimatedUsd")} long / ${zeros("shortEstimatedUsd")} short, realized ${zeros("longRealizedUsd")} long / ${zeros("shortRealizedUsd")} short (zeros tie at the bottom of the ranks)`,
    // What the scores did not see, so the bar count is not read as all the data held.
    ...[leftOutNote(r)].filter((x): x is string => x !== undefined),
    synthetic
      ? "calibration = sum(estimated) / sum(realized): the simulator's forced orders are every liquidation, so 1 is the right total (better = nearer to 1 as a ratio: the smaller |log calibration|)."
      : "calibration = sum(estimated) / sum(realized): the dollar level is not validated (realized and open interest may cover different venues, and exchanges' liquidation feeds may omit orders); compare rankings and shares.",
  );
  return lines.join("\n") + "\n";
}

/** The arguments, checked: each error names its flag (its column), as `liqlab fetch`'s do. */
function checkedArgs(argv: string[]): Args {
  const a = parseArgs(argv);
  // An unknown scenario name is a bad argument like an unknown flag (it threw: exit 1, no usage).
  if (a.scenario !== undefined) checkScenario(a.scenario, "--scenario");
  // A shipped scenario is scored as it is: options for files would be ignored without a word.
  if (a.scenario) {
    const extra = argv.map((x) => x.split("=")[0]!).filter((f) => ["--warmup", "--estimate", "--file", "--candles", "--oi", "--liquidations", "--symbol"].includes(f));
    if (extra.length > 0) throw error(`--scenario scores a shipped dataset with its own symbol and warm-up; ${extra.join(", ")} ${extra.length > 1 ? "apply" : "applies"} to files only`, { column: extra[0]!, value: argv.join(" ") });
  }
  // A symbol with no default brackets is an unknown value, like an unknown scenario (it threw after
  // the files were read: exit 1, naming no file and no flag).
  if (a.symbol !== undefined && !Object.hasOwn(binanceUsdmBrackets, a.symbol.toUpperCase())) {
    throw error(`no default brackets for this symbol (use ${Object.keys(binanceUsdmBrackets).join(", ")})`, { column: "--symbol", value: a.symbol });
  }
  // The combined export holds all three tables: separate files beside it would be ignored, and the
  // symbol (its brackets) could be taken from a file that is never read.
  if (a.file && (a.candles || a.oi || a.liquidations)) {
    const extra = ["--candles", "--oi", "--liquidations"].filter((f) => argv.some((x) => x.split("=")[0] === f));
    throw error(`--file is a combined export holding candles, open interest and liquidations; ${extra.join(", ")} ${extra.length > 1 ? "are" : "is"} for separate files instead of it`, { column: extra[0]!, value: argv.join(" ") });
  }
  // Separate files come as all three: a missing one is a missing argument (it threw: exit 1, no usage).
  if (!a.scenario && !a.file && (a.candles || a.oi || a.liquidations)) {
    const missing = (["candles", "oi", "liquidations"] as const).filter((k) => !a[k]).map((k) => `--${k}`);
    if (missing.length > 0) throw error(`separate files need all of --candles, --oi and --liquidations (or --file, a combined export); missing ${missing.join(", ")}`, { column: missing[0]!, value: argv.join(" ") });
  }
  return a;
}

/** A bad argument: the flag, the reason and the value, then the usage, on stderr, as `liqlab fetch` does; exit 2. */
function refuse(e: LiqlabError): number {
  process.stderr.write(`liqlab validate: ${e.column}: ${e.detail}${"value" in e ? ` (value ${showValue(e.value)})` : ""}\n${USAGE}`);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  let a: Args;
  try {
    a = checkedArgs(argv);
  } catch (e) {
    if (!(e instanceof LiqlabError) || e.column === undefined || e.file !== undefined) throw e;
    return refuse(e);
  }
  if (a.help || (!a.file && !a.candles && !a.oi && !a.liquidations && !a.scenario)) {
    process.stderr.write(USAGE);
    return a.help ? 0 : 2;
  }
  if (a.scenario) {
    const v = validateScenario(a.scenario);
    const d = v.distance;
    const m = v.meanDistance;
    const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
    // The header states the bars scored, as file mode's does (only --json gave them).
    const r = v.backtest;
    const header = `${r.source}, ${r.bars} bars, ${v.replay.symbol} brackets, retail mix up to ${v.replay.maxLeverage}x`;
    process.stdout.write(a.json
      ? JSON.stringify({ ...toJson(r), distance: d, meanDistance: m }, null, 2) + "\n"
      : toTable({ ...r, source: header }, true) +
          `\nmap distance to the simulator's truth (W1 / price): after the last bar long ${pct(d.long)}, short ${pct(d.short)}; ` +
          `mean of ${m.snapshots} six-hourly snapshots long ${pct(m.long)}, short ${pct(m.short)}\n`);
    return 0;
  }
  let r: BacktestResult;
  try {
    r = validateFiles(a);
  } catch (e) {
    if (e instanceof LiqlabError && badArguments.has(e)) return refuse(e);
    throw e;
  }
  process.stdout.write(a.json ? JSON.stringify(toJson(r), null, 2) + "\n" : toTable(r));
  return 0;
}
