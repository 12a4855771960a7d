/**
 * Shared helpers for the notebook pipeline tests: run the project's own scripts (the same ones
 * `npm start` runs) in the project-local Jupyter environment, and normalise notebooks so that a
 * fresh execution can be compared with the committed one.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// The same project-local Jupyter environment that npm start uses.
export { jupyterEnv, root, venvBin } from "../../scripts/jupyter-env.mjs";
import { jupyterEnv, root, venvBin } from "../../scripts/jupyter-env.mjs";

/** Runs the notebook executor (scripts/notebooks.py) on the given notebooks. */
export function executeNotebooks(notebooks: string[], out: string, html: string): SpawnSyncReturns<string> {
  return spawnSync(path.join(venvBin, "python"), [path.join(root, "scripts", "notebooks.py"), "--out", out, "--html", html, ...notebooks], {
    cwd: root,
    env: jupyterEnv(),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

export function notebookPaths(): string[] {
  const dir = path.join(root, "notebooks");
  return fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort().map((f) => path.join(dir, f));
}

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
  ename?: string;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
}
export interface Notebook {
  cells: Cell[];
  metadata?: { liqlab?: { requires?: string[] } };
}

/**
 * Files a notebook reads from outside the project (declared in its metadata as
 * `"liqlab": {"requires": [paths relative to the notebook]}`) that are absent here. Such a
 * notebook runs and says the data is missing, so its outputs differ from the committed ones.
 */
export function missingRequirements(notebookPath: string): string[] {
  const nb = readNotebook(notebookPath);
  return (nb.metadata?.liqlab?.requires ?? []).filter((r) => !fs.existsSync(path.resolve(path.dirname(notebookPath), r)));
}

export function readNotebook(p: string): Notebook {
  return JSON.parse(fs.readFileSync(p, "utf8")) as Notebook;
}

export const join = (s: string | string[] | undefined): string => (Array.isArray(s) ? s.join("") : (s ?? ""));

/**
 * What must not change between runs, per cell: the source and each output's kind, mime types and
 * text. Volatile parts are dropped: PNG bytes (the browser's rasteriser), base64 images inside
 * HTML, the plotly.js bundle, durations printed as "in 1.2 s" / "12 ms", and float digits past
 * the tenth significant one.
 */
export function stableView(nb: Notebook): unknown[] {
  const volatile = (s: string) =>
    s
      .replace(/data:image\/png;base64,[A-Za-z0-9+/=]+/g, "data:image/png;base64,…")
      .replace(/<script type="text\/javascript">\/\*\*\s*\n\* plotly\.js[\s\S]*?<\/script>/g, "<script>plotly.js</script>")
      .replace(/\b\d+(\.\d+)? ?(ms|s)\b/g, "<duration>")
      // Figure data at 10 significant digits: the last bits of a float sum may differ between
      // builds of the same arithmetic (loop order, V8 versions); what a reader sees does not.
      .replace(/-?\d+\.\d+(e[+-]?\d+)?/g, (x) => String(Number(Number(x).toPrecision(10))));
  return nb.cells.map((c) => ({
    type: c.cell_type,
    source: join(c.source),
    outputs: (c.outputs ?? []).map((o) => ({
      type: o.output_type,
      name: o.name,
      text: o.text !== undefined ? volatile(join(o.text)) : undefined,
      mimes: o.data ? Object.keys(o.data).sort() : undefined,
      plain: o.data?.["text/plain"] !== undefined ? volatile(join(o.data["text/plain"])) : undefined,
      html: o.data?.["text/html"] !== undefined ? volatile(join(o.data["text/html"])) : undefined,
    })),
  }));
}

/** Figure outputs: display outputs whose HTML holds a liqlab chart div. */
export function figureOutputs(nb: Notebook): Output[] {
  return nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => join(o.data?.["text/html"]).includes('class="liqlab-figure"'));
}
