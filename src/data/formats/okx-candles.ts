/**
 * OKX `GET /api/v5/market/candles` and `history-candles` JSON: `{ code: "0", data }`, newest
 * first, rows `[ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]`. For SWAP/FUTURES `vol` is
 * contracts, `volCcy` base coin and `volCcyQuote` quote; for SPOT `vol` is base and `volCcy`
 * quote (then volCcy equals volCcyQuote). `confirm` "0" marks the still-open bar: it is kept, like
 * the open bar Binance and Bybit return last, and the report says so.
 */
import { error } from "../../util/errors";
import { num, type FieldSpec, type Parsed } from "../fields";
import { lineOf } from "../json";
import { readJsonRows } from "../json-rows";
import type { LoadOptions, Loaded } from "../finish";
import { formatTime } from "../time";
import type { Source, SourceText } from "../source";
import { checkEnvelope, checkOhlc, json, loadWith, rowsAt, start } from "./common";

const FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["ts"], key: 0 },
  { out: "open", type: "price", names: ["o"], key: 1 },
  { out: "high", type: "price", names: ["h"], key: 2 },
  { out: "low", type: "price", names: ["l"], key: 3 },
  { out: "close", type: "price", names: ["c"], key: 4 },
  { out: "vol", type: "amount", names: ["vol"], key: 5, optional: true },
  { out: "volCcy", type: "amount", names: ["volCcy"], key: 6, optional: true },
  { out: "volCcyQuote", type: "amount", names: ["volCcyQuote"], key: 7, optional: true },
  { out: "confirm", type: "count", names: ["confirm"], key: 8, optional: true },
];

export function readOkxCandles(st: SourceText): Parsed {
  const v = json(st);
  checkEnvelope(v, st.file);
  const p = start(st, "okx-candles-json", "candles");
  const rows = rowsAt(v, ["data"], st.file);
  readJsonRows(p, rows, FIELDS);
  // Rows are read by position (readJsonRows has checked they are alike): 9 values, 5 for index
  // candles, 6-8 in older responses. Binance klines (12, with the close time at 6) would read their
  // close time as a volume.
  const r0 = rows[0];
  if (Array.isArray(r0) && r0.length > 9) {
    throw error(`OKX candle rows have at most 9 values [ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm], these have ${r0.length}${r0.length === 12 ? ": Binance klines? (loadBinanceKlines)" : ""}`, { file: st.file, line: lineOf(r0), column: "row", value: r0 });
  }
  const vol = p.columns.get("vol") as Float64Array | undefined;
  const ccy = p.columns.get("volCcy") as Float64Array | undefined;
  const quote = p.columns.get("volCcyQuote") as Float64Array | undefined;
  if (ccy && quote) {
    let spot = true;
    for (let i = 0; i < p.n && spot; i++) if (ccy[i] !== quote[i]) spot = false;
    p.columns.set("volume", spot && vol ? vol : ccy);
    p.columns.set("quoteVolume", quote);
    if (spot) p.notes.push("volCcy equals volCcyQuote: read as a SPOT instrument (vol is base coin)");
  } else if (vol) p.notes.push("rows without volCcyQuote: volume units unknown, volume columns left out");
  const confirm = p.columns.get("confirm");
  if (confirm instanceof Float64Array) {
    const open: number[] = [];
    for (let i = 0; i < p.n; i++) if (confirm[i] === 0) open.push(i);
    if (open.length) p.notes.push(`${open.length} candle(s) still open (confirm "0"), kept: ${open.map((i) => formatTime(num(p, "time")[i]!)).slice(0, 3).join(", ")}`);
  }
  for (const k of ["vol", "volCcy", "volCcyQuote", "confirm"]) p.columns.delete(k);
  num(p, "time");
  checkOhlc(p);
  return p;
}

/** Loads OKX candles JSON (newest first in the file; oldest first in the table). */
export function loadOkxCandles(src: Source, options: LoadOptions = {}): Loaded {
  return loadWith(readOkxCandles, src, options);
}
