/**
 * `fetchBinance(options)`: downloads Binance public-archive zips into a local cache that mirrors
 * the archive's layout, verifying each against its `.CHECKSUM` (sha256). Files already cached are
 * skipped (re-verified when their checksum is cached too); a download goes to `<file>.part` and
 * is renamed only once verified, and an interrupted `.part` is resumed with an HTTP Range request,
 * so re-running after a failure fetches only what is missing. Zips with unsafe entry names
 * (absolute, `..`) are refused. A day the archive does not have (404) is reported as missing.
 * Progress goes to stderr, one line per file.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { error } from "../util/errors";
import { KLINE_INTERVALS, MARKETS, planArchiveFiles, toDay, type ArchiveKind, type Market } from "./archive-layout";
import { unzipEntries, verifyChecksum } from "./zip";

/** What the spot archive (data/spot/…) publishes; the other kinds are futures data. */
export const SPOT_KINDS: readonly ArchiveKind[] = ["klines", "aggTrades", "trades"];

/** Downloader options; each has a default except symbol, kinds, from and to. */
export interface FetchOptions {
  /** Symbol as the archive spells it, e.g. "BTCUSDT" (upper-cased). */
  symbol: string;
  /** Archive data types, e.g. ["klines", "metrics"]. */
  kinds: readonly ArchiveKind[];
  /** First UTC day, inclusive (`YYYY-MM-DD`, ms or Date). */
  from: string | number | Date;
  /** Last UTC day, inclusive. */
  to: string | number | Date;
  /** Kline interval for the *Klines types. Default "1m". */
  interval?: string;
  /** Cache folder; files keep their archive path below it. Default "./binance-archive". */
  cacheDir?: string;
  /** Archive root. Default "https://data.binance.vision". */
  baseUrl?: string;
  /** Market segment. Default "um" (USD-M futures). */
  market?: Market;
  /** "auto" (monthly for whole past months, daily otherwise), "daily" or "monthly". Default "auto". */
  period?: "auto" | "daily" | "monthly";
  /** Verify sha256 against `.CHECKSUM`. Default true. */
  verify?: boolean;
  /** Extra attempts after a network error or checksum mismatch. Default 2. */
  retries?: number;
  /** Parallel downloads. Default 4. */
  concurrency?: number;
  /** Progress sink: false silences it. Default: a line per file on stderr. */
  progress?: boolean | ((line: string) => void);
  /** "Now", for deciding which months are complete. Default Date.now(). */
  now?: number;
}

/** What happened to one file. */
export interface FetchedFile {
  kind: ArchiveKind;
  period: "daily" | "monthly";
  date: string;
  url: string;
  /** Local path of the zip (present when downloaded or cached). */
  path: string;
  status: "downloaded" | "cached" | "missing" | "failed";
  /** sha256 verified against the archive's .CHECKSUM; false when none was published or verify is off. */
  verified: boolean;
  bytes: number;
  error?: string;
}

export interface FetchResult {
  files: FetchedFile[];
  /** Local paths of the files now in the cache (downloaded or cached), in date order per kind. */
  paths: string[];
  downloaded: number;
  cached: number;
  missing: number;
  failed: number;
}

export const FETCH_DEFAULTS = {
  interval: "1m",
  cacheDir: "./binance-archive",
  baseUrl: "https://data.binance.vision",
  market: "um" as Market,
  period: "auto" as const,
  verify: true,
  retries: 2,
  concurrency: 4,
};

class HttpStatus extends Error {
  constructor(readonly status: number, url: string) {
    super(`HTTP ${status} for ${url}`);
  }
}

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Uint8Array }> {
  const res = await fetch(url, { headers });
  const body = new Uint8Array(await res.arrayBuffer());
  if (res.status !== 200 && res.status !== 206) throw new HttpStatus(res.status, url);
  return { status: res.status, body };
}

/**
 * Streams `url` into `path.part`. When a `.part` is left from an interrupted transfer, asks only
 * for the remaining bytes (HTTP Range) and appends; a server that ignores Range (200) restarts it.
 */
async function download(url: string, path: string): Promise<Uint8Array> {
  const part = path + ".part";
  const have = existsSync(part) ? statSync(part).size : 0;
  const res = await fetch(url, { headers: have > 0 ? { Range: `bytes=${have}-` } : {} });
  if (res.status === 416) {
    rmSync(part, { force: true }); // the part is not a prefix of this file: start over
    throw new Error(`HTTP 416 resuming ${url}`);
  }
  if (res.status !== 200 && res.status !== 206) {
    await res.arrayBuffer().catch(() => undefined);
    throw new HttpStatus(res.status, url);
  }
  const fd = openSync(part, res.status === 206 && have > 0 ? "a" : "w");
  try {
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      writeSync(fd, value);
    }
  } finally {
    closeSync(fd);
  }
  return readFileSync(part);
}

async function checksumText(url: string): Promise<string | null> {
  try {
    return new TextDecoder().decode((await get(url + ".CHECKSUM")).body);
  } catch (e) {
    if (e instanceof HttpStatus && e.status === 404) return null;
    throw e;
  }
}

