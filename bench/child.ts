/**
 * Runs ONE workload in this process and prints one JSON line: workload, candles, seconds (median
 * wall time of the timed runs), min (fastest run), cpuSeconds (median CPU time of this process per
 * run: less sensitive than wall time when other processes share the cores), runs, peakRssMb (this
 * process's maximum resident set size, which includes the runtime, the setup inputs and every run).
 * Warm-up runs come first (the JIT compiles the hot loops in the first runs; a notebook re-running
 * a cell sees the compiled speed).
 * Usage: node --expose-gc .bench-build/bench/child.js <compiled module path> <workload name> (what
 * bench/run.ts spawns; `node --expose-gc --import tsx bench/child.ts bench/x.bench.ts <name>` runs
 * the TypeScript as it is, with the loader in the process).
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
  const runs = w.runs ?? 9;
  for (let r = 0; r < (w.warmup ?? 3); r++) await w.run();
  const seconds: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    gc?.();
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    await w.run();
    seconds.push(Number(process.hrtime.bigint() - t) / 1e9);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1e6);
  }
  const median = (a: number[]): number => {
    a.sort((x, y) => x - y);
    return a.length % 2 ? a[a.length >> 1] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  };
  const peakRssMb = process.resourceUsage().maxRSS / 1024; // maxRSS is in kilobytes
  process.stdout.write(JSON.stringify({ workload: w.name, candles: w.candles ?? null, seconds: +median(seconds).toFixed(6), min: +seconds[0].toFixed(6), cpuSeconds: +median(cpu).toFixed(6), runs, peakRssMb: +peakRssMb.toFixed(1) }) + "\n");
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e) + "\n");
  process.exit(1);
});
