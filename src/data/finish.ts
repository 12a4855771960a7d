/**
 * The last step of every loader: sort rows by time, remove duplicates, measure the bar interval
 * and its gaps, reject mixed intervals, and build the arquero table plus its report. Pure kernels
 * over the typed columns in `Parsed`; the loaders own the I/O.
 */
import * as aq from "arquero";
import { error } from "../util/errors";
import { columnLabel, drop, fileOf, num, reference, type Column, type Parsed } from "./fields";
import { makeReport, type Gap, type LoadReport } from "./report";
import { CANONICAL_COLUMNS, type DataKind } from "./schema";
import { closeSpan, formatTime, intervalLabel, intervalMs as parseInterval, MAX_TIME_MS, MIN_TIME_MS, timeOf } from "./time";

/** Options every loader accepts. */
export interface LoadOptions {
  /** Expected bar interval (`"1m"`, `"5m"`, or ms). Default: detected from the data; a mismatch throws. */
  interval?: string | number;
  /**
   * Keep rows stamped at or after this time: epoch ms UTC, a `Date`, or a UTC date string
   * (`"2024-01-10"`). Default: every row. A monthly archive file holds the whole month; `from`
   * and `to` keep the part asked for (`fetchBinance`'s result carries both).
   */
  from?: number | string | Date;
  /** Keep rows stamped before this time (exclusive), as `from`. Default: every row. */
  to?: number | string | Date;
}

export type Table = ReturnType<typeof aq.table>;

/** Loader result: the kind, the canonical table and its quality report. */
export interface Loaded {
  kind: DataKind;
  table: Table;
  report: LoadReport;
}

const BAR_KINDS: ReadonlySet<DataKind> = new Set(["candles", "openInterest", "liquidationTotals", "funding"]);
/** Kinds whose steps must all be whole multiples of the interval (funding times jitter by ms). */
const STRICT_KINDS: ReadonlySet<DataKind> = new Set(["candles", "openInterest", "liquidationTotals"]);
const DAY = 86_400_000;

/** Reorders/filters every column (and the line numbers) by `index`. */
export function gather(p: Parsed, index: ArrayLike<number>, n: number): void {
  for (const [k, c] of p.columns) {
    if (c instanceof Float64Array) {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = c[index[i]!]!;
      p.columns.set(k, out);
    } else {
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = c[index[i]!];
      p.columns.set(k, out as Column);
    }
  }
  const l = new Int32Array(n);
  for (let i = 0; i < n; i++) l[i] = p.lines[index[i]!]!;
  p.lines = l;
  if (p.rowFile) {
    const f = new Uint16Array(n);
    for (let i = 0; i < n; i++) f[i] = p.rowFile[index[i]!]!;
    p.rowFile = f;
  }
  p.n = n;
}

/** Sorts rows by time, ascending; reverses newest-first files; stable for equal times. */
export function sortByTime(p: Parsed): void {
  const t = num(p, "time");
  let asc = true, desc = true;
  for (let i = 1; i < p.n && (asc || desc); i++) {
    if (t[i]! < t[i - 1]!) asc = false;
    if (t[i]! > t[i - 1]!) desc = false;
  }
  if (asc) return;
  const idx = new Uint32Array(p.n);
  for (let i = 0; i < p.n; i++) idx[i] = i;
  if (desc) {
    idx.reverse();
    p.notes.push("rows were newest first: reversed to oldest first");
  } else {
    const order = Array.from(idx).sort((a, b) => t[a]! - t[b]! || a - b);
    idx.set(order);
    p.notes.push("rows were out of time order: sorted by time");
  }
  gather(p, idx, p.n);
}

/** The row's file when rows come from several files, else undefined (the report names one file). */
function where(p: Parsed, i: number): string | undefined {
  return p.rowFile ? fileOf(p, i) : undefined;
}

function sameRow(cols: Column[], a: number, b: number): boolean {
  for (const c of cols) if (c[a] !== c[b]) return false;
  return true;
}

/** Same-time runs up to this long are searched pairwise; longer ones through a hash table. */
const SHORT_RUN = 8;

const bits = new Float64Array(1);
const bitsLo = new Int32Array(bits.buffer, 0, 1), bitsHi = new Int32Array(bits.buffer, 4, 1);

function mix(h: number, x: number): number {
  h = Math.imul(h ^ x, 0xcc9e2d51);
  return Math.imul((h << 15) | (h >>> 17), 0x1b873593);
}

