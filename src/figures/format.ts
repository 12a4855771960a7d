/**
 * Number and time formatting for labels. Axis tick formats use d3-format strings plotly applies
 * itself; text we write (titles, annotations) uses the same conventions: USD with thousands
 * separators, times in UTC.
 */
import { error } from "../util/errors";

/** d3-format for USD axes and hovers: "$65,432". */
export const USD_FORMAT = "$,.0f";

/** Throws unless `x` is a number or a BigInt (Arrow and Parquet int64 columns arrive as BigInt). */
function amount(x: unknown, who: string): number | bigint {
  if (typeof x === "number" || typeof x === "bigint") return x;
  throw error("needs a USD amount (a number or a BigInt)", { symbol: who, value: x });
}

/** "$12,345,678" — whole dollars with thousands separators. A BigInt is written exactly. */
export function usd(x: number | bigint): string {
  const v = amount(x, "usd");
  if (typeof v === "bigint") return `${v < 0n ? "-" : ""}$${(v < 0n ? -v : v).toLocaleString("en-US")}`;
  const sign = v < 0 ? "-" : "";
  return `${sign}$${Math.round(Math.abs(v)).toLocaleString("en-US")}`;
}

/**
 * "$0.01", "$0.002", "$12,345": a USD amount, whole dollars from $1 up (as `usd`), and under $1
 * with the decimals its first significant digit needs (at least cents), so a tick at $0.01 does
 * not read "$0". For tick labels and hovers of amounts that can be below a dollar.
 */
export function usdAmount(x: number): string {
  const a = Math.abs(x);
  if (a === 0 || a >= 1 || !Number.isFinite(a)) return usd(x);
  const d = Math.min(MAX_DECIMALS, Math.max(2, Math.ceil(-Math.log10(a) - 1e-9)));
  return fixedUsd(x, d);
}

/** Most decimals any price label gets (plotly and toLocaleString take up to 20). */
const MAX_DECIMALS = 12;

/**
 * Decimals for prices on a grid of bin width `step` whose largest price is `top`: enough that
 * neighbouring bins differ (⌈−log10 step⌉, 0 for a step of $1 or more) and that prices keep at
 * least 2 significant digits. A BTC grid (step $20, prices near $65,000) gets 0, so its labels
 * read "$65,432" as before; a DOGE grid (step $0.001, near $0.15) gets 3: "$0.152".
 */
export function priceDecimals(step: number, top: number): number {
  const byStep = step > 0 && Number.isFinite(step) ? Math.ceil(-Math.log10(step) - 1e-9) : 0;
  const a = Math.abs(top);
  const byMagnitude = a > 0 && Number.isFinite(a) ? 1 - Math.floor(Math.log10(a) + 1e-9) : 0;
  return Math.min(MAX_DECIMALS, Math.max(0, byStep, byMagnitude));
}

/** d3-format for price hovers with `decimals` decimals: "$,.0f" (= USD_FORMAT), "$,.3f". */
export function priceFormat(decimals: number): string {
  return `$,.${decimals}f`;
}

/**
 * d3-format for a price axis: "$,.0f" (= USD_FORMAT) for whole dollars, else up to `decimals`
 * decimals with trailing zeros dropped ("$,.1~f": a tick at $180 reads "$180", not "$180.0").
 */
/**
 * The tick format of a USD axis whose largest value is `max`: whole dollars, or cents when the
 * axis stays under $10 (every tick of a map of a few cents would read "$0").
 */
export function usdAxisFormat(max: number): string {
  return max < 10 ? "$,.2~f" : USD_FORMAT;
}

export function priceAxisFormat(decimals: number): string {
  return decimals === 0 ? USD_FORMAT : `$,.${decimals}~f`;
}

/** A price with `decimals` decimals and thousands separators: "$65,432", "$0.152". */
export function priceText(x: number, decimals: number): string {
  return decimals === 0 ? usd(x) : fixedUsd(x, decimals);
}

/**
 * A price someone chose (a threshold), written as given: $200 on a grid with cents reads "$200",
 * $0.145 "$0.145", and $95.2 on a whole-dollar grid "$95.2" (two chosen thresholds never read
 * alike). Up to three decimals beyond the grid's; a computed price with more (64,316.34 × 0.97)
 * is written to the grid's `decimals`.
 */
export function priceTextTrimmed(x: number, decimals: number): string {
  // As many decimals as the number has (95.2 on a whole-dollar grid is $95.2, not $95), and no
  // more than the grid's where it has more (a computed 95.20000000000002).
  const most = Math.min(decimals + 3, 12);
  for (let d = 0; d <= most; d++) if (Math.abs(x - Number(x.toFixed(d))) < 1e-12 * Math.max(1, Math.abs(x))) return priceText(x, d);
  return priceText(x, decimals);
}

function fixedUsd(x: number, d: number): string {
  const body = Math.abs(x).toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
  // No "-$0.000" for a negative value that rounds to zero.
  const sign = x < 0 && /[1-9]/.test(body) ? "-" : "";
  return `${sign}$${body}`;
}

/**
 * "$12.3M", "$845K", "$1.20B", "$1.50T": short USD for annotations where space is tight; ±Infinity
 * and NaN as `usd` writes them. A BigInt is shortened as the number it rounds to (one past the
 * largest number is written in full by `usd`).
 */
export function usdShort(x: number | bigint): string {
  const v = amount(x, "usdShort");
  if (typeof v === "bigint") return Number.isFinite(Number(v)) ? usdShort(Number(v)) : usd(v);
  return shortUsd(v);
}

function shortUsd(x: number): string {
  if (!Number.isFinite(x)) return usd(x);
  const a = Math.abs(x);
  const sign = x < 0 ? "-" : "";
  if (Number((a / 1e9).toFixed(2)) >= 1000) return `${sign}$${(a / 1e12).toFixed(2)}T`;
  // The unit is chosen on the amount as it will be written: 999,990,000 rounds to 1000.0M at one
  // decimal, so it is written $1.00B (and 999,999 as $1.0M, not $1000K).
  if (Number(a.toFixed(0)) >= 1e9 || Number((a / 1e6).toFixed(1)) >= 1000) return `${sign}$${(a / 1e9).toFixed(2)}B`;
  if (a >= 1e6 || Number((a / 1e3).toFixed(0)) >= 1000) return `${sign}$${(a / 1e6).toFixed(1)}M`;
  if (Number(a.toFixed(0)) >= 1e3) return `${sign}$${(a / 1e3).toFixed(0)}K`;
  // Under a dollar, cents: $0.50 written as "$1" (or $0.3 as "$0") is another amount.
  if (a > 0 && Number(a.toFixed(2)) < 1) return `${sign}$${a.toFixed(2)}`;
  return `${sign}$${a.toFixed(0)}`;
}

// UTC labels live in util/time.ts (the engine writes them in captions too); figures use them from here.
export { utcLabel, utcPlotly } from "../util/time";

/** "99th", "1st", "22nd", "95.5th": a percentile as an ordinal. */
export function ordinal(p: number): string {
  if (!Number.isInteger(p)) return `${p}th`;
  const teen = Math.abs(p) % 100;
  if (teen >= 11 && teen <= 13) return `${p}th`;
  const suffix = ["th", "st", "nd", "rd"][Math.abs(p) % 10] ?? "th";
  return `${p}${suffix}`;
}
