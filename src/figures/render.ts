/**
 * Static rendering of figures (PNG, SVG) through a headless Chromium, synchronously, so that a
 * notebook's display call can show an image without an event loop. The page inlines plotly.js,
 * calls Plotly.toImage and writes the resulting data URL into the DOM; Chromium's --dump-dom
 * prints that DOM on stdout once its virtual time budget has elapsed.
 */
import { execFileSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Figure } from "./figure";
import { figureConfig, scriptJson } from "./embed";

let plotlyText: string | undefined;

/** The plotly.js-dist-min bundle text (read from node_modules once, then cached). */
export function plotlySource(): string {
  if (plotlyText === undefined) plotlyText = readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8");
  return plotlyText;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium to render with: $LIQLAB_CHROMIUM when set (returned only if executable), else
 * /usr/bin/chromium, else chromium, chromium-browser or google-chrome on $PATH; null if none.
 */
export function findChromium(): string | null {
  const env = process.env.LIQLAB_CHROMIUM;
  if (env !== undefined && env !== "") return executable(env) ? env : null;
  if (executable("/usr/bin/chromium")) return "/usr/bin/chromium";
  const dirs = (process.env.PATH ?? "").split(delimiter).filter((d) => d !== "");
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  return null;
}

/** Flags for a headless, offline, throwaway Chromium (shared with the browser tests). */
export const CHROMIUM_FLAGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface RenderOptions {
  /** Image format. */
  format: "png" | "svg";
  /** Image width in CSS pixels (default 1200). */
  width?: number;
  /** Image height in CSS pixels (default 800). */
  height?: number;
  /** Pixel ratio for PNG (default 1; 2 gives a 2400×1600 PNG for a 1200×800 figure). */
  scale?: number;
  /** Milliseconds before the browser is killed (default 60000). */
  timeoutMs?: number;
}

/** PNG bytes or SVG text, or a one-line reason why no image could be made. */
export type RenderResult = { ok: true; data: Buffer | string } | { ok: false; reason: string };

const OUT_ID = "liqlab-image";

/** The page Chromium loads: plotly inline, the figure as escaped JSON, the result in #liqlab-image. */
export function renderPage(figure: Figure, format: "png" | "svg", width: number, height: number, scale: number): string {
  const fig = scriptJson({ data: figure.data, layout: figure.layout, config: { ...figureConfig(figure), staticPlot: true } });
  const opts = scriptJson({ format, width, height, scale });
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"></head><body>
<div id="liqlab-plot" style="width:${width}px;height:${height}px"></div>
<pre id="${OUT_ID}"></pre>
<script>${plotlySource()}</script>
<script>
(function () {
  var out = document.getElementById(${JSON.stringify(OUT_ID)});
  function done(text) {
    out.textContent = text;
    var scripts = document.querySelectorAll("script");
    for (var i = 0; i < scripts.length; i++) scripts[i].remove();
  }
  try {
    var fig = ${fig};
    var opts = ${opts};
    Plotly.toImage(fig, opts).then(function (url) { done("OK " + url); }, function (e) { done("ERR " + e); });
  } catch (e) {
    done("ERR " + e);
  }
})();
</script>
</body></html>
`;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCharCode(Number(d)))
    .replace(/&amp;/g, "&");
}

/** Extracts the image from Chromium's dumped DOM. */
export function parseDump(dom: string, format: "png" | "svg"): RenderResult {
  const m = new RegExp(`<pre id="${OUT_ID}">([\\s\\S]*?)</pre>`).exec(dom);
  if (!m || m[1] === "") return { ok: false, reason: "chromium finished before plotly produced an image (raise timeoutMs?)" };
  const text = decodeEntities(m[1]!);
  if (text.startsWith("ERR ")) return { ok: false, reason: `plotly failed in chromium: ${text.slice(4).split("\n")[0]}` };
  const url = text.slice(3);
  const comma = url.indexOf(",");
  const head = url.slice(0, comma);
  const body = url.slice(comma + 1);
  if (format === "png") {
    if (!head.startsWith("data:image/png;base64")) return { ok: false, reason: `unexpected PNG data URL header ${JSON.stringify(head)}` };
    return { ok: true, data: Buffer.from(body, "base64") };
  }
  if (!head.startsWith("data:image/svg+xml")) return { ok: false, reason: `unexpected SVG data URL header ${JSON.stringify(head)}` };
  return { ok: true, data: head.endsWith(";base64") ? Buffer.from(body, "base64").toString("utf8") : decodeURIComponent(body) };
}

function oneLine(e: unknown): string {
  const err = e as { message?: string; stderr?: Buffer | string; code?: string };
  if (err.code === "ETIMEDOUT") return "chromium timed out";
  const stderr = err.stderr ? String(err.stderr).trim().split("\n").filter((l) => l.trim() !== "").pop() : undefined;
  return (stderr ?? err.message ?? String(e)).split("\n")[0]!;
}

/**
 * Renders a figure to PNG (Buffer) or SVG (string) synchronously in headless Chromium. Never
 * throws for a missing or failing browser: returns { ok: false, reason } with a one-line reason.
 * Takes 2 to 3.5 s per image on a busy 2-core machine, almost all of it Chromium starting and
 * parsing the plotly bundle.
 */
export function renderStatic(figure: Figure, options: RenderOptions): RenderResult {
  const { format, width = 1200, height = 800, scale = 1, timeoutMs = 60_000 } = options;
  if (format !== "png" && format !== "svg") return { ok: false, reason: `unknown format ${JSON.stringify(format)}: use "png" or "svg"` };
  for (const [name, v] of [["width", width], ["height", height], ["scale", scale], ["timeoutMs", timeoutMs]] as const) {
    if (!(typeof v === "number" && Number.isFinite(v) && v > 0)) return { ok: false, reason: `${name} must be a positive number (value ${String(v)})` };
  }
  const chromium = findChromium();
  if (chromium === null) {
    const env = process.env.LIQLAB_CHROMIUM;
    const reason = env ? `LIQLAB_CHROMIUM=${env} is not an executable file` : "no Chromium found: set LIQLAB_CHROMIUM or install chromium";
    return { ok: false, reason };
  }
  const dir = mkdtempSync(join(tmpdir(), "liqlab-render-"));
  try {
    const page = join(dir, "figure.html");
    writeFileSync(page, renderPage(figure, format, width, height, scale));
    const dom = execFileSync(
      chromium,
      [
        ...CHROMIUM_FLAGS,
        `--user-data-dir=${join(dir, "profile")}`,
        "--virtual-time-budget=30000",
        `--window-size=${width},${height}`,
        "--dump-dom",
        pathToFileURL(page).href,
      ],
      { encoding: "utf8", timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] },
    );
    return parseDump(dom, format);
  } catch (e) {
    return { ok: false, reason: `chromium failed: ${oneLine(e)}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
