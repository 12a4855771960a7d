/**
 * Time parsing shared by every loader: epoch numbers in any common unit and UTC date strings
 * become epoch milliseconds. A value that is not a time returns NaN here; callers turn that
 * into an error naming file, line, column and value (never a silent NaN in a table).
 */

import { intervalLabel, stampedToLastSecond } from "../util/time";

/** Earliest accepted time (2000-01-01 UTC): anything earlier is a unit mistake, not market data. */
export const MIN_TIME_MS = 946_684_800_000;
/** Latest accepted time (2100-01-01 UTC). */
export const MAX_TIME_MS = 4_102_444_800_000;

/**
 * Epoch number → ms, unit chosen by magnitude: ≥1e17 ns, ≥1e14 µs, ≥1e11 ms, ≥1e9 s.
 * Returns NaN outside 2000..2100.
 */
export function epochToMs(v: number): number {
  let ms: number;
  if (!(v >= 1e9) || v >= 1e20) return NaN;
  if (v >= 1e17) ms = v / 1e6;
  else if (v >= 1e14) ms = v / 1e3;
  else if (v >= 1e11) ms = v;
  else ms = v * 1000;
  return ms >= MIN_TIME_MS && ms < MAX_TIME_MS ? ms : NaN;
}

/** The unit `epochToMs` picks for a value, for report notes. */
export function epochUnit(v: number): "ns" | "µs" | "ms" | "s" {
  return v >= 1e17 ? "ns" : v >= 1e14 ? "µs" : v >= 1e11 ? "ms" : "s";
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/;

/**
 * A time option as ms: a Date's time, a number as it is, a string through parseDateString; NaN
 * for anything else. The one reading of the loaders' from/to and the downloader's days; each
 * caller checks the range and names its option.
 */
export function timeOf(v: unknown): number {
  return v instanceof Date ? v.getTime() : typeof v === "number" ? v : typeof v === "string" ? parseDateString(v) : NaN;
}

/**
 * A UTC date string → ms: `2024-01-02`, `2024-01-02 03:04:05`, `2024-01-02T03:04:05.123Z`,
 * `...+08:00`. No zone means UTC. Invalid calendar values (month 13, Feb 30) and offsets
 * (+25:00, +08:75) return NaN.
 */
export function parseDateString(s: string): number {
  const m = DATE_RE.exec(s.trim());
  if (!m) return NaN;
  const y = +m[1]!, mo = +m[2]!, d = +m[3]!;
  const h = m[4] ? +m[4] : 0, mi = m[5] ? +m[5] : 0, sec = m[6] ? +m[6] : 0;
  const frac = m[7] ? Number("0." + m[7]) * 1000 : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return NaN;
  let ms = Date.UTC(y, mo - 1, d, h, mi, sec) + frac;
  const z = m[8];
  if (z && z !== "Z" && z !== "UTC") {
    const sign = z[0] === "-" ? -1 : 1;
    const digits = z.slice(1).replace(":", "");
    const oh = +digits.slice(0, 2), om = +digits.slice(2);
    // Real offsets run from −12:00 to +14:00 in whole minutes below 60.
    if (oh > 14 || om > 59) return NaN;
    ms -= sign * (oh * 60 + om) * 60_000;
  }
  return ms >= MIN_TIME_MS && ms < MAX_TIME_MS ? ms : NaN;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A number or string time (epoch in any unit, or a date string) → ms, or NaN. */
export function toTimeMs(v: unknown): number {
  if (typeof v === "number") return epochToMs(v);
  if (typeof v !== "string") return NaN;
  const s = v.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return epochToMs(Number(s));
  return parseDateString(s);
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Interval text such as `1m`, `5m`, `4h`, `1d`, `1w` → ms; `1M` (calendar month) → NaN. */
export function intervalMs(text: string): number {
  const m = /^(\d+)\s*([smhdw])$/.exec(text.trim());
  return m ? +m[1]! * UNIT_MS[m[2]!]! : NaN;
}

/**
 * A bar's span as the loaders read it from its close time, rounded to the second: Binance stamps
 * close_time = open + interval − 1 ms (and other sources open + interval), both the same interval.
 */
export function closeSpan(close: number, open: number): number {
  const s = Math.round((close - open) / 1000) * 1000;
  // A close stamped to the second (00:59:59 for the 00:00 hourly bar) is the bar's last second.
  return close - open === s && stampedToLastSecond(s) ? s + 1000 : s;
}

/** ms → the interval label (`60000` → `1m`, `14400000` → `4h`; util/time), re-exported for the loaders, which read their time helpers here. */
export { intervalLabel };

/** ms → `2024-01-02 03:04:05` UTC (milliseconds shown only when non-zero). */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? iso.slice(0, 19).replace("T", " ") : iso.slice(0, 23).replace("T", " ");
}
