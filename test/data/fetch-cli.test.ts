import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main, parseArgs } from "../../src/data/fetch-cli";
import { Archive, DIR, klinesZip } from "./archive-server";

describe("data/fetch-cli", () => {
  let archive: Archive;
  let cache: string;
  beforeEach(async () => {
    archive = new Archive();
    for (const d of ["2024-01-01", "2024-01-03"]) archive.put(`${DIR}BTCUSDT-1m-${d}.zip`, klinesZip(d));
    await archive.start();
    cache = mkdtempSync(join(tmpdir(), "liqlab-cli-"));
  });
  afterEach(async () => {
    await archive.stop();
    rmSync(cache, { recursive: true, force: true });
  });

  it("parseArgs(args) reads --key value, --key=value and bare flags", () => {
    assert.deepEqual(parseArgs(["--symbol", "BTCUSDT", "--from=2024-01-01", "--quiet"]), { symbol: "BTCUSDT", from: "2024-01-01", quiet: true });
    assert.throws(() => parseArgs(["BTCUSDT"]), /unexpected argument "BTCUSDT"/);
  });
  it("main(args) of `liqlab fetch` downloads with the given base URL and returns 0; bad arguments return 2", async () => {
    const write = process.stderr.write;
    let err = "";
    process.stderr.write = ((s: string) => { err += s; return true; }) as typeof process.stderr.write;
    try {
      const code = await main(["--symbol", "BTCUSDT", "--kinds", "klines", "--from", "2024-01-01", "--to", "2024-01-03", "--period", "daily", `--cache-dir=${cache}`, "--base-url", archive.base]);
      assert.equal(code, 0);
      assert.match(err, /2 downloaded, 0 cached, 1 not in the archive, 0 failed/);
      assert.equal(await main(["--symbol", "BTCUSDT"]), 2);
      assert.equal(await main(["--symbol", "BTCUSDT", "--kinds", "candles", "--from", "2024-01-01"]), 2);
      assert.equal(await main(["--help"]), 0);
    } finally {
      process.stderr.write = write;
    }
  });
});
