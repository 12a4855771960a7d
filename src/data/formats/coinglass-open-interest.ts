/**
 * Coinglass v4 open-interest OHLC history JSON (`/api/futures/open-interest/history` and the
 * aggregated variant): `{ code: "0", data: [{ time, open, high, low, close }] }`, values in USD,
 * `time` the bar's open time (ms; seconds in older versions, detected). The table holds the bar's
 * CLOSE as `openInterestUsd` at the bar's open time, matching how a candle's close belongs to its
 * open time, and the bar's `closeTime` (open + interval − 1 ms), when that close became known:
 * the replay aligns the table by it (`valueAtClose`, added by `finish`).
 */
import { type FieldSpec, type Parsed } from "../fields";
import { readJsonRows } from "../json-rows";
import type { LoadOptions, Loaded } from "../finish";
import type { Source, SourceText } from "../source";
import { checkEnvelope, json, loadWith, rowsAt, start } from "./common";

const FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["time", "t", "timestamp"], key: "time" },
  { out: "openInterestUsd", type: "amount", names: ["close", "c"], key: "close" },
];

export function readCoinglassOpenInterest(st: SourceText): Parsed {
  const v = json(st);
  checkEnvelope(v, st.file);
  const p = start(st, "coinglass-open-interest-ohlc-json", "openInterest");
  readJsonRows(p, rowsAt(v, ["data"], st.file), FIELDS);
  p.notes.push("openInterestUsd is each bar's close (USD), known at closeTime (open + interval − 1 ms), which the replay aligns by");
  p.valueAtClose = true;
  return p;
}

/** Loads Coinglass v4 open-interest OHLC history JSON. */
export function loadCoinglassOpenInterest(src: Source, options: LoadOptions = {}): Loaded {
  return loadWith(readCoinglassOpenInterest, src, options);
}
