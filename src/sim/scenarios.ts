/**
 * The shipped synthetic scenarios, in the spirit of late July 2025 (datasets/README.md). Each is
 * a plain SimulateOptions: `npm run datasets` writes them to datasets/<name>/, and a notebook can
 * rerun `liq.simulate(liq.scenarios.eth)` to get the true positions behind the files.
 * Three days of 5-minute bars after a one-day unwritten warm-up.
 */
import type { SimulateOptions } from "./options";

const start = Date.UTC(2025, 6, 20); // 2025-07-20T00:00:00Z

export const scenarios = {
  /** ETH near $3,800 under a $4,000 resistance, positioning long-heavy (65% of new USD long). */
  eth: {
    seed: 20250720,
    symbol: "ETHUSDT",
    start,
    startPrice: 3720,
    endPrice: 3800,
    resistance: 4000,
    dailyVolatility: 0.035,
    openInterestUsd: 9e9,
    longShare: 0.65,
    leverage: { 5: 0.2, 10: 0.3, 20: 0.25, 50: 0.15, 100: 0.1 },
    volumeUsdPerDay: 20e9,
  },
  /** SOL near $191 with open interest (target $13B, above $11B in most bars) high against spot volume (~$6B a day). */
  sol: {
    seed: 20250721,
    symbol: "SOLUSDT",
    start,
    startPrice: 186,
    endPrice: 191,
    dailyVolatility: 0.045,
    openInterestUsd: 13e9,
    longShare: 0.55,
    leverage: { 5: 0.2, 10: 0.3, 20: 0.25, 50: 0.15, 75: 0.1 },
    volumeUsdPerDay: 14e9,
    spotVolumeUsdPerDay: 6e9,
  },
  /** BNB climbing to ~$850, most position USD at 50x (after the last bar 67 % of open USD is 50x with a level between $753 and $875). */
  bnb: {
    seed: 20250722,
    symbol: "BNBUSDT",
    start,
    startPrice: 765,
    endPrice: 850,
    dailyVolatility: 0.03,
    openInterestUsd: 1.2e9,
    longShare: 0.55,
    leverage: { 10: 0.05, 20: 0.1, 50: 0.8, 75: 0.05 },
    volumeUsdPerDay: 2.5e9,
  },
} satisfies Record<string, SimulateOptions>;
