/**
 * Binance archive `bookDepth` CSV (`futures/um/daily/bookDepth/`): snapshots of cumulative depth
 * within ±1..5 % of the mid price, `timestamp` as UTC text. Layout BINANCE_BOOK_DEPTH_COLUMNS.
 * Negative `percentage` is the bid side. One row per (time, percentage).
 */
import { type FieldSpec, type Parsed } from "../fields";
import { readCsv } from "../csv-rows";
import { BINANCE_BOOK_DEPTH_COLUMNS } from "../schema";
import { finish, type LoadOptions, type Loaded } from "../finish";
import { inEntries, readSource, type Source, type SourceText } from "../source";
import { start } from "./common";

const FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["timestamp", "time"], index: 0 },
  { out: "percentage", type: "number", names: ["percentage"], index: 1 },
  { out: "depth", type: "amount", names: ["depth"], index: 2 },
  { out: "notional", type: "amount", names: ["notional"], index: 3 },
];

/** Rows are unique per (time, percentage). */
export const BOOK_DEPTH_KEY = ["time", "percentage"] as const;

export function readBinanceBookDepth(st: SourceText): Parsed {
  const p = start(st, "binance-bookDepth-csv", "bookDepth");
  readCsv(p, st.text, FIELDS, [BINANCE_BOOK_DEPTH_COLUMNS.length]);
  return p;
}

/** Loads a Binance bookDepth CSV. */
export function loadBinanceBookDepth(src: Source, options: LoadOptions = {}): Loaded {
  const st = readSource(src);
  return inEntries(st, () => finish(readBinanceBookDepth(st), options, BOOK_DEPTH_KEY));
}
