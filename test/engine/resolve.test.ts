import { strict as assert } from "assert";
import { fromBinance } from "../../src/margin/load";
import { capLeverage, resolveOptions } from "../../src/engine/resolve";
import type { ReplayOptions } from "../../src/engine/options";

const bad = (o: unknown) => () => resolveOptions(o as ReplayOptions);

describe("resolveOptions(options)", () => {
  it("resolveOptions({ halfLifeHours }) refuses a string instead of reading its characters as half-lives", () => {
    // "72" on two tiers used to be spread into ["7", "2"]: half-lives of 7 and 2 hours.
    assert.throws(bad({ leverage: { tiers: [5, 10], weights: [1, 1] }, halfLifeHours: "72" }), /replay: column "halfLifeHours": must be a number of hours, or an array of one per tier \(2\) \(value "72"\)/);
    assert.throws(bad({ halfLifeHours: [72, null, 72, 72, 72] }), /column "halfLifeHours": half-life must be a number of hours >= 0 \(0 or Infinity = no decay\) \(value null\)/);
    assert.throws(bad({ halfLifeHours: [72, 72] }), /column "halfLifeHours": needs one half-life per tier \(5\), or one number for all/);
    assert.deepEqual(resolveOptions({ halfLifeHours: [1, 2, 3, 0, Infinity] }).halfLifeHours, [1, 2, 3, 0, Infinity]);
    assert.deepEqual(resolveOptions({}).halfLifeHours, [72, 72, 72, 72, 72]);
  });

  it("resolveOptions({ leverage, ratios, margin }) names a malformed option instead of a TypeError", () => {
    assert.throws(bad({ leverage: 10 }), /replay: column "leverage": must be a preset name \(retail, conservative, degen, even4\) or \{ tiers: number\[\], weights: number\[\] \} \(one weight per tier\) \(value 10\)/);
    assert.throws(bad({ leverage: { tiers: [5, 10] } }), /column "leverage": must be a preset name/);
    assert.throws(bad({ leverage: { tiers: [5, 10], weights: [1, 1], shortWeights: 3 } }), /column "leverage.shortWeights": must be an array of numbers, one per tier \(value 3\)/);
    assert.throws(bad({ ratios: { long: [0.9, 0.9, 0.9, 0.9, 0.9] } }), /column "ratios.short": must be an array of level \/ entry ratios, one per tier \(5\) \(value undefined\)/);
    assert.throws(bad({ margin: "isolated" }), /column "margin": must be an object of margin options/);
    assert.throws(bad({ leverage: "constructor" as never }), /column "leverage": unknown leverage preset; known: retail, conservative, degen, even4 \(value "constructor"\)/);
    assert.throws(bad({ ratioColumn: 10n as never }), /replay: column "ratioColumn": must be the name of a column \(a string\) \(value 10\)/);
    assert.throws(bad({ source: 7 as never }), /replay: column "source": must be a string .*\(value 7\)/);
  });

  it("resolveOptions({ margin: { margin: \"cross\" } }) refuses cross margin, which depends on each account's wallet", () => {
    assert.throws(bad({ margin: { margin: "cross" } }), /replay: column "margin.margin": replay places each tier's representative position on isolated margin; "cross" levels depend on each account's wallet balance/);
    assert.throws(bad({ margin: { margin: "isolate" } }), /column "margin.margin": must be "isolated" \(the only mode a replay uses\) \(value "isolate"\)/);
  });

  it("resolveOptions(options) takes typed arrays where arrays go, and null (a JSON config's 'not given') as the default", () => {
    const typed = resolveOptions({ leverage: { tiers: Float64Array.of(5, 10) as never, weights: Float64Array.of(1, 3) as never }, halfLifeHours: Float64Array.of(24, 48) as never, ratios: { long: Float64Array.of(0.8, 0.9) as never, short: Float64Array.of(1.2, 1.1) as never } });
    assert.deepEqual([typed.tiers, [...typed.weights.long], typed.halfLifeHours], [[5, 10], [0.25, 0.75], [24, 48]]);
    const nulls = resolveOptions({ ratios: null, margin: null, leverage: null, grid: null, heatmap: null } as never);
    assert.deepEqual([nulls.ratios, nulls.margin.margin, nulls.tiers.length], [undefined, "isolated", 5]);
    assert.equal(resolveOptions({ margin: { margin: undefined, positionUsd: null } } as never).margin.positionUsd, 10_000);
  });

  it("resolveOptions({ leverage: { weights } }) shares weights whose sum overflows as relative weights, not as zeros", () => {
    // 1e308 + 1e308 is Infinity: each weight over that sum was 0, and nothing opened entered the book.
    assert.deepEqual([...resolveOptions({ leverage: { tiers: [10, 20], weights: [1e308, 1e308] } }).weights.long], [0.5, 0.5]);
    assert.deepEqual([...resolveOptions({ leverage: { tiers: [10, 20], weights: [1, 1], shortWeights: [1.5e308, 0.5e308] } }).weights.short], [0.75, 0.25]);
    assert.deepEqual([...resolveOptions({ leverage: { tiers: [10, 20], weights: [1, 3] } }).weights.long], [0.25, 0.75]);
    assert.throws(bad({ leverage: { tiers: [10, 20], weights: [0, 0] } }), /replay: column "leverage.weights": weights must not all be zero \(value \[0,0\]\)/);
  });

  it("resolveOptions({ maxLeverage }) refuses a tier above it, naming the fix", () => {
    // retail's top tier is 100x; BNBUSDT allows 75x.
    assert.throws(bad({ maxLeverage: 75 }), /replay: column "leverage.tiers": tier 100x is above maxLeverage 75; cap the mix, e.g. leverage: liq.capLeverage\("retail", 75\) \(value 100\)/);
    assert.equal(resolveOptions({ maxLeverage: 100 }).maxLeverage, 100);
  });

  it("resolveOptions(options) refuses a misspelt option, which would otherwise leave its default in silence", () => {
    assert.throws(bad({ halflifeHours: 1 }), /replay: column "halflifeHours": unknown option; did you mean halfLifeHours\? \(value 1\)/);
    assert.throws(bad({ halfLife: 24 }), /column "halfLife": unknown option; did you mean halfLifeHours\?/);
    assert.throws(bad({ leverageBand: "point" }), /did you mean leverageBands\?/);
    assert.throws(bad({ step: 10 }), /column "step": unknown option; did you mean grid.step\? \(value 10\)/);
    assert.throws(bad({ symbol: "ETHUSDT" }), /did you mean margin.symbol\?/);
    assert.throws(bad({ grid: { setp: 10 } }), /column "grid.setp": unknown option; did you mean grid.step\?/);
    assert.throws(bad({ margin: { maintenanceMarginRatio: 0.004 } }), /did you mean margin.maintenanceMarginRate\?/);
    // Keys that look like no option are refused too (they would leave a default in silence), with
    // the options listed; short words one letter from an option get no "did you mean".
    for (const key of ["note", "decay", "binWidth", "closeRule", "anchoring"]) {
      assert.throws(bad({ [key]: 1 }), new RegExp(`replay: column "${key}": unknown option; replay takes leverage, margin, ratios, .*, heatmap \\(docs/engine.md, Options\\) \\(value 1\\)`), key);
    }
    assert.throws(bad({ clone: 1 }), /column "clone": unknown option; replay takes/);
    assert.throws(bad({ leverage: { tiers: [10], weights: [1], longWeights: [1] } }), /column "leverage.longWeights": unknown option; leverage takes tiers, weights, shortWeights \(value \[1\]\)/);
    assert.throws(bad({ margin: { mode: "cross" } }), /column "margin.mode": unknown option; margin takes exchange, contract, margin, symbol, brackets, maintenanceMarginRate, positionUsd/);
    // a model's grid passes as it is, its derived centres included (a replay on another's grid)
    assert.deepEqual(resolveOptions({ grid: { lo: 100, step: 1, bins: 2, prices: Float64Array.of(100.5, 101.5) } as never }).grid, { lo: 100, step: 1, bins: 2, prices: Float64Array.of(100.5, 101.5) });
    assert.throws(bad({ grid: { lo: 100, step: 1, bins: 2, centres: [1] } }), /column "grid.centres": unknown option; grid takes step, lo, bins/);
    // What loaders return beside candles and OI passes (not read), as does a key set to undefined.
    assert.equal(resolveOptions({ liquidations: {}, report: {}, funding: {}, note: undefined } as ReplayOptions).anchor, "fill");
  });

  it("resolveOptions({ margin: { brackets } }) takes the table's symbol, and refuses another margin.symbol", () => {
    const response = [{ symbol: "DOGEUSDT", brackets: [{ bracket: 1, initialLeverage: 75, notionalCap: 10_000, notionalFloor: 0, maintMarginRatio: 0.005, cum: 0 }] }];
    const brackets = fromBinance(response, "DOGEUSDT");
    // the default BTCUSDT was named for DOGE's brackets in the refusal of a 100x tier
    assert.equal(resolveOptions({ margin: { brackets } }).margin.symbol, "DOGEUSDT");
    assert.equal(resolveOptions({ margin: { brackets, symbol: "dogeusdt" } }).margin.symbol, "dogeusdt");
    assert.throws(bad({ margin: { brackets, symbol: "BTCUSDT" } }), /replay: column "margin.symbol": margin.brackets are DOGEUSDT's, and margin.symbol says BTCUSDT: pass the symbol's own brackets \(fromBinance\(json, "BTCUSDT"\)\) or leave margin.symbol out \(value "BTCUSDT"\)/);
    // a bare bracket array names no symbol: the default stays
    assert.equal(resolveOptions({ margin: { brackets: brackets.brackets } }).margin.symbol, "BTCUSDT");
  });

  it("resolveOptions({ grid, heatmap }) refuses a number or a string where an object goes", () => {
    // grid: 5 (meant as the step) used to be spread into nothing: the automatic step, in silence
    assert.throws(bad({ grid: 5 } as unknown as ReplayOptions), /replay: column "grid": must be an object: \{ step \} or \{ step, lo, bins \} \(value 5\)/);
    assert.throws(bad({ grid: "10" } as unknown as ReplayOptions), /column "grid": must be an object/);
    assert.throws(bad({ heatmap: 3_600_000 } as unknown as ReplayOptions), /column "heatmap": must be an object: \{\} \(a column after every bar\) or \{ step \} \(value 3600000\)/);
  });
  it("capLeverage(mix, max) checks the mix as replay does: one weight per tier, a known preset", () => {
    assert.throws(() => capLeverage({ tiers: [5, 10, 200], weights: [1] }, 50), /capLeverage: column "leverage.weights": needs one weight per tier \(3\) \(value \[1\]\)/);
    assert.throws(() => capLeverage({ tiers: [5, NaN], weights: [1, 1] }, 50), /capLeverage: column "leverage.tiers": leverage.tiers must be a finite number \(value NaN\)/);
    assert.throws(() => capLeverage("toString" as never, 50), /capLeverage: column "leverage": unknown leverage preset/);
    assert.deepEqual(capLeverage({ tiers: [5, 10, 200], weights: [1, 1, 2] }, 50), { tiers: [5, 10, 50], weights: [1, 1, 2] });
  });
});
