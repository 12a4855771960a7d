/**
 * `npx liqlab fetch --symbol BTCUSDT --kinds klines,metrics --from 2024-01-01 --to 2024-01-31
 *  [--interval 1m] [--cache-dir DIR] [--base-url URL] [--market um|cm|spot] [--period auto|daily|monthly]
 *  [--no-verify] [--quiet]`
 * Exit code 0 when every file is downloaded or cached, or some are absent from the archive (the
 * summary counts them); 1 when any failed, or when none of the files is in the archive (a
 * misspelt symbol, another market, dates not published yet); 2 on bad arguments (an unknown flag,
 * a value the archive has no files for, a date that is not one), checked before anything is
 * downloaded. The summary also counts files kept without a published checksum to verify, and
 * notes monthly files that hold days outside the requested range.
 */
import { meantName } from "../util/distance";
import { error, LiqlabError, showValue } from "../util/errors";
import type { Market } from "./archive-layout";
import { ARCHIVE_PERIODS, KLINE_INTERVALS, ymd as day } from "./archive-layout";
import { ARCHIVE_KINDS, checkFetchOptions, checkKinds, FETCH_DEFAULTS, fetchBinance, type FetchOptions } from "./fetch";

const USAGE = `usage: liqlab fetch --symbol BTCUSDT --kinds klines,metrics --from YYYY-MM-DD [--to YYYY-MM-DD]
  --to YYYY-MM-DD         last UTC day, inclusive (default: --from, one day)
  --interval 1m           kline interval (default ${FETCH_DEFAULTS.interval}): ${KLINE_INTERVALS.join(", ")} (1s: spot only)
  --cache-dir DIR         where files go, mirroring the archive layout (default ${FETCH_DEFAULTS.cacheDir})
  --base-url URL          archive root (default ${FETCH_DEFAULTS.baseUrl})
  --market um|cm|spot     market segment (default um)
  --period auto|daily|monthly  (default auto: monthly files for whole past months, daily files
                          for the rest and for a month whose monthly file is not out yet)
  --no-verify             skip .CHECKSUM verification
  --quiet                 no progress lines (the summary still names each missing and failed file)
kinds: ${ARCHIVE_KINDS.join(", ")}
`;

/** The flags `liqlab fetch` takes, and whether each takes a value. */
const FLAGS: Readonly<Record<string, boolean>> = {
  symbol: true, kinds: true, from: true, to: true, interval: true, "cache-dir": true, "base-url": true, market: true, period: true,
  "no-verify": false, quiet: false, help: false, h: false,
};

const PERIODS = ["auto", "daily", "monthly"] as const;

/** The flag an unknown one was probably meant to be (`meantName`; one-letter flags are never suggested). */
function nearFlag(name: string): string | undefined {
  return meantName(name, Object.keys(FLAGS).filter((f) => f.length > 1));
}

/**
 * Parses `--key value` / `--key=value` / `--flag` arguments, refusing unknown flags (naming the
 * near one), a value flag without its value and a value given to a bare flag.
 */
export function parseArgs(args: readonly string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-h") { out.h = true; continue; }
    if (!a.startsWith("--")) throw error(`unexpected argument ${JSON.stringify(a)}`);
    const eq = a.indexOf("=");
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const takesValue = FLAGS[key];
    if (takesValue === undefined) {
      const near = nearFlag(key);
      throw error(`unknown option${near ? ` (did you mean --${near}?)` : ""}`, { symbol: `--${key}`, ...(eq > 0 ? { value: a.slice(eq + 1) } : {}) });
    }
    if (!takesValue) {
      if (eq > 0) throw error("takes no value", { symbol: `--${key}`, value: a.slice(eq + 1) });
      out[key] = true;
      continue;
    }
    const v = eq > 0 ? a.slice(eq + 1) : args[i + 1];
    if (v === undefined || v === "" || (eq < 0 && v.startsWith("--"))) throw error("needs a value", { symbol: `--${key}` });
    out[key] = v;
    if (eq < 0) i++;
  }
  return out;
}

/**
 * The options the arguments ask for. What only the command line has (kinds as a list, a period a
 * kind is published in, the base URL's form) is checked here; the options themselves by
 * `checkFetchOptions`, as `fetchBinance` checks them.
 */
