/**
 * Layout checks run inside the browser page on a drawn plotly figure: bounding boxes of the
 * title, subtitle, legend, annotations, colour bar, axis titles, tick labels and plot areas, and
 * the pairs among them that must not overlap for the figure to read cleanly.
 */

export interface Box {
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Boxes of everything the overlap rules look at (runs in the page: no imports, DOM only). */
export function collectBoxes(): Box[] {
  const out: Box[] = [];
  const add = (name: string, el: Element | null) => {
    if (el === null) return;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) out.push({ name, x: r.left, y: r.top, w: r.width, h: r.height });
  };
  add("title", document.querySelector("text.gtitle"));
  add("subtitle", document.querySelector("text.gtitle-subtitle"));
  add("legend", document.querySelector("g.legend"));
  document.querySelectorAll("g.annotation").forEach((a, i) => add(`annotation ${i}: ${(a.textContent ?? "").slice(0, 40)}`, a));
  document.querySelectorAll("g.colorbar").forEach((c, i) => add(`colorbar ${i}`, c));
  document.querySelectorAll("rect.nsewdrag").forEach((p, i) => add(`plot ${i}`, p));
  document.querySelectorAll("text.xtitle, text.x2title, text.ytitle, text.y2title").forEach((t) => add(`axis title ${t.getAttribute("class")}`, t));
  for (const axis of ["x", "x2", "y", "y2"]) {
    document.querySelectorAll(`g.${axis}tick text`).forEach((t) => add(`tick ${axis}: ${t.textContent}`, t));
  }
  return out;
}

function overlaps(a: Box, b: Box, tolerance = 1): boolean {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > tolerance && h > tolerance;
}

const kind = (b: Box) => b.name.split(/[ :]/)[0]!;
/** "x2" for "tick x2: $1,000", "" for anything that is not a tick label. */
const tickAxis = (b: Box) => (b.name.startsWith("tick ") ? b.name.slice(5, b.name.indexOf(":")) : "");

/**
 * Pairs that overlap against the rules, as readable strings (empty when the layout is clean):
 * title, subtitle, legend and colour bar overlap nothing else; annotations may sit inside a plot
 * area but not on each other, on tick labels or axis titles; tick labels of different axes do
 * not touch (the corner where x and y labels meet); and everything stays inside the
 * width × height image.
 */
export function layoutProblems(boxes: Box[], width: number, height: number): string[] {
  const problems: string[] = [];
  const solo = new Set(["title", "subtitle", "legend", "colorbar"]);
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    if (a.x < -1 || a.y < -1 || a.x + a.w > width + 1 || a.y + a.h > height + 1) problems.push(`${a.name} is outside the ${width}×${height} image`);
    for (let j = i + 1; j < boxes.length; j++) {
      const b = boxes[j]!;
      const [ka, kb] = [kind(a), kind(b)];
      const checked =
        solo.has(ka) ||
        solo.has(kb) ||
        (ka === "annotation" && kb !== "plot") ||
        (kb === "annotation" && ka !== "plot") ||
        (ka === "tick" && kb === "tick" && tickAxis(a) !== tickAxis(b));
      if (checked && overlaps(a, b)) problems.push(`${a.name} overlaps ${b.name}`);
    }
  }
  return problems;
}
