import assert from "node:assert/strict";
import { layoutProblems, type Box } from "./layout-check";

const box = (name: string, x: number, y: number, w: number, h: number): Box => ({ name, x, y, w, h });

describe("figures/layout-check (test helper)", () => {
  it("layoutProblems(boxes) allows annotations inside a plot area but not on each other", () => {
    const plot = box("plot 0", 100, 100, 1000, 600);
    const a = box("annotation 0: a", 200, 120, 100, 30);
    assert.deepEqual(layoutProblems([plot, a], 1200, 800), []);
    const b = box("annotation 1: b", 250, 140, 100, 30);
    assert.deepEqual(layoutProblems([plot, a, b], 1200, 800), ["annotation 0: a overlaps annotation 1: b"]);
  });
  it("layoutProblems(boxes) flags a legend on the plot, a title off the image, and ignores a 1 px touch", () => {
    const plot = box("plot 0", 100, 100, 1000, 600);
    assert.deepEqual(layoutProblems([plot, box("legend", 90, 690, 300, 50)], 1200, 800), ["plot 0 overlaps legend"]);
    assert.deepEqual(layoutProblems([box("title", 1000, 10, 300, 20)], 1200, 800), ["title is outside the 1200×800 image"]);
    assert.deepEqual(layoutProblems([plot, box("legend", 100, 699, 300, 50)], 1200, 800), []);
  });
  it("layoutProblems(boxes) lets tick labels touch the plot area but not the legend", () => {
    const ticks = [box("tick y: $0", 60, 690, 30, 14), box("plot 0", 90, 100, 1000, 600)];
    assert.deepEqual(layoutProblems(ticks, 1200, 800), []);
    assert.deepEqual(layoutProblems([...ticks, box("legend", 50, 695, 200, 40)], 1200, 800), ["tick y: $0 overlaps legend", "plot 0 overlaps legend"]);
  });
  it("layoutProblems(boxes) flags x and y tick labels meeting in a corner, not neighbours on one axis", () => {
    const y0 = box("tick y: $0", 60, 690, 30, 14);
    assert.deepEqual(layoutProblems([y0, box("tick x: Jun 1", 80, 695, 40, 14)], 1200, 800), ["tick y: $0 overlaps tick x: Jun 1"]);
    assert.deepEqual(layoutProblems([y0, box("tick y: $1", 60, 680, 30, 14)], 1200, 800), []);
  });
});
