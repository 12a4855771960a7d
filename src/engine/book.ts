/**
 * The estimated book: USD of open leveraged positions by side, leverage tier and ABSOLUTE price
 * bin of their liquidation level. A pure kernel over typed arrays; replay.ts drives it bar by bar.
 *
 * Lazy scaling: tiers that share a decay half-life form a group with ONE scale factor per side.
 * Stored amounts are raw; USD = raw × scale. Decay and proportional closing only multiply the
 * scale (no loop over bins). Each group also keeps the sum of its tiers' raw amounts per bin, so
 * totals, liquidations and heatmap columns read one array per group instead of one per tier.
 *
 * A book built with `tiered = false` keeps only those group sums: per-bar totals and heatmaps
 * need nothing more, and it does half the writes. Every group-sum operation is the same in both
 * kinds of book, so their totals and liquidations are identical to the last bit.
 */
import { Lane, RESIDUE } from "./lane";
import { binOf, decimalStep } from "./grid";

export const LONG = 0;
export const SHORT = 1;

/** Scale factors below this are folded back into the raw amounts to keep precision. */
const RENORMALISE_BELOW = 1e-150;
/** Scales above this are folded into the lanes too (anchoring up many times over). */
const RENORMALISE_ABOVE = 1e150;
/** A lane total below this share of what was just removed is re-summed from its bins. */
const CANCELLED = 1e-9;

/** USD flows of one side: of the current bar (`Book.flows`) or of every bar before it (`Book.past`). */
export interface Flows {
  opened: number;
  liquidated: number;
  closed: number;
  decayed: number;
}

export class Book {
  readonly step: number;
  /** The step as units / ten (`decimalStep`): the bin edges levels are stored by, and (with twoTen = 2 · ten) the centres at which they are liquidated. */
  private readonly units: number;
  private readonly ten: number;
  private readonly twoTen: number;
  readonly tiers: number;
  /** lanes[side][tier]: raw amounts per bin (empty when not tiered). */
  readonly lanes: Lane[][];
  /** Tiers of each group. */
  readonly groups: number[][];
  /** sums[side][group]: raw amounts of the group's tiers per bin (the tier lane itself for a one-tier group). */
  readonly sums: Lane[][];
  /** scale[side][group]: USD per raw unit. */
  readonly scale: Float64Array[];
  /**
   * flows[side]: USD flows of the current bar, past[side]: of all bars before it (`startBar` moves
   * one into the other). Kept apart so a bar's flows are sums of that bar's amounts, exact to their
   * own size, not differences of totals that may be 1e8 times larger (a year of flows, then a
   * book of 0.1 USD).
   */
  readonly flows: Flows[] = [0, 1].map(() => ({ opened: 0, liquidated: 0, closed: 0, decayed: 0 }));
  readonly past: Flows[] = [0, 1].map(() => ({ opened: 0, liquidated: 0, closed: 0, decayed: 0 }));
  /** group index of each tier */
  readonly groupOf: Int32Array;
  /** shared[g]: tiered, and group g has more than one tier, so its sum lane is separate. */
  readonly shared: Uint8Array;
  /** Whether per-tier lanes are kept (maps need them; totals and heatmaps do not). */
  readonly tiered: boolean;
  /** Lowest and highest absolute bin ever occupied (the union of every book along the replay). */
  kMin = Infinity;
  kMax = -Infinity;

  /** `groupKey[t]` equal for tiers that share a scale (e.g. their half-life). */
  constructor(step: number, groupKey: number[], tiered = true) {
    this.step = step;
    const decimal = decimalStep(step);
    this.units = decimal.units;
    this.ten = decimal.ten;
    this.twoTen = 2 * decimal.ten;
    this.tiered = tiered;
    this.tiers = groupKey.length;
    const keys = [...new Set(groupKey)];
    this.groups = keys.map((key) => groupKey.flatMap((k, t) => (k === key ? [t] : [])));
    this.groupOf = Int32Array.from(groupKey, (k) => keys.indexOf(k));
    // Long lanes accumulate their pending spreads from the top (their near end), short lanes from the bottom.
    this.lanes = [0, 1].map((s) => (tiered ? groupKey.map(() => new Lane(s === LONG)) : []));
    this.sums = [0, 1].map((s) => this.groups.map((g) => (tiered && g.length === 1 ? this.lanes[s][g[0]] : new Lane(s === LONG))));
    this.scale = [0, 1].map(() => new Float64Array(this.groups.length).fill(1));
    this.shared = Uint8Array.from(this.groups, (g) => (tiered && g.length > 1 ? 1 : 0));
  }

