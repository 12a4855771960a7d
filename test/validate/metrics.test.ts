import assert from "node:assert/strict";
import fc from "fast-check";
import { calibration, logPearson, pearson, ranks, spearman, topCapture, topWeights } from "../../src/validate/metrics";

const f = (xs: number[]) => Float64Array.from(xs);
const E = Math.E;

describe("validate/metrics", () => {
  it("ranks(x) gives tied values the average of the ranks they span", () => {
    assert.deepEqual(Array.from(ranks(f([10, 20, 20, 30]))), [1, 2.5, 2.5, 4]);
    assert.deepEqual(Array.from(ranks(f([5, 5, 5]))), [2, 2, 2]);
  });

  it("spearman(x, y) with a tie equals the hand-derived 3/sqrt(10)", () => {
    // ranks x = [1, 2.5, 2.5, 4], y = [1, 2, 3, 4]: sxy = 4.5, sxx = 4.5, syy = 5.
    assert.ok(Math.abs(spearman(f([1, 2, 2, 3]), f([1, 2, 3, 4])) - 3 / Math.sqrt(10)) < 1e-12);
  });

  it("spearman(x, y) is 1 for any increasing map and -1 for a decreasing one", () => {
    const x = f([3, 1, 4, 1.5, 9, 2.6]);
    assert.equal(spearman(x, x.map((v) => Math.exp(v))), 1);
    assert.equal(spearman(x, x.map((v) => -v * v * v)), -1);
  });

  it("spearman(x, y) and pearson(x, y) are 0, not NaN, when a series is constant", () => {
    assert.equal(spearman(f([0, 0, 0, 0]), f([1, 5, 2, 3])), 0);
    assert.equal(pearson(f([1, 5, 2, 3]), f([7, 7, 7, 7])), 0);
    // Constant values whose mean rounds away from them ((0.1 + 0.1 + 0.1) / 3 = 0.10000000000000002).
    assert.equal(pearson(f([0.1, 0.1, 0.1]), f([1e12, 1e12, 1e12 * (1 + 6.4e-11)])), 0);
  });

  it("logPearson(x, y) correlates log(1 + USD): hand case with r = 0.5", () => {
    // log1p(x) = [0, 1, 2], log1p(y) = [0, 2, 1]: sxy = 1, sxx = syy = 2.
    const x = f([0, E - 1, E * E - 1]);
    const y = f([0, E * E - 1, E - 1]);
    assert.ok(Math.abs(logPearson(x, y) - 0.5) < 1e-12);
    // log1p(y) = 2·log1p(x) is exactly linear although y is not linear in x.
    assert.ok(Math.abs(logPearson(x, f([0, E * E - 1, E ** 4 - 1])) - 1) < 1e-12);
  });

  it("logPearson(x, y) throws on negative USD, naming the bar and value", () => {
    assert.throws(() => logPearson(f([1, -2, 3]), f([1, 2, 3])), /estimated USD must be >= 0 at bar 1 \(value -2\)/);
  });

  it("topWeights(x, share) sums to ceil(share × n) and splits ties at the cut-off", () => {
    const w = topWeights(f([1, 9, 5, 5, 5, 0, 0, 0, 0, 0]), 0.2); // k = 2: bar 1, then 1 slot for 3 tied bars
    assert.deepEqual(Array.from(w).map((v) => Math.round(v * 1e9) / 1e9), [0, 1, 0.333333333, 0.333333333, 0.333333333, 0, 0, 0, 0, 0]);
  });

  it("topCapture(est, realized) over 20 bars: 1 when the realized peak is in the model's top 2, else 0", () => {
    const realized = new Float64Array(20).fill(1);
    realized[7] = 100; // top 5% of 20 bars = 1 bar
    const hit = new Float64Array(20);
    hit[7] = 5;
    hit[3] = 6; // top 10% = bars 3 and 7
    assert.equal(topCapture(hit, realized), 1);
    const miss = new Float64Array(20);
    miss[2] = 5;
    miss[3] = 6;
    assert.equal(topCapture(miss, realized), 0);
  });

  it("topCapture(est, realized) credits ties by expected membership: 3 bars tied for 2 slots score 2/3", () => {
    const realized = new Float64Array(20);
    realized[7] = 100;
    const est = new Float64Array(20);
    est[7] = est[8] = est[9] = 4;
    assert.ok(Math.abs(topCapture(est, realized) - 2 / 3) < 1e-12);
  });

  it("topCapture(constant, realized) scores chance (the 10% flagged share), never a free 1", () => {
    const realized = f(Array.from({ length: 40 }, (_, i) => i));
    assert.ok(Math.abs(topCapture(new Float64Array(40), realized) - 0.1) < 1e-12);
  });

  it("topCapture(constant, realized) over 5 bars is ceil(0.10 × 5) / 5 = 0.2: the flagged share is k/n, k rounded up", () => {
    assert.equal(topCapture(f([1, 1, 1, 1, 1]), f([1, 2, 3, 4, 5])), 0.2);
    // 25 bars: k = ceil(2.5) = 3, so 3/25.
    assert.ok(Math.abs(topCapture(new Float64Array(25).fill(7), f(Array.from({ length: 25 }, (_, i) => i))) - 3 / 25) < 1e-12);
  });

  it("calibration(est, realized) is sum(est) / sum(realized)", () => {
    assert.equal(calibration(f([1, 2, 3]), f([2, 2, 2])), 1);
    assert.equal(calibration(f([0, 0, 3]), f([1, 1, 4])), 0.5);
  });

  it("calibration(est, zero realized) throws: nothing to calibrate against", () => {
    assert.throws(() => calibration(f([1, 2]), f([0, 0])), /realized USD sums to 0: calibration is undefined/);
  });

  it("spearman(x, y) throws on unequal lengths, NaN or fewer than 2 bars", () => {
    assert.throws(() => spearman(f([1, 2, 3]), f([1, 2])), /series lengths differ: estimated has 3 bars, realized 2/);
    assert.throws(() => spearman(f([1, NaN]), f([1, 2])), /estimated must be finite at bar 1 \(value NaN\)/);
    assert.throws(() => spearman(f([1]), f([1])), /at least 2 bars are needed/);
  });

  it("spearman, logPearson, topCapture on any non-negative series stay in range, never NaN (seeded property)", () => {
    const usd = fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e12, noNaN: true })), { minLength: 2, maxLength: 60 });
    fc.assert(
      fc.property(usd, usd, (a, b) => {
        const n = Math.min(a.length, b.length);
        const x = f(a.slice(0, n));
        const y = f(b.slice(0, n));
        const s = spearman(x, y);
        const l = logPearson(x, y);
        const t = topCapture(x, y);
        return s >= -1 && s <= 1 && l >= -1 && l <= 1 && t >= 0 && t <= 1 + 1e-12;
      }),
      { seed: 20260526, numRuns: 300 },
    );
  });

  it("pearson({}, {}), spearman(5, 5), topCapture(null, y), calibration(x, 'abc'), logPearson(new Date(), y) refuse non-arrays, naming the series", () => {
    const y = f([1, 5, 2]);
    const msg = (name: string, value: string) => new RegExp(`^LiqlabError: column "${name}": ${name} must be an array of numbers \\(a Float64Array or number\\[\\]\\) \\(value ${value}\\)$`);
    // Both lengths read undefined, which passed as equal: pearson gave 0, topCapture NaN.
    assert.throws(() => pearson({} as never, {} as never), msg("estimated", "\\{\\}"));
    assert.throws(() => spearman(5 as never, 5 as never), msg("estimated", "5"));
    assert.throws(() => topCapture(null as never, y), msg("estimated", "null"));
    assert.throws(() => calibration(y, "abc" as never), msg("realized", '"abc"'));
    assert.throws(() => logPearson(new Date(0) as never, y), msg("estimated", '"1970-01-01T00:00:00.000Z"'));
    // Plain arrays of numbers are scored as typed ones.
    assert.equal(pearson([1, 2, 3] as never, [2, 4, 6] as never), 1);
  });

  it("topCapture(x, y, null) takes the default shares, as with no options", () => {
    const x = f([1, 9, 5, 5, 5, 0, 0, 0, 0, 0]);
    const y = f([0, 9, 0, 1, 0, 0, 0, 2, 0, 0]);
    assert.equal(topCapture(x, y, null), topCapture(x, y));
  });

  it("pearson(x, y), spearman and logPearson of values near 1e308 or 1e-310 are exact correlations, not NaN or 0", () => {
    // Unscaled, the squares overflow to Infinity (1e200² and sums of 1e308) or underflow to 0.
    assert.equal(pearson(f([1e200, 2e200, 3e200]), f([1e200, 2e200, 3e200])), 1);
    assert.equal(pearson(f([1e308, 1.5e308]), f([1, 2])), 1);
    assert.equal(pearson(f([1e308, -1e308, 1.7e308]), f([1, -1, 1.7])), 1);
    assert.equal(pearson(f([1e-310, 2e-310, 3e-310]), f([3, 2, 1])), -1);
    // Scaling is by a power of two, so ordinary USD series give the textbook formulas' values to
    // the last bit: two-pass Pearson (means first), the ratio of sums, Pearson of log1p.
    const a = f([1.5e6, 2.25e7, 3.1e5, 9.9e6, 4.4e6, 1.2e7]);
    const b = f([2.1e6, 1.8e7, 0, 7.5e6, 5.05e6, 1.35e7]);
    const sum = (v: ArrayLike<number>) => Array.from(v).reduce((s, x) => s + x, 0);
    const textbook = (x: ArrayLike<number>, y: ArrayLike<number>) => {
      const mx = sum(x) / x.length;
      const my = sum(y) / y.length;
      let sxy = 0, sxx = 0, syy = 0;
      for (let i = 0; i < x.length; i++) {
        sxy += (x[i]! - mx) * (y[i]! - my);
        sxx += (x[i]! - mx) ** 2;
        syy += (y[i]! - my) ** 2;
      }
      return sxy / Math.sqrt(sxx * syy);
    };
    const expected = [textbook(a, b), sum(a) / sum(b), textbook(a.map(Math.log1p), b.map(Math.log1p))];
    assert.ok(expected[0]! > 0.97 && expected[0]! < 0.98 && expected[2]! > 0.86 && expected[2]! < 0.87, String(expected));
    assert.deepEqual([pearson(a, b), calibration(a, b), logPearson(a, b)], expected);
  });

  it("calibration(x, y) of USD near 1e308 is their ratio, not Infinity / Infinity; a ratio past 1.8e308 throws", () => {
    assert.equal(calibration(f([1e308, 1e308]), f([1e308, 1e308])), 1);
    assert.equal(calibration(f([1.5e308, 1.5e308]), f([0.5e308, 1e308])), 2);
    assert.equal(calibration(f([1e300, 1e300]), f([1e-5, 1e-5])), 1e305);
    assert.throws(() => calibration(f([1e308, 1e308]), f([1e-300, 1e-300])), /^LiqlabError: column "estimated": calibration overflows: estimated USD sums to more than 1\.8e308 times realized USD \(value Infinity\)$/);
  });
});
