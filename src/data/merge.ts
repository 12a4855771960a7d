/**
 * Rows read from several files of one kind, merged into one `Parsed` before the shared finish
 * (sort, de-duplicate, interval): the daily archive files of a month become one table, overlaps
 * between files count as duplicates, and a missing day shows as a gap. Every row remembers its
 * file so later errors and drop reasons name the right one.
 */
import { error } from "../util/errors";
import { newParsed, type Column, type Parsed } from "./fields";

/**
 * Where a format's numbers come from: the first word of its name, which every reader starts with
 * its venue (`binance-metrics-csv`, `binance-openInterestHist-json`: an archive CSV and the REST
 * JSON of one exchange are one source). Two names are not venues and are sources of their own:
 * `coinglass` (a vendor's series — its own snapshots, often summed over exchanges, the file not
 * saying which — so never one exchange's) and `liqlab` (canonical files, which do not record their
 * venue: merging one with an exchange's files could not be checked, so it is refused rather than
 * guessed; canonical files merge with each other).
 */
export function venueOf(format: string): string {
  return format.split("-", 1)[0]!;
}

/** A source as an error names it. */
function venueLabel(format: string): string {
  const v = venueOf(format);
  const labels: Record<string, string> = {
    binance: "Binance", bybit: "Bybit", okx: "OKX",
    coinglass: "Coinglass (a vendor's series, not one exchange's)",
    liqlab: "a liqlab canonical file (venue not recorded)",
  };
  return labels[v] ?? v;
}

/** Concatenates parsed files (same kind, instrument and source); columns not present in every file are left out. */
export function mergeParsed(parts: readonly Parsed[]): Parsed {
  const first = parts[0];
  if (!first) throw error("no files to load", { column: "sources", value: [] });
  if (parts.length > 65_535) throw error("too many files for one table (at most 65,535)", { column: "sources", value: parts.length });
  for (const p of parts) {
    if (p.kind !== first.kind) throw error(`files hold different kinds of data (${first.kind} in ${first.file})`, { file: p.file, column: "kind", value: p.kind });
  }
  // Two instruments' rows would interleave into one series (ETH's metrics replaced by BNB's as
  // "repeated times with different values").
  const named = parts.filter((p) => p.instrument !== undefined);
  const other = named.find((p) => p.instrument!.toUpperCase() !== named[0]!.instrument!.toUpperCase());
  if (other) throw error(`files hold different instruments (${named[0]!.instrument} in ${named[0]!.file}, ${other.instrument} in ${other.file}): loadFiles merges one instrument's files; load each instrument apart`, { file: other.file, column: "symbol", value: other.instrument });
  // Two venues' series of one instrument differ in level (Binance's BTCUSDT open interest is not
  // Bybit's): interleaved, the series jumps between them at every row and the overlapping times
  // drop one venue's rows as "repeated times with different values".
  const venue = venueOf(first.format);
  const elsewhere = parts.find((p) => venueOf(p.format) !== venue);
  if (elsewhere) {
    throw error(`files come from different sources (${venueLabel(first.format)}: ${first.format} in ${first.file}; ${venueLabel(elsewhere.format)}: ${elsewhere.format} in ${elsewhere.file}): each has its own series, and loadFiles merges one source's files; load each source apart`, { file: elsewhere.file, column: "format", value: elsewhere.format });
  }
  const formats = [...new Set(parts.map((p) => p.format))];
  const out = newParsed(`${first.file} … ${parts[parts.length - 1]!.file} (${parts.length} files)`, formats.join(" + "), first.kind);
  out.files = parts.map((p) => p.file);
  if (parts.every((p) => p.valueAtClose)) out.valueAtClose = true;
  if (named.length > 0) out.instrument = named[0]!.instrument;
  // a column's name in errors found after merging: as the files name it, when they all agree
  const label = (p: Parsed, k: string) => p.headers?.get(k) ?? k;
  out.headers = new Map([...(first.headers ?? [])].filter(([k, v]) => parts.every((p) => label(p, k) === v)));
  const n = parts.reduce((s, p) => s + p.n, 0);
  out.n = n;
  out.rowsRead = parts.reduce((s, p) => s + p.rowsRead, 0);
  const names = [...first.columns.keys()].filter((k) => parts.every((p) => p.columns.has(k)));
  for (const k of first.columns.keys()) if (!names.includes(k)) out.notes.push(`column ${k} is missing from some files: left out`);
  for (const k of names) {
    const c0 = first.columns.get(k)!;
    let col: Column;
    if (c0 instanceof Float64Array) {
      const c = new Float64Array(n);
      let o = 0;
      for (const p of parts) { c.set((p.columns.get(k) as Float64Array).subarray(0, p.n), o); o += p.n; }
      col = c;
    } else {
      const c: unknown[] = [];
      for (const p of parts) { const src = p.columns.get(k)!; for (let i = 0; i < p.n; i++) c.push(src[i]); }
      col = c as Column;
    }
    out.columns.set(k, col);
  }
  out.lines = new Int32Array(n);
  out.rowFile = new Uint16Array(n);
  let o = 0;
  parts.forEach((p, f) => {
    out.lines.set(p.lines.subarray(0, p.n), o);
    out.rowFile!.fill(f, o, o + p.n);
    o += p.n;
    for (const [reason, d] of p.dropped) {
      const m = out.dropped.get(reason) ?? { count: 0, lines: [], files: [] };
      m.count += d.count;
      for (let i = 0; i < d.lines.length && m.lines.length < 5; i++) { m.lines.push(d.lines[i]!); m.files!.push(d.files?.[i] ?? p.file); }
      out.dropped.set(reason, m);
    }
  });
  out.notes.push(`${parts.length} files merged`, ...new Set(parts.flatMap((p) => p.notes)));
  return out;
}