  /** USD open on one side. */
  sideTotal(s: number): number {
    let usd = 0;
    const sums = this.sums[s];
    const scale = this.scale[s];
    for (let g = 0; g < sums.length; g++) usd += sums[g].total * scale[g];
    return usd;
  }

  /**
   * Opens `usd` of tier t on side s with liquidation levels spread evenly over [a, b] USD
   * (a single bin when a = b). One tier at a time, for hand-built books; the replay uses openSide.
   */
  open(s: number, t: number, a: number, b: number, usd: number): void {
    const one = new Float64Array(this.tiers);
    one[t] = 1;
    const ratio = new Float64Array(this.tiers).fill(1);
    this.openSide(s, a, b, usd, ratio, ratio, one);
  }

  /**
   * Opens `usd` on side s, tier t taking `usd × weights[t]` with levels spread evenly over
   * [lo × ratioLo[t], hi × ratioHi[t]] (one bin when the interval is narrower than a bin edge
   * apart). ratioLo = ratioHi: the tier's levels are its entries times one ratio; ratioLo < ratioHi:
   * a band of ratios (a continuous leverage interval), spread over the whole hull.
   */
  openSide(s: number, lo: number, hi: number, usd: number, ratioLo: Float64Array, ratioHi: Float64Array, weights: Float64Array): void {
    if (!(usd > 0)) return;
    const lanes = this.lanes[s];
    const sums = this.sums[s];
    const scale = this.scale[s];
    const groupOf = this.groupOf;
    const shared = this.shared;
    const tiered = this.tiered;
    const step = this.step;
    const units = this.units;
    const ten = this.ten;
    let kMin = this.kMin;
    let kMax = this.kMax;
    for (let t = 0; t < this.tiers; t++) {
      const w = weights[t];
      if (!(w > 0)) continue;
      const g = groupOf[t];
      const raw = (usd * w) / scale[g];
      const a = lo * ratioLo[t];
      const b = hi * ratioHi[t];
      const sum = sums[g];
      if (tiered) spread(lanes[t], a, b, raw, step, units, ten);
      if (!tiered || shared[g]) spread(sum, a, b, raw, step, units, ten);
      if (sum.lo < kMin) kMin = sum.lo;
      if (sum.hi > kMax) kMax = sum.hi;
    }
    this.kMin = kMin;
    this.kMax = kMax;
    this.flows[s].opened += usd;
  }

  /** Liquidates every long level whose bin centre is at or above `price`; returns the USD. */
  liquidateLongs(price: number): number {
    const kcut = firstCentreAtOrAbove(price, this.step, this.units, this.twoTen);
    if (this.tiered) this.clearTiers(LONG, kcut);
    let usd = 0;
    for (let g = 0; g < this.groups.length; g++) {
      const sum = this.sums[LONG][g];
      if (sum.empty || sum.hi < kcut) continue;
      usd += clearRange(sum, Math.max(kcut, sum.lo), sum.hi) * this.scale[LONG][g];
    }
    this.flows[LONG].liquidated += usd;
    return usd;
  }

  /** Liquidates every short level whose bin centre is at or below `price`; returns the USD. */
  liquidateShorts(price: number): number {
    const kcut = firstCentreAtOrAbove(price, this.step, this.units, this.twoTen, true) - 1;
    if (this.tiered) this.clearTiers(SHORT, kcut);
    let usd = 0;
    for (let g = 0; g < this.groups.length; g++) {
      const sum = this.sums[SHORT][g];
      if (sum.empty || sum.lo > kcut) continue;
      usd += clearRange(sum, sum.lo, Math.min(kcut, sum.hi)) * this.scale[SHORT][g];
    }
    this.flows[SHORT].liquidated += usd;
    return usd;
  }

