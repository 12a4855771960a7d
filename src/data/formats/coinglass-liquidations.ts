/**
 * Coinglass v4 liquidation history JSON (`/api/futures/liquidation/history` per exchange pair,
 * `/api/futures/liquidation/aggregated-history` per coin): `{ code: "0", data: [{ time,
 * long_liquidation_usd, short_liquidation_usd }] }` (the aggregated variant prefixes
 * `aggregated_`). Realized liquidations summed per bar, USD → `longUsd`, `shortUsd`.
 */
import { error } from "../../util/errors";
import { type FieldSpec, type Parsed } from "../fields";
import { readJsonRows } from "../json-rows";
import type { LoadOptions, Loaded } from "../finish";
import { lineOf } from "../json";
import type { Source, SourceText } from "../source";
import { checkEnvelope, json, loadWith, prop, rowsAt, start } from "./common";

function fields(prefix: string): FieldSpec[] {
  return [
    { out: "time", type: "time", names: ["time", "t", "timestamp"], key: "time" },
    { out: "longUsd", type: "amount", names: [`${prefix}long_liquidation_usd`], key: `${prefix}long_liquidation_usd` },
    { out: "shortUsd", type: "amount", names: [`${prefix}short_liquidation_usd`], key: `${prefix}short_liquidation_usd` },
  ];
}

export function readCoinglassLiquidations(st: SourceText): Parsed {
  const v = json(st);
  checkEnvelope(v, st.file);
  const rows = rowsAt(v, ["data"], st.file);
  const r0 = rows[0];
  const prefix = prop(r0, "aggregated_long_liquidation_usd") !== undefined ? "aggregated_" : "";
  if (r0 !== undefined && prop(r0, `${prefix}long_liquidation_usd`) === undefined) {
    throw error("missing field", { file: st.file, line: lineOf(r0), column: "long_liquidation_usd", value: r0 });
  }
  const p = start(st, "coinglass-liquidation-history-json", "liquidationTotals");
  readJsonRows(p, rows, fields(prefix));
  return p;
}

/** Loads Coinglass v4 liquidation history JSON into per-bar totals. */
export function loadCoinglassLiquidations(src: Source, options: LoadOptions = {}): Loaded {
  return loadWith(readCoinglassLiquidations, src, options);
}
