/**
 * The liquidation kernel, shared by every exchange, contract and margin mode.
 *
 * Write the position's equity as a line in a price variable u (u = price for linear contracts,
 * u = 1/price for inverse ones): `equity(u) = a + slope·u`. The notional is `q·u` (USD for
 * linear, coin for inverse). Bracket i asks for maintenance margin
 * `q·u·(rate_i + fee) − amount_i`. On bracket i the liquidation condition equity = maintenance
 * is linear, with root
 *
 *     u_i = (a + amount_i) / (q·(rate_i + fee) − slope).
 *
 * The bracket that applies is the one whose notional range holds q·u_i: a fixed point. Because
 * the amounts satisfy `amount_n = floor_n·(rate_n − rate_(n−1)) + amount_(n−1)`, maintenance is
 * a continuous, convex function of notional (the maximum of the bracket lines), and
 * equity − maintenance is strictly monotone in u (rates + fee < 1). So the fixed point is unique:
 * the walk below ends on the same price from any starting bracket (docs/margin.md has the proof).
 */
import { marginOptions } from "./options";
import type { BracketArrays } from "./brackets";

/** Root u of the liquidation condition on the line of bracket index `i`. */
export function rootOnBracket(b: BracketArrays, i: number, a: number, slope: number, q: number, fee: number): number {
  return (a + b.amount[i]!) / (q * (b.rate[i]! + fee) - slope);
}

/**
 * Index of the bracket whose notional range holds the notional at its own root, found by walking
 * from bracket index `start` towards the root's notional. The walk only ever moves one way (a
 * step up cannot be followed by a step down in exact arithmetic); if rounding at a boundary
 * reverses it, the two candidates are equal to rounding and the walk stops. Notional above the
 * last cap stays in the last bracket; notional at or below 0 in the first.
 */
export function liquidationBracket(b: BracketArrays, a: number, slope: number, q: number, fee: number, start: number): number {
  const last = b.cap.length - 1;
  const tol = marginOptions.notionalTolerance;
  let i = Math.min(Math.max(start, 0), last);
  let direction = 0;
  for (;;) {
    const notional = q * rootOnBracket(b, i, a, slope, q, fee);
    if (i < last && notional > b.cap[i]! * (1 + tol)) {
      if (direction < 0) break;
      direction = 1;
      i++;
    } else if (i > 0 && notional <= b.floor[i]! * (1 - tol)) {
      if (direction > 0) break;
      direction = -1;
      i--;
    } else break;
  }
  // A root exactly on a boundary belongs to the lower bracket ((floor, cap] ranges); both lines
  // give the same root there, so this only makes the reported bracket canonical.
  if (i > 0 && q * rootOnBracket(b, i, a, slope, q, fee) <= b.floor[i]! * (1 + tol)) {
    const below = q * rootOnBracket(b, i - 1, a, slope, q, fee);
    if (below <= b.cap[i - 1]! * (1 + tol)) i--;
  }
  return i;
}
