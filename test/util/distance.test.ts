import assert from "node:assert/strict";
import { editDistance, meantName, unknownOption } from "../../src/util/distance";

describe("util/distance", () => {
  it("editDistance(a, b) counts insertions, deletions, substitutions and neighbour swaps as one each", () => {
    assert.equal(editDistance("", ""), 0);
    assert.equal(editDistance("step", "step"), 0);
    assert.equal(editDistance("setp", "step"), 1); // swap
    assert.equal(editDistance("sides", "side"), 1); // deletion
    assert.equal(editDistance("clone", "close"), 1); // substitution
    assert.equal(editDistance("author", "anchor"), 2);
    assert.equal(editDistance("abc", ""), 3);
  });

  it("meantName(key, known) allows a short name only a swap or one letter more or less, never a substitution", () => {
    assert.equal(meantName("setp", ["step", "lo", "bins"]), "step");
    assert.equal(meantName("sides", ["side", "title"]), "side");
    assert.equal(meantName("clone", ["close", "anchor"]), undefined);
    assert.equal(meantName("note", ["close", "anchor", "source"]), undefined);
  });

  it("meantName(key, known) allows one edit from six letters and two from eight, without case", () => {
    assert.equal(meantName("treshold", ["title", "thresholds"]), "thresholds"); // two edits, eight letters
    assert.equal(meantName("intrval", ["interval"]), "interval"); // one edit, seven letters
    assert.equal(meantName("intrvl", ["interval"]), undefined); // two edits, six letters
    assert.equal(meantName("halflifeHours", ["halfLifeHours"]), "halfLifeHours");
    assert.equal(meantName("intervall", ["interval", "from"]), "interval");
    assert.equal(meantName("author", ["anchor"]), undefined); // six letters, two edits
    assert.equal(meantName("maintenanceMarginRatio", ["maintenanceMarginRate"]), "maintenanceMarginRate");
  });

  it("meantName(key, known) takes a key of four letters or more that starts a name, below any name within its edits", () => {
    assert.equal(meantName("clip", ["title", "clipPercentile"]), "clipPercentile");
    assert.equal(meantName("halfLife", ["halfLifeHours"]), "halfLifeHours");
    assert.equal(meantName("cli", ["clipPercentile"]), undefined);
    // "threshold" is one edit from "thresholds" and starts it; "thresold" is one from "threshold"
    assert.equal(meantName("thresold", ["thresholds", "threshold"]), "threshold");
    assert.equal(meantName("threshold", ["thresholds"]), "thresholds");
  });

  it("meantName(key, known, minPrefix) takes a start only from minPrefix letters", () => {
    assert.equal(meantName("open", ["openInterest", "leverage"], 5), undefined);
    assert.equal(meantName("open", ["openInterest", "leverage"]), "openInterest");
    assert.equal(meantName("halfLife", ["halfLifeHours"], 5), "halfLifeHours");
  });

  it("meantName(key, known) picks the nearest name, the first of equals", () => {
    // one edit beats a start (1.5), listed first or not
    assert.equal(meantName("close", ["closeTime", "closed"]), "closed");
    assert.equal(meantName("maxTimeApar", ["maxTimeApartMs", "maxTimeApart"]), "maxTimeApart");
    // one edit beats two
    assert.equal(meantName("thresholdz", ["thresholdsx", "thresholds"]), "thresholds");
    assert.equal(meantName("leverageBand", ["leverage", "leverageBands"]), "leverageBands");
    assert.equal(meantName("steps", ["step", "stem"]), "step");
    assert.equal(meantName("x", []), undefined);
  });

  it("unknownOption(hint, who, known, after) names the option meant, else every option of who", () => {
    assert.equal(unknownOption("step", "grid", ["step", "lo"]), "unknown option; did you mean step?");
    assert.equal(unknownOption(undefined, "grid", ["step", "lo", "bins"]), "unknown option; grid takes step, lo, bins");
    assert.equal(unknownOption(undefined, "replay", ["leverage"], " (docs)"), "unknown option; replay takes leverage (docs)");
  });
});
