/**
 * Heatmap columns: snapshots of the book's liquidation USD per price bin, taken during a replay.
 * Columns are Float32Array (a year of hourly columns over 1,000 bins is 35 MB per matrix instead
 * of 70 MB); USD estimates do not need more than float32's 7 significant digits.
 */
import { LONG, SHORT, type Book } from "./book";
import type { Series } from "./input";
import type { Heatmap, PriceGrid } from "./types";

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

/** Collects columns over the absolute bins of `grid` (grid.lo must be a multiple of the step). */
export class HeatmapRecorder {
  readonly times: number[] = [];
  readonly z: Float32Array[] = [];
  readonly long: Float32Array[] = [];
  readonly short: Float32Array[] = [];
  private readonly kLo: number;

  constructor(readonly grid: PriceGrid) {
    this.kLo = Math.round(grid.lo / grid.step);
  }

  take(time: number, book: Book): void {
    const n = this.grid.bins;
    const long = new Float32Array(n);
    const short = new Float32Array(n);
    const z = new Float32Array(n);
    book.addSide(LONG, this.kLo, long);
    book.addSide(SHORT, this.kLo, short);
    for (let i = 0; i < n; i++) z[i] = long[i] + short[i];
    this.times.push(time);
    this.long.push(long);
    this.short.push(short);
    this.z.push(z);
  }

  result(s: Series, source: string): Heatmap {
    return {
      times: Float64Array.from(this.times),
      grid: this.grid,
      z: this.z,
      long: this.long,
      short: this.short,
      candles: { time: s.time, open: s.open, high: s.high, low: s.low, close: s.close },
      source,
    };
  }
}