  /**
   * Zeroes the tier lanes of side s's shared groups beyond `kcut` (longs: bins >= kcut; shorts:
   * bins <= kcut), each by its own occupied range: after closing nearest first, a tier lane can
   * hold a rounding crumb one bin past where its group's sum lane (trimmed on its own zeros) ends,
   * and clearing by the sum's range would miss it or cut into the lane's middle. (A one-tier
   * group's sum lane is its tier lane; a book without tiers has none: its liquidations skip this.)
   */
  private clearTiers(s: number, kcut: number): void {
    for (let g = 0; g < this.groups.length; g++) {
      if (!this.shared[g]) continue;
      for (const t of this.groups[g]) {
        const lane = this.lanes[s][t];
        if (lane.empty) continue;
        if (s === LONG) {
          if (lane.hi >= kcut) clearRange(lane, Math.max(kcut, lane.lo), lane.hi);
        } else if (lane.lo <= kcut) clearRange(lane, lane.lo, Math.min(kcut, lane.hi));
      }
    }
  }

  /** Multiplies group g of side s by f < 1 as decay; records the decayed USD. */
  decay(s: number, g: number, f: number): void {
    const sum = this.sums[s][g];
    if (sum.empty) return;
    this.flows[s].decayed += sum.total * this.scale[s][g] * (1 - f);
    this.scale[s][g] *= f;
    if (this.scale[s][g] < RENORMALISE_BELOW) this.renormalise(s, g);
  }

  /** Moves the current bar's flows into `past`; the next bar's start at 0. */
  startBar(): void {
    for (let s = 0; s < 2; s++) {
      const f = this.flows[s];
      const p = this.past[s];
      p.opened += f.opened;
      p.liquidated += f.liquidated;
      p.closed += f.closed;
      p.decayed += f.decayed;
      f.opened = f.liquidated = f.closed = f.decayed = 0;
    }
  }

  /** Flow `key` of both sides since the start of the replay. */
  cumulative(key: keyof Flows): number {
    return this.past[0][key] + this.flows[0][key] + (this.past[1][key] + this.flows[1][key]);
  }

  /** Multiplies a whole side by f: closing (f < 1) or anchoring up (f > 1). */
  scaleSide(s: number, f: number): void {
    const usd = this.sideTotal(s);
    if (usd === 0 || f === 1) return;
    if (f < 1) this.flows[s].closed += usd * (1 - f);
    else this.flows[s].opened += usd * (f - 1);
    const scale = this.scale[s];
    const sums = this.sums[s];
    for (let g = 0; g < scale.length; g++) {
      // An empty group holds nothing to scale: its factor starts again at 1 (multiplied on every
      // anchor, it grew without bound and reached Infinity, and NaN, years later).
      if (sums[g].empty) { scale[g] = 1; continue; }
      scale[g] *= f;
      if (scale[g] < RENORMALISE_BELOW || scale[g] > RENORMALISE_ABOVE) this.renormalise(s, g);
    }
  }

  /**
   * Closes the whole of side s: every lane emptied, its USD recorded as closed. Exact, where
   * scaling by 0 or walking the bins would leave rounding dust in bins whose lane totals say 0
   * (dust an anchor rescaling to the reported open interest would then blow up to its size).
   */
  closeSide(s: number): number {
    const usd = this.sideTotal(s);
    for (const lane of this.lanes[s]) lane.clear();
    for (const lane of this.sums[s]) lane.clear();
    this.scale[s].fill(1);
    this.flows[s].closed += usd;
    return usd;
  }

