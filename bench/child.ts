/**
 * Runs ONE workload in this process and prints one JSON line: workload, candles, seconds (median
 * of the timed runs), runs, peakRssMb (this process's maximum resident set size, which includes
 * the runtime, the setup inputs and every run).
 * Usage: node --expose-gc --import tsx bench/child.ts <module path> <workload name>
 */
import { resolve } from "path";
import type { Workload } from "./workload";

async function main(): Promise<void> {
  const [file, name] = process.argv.slice(2);
  const mod = (await import(resolve(file))) as { workloads?: Workload[]; default?: { workloads?: Workload[] } };
  const list = mod.workloads ?? mod.default?.workloads ?? [];
  const w = list.find((x) => x.name === name);
  if (!w) throw new Error(`${file}: no workload named ${JSON.stringify(name)}`);
  await w.setup?.();
  const gc = (globalThis as { gc?: () => void }).gc;
  const runs = w.runs ?? 7;
  const seconds: number[] = [];
  await w.run(); // warm-up: JIT compilation is not what the figure measures
  for (let r = 0; r < runs; r++) {
    gc?.();
    const t = process.hrtime.bigint();
    await w.run();
    seconds.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  seconds.sort((a, b) => a - b);
  const median = runs % 2 ? seconds[runs >> 1] : (seconds[runs / 2 - 1] + seconds[runs / 2]) / 2;
  const peakRssMb = process.resourceUsage().maxRSS / 1024; // maxRSS is in kilobytes
  process.stdout.write(JSON.stringify({ workload: w.name, candles: w.candles ?? null, seconds: +median.toFixed(6), min: +seconds[0].toFixed(6), runs, peakRssMb: +peakRssMb.toFixed(1) }) + "\n");
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e) + "\n");
  process.exit(1);
});
