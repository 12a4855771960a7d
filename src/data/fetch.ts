/**
 * `fetchBinance(options)`: downloads Binance public-archive zips into a local cache that mirrors
 * the archive's layout, verifying each against its `.CHECKSUM` (sha256). Files already cached are
 * not downloaded again, but with `verify` on each is checked first: against its cached checksum,
 * else against the archive's (fetched and cached then), else — no checksum published — it must at
 * least open as a zip; one that fails is downloaded again. A download goes to `<file>.part` and
 * is renamed only once verified (its checksum written first, so a cached zip always has its
 * cached checksum), and an interrupted `.part` is resumed with an HTTP Range request tied to the
 * version it came from (If-Range: its ETag or Last-Modified, kept in `<file>.part.validator`), so
 * re-running after a failure fetches only what is missing; a part with no validator is resumed
 * only when a checksum will check the result, else downloaded again whole. Zips with unsafe entry names
 * (absolute, `..`) are refused. A file the archive does not have (404) is reported as missing;
 * in `period: "auto"` a monthly file not published yet is replaced by its month's daily files.
 * Failed transfers are retried after an exponential backoff. Progress goes to stderr, one line
 * per file.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { meantName } from "../util/distance";
import { error, showValue } from "../util/errors";
import { ARCHIVE_PERIODS, archiveSpan, KLINE_INTERVALS, MARKETS, planArchiveFiles, toDay, type ArchiveFile, type ArchiveKind, type Market } from "./archive-layout";
import { parseChecksum, sha256, unzipEntries, verifyChecksum } from "./zip";

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
  /**
   * "auto" (monthly for whole past months, daily otherwise; a monthly file the archive does not
   * have yet falls back to that month's daily files), "daily" or "monthly". Default "auto".
   */
  period?: "auto" | "daily" | "monthly";
  /** Verify sha256 against `.CHECKSUM`, cached files included. Default true. */
  verify?: boolean;
  /** Extra attempts after a network error, an HTTP error other than 404, a checksum mismatch or a zip that does not open (a body cut short): a whole number ≥ 0. Default 2. */
  retries?: number;
  /**
   * Wait before retry n (1, 2, …), ms: a number d waits d × 2^(n−1) (500, 1000, 2000 … by
   * default), a function returns the wait for n; 0 retries at once. Default 500.
   */
  retryDelay?: number | ((retry: number) => number);
  /** Parallel downloads: a whole number ≥ 1. Default 4. */
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
  /** The UTC span the file holds, epoch ms, `from` ≤ time < `to`: a day, or a whole month for a monthly file. */
  from: number;
  to: number;
  status: "downloaded" | "cached" | "missing" | "failed";
  /**
   * sha256 verified against the archive's .CHECKSUM; false when none was published (the zip is
   * kept: it opened as a zip with safe entry names) or verify is off.
   */
  verified: boolean;
  bytes: number;
  /** Why a file failed; on a kept file that is not verified, why not (no checksum published, or the archive's could not be fetched or read). */
  error?: string;
}

export interface FetchResult {
  files: FetchedFile[];
  /** Local paths of the files now in the cache (downloaded or cached), in date order per kind. */
  paths: string[];
  /**
   * The requested days as epoch ms, `from` ≤ time < `to`: 00:00 UTC of the first day and of the
   * day after the last. A monthly file (fundingRate, `period: "monthly"`) holds its whole month:
   * rows outside this range are in `paths`' files; keep `from` ≤ time < `to` for the range.
   */
  from: number;
  to: number;
  downloaded: number;
  cached: number;
  missing: number;
  failed: number;
  /** Files downloaded or cached whose sha256 was not verified: no .CHECKSUM published, or verify off. */
  unverified: number;
}