  /**
   * Closes `usd` of side s starting with the levels nearest the price (the highest long levels,
   * the lowest short levels), bin by bin outward, leaving `left` of it: the side's total less
   * `usd`, which the caller knows without that subtraction's rounding (the anchor's target). Returns
   * the USD closed. `left` <= 0, or `usd` at or above the side's total, closes the side exactly
   * (closeSide). When less is left than closes (open interest fell by more than half), the walk
   * runs from the far end instead and keeps the farthest `left` USD: the same levels either way,
   * but what is left is then exact to its own rounding, not to the rounding of what closed (after a
   * fall from 1e12 USD to 1, counting the trillion down left 0.9997).
   */
  closeNearest(s: number, usd: number, left: number): number {
    const before = this.sideTotal(s);
    if (!(left > 0) || usd >= before) return this.closeSide(s);
    this.settleSide(s);
    let lo = Infinity;
    let hi = -Infinity;
    for (const sum of this.sums[s]) if (!sum.empty) { lo = Math.min(lo, sum.lo); hi = Math.max(hi, sum.hi); }
    const nearFirst = left >= usd;
    // Nearest first: `rest` counts down the USD still to close. Farthest first: `kept` counts up
    // the USD kept; past `left`, every nearer bin closes.
    let rest = usd;
    let kept = 0;
    // The closed bins are the near end down to `cut` (longs: bins >= cut; shorts: <= cut).
    let cut = s === LONG ? hi + 1 : lo - 1;
    const dir = (s === LONG) === nearFirst ? -1 : 1;
    for (let k = dir < 0 ? hi : lo; k >= lo && k <= hi && (!nearFirst || rest > 0); k += dir) {
      let binUsd = 0;
      for (let g = 0; g < this.groups.length; g++) binUsd += this.sums[s][g].at(k) * this.scale[s][g];
      let keep: number;
      // Whether bin k is in the closed part (the near end): all of a nearest-first walk, and what
      // a farthest-first walk meets once it has kept `left`.
      const closing = nearFirst || kept >= left;
      if (binUsd <= 0) {
        // The group sums read 0 here, but a tier lane may hold a rounding crumb its sum dropped
        // as residue when a spread was folded in (about 1e-13 of the book then). It goes, kept or
        // closed part alike, or after a fall to a sliver of the book maps (which read tier lanes)
        // would show crumbs as large as what is left beside bars (which read the sums).
        keep = 0;
      } else if (nearFirst) {
        keep = binUsd <= rest ? 0 : 1 - rest / binUsd;
        // A bin partly closed takes the rest: the walk ends there (its rounding would leave a
        // crumb of `rest` that sent it on through bins it must keep).
        rest = keep === 0 ? rest - binUsd : 0;
      } else if (kept + binUsd <= left) {
        kept += binUsd;
        continue;
      } else {
        keep = kept < left ? (left - kept) / binUsd : 0;
        kept = left;
      }
      if (keep === 0 && closing) cut = s === LONG ? Math.min(cut, k) : Math.max(cut, k);
      for (let g = 0; g < this.groups.length; g++) {
        if (this.shared[g]) for (const t of this.groups[g]) scaleBin(this.lanes[s][t], k, keep);
        scaleBin(this.sums[s][g], k, keep);
      }
    }
    // A tier lane's crumbs past its group sum's near end (the sum trimmed its own zeros) close too.
    this.clearTiers(s, cut);
    // Emptied bins at the near end no longer bound the lanes (the next walk starts past them).
    for (let g = 0; g < this.groups.length; g++) {
      if (this.shared[g]) for (const t of this.groups[g]) trimNearEnd(this.lanes[s][t], s === LONG);
      trimNearEnd(this.sums[s][g], s === LONG);
    }
    // More closed than stays: each lane's total lost its bins one subtraction at a time (scaleBin
    // re-sums only against one bin), keeping the rounding of the USD closed; count what is left
    // from its bins, as maps do (an O(bins) pass, on a bar that closed more than half a side).
    if (!nearFirst) {
      for (let g = 0; g < this.groups.length; g++) {
        if (this.shared[g]) for (const t of this.groups[g]) this.lanes[s][t].resum();
        this.sums[s][g].resum();
      }
    }
    const closed = nearFirst ? usd - Math.max(0, rest) : before - this.sideTotal(s);
    this.flows[s].closed += closed;
    return closed;
  }

  /** Folds every pending spread of side s into its bins (before bin-by-bin work). */
  private settleSide(s: number): void {
    for (const lane of this.lanes[s]) lane.settle();
    for (const lane of this.sums[s]) lane.settle();
  }

  private renormalise(s: number, g: number): void {
    const f = this.scale[s][g];
    if (this.shared[g]) for (const t of this.groups[g]) this.lanes[s][t].multiply(f);
    this.sums[s][g].multiply(f);
    this.scale[s][g] = 1;
  }

  /** USD per bin of tier t on side s over absolute bins [kLo, kLo + out.length), added into `out`. */
  addTier(s: number, t: number, kLo: number, out: Float64Array): void {
    this.needTiers();
    const lane = this.lanes[s][t];
    if (lane.empty) return;
    readInto(lane, this.scale[s][this.groupOf[t]], kLo, out);
  }

