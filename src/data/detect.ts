/**
 * Format detection for `load()`: first the file name (Binance archive names carry the data
 * type), then the contents — a CSV's header columns or, without a header, its column count and
 * typical values; a JSON file's envelope and row shape. Rules are tried most specific first.
 */
import { error } from "../util/errors";
import { CsvScanner } from "./csv";
import { isHeaderCell, filledWidth } from "./csv-rows";
import { normalizeName, reference } from "./fields";
import { canonicalKind } from "./formats/canonical";
import { COMBINED_EXPORT_MARKERS } from "./formats/coinglass-combined";
import { checkEnvelope, json, looksJson, prop } from "./formats/common";
import { isOkxFundingRow } from "./formats/okx-funding-rate";
import { lineOf } from "./json";
import { toNumber } from "../util/numbers";
import type { SourceText } from "./source";

/** Format identifiers accepted by `options.format`. */
export type FormatName =
  | "binance-klines" | "bybit-klines" | "okx-candles"
  | "binance-metrics" | "binance-open-interest-hist" | "bybit-open-interest" | "okx-open-interest" | "coinglass-open-interest"
  | "binance-liquidation-snapshot" | "binance-force-orders" | "coinglass-liquidations"
  | "binance-agg-trades" | "binance-trades" | "binance-funding-rate" | "okx-funding-rate" | "binance-book-depth" | "combined-export"
  | "canonical";

/** Binance archive kline names: `BTCUSDT-1m-2024-01-01.csv`, `BTCUSD_PERP-1h-2024-01.csv`. */
const KLINE_NAME = /(?:^|[^A-Za-z0-9_])[A-Z0-9_]+-(?:1s|1m|3m|5m|15m|30m|1h|2h|4h|6h|8h|12h|1d|3d|1w|1mo)-\d{4}-\d{2}(?:-\d{2})?\.csv$/;

/** File-name rules (Binance archive names carry the data type). */
const NAME_RULES: [RegExp, FormatName][] = [
  [/aggTrades/i, "binance-agg-trades"],
  [/-trades-/i, "binance-trades"],
  [/liquidationSnapshot/i, "binance-liquidation-snapshot"],
  [/forceOrder/i, "binance-force-orders"],
  [/-metrics[-.]|^metrics/i, "binance-metrics"],
  [/fundingRate/i, "binance-funding-rate"],
  [/bookDepth/i, "binance-book-depth"],
  [/openInterestHist/i, "binance-open-interest-hist"],
  [/regime_30m|combined/i, "combined-export"],
  // archive klines (also mark price, index price, premium index): SYMBOL-1m-2024-01-01.csv,
  // header-less ones only (detectFormat)
  [KLINE_NAME, "binance-klines"],
];

/** Formats a name rule may pick for a JSON file (the others are CSV-only). */
const JSON_NAMED: ReadonlySet<FormatName> = new Set(["binance-force-orders", "binance-open-interest-hist", "binance-funding-rate", "binance-agg-trades", "binance-trades"]);

/** CSV header rules: a header containing this column. */
const HEADER_RULES: [string, FormatName][] = [
  [COMBINED_EXPORT_MARKERS[0], "combined-export"],
  ["agg_trade_id", "binance-agg-trades"],
  ["quote_qty", "binance-trades"],
  ["original_quantity", "binance-liquidation-snapshot"],
  ["create_time", "binance-metrics"],
  ["sum_open_interest", "binance-metrics"],
  ["calc_time", "binance-funding-rate"],
  ["last_funding_rate", "binance-funding-rate"],
  ["notional", "binance-book-depth"],
  ["open_time", "binance-klines"],
  ["open", "binance-klines"],
];

/**
 * The row a header-less CSV is detected by, and its line: the first, unless the next two rows
 * agree with each other on a width (trailing empty fields aside) the first does not have. A
 * cut-off or shifted first row then reaches its loader, which names its line, instead of making
 * the file unknown.
 */
function typicalRow(sc: CsvScanner, first: string[], firstLine: number): { row: string[]; line: number } {
  const rows = [first], lines = [firstLine];
  while (rows.length < 3 && sc.next()) { rows.push(sc.row()); lines.push(sc.line); }
  const w = reference(rows.length, (i) => filledWidth(rows[i]!));
  const k = filledWidth(first) === w ? 0 : 1;
  return { row: rows[k]!.slice(0, w), line: lines[k]! };
}

