// A tiny local stand-in for data.binance.vision on 127.0.0.1 (random port), serving zips built
// with fflate, for the downloader tests. No test reaches the internet.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { strToU8, zipSync } from "fflate";
import { BINANCE_KLINES_COLUMNS } from "../../src/data/schema";
import { sha256 } from "../../src/data/zip";

export const DIR = "/data/futures/um/daily/klines/BTCUSDT/1m/";

/** A day's 1m klines file: bars at 00:00 and 00:01 of `day`. */
export function klinesZip(day: string): Uint8Array {
  return klinesZipOf(`BTCUSDT-1m-${day}.csv`, [day]);
}

/** A 1m klines zip holding one CSV `name` with bars at 00:00 and 00:01 of each of `days`. */
export function klinesZipOf(name: string, days: readonly string[]): Uint8Array {
  const rows = days.flatMap((day) => {
    const t = Date.parse(day + "T00:00:00Z");
    return [0, 1].map((i) => `${t + i * 60_000},100,101,99,100.5,2,${t + i * 60_000 + 59_999},200,3,1,100,0`);
  });
  // A fixed mtime: fflate stamps the current time otherwise (zip times count in 2 s steps), and two
  // builds of one file either side of a step differ in bytes, failing the byte-for-byte cache
  // comparisons about one run in 40.
  return zipSync({ [name]: strToU8([BINANCE_KLINES_COLUMNS.join(","), ...rows].join("\n") + "\n") }, { mtime: Date.UTC(2024, 0, 1) });
}

/**
 * A tiny archive: path → bytes; records every request; can cut a body short once, or answer a
 * path with HTTP 503 its next n times (`unavailable.set(path, n)`).
 */
export class Archive {
  files = new Map<string, Uint8Array>();
  requests: { url: string; range?: string }[] = [];
  cutOnce = new Set<string>();
  unavailable = new Map<string, number>();
  server!: Server;
  base = "";

  /** Publishes `zip` at `path`, with a `.CHECKSUM` of `checksum` beside it (null: none, 404). */
  put(path: string, zip: Uint8Array, checksum: string | null = sha256(zip)): void {
    this.files.set(path, zip);
    if (checksum !== null) this.files.set(path + ".CHECKSUM", strToU8(`${checksum}  ${path.split("/").pop()}\n`));
    else this.files.delete(path + ".CHECKSUM");
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = req.url ?? "";
      this.requests.push({ url, ...(req.headers.range ? { range: req.headers.range } : {}) });
      const busy = this.unavailable.get(url) ?? 0;
      if (busy > 0) { this.unavailable.set(url, busy - 1); res.writeHead(503).end("slow down"); return; }
      const body = this.files.get(url);
      if (!body) { res.writeHead(404).end("not found"); return; }
      const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
      if (m) {
        const from = +m[1]!;
        res.writeHead(206, { "Content-Length": body.length - from, "Content-Range": `bytes ${from}-${body.length - 1}/${body.length}` }).end(Buffer.from(body.subarray(from)));
        return;
      }
      if (this.cutOnce.delete(url)) {
        // send half the body, then close the connection: a FIN after the bytes (socket.end), not
        // a reset (destroy), which can discard bytes the client has not read yet and made the
        // resume offset depend on timing
        res.writeHead(200, { "Content-Length": body.length });
        res.write(Buffer.from(body.subarray(0, body.length >> 1)), () => res.socket?.end());
        return;
      }
      res.writeHead(200, { "Content-Length": body.length }).end(Buffer.from(body));
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