  /**
   * USD per bin of side s (all tiers) over absolute bins [kLo, kLo + out.length), added into
   * `out` (float32, for heatmap columns). `fresh`: `out` holds zeros wherever this side has levels
   * (a new column, or one holding only the other side, whose levels never share a bin with these),
   * so the first group stores instead of adding. `at`, `n`: write the window's n bins at out[at…]
   * (a column inside a whole matrix) instead of at out[0…].
   */
  addSide32(s: number, kLo: number, out: Float32Array, fresh = false, at = 0, n = out.length - at): void {
    const sums = this.sums[s];
    const scales = this.scale[s];
    let assign = fresh;
    for (let g = 0; g < sums.length; g++) {
      if (sums[g].empty) continue;
      readInto32(sums[g], scales[g], kLo, out, assign, at, n);
      assign = false;
    }
  }

  private needTiers(): void {
    if (!this.tiered) throw new Error("this book keeps group sums only (built with tiered = false)");
  }

  /**
   * The entry nearest `price` at which positions of side s whose levels reach entry × `near` (the
   * ratio nearest the price over the tiers) keep their levels out of the bins a liquidation at
   * `price` takes (liquidateLongs / liquidateShorts: bin centres at or beyond it). That is `price`
   * itself unless the grid is coarser than the distance to the level; then the entry moves just
   * far enough for the levels to leave the price's own bin (a shift of less than one bin).
   */
  safeEntry(s: number, price: number, near: number): number {
    const margin = 1e-9;
    if (s === LONG) {
      // long bins from k up are taken: levels must stay below its lower edge
      const k = firstCentreAtOrAbove(price, this.step, this.units, this.twoTen);
      const edge = (k * this.units) / this.ten;
      return price * near < edge * (1 - margin) ? price : Math.min(price, (edge / near) * (1 - 2 * margin));
    }
    // short bins below k are taken: levels must stay at or above its lower edge
    const k = firstCentreAtOrAbove(price, this.step, this.units, this.twoTen, true);
    const edge = (k * this.units) / this.ten;
    return price * near > edge * (1 + margin) ? price : Math.max(price, (edge / near) * (1 + 2 * margin));
  }

  /** Occupied absolute bin range over both sides, or undefined when the book is empty. */
  extent(): [number, number] | undefined {
    let lo = Infinity;
    let hi = -Infinity;
    for (const side of this.sums) for (const sum of side) if (!sum.empty) { lo = Math.min(lo, sum.lo); hi = Math.max(hi, sum.hi); }
    return lo <= hi ? [lo, hi] : undefined;
  }
}

/**
 * First absolute bin whose centre is >= price (> price when `strict`), decided on the centre
 * exactly as the grid computes it, so the replay and the map questions agree at ties. The step
 * is `step` = `units / ten` (`decimalStep`), `twoTen` = 2 · ten, and bin k's centre is
 * ((2k + 1) · units) / twoTen: the double `binCentre` in grid.ts gives, nearest the decimal centre.
 *
 * This runs twice per bar, so it first decides on (k ± 0.5) · step, a multiplication, which is
 * that centre exactly for a whole-number step (twoTen = 2) and within two ulps of it otherwise;
 * only a price that close to a centre is decided again on the exact centre. Measured on the year
 * benchmark: dividing on every call made a replay on a 12.5 USD step 11–21% slower, and calling
 * `binCentre` in grid.ts from here (step 20) 36–48% slower; this way neither moves beyond the
 * noise. test/engine/book.test.ts checks that it agrees with `binCentre`, one double either side.
 */
export function firstCentreAtOrAbove(price: number, step: number, units: number, twoTen: number, strict = false): number {
  let k = Math.ceil(price / step - 0.5);
  if (strict) {
    while ((k - 0.5) * step > price) k--;
    while (!((k + 0.5) * step > price)) k++;
  } else {
    while ((k - 0.5) * step >= price) k--;
    while (!((k + 0.5) * step >= price)) k++;
  }
  if (twoTen === 2) return k;
  const near = 4 * Number.EPSILON * price;
  if (!(Math.abs((k - 0.5) * step - price) <= near || Math.abs((k + 0.5) * step - price) <= near)) return k;
  if (strict) {
    while (((2 * k - 1) * units) / twoTen > price) k--;
    while (!(((2 * k + 1) * units) / twoTen > price)) k++;
  } else {
    while (((2 * k - 1) * units) / twoTen >= price) k--;
    while (!(((2 * k + 1) * units) / twoTen >= price)) k++;
  }
  return k;
}

/**
 * Adds lane × scale over absolute bins [kLo, kLo + out.length) into `out`. Reading never changes
 * the lane (pending range adds are summed on the way, not folded in), so a book read for a map
 * or a heatmap column continues exactly as one that was not.
 */
