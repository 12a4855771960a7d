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
import { figureBundle, figureTitle, isFigure, tableBundle, type DisplayBundle } from "./bundle";
import * as aq from "arquero";
import { mapFigure } from "../figures/map";
import { heatmapFigure } from "../figures/heatmap";
import { leftOutNote } from "../figures/validation";
import type { Heatmap, LiquidationMap, LiquidationModel } from "../engine/types";
import type { BacktestResult } from "../validate/types";
import { BACKTEST_DEFAULTS } from "../validate/options";
import { isList } from "../util/arrays";
import { captionWith, labelOf, type Label } from "../util/estimate";
import { usd, utcLabel } from "../figures/format";
import { intervalLabel } from "../util/time";
import { pageTitle } from "../figures/html";

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
  /** Tables and values: caption above them (default: the estimate caption the engine gives a map's table and answers, and model.bars, or those of the estimates a value holds; else none). */
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
/** A model's heatmap (`model.heatmap()`): shown as its figure, not 5,000 columns of JSON. */
function isHeatmap(x: unknown): x is Heatmap {
  const h = x as Heatmap;
  return typeof x === "object" && x !== null && h.times instanceof Float64Array && Array.isArray(h.z) && typeof h.grid?.step === "number" && typeof h.candles === "object";
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
function valueText(x: unknown, indent = 2): string {
  if (typeof x === "string") return x;
  if (typeof x === "bigint") return String(x);
  // A BigInt goes into the JSON as a marked string, unquoted below: 12n reads 12, as a number does.
  // The mark starts with a NUL character, which JSON writes as \u0000: no text a user shows holds it.
  const mark = "\u0000liqlab-bigint:";
  // The objects enclosing the value being written: `this` is the one holding it.
  const open: unknown[] = [];
  const text = JSON.stringify(
    x,
    function (this: unknown, key: string, v: unknown): unknown {
      // A table's toJSON has already made it one long escaped string, and a map's or heatmap's
      // arrays would be megabytes: say what each is instead (a value nested deeper than show()
      // lays out, or past the members it looks at).
      const held = (this as Record<string, unknown>)[key];
      if (isTable(held)) return tablePlaceholder(held);
      if (isMap(held) || isHeatmap(held)) return memberText(held);
      if (isModel(held)) return `[liquidation model: ${held.source}, ${held.bars.numRows().toLocaleString("en-US")} bars; show it on its own]`;
      if (typeof v === "bigint") return mark + String(v);
      if (typeof v === "number" && !Number.isFinite(v)) return String(v);
      if (typeof v !== "object" || v === null) return v;
      while (open.length > 0 && open[open.length - 1] !== this) open.pop();
      if (open.includes(v)) return "[circular]";
      open.push(v);
      return isList(v) && !Array.isArray(v) ? Array.from(v) : v;
    },
    indent,
  );
  return text === undefined ? String(x) : text.replace(/"\\u0000liqlab-bigint:(-?\d+)"/g, "$1");
}

/** What a table nested in a shown value reads as in its JSON: its size, not an escaped copy of its rows. */
function tablePlaceholder(t: ColumnTable): string {
  return `[table: ${t.numRows().toLocaleString("en-US")} rows × ${t.numCols()} columns]`;
}

/** A replay's result (`replay()`): shown as a summary, not its every array. */
function isModel(x: unknown): x is LiquidationModel {
  const m = x as LiquidationModel;
  return typeof x === "object" && x !== null && typeof m.mapAt === "function" && typeof m.heatmap === "function" && isTable(m.bars);
}

/**
 * How far show() looks inside plain objects and arrays for estimates and tables: levels below
 * the value shown, members of each object or array (the rest are not looked at), and tables drawn
 * as tables (further ones read as their size).
 */
const DEPTH = 6;
const MEMBERS = 1000;
const SECTIONS = 20;
/** Objects and arrays looked inside in all, at most: a huge nested value is not walked whole. */
const BUDGET = 20_000;

/** A plain object (a literal, `{...x}`, JSON) or an array: what show() looks inside. */
function isPlain(x: unknown): x is Record<string, unknown> {
  if (Array.isArray(x)) return true;
  if (typeof x !== "object" || x === null) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The members show() looks at: the first MEMBERS own enumerable data properties (getters are not
 * run: a heatmap's sides cost a pass over the bars) with the path each is written as.
 */
function members(x: Record<string, unknown>, path: string): { path: string; value: unknown }[] {
  const out: { path: string; value: unknown }[] = [];
  if (Array.isArray(x)) {
    for (let i = 0; i < Math.min(x.length, MEMBERS); i++) out.push({ path: `${path}[${i}]`, value: x[i] as unknown });
    return out;
  }
  for (const key in x) {
    if (out.length >= MEMBERS) break;
    const d = Object.getOwnPropertyDescriptor(x, key);
    if (!d || !("value" in d) || typeof d.value === "function") continue;
    out.push({ path: path === "" ? key : `${path}.${key}`, value: d.value });
  }
  return out;
}

/** How many members a value has (an array's length, an object's own enumerable keys). */
function size(x: Record<string, unknown>): number {
  return Array.isArray(x) ? x.length : Object.keys(x).length;
}

/** The label a value carries itself: its mark, a table's estimate columns, a model's or a map's estimates. */
function ownLabel(x: unknown): Label | undefined {
  if (isModel(x)) return modelLabel(x);
  if (isMap(x)) return labelOf(x.table, x.table.columnNames());
  return labelOf(x, isTable(x) ? x.columnNames() : undefined);
}

/** A labelled value inside another, and where. */
interface Found {
  path: string;
  label: Label;
  value: unknown;
}

/** Every labelled value inside `x` (not `x` itself), by path; a labelled value is not looked inside. */
function labelsWithin(x: Record<string, unknown>, path: string, depth: number, seen: Set<unknown>, out: Found[] = []): Found[] {
  seen.add(x);
  for (const m of members(x, path)) {
    const label = ownLabel(m.value);
    if (label !== undefined) out.push({ path: m.path, label, value: m.value });
    else if (depth > 1 && isPlain(m.value) && !seen.has(m.value) && seen.size < BUDGET) labelsWithin(m.value, m.path, depth - 1, seen, out);
  }
  return out;
}

/**
 * True when a table, a model, a map or a heatmap sits inside `x`, within `depth` levels of plain
 * objects and arrays: such a value is laid out member by member (a map or heatmap as one line),
 * never written whole as JSON (a heatmap's columns are megabytes).
 */
function holdsTable(x: Record<string, unknown>, depth: number, seen: Set<unknown>): boolean {
  seen.add(x);
  return members(x, "").some(({ value: v }) => isTable(v) || isModel(v) || isMap(v) || isHeatmap(v) || (depth > 1 && opens(v) && !seen.has(v) && seen.size < BUDGET && holdsTable(v, depth - 1, seen)));
}

/**
 * A member show() lays out inside a value holding tables: a plain object or array not marked
 * itself (a marked one is shown whole under its caption), nor a map or a figure (one line each).
 */
function opens(v: unknown): v is Record<string, unknown> {
  return isPlain(v) && labelOf(v) === undefined && !isMap(v) && !isHeatmap(v) && !isFigure(v);
}

/**
 * The caption of a value holding labelled ones: one line per caption, after the paths that carry
 * it ("up: Estimated USD liquidated if …"); a caption the user gives keeps every label's word.
 */
function captionOfMembers(user: string | undefined, found: Found[]): string | undefined {
  if (found.length === 0) return user;
  if (user !== undefined) {
    const words = new Map<string | undefined, Label>();
    for (const f of found) if (!words.has(f.label.word)) words.set(f.label.word, f.label);
    return [...words.values()].reduce<string | undefined>((c, label) => captionWith(c, label), user);
  }
  const byCaption = new Map<string, string[]>();
  for (const f of found) {
    const paths = byCaption.get(f.label.caption);
    if (paths) paths.push(f.path);
    else byCaption.set(f.label.caption, [f.path]);
  }
  const lines = [...byCaption].map(([caption, paths]) => `${paths.length > 4 ? `${paths.slice(0, 3).join(", ")} and ${paths.length - 3} more` : paths.join(", ")}: ${caption}`);
  const max = 8;
  if (lines.length <= max) return lines.join("\n");
  const words = [...new Set(found.map((f) => f.label.word ?? "labelled"))].join(", ");
  return [...lines.slice(0, max - 1), `and ${lines.length - max + 1} more captions (${words})`].join("\n");
}

/** A caption as the text above a value and as HTML (one line each). */
function captionHtml(caption: string | undefined): string {
  return caption ? `<p><b>${caption.split("\n").map(escapeHtml).join("<br>")}</b></p>` : "";
}

/** Rows of a key/value block: keys padded to one width in text, a two-column table in HTML. */
function keyValueBundle(rows: { key: string; value: string }[], caption: string | undefined): DisplayBundle {
  const width = Math.min(32, Math.max(0, ...rows.map((r) => r.key.length)));
  const text = rows.map((r) => `${r.key.padEnd(width)}  ${r.value}`).join("\n");
  const html = rows.length === 0 ? "" : `<table><tbody>${rows.map((r) => `<tr><th style="text-align:left">${escapeHtml(r.key)}</th><td style="text-align:left"><code>${escapeHtml(r.value)}</code></td></tr>`).join("")}</tbody></table>`;
  return { data: { "text/plain": (caption ? `${caption}\n` : "") + text, "text/html": captionHtml(caption) + html }, metadata: {} };
}

/** The label of a model: what it gives is estimates. */
function modelLabel(m: LiquidationModel): Label {
  return { caption: `Liquidation model replayed from ${m.source}: its bars, ledger, maps and heatmaps are estimates (estimate)`, word: "estimate" };
}

/**
 * A model as a summary: what it replayed (source, bars, time range UTC, tiers, grid) and its
 * ledger, then where its estimates are; its tables are shown on their own.
 */
function modelBundle(m: LiquidationModel, caption: string | undefined): DisplayBundle {
  const n = m.bars.numRows();
  const time = n > 0 ? (m.bars.array("time") as ArrayLike<number>) : undefined;
  let gap = Infinity;
  if (time) for (let i = 1; i < time.length; i++) if (time[i]! - time[i - 1]! > 0) gap = Math.min(gap, time[i]! - time[i - 1]!);
  const when = (ms: number) => (Number.isFinite(ms) ? utcLabel(ms) : String(ms));
  const rows = [
    { key: "source", value: m.source },
    { key: "bars", value: `${n.toLocaleString("en-US")}${gap < Infinity ? `, ${intervalLabel(gap)} apart` : ""}` },
    ...(time ? [{ key: "time", value: `${when(time[0]!)} to ${when(time[time.length - 1]!)} (bar opens)` }] : []),
    { key: "tiers", value: m.tiers.map((t) => `${t}x`).join(", ") },
    // What was assumed, not read from data: a leverage share is the mix given back, and a left-out
    // symbol is BTCUSDT's margin whatever the candles are.
    ...(m.assumptions ? [{ key: "leverage mix", value: m.assumptions.leverage }, { key: "margin", value: m.assumptions.margin }] : []),
    { key: "grid", value: `${m.grid.bins.toLocaleString("en-US")} bins of ${m.grid.step} USD from ${m.grid.lo} USD` },
    ...(m.ledger ? Object.entries(m.ledger).map(([k, v]) => ({ key: `ledger.${k}`, value: typeof v === "number" && Number.isFinite(v) ? usd(v) : String(v) })) : []),
    { key: "estimates", value: `model.bars (${n.toLocaleString("en-US")} rows), model.ledger, model.mapAt(time), model.heatmap({ step })${m.liquidationSources ? ", model.liquidationSources()" : ""}: show them on their own` },
  ];
  return keyValueBundle(rows, caption);
}

/** How much of one member's text a key/value block shows. */
const ROW_CHARS = 1000;

/** A member's text, cut at ROW_CHARS with a note of what was left out. */
function clip(text: string): string {
  return text.length <= ROW_CHARS ? text : `${text.slice(0, ROW_CHARS)}… (${(text.length - ROW_CHARS).toLocaleString("en-US")} more characters; show it on its own)`;
}

/** A member that cannot be drawn inside a value (a map, a figure): one line saying what it is. */
function memberText(v: unknown): string | undefined {
  if (isMap(v)) return `[liquidation map: ${v.source}, price ${v.price}, ${Number.isFinite(v.time) ? utcLabel(v.time) : v.time}; show it on its own to draw it]`;
  if (isTable(v)) return tablePlaceholder(v);
  if (isHeatmap(v)) return `[heatmap: ${v.times.length.toLocaleString("en-US")} columns × ${v.grid.bins.toLocaleString("en-US")} bins, ${v.source}; show it on its own to draw it]`;
  if (isFigure(v)) return figureText(v).replace(/\n/g, " · ");
  return undefined;
}

/**
 * A value holding tables: its other members as a key/value block (compact JSON), then each table
 * (or model) under its path, with its own caption, up to the row limit.
 */
function sectionsBundle(x: Record<string, unknown>, found: Found[], o: ShowOptions): DisplayBundle {
  const rows: { key: string; value: string }[] = [];
  const parts: DisplayBundle[] = [];
  const seen = new Set<unknown>();
  /** Paths of the tables and models drawn under their own caption. */
  const drawnPaths = new Set<string>();
  const walk = (v: Record<string, unknown>, path: string, depth: number) => {
    seen.add(v);
    const list = members(v, path);
    for (const m of list) {
      const drawn = parts.length < SECTIONS;
      if (drawn && isTable(m.value)) {
        const own = labelOf(m.value, m.value.columnNames())?.caption;
        parts.push(tableBundle(m.value, { caption: own ? `${m.path}: ${own}` : m.path, ...(o.limit !== undefined ? { limit: o.limit } : {}) }));
        drawnPaths.add(m.path);
      } else if (drawn && isModel(m.value)) {
        parts.push(modelBundle(m.value, `${m.path}: ${modelLabel(m.value).caption}`));
        drawnPaths.add(m.path);
      }
      else if (depth > 1 && opens(m.value) && !seen.has(m.value) && holdsTable(m.value, depth - 1, new Set())) walk(m.value, m.path, depth - 1);
      else rows.push({ key: m.path, value: clip(memberText(m.value) ?? (seen.has(m.value) ? "[circular]" : valueText(m.value, 0))) });
    }
    const more = size(v) - list.length;
    if (list.length >= MEMBERS && more > 0) rows.push({ key: path === "" ? "…" : `${path}…`, value: `${more} more members not shown` });
  };
  walk(x, "", DEPTH);
  // The caption above names every label not drawn with its own table (a caption the user gives
  // still says what all of them are): past the SECTIONS drawn, tables keep their label there.
  const caption = captionOfMembers(o.caption, o.caption !== undefined ? found : found.filter((f) => !drawnPaths.has(f.path)));
  const head = keyValueBundle(rows, caption);
  const blocks = [head, ...parts].filter((b) => b.data["text/plain"] !== "");
  return {
    data: {
      "text/plain": blocks.map((b) => b.data["text/plain"]!.replace(/\n$/, "")).join("\n\n"),
      "text/html": blocks.map((b) => b.data["text/html"]!).join("\n"),
    },
    metadata: {},
  };
}

/** A figure as text: its title and subtitle, plain (markup dropped, entities decoded). */
function figureText(figure: Figure): string {
  const title = figure.layout["title"];
  const sub = typeof title === "object" && title !== null ? (title as { subtitle?: unknown }).subtitle : undefined;
  const subText = typeof sub === "string" ? sub : typeof sub === "object" && sub !== null ? (sub as { text?: unknown }).text : undefined;
  const lines = [`[figure] ${figureTitle(figure)}`];
  if (typeof subText === "string" && subText.trim() !== "") lines.push(pageTitle({ data: [], layout: { title: subText } }));
  return lines.join("\n");
}

/** The bundle `show(x)` would send; exported for tests and for custom front ends. */
export function displayBundle(x: unknown, options: ShowOptions | null = {}): DisplayBundle {
  // null options read as none given.
  const o = options ?? {};
  if (isMap(x)) return displayBundle(mapFigure(x), o);
  if (isHeatmap(x)) return displayBundle(heatmapFigure(x), o);
  if (isBacktest(x)) {
    const of = x.source.includes(`${x.bars} bars`) ? x.source : `${x.bars} bars, ${x.source}`;
    // Where realized comes from, and what the scores left out, so a count of bars is not read as all there was.
    const note = leftOutNote(x);
    const left = note ? `; ${note}` : "";
    const caption = captionWith(o.caption, { caption: `Estimated vs realized liquidations per bar: model and baseline scores (${of}; realized: ${x.realized ?? BACKTEST_DEFAULTS.realized}${left})`, word: "estimate" });
    return tableBundle(backtestTable(x), { ...(caption !== undefined ? { caption } : {}), ...(o.limit !== undefined ? { limit: o.limit } : {}) });
  }
  if (isModel(x)) return modelBundle(x, captionWith(o.caption, modelLabel(x)));
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
  const own = labelOf(x, isTable(x) ? x.columnNames() : undefined);
  if (isTable(x)) {
    const caption = captionWith(o.caption, own);
    return tableBundle(x, { ...o, ...(caption !== undefined ? { caption } : {}) });
  }
  // An object or array holding estimates ({ up: map.liquidationsIf(70000), … }) is labelled by
  // theirs, one line per caption; one holding tables shows each as a table under its path.
  if (own === undefined && isPlain(x)) {
    const found = labelsWithin(x, "", DEPTH, new Set());
    if (holdsTable(x, DEPTH, new Set())) {
      // Each table and model drawn is under its own caption; the caption above names the rest.
      return sectionsBundle(x, found, o);
    }
    const caption = captionOfMembers(o.caption, found);
    const text = valueText(x);
    return { data: { "text/plain": caption ? `${caption}\n${text}` : text, "text/html": captionHtml(caption) + `<pre>${escapeHtml(text)}</pre>` }, metadata: {} };
  }
  const caption = captionWith(o.caption, own);
  // JSON has no Infinity or NaN (it writes null): an imbalance with no shorts has ratio Infinity.
  const text = valueText(x);
  const shown = caption ? `${caption}\n${text}` : text;
  return { data: { "text/plain": shown, "text/html": captionHtml(caption) + `<pre>${escapeHtml(text)}</pre>` }, metadata: {} };
}

/**
 * Displays `x` as one notebook output: a plotly figure (interactive HTML + static PNG), a
 * liquidation map (as `mapFigure(map)`), a heatmap (as `heatmapFigure(heatmap)`), a backtest result (its scores beside the baseline's), an
 * arquero table (HTML with a row limit), anything with `toDisplay()` (load reports, markdown), a
 * replay model (a summary), an object or array holding tables (its other members as a key/value
 * block, then each table under its path), or any other value as text. Anything shown that holds
 * estimates carries their caption. Outside a kernel it prints the text (a figure: its title and
 * subtitle). Returns nothing, so it can end a cell.
 */
export function show(x: unknown, options: ShowOptions | null = {}): void {
  const write = kernelDisplay();
  if (!write) {
    // A figure (or a map, drawn as its figure) prints its title and subtitle; no image is rendered.
    if (isFigure(x)) process.stdout.write(figureText(x) + "\n");
    else if (isMap(x)) process.stdout.write(figureText(mapFigure(x)) + "\n");
    else if (isHeatmap(x)) process.stdout.write(figureText(heatmapFigure(x)) + "\n");
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
