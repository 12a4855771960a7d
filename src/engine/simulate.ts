/**
 * The replay kernel: bar by bar over typed arrays, never reading a bar after the one it is on.
 *
 * Per bar i:
 *  0. decay every tier group for a gap since the previous bar closed, if any (a scale
 *     multiplication, no bin loop);
 *  1. liquidate long levels at or above the bar's low and short levels at or below its high;
 *  2. decay every tier group for the previous bar's span;
 *  3. apply the open-interest change (anchor "fill": whatever makes the book equal the reported
 *     OI; "off"/"scale": the reported change since the previous bar, "scale" then rescales the book
 *     to the reported OI): new USD is split long/short by the bar's long share and across tiers
 *     by the leverage weights, its levels spread over [low, high] × ratio; a fall closes USD
 *     proportionally or nearest-to-price first;
 *  4. positions opened in the bar whose level lies beyond the close were wiped out within the bar:
 *     they are liquidated as part of the bar's liquidations, and the same USD per side is opened
 *     again at the close (the open interest the bar reports is what survived it), so an anchored
 *     book still equals the reported open interest.
 */
import { Book } from "./book";
import type { HeatmapRecorder } from "./heatmap";
import type { Series } from "./input";
import type { RatioBands } from "./levels";
import type { ResolvedOptions } from "./options";

/** What the kernel needs besides the series, all fixed before bar 0. */
export interface Plan {
  step: number;
  /** Level ratio band per side and tier (lo = hi: point levels). */
  ratios: RatioBands;
  weights: ResolvedOptions["weights"];
  /** Half-life of each tier, hours (0 or Infinity: none). */
  halfLifeHours: number[];
  entry: ResolvedOptions["entry"];
  close: ResolvedOptions["close"];
  anchor: ResolvedOptions["anchor"];
}

/** Per-bar outputs, filled when given (length n). */
export interface BarArrays {
  longLiquidatedUsd: Float64Array;
  shortLiquidatedUsd: Float64Array;
  openLongUsd: Float64Array;
  openShortUsd: Float64Array;
  openedUsd: Float64Array;
  closedUsd: Float64Array;
  decayedUsd: Float64Array;
}

export function newBarArrays(n: number): BarArrays {
  const f = () => new Float64Array(n);
  return { longLiquidatedUsd: f(), shortLiquidatedUsd: f(), openLongUsd: f(), openShortUsd: f(), openedUsd: f(), closedUsd: f(), decayedUsd: f() };
}

/** An empty book for the plan: tiers with equal half-lives share one lazy scale. */
export function newBook(plan: Plan, tiered: boolean): Book {
  return new Book(plan.step, plan.halfLifeHours.map((h) => (h > 0 && h < Infinity ? h : 0)), tiered);
}

/** What a pass records besides the book. */
export interface PassOptions {
  /** Per-bar outputs to fill (length n). */
  bars?: BarArrays;
  /**
   * Heatmap columns to take: after bar i when `take[i]`, at the bar's close. An object of one class,
   * not a callback: a new closure per replay at this call would be a new call target each time,
   * and V8 threw the compiled kernel away for it ("wrong call target") at the start of every replay.
   */
  columns?: { take: Uint8Array; recorder: HeatmapRecorder };
  /** Keep per-tier lanes (for maps). Default false: group sums only, half the writes. */
  tiered?: boolean;
  /** Continue a book that has replayed bars 0..from−1 (made with the same plan), instead of a new one. */
  resume?: { book: Book; from: number };
  /**
   * Where each bar's liquidations came from (length 4n): at 4i, 4i + 1 the long and short USD of
   * levels in the book before bar i that its range crossed (step 1); at 4i + 2, 4i + 3 what bar i
   * opened and wiped out before its close (step 4). The two add up to the bar's liquidations.
   */
  sources?: Float64Array;
}

