/**
 * Reading the validation result's per-bar series: named columns of an arquero table as numbers,
 * checked, so a missing or NaN column throws instead of drawing an empty chart.
 */
import type { Side } from "../engine/types";
import type { BacktestResult } from "../validate/types";
import { error } from "../util/errors";
import { checkFinite, checkUsd } from "./check";

/** Per-bar columns of one side: time (epoch ms, bar open) and the three USD series. */
export interface SideSeries {
  time: ArrayLike<number>;
  estimated: ArrayLike<number>;
  baseline: ArrayLike<number>;
  realized: ArrayLike<number>;
}

function col(result: BacktestResult, name: string, who: string): ArrayLike<number> {
  const names = result.series.columnNames();
  if (!names.includes(name)) throw error(`result.series has no column ${JSON.stringify(name)}`, { symbol: who, value: names });
  return result.series.array(name) as ArrayLike<number>;
}

/** Throws unless `result` is what backtest() returns: a series table and both sides' model and baseline scores. */
function checkResult(result: BacktestResult, who: string): void {
  const r = result as Partial<BacktestResult> | null;
  if (typeof r !== "object" || r === null) throw error("needs a backtest result (liq.backtest(...))", { symbol: who, column: "result", value: r });
  if (typeof r.series?.columnNames !== "function" || typeof r.series.array !== "function") throw error("result.series must be the backtest's per-bar table", { symbol: who, column: "series", value: r.series });
  for (const side of ["long", "short"] as const) {
    const scores = r[side];
    if (typeof scores?.model !== "object" || scores.model === null || typeof scores.baseline !== "object" || scores.baseline === null) {
      throw error(`result.${side} must hold the model's and the baseline's scores`, { symbol: who, column: side, value: r[side] });
    }
  }
}

/** The per-bar series of `side`, every USD value checked finite and >= 0. */
export function sideSeries(result: BacktestResult, side: Side, who: string): SideSeries {
  checkResult(result, who);
  const time = col(result, "time", who);
  checkFinite(time, "result.series.time", who);
  const out = {
    time,
    estimated: col(result, `${side}EstimatedUsd`, who),
    baseline: col(result, `${side}BaselineUsd`, who),
    realized: col(result, `${side}RealizedUsd`, who),
  };
  checkUsd(out.estimated, `result.series.${side}EstimatedUsd`, who);
  checkUsd(out.baseline, `result.series.${side}BaselineUsd`, who);
  checkUsd(out.realized, `result.series.${side}RealizedUsd`, who);
  return out;
}
