#!/usr/bin/env node
// `npm start`: executes every notebook in notebooks/ headless with the liqlab kernel, writes the
// executed notebooks in place (their outputs are committed so GitHub shows the figures) and an
// HTML page for each under artifacts/html/, and prints where they are. Exits non-zero, with the
// notebook, cell and error text, when a cell fails.
// Usage: node scripts/run-notebooks.mjs [NOTEBOOK...]
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { jupyterEnv, root, venvBin } from "./jupyter-env.mjs";

const args = process.argv.slice(2);
const notebooks = args.length
  ? args
  : fs.readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort().map((f) => path.join("notebooks", f));
const t0 = Date.now();
const r = spawnSync(path.join(venvBin, "python"), [path.join(root, "scripts", "notebooks.py"), "--html", path.join(root, "artifacts", "html"), ...notebooks], {
  cwd: root,
  env: jupyterEnv(),
  stdio: "inherit",
});
if (r.status !== 0) {
  console.error(`npm start: notebook execution failed (exit ${r.status}); see the cell and error above.`);
  process.exit(r.status || 1);
}
console.log(`npm start: ${notebooks.length} notebooks executed in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
console.log(`  executed notebooks: ${path.join(root, "notebooks")}`);
console.log(`  rendered HTML:      ${path.join(root, "artifacts", "html")}`);
