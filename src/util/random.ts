/**
 * liqlab's seeded random numbers (mulberry32), used by the simulator, the benchmarks and the
 * tests' synthetic inputs, so a scenario, its files and every fixture are the same bytes on every
 * machine and Node version. Never Math.random.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller, one value per call). */
  normal(): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** Index drawn with probability proportional to `weights[i]`. */
  pick(weights: ArrayLike<number>): number;
}

/** mulberry32: a 32-bit state generator, period 2^32, good enough for market noise. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function rng(seed: number): Rng {
  const u = mulberry32(seed);
  return {
    next: u,
    normal() {
      const a = 1 - u(); // (0, 1]: log never sees 0
      return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * u());
    },
    exponential(mean: number) {
      return -mean * Math.log(1 - u());
    },
    pick(weights: ArrayLike<number>) {
      let total = 0;
      for (let i = 0; i < weights.length; i++) total += weights[i]!;
      let r = u() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i]!;
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
  };
}
