/**
 * Default Binance USD-M leverage brackets for four symbols, as dated facts. Binance changes its
 * brackets from time to time: pass your own (`brackets` in the position, or load a fresh
 * `GET /fapi/v1/leverageBracket` response with `fromBinance`) when the date matters.
 *
 * Source: Binance USD-M Futures `GET /fapi/v1/leverageBracket`, as published on 2024-10-24
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Notional-and-Leverage-Brackets).
 * Rows: [notionalFloor, notionalCap, maintMarginRatio, cum, initialLeverage], notional in USDT.
 */
import type { Bracket, BracketTable } from "./types";

type Row = readonly [floor: number, cap: number, mmr: number, cum: number, maxLeverage: number];

const SOURCE = "Binance USD-M GET /fapi/v1/leverageBracket";
const AS_OF = "2024-10-24";

const BTCUSDT: Row[] = [
  [0, 50_000, 0.004, 0, 125],
  [50_000, 600_000, 0.005, 50, 100],
  [600_000, 3_000_000, 0.0065, 950, 75],
  [3_000_000, 12_000_000, 0.01, 11_450, 50],
  [12_000_000, 70_000_000, 0.02, 131_450, 25],
  [70_000_000, 100_000_000, 0.025, 481_450, 20],
  [100_000_000, 230_000_000, 0.05, 2_981_450, 10],
  [230_000_000, 480_000_000, 0.1, 14_481_450, 5],
  [480_000_000, 600_000_000, 0.125, 26_481_450, 4],
  [600_000_000, 800_000_000, 0.15, 41_481_450, 3],
  [800_000_000, 1_200_000_000, 0.25, 121_481_450, 2],
  [1_200_000_000, 1_800_000_000, 0.5, 421_481_450, 1],
];

const ETHUSDT: Row[] = [
  [0, 50_000, 0.004, 0, 125],
  [50_000, 600_000, 0.005, 50, 100],
  [600_000, 3_000_000, 0.0065, 950, 75],
  [3_000_000, 12_000_000, 0.01, 11_450, 50],
  [12_000_000, 50_000_000, 0.02, 131_450, 25],
  [50_000_000, 65_000_000, 0.025, 381_450, 20],
  [65_000_000, 150_000_000, 0.05, 2_006_450, 10],
  [150_000_000, 320_000_000, 0.1, 9_506_450, 5],
  [320_000_000, 400_000_000, 0.125, 17_506_450, 4],
  [400_000_000, 530_000_000, 0.15, 27_506_450, 3],
  [530_000_000, 800_000_000, 0.25, 80_506_450, 2],
  [800_000_000, 1_200_000_000, 0.5, 280_506_450, 1],
];

const SOLUSDT: Row[] = [
  [0, 20_000, 0.005, 0, 100],
  [20_000, 100_000, 0.0065, 30, 75],
  [100_000, 800_000, 0.01, 380, 50],
  [800_000, 4_000_000, 0.02, 8_380, 25],
  [4_000_000, 8_000_000, 0.025, 28_380, 20],
  [8_000_000, 40_000_000, 0.05, 228_380, 10],
  [40_000_000, 80_000_000, 0.1, 2_228_380, 5],
  [80_000_000, 100_000_000, 0.125, 4_228_380, 4],
  [100_000_000, 200_000_000, 0.25, 16_728_380, 2],
  [200_000_000, 400_000_000, 0.5, 66_728_380, 1],
];

const BNBUSDT: Row[] = [
  [0, 10_000, 0.005, 0, 75],
  [10_000, 50_000, 0.006, 10, 50],
  [50_000, 200_000, 0.01, 210, 40],
  [200_000, 1_500_000, 0.02, 2_210, 25],
  [1_500_000, 3_000_000, 0.025, 9_710, 20],
  [3_000_000, 15_000_000, 0.05, 84_710, 10],
  [15_000_000, 30_000_000, 0.1, 834_710, 5],
  [30_000_000, 37_500_000, 0.125, 1_584_710, 4],
  [37_500_000, 75_000_000, 0.25, 6_272_210, 2],
  [75_000_000, 150_000_000, 0.5, 25_022_210, 1],
];

function table(symbol: string, rows: Row[]): BracketTable {
  const brackets: Bracket[] = rows.map(([floor, cap, maintenanceMarginRate, maintenanceAmount, maxLeverage], i) => ({
    bracket: i + 1,
    floor,
    cap,
    maintenanceMarginRate,
    maintenanceAmount,
    maxLeverage,
  }));
  return { symbol, unit: "USDT", brackets, source: SOURCE, asOf: AS_OF };
}

/** Default Binance USD-M bracket tables by symbol (dated 2024-10-24). */
export const binanceUsdmBrackets: Readonly<Record<string, BracketTable>> = {
  BTCUSDT: table("BTCUSDT", BTCUSDT),
  ETHUSDT: table("ETHUSDT", ETHUSDT),
  SOLUSDT: table("SOLUSDT", SOLUSDT),
  BNBUSDT: table("BNBUSDT", BNBUSDT),
};
