/**
 * Engine workloads (the targets on the 2-core machine):
 * - replay-1m-year: 525,600 one-minute candles, 5 tiers, a 1,000-bin grid, hourly heatmap columns
 *   (target < 0.5 s, < 300 MB peak);
 * - replay-5m-heatmap-every-bar: 5,000 five-minute candles, a heatmap column after every bar,
 *   4 tiers, 1,100 bins (target < 15 ms);
 * - replay-scaling-N: the main workload's replay + hourly heatmap at N candles, for linearity.
 */
import { replay } from "../src/engine/index";
import type { Workload } from "./workload";
import { synthetic } from "./synthetic";

const MINUTE = 60_000;
const HOUR = 3_600_000;

function yearly(n: number): Workload {
  let data: ReturnType<typeof synthetic>;
  return {
    name: n === 525_600 ? "replay-1m-year" : `replay-scaling-${n}`,
    candles: n,
    setup() {
      data = synthetic({ n, interval: MINUTE, seed: 1 });
    },
    run() {
      const model = replay({
        ...data,
        leverage: "retail",
        grid: { step: 20, lo: 20_000, bins: 1_000 },
        heatmap: { step: HOUR },
      });
      model.heatmap({ step: HOUR });
    },
  };
}

function perBar(): Workload {
  let data: ReturnType<typeof synthetic>;
  return {
    name: "replay-5m-heatmap-every-bar",
    candles: 5_000,
    // A run takes tens of ms while the optimising compiler needs 30-90 ms of background time for
    // the bar loop: three warm-up runs can end before the compiled loop is installed.
    warmup: 20,
    runs: 21,
    setup() {
      // 5-minute bars, about 1.7 times the one-minute volatility, within the 1,100-bin window.
      data = synthetic({ n: 5_000, interval: 5 * MINUTE, seed: 2, vol: 0.0018, lo: 25_000, hi: 35_000 });
    },
    run() {
      const model = replay({
        ...data,
        leverage: "even4",
        grid: { step: 20, lo: 19_000, bins: 1_100 },
        heatmap: {},
      });
      model.heatmap();
    },
  };
}

/**
 * The floor under replay-5m-heatmap-every-bar on this machine: the same matrix (5,000 columns ×
 * 1,100 float32 bins, allocated per run) and the same cells written (each column's occupied span,
 * taken from a real replay in setup), each a plain scaled copy from a small float64 array, with no
 * book, no replay and no sums. Whatever the engine does on top of this is its own cost; this part
 * is memory: allocating and writing about 13 MB of cells.
 */
function outputFloor(): Workload {
  let spans: Int32Array;
  const bins = 1_100;
  const source = Float64Array.from({ length: bins }, (_, i) => 1 + (i % 97));
  return {
    name: "heatmap-output-floor-5m",
    candles: 5_000,
    warmup: 20,
    runs: 21,
    setup() {
      const data = synthetic({ n: 5_000, interval: 5 * MINUTE, seed: 2, vol: 0.0018, lo: 25_000, hi: 35_000 });
      const z = replay({ ...data, leverage: "even4", grid: { step: 20, lo: 19_000, bins }, heatmap: {} }).heatmap().z;
      spans = new Int32Array(2 * z.length);
      z.forEach((col, c) => {
        let a = 0;
        let b = col.length - 1;
        while (a <= b && col[a] === 0) a++;
        while (b >= a && col[b] === 0) b--;
        spans[2 * c] = a;
        spans[2 * c + 1] = b;
      });
    },
    run() {
      const count = spans.length / 2;
      const out = new Float32Array(count * bins);
      for (let c = 0; c < count; c++) copySpan(out, c * bins, spans[2 * c], spans[2 * c + 1], source, 0.5);
    },
  };
}

function copySpan(out: Float32Array, at: number, a: number, b: number, source: Float64Array, scale: number): void {
  for (let j = a; j <= b; j++) out[at + j] = source[j] * scale;
}

export const workloads: Workload[] = [yearly(525_600), perBar(), outputFloor(), ...[10_000, 50_000, 100_000, 250_000, 525_600].map((n) => ({ ...yearly(n), name: `replay-scaling-${n}` }))];
