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
 * A tiny archive: path → bytes; records every request; can cut a body short once (the
 * connection closed mid-body, or a short body sent as if whole), answer a path with HTTP 503 its
 * next n times (`unavailable.set(path, n)`), or answer a Range request with the wrong range.
 * Each body has a strong ETag (from its sha256) and a Last-Modified, and a Range request with an
 * If-Range that matches neither gets 200 and the whole body (RFC 9110 §13.1.5): a file changed
 * since the part was cut.
 */
export class Archive {
  files = new Map<string, Uint8Array>();
  requests: { url: string; range?: string; ifRange?: string }[] = [];
  /** Paths whose next 200 closes the connection after half the body (Content-Length says all of it). */
  cutOnce = new Set<string>();
  /** Paths whose next 200 sends half the body with a Content-Length of that half: a truncated body that looks whole. */
  shortOnce = new Set<string>();
  /** Paths whose Range requests get a 206 of the whole body (Content-Range from 0), whatever was asked. */
  misrange = new Set<string>();
  /** Whether responses carry ETag and Last-Modified (off: a server with no validators). */
  validators = true;
  unavailable = new Map<string, number>();
  /** Last-Modified per path: each put() is a second later than the one before. */
  private modified = new Map<string, string>();
  private puts = 0;
  server!: Server;
  base = "";

  /** Publishes `zip` at `path`, with a `.CHECKSUM` of `checksum` beside it (null: none, 404). */
  put(path: string, zip: Uint8Array, checksum: string | null = sha256(zip)): void {
    this.files.set(path, zip);
    this.modified.set(path, new Date(Date.UTC(2024, 0, 1) + 1000 * this.puts++).toUTCString());
    if (checksum !== null) this.files.set(path + ".CHECKSUM", strToU8(`${checksum}  ${path.split("/").pop()}\n`));
    else this.files.delete(path + ".CHECKSUM");
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = req.url ?? "";
      const ifRange = req.headers["if-range"] as string | undefined; // one header: Node joins repeats into one string
      this.requests.push({ url, ...(req.headers.range ? { range: req.headers.range } : {}), ...(ifRange ? { ifRange } : {}) });
      const busy = this.unavailable.get(url) ?? 0;
      if (busy > 0) { this.unavailable.set(url, busy - 1); res.writeHead(503).end("slow down"); return; }
      const body = this.files.get(url);
      if (!body) { res.writeHead(404).end("not found"); return; }
      const etag = `"${sha256(body).slice(0, 16)}"`;
      const modified = this.modified.get(url) ?? new Date(Date.UTC(2024, 0, 1)).toUTCString();
      const headers = this.validators ? { ETag: etag, "Last-Modified": modified } : {};
      const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
      // If-Range: the range only when the validator is this body's (a strong ETag, or exactly its date).
      if (m && (ifRange === undefined || (this.validators && (ifRange === etag || ifRange === modified)))) {
        const from = this.misrange.has(url) ? 0 : +m[1]!;
        if (from >= body.length) { res.writeHead(416, { "Content-Range": `bytes */${body.length}` }).end(); return; }
        res.writeHead(206, { ...headers, "Content-Length": body.length - from, "Content-Range": `bytes ${from}-${body.length - 1}/${body.length}` }).end(Buffer.from(body.subarray(from)));
        return;
      }
      if (this.shortOnce.delete(url)) {
        res.writeHead(200, { ...headers, "Content-Length": body.length >> 1 }).end(Buffer.from(body.subarray(0, body.length >> 1)));
        return;
      }
      if (this.cutOnce.delete(url)) {
        // send half the body, then close the connection: a FIN after the bytes (socket.end), not
        // a reset (destroy), which can discard bytes the client has not read yet and made the
        // resume offset depend on timing
        res.writeHead(200, { ...headers, "Content-Length": body.length });
        res.write(Buffer.from(body.subarray(0, body.length >> 1)), () => res.socket?.end());
        return;
      }
      res.writeHead(200, { ...headers, "Content-Length": body.length }).end(Buffer.from(body));
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

