/**
 * `npm run bench [-- --json] [-- --only <substring>]`: runs every workload of every
 * bench/*.bench.ts module, each in its own child process so peak RSS is that workload's alone.
 * Default output is a table; --json prints one JSON line per workload.
 *
 * The children run JavaScript compiled by tsc (bench/ and the src/ it imports, into
 * .bench-build/, again only when a source changed), as a notebook runs liqlab's compiled dist/:
 * no TypeScript loader in the measured process, whose own code and caches were about 70 MB of
 * every peak RSS.
 */
import { execFileSync, spawnSync } from "child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { hashOf, tsFiles } from "../scripts/hash-files.mjs";
import type { Workload } from "./workload";

/** Compiles bench/ and src/ into .bench-build/ unless the stamp says nothing changed; returns the folder. */
function compiled(root: string): string {
  const out = join(root, ".bench-build");
  const inputs = [...tsFiles(join(root, "bench")), ...tsFiles(join(root, "src")), join(root, "tsconfig.json"), join(root, "bench", "tsconfig.json")];
  const hash = hashOf(inputs);
  const stamp = join(out, ".stamp");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return out;
  process.stderr.write("bench: compiling bench/ and src/ (tsc)\n");
  execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "bench", "tsconfig.json")], { stdio: "inherit" });
  writeFileSync(stamp, hash);
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
  const dir = __dirname;
  const build = join(compiled(join(dir, "..")), "bench");
  const modules = readdirSync(dir).filter((f) => f.endsWith(".bench.ts")).sort();
  if (!json) process.stdout.write(`${"workload".padEnd(34)} ${"rows".padStart(8)}          ${"median".padStart(9)}     ${"cpu".padStart(9)}         ${"peak RSS".padStart(8)}\n`);
  for (const file of modules) {
    const path = join(dir, file);
    let mod: { workloads?: Workload[] };
    try {
      mod = (await import(path)) as { workloads?: Workload[] };
    } catch (e) {
      // One broken module must not hide the others' figures.
      process.stderr.write(`${file} could not be loaded: ${String((e as Error)?.stack ?? e)}\n`);
      process.exitCode = 1;
      continue;
    }
    for (const w of mod.workloads ?? []) {
      if (only && !w.name.includes(only)) continue;
      const child = spawnSync(process.execPath, ["--expose-gc", join(build, "child.js"), join(build, file.replace(/\.ts$/, ".js")), w.name], { encoding: "utf8", maxBuffer: 1 << 24 });
      if (child.status !== 0) {
        process.stderr.write(`${file} ${w.name} failed:\n${child.stderr}\n`);
        process.exitCode = 1;
        continue;
      }
      const line = child.stdout.trim().split("\n").pop()!;
      if (json) process.stdout.write(line + "\n");
      else {
        const r = JSON.parse(line);
        process.stdout.write(`${r.workload.padEnd(34)} ${String(r.candles ?? "").padStart(8)} candles  ${(r.seconds * 1000).toFixed(1).padStart(9)} ms  ${(r.cpuSeconds * 1000).toFixed(1).padStart(9)} ms cpu  ${r.peakRssMb.toFixed(0).padStart(5)} MB\n`);
      }
    }
  }
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e) + "\n");
  process.exit(1);
});