function detectCsv(st: SourceText): FormatName | undefined {
  const sc = new CsvScanner(st.text, st.file);
  if (!sc.next()) return undefined;
  const raw = sc.row();
  const firstLine = sc.line;
  const head = raw.map((s) => s.toLowerCase());
  const names = head.map(normalizeName);
  for (const [col, f] of HEADER_RULES) if (names.includes(normalizeName(col))) return f;
  if (canonicalKind(head)) return "canonical";
  // By a typical row when the next two rows agree on a layout the first does not have (two rows
  // outvote one: a cut-off first row reaches its loader, which names it), else by the first.
  const first = { row: raw.slice(0, filledWidth(raw)), line: firstLine };
  let typical: { row: string[]; line: number };
  try {
    typical = typicalRow(sc, raw, firstLine);
  } catch {
    return plausible(st, csvRowFormat(first.row), first); // not CSV past its first line (JSON Lines without a name)
  }
  const byTypical = typical.row.length !== first.row.length ? csvRowFormat(typical.row) : undefined;
  return byTypical !== undefined ? plausible(st, byTypical, typical) : plausible(st, csvRowFormat(first.row), first);
}

/** A value the plausibility checks of a header-less row found out of range: its column, and what it should be. */
type Implausible = [column: string, index: number, expected: string];

/**
 * Ranges a header-less row's values must be in for a format picked by its column count alone
 * (any 3-column file has the funding layout's width, any 4-column one bookDepth's): a Binance
 * funding interval is a whole number of hours (1, 4, 8), a funding rate a small fraction per
 * interval (exchanges cap it at a few %), a bookDepth percentage a band of ±1..5 % around the mid
 * (within ±100). Values that are not numbers pass: the loader names them.
 */
const PLAUSIBLE: Partial<Record<FormatName, (row: readonly string[]) => Implausible | undefined>> = {
  "binance-funding-rate": (row) => {
    const hours = toNumber(row[1]), rate = toNumber(row[2]);
    if (hours === hours && !(Number.isInteger(hours) && hours >= 1 && hours <= 24)) return ["funding_interval_hours", 1, "a whole number of hours from 1 to 24 (such as 1, 4 or 8)"];
    if (rate === rate && Math.abs(rate) > 0.1) return ["last_funding_rate", 2, "a funding rate within ±0.1 (a fraction per interval: 0.0001 = 0.01 %)"];
    return undefined;
  },
  "binance-book-depth": (row) => {
    const pct = toNumber(row[1]);
    if (pct === pct && Math.abs(pct) > 100) return ["percentage", 1, "within ±100 (% from the mid price: Binance writes ±0.2 to ±5)"];
    return undefined;
  },
};

const LAYOUT_NAMES: Partial<Record<FormatName, string>> = { "binance-funding-rate": "fundingRate", "binance-book-depth": "bookDepth" };

/**
 * `f`, the format a header-less row (at `line`) was detected as by its width, unless one of its
 * values cannot be that format's (a 3-column `time,42000,0.5` is no funding file): then throws,
 * naming the value and saying to call the file's loader or pass { format }.
 */
function plausible(st: SourceText, f: FormatName | undefined, at: { row: readonly string[]; line: number }): FormatName | undefined {
  const check = f === undefined ? undefined : PLAUSIBLE[f];
  const bad = check?.(at.row);
  if (!bad) return f;
  const [column, i, expected] = bad;
  const value = at.row[i]!;
  throw error(`no header row and ${at.row.length} columns, as in a Binance ${LAYOUT_NAMES[f!]} archive file, but ${column} is not ${expected}: another kind of file? Call the loader of the file's format (loadBinanceFundingRate, loadOkxOpenInterest…) or pass { format } to load()`, { file: st.file, line: at.line, column, value });
}

/** The header-less layout a row (trailing empty fields dropped, lower case) has, or undefined. */
function csvRowFormat(first: string[]): FormatName | undefined {
  const isBool = (s: string | undefined) => s !== undefined && /^(true|false)$/i.test(s);
  if ((first.length === 7 || first.length === 8) && isBool(first[6])) return "binance-agg-trades";
  if (first.length === 12 || first.length === 11) return "binance-klines";
  if (first.length === 10 && /^(buy|sell)$/i.test(first[1] ?? "")) return "binance-liquidation-snapshot";
  if ((first.length === 6 || first.length === 7) && isBool(first[5])) return "binance-trades";
  if (first.length === 3) return "binance-funding-rate";
  if (first.length === 4 && /^-?\d/.test(first[1] ?? "")) return "binance-book-depth";
  return undefined;
}

