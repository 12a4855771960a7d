// Shared helpers for the data-layer tests: fixture paths and column access.
import { join } from "node:path";
import type { Table } from "../../src/data/finish";

/** Absolute path of a hand-made fixture under test/data/fixtures/. */
export const fixture = (name: string): string => join(__dirname, "fixtures", name);

/** A column as a plain array (for deepEqual). */
export const col = (t: Table, name: string): unknown[] => Array.from(t.array(name) as ArrayLike<unknown>);

/** ms of a UTC date-time, written out so expectations are readable. */
export const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number => Date.UTC(y, mo - 1, d, h, mi, s, ms);

/**
 * The two liquidations in the snapshot and forceOrder fixtures, derived by hand: a SELL force
 * order of 0.25 BTC filled at an average 42180.50 liquidated a long worth 0.25 × 42180.5 =
 * 10545.125 USD; a BUY order that filled 0.6 of 1.0 at 42520 liquidated a short worth
 * 0.6 × 42520 = 25512 USD.
 */
export const HAND_DERIVED_LIQUIDATIONS = [
  { time: 1704067325062, side: "long", price: 42180.5, quantity: 0.25, usd: 10545.125 },
  { time: 1704067402101, side: "short", price: 42520, quantity: 0.6, usd: 25512 },
];
