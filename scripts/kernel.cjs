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
const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir] }));
const getDefaultTypeRoots = ts.getDefaultTypeRoots;
ts.getDefaultTypeRoots = function (...args) {
  return [...(getDefaultTypeRoots.apply(this, args) || []), path.join(root, ".liqlab", "types")];
};
process.argv = [process.argv[0], path.join(tslabDir, "bin", "tslab"), ...process.argv.slice(2)];
require(path.join(tslabDir, "dist", "main.js")).main();