/**
 * OKX rubik rows of three values: `open-interest-volume` `[ts, oi, vol]` and `taker-volume`
 * `[ts, sellVol, buyVol]` (also `taker-volume-contract`, `option/open-interest-volume-ratio`) have
 * one shape, so only the file's name can tell them apart: `open-interest` (or an `oi` word, as
 * in `okx-oi.json` or `btcOI.json`) in it, without `ratio` or `taker`, reads as open interest;
 * anything else is refused rather than guessed.
 */
function okxThreeValueRows(st: SourceText, row: unknown): FormatName {
  // The file's own name, not its folders ("ratio-study/okx-open-interest.json" is open interest).
  const name = st.name;
  if ((/open.?interest|(?:^|[^a-z])oi(?![a-z])/i.test(name) || /[a-z]OI(?![A-Za-z])/.test(name)) && !/ratio|taker/i.test(name)) return "okx-open-interest";
  const at = { file: st.file, line: lineOf(row), column: "data", value: row };
  if (/taker/i.test(name)) throw error("OKX taker-volume rows [ts, sellVol, buyVol] are not open interest, and liqlab has no taker-volume loader", at);
  throw error('OKX rows of 3 values are open-interest-volume [ts, oi, vol] or taker-volume [ts, sellVol, buyVol] alike: for open interest, put "open-interest" in the file name or pass { format: "okx-open-interest" } to load() (or call loadOkxOpenInterest)', at);
}

/**
 * The row a JSON file is detected by: the first, unless the next two have one shape (array
 * length, or object keys) and it has another. A cut-off or incomplete first row then reaches its
 * loader, which names its line and field, instead of making the file unknown or another format.
 */
function typicalJsonRow(rows: readonly unknown[]): unknown {
  const shape = (r: unknown) => (Array.isArray(r) ? `[${r.length}]` : typeof r === "object" && r !== null ? Object.keys(r).sort().join(",") : typeof r);
  return shape(rows[0]) === reference(Math.min(rows.length, 3), (i) => shape(rows[i])) ? rows[0] : rows[1];
}

function detectJson(st: SourceText): FormatName | undefined {
  let v: unknown;
  try {
    v = json(st); // JSON Lines read as the array of their rows, detected like a JSON array
  } catch (e) {
    // text that looks like JSON but does not parse: its syntax error (file, line, column) says more
    if (looksJson(st.text)) throw e;
    return undefined;
  }
  checkEnvelope(v, st.file); // an exchange's error response: say so, quoting its message
  if (prop(v, "retCode") !== undefined || prop(v, "result") !== undefined) {
    const result = prop(v, "result");
    const list = prop(result, "list");
    const r0 = Array.isArray(list) ? list[0] : undefined;
    // An empty page: only open interest (not kline) responses paginate with a nextPageCursor.
    if (r0 === undefined) return prop(result, "nextPageCursor") !== undefined ? "bybit-open-interest" : "bybit-klines";
    // (any of the first rows: an incomplete first row is then named by the loader)
    return !Array.isArray(r0) && (list as unknown[]).slice(0, 3).some((r) => prop(r, "openInterest") !== undefined) ? "bybit-open-interest" : "bybit-klines";
  }
  const data = prop(v, "data");
  if (prop(v, "o") !== undefined || prop(data, "o") !== undefined) return "binance-force-orders";
  const rows = Array.isArray(v) ? v : Array.isArray(data) ? data : undefined;
  if (!rows) return undefined;
  // By a typical row when the next two agree on a shape the first does not have and it tells a
  // format (two rows outvote one: a cut-off or incomplete first row reaches its loader, which
  // names it), else by the first.
  const typical = typicalJsonRow(rows);
  return (typical !== rows[0] ? jsonRowFormat(st, v, rows, typical) : undefined) ?? jsonRowFormat(st, v, rows, rows[0]);
}

