/**
 * `npm run datasets`: regenerates datasets/<scenario>/ from src/sim/scenarios.ts. Deterministic:
 * running it twice gives identical bytes (test/sim/datasets.test.ts checks the committed files).
 */
import { join } from "node:path";
import { scenarios, simulate, writeArchive } from "../src/sim/index";

const root = join(__dirname, "..", "datasets");
for (const [name, options] of Object.entries(scenarios)) {
  const files = writeArchive(simulate(options), join(root, name));
  process.stdout.write(`${name}: ${Object.values(files).map((f) => f.slice(root.length + 1)).join(", ")}\n`);
}
