#!/usr/bin/env node
// Sets up whatever is missing for liqlab, and nothing else: npm dependencies, a project-local
// Python venv with Jupyter from requirements.txt, the "TypeScript (liqlab)" kernel in the
// project's own Jupyter prefix (.jupyter/), the compiled package (dist/), and a headless Chromium
// for figures' static pictures (Debian's package, where this user may install it). Each step is
// skipped when a stamp says its inputs have not changed, so a second run takes seconds.
// Usage: node scripts/setup.mjs [--quiet]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { hashOf, tsFiles } from "./hash-files.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const quiet = process.argv.includes("--quiet");
const log = (s) => { if (!quiet) process.stderr.write(s + "\n"); };
const stampDir = path.join(root, ".liqlab");
fs.mkdirSync(stampDir, { recursive: true });

function stamp(name) {
  const p = path.join(stampDir, name + ".stamp");
  return { read: () => (fs.existsSync(p) ? fs.readFileSync(p, "utf8") : ""), write: (v) => fs.writeFileSync(p, v) };
}
function run(cmd, args, opts = {}) {
  execFileSync(cmd, args, { cwd: root, stdio: quiet ? ["ignore", "ignore", "inherit"] : ["ignore", "inherit", "inherit"], ...opts });
}
async function step(name, needed, action) {
  const t0 = Date.now();
  const why = needed();
  if (!why) { log(`setup: ${name}: up to date (${Date.now() - t0} ms)`); return; }
  log(`setup: ${name}: ${why} ...`);
  await action();
  log(`setup: ${name}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`liqlab needs Node >= 20.19 (arquero is ESM-only and tslab require()s it); this is ${process.version}.`);
  process.exit(1);
}

// 1. npm dependencies
const lock = path.join(root, "package-lock.json");
const npmStamp = stamp("npm");
await step("npm dependencies", () => {
  if (!fs.existsSync(path.join(root, "node_modules", "tslab"))) return "node_modules missing, running npm ci";
  if (npmStamp.read() !== hashOf([lock])) return "package-lock.json changed, running npm ci";
  return "";
}, () => { run("npm", ["ci", "--no-audit", "--no-fund"]); npmStamp.write(hashOf([lock])); });

// 2. Python venv with Jupyter
const venv = process.env.LIQLAB_PYTHON_ENV ? path.resolve(process.env.LIQLAB_PYTHON_ENV) : path.join(root, ".venv");
const venvPython = path.join(venv, "bin", "python");
const reqs = path.join(root, "requirements.txt");
const pyStamp = stamp("python");
function findPython() {
  for (const c of [process.env.PYTHON, "python3", "python"].filter(Boolean)) {
    try {
      const v = execFileSync(c, ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"], { encoding: "utf8" }).trim();
      const [a, b] = v.split(".").map(Number);
      if (a === 3 && b >= 10) return c;
    } catch { /* try the next */ }
  }
  throw new Error("liqlab needs Python >= 3.10 (python3) for Jupyter; none was found on PATH. Set PYTHON=/path/to/python3.");
}
if (process.env.LIQLAB_PYTHON_ENV) {
  // A conda (or other) environment the user made from environment.yml: use it, install nothing.
  await step("python env (LIQLAB_PYTHON_ENV)", () => "checking Jupyter in " + venv, () => {
    try {
      execFileSync(venvPython, ["-c", "import nbclient, nbconvert, jupyterlab"], { stdio: "ignore" });
    } catch {
      throw new Error(`LIQLAB_PYTHON_ENV=${venv}: ${venvPython} cannot import nbclient, nbconvert and jupyterlab; create it from environment.yml or run: ${venvPython} -m pip install -r requirements.txt`);
    }
  });
} else {
  await step("python venv with jupyter", () => {
    if (!fs.existsSync(venvPython)) return `creating ${path.relative(root, venv)} and installing requirements.txt`;
    if (pyStamp.read() !== hashOf([reqs]) + venv) return "requirements.txt changed, reinstalling";
    return "";
  }, () => {
    if (!fs.existsSync(venvPython)) run(findPython(), ["-m", "venv", venv]);
    run(venvPython, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", reqs]);
    pyStamp.write(hashOf([reqs]) + venv);
  });
}

// 3. The kernel, in the project's own Jupyter prefix (never the user's).
const kernelDir = path.join(root, ".jupyter", "share", "jupyter", "kernels", "liqlab");
const kernelJson = JSON.stringify({
  argv: [process.execPath, path.join(root, "scripts", "kernel.cjs"), "kernel", "--config-path", "{connection_file}"],
  display_name: "TypeScript (liqlab)",
  language: "typescript",
  env: { TZ: "UTC" },
}, null, 2) + "\n";
const typesDir = path.join(stampDir, "types", "liqlab");
// An ambient module may not re-export a relative or absolute path, so it names the package's
// own dist/ by a package path, which TypeScript resolves upward from .liqlab/ into node_modules/.
const ambient = `// Written by scripts/setup.mjs: lets tslab resolve "liqlab" from a notebook in any folder.\ndeclare module "liqlab" {\n  export * from "liqlab/dist/index";\n}\n`;
await step("kernel TypeScript (liqlab)", () => {
  const p = path.join(kernelDir, "kernel.json");
  if (!fs.existsSync(p) || fs.readFileSync(p, "utf8") !== kernelJson) return `writing ${path.relative(root, p)}`;
  if (!fs.existsSync(path.join(typesDir, "index.d.ts")) || fs.readFileSync(path.join(typesDir, "index.d.ts"), "utf8") !== ambient) return "writing type shim";
  return "";
}, () => {
  fs.mkdirSync(kernelDir, { recursive: true });
  fs.writeFileSync(path.join(kernelDir, "kernel.json"), kernelJson);
  fs.mkdirSync(typesDir, { recursive: true });
  fs.writeFileSync(path.join(typesDir, "index.d.ts"), ambient);
});

// 4. "liqlab" resolves by name inside the project (notebooks/, tests of built output).
const selfLink = path.join(root, "node_modules", "liqlab");
await step("self link node_modules/liqlab", () => (fs.existsSync(path.join(selfLink, "package.json")) ? "" : "linking"), () => {
  fs.rmSync(selfLink, { recursive: true, force: true });
  fs.symlinkSync("..", selfLink, "dir");
});

// 5. Build: compile src/ to dist/ with declarations when any source changed.
const buildStamp = stamp("build");
const buildInputs = () => hashOf([...tsFiles(path.join(root, "src")), path.join(root, "tsconfig.json"), path.join(root, "tsconfig.build.json")]);
await step("build dist/", () => {
  if (!fs.existsSync(path.join(root, "dist", "index.js"))) return "compiling src/ (tsc)";
  if (buildStamp.read() !== buildInputs()) return "src/ changed, compiling (tsc)";
  return "";
}, () => {
  // Compile beside dist/ and swap it in at the end, so a kernel or test reading dist/ meanwhile
  // never sees it half-written (or gone).
  const next = path.join(root, "dist-next"); // same depth as dist/, so source-map paths stay right
  fs.rmSync(next, { recursive: true, force: true });
  run(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json", "--outDir", next]);
  // The package's bin (`npx liqlab`): tsc writes files without the execute bit, and npx then
  // fails with "Permission denied".
  fs.chmodSync(path.join(next, "cli.js"), 0o755);
  fs.rmSync(path.join(root, "dist"), { recursive: true, force: true });
  fs.renameSync(next, path.join(root, "dist"));
  buildStamp.write(buildInputs());
});
// dist/ built before the bin was made executable keeps working with npx too.
if (fs.existsSync(path.join(root, "dist", "cli.js"))) fs.chmodSync(path.join(root, "dist", "cli.js"), 0o755);

// 6. A headless Chromium for the figures' static pictures (the PNG beside each interactive figure,
// which GitHub and other viewers that strip scripts show). Found as the figures find it
// (LIQLAB_CHROMIUM, /usr/bin/chromium, chromium on PATH); when missing, Debian's `chromium` package
// is installed if this user may (root, or sudo without a password) and apt-get exists. Browser
// downloads (playwright, puppeteer) need hosts this kind of machine cannot reach. Without one,
// figures stay interactive and say why there is no picture. LIQLAB_SKIP_CHROMIUM=1 skips this step.
const { findChromium } = await import(pathToFileURL(path.join(root, "dist", "figures", "render.js")).href);
const succeeds = (cmd, args) => {
  try { execFileSync(cmd, args, { stdio: "ignore" }); return true; } catch { return false; }
};
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const noPicture = "figures will have no static picture";
if (findChromium()) log("setup: chromium (static figure pictures): up to date");
else if (process.env.LIQLAB_SKIP_CHROMIUM === "1") log(`setup: chromium: none found, not installed (LIQLAB_SKIP_CHROMIUM=1); ${noPicture}`);
else if (process.env.LIQLAB_CHROMIUM) log(`setup: chromium: LIQLAB_CHROMIUM=${process.env.LIQLAB_CHROMIUM} is not an executable file; ${noPicture}`);
else if (!succeeds("apt-get", ["--version"])) log(`setup: chromium: none found and no apt-get to install it; ${noPicture} (install Chromium, or set LIQLAB_CHROMIUM)`);
else if (!isRoot && !succeeds("sudo", ["-n", "true"])) log(`setup: chromium: none found; ${noPicture} until you run: sudo apt-get install chromium (or set LIQLAB_CHROMIUM)`);
else {
  await step("chromium (static figure pictures)", () => "none found, installing Debian's chromium (apt-get)", () => {
    const apt = (...args) => {
      const [cmd, ...rest] = [...(isRoot ? [] : ["sudo", "-n"]), "apt-get", ...args];
      execFileSync(cmd, rest, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    };
    try {
      apt("update", "-qq");
      apt("install", "-y", "-qq", "chromium");
    } catch (e) {
      log(`setup: chromium: apt-get failed (${String(e.message).split("\n")[0]}); ${noPicture}`);
      return;
    }
    if (!findChromium()) log("setup: chromium: installed, but not found at /usr/bin/chromium or on PATH; set LIQLAB_CHROMIUM");
  });
}
