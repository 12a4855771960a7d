/**
 * Heatmap columns: snapshots of the book's liquidation USD per price bin, taken during a replay.
 * Columns are Float32Array (a year of hourly columns over 1,000 bins is 35 MB per matrix instead
 * of 70 MB); USD estimates do not need more than float32's 7 significant digits.
 */
import { KEEP_BOOK_SHAPES, LONG, SHORT, type Book } from "./book";
import type { Series } from "./input";
import { error } from "../util/errors";
import { DOLLAR_CAVEAT } from "./caveat";
import { markEstimate } from "../util/estimate";
import type { Heatmap, PriceGrid } from "./types";

/** Largest heatmap matrix recorded, MB (float32): a guard against a column per bar over a year. */
export const MAX_MATRIX_MB = 1024;

/**
 * Which bars end a column: every bar when `step` is undefined, else the bars whose close
 * (lastMs + 1) reaches a multiple of `step` ms that the previous bar's close had not reached (bar
 * 0: that its own open had not), e.g. 3,600,000: the last bar of each UTC hour. A bar at least
 * `step` long always does; a shorter one only when it crosses a multiple (with monthly bars and a
 * 31-day step, February, 28 days, may not). A multiple that falls in a gap between bars (a halt)
 * is reached by the first bar after the gap, which takes one column for all of them. Only the
 * bar itself and the one before decide: point in time.
 */
export function columnBars(s: Series, step?: number): Uint8Array {
  const take = new Uint8Array(s.n);
  if (step === undefined) return take.fill(1);
  for (let i = 0; i < s.n; i++) {
    const before = i === 0 ? s.time[0] : s.lastMs[i - 1] + 1;
    take[i] = Math.floor((s.lastMs[i] + 1) / step) > Math.floor(before / step) ? 1 : 0;
  }
  return take;
}

/**
 * Collects columns over the absolute bins of `grid` (grid.lo must be a multiple of the step):
 * `z` only (long + short summed as they are read), or the two sides apart. Each matrix is ONE
 * Float32Array allocated up front (columns × bins), written once: each side stores its occupied
 * bins straight into the matrix (long and short levels never share a bin, so z needs no
 * read-modify-write), and the rest of a column is the allocation's zeros. The column views
 * (`columns`) are made in one loop when the last column is taken, so the kernel's pass
 * allocates nothing per column.
 */
export class HeatmapRecorder {
  readonly times: Float64Array;
  readonly columns: Float32Array[][];
  private readonly kLo: number;
  private readonly buffers: Float32Array[];
  private c = 0;

  constructor(readonly grid: PriceGrid, readonly count: number, readonly what: "z" | "sides") {
    const mb = (count * grid.bins * 4) / 2 ** 20;
    if (mb > MAX_MATRIX_MB) {
      throw error(`${count} columns × ${grid.bins} bins would take ${Math.round(mb)} MB per matrix (limit ${MAX_MATRIX_MB}); pass a larger step (ms between columns) or a narrower grid window (grid.lo, grid.bins)`, { symbol: "heatmap", column: "step" });
    }
    this.kLo = Math.round(grid.lo / grid.step);
    this.times = new Float64Array(count);
    this.columns = what === "z" ? [[]] : [[], []];
    this.buffers = this.columns.map(() => new Float32Array(count * grid.bins));
  }

  take(time: number, book: Book): void {
    const n = this.grid.bins;
    const at = this.c * n;
    const first = this.buffers[0];
    const second = this.what === "z" ? first : this.buffers[1];
    book.addSide32(LONG, this.kLo, first, true, at, n);
    book.addSide32(SHORT, this.kLo, second, true, at, n);
    this.times[this.c++] = time;
    if (this.c === this.count) this.views();
  }

  /** Column c of each matrix as a view into it (a view through the constructor is cheaper than subarray). */
  private views(): void {
    const n = this.grid.bins;
    for (let m = 0; m < this.buffers.length; m++) {
      const buffer = this.buffers[m].buffer;
      const cols = this.columns[m];
      for (let c = 0; c < this.count; c++) cols.push(new Float32Array(buffer, c * n * 4, n));
    }
  }
}

/**
 * One recorder kept alive for the life of the module, as KEEP_LANE_SHAPE in lane.ts: the kernel
 * calls `take` on it, and its compiled code checks the recorder's hidden class, which V8 would
 * collect (and the compiled kernel with it) whenever no recorder is alive between two replays.
 */
export const KEEP_RECORDER_SHAPE = new HeatmapRecorder({ lo: 0, step: 1, bins: 2, prices: Float64Array.of(0.5, 1.5) }, 1, "z");
KEEP_RECORDER_SHAPE.take(0, KEEP_BOOK_SHAPES[1]);

/**
 * The heatmap of one replay: `z` recorded in the replay's pass; `long` and `short` recorded by one
 * more pass on first access (`sides()` runs it), so the common case pays for one matrix, not three.
 */
export function heatmapOf(z: HeatmapRecorder, s: Series, source: string, sides: () => HeatmapRecorder): Heatmap {
  let both: HeatmapRecorder | undefined;
  const get = (): HeatmapRecorder => (both ??= sides());
  return markEstimate({
    times: z.times,
    grid: z.grid,
    z: z.columns[0],
    get long() {
      return get().columns[0];
    },
    get short() {
      return get().columns[1];
    },
    candles: { time: s.time, open: s.open, high: s.high, low: s.low, close: s.close },
    source,
    caveat: DOLLAR_CAVEAT,
  }, `Estimated liquidation USD per price bin (rows) after each column's bar (estimate; ${source}; ${DOLLAR_CAVEAT})`);
}