/**
 * Replays bars 0..last into a new book (or bars from..last into `pass.resume.book`) and returns
 * the book; fills `pass.bars` and takes `pass.columns` when given.
 */
// Side indices as local constants: the hot loop must not go through module import bindings.
const LONG = 0;
const SHORT = 1;
/**
 * `anchor: "scale"` rescales the book to the reported open interest unless the book holds less than
 * this share of it: then it is closed and the bar's open interest opened afresh (see the bar loop).
 */
export const SCALE_DUST = 1e-12;

/** Ratio bands and weights of both sides, as one object for the helpers below. */
interface SideRatios {
  rlLo: Float64Array;
  rlHi: Float64Array;
  rsLo: Float64Array;
  rsHi: Float64Array;
  wl: Float64Array;
  ws: Float64Array;
  /** The level ratio nearest the price over the tiers that take USD: the largest long one, the smallest short one (Book.safeEntry). */
  nearLong: number;
  nearShort: number;
}

function sideRatios(rlLo: Float64Array, rlHi: Float64Array, rsLo: Float64Array, rsHi: Float64Array, wl: Float64Array, ws: Float64Array): SideRatios {
  let nearLong = 0;
  let nearShort = Infinity;
  for (let t = 0; t < wl.length; t++) if (wl[t] > 0 && rlHi[t] > nearLong) nearLong = rlHi[t];
  for (let t = 0; t < ws.length; t++) if (ws[t] > 0 && rsLo[t] < nearShort) nearShort = rsLo[t];
  return { rlLo, rlHi, rsLo, rsHi, wl, ws, nearLong: nearLong > 0 ? nearLong : 1, nearShort: nearShort < Infinity ? nearShort : 1 };
}

/**
 * One of each per-replay object the bar loop reads, kept alive for the reason given at
 * KEEP_LANE_SHAPE in lane.ts: while one lives, V8 keeps its hidden class, and the compiled loop.
 */
export const KEEP_PASS_SHAPES = (() => {
  const one = new Float64Array(1);
  return [newBarArrays(1), sideRatios(one, one, one, one, one, one)];
})();

// The helpers of a bar are module functions, not closures made in each simulate(): V8 compiles a
// closure made anew per call again on every replay.

/** Decays every group of both sides for `ms` of time: its per-interval factor, or that factor to the power ms / interval. */
function decayFor(book: Book, decay: Float64Array, ms: number, interval: number): void {
  for (let g = 0; g < decay.length; g++) {
    if (decay[g] < 1) {
      const f = ms === interval ? decay[g] : Math.pow(decay[g], ms / interval);
      book.decay(LONG, g, f);
      book.decay(SHORT, g, f);
    }
  }
}

/**
 * Opens `usd`, `longShare` of it long: entries over [low, high], or at the close (`atClose`), each
 * side's moved off it only as far as keeps its levels out of the close's own bin (Book.safeEntry:
 * on a grid coarser than the distance to the level, a position that survives the close must not
 * sit in a bin the close liquidates).
 */
function openBar(book: Book, low: number, high: number, close: number, atClose: boolean, usd: number, longShare: number, r: SideRatios): void {
  const longUsd = usd * longShare;
  if (atClose) {
    openAtClose(book, LONG, close, longUsd, r);
    openAtClose(book, SHORT, close, usd - longUsd, r);
    return;
  }
  book.openSide(LONG, low, high, longUsd, r.rlLo, r.rlHi, r.wl);
  book.openSide(SHORT, low, high, usd - longUsd, r.rsLo, r.rsHi, r.ws);
}

/** Opens `usd` on side s with entries at the close, moved off it only as far as Book.safeEntry says (see openBar). */
function openAtClose(book: Book, s: number, close: number, usd: number, r: SideRatios): void {
  if (!(usd > 0)) return;
  if (s === LONG) {
    const e = book.safeEntry(LONG, close, r.nearLong);
    book.openSide(LONG, e, e, usd, r.rlLo, r.rlHi, r.wl);
  } else {
    const e = book.safeEntry(SHORT, close, r.nearShort);
    book.openSide(SHORT, e, e, usd, r.rsLo, r.rsHi, r.ws);
  }
}

