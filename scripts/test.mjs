#!/usr/bin/env node
// `npm test` (after setup): the strict type check of the whole project, then every mocha test
// (unit tests, the notebook pipeline and the browser tests). Extra arguments go to mocha, e.g.
// `npm test -- --grep margin` or `npm test -- 'test/margin/**/*.test.ts'`.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { jupyterEnv, root } from "./jupyter-env.mjs";

function run(label, cmd, args) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, env: jupyterEnv(), stdio: "inherit" });
  process.stderr.write(`test: ${label}: ${r.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return r.status ?? 1;
}
const bin = (p) => path.join(root, "node_modules", ...p.split("/"));
if (run("tsc --noEmit (strict)", process.execPath, [bin("typescript/bin/tsc"), "--noEmit", "-p", "tsconfig.json"]) !== 0) {
  console.log("tests: 0 passed, 1 failed (the type check failed before any test ran)");
  process.exit(1);
}
// With no file arguments mocha runs every test; `npm test -- test/margin` runs one folder.
const args = process.argv.slice(2);
const files = args.some((a) => !a.startsWith("-")) ? [] : ["test/**/*.test.ts"];
process.exit(run("mocha", process.execPath, [bin("mocha/bin/mocha.js"), ...files, ...args]));
