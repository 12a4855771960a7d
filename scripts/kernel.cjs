#!/usr/bin/env node
// The "TypeScript (liqlab)" Jupyter kernel: tslab, started so that `import * as liq from "liqlab"`
// works from a notebook in any folder. tslab compiles cells with its own TypeScript and resolves
// modules from the notebook's folder upward; outside this project neither the runtime nor the
// type checker would find liqlab. So, before tslab starts:
//  - NODE_PATH gets this project's node_modules (which links liqlab itself), for require();
//  - tslab's TypeScript gets one more type root, .liqlab/types, holding an ambient
//    `declare module "liqlab"` that re-exports dist/index.d.ts (written by scripts/setup.mjs).
// tslab is pinned in package.json because this relies on its internals.
const path = require("path");
const Module = require("module");
const root = path.resolve(__dirname, "..");
process.env.NODE_PATH = [path.join(root, "node_modules"), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
Module._initPaths();
const tslabDir = path.join(root, "node_modules", "tslab");
const extraTypeRoot = path.join(root, ".liqlab", "types");
// tslab reads typeRoots from `ts.getDefaultTypeRoots`, a non-configurable getter on its bundled
// TypeScript; so hand tslab a copy of that module's namespace whose getDefaultTypeRoots adds ours.
const tsRequest = "@tslab/typescript-for-tslab";
let wrapped = null;
const load = Module._load;
Module._load = function (request, ...rest) {
  const mod = load.call(this, request, ...rest);
  if (request !== tsRequest) return mod;
  if (!wrapped) {
    wrapped = {};
    for (const key of Object.keys(mod)) if (key !== "getDefaultTypeRoots") Object.defineProperty(wrapped, key, { enumerable: true, get: () => mod[key] });
    Object.defineProperty(wrapped, "getDefaultTypeRoots", {
      enumerable: true,
      value: (...args) => [...(mod.getDefaultTypeRoots(...args) || []), extraTypeRoot],
    });
  }
  return wrapped;
};
process.argv = [process.argv[0], path.join(tslabDir, "bin", "tslab"), ...process.argv.slice(2)];
require(path.join(tslabDir, "dist", "main.js")).main();
