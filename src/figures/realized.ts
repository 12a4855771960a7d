/**
 * Realized (exchange-reported) liquidations as heatmap markers. Per-bar USD from a table is
 * placed at the bar's low for longs (they are liquidated on the way down) and at its high for
 * shorts; events with a price are placed at that price. Every marker sits on the candle of the bar
 * holding its time, as the candle is drawn.
 */
import type { ColumnTable } from "arquero";
import type { Heatmap, Side } from "../engine/types";
import { error } from "../util/errors";
import { checkArray, checkFinite, checkLength, checkObject, checkUsd } from "./check";
import { utcLabel } from "./format";
import { floorIndex } from "./kernels";
import type { RealizedTable, RealizedEvent } from "./options";

const WHO = "heatmapFigure";

/** Markers of one side: the candle index of each marker's bar, its price, USD and a hover line saying when. */
export interface RealizedPoints {
  bar: number[];
  price: number[];
  usd: number[];
  when: string[];
}

function isTable(x: unknown): x is ColumnTable {
  return typeof (x as ColumnTable).array === "function" && typeof (x as ColumnTable).columnNames === "function";
}

/** The rows of an events table (time, side, usd, and price when it has one) as events. */
function eventRows(t: ColumnTable): RealizedEvent[] {
  const time = t.array("time") as ArrayLike<number>;
  const side = t.array("side") as ArrayLike<Side>;
  const usd = t.array("usd") as ArrayLike<number>;
  const price = t.columnNames().includes("price") ? (t.array("price") as ArrayLike<number>) : undefined;
  return Array.from({ length: t.numRows() }, (_, i) => ({ time: time[i]!, side: side[i]!, usd: usd[i]!, ...(price ? { price: price[i]! } : {}) }));
}

function column(bars: RealizedTable, name: "time" | "longUsd" | "shortUsd"): ArrayLike<number> {
  if (isTable(bars)) {
    if (!bars.columnNames().includes(name)) throw error(`realized table has no column ${JSON.stringify(name)} (needs time, longUsd, shortUsd; or time, side, usd for events)`, { symbol: WHO, value: bars.columnNames() });
    return bars.array(name) as ArrayLike<number>;
  }
  const col = (bars as Record<string, ArrayLike<number> | undefined>)[name];
  if (col === undefined) throw error(`realized has no column ${JSON.stringify(name)} (needs time, longUsd, shortUsd)`, { symbol: WHO });
  checkArray(col, `realized.${name}`, WHO);
  return col;
}

/**
 * Markers for `realized` on `heatmap`'s candles (bars `bar` ms long), per side, each on the bar
 * holding its time (the last candle opening at or before it, if the time is before that bar's
 * close), dropping zero USD and anything outside the candles: before the first open, at or after
 * the last bar's close, or in a gap between bars (a halt), where no candle traded.
 */
export function realizedPoints(heatmap: Heatmap, realized: RealizedTable | RealizedEvent[], bar: number): Record<Side, RealizedPoints> {
  const c = heatmap.candles;
  const out: Record<Side, RealizedPoints> = { long: { bar: [], price: [], usd: [], when: [] }, short: { bar: [], price: [], usd: [], when: [] } };
  const n = c.time.length;
  if (n === 0) return out;
  // A bar ends one bar after its open; a calendar-month bar (28-31 days) at the next month's start.
  const monthly = bar >= 28 * 86_400_000 && bar <= 31 * 86_400_000;
  const barEnd = (open: number) => {
    if (!monthly) return open + bar;
    const d = new Date(open);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  };
  const end = barEnd(c.time[n - 1]!);
  // A gap is a spacing to the next candle half a bar or more beyond the bar (a halt); calendar
  // months (28-31 days against a median bar of 30) have none, so an event on the 31st stays.
  const candleAt = (t: number) => {
    if (t >= end) return -1;
    const j = floorIndex(c.time, t);
    if (j < 0) return -1;
    const next = j + 1 < n ? c.time[j + 1]! : Infinity;
    return t < barEnd(c.time[j]!) || next - c.time[j]! < 1.5 * bar ? j : -1;
  };
  const opening = (j: number) => `opening ${utcLabel(c.time[j]!)}`;
  const add = (side: Side, j: number, price: number, usd: number, when: string) => {
    const p = out[side];
    p.bar.push(j);
    p.price.push(price);
    p.usd.push(usd);
    p.when.push(when);
  };
  // A table of events (a liquidation loader's: time, side, usd, perhaps price) is read as the
  // events it holds; a per-bar table has longUsd and shortUsd instead.
  if (isTable(realized)) {
    const names = realized.columnNames();
    if (!names.includes("longUsd") && ["time", "side", "usd"].every((k) => names.includes(k))) realized = eventRows(realized);
  }
  if (Array.isArray(realized)) {
    realized.forEach((e, k) => {
      checkObject(e, `realized[${k}]`, WHO, "a realized liquidation { time, side, usd }");
      if (e.side !== "long" && e.side !== "short") throw error(`realized[${k}].side must be "long" or "short"`, { symbol: WHO, value: e.side });
      checkFinite([e.time], `realized[${k}].time`, WHO);
      checkUsd([e.usd], `realized[${k}].usd`, WHO);
      if (e.price !== undefined) checkFinite([e.price], `realized[${k}].price`, WHO);
      const j = candleAt(e.time);
      if (j < 0 || e.usd === 0) return;
      // The bar holding the event: its candle's x, and its low (longs) or high (shorts) unless
      // the event has its own price.
      add(e.side, j, e.price ?? (e.side === "long" ? c.low[j]! : c.high[j]!), e.usd, `${utcLabel(e.time)}, in the bar ${opening(j)}`);
    });
    return out;
  }
  checkObject(realized, "realized", WHO, "a table of per-bar totals (time, longUsd, shortUsd), a table of events (time, side, usd) or an array of events { time, side, usd }");
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
    // A bar's marker sits on its candle, whatever the realized table's timestamp within the bar.
    if (longUsd[k]! > 0) add("long", j, c.low[j]!, longUsd[k]!, `Bar ${opening(j)}`);
    if (shortUsd[k]! > 0) add("short", j, c.high[j]!, shortUsd[k]!, `Bar ${opening(j)}`);
  }
  return out;
}
