/**
 * Documentation that no build checks goes stale, so every ```ts block in README.md and docs/*.md
 * runs here, as a user would run it: a file importing "liqlab" by name (the built package), type
 * checked strictly and then executed; a `// prints: TEXT` comment is checked against what the
 * example prints. A block that must not run here (it needs the internet) is fenced ```ts no-run:
 * it is type-checked only.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..", "..");
const docs = ["README.md", ...fs.readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => path.join("docs", f))];

interface Example { doc: string; line: number; code: string; run: boolean }
function examples(doc: string): Example[] {
  const lines = fs.readFileSync(path.join(root, doc), "utf8").split("\n");
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```ts(\s+no-run)?\s*$/.exec(lines[i]!);
    if (fence) {
      const start = i + 1;
      let j = start;
      while (j < lines.length && !/^```\s*$/.test(lines[j]!)) j++;
      out.push({ doc, line: start + 1, code: lines.slice(start, j).join("\n"), run: !fence[1] });
      i = j;
    }
  }
  return out;
}

describe("docs examples", function () {
  this.timeout(120_000);
  const all = docs.flatMap(examples);
  const dir = path.join(root, ".liqlab", "examples");

  before(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    all.forEach((e, k) => fs.writeFileSync(path.join(dir, `example-${k}.ts`), `// ${e.doc}:${e.line}\nexport {};\n${e.code}\n`));
  });

  it("every ```ts example in README.md and docs/ type-checks against the built package", function () {
    if (all.length === 0) this.skip();
    const tsconfig = { extends: "../../tsconfig.json", compilerOptions: { noEmit: true, noUnusedLocals: false, types: ["node"] }, include: ["*.ts"] };
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
    const r = spawnSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(dir, "tsconfig.json")], { encoding: "utf8", cwd: root });
    assert.equal(r.status, 0, `doc examples do not type-check:\n${r.stdout}${r.stderr}`);
  });

  for (const [k, e] of all.entries()) {
    if (!e.run) continue;
    it(`${e.doc}:${e.line} runs`, () => {
      const r = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, `example-${k}.ts`)], { encoding: "utf8", cwd: root, env: { ...process.env, TZ: "UTC" } });
      assert.equal(r.status, 0, `${e.doc}:${e.line} failed:\n${r.stderr}`);
      // A `// prints: TEXT` comment says what its line prints: each must be a line of the output, in order.
      const printed = r.stdout.split("\n").map((l) => l.trimEnd());
      let from = 0;
      for (const m of e.code.matchAll(/\/\/ prints: (.*)$/gm)) {
        const want = m[1]!.trimEnd();
        const at = printed.indexOf(want, from);
        assert.ok(at >= 0, `${e.doc}:${e.line}: the example says it prints "${want}", but its output after line ${from + 1} is:\n${printed.slice(from).join("\n")}`);
        from = at + 1;
      }
    });
  }
});
