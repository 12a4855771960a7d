#!/usr/bin/env node
/**
 * `npx liqlab <command> [options]`. Each command lives beside the layer it serves:
 *   fetch     download Binance archive files (src/data/fetch-cli.ts)
 *   validate  score the model against realized liquidations (src/validate/cli.ts)
 */
const commands: Record<string, string> = {
  fetch: "./data/fetch-cli",
  validate: "./validate/cli",
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || !(name in commands)) {
    process.stderr.write(`usage: liqlab <${Object.keys(commands).join(" | ")}> [options]   (liqlab <command> --help for options)\n`);
    return name && !(name in commands) && name !== "--help" && name !== "-h" ? 2 : 0;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(commands[name]!) as { main(args: string[]): Promise<number> };
  return mod.main(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => { process.stderr.write(`liqlab: ${e instanceof Error ? e.message : String(e)}\n`); process.exitCode = 1; },
);
