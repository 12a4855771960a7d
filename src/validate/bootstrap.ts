/**
 * `compareBootstrap(result, options)`: how sure is "the model beats the baseline"? Liquidations
 * cluster in time (a crash is many bars), so bars are not independent draws: the scored bars are
 * resampled in blocks of consecutive bars, wrapping from the last bar to the first (a circular
 * block bootstrap, Politis & Romano 1992: every bar is drawn equally often, the first and last
 * too), the model and the baseline on the same resampled bars (paired), and each resample's
 * difference model − baseline is kept. The table gives, per side and metric, the difference on
 * the bars as they are, a central (percentile) interval of the resampled differences and the
 * share of resamples in which the model did not win. Calibration is left out: it has no target
 * to be nearer to on real data.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { error } from "../util/errors";
import { markEstimate } from "../util/estimate";
import { mulberry32 } from "../util/random";
import { increasing, nonNegative, numbers } from "./columns";
import { logPearson, spearman, topCapture } from "./metrics";
import { BACKTEST_DEFAULTS } from "./options";
import type { BacktestResult } from "./types";

export interface BootstrapOptions {
  /**
   * Bars per block, a whole number from 1 to a tenth of the bars scored (at least 10 blocks).
   * Default: one day of bars (86,400,000 ms / the bar interval, rounded, at least 1), at most a
   * tenth of the bars scored.
   */
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
/** Fewest blocks a resample is made of: with fewer, resamples barely differ from the bars as they are. */
const MIN_BLOCKS = 10;
/** A difference within this of 0 is a tie, no win (rank scores lie in [−1, 1]; rounding leaves ±1e-16). */
const TIE = 1e-12;

/** Linear-interpolation quantile (type 7) of ascending values. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The central `level` interval of ascending values: the (1 − level)/2 and (1 + level)/2 quantiles. */
export function centralInterval(sorted: ArrayLike<number>, level: number): [number, number] {
  return [quantile(sorted, (1 - level) / 2), quantile(sorted, (1 + level) / 2)];
}

/**
 * Fills `out` (length n) with one circular block resample of bar indices 0..n−1: blocks of
 * `blockBars` consecutive indices from a start drawn uniformly in [0, n), wrapping past n − 1 to 0,
 * the last block cut to fit. `u` draws uniforms in [0, 1).
 */
export function circularBlocks(n: number, blockBars: number, u: () => number, out: Int32Array): Int32Array {
  for (let filled = 0; filled < n; ) {
    const start = Math.floor(u() * n);
    for (let j = 0; j < blockBars && filled < n; j++) out[filled++] = (start + j) % n;
  }
  return out;
}

/**
 * Rows `side`, `metric`, `model`, `baseline`, `difference` (model − baseline on the scored bars),
 * `low`, `high` (the central `level` interval of the resampled differences), `notBetter` (share of
 * resamples whose difference is not above 0), `redrawn` (resamples drawn again because their
 * realized liquidations were all equal, e.g. all 0: nothing to rank), `blockBars`, `samples`.
 */