export const FETCH_DEFAULTS = {
  interval: "1m",
  cacheDir: "./binance-archive",
  baseUrl: "https://data.binance.vision",
  market: "um" as Market,
  period: "auto" as const,
  verify: true,
  retries: 2,
  retryDelay: 500,
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
 * What a `.part` was cut from, kept beside it in `<file>.part.validator` (JSON), written before
 * its first byte: the response's ETag and Last-Modified, and the file's length when known.
 */
interface PartOrigin {
  etag?: string;
  lastModified?: string;
  size?: number;
}

const originPath = (part: string) => part + ".validator";

/** Deletes a `.part` and its validator: one is never left to vouch for another's bytes. */
function dropPart(part: string): void {
  rmSync(part, { force: true });
  rmSync(originPath(part), { force: true });
}

function readOrigin(part: string): PartOrigin | null {
  try {
    const o: unknown = JSON.parse(readFileSync(originPath(part), "utf8"));
    return o !== null && typeof o === "object" ? (o as PartOrigin) : null;
  } catch {
    return null; // none, or cut by a crash: the part is then as good as unlabelled
  }
}

/**
 * The If-Range value that ties a resumed request to the version the part came from: its strong
 * ETag, else its Last-Modified (RFC 9110 §13.1.5 forbids a weak ETag in If-Range).
 */
function ifRangeOf(o: PartOrigin | null): string | undefined {
  if (typeof o?.etag === "string" && !o.etag.startsWith("W/")) return o.etag;
  return typeof o?.lastModified === "string" ? o.lastModified : undefined;
}

/** A 206's `Content-Range: bytes a-b/total`: where it starts and the file's length (unless `*`); null when malformed. */
function contentRange(header: string | null): { start: number; total?: number } | null {
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header?.trim() ?? "");
  if (!m) return null;
  return m[3] === "*" ? { start: +m[1]! } : { start: +m[1]!, total: +m[3]! };
}

/**
 * Streams `url` into `path.part`. A `.part` left from an interrupted transfer is resumed (HTTP
 * Range from its length, If-Range its validator) only when the answer is provably its rest: a
 * 206 whose Content-Range starts at the part's length and, when both are known, totals the
 * length the part was cut from. A 200 (the server's answer to an If-Range that no longer
 * matches: the file changed) replaces the part; any other answer to the resume starts over.
 * `checked`: the caller holds the result to a published checksum.
 */
