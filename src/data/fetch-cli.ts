/**
 * `npx liqlab fetch --symbol BTCUSDT --kinds klines,metrics --from 2024-01-01 --to 2024-01-31
 *  [--interval 1m] [--cache-dir DIR] [--base-url URL] [--market um|cm|spot] [--period auto|daily|monthly]
 *  [--no-verify] [--quiet]`
 * Exit code 0 when every file is downloaded, cached or absent from the archive; 1 when any failed;
 * 2 on bad arguments.
 */
import type { ArchiveKind, Market } from "./archive-layout";
import { ARCHIVE_PERIODS } from "./archive-layout";
import { FETCH_DEFAULTS, fetchBinance, type FetchOptions } from "./fetch";

const USAGE = `usage: liqlab fetch --symbol BTCUSDT --kinds klines,metrics --from YYYY-MM-DD --to YYYY-MM-DD
  --interval 1m           kline interval (default ${FETCH_DEFAULTS.interval})
  --cache-dir DIR         where files go, mirroring the archive layout (default ${FETCH_DEFAULTS.cacheDir})
  --base-url URL          archive root (default ${FETCH_DEFAULTS.baseUrl})
  --market um|cm|spot     market segment (default um)
  --period auto|daily|monthly  (default auto: monthly files for whole past months)
  --no-verify             skip .CHECKSUM verification
  --quiet                 no progress lines
kinds: ${Object.keys(ARCHIVE_PERIODS).join(", ")}
`;

/** Parses `--key value` / `--key=value` / `--flag` arguments. */
export function parseArgs(args: readonly string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${JSON.stringify(a)}`);
    const eq = a.indexOf("=");
    if (eq > 0) { out[a.slice(2, eq)] = a.slice(eq + 1); continue; }
    const v = args[i + 1];
    if (v !== undefined && !v.startsWith("--")) { out[a.slice(2)] = v; i++; } else out[a.slice(2)] = true;
  }
  return out;
}

export async function main(args: string[]): Promise<number> {
  let a: Record<string, string | true>;
  try {
    a = parseArgs(args);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (a.help || a.h) { process.stderr.write(USAGE); return 0; }
  const str = (k: string) => (typeof a[k] === "string" ? (a[k] as string) : undefined);
  const symbol = str("symbol"), kinds = str("kinds"), from = str("from"), to = str("to") ?? str("from");
  const unknown = (kinds ?? "").split(",").filter((k) => k && !(k in ARCHIVE_PERIODS));
  if (!symbol || !kinds || !from || unknown.length) {
    process.stderr.write((unknown.length ? `unknown kinds: ${unknown.join(", ")}\n` : "missing --symbol, --kinds or --from\n") + USAGE);
    return 2;
  }
  const opts: FetchOptions = {
    symbol,
    kinds: kinds.split(",").filter(Boolean) as ArchiveKind[],
    from,
    to: to!,
    verify: !a["no-verify"],
    progress: !a.quiet,
  };
  if (str("interval")) opts.interval = str("interval")!;
  if (str("cache-dir")) opts.cacheDir = str("cache-dir")!;
  if (str("base-url")) opts.baseUrl = str("base-url")!;
  if (str("market")) opts.market = str("market") as Market;
  if (str("period")) opts.period = str("period") as FetchOptions["period"];
  const r = await fetchBinance(opts);
  process.stderr.write(`${r.downloaded} downloaded, ${r.cached} cached, ${r.missing} not in the archive, ${r.failed} failed\n`);
  for (const f of r.files) if (f.status === "failed") process.stderr.write(`failed: ${f.url}: ${f.error}\n`);
  return r.failed ? 1 : 0;
}
