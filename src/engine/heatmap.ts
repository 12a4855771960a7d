/**
 * Heatmap columns: snapshots of the book's liquidation USD per price bin, taken during a replay.
 * Columns are Float32Array (a year of hourly columns over 1,000 bins is 35 MB per matrix instead
 * of 70 MB); USD estimates do not need more than float32's 7 significant digits.
 */
import { LONG, SHORT, type Book } from "./book";
import type { Series } from "./input";
import { error } from "../util/errors";
import type { Heatmap, PriceGrid } from "./types";

/** Largest heatmap matrix recorded, MB (float32): a guard against a column per bar over a year. */
export const MAX_MATRIX_MB = 1024;

/**
 * Which bars end a column: every bar when `step` is undefined or <= the interval, else the bars
 * whose close (time + interval) reaches a new multiple of `step` ms (e.g. 3,600,000: the last bar
 * of each UTC hour).
 */
export function columnBars(s: Series, step?: number): Uint8Array {
  const take = new Uint8Array(s.n);
  for (let i = 0; i < s.n; i++) {
    take[i] = step === undefined || step <= s.interval || Math.floor((s.time[i] + s.interval) / step) > Math.floor(s.time[i] / step) ? 1 : 0;
  }
  return take;
}

/**
 * Collects columns over the absolute bins of `grid` (grid.lo must be a multiple of the step):
 * `z` only (long + short summed as they are read), or the two sides apart. Each matrix is ONE
 * Float32Array allocated up front (columns × bins); columns are views into it, written once:
 * each side stores its occupied bins (long and short levels never share a bin, so z needs no
 * read-modify-write), and the rest of a column is the allocation's zeros.
 */
export class HeatmapRecorder {
  readonly times: Float64Array;
  readonly columns: Float32Array[][];
  private readonly kLo: number;
  private readonly buffers: Float32Array[];
  private c = 0;

  constructor(readonly grid: PriceGrid, columns: number, readonly what: "z" | "sides") {
    const mb = (columns * grid.bins * 4) / 2 ** 20;
    if (mb > MAX_MATRIX_MB) {
      throw error(`${columns} columns × ${grid.bins} bins would take ${Math.round(mb)} MB per matrix (limit ${MAX_MATRIX_MB}); pass a larger step (ms between columns) or a narrower grid window (grid.lo, grid.bins)`, { symbol: "heatmap", column: "step" });
    }
    this.kLo = Math.round(grid.lo / grid.step);
    this.times = new Float64Array(columns);
    this.columns = what === "z" ? [[]] : [[], []];
    this.buffers = this.columns.map(() => new Float32Array(columns * grid.bins));
  }

  take(time: number, book: Book): void {
    const n = this.grid.bins;
    const from = this.c * n * 4; // byte offset (a view through the constructor is cheaper than subarray)
    if (this.what === "z") {
      const z = new Float32Array(this.buffers[0].buffer, from, n);
      book.addSide32(LONG, this.kLo, z, true);
      book.addSide32(SHORT, this.kLo, z, true);
      this.columns[0].push(z);
    } else {
      const long = new Float32Array(this.buffers[0].buffer, from, n);
      const short = new Float32Array(this.buffers[1].buffer, from, n);
      book.addSide32(LONG, this.kLo, long, true);
      book.addSide32(SHORT, this.kLo, short, true);
      this.columns[0].push(long);
      this.columns[1].push(short);
    }
    this.times[this.c++] = time;
  }
}

/**
 * The heatmap of one replay: `z` recorded in the replay's pass; `long` and `short` recorded by one
 * more pass on first access (`sides()` runs it), so the common case pays for one matrix, not three.
 */
export function heatmapOf(z: HeatmapRecorder, s: Series, source: string, sides: () => HeatmapRecorder): Heatmap {
  let both: HeatmapRecorder | undefined;
  const get = (): HeatmapRecorder => (both ??= sides());
  return {
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
  };
}
