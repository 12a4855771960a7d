import assert from "node:assert/strict";
import { wasserstein1 } from "../../src/validate/wasserstein";

const f = (xs: number[]) => Float64Array.from(xs);

describe("validate/wasserstein", () => {
  it("wasserstein1(prices, a, b) of two point masses is the distance between them", () => {
    const p = f([100, 101, 102, 103, 104]);
    assert.equal(wasserstein1(p, f([0, 1, 0, 0, 0]), f([0, 0, 0, 0, 1])), 3);
  });

  it("wasserstein1(prices, a, b) moves half the mass 2 apart: 1, whatever the total USD", () => {
    // a = {100: 1/2, 102: 1/2}, b = {102: 1}: half the mass travels 2 → 1.
    const p = f([100, 101, 102]);
    assert.equal(wasserstein1(p, f([5e6, 0, 5e6]), f([0, 0, 3])), 1);
  });

  it("wasserstein1(prices, a, a) is 0 and the distance is symmetric on an uneven grid", () => {
    const p = f([1, 2, 4, 8]);
    const a = f([1, 2, 3, 4]);
    const b = f([4, 0, 0, 1]);
    assert.equal(wasserstein1(p, a, a), 0);
    assert.ok(Math.abs(wasserstein1(p, a, b) - wasserstein1(p, b, a)) < 1e-12);
    // cumulative a = .1 .3 .6, b = .8 .8 .8 → |.7|·1 + |.5|·2 + |.2|·4 = 2.5
    assert.ok(Math.abs(wasserstein1(p, a, b) - 2.5) < 1e-12);
  });

  it("wasserstein1(prices, a, zeros) throws: a distance to nothing is undefined", () => {
    assert.throws(() => wasserstein1(f([1, 2]), f([1, 1]), f([0, 0])), /a profile has no mass: the distance is undefined/);
  });

  it("wasserstein1(unsorted prices, a, b) throws naming the point", () => {
    assert.throws(() => wasserstein1(f([1, 3, 2]), f([1, 1, 1]), f([1, 1, 1])), /strictly increasing at point 2 \(value 2\)/);
  });

  it("wasserstein1(null | {} | a number, a, b) refuses what is not an array of numbers, naming it", () => {
    assert.throws(() => wasserstein1(null as never, f([1]), f([1])), /^LiqlabError: column "prices": prices must be an array of numbers \(a Float64Array or number\[\]\) \(value null\)$/);
    assert.throws(() => wasserstein1(f([1, 2]), {} as never, f([1, 1])), /column "first profile": first profile must be an array of numbers \(a Float64Array or number\[\]\) \(value \{\}\)/);
    assert.throws(() => wasserstein1(f([1, 2]), f([1, 1]), 3 as never), /column "second profile": second profile must be an array of numbers .* \(value 3\)/);
  });

  it("wasserstein1(prices -1e308 to 1e308 | masses near 1e308, a, b) gives the distance, not NaN; one past 1.8e308 throws", () => {
    // The gap between the points (2e308) is past the largest number; equal profiles are still 0 apart.
    assert.equal(wasserstein1(f([-1e308, 1e308]), f([1, 1]), f([1, 1])), 0);
    // Masses of 1e308 sum to Infinity unscaled: half the mass moves 2 points over, 1 apart each.
    assert.equal(wasserstein1(f([0, 1, 2]), f([1e308, 1e308, 0]), f([0, 1e308, 1e308])), 1);
    assert.equal(wasserstein1(f([-1e308, 0, 1e308]), f([1, 1, 0]), f([0, 1, 1])), 1e308);
    assert.throws(() => wasserstein1(f([-1e308, 1e308]), f([1, 0]), f([0, 1])), /^LiqlabError: column "prices": the distance overflows: it is more than 1\.8e308 in the units of prices \(value \[-1e\+308,1e\+308\]\)$/);
  });
});
