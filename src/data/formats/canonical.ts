/**
 * liqlab's own canonical schema as a file: a CSV whose header holds a kind's canonical column
 * names (what `table.toCSV()` writes), or a JSON array of such objects (`table.objects()`). This
 * lets a researcher save a cleaned table and load it back with the same checks.
 */
import { error } from "../../util/errors";
import { normalizeName, type FieldSpec, type Parsed, type ValueType } from "../fields";
import { readCsv } from "../csv-rows";
import { readJsonRows } from "../json-rows";
import type { LoadOptions, Loaded } from "../finish";
import { CANONICAL_COLUMNS, type DataKind } from "../schema";
import type { Source, SourceText } from "../source";
import { checkCandles } from "./binance-klines";
import { json, loadWith, looksJson, rowsAt, start } from "./common";

/** Value check of each canonical column. */
const TYPES: Record<string, ValueType> = {
  time: "time", closeTime: "time", open: "price", high: "price", low: "price", close: "price", markPrice: "price", price: "price",
  volume: "amount", quoteVolume: "amount", takerBuyVolume: "amount", openInterest: "amount", openInterestUsd: "amount",
  longShortRatio: "amount", topTraderLongShortRatio: "amount", topTraderAccountRatio: "amount", takerBuySellRatio: "amount",
  quantity: "amount", usd: "amount", longUsd: "amount", shortUsd: "amount", depth: "amount", notional: "amount", fundingIntervalHours: "amount",
  trades: "count", id: "count", fundingRate: "number", percentage: "number", side: "side", isBuyerMaker: "bool",
};

/** Kinds tried in this order (the most specific column sets first). */
const ORDER: readonly DataKind[] = ["liquidations", "trades", "bookDepth", "liquidationTotals", "funding", "candles", "openInterest"];

function fields(kind: DataKind): FieldSpec[] {
  const spec = CANONICAL_COLUMNS[kind];
  return [
    ...spec.required.map((c) => ({ out: c, type: TYPES[c]!, names: [c], key: c })),
    ...spec.optional.map((c) => ({ out: c, type: TYPES[c]!, names: [c], key: c, optional: true })),
  ];
}

/**
 * A kind's fields keyed by the rows' own spelling of each column, matched as CSV header names are
 * (without case, spaces, `_`, `-` or `.`: `Volume` or `taker_buy_volume` read as `volume` and
 * `takerBuyVolume`), the exact name first. Keys are gathered over every object row, so a column
 * only later rows carry is read too.
 */
function jsonFields(kind: DataKind, rows: readonly unknown[]): FieldSpec[] {
  const keys = new Set<string>();
  for (const r of rows) if (typeof r === "object" && r !== null && !Array.isArray(r)) for (const k in r) keys.add(k);
  const all = [...keys];
  return fields(kind).map((f) => ({ ...f, key: keys.has(f.out) ? f.out : all.find((k) => normalizeName(k) === normalizeName(f.out)) ?? f.out }));
}

/** The kind whose canonical columns a set of column names holds, if any. */
export function canonicalKind(columns: readonly string[]): DataKind | undefined {
  const have = new Set(columns.map(normalizeName));
  for (const kind of ORDER) {
    const spec = CANONICAL_COLUMNS[kind];
    const extra = kind === "openInterest" ? ["openInterest", "openInterestUsd"].some((c) => have.has(normalizeName(c))) : true;
    if (extra && spec.required.every((c) => have.has(normalizeName(c)))) return kind;
  }
  return undefined;
}

export function readCanonical(st: SourceText): Parsed {
  let kind: DataKind | undefined, rows: unknown[] | undefined;
  if (looksJson(st.text)) {
    rows = rowsAt(json(st), ["data"], st.file);
    // the keys of the first rows together: a first object missing a field is then named by the
    // row reader ("missing field"), not taken for a file of no known kind
    const keys = new Set<string>();
    for (const r of rows.slice(0, 3)) if (typeof r === "object" && r !== null && !Array.isArray(r)) for (const k of Object.keys(r)) keys.add(k);
    kind = canonicalKind([...keys]);
  } else {
    const nl = st.text.indexOf("\n");
    kind = canonicalKind(st.text.slice(0, nl < 0 ? st.text.length : nl).replace(/^\ufeff/, "").split(/[,;\t]/).map((s) => s.replace(/"/g, "")));
  }
  if (!kind) throw error("no liqlab canonical column set in the header (e.g. time,open,high,low,close)", { file: st.file, line: 1, column: "header", value: st.text.slice(0, 80) });
  const p = start(st, `liqlab-${kind}-${rows ? "json" : "csv"}`, kind);
  if (rows) readJsonRows(p, rows, jsonFields(kind, rows));
  else readCsv(p, st.text, fields(kind));
  if (kind === "openInterest" && !p.columns.has("openInterest") && !p.columns.has("openInterestUsd")) {
    throw error("open interest needs openInterest or openInterestUsd", { file: st.file, line: 1, column: "openInterest", value: [...p.columns.keys()] });
  }
  // candles saved from any source meet the klines loader's checks (OHLC order, one bar span)
  if (kind === "candles") checkCandles(p);
  return p;
}

/** Loads a table saved in liqlab's canonical schema (CSV or JSON objects). */
export function loadCanonical(src: Source, options: LoadOptions = {}): Loaded {
  return loadWith(readCanonical, src, options);
}
