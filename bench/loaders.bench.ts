/**
 * Loader workloads: parse real-layout Binance archive CSVs from disk into canonical tables.
 * - load-aggTrades-1M: a one-million-row futures aggTrades CSV (with header);
 * - load-klines-1m-year: a year of one-minute klines, 525,600 rows (with header).
 * Files are generated seeded into a temp dir during setup; `candles` is the row count, so
 * rows/s = candles / seconds. Run with `npm run bench -- --only load-`, or on its own:
 * `node --import tsx bench/loaders.bench.ts [--json]`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBinanceAggTrades } from "../src/data/formats/binance-agg-trades";
import { loadBinanceKlines } from "../src/data/formats/binance-klines";
import { BINANCE_AGG_TRADES_COLUMNS, BINANCE_KLINES_COLUMNS } from "../src/data/schema";
import type { Workload } from "./workload";

const T0 = Date.UTC(2024, 0, 1);

/** mulberry32: small seeded PRNG in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** aggTrades CSV text: a tick random walk, trades 0–60 ms apart. */
export function aggTradesCsv(n: number, seed = 1): string {
  const r = prng(seed);
  const out: string[] = [BINANCE_AGG_TRADES_COLUMNS.join(",")];
  let price = 42_000, t = T0, id = 1_979_286_745, trade = 4_407_453_123;
  for (let i = 0; i < n; i++) {
    price = Math.max(1000, price + Math.round((r() - 0.5) * 4) / 10);
    t += Math.floor(r() * 60);
    const k = 1 + Math.floor(r() * 3);
    out.push(`${id++},${price.toFixed(1)},${(r() * 2).toFixed(3)},${trade},${trade + k - 1},${t},${r() < 0.5 ? "true" : "false"}`);
    trade += k;
  }
  return out.join("\n") + "\n";
}

/** Klines CSV text: `n` consecutive one-minute bars. */
export function klinesCsv(n: number, seed = 2): string {
  const r = prng(seed);
  const out: string[] = [BINANCE_KLINES_COLUMNS.join(",")];
  let close = 42_000;
  for (let i = 0; i < n; i++) {
    const open = close;
    close = Math.max(1000, open * (1 + (r() - 0.5) * 0.002));
    const high = Math.max(open, close) * (1 + r() * 0.0005), low = Math.min(open, close) * (1 - r() * 0.0005);
    const vol = r() * 300, buy = vol * r();
    const t = T0 + i * 60_000;
    out.push(`${t},${open.toFixed(2)},${high.toFixed(2)},${low.toFixed(2)},${close.toFixed(2)},${vol.toFixed(3)},${t + 59_999},${(vol * close).toFixed(5)},${Math.floor(vol * 10)},${buy.toFixed(3)},${(buy * close).toFixed(5)},0`);
  }
  return out.join("\n") + "\n";
}

function fileWorkload(name: string, rows: number, make: (n: number) => string, load: (path: string) => { table: { numRows(): number } }): Workload {
  let dir = "", path = "";
  return {
    name,
    candles: rows,
    runs: 3,
    setup() {
      dir = mkdtempSync(join(tmpdir(), "liqlab-bench-"));
      path = join(dir, `${name}.csv`);
      writeFileSync(path, make(rows));
      process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    },
    run() {
      const n = load(path).table.numRows();
      if (n !== rows) throw new Error(`${name}: loaded ${n} rows, expected ${rows}`);
    },
  };
}

export const workloads: Workload[] = [
  fileWorkload("load-aggTrades-1M", 1_000_000, aggTradesCsv, loadBinanceAggTrades),
  fileWorkload("load-klines-1m-year", 525_600, klinesCsv, loadBinanceKlines),
];

/** Standalone: times each workload (median of its runs) and prints rows/s. */
async function standalone(json: boolean): Promise<void> {
  for (const w of workloads) {
    await w.setup?.();
    await w.run();
    const times: number[] = [];
    for (let i = 0; i < (w.runs ?? 3); i++) {
      const t = process.hrtime.bigint();
      await w.run();
      times.push(Number(process.hrtime.bigint() - t) / 1e9);
    }
    times.sort((a, b) => a - b);
    const s = times[times.length >> 1]!;
    const rowsPerSecond = Math.round(w.candles! / s);
    if (json) process.stdout.write(JSON.stringify({ workload: w.name, rows: w.candles, seconds: +s.toFixed(4), rowsPerSecond }) + "\n");
    else process.stdout.write(`${w.name.padEnd(22)} ${String(w.candles).padStart(9)} rows  ${(s * 1000).toFixed(0).padStart(6)} ms  ${(rowsPerSecond / 1e6).toFixed(2)} M rows/s\n`);
  }
}

if (require.main === module) void standalone(process.argv.includes("--json"));
