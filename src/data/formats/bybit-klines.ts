/**
 * Bybit v5 `GET /v5/market/kline` JSON: `{ retCode, result: { category, list } }`, `list` newest
 * first, each row `[startTime, open, high, low, close, volume, turnover]` as strings. For linear
 * (USDT) contracts `volume` is base coin and `turnover` quote; for `category: "inverse"` Bybit
 * swaps them (volume in USD contracts, turnover in coin), so they are swapped back here.
 */
import type { FieldSpec, Parsed } from "../fields";
import { readJsonRows } from "../json-rows";
import type { LoadOptions, Loaded } from "../finish";
import type { Source, SourceText } from "../source";
import { checkEnvelope, checkOhlc, json, loadWith, prop, rowsAt, start } from "./common";

const FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["startTime"], key: 0 },
  { out: "open", type: "price", names: ["open"], key: 1 },
  { out: "high", type: "price", names: ["high"], key: 2 },
  { out: "low", type: "price", names: ["low"], key: 3 },
  { out: "close", type: "price", names: ["close"], key: 4 },
  { out: "volume", type: "amount", names: ["volume"], key: 5, optional: true },
  { out: "quoteVolume", type: "amount", names: ["turnover"], key: 6, optional: true },
];

export function readBybitKlines(st: SourceText): Parsed {
  const v = json(st);
  checkEnvelope(v, st.file);
  const p = start(st, "bybit-kline-json", "candles");
  readJsonRows(p, rowsAt(v, ["result", "list"], st.file), FIELDS);
  // The whole response, or its `result` object saved on its own: both carry the category.
  const category = prop(prop(v, "result"), "category") ?? prop(v, "category");
  if (category === undefined) p.notes.push('no category in the file: read as linear (volume in coin, turnover in USD); an inverse contract\'s response says "inverse"');
  if (category === "inverse") {
    const vol = p.columns.get("volume"), quote = p.columns.get("quoteVolume");
    if (vol && quote) { p.columns.set("volume", quote); p.columns.set("quoteVolume", vol); }
    p.notes.push("inverse contract: volume (USD) and turnover (coin) swapped into quoteVolume and volume");
  }
  checkOhlc(p);
  return p;
}

/** Loads Bybit v5 kline JSON (newest first in the file; oldest first in the table). */
export function loadBybitKlines(src: Source, options: LoadOptions = {}): Loaded {
  return loadWith(readBybitKlines, src, options);
}