function fetchOptions(a: Record<string, string | true>): FetchOptions {
  const str = (k: string) => (typeof a[k] === "string" ? (a[k] as string) : undefined);
  const missing = ["symbol", "kinds", "from"].filter((k) => !str(k));
  if (missing.length) throw error(`missing ${missing.map((k) => `--${k}`).join(", ")}`);
  // Checked before the period below looks each kind up in ARCHIVE_PERIODS.
  const kinds = checkKinds(str("kinds")!.split(",").filter(Boolean), str("kinds"));
  const period = str("period");
  if (period !== undefined && !(PERIODS as readonly string[]).includes(period)) throw error(`period must be one of ${PERIODS.join(", ")}`, { column: "period", value: period });
  for (const k of kinds) {
    if (period && period !== "auto" && !ARCHIVE_PERIODS[k].includes(period as "daily" | "monthly")) {
      throw error(`${k} is not published ${period} (only ${ARCHIVE_PERIODS[k].join(", ")})`, { column: "period", value: period });
    }
  }
  const base = str("base-url");
  if (base !== undefined && !/^https?:\/\/[^/\s]/.test(base)) throw error("must be an http:// or https:// URL", { column: "base-url", value: base });
  const opts: FetchOptions = { symbol: str("symbol")!, kinds, from: str("from")!, to: str("to") ?? str("from")!, verify: !a["no-verify"], progress: !a.quiet };
  if (str("interval")) opts.interval = str("interval")!;
  if (str("cache-dir")) opts.cacheDir = str("cache-dir")!;
  if (base) opts.baseUrl = base;
  if (str("market")) opts.market = str("market") as Market;
  if (period) opts.period = period as FetchOptions["period"];
  checkFetchOptions(opts);
  return opts;
}

export async function main(args: string[]): Promise<number> {
  let opts: FetchOptions;
  try {
    const a = parseArgs(args);
    if (a.help || a.h) { process.stderr.write(USAGE); return 0; }
    opts = fetchOptions(a);
  } catch (e) {
    if (!(e instanceof LiqlabError)) throw e;
    // An option's error names it as its column: printed as the flag it came from.
    const message = e.column !== undefined && e.file === undefined ? `--${e.column}: ${e.detail}${"value" in e ? ` (value ${showValue(e.value)})` : ""}` : e.message;
    process.stderr.write(`liqlab fetch: ${message}\n${USAGE}`);
    return 2;
  }
  const r = await fetchBinance(opts);
  const say = (s: string) => process.stderr.write(s + "\n");
  const unverified = r.unverified ? `, ${r.unverified} not verified${opts.verify === false ? " (--no-verify)" : ""}` : "";
  say(`${r.downloaded} downloaded, ${r.cached} cached, ${r.missing} not in the archive, ${r.failed} failed${unverified}`);
  // Each missing file by name, --quiet or not: a day not in the archive is a gap in the data
  // downstream, which a count alone hides. When none is there, "nothing found" below says so once.
  if (r.missing < r.files.length) for (const f of r.files) if (f.status === "missing") say(`not in the archive: ${f.url}`);
  // An error that names the URL itself (a checksum mismatch) is not prefixed with it twice.
  for (const f of r.files) if (f.status === "failed") say(`failed: ${f.url}: ${f.error?.startsWith(f.url) ? f.error.slice(f.url.length).replace(/^[,:]\s*/, "") : f.error}`);
  if (opts.verify !== false) for (const f of r.files) if ((f.status === "downloaded" || f.status === "cached") && !f.verified) say(`not verified: ${f.url} (${f.error?.replace(/^not verified: /, "") ?? "the archive publishes no .CHECKSUM for it"}; kept: it opens as a zip)`);
  const wide = r.files.filter((f) => (f.status === "downloaded" || f.status === "cached") && (f.from < r.from || f.to > r.to));
  if (wide.length) {
    const names = wide.map((f) => f.path.split(/[\\/]/).pop()).join(", ");
    say(`note: ${wide.length === 1 ? "1 file holds" : `${wide.length} files hold`} days outside ${day(r.from)}..${day(r.to - 86_400_000)} (${names}: monthly files hold their whole month); keep rows from ${day(r.from)} 00:00 to before ${day(r.to)} 00:00 UTC (loadFiles(paths, { from: "${day(r.from)}", to: "${day(r.to)}" }))`);
  }
  if (r.files.length && r.missing === r.files.length) {
    say(`liqlab fetch: nothing found: none of the ${r.files.length} files is in the archive (first: ${r.files[0]!.url}); check the symbol (${opts.symbol.toUpperCase()}, as the archive spells it), the market (${opts.market ?? FETCH_DEFAULTS.market}; --market um|cm|spot) and the dates (${day(r.from)}..${day(r.to - 86_400_000)}: the archive publishes a day's files the day after)`);
    return 1;
  }
  return r.failed ? 1 : 0;
}