/** The format rows like `r0` are in (`v` the whole value, `rows` its rows). */
function jsonRowFormat(st: SourceText, v: unknown, rows: readonly unknown[], r0: unknown): FormatName | undefined {
  if (Array.isArray(r0)) {
    if (Array.isArray(v)) return "binance-klines";
    if (r0.length === 3) return okxThreeValueRows(st, r0);
    if (r0.length === 4) return "okx-open-interest";
    // OKX candles have 9 values (6 or 7 in older responses); Binance klines 12, even wrapped
    return r0.length === 12 ? "binance-klines" : "okx-candles";
  }
  if (r0 === undefined) return undefined;
  // a top-level array of canonical objects is a saved liqlab table (vendors wrap theirs in an envelope)
  if (Array.isArray(v) && typeof r0 === "object" && r0 !== null && canonicalKind(Object.keys(r0))) return "canonical";
  if (prop(r0, "sumOpenInterest") !== undefined) return "binance-open-interest-hist";
  if (prop(r0, "oiCcy") !== undefined) return "okx-open-interest";
  if (isOkxFundingRow(r0)) return "okx-funding-rate";
  if (prop(r0, "fundingRate") !== undefined) return "binance-funding-rate";
  if (prop(r0, "a") !== undefined && prop(r0, "m") !== undefined) return "binance-agg-trades";
  if (prop(r0, "isBuyerMaker") !== undefined && prop(r0, "qty") !== undefined) return "binance-trades";
  if (prop(r0, "side") !== undefined && prop(r0, "origQty") !== undefined) return "binance-force-orders";
  if (prop(r0, "o") !== undefined || prop(prop(r0, "data"), "o") !== undefined) return "binance-force-orders";
  if (prop(r0, "long_liquidation_usd") !== undefined || prop(r0, "aggregated_long_liquidation_usd") !== undefined) return "coinglass-liquidations";
  // Coinglass OHLC rows: open interest in USD, or its price or funding-rate history (same keys).
  // Only closes of a million or more are taken for open interest (a price, a volume-carrying row
  // or a funding rate in percent is not); anything else needs { format }.
  // (the largest close of the first rows: one unreadable close is then named by the loader)
  const c = Math.max(...rows.slice(0, 3).map((r) => toNumber(prop(r, "close") ?? prop(r, "c"))).filter((x) => x === x), -Infinity);
  const volumeKey = typeof r0 === "object" && r0 !== null && Object.keys(r0).some((k) => /vol/i.test(k));
  if (!volumeKey && c >= 1e6) return "coinglass-open-interest";
  return undefined;
}

/** Rows of a JSON value (an array, or an envelope's `data`), or undefined. */
function jsonRows(st: SourceText): unknown[] | undefined {
  try {
    const v = json(st);
    const data = prop(v, "data");
    return Array.isArray(v) ? v : Array.isArray(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a CSV's first row is data (its first cell a number or a date), not a header. */
function headerless(st: SourceText): boolean {
  const sc = new CsvScanner(st.text, st.file);
  return sc.next() && !isHeaderCell(sc.field(0));
}

/** The format of a decoded source: by name, then by contents. */
export function detectFormat(st: SourceText): FormatName {
  const isJson = looksJson(st.text) || /\.jsonl?$/i.test(st.name);
  for (const [re, f] of NAME_RULES) {
    if (!re.test(st.name)) continue;
    // a name of only symbol, interval and date decides a header-less file; a header says more
    if (re === KLINE_NAME && (isJson || !headerless(st))) continue;
    // a name hint must agree with the container: CSV archive names never hold JSON, except funding
    if (isJson && !JSON_NAMED.has(f)) break;
    // OKX funding history saved under a "fundingRate" name is OKX's (its rows name an instId)
    if (f === "binance-funding-rate" && isJson && detectJson(st) === "okx-funding-rate") return "okx-funding-rate";
    return f;
  }
  const f = isJson ? detectJson(st) : detectCsv(st);
  if (!f && isJson && jsonRows(st)?.length === 0) {
    throw error("no rows to tell the format from: call the loader of the file's format (loadOkxOpenInterest, loadBinanceKlines…) or pass { format } to load()", { file: st.file, line: 1, column: "rows", value: st.text.slice(0, 80) });
  }
  if (!f) {
    // shown from the first non-blank line (blank lines before a header are common in exports)
    const m = /[^\s\ufeff]/.exec(st.text);
    const from = m === null ? 0 : Math.max(st.text.lastIndexOf("\n", m.index), st.text.lastIndexOf("\r", m.index)) + 1;
    const line = 1 + (st.text.slice(0, from).match(/\r\n|\r|\n/g)?.length ?? 0);
    throw error("unrecognised data format: pass { format } to load()", { file: st.file, line, column: 1, value: st.text.slice(from, from + 80) });
  }
  return f;
}
