/**
 * UTC time labels: the one way figures, captions and error messages write an epoch-ms time.
 */
import { error } from "./errors";

/** 0000-01-01 00:00 and 9999-12-31 23:59:59.999 UTC, epoch ms: the times a 4-digit year writes. */
const FIRST_MS = -62_167_219_200_000;
const LAST_MS = 253_402_300_799_999;

/** "2026-06-08 15:30 UTC" for an epoch-ms time. */
export function utcLabel(ms: number): string {
  return `${utcPlotly(ms).slice(0, 16)} UTC`;
}

/**
 * "2026-06-08 15:30:00": the form plotly date axes read without any time-zone shift, so the
 * axis shows UTC whatever the viewer's zone.
 */
export function utcPlotly(ms: number): string {
  // Past ±8.64e15 ms (or NaN) toISOString throws a RangeError; outside years 0000 to 9999 it writes
  // "+275760-09-13…", which the 4-digit form below and plotly's date axes misread.
  if (!inYears(ms)) throw error("time must be epoch ms UTC in the years 0000 to 9999 (-62167219200000 to 253402300799999)", { column: "time", value: ms });
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** True when `utcLabel` can write `ms` (years 0000 to 9999). */
export function inYears(ms: number): boolean {
  return typeof ms === "number" && ms >= FIRST_MS && ms <= LAST_MS;
}

/**
 * True when close − open, whole seconds, falls one second short of whole minutes: a close stamped
 * to its bar's last second (00:59:59 for the 00:00 hourly bar), whose length is one second more.
 */
export function stampedToLastSecond(span: number): boolean {
  return span % 1000 === 0 && span % 60_000 !== 0 && (span + 1000) % 60_000 === 0;
}

/**
 * A bar's length from its close stamp, ms. The stamp is the bar's last ms (Binance: open +
 * interval − 1), its last second (exports at second precision: 00:59:59 for the 00:00 hourly bar),
 * or its end (open + interval): close − open + 1, + 1000 when that makes whole minutes of a bar
 * stamped to the second, or close − open when that is whole seconds already. Other spans are kept
 * to the ms (a 1,600 ms bar's last ms is 1,599 ms after its open). NaN when the close is not after
 * the open. The engine and the market layer read bar lengths this way.
 */
export function barSpanMs(close: number, open: number): number {
  const span = close - open;
  if (!(span > 0)) return NaN;
  if ((span + 1) % 1000 === 0) return span + 1;
  if (stampedToLastSecond(span)) return span + 1000;
  return span % 1000 === 0 ? span : span + 1;
}

/**
 * "5m", "4h", "1d", "1w": an interval in the largest whole unit (Binance's interval names; 90 s is
 * "90s"), or "250ms" below a second. The one interval label of error messages, file names and
 * summaries.
 */
export function intervalLabel(ms: number): string {
  for (const [unit, size] of [["w", 604_800_000], ["d", 86_400_000], ["h", 3_600_000], ["m", 60_000], ["s", 1000]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
