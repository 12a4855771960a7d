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
  if (typeof ms !== "number" || !(ms >= FIRST_MS && ms <= LAST_MS)) throw error("time must be epoch ms UTC in the years 0000 to 9999 (-62167219200000 to 253402300799999)", { column: "time", value: ms });
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** True when `utcLabel` can write `ms` (years 0000 to 9999). */
export function inYears(ms: number): boolean {
  return typeof ms === "number" && ms >= FIRST_MS && ms <= LAST_MS;
}
