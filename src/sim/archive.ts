/**
 * Writes a simulation in Binance's public-archive file layouts (data.binance.vision), with the
 * column orders the data layer reads them with (src/data/schema.ts), so `liq.load()` and the
 * named loaders read the files back like real downloads:
 *   <SYMBOL>-<interval>-klines.csv             futures/um klines, with taker buy volume
 *   <SYMBOL>-spot-<interval>-klines.csv        spot klines (same layout)
 *   <SYMBOL>-metrics.csv                       5-minute open interest and long/short ratios
 *   <SYMBOL>-liquidationSnapshot.csv           one row per forced order
 *   <SYMBOL>-fundingRate.csv                   funding settlements
 * Numbers are written with fixed decimals, so the same simulation gives the same bytes.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  BINANCE_FUNDING_COLUMNS,
  BINANCE_KLINES_COLUMNS,
  BINANCE_LIQUIDATION_SNAPSHOT_COLUMNS,
  BINANCE_METRICS_COLUMNS,
} from "../data/schema";
import type { ColumnTable } from "arquero";
import type { Simulation } from "./simulate";
import { intervalLabel } from "../util/time";

const num = (t: ColumnTable, name: string) => t.array(name) as Float64Array;

/** Price decimals like the exchange's tick: 2 above $10, 4 below. */
const priceDigits = (p: number) => (p >= 10 ? 2 : 4);

/** "YYYY-MM-DD HH:MM:SS" UTC, the metrics file's create_time. */
export function archiveDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

/** Klines CSV (futures or spot): header + one row per bar. */
export function klinesCsv(candles: ColumnTable, intervalMs: number): string {
  const [time, open, high, low, close, volume, quote, trades, buy] = ["time", "open", "high", "low", "close", "volume", "quoteVolume", "trades", "takerBuyVolume"].map((n) => num(candles, n));
  const d = priceDigits(open![0] ?? 100);
  const rows = [BINANCE_KLINES_COLUMNS.join(",")];
  for (let i = 0; i < time!.length; i++) {
    const vwap = quote![i]! / Math.max(volume![i]!, 1e-12);
    rows.push([
      time![i], open![i]!.toFixed(d), high![i]!.toFixed(d), low![i]!.toFixed(d), close![i]!.toFixed(d),
      volume![i]!.toFixed(3), time![i]! + intervalMs - 1, quote![i]!.toFixed(4), trades![i],
      buy![i]!.toFixed(3), (buy![i]! * vwap).toFixed(4), 0,
    ].join(","));
  }
  return rows.join("\n") + "\n";
}

/** Metrics CSV: open interest (base and USD) and the three ratios, one row per snapshot. */
export function metricsCsv(oi: ColumnTable, symbol: string): string {
  const [time, base, usd, topAcc, topPos, acc, taker] = ["time", "openInterest", "openInterestUsd", "topTraderAccountRatio", "topTraderLongShortRatio", "longShortRatio", "takerBuySellRatio"].map((n) => num(oi, n));
  const rows = [BINANCE_METRICS_COLUMNS.join(",")];
  for (let i = 0; i < time!.length; i++) {
    rows.push([archiveDateTime(time![i]!), symbol, base![i]!.toFixed(4), usd![i]!.toFixed(4), topAcc![i]!.toFixed(4), topPos![i]!.toFixed(4), acc![i]!.toFixed(4), taker![i]!.toFixed(4)].join(","));
  }
  return rows.join("\n") + "\n";
}

/** liquidationSnapshot CSV: SELL liquidates a long, BUY a short; filled IOC limit orders. */
export function liquidationSnapshotCsv(liquidations: ColumnTable): string {
  const time = num(liquidations, "time");
  const side = liquidations.array("side") as string[];
  const price = num(liquidations, "price");
  const qty = num(liquidations, "quantity");
  const rows = [BINANCE_LIQUIDATION_SNAPSHOT_COLUMNS.join(",")];
  for (let i = 0; i < time.length; i++) {
    const p = price[i]!.toFixed(priceDigits(price[i]!));
    const q = qty[i]!.toFixed(3);
    rows.push([time[i], side[i] === "long" ? "SELL" : "BUY", "LIMIT", "IOC", q, p, p, "FILLED", q, q].join(","));
  }
  return rows.join("\n") + "\n";
}

/** fundingRate CSV: settlement time, interval hours, rate (fraction). */
export function fundingCsv(funding: ColumnTable, intervalHours: number): string {
  const time = num(funding, "time");
  const rate = num(funding, "fundingRate");
  const rows = [BINANCE_FUNDING_COLUMNS.join(",")];
  for (let i = 0; i < time.length; i++) rows.push([time[i], intervalHours, rate[i]!.toFixed(8)].join(","));
  return rows.join("\n") + "\n";
}

/** Writes the five archive files of `sim` into `dir` (created if needed); returns their paths. */
export function writeArchive(sim: Simulation, dir: string): Record<"klines" | "spotKlines" | "metrics" | "liquidationSnapshot" | "fundingRate", string> {
  mkdirSync(dir, { recursive: true });
  const { symbol, intervalMs, fundingIntervalHours } = sim.options;
  const iv = intervalLabel(intervalMs);
  const files = {
    klines: [join(dir, `${symbol}-${iv}-klines.csv`), klinesCsv(sim.candles, intervalMs)],
    spotKlines: [join(dir, `${symbol}-spot-${iv}-klines.csv`), klinesCsv(sim.spotCandles, intervalMs)],
    metrics: [join(dir, `${symbol}-metrics.csv`), metricsCsv(sim.openInterest, symbol)],
    liquidationSnapshot: [join(dir, `${symbol}-liquidationSnapshot.csv`), liquidationSnapshotCsv(sim.liquidations)],
    fundingRate: [join(dir, `${symbol}-fundingRate.csv`), fundingCsv(sim.funding, fundingIntervalHours)],
  } as const;
  const out = {} as Record<keyof typeof files, string>;
  for (const [k, [path, text]] of Object.entries(files) as [keyof typeof files, readonly [string, string]][]) {
    writeFileSync(path, text);
    out[k] = path;
  }
  return out;
}
