/**
 * Binance `GET /futures/data/openInterestHist` JSON: `[{ symbol, sumOpenInterest (coin),
 * sumOpenInterestValue (USD), timestamp }]`, oldest first. Extra keys (CMCCirculatingSupply) are
 * ignored.
 */
import { type FieldSpec, type Parsed } from "../fields";
import { readJsonRows } from "../json-rows";
import type { LoadOptions, Loaded } from "../finish";
import type { Source, SourceText } from "../source";
import { json, loadWith, rowsAt, start } from "./common";

const FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["timestamp"], key: "timestamp" },
  { out: "openInterest", type: "amount", names: ["sumOpenInterest"], key: "sumOpenInterest" },
  { out: "openInterestUsd", type: "amount", names: ["sumOpenInterestValue"], key: "sumOpenInterestValue", optional: true },
];

export function readBinanceOpenInterestHist(st: SourceText): Parsed {
  const p = start(st, "binance-openInterestHist-json", "openInterest");
  readJsonRows(p, rowsAt(json(st), ["data"], st.file), FIELDS);
  return p;
}

/** Loads Binance openInterestHist JSON. */
export function loadBinanceOpenInterestHist(src: Source, options: LoadOptions = {}): Loaded {
  return loadWith(readBinanceOpenInterestHist, src, options);
}
