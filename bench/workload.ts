/**
 * The benchmark interface. Any bench/<name>.bench.ts module exports
 * `workloads: Workload[]`; bench/run.ts runs each workload in its own child process.
 */
export interface Workload {
  /** Unique name, printed as `workload`. */
  name: string;
  /** Candles (or rows) processed per run, printed as `candles`. */
  candles?: number;
  /** Builds inputs once, outside the timing. */
  setup?(): void | Promise<void>;
  /** The timed work. */
  run(): void | Promise<void>;
  /** Timed runs; the median is reported. Default 9. */
  runs?: number;
  /** Untimed runs first, so the JIT has compiled the hot loops. Default 3. */
  warmup?: number;
}