/**
 * Closes `usd` of the book's `total`, leaving `left` (total − usd, or the anchor's target, known
 * exactly): proportionally, or nearest the price first split by side. The proportional factor is
 * left / total, not 1 − usd / total: after open interest falls a millionfold and more, 1 − usd /
 * total keeps only the digits the subtraction did not cancel (1e12 USD to 1 USD: 3e-5 off).
 */
function closeBar(book: Book, usd: number, total: number, left: number, proportional: boolean): void {
  if (usd >= total) {
    // Everything closes: exactly, with no rounding dust left for an anchor to rescale.
    book.closeSide(LONG);
    book.closeSide(SHORT);
  } else if (proportional) {
    const f = Math.min(1, Math.max(0, left / total));
    book.scaleSide(LONG, f);
    book.scaleSide(SHORT, f);
  } else {
    // Each side closes its share of `usd` and keeps its share of `left`.
    const longTotal = book.sideTotal(LONG);
    const shortTotal = book.sideTotal(SHORT);
    book.closeNearest(LONG, (usd * longTotal) / total, (left * longTotal) / total);
    book.closeNearest(SHORT, (usd * shortTotal) / total, (left * shortTotal) / total);
  }
}

export function simulate(s: Series, plan: Plan, last: number, pass: PassOptions = {}): Book {
  const { bars } = pass;
  const take = pass.columns?.take;
  const recorder = pass.columns?.recorder;
  const book = pass.resume ? pass.resume.book : newBook(plan, pass.tiered ?? false);
  const first = pass.resume ? pass.resume.from : 0;
  const G = book.groups.length;
  // Per-bar decay factor of each group: 0.5^(interval / half-life).
  const decay = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    const h = plan.halfLifeHours[book.groups[g][0]];
    decay[g] = h > 0 && h < Infinity ? Math.pow(0.5, s.interval / (h * 3_600_000)) : 1;
  }
  const rlLo = plan.ratios.lo.long;
  const rlHi = plan.ratios.hi.long;
  const rsLo = plan.ratios.lo.short;
  const rsHi = plan.ratios.hi.short;
  const wl = plan.weights.long;
  const ws = plan.weights.short;
  const fillAnchor = plan.anchor === "fill";
  const scaleAnchor = plan.anchor === "scale";
  const atClose = plan.entry === "close";
  const proportional = plan.close === "proportional";
  // The series' arrays as locals: the loop calls into the book, so property loads would repeat.
  const { low, high, close, oiUsd, longShare, oiStart, time, lastMs } = s;
  const interval = s.interval;

  const ratios = sideRatios(rlLo, rlHi, rsLo, rsHi, wl, ws);
  runBars(book, first, last, decay, ratios, fillAnchor, scaleAnchor, atClose, proportional, low, high, close, oiUsd, longShare, oiStart, time, lastMs, interval, bars, take, recorder, pass.sources);
  return book;
}

/**
 * The bar loop, apart from simulate(): it sees only the book, typed arrays, numbers and objects of
 * long-lived classes. The series, plan and pass objects are new per replay, and compiled code that
 * checks an object's hidden class is thrown away when V8 collects that class with its last object,
 * so the loop compiled once would not have survived from one replay to the next.
 */
