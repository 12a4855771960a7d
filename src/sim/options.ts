/**
 * Every option of `simulate()`, with its default and meaning, in one place. A scenario
 * (src/sim/scenarios.ts) is just a set of these.
 */
import { MAX_PRICE, MIN_PRICE } from "../engine/input";
import { error, finite, positive } from "../util/errors";

export interface SimulateOptions {
  /** Seed of the random numbers, a whole number in [0, 2^32): same seed and options, same market, same bytes. Default 1. */
  seed?: number;
  /** Binance USD-M symbol; picks the margin module's default brackets. Default "BTCUSDT". */
  symbol?: string;
  /** Epoch ms UTC of the first written bar's open. Default 2025-07-20T00:00:00Z. */
  start?: number;
  /** Bar length, ms. Default 300000 (5 minutes, the cadence of Binance's metrics file). */
  intervalMs?: number;
  /** Number of written bars. Default 864 (three days of 5-minute bars). */
  bars?: number;
  /** Unwritten bars simulated before `start` so the book is full when the files begin, a whole number >= 0. Default holdingBars rounded to a whole bar. */
  warmupBars?: number;
  /** Price steps per bar; liquidations are checked after every step. Default 20. */
  ticksPerBar?: number;
  /** Price at the first bar (and through the warm-up), USD. Default 100. */
  startPrice?: number;
  /** Price the anchor reaches, linearly, by the last bar. Default startPrice. */
  endPrice?: number;
  /** Daily volatility of log price from organic trading, at most 2. Default 0.03. */
  dailyVolatility?: number;
  /** Pull of log price back to the anchor, per day (Ornstein–Uhlenbeck rate), from 0 to below twice the price steps in a day. Default 3. */
  reversion?: number;
  /** Ceiling that sellers defend: organic moves reflect below it (forced buying can break it). Default Infinity. */
  resistance?: number;
  /** Open interest traders hold in steady state, USD. Default 1e9. */
  openInterestUsd?: number;
  /** Share of newly opened USD that is long. Default 0.5. */
  longShare?: number;
  /** Leverage tiers (>= 1) and their shares of newly opened USD: finite, >= 0, summing to more than 0 (need not sum to 1: they are normalised). Default {5: .2, 10: .3, 20: .25, 50: .15, 75: .1}. */
  leverage?: Record<number, number>;
  /** Mean holding time of a position (exponential), bars. Default 288. */
  holdingBars?: number;
  /** Notional of one trader, USD: the margin rule (bracket) applies at this size. Default 5000. */
  traderUsd?: number;
  /** Mean notional of one simulated cohort of identical traders, USD. Default openInterestUsd / 20000. */
  cohortUsd?: number;
  /** Market-order USD that moves price by 1%: the impact of forced orders. Default openInterestUsd / 10. */
  depthUsd?: number;
  /** Organic perpetual volume, USD per day (opens, closes and forced orders come on top). Default 2 × openInterestUsd. */
  volumeUsdPerDay?: number;
  /** Spot volume, USD per day, written as spot klines. Default volumeUsdPerDay / 3. */
  spotVolumeUsdPerDay?: number;
  /** Spot price below the perpetual, a fraction (basis) in (−1, 1). Default 0.0004. */
  spotDiscount?: number;
  /** Funding interval, hours. Default 8. */
  fundingIntervalHours?: number;
}

export type ResolvedSimulateOptions = Required<SimulateOptions>;

/**
 * The seed as the generator reads it: a whole number in [0, 2^32). Any other number would be cut
 * to 32 bits (1.5 and 2^32 + 1 would replay seed 1's market), so it throws.
 */
