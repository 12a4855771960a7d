/**
 * Binance archive `metrics` CSV (`futures/um/daily/metrics/<SYMBOL>/`): one row per 5 minutes,
 * `create_time` as UTC text, rows not always in time order (sorted on load). Layout:
 * BINANCE_METRICS_COLUMNS. A ratio column with blank cells is left out (the report says where),
 * so open interest stays complete and nothing is NaN.
 *
 * COIN-M files (`futures/cm/daily/metrics/BTCUSD_PERP/…`, told by the symbol in the file's
 * name or in the rows' `symbol` column) have the same header in COIN-M's units: Binance documents none for the archive, but its
 * COIN-M openInterestHist API ("Open Interest Statistics") gives `sumOpenInterest` in contracts and
 * `sumOpenInterestValue` in the base asset, and archive files agree (BTCUSD_PERP on 2023-06-25:
 * 5,578,700 contracts × 100 USD / 18,265 BTC = 30,543 USD, that day's price). So `openInterest` =
 * sum_open_interest_value (coin) and `openInterestUsd` = sum_open_interest × contract size (100 USD
 * for BTC, 10 USD otherwise; option `contractUsd`). The report gives the price these imply (USD /
 * coin), so a reader can check it against the candles.
 */
import { error } from "../../util/errors";
import { CsvScanner } from "../csv";
import { drop, normalizeName, num, reference, type FieldSpec, type Parsed } from "../fields";
import { isHeaderCell, readCsv } from "../csv-rows";
import { BINANCE_METRICS_COLUMNS } from "../schema";
import { gather, type Loaded } from "../finish";
import type { Source, SourceText } from "../source";
import { loadWith, start } from "./common";
import { coinContractUsd, coinMarginedBase, coinMarginedSymbolBase, type LiquidationOptions } from "./binance-liquidation-snapshot";

const FIELDS: readonly FieldSpec[] = [
  { out: "time", type: "time", names: ["create_time"], index: 0 },
  { out: "openInterest", type: "amount", names: ["sum_open_interest"], index: 2 },
  { out: "openInterestUsd", type: "amount", names: ["sum_open_interest_value"], index: 3 },
  { out: "topTraderAccountRatio", type: "amount", names: ["count_toptrader_long_short_ratio"], index: 4, optional: true, emptyOmits: true },
  { out: "topTraderLongShortRatio", type: "amount", names: ["sum_toptrader_long_short_ratio"], index: 5, optional: true, emptyOmits: true },
  { out: "longShortRatio", type: "amount", names: ["count_long_short_ratio"], index: 6, optional: true, emptyOmits: true },
  { out: "takerBuySellRatio", type: "amount", names: ["sum_taker_long_short_vol_ratio"], index: 7, optional: true, emptyOmits: true },
];

/**
 * Options for metrics files: `contractUsd`, USD per COIN-M contract (default 100 for BTC, 10
 * otherwise); `symbol`, the instrument the rows must be (default: the file's only one).
 */
export interface MetricsOptions extends LiquidationOptions {
  /**
   * Keep only this symbol's rows (the `symbol` column, e.g. "BTCUSDT"); a symbol no row has is
   * refused, naming the file's. Default: the file's only symbol (rows of two are refused).
   */
  symbol?: string;
}

export function readBinanceMetrics(st: SourceText, options: MetricsOptions = {}): Parsed {
  const p = start(st, "binance-metrics-csv", "openInterest");
  readCsv(p, st.text, FIELDS, [BINANCE_METRICS_COLUMNS.length]);
  pickSymbol(p, st, options.symbol);
  // COIN-M by the file's path, else by the rows' symbol (found as pickSymbol finds it: by its
  // header name, with the file's delimiter, past blank lines), so a file named anything still says
  const base = coinMarginedBase(st.file) ?? (p.instrument !== undefined ? coinMarginedSymbolBase(p.instrument) : null);
  if (base !== null) coinMargined(p, coinContractUsd(base, options.contractUsd));
  return p;
}

/**
 * The rows of one instrument, by the file's `symbol` column (archive files hold one; files put
 * together may not): found by its header name, or at its archive position (1) without a header;
 * a file without one is kept whole. With `symbol` the other rows are dropped and counted, and a
 * symbol no row has is refused naming the file's; without it rows of two symbols are refused.
 * The one symbol left is `p.instrument` (loadFiles refuses two).
 */
