/**
 * Margin workloads (Workload interface of bench/workload.ts). Run one with
 * `node --expose-gc --import tsx bench/child.ts bench/margin.ts <name>`:
 * - liquidation-prices-1m: `liquidationPrices` over 1,000,000 BTCUSDT entries (notionals from $100
 *   to $500M, so many cross brackets), leverage 1..20 within each bracket's maximum, both sides;
 * - liquidation-price-100k: 100,000 scalar `liquidationPrice` calls on the same positions.
 */
import { binanceUsdmBrackets, liquidationPrice, liquidationPrices } from "../src/margin/index";
import type { Workload } from "./workload";

const N = 1_000_000;
let entry: Float64Array;
let qty: Float64Array;
let lev: Float64Array;

/** Deterministic positions: a small LCG, no Math.random. */
function setup(): void {
  entry = new Float64Array(N);
  qty = new Float64Array(N);
  lev = new Float64Array(N);
  let s = 12345;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < N; i++) {
    entry[i] = 20_000 + 100_000 * next();
    const notional = 100 * Math.pow(5e6, next()); // $100 .. $500M, log-uniform
    qty[i] = notional / entry[i]!;
    // 1..20x, capped at the maximum of the bracket holding the entry notional.
    const cap = binanceUsdmBrackets.BTCUSDT!.brackets.find((b) => notional <= b.cap)!.maxLeverage;
    lev[i] = Math.min(1 + Math.floor(20 * next()), cap);
  }
}

const common = { exchange: "binance", contract: "linear", margin: "isolated", symbol: "BTCUSDT" } as const;

export const workloads: Workload[] = [
  {
    name: "liquidation-prices-1m",
    candles: 2 * N,
    setup,
    run() {
      liquidationPrices({ ...common, side: "long", entryPrice: entry, quantity: qty, leverage: lev });
      liquidationPrices({ ...common, side: "short", entryPrice: entry, quantity: qty, leverage: lev });
    },
  },
  {
    name: "liquidation-price-100k",
    candles: 100_000,
    setup,
    run() {
      for (let i = 0; i < 100_000; i++) liquidationPrice({ ...common, side: i & 1 ? "long" : "short", entryPrice: entry[i]!, quantity: qty[i]!, leverage: lev[i]! });
    },
  },
];