function seedOf(seed: unknown): number {
  if (!(typeof seed === "number" && Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) {
    throw error("seed must be a whole number from 0 to 2^32 − 1 (other numbers would repeat another seed's market)", { column: "seed", value: seed });
  }
  return seed;
}

/** Fills defaults and checks every option, naming the bad one. */
export function resolveSimulateOptions(options: SimulateOptions | null = {}): ResolvedSimulateOptions {
  if (options !== null && typeof options !== "object") throw error("options must be an object (or a scenario, e.g. liq.scenarios.eth)", { column: "options", value: options });
  // null (a JSON config's "not given") is every default, as undefined is.
  const o: SimulateOptions = Object.fromEntries(Object.entries(options ?? {}).filter(([, v]) => v !== null));
  const oi = positive(o.openInterestUsd ?? 1e9, "openInterestUsd");
  const holdingBars = positive(o.holdingBars ?? 288, "holdingBars");
  const startPrice = positive(o.startPrice ?? 100, "startPrice");
  const volume = positive(o.volumeUsdPerDay ?? 2 * oi, "volumeUsdPerDay");
  const r: ResolvedSimulateOptions = {
    seed: seedOf(o.seed ?? 1),
    symbol: o.symbol ?? "BTCUSDT",
    start: finite(o.start ?? Date.UTC(2025, 6, 20), "start"),
    intervalMs: positive(o.intervalMs ?? 300_000, "intervalMs"),
    bars: positive(o.bars ?? 864, "bars"),
    warmupBars: finite(o.warmupBars ?? Math.round(holdingBars), "warmupBars"),
    ticksPerBar: positive(o.ticksPerBar ?? 20, "ticksPerBar"),
    startPrice,
    endPrice: positive(o.endPrice ?? startPrice, "endPrice"),
    dailyVolatility: positive(o.dailyVolatility ?? 0.03, "dailyVolatility"),
    reversion: finite(o.reversion ?? 3, "reversion"),
    resistance: o.resistance ?? Infinity,
    openInterestUsd: oi,
    longShare: finite(o.longShare ?? 0.5, "longShare"),
    leverage: o.leverage ?? { 5: 0.2, 10: 0.3, 20: 0.25, 50: 0.15, 75: 0.1 },
    holdingBars,
    traderUsd: positive(o.traderUsd ?? 5000, "traderUsd"),
    cohortUsd: positive(o.cohortUsd ?? oi / 20000, "cohortUsd"),
    depthUsd: positive(o.depthUsd ?? oi / 10, "depthUsd"),
    volumeUsdPerDay: volume,
    spotVolumeUsdPerDay: positive(o.spotVolumeUsdPerDay ?? volume / 3, "spotVolumeUsdPerDay"),
    spotDiscount: finite(o.spotDiscount ?? 0.0004, "spotDiscount"),
    fundingIntervalHours: positive(o.fundingIntervalHours ?? 8, "fundingIntervalHours"),
  };
  for (const k of ["bars", "warmupBars", "ticksPerBar"] as const) {
    if (!Number.isInteger(r[k]) || r[k] < 0) throw error(`${k} must be a whole number`, { column: k, value: r[k] });
  }
  if (!(r.longShare >= 0 && r.longShare <= 1)) throw error("longShare must be in [0, 1]", { column: "longShare", value: r.longShare });
  // The price walks in ticks: log price += −κ·(log price − anchor) + σ·z, κ = reversion / ticks a
  // day, σ = dailyVolatility / √(ticks a day). κ from 1 to 2 overshoots the anchor but converges;
  // from 2 on each step overshoots further and the price grows without bound (Infinity, then NaN,
  // and loops over levels that never end). A volatility beyond 200 % a day leaves any market this
  // models and overflows prices within a run.
  if (!(r.intervalMs <= 86_400_000)) throw error("intervalMs must be at most a day (86,400,000 ms): the simulator writes intraday bars", { column: "intervalMs", value: r.intervalMs });
  if (!(r.bars <= 10_000_000 && r.warmupBars <= 10_000_000)) throw error("at most 10,000,000 bars (and as many warm-up bars)", { column: r.bars > 10_000_000 ? "bars" : "warmupBars", value: Math.max(r.bars, r.warmupBars) });
  if (!(r.ticksPerBar >= 1 && r.ticksPerBar <= 10_000)) throw error("ticksPerBar must be a whole number from 1 to 10,000", { column: "ticksPerBar", value: r.ticksPerBar });
  const ticksPerDay = (86_400_000 / r.intervalMs) * r.ticksPerBar;
  if (!(r.reversion >= 0 && r.reversion < 2 * ticksPerDay)) {
    throw error(`reversion must be in [0, ${2 * ticksPerDay}) per day: with ${ticksPerDay} price steps a day (ticksPerBar ${r.ticksPerBar}, intervalMs ${r.intervalMs}) a larger pull overshoots the anchor further every step`, { column: "reversion", value: r.reversion });
  }
  // Prices far outside any market underflow or overflow the walk (exp of the log price).
  for (const k of ["startPrice", "endPrice", "resistance"] as const) {
    if (!(r[k] >= MIN_PRICE && (r[k] <= MAX_PRICE || (k === "resistance" && r[k] === Infinity)))) throw error(`${k} must be within [${MIN_PRICE}, ${MAX_PRICE}] USD, the prices the engine replays`, { column: k, value: r[k] });
  }
  // Each price step opens up to openInterestUsd / cohortUsd cohorts when positions live a bar or
  // less: below these the run does not finish in any useful time.
  if (!(r.holdingBars >= 1)) throw error("holdingBars must be at least 1 (a position's mean life, in bars)", { column: "holdingBars", value: r.holdingBars });
  if (!(r.cohortUsd >= r.openInterestUsd / 1e6)) throw error(`cohortUsd must be at least openInterestUsd / 1,000,000 (${r.openInterestUsd / 1e6}): a million cohorts or fewer`, { column: "cohortUsd", value: r.cohortUsd });
  if (!(r.dailyVolatility <= 2)) throw error("dailyVolatility must be at most 2 (200 % a day)", { column: "dailyVolatility", value: r.dailyVolatility });
  if (!(Math.abs(r.spotDiscount) < 1)) throw error("spotDiscount must be a fraction in (−1, 1) (spot below the perpetual)", { column: "spotDiscount", value: r.spotDiscount });
  if (!(r.resistance > 0)) throw error("resistance must be positive", { column: "resistance", value: r.resistance });
  const tiers = Object.entries(r.leverage);
  if (tiers.length === 0) throw error("leverage needs at least one tier", { column: "leverage", value: r.leverage });
  for (const [lev, share] of tiers) {
    if (!(Number(lev) >= 1) || !(share >= 0) || !Number.isFinite(share)) throw error("leverage tiers must be >= 1 with shares >= 0", { column: "leverage", value: { [lev]: share } });
  }
  // Cohorts draw their tier in proportion to the shares: shares summing to 0 gave every cohort
  // the last tier (100x for { 5: 0, 100: 0 }), a sum of Infinity the last tier too.
  const sum = tiers.reduce((a, [, share]) => a + share, 0);
  if (!(sum > 0 && Number.isFinite(sum))) throw error(`leverage shares must sum to a finite number above 0 (they sum to ${sum}): each new cohort draws its tier in proportion to them`, { column: "leverage", value: r.leverage });
  return r;
}
