#!/usr/bin/env node
// `npm run lab`: JupyterLab with the "TypeScript (liqlab)" kernel, using the project's own
// Jupyter prefix. Extra arguments go to jupyter lab (e.g. `npm run lab -- --no-browser`).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { jupyterEnv, root, venvBin } from "./jupyter-env.mjs";

// Jupyter refuses to run as root without --allow-root (containers, CI machines).
const rootUser = typeof process.getuid === "function" && process.getuid() === 0 ? ["--allow-root"] : [];
const r = spawnSync(path.join(venvBin, "jupyter"), ["lab", "--notebook-dir", root, ...rootUser, ...process.argv.slice(2)], { cwd: root, env: jupyterEnv(), stdio: "inherit" });
process.exit(r.status ?? 1);