async function download(url: string, path: string, checked: boolean): Promise<Uint8Array> {
  const part = path + ".part";
  let have = existsSync(part) ? statSync(part).size : 0;
  const origin = have > 0 ? readOrigin(part) : null;
  const ifRange = ifRangeOf(origin);
  // A part with no validator (an older liqlab's, or from a server that sends neither ETag nor
  // Last-Modified) cannot be tied to this version of the file. With a checksum to hold the
  // result to, a wrong splice fails it and is fetched again; without one it would be kept
  // silently (another day's bars under this day's name), so the part is not resumed.
  if (have > 0 && ifRange === undefined && !checked) { dropPart(part); have = 0; }
  let res = await fetch(url, { headers: have > 0 ? { Range: `bytes=${have}-`, ...(ifRange !== undefined ? { "If-Range": ifRange } : {}) } : {} });
  if (have > 0 && res.status !== 200) {
    const range = res.status === 206 ? contentRange(res.headers.get("content-range")) : null;
    const rest = range !== null && range.start === have && (range.total === undefined || origin?.size === undefined || range.total === origin.size);
    if (!rest && (res.status === 206 || res.status === 416)) {
      // Not the rest of this part (a 416: the part is as long as the file or longer): start over.
      await res.body?.cancel().catch(() => undefined);
      dropPart(part);
      have = 0;
      res = await fetch(url);
    }
  }
  const resumed = have > 0 && res.status === 206;
  if (res.status !== 200 && !resumed) {
    await res.body?.cancel().catch(() => undefined);
    throw new HttpStatus(res.status, url);
  }
  if (!resumed) {
    // The validator goes down before the part's first byte, so a part is never left labelled
    // with another version's validator.
    dropPart(part);
    const length = res.headers.get("content-encoding") ? null : res.headers.get("content-length");
    const o: PartOrigin = {};
    const etag = res.headers.get("etag"), modified = res.headers.get("last-modified");
    if (etag) o.etag = etag;
    if (modified) o.lastModified = modified;
    if (length !== null && /^\d+$/.test(length)) o.size = +length;
    if (o.etag !== undefined || o.lastModified !== undefined) writeFileSync(originPath(part), JSON.stringify(o));
  }
  const fd = openSync(part, resumed ? "a" : "w");
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

/** What `fetchOne` needs of the options. */
interface Run {
  verify: boolean;
  retries: number;
  /** ms to wait before retry n (1-based). */
  delay: (retry: number) => number;
}

/**
 * How long after a month ends its monthly file may still be missing from the archive, ms (31
 * days): in `period: "auto"` such a month is fetched as daily files instead.
 */
export const MONTHLY_DELAY_MS = 31 * 86_400_000;

const sleep = (ms: number) => (ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());

/** Whether bytes open as a zip with safe entry names (what a file with no checksum is held to). */
function opensAsZip(bytes: Uint8Array, path: string): boolean {
  try {
    unzipEntries(bytes, path);
    return true;
  } catch {
    return false;
  }
}

/**
 * What a cached file is, given the checksum to hold it to: "sound" (it matches, or with no
 * checksum published it opens as a zip), "corrupt" (a mismatch, or it does not open), or
 * "unchecked" when the checksum text itself cannot be read (an error page served as .CHECKSUM):
 * that says nothing about the file, which is then held to opening as a zip.
 */
function cachedState(bytes: Uint8Array, sum: string | null, path: string): "sound" | "corrupt" | "unchecked" {
  if (sum === null) return opensAsZip(bytes, path) ? "sound" : "corrupt";
  let want: string;
  try {
    want = parseChecksum(sum, path + ".CHECKSUM");
  } catch {
    return opensAsZip(bytes, path) ? "unchecked" : "corrupt";
  }
  return sha256(bytes) === want ? "sound" : "corrupt";
}

/** Fetches, verifies and caches one file. */
async function fetchOne(f: FetchedFile, o: Run): Promise<void> {
  mkdirSync(dirname(f.path), { recursive: true });
  const sumPath = f.path + ".CHECKSUM";
  const part = f.path + ".part";
  if (!o.verify && existsSync(f.path)) { f.status = "cached"; f.bytes = statSync(f.path).size; return; }
  // The archive's checksum, fetched at most once per file (undefined: not yet; null: not published).
  let remote: string | null | undefined;
  const remoteSum = async () => (remote !== undefined ? remote : (remote = await checksumText(f.url)));
  let last = "";
  for (let attempt = 0; attempt <= o.retries; attempt++) {
    if (attempt > 0) await sleep(o.delay(attempt));
    try {
      if (existsSync(f.path)) {
        const bytes = readFileSync(f.path);
        // A cached checksum beside it, else the archive's (a verify:false run cached none, and a
        // file the archive publishes no checksum for has none). When the archive cannot be asked
        // (offline), a cached file that opens as a zip is kept, unverified, with the reason.
        const cachedSum = existsSync(sumPath) ? readFileSync(sumPath, "utf8") : null;
        let sum = cachedSum;
        if (sum === null) {
          try {
            sum = await remoteSum();
          } catch (e) {
            // An HTTP answer (a 503) is the archive's: retried as any other. No answer at all
            // (offline, a refused connection) keeps a cached file that opens, unverified.
            if (e instanceof HttpStatus || !opensAsZip(bytes, f.path)) throw e;
            f.status = "cached"; f.verified = false; f.bytes = bytes.length;
            f.error = `not verified: the archive's .CHECKSUM could not be fetched (${e instanceof Error ? e.message + (e.cause instanceof Error ? `: ${e.cause.message}` : "") : String(e)})`;
            return;
          }
        }
        // "unchecked" (a checksum text that is no hash) is the archive's error page only; a cached
        // checksum that is no hash (an interrupted write) is a broken cache: fetched again.
        const checked = cachedState(bytes, sum, f.path);
        const state = checked === "unchecked" && cachedSum !== null ? "corrupt" : checked;
        if (state !== "corrupt") {
          if (cachedSum === null && sum !== null && state === "sound") writeFileSync(sumPath, sum);
          f.status = "cached"; f.verified = sum !== null && state === "sound"; f.bytes = bytes.length;
          if (state === "unchecked") f.error = "not verified: the archive's .CHECKSUM could not be read as a sha256 hash";
          return;
        }
        // stale or corrupt cache: fetch again
        rmSync(f.path, { force: true });
        rmSync(sumPath, { force: true });
      }
      const sum = o.verify ? await remoteSum() : null;
      const bytes = await download(f.url, f.path, sum !== null);
      try {
        if (sum !== null) verifyChecksum(bytes, sum, f.url);
        unzipEntries(bytes, f.url); // refuses unsafe entry names and unreadable zips
      } catch (e) {
        dropPart(part); // a corrupt part must not be resumed
        throw e;
      }
      // The checksum goes down before the zip appears: a crash between the two leaves a checksum
      // without its zip (harmless: the zip is fetched again), never a zip without its checksum.
      if (sum !== null) writeFileSync(sumPath, sum);
      else rmSync(sumPath, { force: true });
      renameSync(part, f.path);
      rmSync(originPath(part), { force: true });
      f.status = "downloaded"; f.verified = sum !== null; f.bytes = bytes.length;
      return;
    } catch (e) {
      if (e instanceof HttpStatus && e.status === 404) { f.status = "missing"; dropPart(part); return; }
      // Node's fetch says only "fetch failed": its cause (ECONNREFUSED, a TLS error) says why.
      last = e instanceof Error ? e.message + (e.cause instanceof Error ? ` (${e.cause.message})` : "") : String(e);
      // Unsafe entry names are the archive's own content: asking again gets the same. A zip that
      // does not open is most likely a body cut short with no checksum to catch it (verify off,
      // or none published): retried like a checksum mismatch, its part deleted above.
      if (/unsafe zip entry/.test(last)) break;
      // A checksum fetched on this attempt may have been what failed (not a hash, a mismatch): ask again.
      remote = undefined;
    }
  }
  f.status = "failed";
  f.error = last;
}

/** The archive's data types, as `kinds` names them. */
export const ARCHIVE_KINDS = Object.keys(ARCHIVE_PERIODS) as readonly ArchiveKind[];

/**
 * `kinds` checked, for `checkFetchOptions` and the CLI alike: a non-empty list of names from
 * ARCHIVE_KINDS, else an error naming each unknown one (with the near name) and listing the
 * known. An own-key test, not `in`: `toString` and `__proto__` are keys of every object, and
 * passed on crashed later as a bare TypeError. `shown`: the value the error quotes (the CLI's
 * text; by default the list joined by ",").
 */
export function checkKinds(kinds: unknown, shown?: unknown): ArchiveKind[] {
  if (!Array.isArray(kinds)) throw error('kinds must be a list of kind names (e.g. ["klines", "metrics"])', { column: "kinds", value: shown ?? kinds });
  const value = shown ?? kinds.map(String).join(",");
  if (!kinds.length) throw error("kinds is empty (e.g. klines, metrics)", { column: "kinds", value });
  const bad: unknown[] = kinds.filter((k) => typeof k !== "string" || !Object.hasOwn(ARCHIVE_PERIODS, k));
  if (bad.length) {
    const named = bad.map((k) => {
      const near = typeof k === "string" ? meantName(k, ARCHIVE_KINDS) : undefined;
      return showValue(k) + (near ? ` (did you mean ${near}?)` : "");
    });
    throw error(`unknown kind${bad.length > 1 ? "s" : ""} ${named.join(", ")}; the archive's kinds are ${ARCHIVE_KINDS.join(", ")}`, { column: "kinds", value });
  }
  return kinds as ArchiveKind[];
}

/** Throws unless `v` is a whole number ≥ `min`, naming the option and the value. */
function wholeNumber(v: unknown, name: string, min: number): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min) throw error(`${name} must be a whole number ≥ ${min}`, { column: name, value: v });
  return v;
}

