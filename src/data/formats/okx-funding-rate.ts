/**
 * OKX `GET /api/v5/public/funding-rate-history` JSON: `{ code: "0", data: [{ instType, instId,
 * formulaType, fundingRate, realizedRate, fundingTime, method }] }`, newest first. OKX documents
 * `fundingRate` there as the predicted rate and `realizedRate` as the actual one, settled at
 * `fundingTime`: the table's `fundingRate` is `realizedRate`. Rows without any `realizedRate`
 * (older saves) are read from `fundingRate`, and the report says so.
 */
import type { FieldSpec, Parsed } from "../fields";
import { readJsonRows } from "../json-rows";
import type { Loaded } from "../finish";
import type { Source, SourceText } from "../source";
import { checkEnvelope, json, loadWith, pickInstrument, prop, rowsAt, start, type InstrumentOptions } from "./common";

const rateFields = (key: "realizedRate" | "fundingRate"): readonly FieldSpec[] => [
  { out: "time", type: "time", names: ["fundingTime"], key: "fundingTime" },
  { out: "fundingRate", type: "number", names: [key], key },
];
const REALIZED = rateFields("realizedRate");
const PREDICTED = rateFields("fundingRate");

/** OKX funding-rate-history rows: an `instId`, or a `realizedRate`, beside the `fundingRate`. */
export function isOkxFundingRow(row: unknown): boolean {
  return prop(row, "fundingRate") !== undefined && (prop(row, "realizedRate") !== undefined || prop(row, "instId") !== undefined);
}

export function readOkxFundingRate(st: SourceText, options: InstrumentOptions = {}): Parsed {
  const v = json(st);
  checkEnvelope(v, st.file);
  const p = start(st, "okx-funding-rate-history-json", "funding");
  const one = pickInstrument(p, rowsAt(v, ["data"], st.file), "instId", options.symbol);
  const realized = one.rows.some((r) => prop(r, "realizedRate") !== undefined);
  // (the predicted fundingRate beside realizedRate is named by its own note, below)
  readJsonRows(p, one.rows, realized ? REALIZED : PREDICTED, one.lines, realized ? ["instId", "fundingRate"] : ["instId"]);
  if (one.rows.length) {
    p.notes.push(realized
      ? "fundingRate is OKX's realizedRate (the rate settled at fundingTime); its fundingRate field, the predicted rate, is not read"
      : "no realizedRate in the rows: fundingRate read as given (OKX documents it as the predicted rate)");
  }
  return p;
}

/** Loads OKX funding-rate history JSON (newest first in the file; oldest first in the table). */
export function loadOkxFundingRate(src: Source, options: InstrumentOptions = {}): Loaded {
  return loadWith((st) => readOkxFundingRate(st, options), src, options);
}
