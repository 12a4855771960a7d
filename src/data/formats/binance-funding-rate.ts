/**
 * Binance funding: the archive `fundingRate` CSV (`futures/um/monthly/fundingRate/`, layout
 * BINANCE_FUNDING_COLUMNS; `calc_time` ms with a few ms of jitter) and the REST
 * `/fapi/v1/fundingRate` JSON (`[{ symbol, fundingTime, fundingRate, markPrice }]`, markPrice
 * empty on old entries — then the column is left out rather than holding blanks).
 */
import type { FieldSpec, Parsed } from "../fields";
import { readJsonRows } from "../json-rows";
import { BINANCE_FUNDING_COLUMNS } from "../schema";
import type { Loaded } from "../finish";
import type { Source, SourceText } from "../source";
import { json, loadWith, looksJson, pickInstrument, readCsvOrJson, rowsAt, start, type InstrumentOptions } from "./common";

const CSV_FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["calc_time", "funding_time", "fundingtime", "time"], index: 0 },
  { out: "fundingIntervalHours", type: "amount", names: ["funding_interval_hours"], index: 1, optional: true },
  { out: "fundingRate", type: "number", names: ["last_funding_rate", "funding_rate", "fundingrate"], index: 2 },
];

const JSON_FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["fundingTime"], key: "fundingTime" },
  { out: "fundingRate", type: "number", names: ["fundingRate"], key: "fundingRate" },
  { out: "markPrice", type: "price", names: ["markPrice"], key: "markPrice", optional: true, emptyOmits: true },
];

/**
 * Reads the archive CSV or the REST JSON. `/fapi/v1/fundingRate` without `symbol` returns every
 * symbol's rows: such a file is refused unless `options.symbol` picks one.
 */
export function readBinanceFundingRate(st: SourceText, options: InstrumentOptions = {}): Parsed {
  if (!looksJson(st.text)) return readCsvOrJson(st, "binance-fundingRate", "funding", CSV_FIELDS, JSON_FIELDS, [BINANCE_FUNDING_COLUMNS.length]);
  const p = start(st, "binance-fundingRate-json", "funding");
  const one = pickInstrument(p, rowsAt(json(st), ["data"], st.file), "symbol", options.symbol);
  readJsonRows(p, one.rows, JSON_FIELDS, one.lines, ["symbol"]);
  return p;
}

/** Loads Binance funding rates (archive CSV or /fapi/v1/fundingRate JSON). */
export function loadBinanceFundingRate(src: Source, options: InstrumentOptions = {}): Loaded {
  return loadWith((st) => readBinanceFundingRate(st, options), src, options);
}
