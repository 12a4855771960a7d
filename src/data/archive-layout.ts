/**
 * Where files live in the Binance public archive (data.binance.vision), as pure functions:
 *   data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip
 *   data/futures/um/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01.zip
 *   data/futures/um/daily/metrics/BTCUSDT/BTCUSDT-metrics-2024-01-01.zip
 *   data/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2024-01.zip
 * each with a `<file>.CHECKSUM` beside it. The plan covers whole past months with monthly files
 * and the remaining days with daily files, for the data types that publish both.
 */
import { error } from "../util/errors";
import { MAX_TIME_MS, MIN_TIME_MS, timeOf } from "./time";

/** Archive data types the downloader knows. */
export type ArchiveKind =
  | "klines" | "markPriceKlines" | "indexPriceKlines" | "premiumIndexKlines"
  | "metrics" | "liquidationSnapshot" | "fundingRate" | "aggTrades" | "trades" | "bookDepth";

/** Which periods each type is published in. */
export const ARCHIVE_PERIODS: Readonly<Record<ArchiveKind, readonly ("daily" | "monthly")[]>> = {
  klines: ["daily", "monthly"],
  markPriceKlines: ["daily", "monthly"],
  indexPriceKlines: ["daily", "monthly"],
  premiumIndexKlines: ["daily", "monthly"],
  metrics: ["daily"],
  liquidationSnapshot: ["daily"],
  bookDepth: ["daily"],
  fundingRate: ["monthly"],
  aggTrades: ["daily", "monthly"],
  trades: ["daily", "monthly"],
};

const INTERVAL_KINDS: ReadonlySet<ArchiveKind> = new Set(["klines", "markPriceKlines", "indexPriceKlines", "premiumIndexKlines"]);

/** One archive file to fetch. */
export interface ArchiveFile {
  kind: ArchiveKind;
  period: "daily" | "monthly";
  /** `2024-01-01` or `2024-01`. */
  date: string;
  /** Path below the base URL, e.g. `data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip`. */
  path: string;
}

/** Market segment: USD-M futures, COIN-M futures or spot. */
export type Market = "um" | "cm" | "spot";

/** The market segments, as the archive path spells them. */
export const MARKETS: readonly Market[] = ["um", "cm", "spot"];

/** Kline intervals the archive publishes (`1s` for spot only). */
export const KLINE_INTERVALS: readonly string[] = ["1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w", "1mo"];

/** Archive path of one file. */
export function archivePath(market: Market, kind: ArchiveKind, period: "daily" | "monthly", symbol: string, date: string, interval = "1m"): string {
  const root = market === "spot" ? "data/spot" : `data/futures/${market}`;
  if (INTERVAL_KINDS.has(kind)) return `${root}/${period}/${kind}/${symbol}/${interval}/${symbol}-${interval}-${date}.zip`;
  return `${root}/${period}/${kind}/${symbol}/${symbol}-${kind}-${date}.zip`;
}

/** "2024-01-31" for an epoch-ms time, UTC. */
export const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A UTC day (`YYYY-MM-DD`, epoch ms or Date) → ms at 00:00 UTC. A number (or Date) outside
 * 2000..2100 as epoch ms is refused: Unix seconds (1704067200, 2024-01-01) read as ms would be
 * 1970-01-20, and the engine refuses such times the same way.
 */
export function toDay(v: string | number | Date, name: string): number {
  const ms = timeOf(v);
  if (!Number.isFinite(ms)) throw error(`${name} is not a date (expected YYYY-MM-DD)`, { column: name, value: v });
  if (ms < MIN_TIME_MS || ms >= MAX_TIME_MS) {
    const inRange = (x: number) => x >= MIN_TIME_MS && x < MAX_TIME_MS;
    const asMs = ms >= 0 && ms < 253_402_300_800_000 ? `${ymd(ms)} as epoch ms` : ""; // years 1970..9999 only
    const detail = inRange(ms * 1000) ? `${name} looks like Unix seconds (${ymd(ms * 1000)} as seconds${asMs && `, ${asMs}`})`
      : inRange(ms / 1000) ? `${name} looks like microseconds (${ymd(ms / 1000)} as µs)`
      : `${name} is not a time from 2000 to 2100${asMs && ` (${asMs})`}`;
    throw error(`${detail}: pass epoch ms UTC (seconds × 1000), a Date or YYYY-MM-DD`, { column: name, value: v instanceof Date ? ms : v });
  }
  return Math.floor(ms / 86_400_000) * 86_400_000;
}

/**
 * The files covering days `from..to` (inclusive, UTC). `period: "auto"` uses a monthly file for
 * each whole calendar month that ended before `now`, daily files for the rest (types with only
 * one period always use it).
 */
export function planArchiveFiles(o: {
  market: Market; kind: ArchiveKind; symbol: string; from: number; to: number; interval?: string; period?: "auto" | "daily" | "monthly"; now?: number;
}): ArchiveFile[] {
  const periods = ARCHIVE_PERIODS[o.kind];
  const want = o.period ?? "auto";
  if (want !== "auto" && !periods.includes(want)) throw error(`${o.kind} is not published ${want}`, { column: "period", value: want });
  const now = o.now ?? Date.now();
  const out: ArchiveFile[] = [];
  const file = (period: "daily" | "monthly", date: string): ArchiveFile => ({ kind: o.kind, period, date, path: archivePath(o.market, o.kind, period, o.symbol, date, o.interval) });
  const monthlyOnly = periods.length === 1 && periods[0] === "monthly";
  const dailyOnly = want === "daily" || (periods.length === 1 && periods[0] === "daily");
  let day = o.from;
  while (day <= o.to) {
    const d = new Date(day);
    const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    const nextMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    const wholeMonth = day === monthStart && nextMonth - 86_400_000 <= o.to && nextMonth <= now;
    if (monthlyOnly || want === "monthly" || (!dailyOnly && wholeMonth)) {
      out.push(file("monthly", ymd(monthStart).slice(0, 7)));
      day = nextMonth;
    } else {
      out.push(file("daily", ymd(day)));
      day += 86_400_000;
    }
  }
  return out;
}

/**
 * The UTC span a file holds, `from` (inclusive) to `to` (exclusive), epoch ms: a day, or a
 * calendar month for a monthly file (`2024-01` holds 2024-01-01 00:00 up to 2024-02-01 00:00).
 */
export function archiveSpan(f: Pick<ArchiveFile, "period" | "date">): { from: number; to: number } {
  if (f.period === "daily") {
    const from = Date.parse(f.date + "T00:00:00Z");
    return { from, to: from + 86_400_000 };
  }
  const [y, m] = f.date.split("-").map(Number) as [number, number];
  return { from: Date.UTC(y, m - 1, 1), to: Date.UTC(y, m, 1) };
}
