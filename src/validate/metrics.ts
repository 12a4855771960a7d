/**
 * Metric kernels of the validation harness: pure functions over per-bar series (Float64Array),
 * one value out. Both arguments are aligned bar by bar: `x` is the scored series (model estimate
 * or baseline), `y` the realized liquidation USD.
 *
 * Degenerate input never yields NaN:
 * - different lengths, fewer than 2 bars, a non-finite value, or (for USD kernels) a negative
 *   value throws a LiqlabError naming the series, the bar and the value;
 * - a constant series carries no ranking information, so correlations against it are 0
 *   (documented convention, not an estimate);
 * - `calibration` throws when realized USD sums to 0 (nothing to calibrate against).
 */
import { error } from "../util/errors";
import { isList, unitExponent } from "../util/arrays";

/** Checks two aligned series: arrays of numbers, same length, at least 2 bars, every value finite (and >= 0 if usd). */
export function checkPair(x: Float64Array, y: Float64Array, usd: boolean, names: [string, string] = ["estimated", "realized"]): void {
  // Not arrays (null, {}, a number): their lengths would both read undefined and pass as equal.
  [x, y].forEach((s, k) => {
    if (!isList(s)) throw error(`${names[k]} must be an array of numbers (a Float64Array or number[])`, { column: names[k], value: s });
  });
  if (x.length !== y.length) throw error(`series lengths differ: ${names[0]} has ${x.length} bars, ${names[1]} ${y.length}`, { value: [x.length, y.length] });
  if (x.length < 2) throw error("at least 2 bars are needed to score a series", { value: x.length });
  for (let k = 0; k < 2; k++) {
    const s = k === 0 ? x : y;
    for (let i = 0; i < s.length; i++) {
      const v = s[i]!;
      if (!Number.isFinite(v)) throw error(`${names[k]} must be finite at bar ${i}`, { column: names[k], value: v });
      if (usd && v < 0) throw error(`${names[k]} USD must be >= 0 at bar ${i}`, { column: names[k], value: v });
    }
  }
}

/** Pearson correlation; 0 when either series is constant. Throws on bad input (see checkPair). */
export function pearson(x: Float64Array, y: Float64Array): number {
  checkPair(x, y, false);
  return pearsonUnchecked(x, y);
}

/** Whether every entry equals the first (tested on the values: a mean of equal values can differ from them by rounding). */
function constant(a: Float64Array): boolean {
  for (let i = 1; i < a.length; i++) if (a[i] !== a[0]) return false;
  return true;
}


function pearsonUnchecked(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  // A constant series has no correlation: exactly 0, not the correlation of the rounding residue
  // left by its mean ((0.1 + 0.1 + 0.1) / 3 is 0.10000000000000002).
  if (constant(x) || constant(y)) return 0;
  // Correlation does not change with scale: each series is brought near 1 first (exactly).
  const kx = 2 ** -unitExponent(x);
  const ky = 2 ** -unitExponent(y);
  if (kx !== 1) x = x.map((v) => v * kx);
  if (ky !== 1) y = y.map((v) => v * ky);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return 0;
  const r = sxy / Math.sqrt(sxx * syy);
  // Rounding can push |r| a hair past 1.
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

/** 1-based ranks, ties get the average of the ranks they span (the "fractional" ranking). */
export function ranks(x: Float64Array): Float64Array {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
  const out = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]!] === x[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]!] = rank;
    i = j + 1;
  }
  return out;
}

/** Spearman rank correlation: Pearson on average ranks; 0 when either series is constant. */
export function spearman(x: Float64Array, y: Float64Array): number {
  checkPair(x, y, false);
  return pearsonUnchecked(ranks(x), ranks(y));
}

/** Pearson correlation of log(1 + USD); inputs are USD amounts (>= 0). */
export function logPearson(x: Float64Array, y: Float64Array): number {
  checkPair(x, y, true);
  return pearsonUnchecked(x.map(Math.log1p), y.map(Math.log1p));
}

/**
 * Membership weights of the top `share` of bars by value: the k = max(1, ceil(share × n))
 * largest bars get weight 1; bars tied at the cut-off share the remaining slots equally (the
 * expected membership under a random tie-break), so sum(weights) = k exactly and a constant
 * series gets k/n everywhere: no credit for ties.
 */
export function topWeights(x: Float64Array, share: number): Float64Array {
  const n = x.length;
  if (!(share > 0 && share <= 1)) throw error("top share must be in (0, 1]", { column: "share", value: share });
  const k = Math.max(1, Math.ceil(share * n - 1e-9));
  const sorted = Float64Array.from(x).sort();
  const cut = sorted[n - k]!;
  let above = 0;
  let tied = 0;
  for (let i = 0; i < n; i++) {
    if (x[i]! > cut) above++;
    else if (x[i]! === cut) tied++;
  }
  const tieWeight = (k - above) / tied;
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = x[i]! > cut ? 1 : x[i]! === cut ? tieWeight : 0;
  return w;
}

/** Shares that define topCapture. */
export interface TopCaptureOptions {
  /** Share of bars with the largest realized USD that must be caught. Default 0.05. */
  realizedTop?: number;
  /** Share of bars the scored series flags (its largest values). Default 0.10. */
  estimatedTop?: number;
}

/**
 * Share of the top 5% realized bars that fall in the series' top 10% bars (shares in options).
 * Ties at either cut-off count by expected membership (topWeights), so a constant series scores
 * exactly k/n with k = max(1, ceil(estimatedTop × n)) (chance: 0.10 at 40 bars, 0.2 at 5), never a free 1.
 */
export function topCapture(x: Float64Array, y: Float64Array, options: TopCaptureOptions | null = {}): number {
  checkPair(x, y, true);
  // null options read as none given.
  const wx = topWeights(x, options?.estimatedTop ?? 0.1);
  const wy = topWeights(y, options?.realizedTop ?? 0.05);
  let hit = 0;
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    hit += wx[i]! * wy[i]!;
    total += wy[i]!;
  }
  return hit / total;
}

/**
 * sum(x) / sum(y). Throws when realized USD sums to 0: there is nothing to calibrate against. Each
 * sum is taken of its series brought near 1 (exactly, by a power of two), so USD near 1e308 does
 * not overflow into Infinity / Infinity; a ratio beyond the largest number throws.
 */
export function calibration(x: Float64Array, y: Float64Array): number {
  checkPair(x, y, true);
  const ex = unitExponent(x);
  const ey = unitExponent(y);
  const kx = 2 ** -ex;
  const ky = 2 ** -ey;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    sx += x[i]! * kx;
    sy += y[i]! * ky;
  }
  if (sy === 0) throw error("realized USD sums to 0: calibration is undefined", { column: "realized", value: 0 });
  // (sx / kx) / (sy / ky): the ratio first, then 2^(ex − ey), in two halves so neither power overflows.
  const half = Math.trunc((ex - ey) / 2);
  const r = (sx / sy) * 2 ** half * 2 ** (ex - ey - half);
  if (!Number.isFinite(r)) throw error("calibration overflows: estimated USD sums to more than 1.8e308 times realized USD", { column: "estimated", value: r });
  return r;
}
