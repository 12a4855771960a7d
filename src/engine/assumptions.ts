/**
 * What a replay assumed rather than read from its data, in words for captions and `show()`: the
 * leverage mix (no exchange publishes the leverage of open positions) and the margin model behind
 * every level (a symbol left out is BTCUSDT's, whatever the candles are).
 */
import { DEFAULTS, type ReplayOptions, type ResolvedOptions } from "./options";

/** 0.15 → "15 %", 1/3 → "33.3 %". */
function percent(w: number): string {
  return `${Number((w * 100).toFixed(1))} %`;
}

/** "5x 15 %, 10x 30 %, …" for one side's weights. */
function weights(tiers: readonly number[], w: ArrayLike<number>): string {
  return tiers.map((t, i) => `${t}x ${percent(w[i]!)}`).join(", ");
}

export function describeAssumptions(o: ResolvedOptions, given: ReplayOptions): { leverage: string; margin: string } {
  const { long, short } = o.weights;
  const same = Array.from(long).every((w, i) => w === short[i]);
  const name = o.preset !== "" ? `${o.preset}${given.leverage === undefined || given.leverage === null ? " (default)" : ""}` : "custom";
  const leverage = `${name}: ${weights(o.tiers, long)}${same ? " of new USD, longs and shorts alike" : ` of new long USD; shorts ${weights(o.tiers, short)}`} (assumed)`;
  if (o.ratios) return { leverage, margin: "level ratios given (ratios option): no margin model" };
  const m = o.margin;
  const symbolLeftOut = (given.margin?.symbol ?? null) === null && m.symbol === DEFAULTS.margin.symbol && !m.brackets;
  const brackets = m.maintenanceMarginRate !== undefined ? `one maintenance margin rate, ${m.maintenanceMarginRate}` : m.brackets ? "brackets as given" : "the margin layer's dated brackets for the symbol";
  const margin = `${m.exchange} ${m.contract} ${m.symbol}${symbolLeftOut ? " (default: pass margin.symbol for another)" : ""}, isolated, ${brackets}, a ${m.positionUsd.toLocaleString("en-US")} USD position per tier`;
  return { leverage, margin };
}
