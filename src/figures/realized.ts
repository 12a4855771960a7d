/**
 * Realized (exchange-reported) liquidations as heatmap markers. Per-bar USD from a table is
 * placed at the bar's low for longs (they are liquidated on the way down) and at its high for
 * shorts; events with a price are placed at that price.
 */
import type { ColumnTable } from "arquero";
import type { Heatmap, Side } from "../engine/types";
import { error } from "../util/errors";
import { checkArray, checkFinite, checkLength, checkObject, checkUsd } from "./check";
import { floorIndex, medianStep } from "./kernels";
import type { RealizedTable, RealizedEvent } from "./options";

const WHO = "heatmapFigure";

/** One marker: time (epoch ms), price and USD. */
export interface RealizedPoints {
  time: number[];
  price: number[];
  usd: number[];
}

function isTable(x: unknown): x is ColumnTable {
  return typeof (x as ColumnTable).array === "function" && typeof (x as ColumnTable).columnNames === "function";
}

function column(bars: RealizedTable, name: "time" | "longUsd" | "shortUsd"): ArrayLike<number> {
  if (isTable(bars)) {
    if (!bars.columnNames().includes(name)) throw error(`realized table has no column ${JSON.stringify(name)} (needs time, longUsd, shortUsd)`, { symbol: WHO, value: bars.columnNames() });
    return bars.array(name) as ArrayLike<number>;
  }
  const col = (bars as Record<string, ArrayLike<number> | undefined>)[name];
  if (col === undefined) throw error(`realized has no column ${JSON.stringify(name)} (needs time, longUsd, shortUsd)`, { symbol: WHO });
  checkArray(col, `realized.${name}`, WHO);
  return col;
}

/**
 * Markers for `realized` on `heatmap`'s candles, per side, dropping zero USD and anything
 * outside the candle range (before the first open or after the last bar's close).
 */
export function realizedPoints(heatmap: Heatmap, realized: RealizedTable | RealizedEvent[]): Record<Side, RealizedPoints> {
  const c = heatmap.candles;
  const out: Record<Side, RealizedPoints> = { long: { time: [], price: [], usd: [] }, short: { time: [], price: [], usd: [] } };
  const n = c.time.length;
  if (n === 0) return out;
  const end = c.time[n - 1]! + medianStep(c.time);
  const candleAt = (t: number) => (t > end || (n > 1 && t === end) ? -1 : floorIndex(c.time, t));
  if (Array.isArray(realized)) {
    realized.forEach((e, k) => {
      checkObject(e, `realized[${k}]`, WHO, "a realized liquidation { time, side, usd }");
      if (e.side !== "long" && e.side !== "short") throw error(`realized[${k}].side must be "long" or "short"`, { symbol: WHO, value: e.side });
      checkFinite([e.time], `realized[${k}].time`, WHO);
      checkUsd([e.usd], `realized[${k}].usd`, WHO);
      if (e.price !== undefined) checkFinite([e.price], `realized[${k}].price`, WHO);
      const j = candleAt(e.time);
      if (j < 0 || e.usd === 0) return;
      const p = out[e.side];
      p.time.push(e.time);
      p.price.push(e.price ?? (e.side === "long" ? c.low[j]! : c.high[j]!));
      p.usd.push(e.usd);
    });
    return out;
  }
  checkObject(realized, "realized", WHO, "a table of per-bar totals (time, longUsd, shortUsd) or an array of events { time, side, usd }");
  const time = column(realized, "time");
  const longUsd = column(realized, "longUsd");
  const shortUsd = column(realized, "shortUsd");
  // Plain columns can differ in length; a shorter USD column would drop bars without a word.
  checkLength(longUsd, time.length, "realized.longUsd", WHO);
  checkLength(shortUsd, time.length, "realized.shortUsd", WHO);
  checkFinite(time, "realized.time", WHO);
  checkUsd(longUsd, "realized.longUsd", WHO);
  checkUsd(shortUsd, "realized.shortUsd", WHO);
  for (let k = 0; k < time.length; k++) {
    const j = candleAt(time[k]!);
    if (j < 0) continue;
    // A bar's marker sits at the middle of its candle, whatever the realized table's timestamp.
    if (longUsd[k]! > 0) {
      out.long.time.push(c.time[j]!);
      out.long.price.push(c.low[j]!);
      out.long.usd.push(longUsd[k]!);
    }
    if (shortUsd[k]! > 0) {
      out.short.time.push(c.time[j]!);
      out.short.price.push(c.high[j]!);
      out.short.usd.push(shortUsd[k]!);
    }
  }
  return out;
}
