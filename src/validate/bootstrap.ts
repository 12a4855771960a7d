/**
 * `compareBootstrap(result, options)`: how sure is "the model beats the baseline"? Liquidations
 * cluster in time (a crash is many bars), so bars are not independent draws: the scored bars are
 * resampled in blocks of consecutive bars (a moving-block bootstrap), the model and the baseline
 * on the same resampled bars (paired), and each resample's difference model − baseline is kept.
 * The table gives, per side and metric, the difference on the bars as they are, a central
 * interval of the resampled differences and the share of resamples in which the model did not
 * win. Calibration is left out: it has no target to be nearer to.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { error } from "../util/errors";
import { markEstimate } from "../util/estimate";
import { mulberry32 } from "../util/random";
import { logPearson, spearman, topCapture } from "./metrics";
import type { BacktestResult } from "./types";

export interface BootstrapOptions {
  /** Bars per block, a whole number in [1, bars scored]. Default: one day of bars (86,400,000 ms / the bar interval, rounded; at least 1). */
  blockBars?: number;
  /** Resamples, a whole number >= 100. Default 1000. */
  samples?: number;
  /** Seed of the resampling (mulberry32): the same seed gives the same table. Default 1. */
  seed?: number;
  /** Central share of the resampled differences the interval holds, in (0, 1). Default 0.95. */
  level?: number;
}

export const BOOTSTRAP_DEFAULTS = { samples: 1000, seed: 1, level: 0.95 } as const;

const DAY = 86_400_000;
const METRICS = ["spearman", "logPearson", "topCapture"] as const;

/** Linear-interpolation quantile (type 7) of sorted values. */
function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function column(result: BacktestResult, name: string, n: number): Float64Array {
  const c = result.series.array(name) as ArrayLike<number> | undefined;
  if (!c || c.length !== n) throw error(`result.series needs a column "${name}" of ${n} bars (a backtest() result)`, { symbol: "compareBootstrap", column: name, value: c ? `length ${c.length}` : undefined });
  return Float64Array.from(c);
}

/**
 * Rows `side`, `metric`, `model`, `baseline`, `difference` (model − baseline on the scored bars),
 * `low`, `high` (the central `level` interval of the resampled differences), `notBetter` (share of
 * resamples with difference <= 0), `blockBars`, `samples`.
 */
export function compareBootstrap(result: BacktestResult, options: BootstrapOptions | null = {}): ColumnTable {
  if (typeof result !== "object" || result === null || typeof result.series?.array !== "function") {
    throw error("result must be what backtest() returns (with its per-bar series)", { symbol: "compareBootstrap", column: "result", value: result });
  }
  const o = options ?? {};
  if (typeof o !== "object") throw error("options must be { blockBars?, samples?, seed?, level? }", { symbol: "compareBootstrap", column: "options", value: o });
  const time = column(result, "time", result.series.numRows());
  const n = time.length;
  if (n < 2) throw error("needs at least 2 scored bars", { symbol: "compareBootstrap", column: "time", value: n });
  const interval = time[1]! - time[0]!;
  const blockBars = o.blockBars ?? Math.min(n, Math.max(1, Math.round(DAY / interval)));
  if (!Number.isInteger(blockBars) || blockBars < 1 || blockBars > n) throw error(`blockBars must be a whole number of bars in [1, ${n}]`, { symbol: "compareBootstrap", column: "blockBars", value: blockBars });
  const samples = o.samples ?? BOOTSTRAP_DEFAULTS.samples;
  if (!Number.isInteger(samples) || samples < 100) throw error("samples must be a whole number >= 100", { symbol: "compareBootstrap", column: "samples", value: samples });
  const seed = o.seed ?? BOOTSTRAP_DEFAULTS.seed;
  if (!Number.isInteger(seed)) throw error("seed must be a whole number", { symbol: "compareBootstrap", column: "seed", value: seed });
  const level = o.level ?? BOOTSTRAP_DEFAULTS.level;
  if (typeof level !== "number" || !(level > 0 && level < 1)) throw error("level must be a share in (0, 1)", { symbol: "compareBootstrap", column: "level", value: level });
  const realizedTop = result.realizedTop ?? 0.05;
  const estimatedTop = result.estimatedTop ?? 0.1;
  const metric = (k: (typeof METRICS)[number], x: Float64Array, y: Float64Array): number =>
    k === "spearman" ? spearman(x, y) : k === "logPearson" ? logPearson(x, y) : topCapture(x, y, { realizedTop, estimatedTop });

  const sides = (["long", "short"] as const).map((side) => ({
    side,
    est: column(result, `${side}EstimatedUsd`, n),
    base: column(result, `${side}BaselineUsd`, n),
    real: column(result, `${side}RealizedUsd`, n),
  }));
  // diffs[side][metric][sample]
  const diffs = sides.map(() => METRICS.map(() => new Float64Array(samples)));
  const u = mulberry32(seed);
  const idx = new Int32Array(n);
  const e = new Float64Array(n);
  const b = new Float64Array(n);
  const r = new Float64Array(n);
  const starts = n - blockBars + 1;
  for (let k = 0; k < samples; k++) {
    for (let filled = 0; filled < n; ) {
      const start = Math.floor(u() * starts);
      for (let j = 0; j < blockBars && filled < n; j++) idx[filled++] = start + j;
    }
    sides.forEach((s, si) => {
      for (let i = 0; i < n; i++) {
        e[i] = s.est[idx[i]!]!;
        b[i] = s.base[idx[i]!]!;
        r[i] = s.real[idx[i]!]!;
      }
      METRICS.forEach((m, mi) => (diffs[si]![mi]![k] = metric(m, e, r) - metric(m, b, r)));
    });
  }
  const rows: Record<string, unknown>[] = [];
  sides.forEach((s, si) => {
    METRICS.forEach((m, mi) => {
      const d = diffs[si]![mi]!.sort();
      const model = metric(m, s.est, s.real);
      const baseline = metric(m, s.base, s.real);
      let notBetter = 0;
      for (let k = 0; k < samples; k++) if (d[k]! <= 0) notBetter++;
      rows.push({
        side: s.side,
        metric: m,
        model,
        baseline,
        difference: model - baseline,
        low: quantile(d, (1 - level) / 2),
        high: quantile(d, 1 - (1 - level) / 2),
        notBetter: notBetter / samples,
        blockBars,
        samples,
      });
    });
  });
  return markEstimate(
    aq.from(rows),
    `Model minus baseline score with a ${Math.round(level * 1000) / 10}% moving-block bootstrap interval (${samples} resamples of ${blockBars}-bar blocks, seed ${seed}); notBetter = share of resamples where the model did not beat the baseline (scores of estimates)`,
  );
}
