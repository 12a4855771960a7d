/**
 * OKX rubik open interest JSON, newest first, `{ code: "0", data: [...] }`:
 * - `/api/v5/rubik/stat/contracts/open-interest-volume`: rows `[ts, oi, vol]`, oi in USD;
 * - `/api/v5/rubik/stat/contracts/open-interest-history`: rows `[ts, oi, oiCcy, oiUsd]`,
 *   oi in contracts, oiCcy base coin, oiUsd USD;
 * and `/api/v5/public/open-interest` objects `{ instId, oi, oiCcy, oiUsd, ts }` (same units;
 * requested by `instType` alone it lists every instrument: refused unless `{ symbol }` picks one).
 * The rubik `taker-volume` rows `[ts, sellVol, buyVol]` are as wide as `open-interest-volume`
 * rows: `load()` tells them apart only by the file name (see detect.ts).
 */
import { error } from "../../util/errors";
import { type FieldSpec, type Parsed } from "../fields";
import { readJsonRows } from "../json-rows";
import type { Loaded } from "../finish";
import { lineOf } from "../json";
import type { Source, SourceText } from "../source";
import { checkEnvelope, json, loadWith, pickInstrument, rowsAt, start, type InstrumentOptions } from "./common";

const VOLUME_FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["ts"], key: 0 },
  { out: "openInterestUsd", type: "amount", names: ["oi"], key: 1 },
];
const OBJECT_FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["ts"], key: "ts" },
  { out: "openInterest", type: "amount", names: ["oiCcy"], key: "oiCcy" },
  { out: "openInterestUsd", type: "amount", names: ["oiUsd"], key: "oiUsd", optional: true },
];
const HISTORY_FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["ts"], key: 0 },
  { out: "openInterest", type: "amount", names: ["oiCcy"], key: 2 },
  { out: "openInterestUsd", type: "amount", names: ["oiUsd"], key: 3 },
];

export function readOkxOpenInterest(st: SourceText, options: InstrumentOptions = {}): Parsed {
  const v = json(st);
  checkEnvelope(v, st.file);
  const rows = rowsAt(v, ["data"], st.file);
  if (rows.length && typeof rows[0] === "object" && rows[0] !== null && !Array.isArray(rows[0])) {
    const p = start(st, "okx-open-interest-json", "openInterest");
    const one = pickInstrument(p, rows, "instId", options.symbol);
    readJsonRows(p, one.rows, OBJECT_FIELDS, one.lines, ["instId"]);
    return p;
  }
  const width = Array.isArray(rows[0]) ? rows[0].length : 0;
  if (rows.length && width !== 3 && width !== 4) throw error("expected rows [ts, oi, vol] or [ts, oi, oiCcy, oiUsd]", { file: st.file, line: lineOf(rows[0]), column: "row", value: rows[0] });
  const p = start(st, width === 4 ? "okx-open-interest-history-json" : "okx-open-interest-volume-json", "openInterest");
  readJsonRows(p, rows, width === 4 ? HISTORY_FIELDS : VOLUME_FIELDS);
  return p;
}

/** Loads OKX rubik open-interest JSON (either endpoint). */
export function loadOkxOpenInterest(src: Source, options: InstrumentOptions = {}): Loaded {
  return loadWith((st) => readOkxOpenInterest(st, options), src, options);
}
