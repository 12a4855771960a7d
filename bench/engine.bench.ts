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

export const workloads: Workload[] = [yearly(525_600), perBar(), ...[10_000, 50_000, 100_000, 250_000, 525_600].map((n) => ({ ...yearly(n), name: `replay-scaling-${n}` }))];
