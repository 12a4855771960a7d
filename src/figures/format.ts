/**
 * Number and time formatting for labels. Axis tick formats use d3-format strings plotly applies
 * itself; text we write (titles, annotations) uses the same conventions: USD with thousands
 * separators, times in UTC.
 */

/** d3-format for USD axes and hovers: "$65,432". */
export const USD_FORMAT = "$,.0f";

/** "$12,345,678" — whole dollars with thousands separators. */
export function usd(x: number): string {
  const sign = x < 0 ? "-" : "";
  return `${sign}$${Math.round(Math.abs(x)).toLocaleString("en-US")}`;
}

/** "$12.3M", "$845K", "$1.20B": short USD for annotations where space is tight. */
export function usdShort(x: number): string {
  const a = Math.abs(x);
  const sign = x < 0 ? "-" : "";
  if (a >= 1e9) return `${sign}$${(a / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${sign}$${(a / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${sign}$${(a / 1e3).toFixed(0)}K`;
  return `${sign}$${a.toFixed(0)}`;
}

/** "2026-06-08 15:30 UTC" for an epoch-ms time. */
export function utcLabel(ms: number): string {
  return `${utcPlotly(ms).slice(0, 16)} UTC`;
}

/**
 * "2026-06-08 15:30:00": the form plotly date axes read without any time-zone shift, so the
 * axis shows UTC whatever the viewer's zone.
 */
export function utcPlotly(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** "99th", "1st", "22nd", "95.5th": a percentile as an ordinal. */
export function ordinal(p: number): string {
  if (!Number.isInteger(p)) return `${p}th`;
  const teen = Math.abs(p) % 100;
  if (teen >= 11 && teen <= 13) return `${p}th`;
  const suffix = ["th", "st", "nd", "rd"][Math.abs(p) % 10] ?? "th";
  return `${p}${suffix}`;
}
