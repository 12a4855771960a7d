/**
 * Bybit v5 `GET /v5/market/open-interest` JSON: `{ retCode, result: { category, symbol, list:
 * [{ openInterest, timestamp }] } }`, newest first. For linear contracts `openInterest` is base
 * coin; for `category: "inverse"` it is USD (contracts of 1 USD) and becomes `openInterestUsd`.
 */
import { type FieldSpec, type Parsed } from "../fields";
import { readJsonRows } from "../json-rows";
import type { LoadOptions, Loaded } from "../finish";
import type { Source, SourceText } from "../source";
import { checkEnvelope, json, loadWith, prop, rowsAt, start } from "./common";

const FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["timestamp"], key: "timestamp" },
  { out: "openInterest", type: "amount", names: ["openInterest"], key: "openInterest" },
];

export function readBybitOpenInterest(st: SourceText): Parsed {
  const v = json(st);
  checkEnvelope(v, st.file);
  const p = start(st, "bybit-open-interest-json", "openInterest");
  readJsonRows(p, rowsAt(v, ["result", "list"], st.file), FIELDS);
  // The whole response, or its `result` object saved on its own: both carry the category.
  const category = prop(prop(v, "result"), "category") ?? prop(v, "category");
  if (category === undefined) p.notes.push('no category in the file: read as linear (openInterest in coin); an inverse contract\'s response says "inverse"');
  if (category === "inverse") {
    p.columns.set("openInterestUsd", p.columns.get("openInterest")!);
    p.columns.delete("openInterest");
    p.notes.push("inverse contract: openInterest is in USD");
  }
  return p;
}

/** Loads Bybit v5 open-interest JSON. */
export function loadBybitOpenInterest(src: Source, options: LoadOptions = {}): Loaded {
  return loadWith(readBybitOpenInterest, src, options);
}
