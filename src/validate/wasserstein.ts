/**
 * Wasserstein-1 (earth mover's) distance between two liquidation-USD profiles over price, the
 * score of an estimated map against the simulator's true map. Both profiles are normalised to
 * unit mass first, so the distance measures WHERE the USD sits, not how much there is; it is in
 * the units of `prices` (USD). Divide by the current price for a share of price.
 */
import { error } from "../util/errors";
import { isList, unitExponent } from "../util/arrays";

/**
 * W1 = Σ_i |A_i − B_i| · (p_{i+1} − p_i), where A and B are the cumulative shares of `a` and `b`
 * over the ascending points `prices` (mass sits at the points). Throws when the points are not
 * strictly increasing, the lengths differ, a weight is negative or non-finite, or a profile has
 * no mass (a distance to nothing is undefined).
 */
export function wasserstein1(prices: Float64Array, a: Float64Array, b: Float64Array): number {
  for (const [name, s] of [["prices", prices], ["first profile", a], ["second profile", b]] as const) {
    if (!isList(s)) throw error(`${name} must be an array of numbers (a Float64Array or number[])`, { column: name, value: s });
  }
  const n = prices.length;
  if (a.length !== n || b.length !== n) throw error(`profile lengths must equal the ${n} price points`, { value: [a.length, b.length] });
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < n; i++) {
    const p = prices[i]!;
    if (!Number.isFinite(p) || (i > 0 && !(p > prices[i - 1]!))) throw error(`prices must be finite and strictly increasing at point ${i}`, { column: "prices", value: p });
    const x = a[i]!;
    const y = b[i]!;
    if (!(x >= 0) || !Number.isFinite(x)) throw error(`first profile must be finite and >= 0 at point ${i}`, { value: x });
    if (!(y >= 0) || !Number.isFinite(y)) throw error(`second profile must be finite and >= 0 at point ${i}`, { value: y });
    sa += x;
    sb += y;
  }
  if (sa === 0 || sb === 0) throw error("a profile has no mass: the distance is undefined", { value: [sa, sb] });
  // Masses near 1e308 sum to Infinity and every share to 0: each profile is brought near 1 first
  // (exactly, by a power of two); shares do not change with scale.
  const ka = 2 ** -unitExponent(a);
  const kb = 2 ** -unitExponent(b);
  sa = 0;
  sb = 0;
  for (let i = 0; i < n; i++) {
    sa += a[i]! * ka;
    sb += b[i]! * kb;
  }
  let ca = 0;
  let cb = 0;
  let w = 0;
  for (let i = 0; i < n - 1; i++) {
    ca += (a[i]! * ka) / sa;
    cb += (b[i]! * kb) / sb;
    // Half of each gap (exact): prices from -1e308 to 1e308 are 2e308 apart, past the largest number.
    w += Math.abs(ca - cb) * (prices[i + 1]! / 2 - prices[i]! / 2);
  }
  if (!(w * 2 < Infinity)) throw error("the distance overflows: it is more than 1.8e308 in the units of prices", { column: "prices", value: [prices[0], prices[n - 1]] });
  return w * 2;
}
