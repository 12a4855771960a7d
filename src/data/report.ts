/**
 * The quality report every load returns: rows read and kept, time range, bar interval, gaps,
 * duplicates and dropped rows with their reasons. It carries `kind: "report"` and
 * `toString()`/`toHTML()` so the notebook's `show(report)` can render it; `reportToHtml` is the
 * pure renderer it calls.
 */
import type { DataKind } from "./schema";
import { formatTime } from "./time";

/** A run of missing bars between two present ones. */
export interface Gap {
  /** Open time of the last bar before the gap (ms). */
  after: number;
  /** Open time of the first bar after the gap (ms). */
  before: number;
  /** Bars missing in between. */
  missingBars: number;
}

/** Rows dropped for one reason. */
export interface DropReason {
  reason: string;
  count: number;
  /** First few source line numbers (1-based). */
  lines: number[];
  /** The file of each of those lines, when the table was loaded from several files. */
  files?: string[];
}

export interface LoadReport {
  /** Marker for `show()`. */
  readonly kind: "report";
  /** File label (path, `archive.zip:entry.csv`, or the in-memory name). */
  file: string;
  /** Detected format, e.g. `binance-klines-csv`. */
  format: string;
  /** Kind of data in the table. */
  dataKind: DataKind;
  /** Data rows seen in the file (headers and blank lines excluded). */
  rowsRead: number;
  /** Rows in the returned table. */
  rows: number;
  /** First and last `time` (ms), null when empty. */
  from: number | null;
  to: number | null;
  /** Bar interval in ms (null for event data or when it cannot be told), and its label. */
  intervalMs: number | null;
  interval: string | null;
  /** Missing bars: how many gaps, how many bars in total, and the first 20 gaps. */
  gaps: { count: number; missingBars: number; list: Gap[] };
  /** Rows removed as duplicates (exact copies, or repeated bar times). */
  duplicates: number;
  /** Every dropped row, grouped by reason (duplicates included). */
  dropped: DropReason[];
  /** Facts about the load (timestamp units, sorting, header, checksum). */
  notes: string[];
  toString(): string;
  toHTML(): string;
  /** What the notebook's `show(report)` displays: the HTML table and its plain-text twin. */
  toDisplay(): { html: string; text: string };
}

/** Builds a report object with its renderers attached. */
export function makeReport(fields: Omit<LoadReport, "kind" | "toString" | "toHTML" | "toDisplay">): LoadReport {
  const { file, format, dataKind, rowsRead, rows, from, to, intervalMs, interval, gaps, duplicates, dropped, notes } = fields;
  const r: LoadReport = {
    kind: "report",
    file, format, dataKind, rowsRead, rows, from, to, intervalMs, interval, gaps, duplicates, dropped, notes,
    toString: () => reportToText(r),
    toHTML: () => reportToHtml(r),
    toDisplay: () => ({ html: reportToHtml(r), text: reportToText(r) }),
  };
  return r;
}

const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

function range(r: LoadReport): string {
  return r.from === null || r.to === null ? "no rows" : `${formatTime(r.from)} → ${formatTime(r.to)} UTC`;
}

function lines(r: LoadReport): [string, string][] {
  const out: [string, string][] = [
    ["rows", `${r.rows.toLocaleString("en-US")} kept of ${r.rowsRead.toLocaleString("en-US")} read`],
    ["time range", range(r)],
  ];
  if (r.interval !== null) out.push(["interval", r.interval]);
  if (r.intervalMs !== null) {
    const g = r.gaps;
    out.push(["gaps", g.count === 0 ? "none" : `${g.count} (${g.missingBars.toLocaleString("en-US")} missing bars)` + g.list.slice(0, 3).map((x) => `; after ${formatTime(x.after)}: ${x.missingBars}`).join("")]);
  }
  out.push(["duplicates", String(r.duplicates)]);
  for (const d of r.dropped) {
    const at = d.lines.map((l, i) => (d.files?.[i] !== undefined ? `${baseName(d.files[i]!)}:${l}` : String(l)));
    out.push(["dropped", `${d.count} × ${d.reason} (line ${at.join(", ")}${d.count > d.lines.length ? ", …" : ""})`]);
  }
  for (const n of r.notes) out.push(["note", n]);
  return out;
}

/** Plain-text rendering, one fact per line. */
export function reportToText(r: LoadReport): string {
  return [`${r.file} — ${r.format} (${r.dataKind})`, ...lines(r).map(([k, v]) => `  ${k}: ${v}`)].join("\n");
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Self-contained HTML table for a notebook cell; pure (no DOM, no globals). */
export function reportToHtml(r: LoadReport): string {
  const rows = lines(r).map(([k, v]) => `<tr><th style="text-align:left;padding:2px 8px">${esc(k)}</th><td style="padding:2px 8px">${esc(v)}</td></tr>`).join("");
  return `<div class="liqlab-report"><div style="font-weight:bold">${esc(r.file)} — ${esc(r.format)} (${esc(r.dataKind)})</div><table>${rows}</table></div>`;
}

