/**
 * Distance from entry to liquidation by leverage, beside the naive 1/L, as a Markdown table for
 * docs/margin.md (a test asserts the docs hold exactly what this computes).
 */
import { liquidationPrice } from "./liquidation";
import { resolveBrackets } from "./resolve";
import { bracketIndexAt } from "./brackets";
import { error, finite, positive } from "../util/errors";

/** Options of `distanceRows`, each with its default. */
export interface DistanceOptions {
  /** Binance USD-M symbol whose default brackets are used. Default "BTCUSDT". */
  symbol?: string;
  /** Entry notionals in USD, one pair of columns each. Default [10_000, 1_000_000]. */
  notionals?: number[];
  /** Leverages, one row each. Default 1, 2, 3, 5, 10, 20, 25, 50, 75, 100, 125. */
  leverages?: number[];
  /** Entry price, USD; distances are nearly independent of it. Default 100,000. */
  entryPrice?: number;
}

export interface DistanceRow {
  leverage: number;
  /** 1/L, the naive distance, as a fraction. */
  naive: number;
  /** Per notional: long and short distance |liq − entry| / entry, or NaN where the leverage is not allowed. */
  long: number[];
  short: number[];
}

const DEFAULTS = { symbol: "BTCUSDT", notionals: [10_000, 1_000_000], leverages: [1, 2, 3, 5, 10, 20, 25, 50, 75, 100, 125], entryPrice: 100_000 };

/** The options with defaults filled in (null reads as not given) and each checked, naming the option, the entry and the value. */
function resolveDistanceOptions(options: DistanceOptions | null): Required<DistanceOptions> {
  if (options !== null && typeof options !== "object") throw error("options must be an object", { symbol: "distanceRows", column: "options", value: options });
  const o = options ?? {};
  const where = { symbol: "distanceRows" };
  const list = (name: "notionals" | "leverages", check: (x: unknown, label: string) => number): number[] => {
    const v: unknown = o[name] ?? DEFAULTS[name];
    if (!Array.isArray(v)) throw error(`${name} must be an array of numbers`, { ...where, column: name, value: v });
    return v.map((x: unknown, i) => check(x, `${name}[${i}]`));
  };
  const notionals = list("notionals", (x, label) => positive(x, label, where));
  const leverages = list("leverages", (x, label) => {
    const v = finite(x, label, where);
    if (!(v >= 1)) throw error(`${label} must be at least 1`, { ...where, column: label, value: x });
    return v;
  });
  return { symbol: o.symbol ?? DEFAULTS.symbol, notionals, leverages, entryPrice: positive(o.entryPrice ?? DEFAULTS.entryPrice, "entryPrice", where) };
}

/** Exchange-exact distances to liquidation (Binance USD-M isolated) by leverage and notional. */
export function distanceRows(options: DistanceOptions | null = {}): DistanceRow[] {
  const o = resolveDistanceOptions(options);
  const brackets = resolveBrackets({ exchange: "binance", contract: "linear", symbol: o.symbol });
  return o.leverages.map((leverage) => {
    const row: DistanceRow = { leverage, naive: 1 / leverage, long: [], short: [] };
    for (const notional of o.notionals) {
      const allowed = leverage <= brackets.maxLeverage[bracketIndexAt(brackets, notional)]!;
      for (const side of ["long", "short"] as const) {
        const d = allowed
          ? Math.abs(liquidationPrice({ exchange: "binance", contract: "linear", margin: "isolated", symbol: o.symbol, side, entryPrice: o.entryPrice, quantity: notional / o.entryPrice, leverage }).price - o.entryPrice) / o.entryPrice
          : NaN;
        row[side].push(d);
      }
    }
    return row;
  });
}

/** `distanceRows` as a Markdown table; percentages to 3 decimals, "—" where the leverage is not allowed. */
export function distanceMarkdown(options: DistanceOptions | null = {}): string {
  const o = resolveDistanceOptions(options);
  const pct = (x: number) => (Number.isNaN(x) ? "—" : `${(100 * x).toFixed(3)}%`);
  const usd = (x: number) => `$${x >= 1e6 ? `${x / 1e6}M` : `${x / 1e3}k`}`;
  const head = ["leverage", "naive 1/L", ...o.notionals.flatMap((n) => [`long ${usd(n)}`, `short ${usd(n)}`])];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---:").join("|")}|`];
  for (const r of distanceRows(o)) {
    const cells = [`${r.leverage}x`, pct(r.naive), ...o.notionals.flatMap((_, i) => [pct(r.long[i]!), pct(r.short[i]!)])];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}
