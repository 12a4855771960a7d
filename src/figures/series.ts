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

/** The per-bar series of `side`, every USD value checked finite and >= 0. */
export function sideSeries(result: BacktestResult, side: Side, who: string): SideSeries {
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