/** `retryDelay` as a function of the retry number, checked. */
function delayOf(v: unknown): (retry: number) => number {
  if (typeof v === "function") {
    return (n) => {
      const ms = (v as (retry: number) => number)(n);
      if (typeof ms !== "number" || !(ms >= 0) || !Number.isFinite(ms)) throw error(`retryDelay(${n}) must return a finite number of ms ≥ 0`, { column: "retryDelay", value: ms });
      return ms;
    };
  }
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw error("retryDelay must be a finite number of ms ≥ 0 or a function of the retry number", { column: "retryDelay", value: v });
  // Doubling, at most a minute (a long run of retries must not wait days, nor overflow a timer).
  return (n) => Math.min(v * 2 ** (n - 1), Math.max(v, 60_000));
}

/**
 * The options with their defaults, checked before anything is requested (each error names the
 * option as its column, which `liqlab fetch` prints as its flag): the symbol, the days, the kinds,
 * and a market or interval the archive has no folder for, which would only 404 and read as "not
 * in the archive".
 */
export function checkFetchOptions(options: FetchOptions) {
  // An option given as undefined takes its default, as one left out does.
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as unknown as FetchOptions;
  const o = { ...FETCH_DEFAULTS, ...given };
  if (!o.symbol || !/^[A-Za-z0-9_]+$/.test(o.symbol)) throw error("symbol must be letters, digits and _ (e.g. BTCUSDT)", { column: "symbol", value: o.symbol });
  const from = toDay(o.from, "from"), to = toDay(o.to, "to");
  if (to < from) throw error(`to is before from ${o.from}`, { column: "to", value: o.to });
  const kinds = checkKinds(o.kinds);
  if (!MARKETS.includes(o.market)) throw error(`market must be one of ${MARKETS.join(", ")}`, { column: "market", value: o.market });
  if (!KLINE_INTERVALS.includes(o.interval)) throw error(`interval must be one of ${KLINE_INTERVALS.join(", ")}`, { column: "interval", value: o.interval });
  if (o.interval === "1s" && o.market !== "spot") throw error('1s klines are published for market "spot" only', { column: "interval", value: o.interval });
  const notSpot = o.market === "spot" ? kinds.filter((k) => !SPOT_KINDS.includes(k)) : [];
  if (notSpot.length) throw error(`the spot archive publishes ${SPOT_KINDS.join(", ")} only, not ${notSpot.join(", ")}`, { column: "kinds", value: kinds.join(",") });
  // NaN workers would start none (every file "failed" without a word); -1 retries, no attempt.
  wholeNumber(o.retries, "retries", 0);
  wholeNumber(o.concurrency, "concurrency", 1);
  const delay = delayOf(o.retryDelay);
  // A kind named twice would be downloaded twice, both into one .part file at once.
  return { o: { ...o, kinds: [...new Set(kinds)] }, symbol: o.symbol.toUpperCase(), from, to, delay };
}