/**
 * A 32-bit hash of row `i`'s values in `cols`, equal for rows whose values are all `===` (0 and
 * −0 hash alike; NaN, never equal, may hash anyhow). Only a filter: equal hashes are re-checked.
 */
function rowHash(cols: Column[], i: number): number {
  let h = 0x2545f491;
  for (const c of cols) {
    if (c instanceof Float64Array) {
      bits[0] = c[i]! + 0; // −0 + 0 = +0
      h = mix(mix(h, bitsLo[0]!), bitsHi[0]!);
    } else {
      const v: unknown = c[i];
      if (typeof v === "string") {
        h = mix(h, v.length);
        for (let k = 0; k < v.length; k++) h = mix(h, v.charCodeAt(k));
      } else h = mix(h, v === true ? 1 : v === false ? 2 : 3);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h ^ (h >>> 16);
}

/**
 * Funding times this close are one funding event. The archive's calc_time is stamped a few ms
 * after the funding time the REST API gives (08:00:00.005 for 08:00:00.000), so the same event
 * read from both differs by that jitter; 1 s is hundreds of times the jitter and 1/3600 of the
 * shortest funding interval (1 h), so two real events are never this close.
 */
export const FUNDING_SAME_EVENT_MS = 1000;

/**
 * Removes duplicates after sorting. Bars: one row per time — exact copies are dropped; rows that
 * repeat a time with different values keep the LAST one (a later, revised bar). Funding is bars
 * whose "time" is the same within FUNDING_SAME_EVENT_MS: the same rate under a jittered time is a
 * duplicate (the first, earliest row stays, with its own time), another rate keeps the later row
 * whole; no time is moved. Events: exact copies of a row at the same time are dropped (Binance
 * liquidation snapshots list every order twice); distinct events at the same millisecond are kept.
 * A `key` longer than the time (bookDepth: time + percentage) is handled like bars: one row per
 * key value. Copies are found anywhere in their run of equal times, however long (concatenated or
 * repeated files), in time linear in the rows; the first copy stays (a revised bar or key row
 * takes the first one's place). Returns the number removed.
 */
export function dedupe(p: Parsed, key: readonly string[] = ["time"]): number {
  const t = num(p, "time");
  // a run is the rows within `near` ms of its first row (0: equal times only)
  const near = p.kind === "funding" && key.length === 1 ? FUNDING_SAME_EVENT_MS : 0;
  // rows are only compared within a run (equal times, or funding times within `near`): the time column need not be
  const cols = [...p.columns.values()].filter((c) => c !== t);
  const keyCols = key.map((k) => p.columns.get(k)!).filter((c) => c !== t);
  const bars = BAR_KINDS.has(p.kind) || key.length > 1;
  // what makes two rows "the same": bars, their key; events, every value
  const match = bars ? keyCols : cols;
  const keep = new Uint32Array(p.n);
  let m = 0, removed = 0;
  // long runs: open-addressing table of (kept row's offset in the run + 1), 0 = empty; hashes by offset
  let table = new Int32Array(0), hashes = new Int32Array(0);
  for (let s = 0; s < p.n;) {
    let e = s + 1;
    // measured from the run's first row, not chained row to row: rows 0.6 s apart each never
    // make one event of times 1.2 s apart
    while (e < p.n && (t[e] === t[s] || t[e]! - t[s]! < near)) e++;
    const first = m; // this run's kept rows are keep[first..m)
    const hashed = e - s > SHORT_RUN;
    let mask = 0;
    if (hashed) {
      const size = 2 ** Math.ceil(Math.log2(2 * (e - s)));
      if (table.length < size) { table = new Int32Array(size); hashes = new Int32Array(size >> 1); } else table.fill(0, 0, size);
      mask = size - 1;
    }
    for (let i = s; i < e; i++) {
      let slot = -1, h = 0, pos = 0;
      if (hashed) {
        h = rowHash(match, i);
        for (pos = h & mask; table[pos] !== 0; pos = (pos + 1) & mask) {
          const j = first + table[pos]! - 1;
          if (hashes[j - first] === h && sameRow(match, keep[j]!, i)) { slot = j; break; }
        }
      } else {
        for (let j = m - 1; j >= first; j--) if (sameRow(match, keep[j]!, i)) { slot = j; break; }
      }
      if (slot < 0) {
        if (hashed) { table[pos] = m - first + 1; hashes[m - first] = h; }
        keep[m++] = i;
        continue;
      }
      const prev = keep[slot]!;
      removed++;
      if (!bars || sameRow(cols, prev, i)) {
        drop(p, t[i] === t[prev] ? "exact duplicate row" : `duplicate funding event: same rate, time within ${FUNDING_SAME_EVENT_MS} ms of an earlier row (archive calc_time jitter; kept the earlier time)`, p.lines[i]!, 1, where(p, i));
      } else {
        drop(p, `repeated ${key.join(" + ")} with different values (kept the later row)`, p.lines[prev]!, 1, where(p, prev));
        keep[slot] = i;
      }
    }
    s = e;
  }
  if (removed) gather(p, keep, m);
  return removed;
}

interface IntervalResult { intervalMs: number | null; interval: string | null; gaps: { count: number; missingBars: number; list: Gap[] } }

/** The most common step between consecutive times (ms), or null with fewer than two rows. */
export function modeStep(t: Float64Array, n: number, roundTo = 1): number | null {
  const counts = new Map<number, number>();
  let best: number | null = null, bestCount = 0;
  for (let i = 1; i < n; i++) {
    const d = Math.round((t[i]! - t[i - 1]!) / roundTo) * roundTo;
    if (d <= 0) continue;
    const c = (counts.get(d) ?? 0) + 1;
    counts.set(d, c);
    if (c > bestCount || (c === bestCount && d < best!)) { best = d; bestCount = c; }
  }
  return best;
}

/** Exchange bar intervals (ms): a measured step within 2 % of one is that interval. */
const STANDARD_INTERVALS = [1, 3, 5, 15, 30].map((s) => s * 1000)
  .concat([1, 3, 5, 15, 30].map((m) => m * 60_000))
  .concat([1, 2, 4, 6, 8, 12].map((h) => h * 3_600_000))
  .concat([1, 3, 7].map((d) => d * 86_400_000));

/** Snaps a measured step (from jittered timestamps) to the nearest exchange interval within 2 %. */
export function snapInterval(step: number): number {
  for (const s of STANDARD_INTERVALS) if (Math.abs(step - s) <= s * 0.02) return s;
  return step;
}

/**
 * The span of the first bar from its `closeTime` (rounded to the second, as checkBarSpans reads it:
 * Binance stamps open + interval − 1 ms), or null without one or for calendar-month bars.
 */
function barSpan(p: Parsed, t: Float64Array): number | null {
  const close = p.columns.get("closeTime");
  if (p.kind !== "candles" || !(close instanceof Float64Array) || p.n === 0) return null;
  const span = reference(p.n, (i) => closeSpan(close[i]!, t[i]!));
  return span > 0 && span < 27 * DAY ? span : null;
}

/**
 * Measures the interval and gaps of bar data. Strict kinds throw on a step that is not a whole
 * multiple of the interval ("mixed intervals"). Calendar-month bars (28–31 day steps) are `1M`.
 */
export function measureInterval(p: Parsed, expected?: string | number): IntervalResult {
  const none: IntervalResult = { intervalMs: null, interval: null, gaps: { count: 0, missingBars: 0, list: [] } };
  if (!BAR_KINDS.has(p.kind)) return none;
  const t = num(p, "time");
  const strict = STRICT_KINDS.has(p.kind);
  const want = expected === undefined ? null : typeof expected === "number" ? expected : parseInterval(expected);
  if (want !== null && !(want > 0)) throw error("interval option is not an interval like 1m, 5m, 1h", { column: "interval", value: expected });
  // Bars that stamp their close (Binance's close_time) say their interval themselves, so a file
  // missing every other bar still reads as 5m with gaps, not as 10m without.
  const span = barSpan(p, t);
  if (want !== null && span !== null && want !== span) {
    throw error(`the interval option says ${intervalLabel(want)} but each bar's close_time − open_time says ${intervalLabel(span)}`, { file: p.file, line: p.lines[0], column: "interval", value: expected });
  }
  // Without close times, an interval option no two consecutive bars are apart is not the data's:
  // 5-minute bars told "1m" would read as 1m bars with four missing after each.
  if (want !== null && span === null && p.n >= 3 && !p.intervalOfFile) {
    const tol = Math.min(want * 0.02, 60_000);
    let seen = false;
    for (let i = 1; i < p.n && !seen; i++) seen = Math.abs(t[i]! - t[i - 1]! - want) <= tol;
    const mode = modeStep(t, p.n, strict ? 1000 : 60_000);
    if (!seen && mode !== null) {
      throw error(`the interval option says ${intervalLabel(want)} but no two consecutive rows are ${intervalLabel(want)} apart (the most common step is ${intervalLabel(mode)}): leave the option out, or pass the data's own interval`, { file: p.file, line: p.lines[1], column: "interval", value: expected });
    }
  }
  const raw = want ?? span ?? modeStep(t, p.n, strict ? 1000 : 60_000);
  const step = raw === null || want !== null || span !== null ? raw : snapInterval(raw);
  if (step === null) return none;
  let monthly = want === null && span === null;
  for (let i = 1; i < p.n && monthly; i++) { const d = t[i]! - t[i - 1]!; if (d < 28 * DAY || d > 31 * DAY) monthly = false; }
  if (monthly && p.n > 1) return { intervalMs: null, interval: "1M", gaps: none.gaps };
  return { intervalMs: step, interval: intervalLabel(step), gaps: gapsOf(p, step, strict) };
}

/** Gaps in a series of `step` ms (mixed intervals throw, in the strict kinds), as the report lists them. */
function gapsOf(p: Parsed, step: number, strict: boolean): IntervalResult["gaps"] {
  const t = num(p, "time");
  const gaps: Gap[] = [];
  let count = 0, missing = 0;
  // timestamps that sit a little off the grid (a few seconds on a 5m series) are jitter, not
  // another interval: tolerance 2 % of the step, at most a minute
  const tolerance = Math.min(step * 0.02, 60_000);
  for (let i = 1; i < p.n; i++) {
    const d = t[i]! - t[i - 1]!;
    const off = d % step;
    if (strict && off !== 0 && (Math.min(off, step - off) > tolerance || d < step - tolerance)) {
      throw error(`mixed intervals: ${intervalLabel(d)} after the bar at ${formatTime(t[i - 1]!)} in a ${intervalLabel(step)} series`, { file: fileOf(p, i), line: p.lines[i]!, column: columnLabel(p, "time"), value: formatTime(t[i]!) });
    }
    const bars = Math.round(d / step) - 1;
    if (bars >= 1) {
      count++;
      missing += bars;
      if (gaps.length < 20) gaps.push({ after: t[i - 1]!, before: t[i]!, missingBars: bars });
    }
  }
  return { count, missingBars: missing, list: gaps };
}

/**
 * `closeTime` = open + interval − 1 ms (calendar months for "1M") for rows whose value is their
 * bar's close: when it became known. Without a measured interval (one row) there is none, and the
 * report says so.
 */
function addCloseTimes(p: Parsed, iv: IntervalResult): void {
  const t = num(p, "time");
  if (iv.intervalMs === null && iv.interval !== "1M") {
    p.notes.push("one bar: its length is unknown, so no closeTime (give the interval option): the replay reads its close from the bar's open");
    return;
  }
  const close = new Float64Array(p.n);
  for (let i = 0; i < p.n; i++) {
    if (iv.intervalMs !== null) close[i] = t[i]! + iv.intervalMs - 1;
    else {
      const d = new Date(t[i]!);
      close[i] = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - 1;
    }
  }
  p.columns.set("closeTime", close);
}

/** Builds the arquero table in canonical column order (non-canonical columns are left out). */
export function toTable(p: Parsed): Table {
  const spec = CANONICAL_COLUMNS[p.kind];
  const cols: Record<string, Column> = {};
  for (const name of [...spec.required, ...spec.optional]) {
    const c = p.columns.get(name);
    if (c) cols[name] = c;
  }
  return aq.table(cols);
}

/** Sort, dedupe, measure, build: the shared tail of every loader. */
/**
 * Throws at the first value that is not finite. Fields are checked as they are read, but columns
 * computed from them are not: 1e308 contracts × 100 USD, or price × 1e308 coins, is Infinity.
 */
function checkFinite(p: Parsed): void {
  for (const [name, col] of p.columns) {
    if (!(col instanceof Float64Array)) continue;
    for (let i = 0; i < p.n; i++) {
      if (!Number.isFinite(col[i]!)) {
        throw error(`${columnLabel(p, name)} is ${col[i]}: the row's values overflow a double (a unit mistake?)`, { file: fileOf(p, i), line: p.lines[i], column: columnLabel(p, name), value: col[i] });
      }
    }
  }
}

/** A `from` / `to` option as epoch ms, or an error naming it (undefined: not given). */
function rangeBound(v: unknown, name: "from" | "to", file: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const ms = timeOf(v);
  // Epoch ms of 2000–2100, as every loaded time is (a number in seconds would be 1970).
  if (!(ms >= MIN_TIME_MS && ms <= MAX_TIME_MS)) {
    throw error(`the ${name} option must be a time in 2000–2100: epoch ms UTC, a Date or a UTC date string ("2024-01-10")`, { file, column: name, value: v instanceof Date ? v.toISOString() : v });
  }
  return ms;
}

/** The rows a..b−1 with from ≤ time < to (rows are sorted), or undefined when no bound is given or nothing is cut. */
interface Range {
  a: number;
  b: number;
  from?: number;
  to?: number;
}

function rangeOf(p: Parsed, options: LoadOptions): Range | undefined {
  const from = rangeBound(options.from, "from", p.file);
  const to = rangeBound(options.to, "to", p.file);
  if (from === undefined && to === undefined) return undefined;
  if (from !== undefined && to !== undefined && !(to > from)) throw error(`the to option must be after from (${formatTime(from)} UTC)`, { file: p.file, column: "to", value: options.to instanceof Date ? options.to.toISOString() : options.to });
  const t = num(p, "time");
  let a = 0;
  while (a < p.n && from !== undefined && t[a]! < from) a++;
  let b = p.n;
  while (b > a && to !== undefined && t[b - 1]! >= to) b--;
  if (a === 0 && b === p.n) return undefined;
  return { a, b, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/**
 * Keeps rows r.a..r.b−1, noting how many were left out on each side: what a monthly file holds
 * beyond the days asked for is not an error in the data. An empty range is said, not thrown: one
 * part of a combined export (its open interest) may have no row in a range where the others do.
 */
function cutRange(p: Parsed, r: Range): void {
  const t = num(p, "time");
  const first = t[0]!;
  const last = t[p.n - 1]!;
  const before = r.a;
  const after = p.n - r.b;
  gather(p, Uint32Array.from({ length: r.b - r.a }, (_, i) => r.a + i), r.b - r.a);
  const range = `${r.from !== undefined ? formatTime(r.from) : "the start"} to ${r.to !== undefined ? formatTime(r.to) : "the end"} UTC`;
  p.notes.push(r.b > r.a
    ? `kept the rows from ${range} (to exclusive): ${before} before and ${after} after left out`
    : `no row from ${range} (to exclusive): the data runs from ${formatTime(first)} to ${formatTime(last)} UTC; all ${before + after} left out`);
}

/**
 * Keeps the from/to range and measures the interval of what is kept. Three rows or more say their
 * own interval (a funding file that went from 8h to 4h after the range reads 8h). Fewer cannot:
 * two hourly rows two hours apart would read as 2-hour bars, and one row has no interval at all, so
 * they take the whole file's, measured before the cut, when the whole file has one (a file mixing
 * intervals outside the range is judged on the range alone).
 */
function rangeAndInterval(p: Parsed, options: LoadOptions): IntervalResult {
  const r = rangeOf(p, options);
  if (r === undefined) return measureInterval(p, options.interval);
  let whole: IntervalResult | undefined;
  if (r.b - r.a < 3) {
    try {
      whole = measureInterval(p, options.interval);
    } catch {
      whole = undefined;
    }
  }
  cutRange(p, r);
  if (whole === undefined || (whole.intervalMs === null && whole.interval !== "1M")) return measureInterval(p, options.interval);
  // Calendar months ("1M") have no fixed step and no gaps measured.
  return whole.intervalMs === null ? whole : { ...whole, gaps: gapsOf(p, whole.intervalMs, STRICT_KINDS.has(p.kind)) };
}

export function finish(p: Parsed, options: LoadOptions = {}, key?: readonly string[]): Loaded {
  checkFinite(p);
  sortByTime(p);
  // bookDepth has one row per time and percentage, however it was read (archive CSV or canonical)
  const duplicates = dedupe(p, key ?? (p.kind === "bookDepth" && p.columns.has("percentage") ? ["time", "percentage"] : undefined));
  const iv = rangeAndInterval(p, options);
  const t = num(p, "time");
  if (p.valueAtClose) addCloseTimes(p, iv);
  const report = makeReport({
    file: p.file,
    format: p.format,
    dataKind: p.kind,
    rowsRead: p.rowsRead,
    rows: p.n,
    from: p.n ? t[0]! : null,
    to: p.n ? t[p.n - 1]! : null,
    ...iv,
    duplicates,
    dropped: [...p.dropped].map(([reason, d]) => ({ reason, count: d.count, lines: d.lines, ...(d.files ? { files: d.files } : {}) })),
    notes: p.notes,
  });
  return { kind: p.kind, table: toTable(p), report };
}