function pickSymbol(p: Parsed, st: SourceText, symbol: string | undefined): void {
  const sc = new CsvScanner(st.text, st.file);
  if (!sc.next()) return;
  const head = sc.row();
  const isHeader = isHeaderCell(head[0]!);
  const col = isHeader ? head.findIndex((h) => normalizeName(h) === "symbol") : 1;
  if (col < 0) {
    if (symbol !== undefined) p.notes.push(`no symbol column: the rows could not be checked against ${symbol.toUpperCase()}`);
    return;
  }
  // Each data row's symbol by line (repeated header rows left out); blank cells name nothing.
  const probe = isHeader ? head[0]!.trim().toLowerCase() : undefined;
  const byLine = new Map<number, string>();
  const firsts: string[] = [];
  const note = () => { const v = sc.field(col); byLine.set(sc.line, v); if (v !== "" && firsts.length < 3) firsts.push(v); };
  if (!isHeader) note();
  // The typical symbol (of the first three named, two outvoting one), then, nearly always, every
  // row naming it is counted in the text without a pass over the rows.
  while (firsts.length < 3 && sc.next()) if (sc.field(0).toLowerCase() !== probe) note();
  if (firsts.length === 0) return;
  const a = reference(firsts.length, (i) => firsts[i]!);
  const want = symbol?.toUpperCase();
  if (countField(sc.text, a, sc.delimiter) === p.n) {
    if (want !== undefined && a.toUpperCase() !== want) throw error(`no rows for ${want}: the file holds ${a}`, { file: p.file, column: "symbol", value: symbol });
    p.instrument = a;
    return;
  }
  while (sc.next()) if (sc.field(0).toLowerCase() !== probe) byLine.set(sc.line, sc.field(col));
  const of = (i: number) => byLine.get(p.lines[i]!) ?? "";
  let blank = 0;
  for (let i = 0; i < p.n; i++) if (of(i) === "") blank++;
  if (blank > 0) p.notes.push(`${blank} row(s) with a blank symbol, taken as the file's (${want ?? a})`);
  if (want === undefined) {
    for (let i = 0; i < p.n; i++) {
      const v = of(i);
      if (v === "" || v === a) continue;
      let typical = 0;
      while (of(typical) !== a) typical++;
      throw error(`rows for several instruments (${a} on line ${p.lines[typical]}, ${v} on line ${p.lines[i]}): pass { symbol } to load one`, { file: p.file, line: p.lines[i], column: "symbol", value: v });
    }
    p.instrument = a;
    return;
  }
  const keep: number[] = [];
  for (let i = 0; i < p.n; i++) {
    const v = of(i);
    if (v === "" || v.toUpperCase() === want) keep.push(i);
    else drop(p, `other instrument than ${want}`, p.lines[i]!);
  }
  if (keep.length === blank && p.n > 0) {
    const there = [...new Set(Array.from({ length: p.n }, (_, i) => of(i)).filter((v) => v !== ""))];
    throw error(`no rows for ${want}: the file holds ${there.slice(0, 5).join(", ")}${there.length > 5 ? ", …" : ""}`, { file: p.file, column: "symbol", value: symbol });
  }
  if (keep.length < p.n) { gather(p, keep, keep.length); p.n = keep.length; }
  p.instrument = want;
}

/** How many times `value` stands as a whole field of `text` (between delimiters, quotes or line ends). */
function countField(text: string, value: string, delimiter: number): number {
  if (value === "") return -1;
  const edge = (c: number) => Number.isNaN(c) || c === delimiter || c === 10 || c === 13 || c === 34 || c === 32;
  let n = 0;
  for (let i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + value.length)) {
    if (edge(i === 0 ? NaN : text.charCodeAt(i - 1)) && edge(i + value.length >= text.length ? NaN : text.charCodeAt(i + value.length))) n++;
  }
  return n;
}

/** COIN-M units: the columns read as coin and USD hold contracts and coin (see the header). */
function coinMargined(p: Parsed, contract: number): void {
  const contracts = num(p, "openInterest");
  const coin = num(p, "openInterestUsd");
  const usd = new Float64Array(p.n);
  for (let i = 0; i < p.n; i++) usd[i] = contracts[i]! * contract;
  p.columns.set("openInterest", coin);
  p.columns.set("openInterestUsd", usd);
  const implied = [...usd].map((u, i) => u / coin[i]!).filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const mid = implied.length ? ` (implied price, USD / coin: median ${Number(implied[implied.length >> 1]!.toPrecision(6))})` : "";
  p.notes.push(`COIN-M metrics file: sum_open_interest counts contracts of ${contract} USD → openInterestUsd; sum_open_interest_value is base coin → openInterest, as in Binance's COIN-M openInterestHist API${mid}`);
}

/** Loads a Binance archive metrics CSV (open interest in coin and USD plus the four ratios). */
export function loadBinanceMetrics(src: Source, options: MetricsOptions = {}): Loaded {
  return loadWith((st) => readBinanceMetrics(st, options), src, options);
}