function readInto(lane: Lane, scale: number, kLo: number, out: Float64Array, assign = false): void {
  const a = Math.max(lane.lo, kLo);
  const b = Math.min(lane.hi, kLo + out.length - 1);
  if (a > b) return;
  const d = lane.data;
  const base = lane.base;
  const off = base - kLo;
  if (!lane.pending) {
    if (assign) for (let j = a - base, e = b - base; j <= e; j++) out[j + off] = d[j] * scale;
    else for (let j = a - base, e = b - base; j <= e; j++) out[j + off] += d[j] * scale;
    return;
  }
  const f = lane.diff;
  let acc = 0;
  // Amounts at or below RESIDUE of the largest running sum met so far are rounding residue (see
  // RESIDUE); below 0 too. Maps read here, a few times per replay: the check costs nothing there.
  let floor = 0;
  const put = (j: number, v: number) => {
    if (assign) out[j + off] = v > floor ? v * scale : 0;
    else if (v > floor) out[j + off] += v * scale;
  };
  if (lane.topNear) {
    // Sums start at the top, even above the window.
    for (let j = lane.hi - base, e = b - base; j > e; j--) {
      acc += f[j];
      floor = Math.max(floor, Math.abs(acc) * RESIDUE);
    }
    for (let j = b - base, e = a - base; j >= e; j--) {
      acc += f[j];
      floor = Math.max(floor, Math.abs(acc) * RESIDUE);
      put(j, d[j] + acc);
    }
  } else {
    for (let j = lane.lo - base, e = a - base; j < e; j++) {
      acc += f[j];
      floor = Math.max(floor, Math.abs(acc) * RESIDUE);
    }
    for (let j = a - base, e = b - base; j <= e; j++) {
      acc += f[j];
      floor = Math.max(floor, Math.abs(acc) * RESIDUE);
      put(j, d[j] + acc);
    }
  }
}

/**
 * readInto for float32 columns: a copy, so each stays monomorphic in its output's element kind.
 * Writes bins [kLo, kLo + n) to out[at], out[at + 1], …: a column of a whole heatmap matrix.
 */
function readInto32(lane: Lane, scale: number, kLo: number, out: Float32Array, assign: boolean, at: number, n: number): void {
  const a = Math.max(lane.lo, kLo);
  const b = Math.min(lane.hi, kLo + n - 1);
  if (a > b) return;
  const d = lane.data;
  const base = lane.base;
  const off = base - kLo + at;
  if (!lane.pending) {
    if (assign) for (let j = a - base, e = b - base; j <= e; j++) out[j + off] = d[j] * scale;
    else for (let j = a - base, e = b - base; j <= e; j++) out[j + off] += d[j] * scale;
    return;
  }
  const f = lane.diff;
  let acc = 0;
  // (v + |v|) · scale/2 is v · scale exactly for v > 0 and 0 otherwise (rounding can leave a sum a
  // hair below 0): the same as a clamp, without a branch in the loop.
  const half = 0.5 * scale;
  if (lane.topNear) {
    // Sums start at the top, even above the window.
    for (let j = lane.hi - base, e = b - base; j > e; j--) acc += f[j];
    const e = a - base;
    if (assign) {
      // Four bins per iteration (the hot loop of a heatmap column): the same sums in the same
      // order as one bin at a time, with a quarter of the loop's own work.
      let j = b - base;
      for (; j >= e + 3; j -= 4) {
        acc += f[j];
        const v0 = d[j] + acc;
        acc += f[j - 1];
        const v1 = d[j - 1] + acc;
        acc += f[j - 2];
        const v2 = d[j - 2] + acc;
        acc += f[j - 3];
        const v3 = d[j - 3] + acc;
        const o = j + off;
        out[o] = (v0 + Math.abs(v0)) * half;
        out[o - 1] = (v1 + Math.abs(v1)) * half;
        out[o - 2] = (v2 + Math.abs(v2)) * half;
        out[o - 3] = (v3 + Math.abs(v3)) * half;
      }
      for (; j >= e; j--) {
        acc += f[j];
        const v = d[j] + acc;
        out[j + off] = (v + Math.abs(v)) * half;
      }
    } else {
      for (let j = b - base; j >= e; j--) {
        acc += f[j];
        const v = d[j] + acc;
        out[j + off] += (v + Math.abs(v)) * half;
      }
    }
  } else {
    for (let j = lane.lo - base, e = a - base; j < e; j++) acc += f[j];
    const e = b - base;
    if (assign) {
      let j = a - base;
      for (; j <= e - 3; j += 4) {
        acc += f[j];
        const v0 = d[j] + acc;
        acc += f[j + 1];
        const v1 = d[j + 1] + acc;
        acc += f[j + 2];
        const v2 = d[j + 2] + acc;
        acc += f[j + 3];
        const v3 = d[j + 3] + acc;
        const o = j + off;
        out[o] = (v0 + Math.abs(v0)) * half;
        out[o + 1] = (v1 + Math.abs(v1)) * half;
        out[o + 2] = (v2 + Math.abs(v2)) * half;
        out[o + 3] = (v3 + Math.abs(v3)) * half;
      }
      for (; j <= e; j++) {
        acc += f[j];
        const v = d[j] + acc;
        out[j + off] = (v + Math.abs(v)) * half;
      }
    } else {
      for (let j = a - base; j <= e; j++) {
        acc += f[j];
        const v = d[j] + acc;
        out[j + off] += (v + Math.abs(v)) * half;
      }
    }
  }
}

