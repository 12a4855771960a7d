// What decides whether a build step reruns: the sorted TypeScript files below a folder, and one
// hash over a list of files' names and contents. setup.mjs stamps dist/ with it, bench/run.ts
// its .bench-build/.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Every .ts file below `dir`, sorted. */
export function tsFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : p.endsWith(".ts") ? [p] : [];
  }).sort();
}

/** sha256 (hex) over each file's path and contents, in order; a missing file counts as empty. */
export function hashOf(files) {
  const h = createHash("sha256");
  for (const f of files) h.update(f + "\0" + (fs.existsSync(f) ? fs.readFileSync(f) : "") + "\0");
  return h.digest("hex");
}
