/**
 * Pure numeric kernels behind the figure builders. Typed arrays in, typed arrays or numbers out;
 * no plotly knowledge here.
 */
import { unitExponent } from "../util/arrays";

/** usd[i] = long[i] + short[i]: one tier's bar height per price bin (only the bin holding the price may hold both sides). */
export function tierTotals(long: Float64Array, short: Float64Array): Float64Array {
  const out = new Float64Array(long.length);
  for (let i = 0; i < long.length; i++) out[i] = long[i]! + short[i]!;
  return out;
}

/**
 * The p-th percentile (0 < p <= 100) of the values > 0 in `rows`, by linear interpolation
 * between order statistics (the "type 7" definition numpy and R use by default): with the
 * positive values sorted as v[0..n-1], h = (n - 1)·p/100 and the result is
 * v[⌊h⌋] + (h - ⌊h⌋)·(v[⌊h⌋+1] - v[⌊h⌋]). Returns 0 when no value is positive.
 */
export function positivePercentile(rows: ArrayLike<ArrayLike<number>>, p: number): number {
  let n = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let i = 0; i < row.length; i++) if (row[i]! > 0) n++;
  }
  if (n === 0) return 0;
  const v = new Float64Array(n);
  let k = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let i = 0; i < row.length; i++) if (row[i]! > 0) v[k++] = row[i]!;
  }
  v.sort();
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return v[lo]! + (h - lo) * (v[hi]! - v[lo]!);
}

/**
 * Columns z[c] (each `bins` long) taken at times[c], averaged k at a time: group g is the mean of
 * columns g·k … min(g·k + k, n) − 1 (the last group may be shorter), placed at the middle of its
 * first and last time. Sums run in float64.
 */
export function meanColumns(z: ArrayLike<ArrayLike<number>>, times: ArrayLike<number>, bins: number, k: number): { z: Float64Array[]; times: Float64Array } {
  const n = z.length;
  const groups = Math.ceil(n / k);
  const out: Float64Array[] = [];
  const at = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    const from = g * k;
    const to = Math.min(from + k, n);
    const col = new Float64Array(bins);
    for (let c = from; c < to; c++) {
      const src = z[c]!;
      for (let i = 0; i < bins; i++) col[i] += src[i]!;
    }
    const m = to - from;
    for (let i = 0; i < bins; i++) col[i] /= m;
    out.push(col);
    at[g] = (times[from]! + times[to - 1]!) / 2;
  }
  return { z: out, times: at };
}

/**
 * Edges (epoch ms) of the drawn cells, k columns to a cell: cell g spans from the time of its
 * first column to that of the next cell's first column, each column standing until the next is
 * taken; the last cell ends one column step (the median spacing of times) after its last column,
 * a heatmap of one column one bar after it. So a shorter last group is drawn as long as it stood.
 */
export function cellEdges(times: ArrayLike<number>, k: number, bar: number): number[] {
  const n = times.length;
  const edges: number[] = [];
  for (let c = 0; c < n; c += k) edges.push(times[c]!);
  edges.push(times[n - 1]! + (n > 1 ? medianStep(times) : bar));
  return edges;
}

/**
 * Column-major z[c][i] (one array per time column) to plotly's row-major rows[i][c], each value
 * passed through `f` (e.g. Math.round: whole dollars keep a year of float32 cells' JSON small).
 */
export function transpose(z: ArrayLike<ArrayLike<number>>, rows: number, f: (x: number) => number = (x) => x): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const row = new Array<number>(z.length);
    for (let c = 0; c < z.length; c++) row[c] = f(z[c]![i]!);
    out.push(row);
  }
  return out;
}

/** Re-exported from util/arrays for the figure kernels and their tests. */
export { floorIndex } from "../util/arrays";

/** Median spacing of ascending `xs` (the bar length of a candle series); 0 for fewer than 2. */
export function medianStep(xs: ArrayLike<number>): number {
  if (xs.length < 2) return 0;
  const d = new Float64Array(xs.length - 1);
  for (let i = 1; i < xs.length; i++) d[i - 1] = xs[i]! - xs[i - 1]!;
  d.sort();
  return d[d.length >> 1]!;
}

/**
 * Values to label on a log axis spanning 10^lo..10^hi: the powers of ten inside the span, or,
 * when fewer than 3 fit, the 1-2-5 steps, or failing that 1 to 9 × each power. Thinned to every
 * 2nd, 3rd, ... value so at most `maxTicks` remain (keeping the top one).
 */
export function logTicks(lo: number, hi: number, maxTicks: number): number[] {
  let picked: number[] = [];
  for (const mantissas of [[1], [1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
    picked = [];
    for (let k = Math.floor(lo); k <= Math.ceil(hi); k++) {
      for (const m of mantissas) {
        const e = k + Math.log10(m);
        if (e >= lo - 1e-12 && e <= hi + 1e-12) picked.push(m * 10 ** k);
      }
    }
    if (picked.length >= 3) break;
  }
  const step = Math.max(1, Math.ceil(picked.length / Math.max(1, maxTicks)));
  const out: number[] = [];
  for (let i = picked.length - 1; i >= 0; i -= step) out.push(picked[i]!);
  return out.reverse();
}

/**
 * Share of the total, in percent, of each value; all 0 when the total is 0. Values are brought
 * near 1 first by a power of two (exact: shares do not change with scale), so values near 1e308
 * do not sum to Infinity and divide into NaN.
 */
export function percentOfTotal(xs: ArrayLike<number>): number[] {
  const k = 2 ** -unitExponent(xs);
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += xs[i]! * k;
  return Array.from(xs, (x) => (total > 0 ? (100 * (x * k)) / total : 0));
}

/** Marker diameters with area proportional to USD: maxSize·sqrt(usd / max(usd)), at least minSize. */
export function markerSizes(usd: ArrayLike<number>, maxSize: number, minSize = 4): number[] {
  let max = 0;
  for (let i = 0; i < usd.length; i++) if (usd[i]! > max) max = usd[i]!;
  const out = new Array<number>(usd.length);
  for (let i = 0; i < usd.length; i++) out[i] = max > 0 ? Math.max(minSize, maxSize * Math.sqrt(usd[i]! / max)) : minSize;
  return out;
}