/** Spreads wider than this many bins store their interior as a pending range add (O(1)). */
const LAZY_SPAN = 8;

/**
 * Bin of a level x near a bin edge (x / step within 1e-6 of a whole number), where the quotient
 * alone is not enough: 1.2 / 0.1 is 11.999999999999998, which puts a level at exactly 1.2 in
 * [1.1, 1.2). Away from edges Math.floor(x / step) is right (its rounding is a few ulps, below
 * 1e-6 for any grid under 10^9 bins from zero), so pointBin calls this only near one.
 *
 * A level on an edge (within a few ulps, so 3 × 1.1 = 3.3000000000000003 is on 3.3) goes to the
 * bin on the price's side of it: the bin above for a long (`below` false), the bin below for a
 * short. Its centre is then half a bin nearer the price than the level, on both sides alike, so
 * a move to exactly the level liquidates it, as the exchange does when the price reaches it. Any
 * other x is placed on the exact decimal edges (binOf in grid.ts).
 */
function edgeBin(x: number, q: number, units: number, ten: number, below: boolean): number {
  const k = Math.round(q);
  if (!Number.isFinite(k)) return k;
  const edge = (k * units) / ten;
  if (Math.abs(x - edge) <= 4 * Number.EPSILON * edge) return below ? k - 1 : k;
  return binOf(x, units, ten);
}

/**
 * Bin of a point level x (all of a tier's USD at one price): Math.floor(x / step) away from
 * edges, edgeBin's side rule within 1e-6 of one (`long`: the bin above the edge, else below).
 */
function pointBin(x: number, step: number, units: number, ten: number, long: boolean): number {
  const q = x / step;
  const k = Math.floor(q);
  const f = q - k;
  if (f > 1e-6 && f < 0.999999) return k;
  return edgeBin(x, q, units, ten, !long);
}

/**
 * Spreads `raw` evenly over the price interval [a, b] into the lane's bins. A point level (a = b)
 * goes to one bin, decided on the decimal edges with the side rule (pointBin). A band's ends take
 * Math.floor(x / step): an end on or an ulp from an edge can only move an ulp's share of the USD
 * to the bin beside it (each bin gets the USD of its length of [a, b]), so the exact edges are not
 * worth deciding there. The edge bins' shares are kept >= 0: (k + 1) · step and the decimal edge
 * can differ by an ulp, which would leave −1e-16 of the USD where the band just touches a bin.
 *
 * This runs twice per tier and side on every bar that opens. Deciding the decimal edges and the
 * side rule for both ends of every band cost the year benchmark 5–20% (paired runs); with the
 * rule for points only, bands run the plain quotient again.
 */