/** Fetches, verifies and caches one file. */
async function fetchOne(f: FetchedFile, o: Required<Pick<FetchOptions, "verify" | "retries">>): Promise<void> {
  mkdirSync(dirname(f.path), { recursive: true });
  const sumPath = f.path + ".CHECKSUM";
  if (existsSync(f.path)) {
    const bytes = readFileSync(f.path);
    if (!o.verify || !existsSync(sumPath)) { f.status = "cached"; f.bytes = bytes.length; return; }
    try {
      verifyChecksum(bytes, readFileSync(sumPath, "utf8"), f.path);
      f.status = "cached"; f.verified = true; f.bytes = bytes.length;
      return;
    } catch {
      rmSync(f.path, { force: true }); // stale or corrupt cache: fetch again
    }
  }
  let last = "";
  for (let attempt = 0; attempt <= o.retries; attempt++) {
    try {
      const sum = o.verify ? await checksumText(f.url) : null;
      const bytes = await download(f.url, f.path);
      if (sum !== null) {
        try {
          verifyChecksum(bytes, sum, f.url);
        } catch (e) {
          rmSync(f.path + ".part", { force: true }); // a corrupt part must not be resumed
          throw e;
        }
      }
      unzipEntries(bytes, f.url); // refuses unsafe entry names and unreadable zips
      renameSync(f.path + ".part", f.path);
      if (sum !== null) writeFileSync(sumPath, sum);
      f.status = "downloaded"; f.verified = sum !== null; f.bytes = bytes.length;
      return;
    } catch (e) {
      if (e instanceof HttpStatus && e.status === 404) { f.status = "missing"; rmSync(f.path + ".part", { force: true }); return; }
      // Node's fetch says only "fetch failed": its cause (ECONNREFUSED, a TLS error) says why.
      last = e instanceof Error ? e.message + (e.cause instanceof Error ? ` (${e.cause.message})` : "") : String(e);
      if (/unsafe zip entry|not a readable zip/.test(last)) { rmSync(f.path + ".part", { force: true }); break; }
    }
  }
  f.status = "failed";
  f.error = last;
}

/**
 * The options with their defaults, checked before anything is requested (each error names the
 * option as its column, which `liqlab fetch` prints as its flag): the symbol, the days, the kinds,
 * and a market or interval the archive has no folder for, which would only 404 and read as "not
 * in the archive".
 */
export function checkFetchOptions(options: FetchOptions) {
  const o = { ...FETCH_DEFAULTS, ...options };
  if (!o.symbol || !/^[A-Za-z0-9_]+$/.test(o.symbol)) throw error("symbol must be letters, digits and _ (e.g. BTCUSDT)", { column: "symbol", value: o.symbol });
  const from = toDay(o.from, "from"), to = toDay(o.to, "to");
  if (to < from) throw error(`to is before from ${o.from}`, { column: "to", value: o.to });
  if (!o.kinds.length) throw error("kinds is empty (e.g. klines, metrics)", { column: "kinds", value: o.kinds });
  if (!MARKETS.includes(o.market)) throw error(`market must be one of ${MARKETS.join(", ")}`, { column: "market", value: o.market });
  if (!KLINE_INTERVALS.includes(o.interval)) throw error(`interval must be one of ${KLINE_INTERVALS.join(", ")}`, { column: "interval", value: o.interval });
  if (o.interval === "1s" && o.market !== "spot") throw error('1s klines are published for market "spot" only', { column: "interval", value: o.interval });
  const notSpot = o.market === "spot" ? o.kinds.filter((k) => !SPOT_KINDS.includes(k)) : [];
  if (notSpot.length) throw error(`the spot archive publishes ${SPOT_KINDS.join(", ")} only, not ${notSpot.join(", ")}`, { column: "kinds", value: o.kinds.join(",") });
  // A kind named twice would be downloaded twice, both into one .part file at once.
  return { o: { ...o, kinds: [...new Set(o.kinds)] }, symbol: o.symbol.toUpperCase(), from, to };
}

/**
 * Downloads Binance archive files for `symbol`, `kinds` and days `from..to` into `cacheDir`.
 * Never throws for a missing or failed file: see each file's status (and `failed`).
 */
export async function fetchBinance(options: FetchOptions): Promise<FetchResult> {
  const { o, symbol, from, to } = checkFetchOptions(options);
  const base = o.baseUrl.replace(/\/+$/, "");
  const files: FetchedFile[] = [];
  for (const kind of o.kinds) {
    for (const a of planArchiveFiles({ market: o.market, kind, symbol, from, to, interval: o.interval, period: o.period, now: o.now ?? Date.now() })) {
      files.push({ kind, period: a.period, date: a.date, url: `${base}/${a.path}`, path: join(o.cacheDir, a.path), status: "failed", verified: false, bytes: 0 });
    }
  }
  const say = o.progress === false ? () => {} : typeof o.progress === "function" ? o.progress : (line: string) => { process.stderr.write(line + "\n"); };
  let next = 0, done = 0;
  const worker = async () => {
    while (next < files.length) {
      const f = files[next++]!;
      await fetchOne(f, o);
      done++;
      const detail = f.status === "failed" ? `: ${f.error}` : f.status === "missing" ? " (not in the archive)" : ` ${(f.bytes / 1024).toFixed(0)} kB${f.verified ? ", sha256 ok" : ""}`;
      say(`[${done}/${files.length}] ${f.path.split(/[\\/]/).pop()} ${f.status}${detail}`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, files.length)) }, worker));
  const count = (s: FetchedFile["status"]) => files.filter((f) => f.status === s).length;
  const paths = files.filter((f) => f.status === "downloaded" || f.status === "cached").map((f) => f.path);
  return { files, paths, downloaded: count("downloaded"), cached: count("cached"), missing: count("missing"), failed: count("failed") };
}
