/**
 * The combined half-hour Coinglass v4 export (`btc_regime_30m.csv`): one CSV holding spot price
 * OHLC, Binance perpetual open interest OHLC in USD, and realized long/short liquidations in USD
 * (summed over Binance, Bybit, OKX). `timestamp` is the bar's open time in ms. It loads into
 * three tables: candles (`price_*`), open interest (`oi_close` → `openInterestUsd`, the bar's
 * close like the candle's close, with the bar's `closeTime` when it became known) and liquidation totals (`liquidation_long_usd` → `longUsd`,
 * `liquidation_short_usd` → `shortUsd`). `funding_*` are in Coinglass percent units and `cvd_*`
 * are zero in this export; neither is read.
 */
import { newParsed, num, type FieldSpec, type Parsed } from "../fields";
import { readCsv } from "../csv-rows";
import { finish, type LoadOptions, type Table } from "../finish";
import { makeReport, type LoadReport } from "../report";
import { inEntries, readSource, type Source, type SourceText } from "../source";
import { checkOhlc, start } from "./common";

const FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["timestamp", "time", "datetime_utc"] },
  { out: "open", type: "price", names: ["price_open"] },
  { out: "high", type: "price", names: ["price_high"] },
  { out: "low", type: "price", names: ["price_low"] },
  { out: "close", type: "price", names: ["price_close"] },
  // Vendor exports leave a cell blank where nothing was recorded: a blank liquidation total is
  // 0 USD, a blank open interest is a missing sample (the engine carries the last one forward).
  // Both are counted in the report's notes; a blank price is still an error.
  { out: "longUsd", type: "amount", names: ["liquidation_long_usd"], emptyAs: { value: 0, meaning: "read as 0 USD (no liquidations recorded in the bar)" } },
  { out: "shortUsd", type: "amount", names: ["liquidation_short_usd"], emptyAs: { value: 0, meaning: "read as 0 USD (no liquidations recorded in the bar)" } },
  { out: "openInterestUsd", type: "amount", names: ["oi_close"], emptyAs: { value: NaN, meaning: "those rows are left out of the open-interest table (the replay uses the last earlier value)" } },
];

/** Header columns that identify the export. */
export const COMBINED_EXPORT_MARKERS = ["price_open", "oi_close", "liquidation_long_usd"] as const;

/** The combined export's three tables and one report (of the shared time axis). */
export interface CombinedExport {
  candles: Table;
  openInterest: Table;
  liquidations: Table;
  report: LoadReport;
}

/** One table's columns of the export; rows whose `names` hold a NaN (a blank marker) are left out. */
function part(all: Parsed, kind: Parsed["kind"], names: readonly string[]): Parsed {
  const p = newParsed(all.file, all.format, kind);
  p.rowsRead = all.rowsRead;
  p.notes.push(...all.notes);
  p.dropped = new Map(all.dropped);
  const cols = ["time", ...names].map((k) => num(all, k));
  let keep: number[] | null = null;
  for (let i = 0; i < all.n; i++) {
    if (names.some((_, j) => Number.isNaN(cols[j + 1]![i]))) { keep ??= Array.from({ length: i }, (_, k) => k); continue; }
    keep?.push(i);
  }
  if (keep === null) {
    p.n = all.n;
    p.lines = all.lines;
    ["time", ...names].forEach((k, j) => p.columns.set(k, cols[j]!));
    return p;
  }
  p.n = keep.length;
  p.lines = Int32Array.from(keep, (i) => all.lines[i]!);
  ["time", ...names].forEach((k, j) => p.columns.set(k, Float64Array.from(keep!, (i) => cols[j]![i]!)));
  return p;
}

export function readCombinedExport(st: SourceText): Parsed {
  const p = start(st, "coinglass-combined-csv", "candles");
  readCsv(p, st.text, FIELDS);
  checkOhlc(p);
  return p;
}

/** Loads the combined half-hour export into candles, open interest and liquidation totals. */
export function loadCombinedExport(src: Source, options: LoadOptions = {}): CombinedExport {
  const st = readSource(src);
  const all = inEntries(st, () => readCombinedExport(st));
  const candles = finish(part(all, "candles", ["open", "high", "low", "close"]), options);
  // oi_close is known when the bar closes: the table carries closeTime for the replay to align by.
  const oiPart = part(all, "openInterest", ["openInterestUsd"]);
  oiPart.valueAtClose = true;
  // Each part is one row per export bar, less the rows whose cells are blank: the export's own step
  // (the candles', which have every row) is theirs too. Measured on what is left, blank oi_close
  // cells made every other bar look 1h wide (closeTime 30 min late) or threw "mixed intervals".
  const step = { ...options, interval: options.interval ?? candles.report.intervalMs ?? undefined };
  oiPart.intervalOfFile = true;
  const oi = finish(oiPart, step);
  const liqPart = part(all, "liquidationTotals", ["longUsd", "shortUsd"]);
  liqPart.intervalOfFile = true;
  const liq = finish(liqPart, step);
  const r = candles.report;
  // Each part drops its own rows (a repeated bar whose prices match but whose oi_close differs
  // is a duplicate candle and a revised open interest): what only a part dropped is named too.
  const seen = new Set(r.dropped.map((d) => `${d.reason} ${d.lines.join(",")}`));
  const partDrops = ([["open interest", oi.report], ["liquidations", liq.report]] as const).flatMap(([name, pr]) =>
    pr.dropped.filter((d) => !seen.has(`${d.reason} ${d.lines.join(",")}`)).map((d) => ({ ...d, reason: `${name}: ${d.reason}` })));
  const report = makeReport({
    ...r,
    dropped: [...r.dropped, ...partDrops],
    notes: [
      ...r.notes,
      "open interest: Binance BTCUSDT perpetual, USD (oi_close, known at the bar's closeTime, which the replay aligns by); liquidations: Binance + Bybit + OKX, USD — compare shares, not absolute dollars",
    ],
  });
  return { candles: candles.table, openInterest: oi.table, liquidations: liq.table, report };
}