function spread(lane: Lane, a: number, b: number, raw: number, step: number, units: number, ten: number): void {
  let ka: number;
  let kb: number;
  if (a === b) ka = kb = pointBin(a, step, units, ten, lane.topNear);
  else {
    ka = Math.floor(a / step);
    kb = Math.floor(b / step);
  }
  if (ka < lane.base || kb >= lane.base + lane.data.length) lane.ensure(ka, kb);
  const d = lane.data;
  const off = lane.base;
  if (ka === kb) d[ka - off] += raw;
  else {
    const perUsd = raw / (b - a);
    const left = (ka + 1) * step - a;
    d[ka - off] += (left > 0 ? left : 0) * perUsd;
    const mid = step * perUsd;
    if (kb - ka > LAZY_SPAN) lane.addRange(ka + 1, kb - 1, mid);
    else for (let j = ka + 1 - off, e = kb - off; j < e; j++) d[j] += mid;
    const right = b - kb * step;
    d[kb - off] += (right > 0 ? right : 0) * perUsd;
  }
  lane.total += raw;
  if (ka < lane.lo) lane.lo = ka;
  if (kb > lane.hi) lane.hi = kb;
}

/**
 * Zeroes bins [from, to] at one end of the lane's occupied range; returns what was removed.
 * Pending range adds are read from the near end, so only the removed bins are visited; what
 * they still owe the bins beyond is carried to the first bin left.
 */
function clearRange(lane: Lane, from: number, to: number): number {
  if (lane.empty) return 0;
  const a = Math.max(from, lane.lo);
  const b = Math.min(to, lane.hi);
  if (a > b) return 0;
  const d = lane.data;
  const off = lane.base;
  let removed = 0;
  if (!lane.pending) {
    for (let j = a - off, e = b - off; j <= e; j++) {
      removed += d[j];
      d[j] = 0;
    }
  } else {
    const f = lane.diff;
    let s = 0;
    if (lane.topNear) {
      // Removing from the top: the near end, where the sums start.
      if (b !== lane.hi) throw new Error("a long lane is cleared from its top");
      for (let j = b - off, e = a - off; j >= e; j--) {
        s += f[j];
        f[j] = 0;
        const v = d[j] + s;
        if (v > 0) removed += v;
        d[j] = 0;
      }
      // Full clear: nothing below lo was ever written (a spread's entries lie inside its own bins).
      if (a > lane.lo) f[a - 1 - off] += s;
    } else {
      if (a !== lane.lo) throw new Error("a short lane is cleared from its bottom");
      for (let j = a - off, e = b - off; j <= e; j++) {
        s += f[j];
        f[j] = 0;
        const v = d[j] + s;
        if (v > 0) removed += v;
        d[j] = 0;
      }
      if (b < lane.hi) f[b + 1 - off] += s;
    }
  }
  if (a <= lane.lo && b >= lane.hi) {
    lane.lo = Infinity;
    lane.hi = -Infinity;
    lane.total = 0;
    lane.pending = false;
  } else {
    if (a <= lane.lo) lane.lo = b + 1;
    else lane.hi = a - 1;
    lane.total = Math.max(0, lane.total - removed);
    // Nearly all of it removed: the subtraction cancelled, so count what is left (a rare O(bins)).
    if (lane.total < CANCELLED * removed) lane.resum();
  }
  return removed;
}

/** Moves the lane's top bound (longs) or bottom bound (shorts) past bins that hold exactly 0. */
function trimNearEnd(lane: Lane, top: boolean): void {
  const d = lane.data;
  if (top) while (lane.lo <= lane.hi && d[lane.hi - lane.base] === 0) lane.hi--;
  else while (lane.lo <= lane.hi && d[lane.lo - lane.base] === 0) lane.lo++;
  if (lane.lo > lane.hi) {
    lane.lo = Infinity;
    lane.hi = -Infinity;
    lane.total = 0;
  }
}

function scaleBin(lane: Lane, k: number, keep: number): void {
  if (k < lane.lo || k > lane.hi) return;
  const j = k - lane.base;
  const v = lane.data[j];
  lane.data[j] = v * keep;
  lane.total = Math.max(0, lane.total - v * (1 - keep));
  if (lane.total < CANCELLED * v) lane.resum();
}

/**
 * Books kept alive for the life of the module, for the reason given at KEEP_LANE_SHAPE in
 * lane.ts: the hidden classes of a book and its lanes stay, so the compiled kernel does too.
 */
export const KEEP_BOOK_SHAPES = [new Book(1, [0, 0]), new Book(1, [0], false)];
for (const b of KEEP_BOOK_SHAPES) {
  const one = Float64Array.of(1, 1);
  b.openSide(LONG, 100, 120, 1, Float64Array.of(0.5, 0.5), one, one);
  b.openSide(SHORT, 100, 120, 1, Float64Array.of(1.5, 1.5), Float64Array.of(2, 2), one);
}
