/**
 * Loader workloads: parse real-layout Binance archive CSVs from disk into canonical tables.
 * - load-aggTrades-1M: a one-million-row futures aggTrades CSV (with header);
 * - load-klines-1m-year: a year of one-minute klines, 525,600 rows (with header).
 * Files are generated seeded into a temp dir during setup; `candles` is the row count, so
 * rows/s = candles / seconds. Run with `npm run bench -- --only load-`, or on its own:
 * `node --import tsx bench/loaders.bench.ts [--json]`.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBinanceAggTrades } from "../src/data/formats/binance-agg-trades";
import { loadBinanceKlines } from "../src/data/formats/binance-klines";
import { BINANCE_AGG_TRADES_COLUMNS, BINANCE_KLINES_COLUMNS } from "../src/data/schema";
import type { Workload } from "./workload";
import { mulberry32 } from "../src/util/random";

const T0 = Date.UTC(2024, 0, 1);

const prng = mulberry32;

/** Writes lines from `rows(emit)` to a file in 64k-line chunks, so setup's memory stays small. */
function writeLines(path: string, header: string, rows: (emit: (line: string) => void) => void): void {
  const fd = openSync(path, "w");
  let chunk: string[] = [header];
  const flush = () => { writeSync(fd, chunk.join("\n") + "\n"); chunk = []; };
  rows((line) => { chunk.push(line); if (chunk.length === 65_536) flush(); });
  if (chunk.length) flush();
  closeSync(fd);
}

/** aggTrades CSV rows: a tick random walk, trades 0–60 ms apart. */
export function aggTradesRows(n: number, emit: (line: string) => void, seed = 1): void {
  const r = prng(seed);
  let price = 42_000, t = T0, id = 1_979_286_745, trade = 4_407_453_123;
  for (let i = 0; i < n; i++) {
    price = Math.max(1000, price + Math.round((r() - 0.5) * 4) / 10);
    t += Math.floor(r() * 60);
    const k = 1 + Math.floor(r() * 3);
    emit(`${id++},${price.toFixed(1)},${(r() * 2).toFixed(3)},${trade},${trade + k - 1},${t},${r() < 0.5 ? "true" : "false"}`);
    trade += k;
  }
}

/** Klines CSV rows: `n` consecutive one-minute bars. */
export function klinesRows(n: number, emit: (line: string) => void, seed = 2): void {
  const r = prng(seed);
  let close = 42_000;
  for (let i = 0; i < n; i++) {
    const open = close;
    close = Math.max(1000, open * (1 + (r() - 0.5) * 0.002));
    const high = Math.max(open, close) * (1 + r() * 0.0005), low = Math.min(open, close) * (1 - r() * 0.0005);
    const vol = r() * 300, buy = vol * r();
    const t = T0 + i * 60_000;
    emit(`${t},${open.toFixed(2)},${high.toFixed(2)},${low.toFixed(2)},${close.toFixed(2)},${vol.toFixed(3)},${t + 59_999},${(vol * close).toFixed(5)},${Math.floor(vol * 10)},${buy.toFixed(3)},${(buy * close).toFixed(5)},0`);
  }
}

function fileWorkload(name: string, rows: number, header: readonly string[], make: (n: number, emit: (line: string) => void) => void, load: (path: string) => { table: { numRows(): number } }): Workload {
  let dir = "", path = "";
  return {
    name,
    candles: rows,
    runs: 3,
    setup() {
      dir = mkdtempSync(join(tmpdir(), "liqlab-bench-"));
      path = join(dir, `${name}.csv`);
      writeLines(path, header.join(","), (emit) => make(rows, emit));
      process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    },
    run() {
      const n = load(path).table.numRows();
      if (n !== rows) throw new Error(`${name}: loaded ${n} rows, expected ${rows}`);
    },
  };
}

export const workloads: Workload[] = [
  fileWorkload("load-aggTrades-1M", 1_000_000, BINANCE_AGG_TRADES_COLUMNS, aggTradesRows, loadBinanceAggTrades),
  fileWorkload("load-klines-1m-year", 525_600, BINANCE_KLINES_COLUMNS, klinesRows, loadBinanceKlines),
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