function runBars(
  book: Book,
  first: number,
  last: number,
  decay: Float64Array,
  ratios: SideRatios,
  fillAnchor: boolean,
  scaleAnchor: boolean,
  atClose: boolean,
  proportional: boolean,
  low: Float64Array,
  high: Float64Array,
  close: Float64Array,
  oiUsd: Float64Array,
  longShare: Float64Array,
  oiStart: number,
  time: Float64Array,
  lastMs: Float64Array,
  interval: number,
  bars: BarArrays | undefined,
  take: Uint8Array | undefined,
  recorder: HeatmapRecorder | undefined,
  sources: Float64Array | undefined,
): void {
  const fl = book.flows[LONG];
  const fs = book.flows[SHORT];
  for (let i = first; i <= last; i++) {
    book.startBar();

    // 0. a gap since the previous bar closed (missing bars, an exchange halt) passed before this
    // bar traded: positions that went away during it are gone before its liquidations.
    const prevClose = i > 0 ? lastMs[i - 1] + 1 : time[i];
    if (time[i] > prevClose) decayFor(book, decay, time[i] - prevClose, interval);
    // 1. levels crossed by the bar's range
    let liqLong = book.liquidateLongs(low[i]);
    let liqShort = book.liquidateShorts(high[i]);
    if (sources !== undefined) {
      sources[4 * i] = liqLong;
      sources[4 * i + 1] = liqShort;
    }
    // 2. decay, for the previous bar's span (one interval; 28-31 days for calendar months): with
    // the gap, the time since the previous bar opened.
    decayFor(book, decay, i > 0 ? prevClose - time[i - 1] : interval, interval);
    // 3. open-interest change
    let opened = false;
    if (i >= oiStart) {
      const target = oiUsd[i];
      const total = book.sideTotal(LONG) + book.sideTotal(SHORT);
      const diff = fillAnchor ? target - total : i === oiStart ? target : target - oiUsd[i - 1];
      if (diff > 0) {
        openBar(book, low[i], high[i], close[i], atClose, diff, longShare[i], ratios);
        opened = true;
      } else if (diff < 0 && total > 0) {
        const usd = Math.min(-diff, total);
        closeBar(book, usd, total, fillAnchor ? target : total - usd, proportional);
      }
      if (scaleAnchor) {
        const now = book.sideTotal(LONG) + book.sideTotal(SHORT);
        if (now > target * SCALE_DUST) {
          book.scaleSide(LONG, target / now);
          book.scaleSide(SHORT, target / now);
        } else if (target > 0) {
          // What is left is the dust of a decayed history (after a 43-day gap with a 1-hour
          // half-life, 2^-1040 of it: target / now is Infinity, and NaN in every bin). Rescaling it
          // would make its stale shape the whole book: it is closed, and the bar opens afresh.
          if (now > 0) {
            book.closeSide(LONG);
            book.closeSide(SHORT);
          }
          openBar(book, low[i], high[i], close[i], atClose, target, longShare[i], ratios);
          opened = true;
        }
      }
    }
    // 4. opened and wiped out within the bar (only new levels can lie beyond the close); the open
    // interest reported at the close is held by positions that survived it, so each side's wiped
    // USD is opened again with entries at the close, where no level lies beyond it.
    if (opened) {
      const wipedLong = book.liquidateLongs(close[i]);
      const wipedShort = book.liquidateShorts(close[i]);
      if (wipedLong > 0 || wipedShort > 0) {
        liqLong += wipedLong;
        liqShort += wipedShort;
        if (sources !== undefined) {
          sources[4 * i + 2] = wipedLong;
          sources[4 * i + 3] = wipedShort;
        }
        openAtClose(book, LONG, close[i], wipedLong, ratios);
        openAtClose(book, SHORT, close[i], wipedShort, ratios);
      }
    }

    if (bars) {
      bars.longLiquidatedUsd[i] = liqLong;
      bars.shortLiquidatedUsd[i] = liqShort;
      bars.openLongUsd[i] = book.sideTotal(LONG);
      bars.openShortUsd[i] = book.sideTotal(SHORT);
      bars.openedUsd[i] = fl.opened + fs.opened;
      bars.closedUsd[i] = fl.closed + fs.closed;
      bars.decayedUsd[i] = fl.decayed + fs.decayed;
    }
    // A column at the bar's own close.
    if (recorder !== undefined && take![i]) recorder.take(lastMs[i] + 1, book);
  }
}

