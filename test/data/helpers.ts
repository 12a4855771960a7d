// Shared helpers for the data-layer tests: fixture paths and column access.
import { join } from "node:path";
import type { Table } from "../../src/data/finish";

/** Absolute path of a hand-made fixture under test/data/fixtures/. */
export const fixture = (name: string): string => join(__dirname, "fixtures", name);

/** A column as a plain array (for deepEqual). */
export const col = (t: Table, name: string): unknown[] => Array.from(t.array(name) as ArrayLike<unknown>);

/** ms of a UTC date-time, written out so expectations are readable. */
export const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number => Date.UTC(y, mo - 1, d, h, mi, s, ms);