/**
 * Downloads Binance archive files for `symbol`, `kinds` and days `from..to` into `cacheDir`.
 * Never throws for a missing or failed file: see each file's status (and `failed`).
 */
export async function fetchBinance(options: FetchOptions): Promise<FetchResult> {
  const { o, symbol, from, to, delay } = checkFetchOptions(options);
  const base = o.baseUrl.replace(/\/+$/, "");
  const entry = (kind: ArchiveKind, a: ArchiveFile): FetchedFile =>
    ({ kind, period: a.period, date: a.date, url: `${base}/${a.path}`, path: join(o.cacheDir, a.path), ...archiveSpan(a), status: "failed", verified: false, bytes: 0 });
  const now = o.now ?? Date.now();
  const files: FetchedFile[] = [];
  for (const kind of o.kinds) {
    for (const a of planArchiveFiles({ market: o.market, kind, symbol, from, to, interval: o.interval, period: o.period, now })) files.push(entry(kind, a));
  }
  // The daily files standing in for a monthly file the archive does not have (yet), within the range.
  const dailyFor = (m: FetchedFile): FetchedFile[] =>
    planArchiveFiles({ market: o.market, kind: m.kind, symbol, from: Math.max(m.from, from), to: Math.min(m.to - 86_400_000, to), interval: o.interval, period: "daily" }).map((a) => entry(m.kind, a));
  const say = o.progress === false ? () => {} : typeof o.progress === "function" ? o.progress : (line: string) => { process.stderr.write(line + "\n"); };
  const run: Run = { verify: o.verify, retries: o.retries, delay };
  // The archive publishes a month's file some days after the month ends; a month that ended longer
  // ago than this and is missing is not in the archive at all (a symbol listed later, a typo), and
  // its daily files would only be 30 more misses.
  const recent = (f: FetchedFile) => now - f.to <= MONTHLY_DELAY_MS;
  const queue = [...files];
  let next = 0, done = 0, active = 0;
  const one = async (f: FetchedFile) => {
    await fetchOne(f, run);
    const name = f.path.split(/[\\/]/).pop();
    if (f.status === "missing" && f.period === "monthly" && o.period === "auto" && ARCHIVE_PERIODS[f.kind].includes("daily") && recent(f)) {
      // A month just ended is published monthly some days later: its daily files are there first.
      const days = dailyFor(f);
      files.splice(files.indexOf(f), 1, ...days);
      queue.push(...days);
      say(`${name} not in the archive (yet): fetching its ${days.length} daily files instead`);
      return;
    }
    done++;
    const detail = f.status === "failed" ? `: ${f.error}` : f.status === "missing" ? " (not in the archive)"
      : ` ${(f.bytes / 1024).toFixed(0)} kB${f.verified ? ", sha256 ok" : o.verify ? `, ${f.error ?? "not verified: no .CHECKSUM published"}` : ""}`;
    say(`[${done}/${files.length}] ${name} ${f.status}${detail}`);
  };
  // A pool of `concurrency` transfers, refilled as each ends (the queue grows on a fallback).
  await new Promise<void>((resolve, reject) => {
    const pump = () => {
      if (active === 0 && next >= queue.length) { resolve(); return; }
      while (active < o.concurrency && next < queue.length) {
        const f = queue[next++]!;
        active++;
        one(f).then(() => { active--; pump(); }, reject);
      }
    };
    pump();
  });
  const count = (s: FetchedFile["status"]) => files.filter((f) => f.status === s).length;
  const kept = files.filter((f) => f.status === "downloaded" || f.status === "cached");
  return {
    files, paths: kept.map((f) => f.path), from, to: to + 86_400_000,
    downloaded: count("downloaded"), cached: count("cached"), missing: count("missing"), failed: count("failed"),
    unverified: kept.filter((f) => !f.verified).length,
  };
}