export function compareBootstrap(result: BacktestResult, options: BootstrapOptions | null = {}): ColumnTable {
  const where = { symbol: "compareBootstrap" };
  if (typeof result !== "object" || result === null || typeof result.series?.numRows !== "function") {
    throw error("result must be what backtest() returns (with its per-bar series)", { ...where, column: "result", value: result });
  }
  const o = options ?? {};
  if (typeof o !== "object") throw error("options must be { blockBars?, samples?, seed?, level? }", { ...where, column: "options", value: o });
  const label = "result.series";
  const n = result.series.numRows();
  const time = numbers(result.series, "time", label, n);
  if (n < 2 * MIN_BLOCKS) throw error(`needs at least ${2 * MIN_BLOCKS} scored bars (${MIN_BLOCKS} blocks of 2) to resample`, { ...where, column: "time", value: n });
  increasing(time, label);
  // The bar interval: the smallest step between scored bars (a gap only makes a step longer).
  let interval = Infinity;
  for (let i = 1; i < n; i++) interval = Math.min(interval, time[i]! - time[i - 1]!);
  const most = Math.floor(n / MIN_BLOCKS);
  const blockBars = o.blockBars ?? Math.min(most, Math.max(1, Math.round(DAY / interval)));
  if (!Number.isInteger(blockBars) || blockBars < 1 || blockBars > most) {
    throw error(`blockBars must be a whole number of bars in [1, ${most}] (at least ${MIN_BLOCKS} blocks in ${n} bars)`, { ...where, column: "blockBars", value: blockBars });
  }
  const samples = o.samples ?? BOOTSTRAP_DEFAULTS.samples;
  if (!Number.isInteger(samples) || samples < 100) throw error("samples must be a whole number >= 100", { ...where, column: "samples", value: samples });
  const seed = o.seed ?? BOOTSTRAP_DEFAULTS.seed;
  if (!Number.isInteger(seed)) throw error("seed must be a whole number", { ...where, column: "seed", value: seed });
  const level = o.level ?? BOOTSTRAP_DEFAULTS.level;
  if (typeof level !== "number" || !(level > 0 && level < 1)) throw error("level must be a share in (0, 1)", { ...where, column: "level", value: level });
  const realizedTop = result.realizedTop ?? BACKTEST_DEFAULTS.realizedTop;
  const estimatedTop = result.estimatedTop ?? BACKTEST_DEFAULTS.estimatedTop;
  const metric = (k: (typeof METRICS)[number], x: Float64Array, y: Float64Array): number =>
    k === "spearman" ? spearman(x, y) : k === "logPearson" ? logPearson(x, y) : topCapture(x, y, { realizedTop, estimatedTop });
  // Each column read and checked once, by name and row, before anything is resampled.
  const usd = (name: string) => {
    const a = numbers(result.series, name, label, n);
    nonNegative(a, name, label);
    return a;
  };

  const rows: Record<string, unknown>[] = [];
  const idx = new Int32Array(n);
  const e = new Float64Array(n);
  const b = new Float64Array(n);
  const r = new Float64Array(n);
  for (const side of ["long", "short"] as const) {
    const est = usd(`${side}EstimatedUsd`);
    const base = usd(`${side}BaselineUsd`);
    const real = usd(`${side}RealizedUsd`);
    const diffs = METRICS.map(() => new Float64Array(samples));
    // One stream per side from the same seed: both sides draw the same resamples (until a redraw).
    const u = mulberry32(seed);
    let redrawn = 0;
    for (let k = 0; k < samples; ) {
      circularBlocks(n, blockBars, u, idx);
      let varies = false;
      for (let i = 0; i < n; i++) {
        const j = idx[i]!;
        e[i] = est[j]!;
        b[i] = base[j]!;
        r[i] = real[j]!;
        if (r[i] !== r[0]) varies = true;
      }
      if (!varies) {
        // Nothing to rank against (backtest refuses such a window too): draw again.
        if (++redrawn > samples) throw error(`realized ${side} liquidations are equal (e.g. all 0) in more than half of the resamples (${redrawn} redrawn while ${k} of ${samples} were scored): too sparse for blocks of ${blockBars} bars`, { ...where, column: `${side}RealizedUsd`, value: redrawn });
        continue;
      }
      METRICS.forEach((m, mi) => (diffs[mi]![k] = metric(m, e, r) - metric(m, b, r)));
      k++;
    }
    METRICS.forEach((m, mi) => {
      const d = diffs[mi]!.sort();
      const model = metric(m, est, real);
      const baseline = metric(m, base, real);
      let notBetter = 0;
      for (let k = 0; k < samples; k++) if (!(d[k]! > TIE)) notBetter++;
      const [low, high] = centralInterval(d, level);
      rows.push({ side, metric: m, model, baseline, difference: model - baseline, low, high, notBetter: notBetter / samples, redrawn, blockBars, samples });
    });
  }
  const scored = result.estimate === "book" ? "the model's book before each bar" : "every liquidation the model records in a bar";
  return markEstimate(
    aq.from(rows),
    `Model minus baseline score (${scored}) with a ${Math.round(level * 1000) / 10}% circular block bootstrap interval (${samples} resamples of ${blockBars}-bar blocks, seed ${seed}); notBetter = share of resamples where the model did not beat the baseline (scores of estimates)`,
  );
}
