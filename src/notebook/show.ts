/**
 * `show(x)`: display a figure, a table, a map, a quality report or any value in a Jupyter
 * notebook running the liqlab kernel, as ONE output. Outside a kernel (a script, a test) it
 * prints the text version to stdout.
 *
 * The kernel is tslab. Its public `display` sends one mime type per output, so show() uses the
 * kernel's lower-level display call (`lastWriteDisplayData` in tslab's jupyter module), which is
 * internal to tslab: package.json pins tslab for that reason.
 */
import type { ColumnTable } from "arquero";
import { renderStatic, plotlySource } from "../figures/render";
import type { Figure } from "../figures/figure";
import { escapeHtml } from "../figures/embed";
import { figureBundle, isFigure, tableBundle, type DisplayBundle } from "./bundle";
import * as aq from "arquero";
import { mapFigure } from "../figures/map";
import type { LiquidationMap } from "../engine/types";
import type { BacktestResult } from "../validate/types";
import { isList } from "../util/arrays";
import { captionWith, labelOf } from "../util/estimate";

type WriteDisplayData = (content: { data: Record<string, string>; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

/** tslab's display sender when running inside the kernel, else null. */
function kernelDisplay(): WriteDisplayData | null {
  for (const [file, mod] of Object.entries(require.cache)) {
    if (mod && /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) {
      const write = (mod.exports as { lastWriteDisplayData?: WriteDisplayData | null }).lastWriteDisplayData;
      if (typeof write === "function") return write;
    }
  }
  return null;
}

/** Per-kernel state: plotly.js goes out once per notebook (with the first figure). */
const state = { plotlySent: false, figures: 0 };

/**
 * Forget that plotly.js was sent, so the next figure carries it again. Call it after clearing all
 * outputs of a notebook without restarting the kernel.
 */
export function resetDisplay(): void {
  state.plotlySent = false;
}

export interface ShowOptions {
  /** Tables: rows shown (default 20). */
  limit?: number;
  /** Tables and values: caption above them (default: the estimate caption the engine gives a map's table and answers, and model.bars; else none). */
  caption?: string;
  /** Figures: static image size in pixels (default: layout width/height, else 1200 × 800, the size the figure builders lay out for). */
  width?: number;
  height?: number;
  /** Figures: make a static PNG beside the interactive chart (default true). */
  image?: boolean;
}

function isTable(x: unknown): x is ColumnTable {
  return typeof x === "object" && x !== null && typeof (x as ColumnTable).numRows === "function" && typeof (x as ColumnTable).toHTML === "function";
}

/** Something that knows how to show itself (quality reports, maps, backtest results). */
interface Showable {
  toDisplay(): Figure | DisplayBundle | { html: string; text: string };
}
function isShowable(x: unknown): x is Showable {
  return typeof x === "object" && x !== null && typeof (x as Showable).toDisplay === "function";
}

function isMap(x: unknown): x is LiquidationMap {
  return typeof x === "object" && x !== null && typeof (x as LiquidationMap).liquidationsIf === "function" && Array.isArray((x as LiquidationMap).tiers);
}
function isBacktest(x: unknown): x is BacktestResult {
  const b = x as BacktestResult;
  return typeof x === "object" && x !== null && typeof b.bars === "number" && typeof b.long?.model?.spearman === "number" && typeof b.short?.baseline?.spearman === "number";
}

/** A backtest's scores: one row per side and metric, model beside baseline. */
function backtestTable(r: BacktestResult): ColumnTable {
  const rows = (["long", "short"] as const).flatMap((side) =>
    (["spearman", "logPearson", "topCapture", "calibration"] as const).map((metric) => ({ side, metric, model: r[side].model[metric], baseline: r[side].baseline[metric] })),
  );
  return aq.from(rows);
}

/**
 * Any value as JSON text: numbers JSON has no form for (Infinity, NaN) and BigInts (Arrow and
 * Parquet int64 columns) as their digits, a typed array as its list of values, and an object
 * met again inside itself as "[circular]".
 */
function valueText(x: unknown): string {
  if (typeof x === "string") return x;
  if (typeof x === "bigint") return String(x);
  // A BigInt goes into the JSON as a marked string, unquoted below: 12n reads 12, as a number does.
  // The mark starts with a NUL character, which JSON writes as \u0000: no text a user shows holds it.
  const mark = "\u0000liqlab-bigint:";
  // The objects enclosing the value being written: `this` is the one holding it.
  const open: unknown[] = [];
  const text = JSON.stringify(
    x,
    function (this: unknown, _key: string, v: unknown): unknown {
      if (typeof v === "bigint") return mark + String(v);
      if (typeof v === "number" && !Number.isFinite(v)) return String(v);
      if (typeof v !== "object" || v === null) return v;
      while (open.length > 0 && open[open.length - 1] !== this) open.pop();
      if (open.includes(v)) return "[circular]";
      open.push(v);
      return isList(v) && !Array.isArray(v) ? Array.from(v) : v;
    },
    2,
  );
  return text === undefined ? String(x) : text.replace(/"\\u0000liqlab-bigint:(-?\d+)"/g, "$1");
}

/** The bundle `show(x)` would send; exported for tests and for custom front ends. */
export function displayBundle(x: unknown, options: ShowOptions | null = {}): DisplayBundle {
  // null options read as none given.
  const o = options ?? {};
  if (isMap(x)) return displayBundle(mapFigure(x), o);
  if (isBacktest(x)) {
    const of = x.source === `${x.bars} bars` ? x.source : `${x.bars} bars, ${x.source}`;
    const caption = captionWith(o.caption, { caption: `Estimated vs realized liquidations per bar: model and baseline scores (${of})`, word: "estimate" });
    return tableBundle(backtestTable(x), { ...(caption !== undefined ? { caption } : {}), ...(o.limit !== undefined ? { limit: o.limit } : {}) });
  }
  if (isShowable(x)) {
    const d = x.toDisplay();
    if (isFigure(d)) return displayBundle(d, o);
    if ("data" in d && "metadata" in d) return d as DisplayBundle;
    const h = d as { html: string; text: string };
    return { data: { "text/html": h.html, "text/plain": h.text }, metadata: {} };
  }
  if (isFigure(x)) {
    const lw = typeof x.layout["width"] === "number" ? (x.layout["width"] as number) : undefined;
    const lh = typeof x.layout["height"] === "number" ? (x.layout["height"] as number) : undefined;
    const width = o.width ?? lw ?? 1200;
    const height = o.height ?? lh ?? 800;
    const image = o.image === false ? { ok: false as const, reason: "static image turned off (image: false)" } : renderStatic(x, { format: "png", width, height });
    state.figures += 1;
    const bundle = figureBundle(x, { id: `liqlab-figure-${state.figures}`, height, image, ...(state.plotlySent ? {} : { plotly: plotlySource() }) });
    state.plotlySent = true;
    return bundle;
  }
  // Values the engine marked as estimates (a map's table and answers, model.bars) show their
  // caption; a table derived from one is known by its estimate columns. A caption the user gives
  // keeps the label: "(estimate)" is added unless it says so.
  const caption = captionWith(o.caption, labelOf(x, isTable(x) ? x.columnNames() : undefined));
  if (isTable(x)) return tableBundle(x, { ...o, ...(caption !== undefined ? { caption } : {}) });
  // JSON has no Infinity or NaN (it writes null): an imbalance with no shorts has ratio Infinity.
  const text = valueText(x);
  const shown = caption ? `${caption}\n${text}` : text;
  return { data: { "text/plain": shown, "text/html": (caption ? `<p><b>${escapeHtml(caption)}</b></p>` : "") + `<pre>${escapeHtml(text)}</pre>` }, metadata: {} };
}

/**
 * Displays `x` as one notebook output: a plotly figure (interactive HTML + static PNG), a
 * liquidation map (as `mapFigure(map)`), a backtest result (its scores beside the baseline's), an
 * arquero table (HTML with a row limit), anything with `toDisplay()` (load reports, markdown), or
 * any other value as text. Returns nothing, so it can end a cell.
 */
export function show(x: unknown, options: ShowOptions | null = {}): void {
  const write = kernelDisplay();
  if (!write) {
    if (isFigure(x)) process.stdout.write(`[figure] ${JSON.stringify(x.layout["title"] ?? "")}\n`);
    else process.stdout.write((displayBundle(x, options).data["text/plain"] ?? "") + "\n");
    return;
  }
  const bundle = displayBundle(x, options);
  if (isFigure(x) && !bundle.data["image/png"]) {
    // One line, in the notebook, saying why there is no picture.
    process.stdout.write(bundle.data["text/plain"]!.split("\n").slice(1).join(" ") + "\n");
  }
  write({ data: bundle.data, metadata: bundle.metadata, transient: {} }, false);
}
