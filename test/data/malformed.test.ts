// Property tests: malformed CSV and JSON fed to every loader. Each either loads a clean table
// (finite numbers, sorted times) or throws a LiqlabError naming line, column and value — no
// other exception, no NaN. Runs are seeded so a failure reproduces.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import type { Loaded } from "../../src/data/finish";
import * as data from "../../src/data/index";
import type { Source } from "../../src/data/source";
import { LiqlabError } from "../../src/util/errors";
import { fixture } from "./helpers";

type Loader = (src: Source) => Loaded;

const combined: Loader = (src) => {
  const r = data.loadCombinedExport(src);
  return { kind: "candles", table: r.candles, report: r.report };
};

const LOADERS: [string, string, Loader][] = [
  ["loadBinanceKlines", "BTCUSDT-1m-2024-01-01.csv", data.loadBinanceKlines],
  ["loadBinanceKlines", "BTCUSDT-1m-2025-01-01.csv", data.loadBinanceKlines],
  ["loadBinanceKlines", "fapi-klines.json", data.loadBinanceKlines],
  ["loadBybitKlines", "bybit-kline.json", data.loadBybitKlines],
  ["loadOkxCandles", "okx-candles.json", data.loadOkxCandles],
  ["loadBinanceMetrics", "BTCUSDT-metrics-2024-01-01.csv", data.loadBinanceMetrics],
  ["loadBinanceOpenInterestHist", "openInterestHist.json", data.loadBinanceOpenInterestHist],
  ["loadBybitOpenInterest", "bybit-open-interest.json", data.loadBybitOpenInterest],
  ["loadOkxOpenInterest", "okx-open-interest-history.json", data.loadOkxOpenInterest],
  ["loadCoinglassOpenInterest", "coinglass-oi-ohlc.json", data.loadCoinglassOpenInterest],
  ["loadBinanceLiquidationSnapshot", "BTCUSDT-liquidationSnapshot-2024-01-01.csv", data.loadBinanceLiquidationSnapshot],
  ["loadBinanceForceOrders", "forceOrder.jsonl", data.loadBinanceForceOrders],
  ["loadCoinglassLiquidations", "coinglass-liquidations.json", data.loadCoinglassLiquidations],
  ["loadBinanceAggTrades", "BTCUSDT-aggTrades-2024-01-01.csv", data.loadBinanceAggTrades],
  ["loadBinanceTrades", "BTCUSDT-trades-2024-01-01.csv", data.loadBinanceTrades],
  ["loadBinanceFundingRate", "BTCUSDT-fundingRate-2024-01.csv", data.loadBinanceFundingRate],
  ["loadBinanceFundingRate", "fapi-fundingRate.json", data.loadBinanceFundingRate],
  ["loadBinanceBookDepth", "BTCUSDT-bookDepth-2024-01-01.csv", data.loadBinanceBookDepth],
  ["loadCombinedExport", "regime_30m-sample.csv", combined],
  ["loadCanonical", "liquidations-canonical.csv", data.loadCanonical],
  ["load", "BTCUSDT-metrics-2024-01-01.csv", (s) => data.load(s)],
  ["load", "okx-candles.json", (s) => data.load(s)],
];

/** Characters that break CSV and JSON in interesting ways. */
const NASTY = fc.constantFrom(..."0123456789-.,;\"'\n\r \t{}[]:eE+xNaInfinityTRUEfalse\u00a0\ufeff".split(""), "-1", "1e999", "NaN", '""', "null", "2024-13-01", "1704067200000", "\n\n");
const junk = fc.array(NASTY, { minLength: 0, maxLength: 6 }).map((a) => a.join(""));

/** One edit: replace a span, delete a span, duplicate a line, or truncate. */
const edit = fc.oneof(
  fc.record({ op: fc.constant("replace" as const), at: fc.nat(), len: fc.nat({ max: 8 }), text: junk }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 30 }), text: fc.constant("") }),
  fc.record({ op: fc.constant("dupline" as const), at: fc.nat(), len: fc.constant(0), text: fc.constant("") }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat(), len: fc.constant(0), text: fc.constant("") }),
);

function apply(text: string, edits: { op: string; at: number; len: number; text: string }[]): string {
  let t = text;
  for (const e of edits) {
    const at = t.length ? e.at % t.length : 0;
    if (e.op === "replace") t = t.slice(0, at) + e.text + t.slice(at + e.len);
    else if (e.op === "delete") t = t.slice(0, at) + t.slice(at + e.len);
    else if (e.op === "truncate") t = t.slice(0, at);
    else {
      const lines = t.split("\n");
      const i = lines.length ? e.at % lines.length : 0;
      lines.splice(i, 0, lines[i] ?? "");
      t = lines.join("\n");
    }
  }
  return t;
}

/** The loader's outcome is acceptable: a clean table, or a LiqlabError with line, column and value. */
function check(run: () => Loaded): void {
  let r: Loaded;
  try {
    r = run();
  } catch (e) {
    if (!(e instanceof LiqlabError)) throw new Error(`not a LiqlabError: ${e instanceof Error ? e.stack : String(e)}`);
    assert.match(e.message, /line \d+/, e.message);
    assert.match(e.message, /column /, e.message);
    assert.match(e.message, /\(value /, e.message);
    return;
  }
  const t = r.table;
  let prev = -Infinity;
  for (const name of t.columnNames()) {
    const c = t.array(name) as ArrayLike<unknown>;
    for (let i = 0; i < c.length; i++) {
      const v = c[i];
      if (typeof v === "number") assert.ok(Number.isFinite(v), `${name}[${i}] is ${v}`);
      else assert.ok(typeof v === "string" || typeof v === "boolean", `${name}[${i}] is ${String(v)}`);
      if (name === "time") { assert.ok((v as number) >= prev, "time not sorted"); prev = v as number; }
    }
  }
}

describe("data loaders on malformed input (fast-check)", () => {
  for (const [name, file, loader] of LOADERS) {
    const text = readFileSync(fixture(file), "utf8");
    it(`${name}(edited ${file}) loads cleanly or throws naming line, column and value`, () => {
      fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        check(() => loader({ text: apply(text, edits), name: file }));
      }), { seed: 20261126, numRuns: 250 });
    });
  }
  it("every named loader on arbitrary JSON values and strings loads cleanly or throws naming line, column and value", () => {
    const inputs = fc.oneof(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), fc.string({ maxLength: 60 }), junk);
    fc.assert(fc.property(inputs, fc.constantFrom(...LOADERS), fc.constantFrom(".csv", ".json", ".jsonl"), (text, [, , loader], ext) => {
      check(() => loader({ text, name: `x${ext}` }));
    }), { seed: 7, numRuns: 1500 });
  });
});

describe("data loaders given another kind of header-less file", () => {
  it("loadBinanceFundingRate / loadBinanceBookDepth / loadBinanceMetrics / loadBinanceLiquidationSnapshot (header-less klines) throw naming the width", () => {
    // A 12-column archive kline row: read by position, its open price became a funding interval.
    const klines = "1704067200000,42314,42335.8,42289.6,42331.9,1,1704067259999,1,1,1,1,0\n";
    const loaders: [string, (s: Source) => Loaded, number][] = [
      ["loadBinanceFundingRate", data.loadBinanceFundingRate, 3],
      ["loadBinanceBookDepth", data.loadBinanceBookDepth, 4],
      ["loadBinanceMetrics", data.loadBinanceMetrics, 8],
      ["loadBinanceLiquidationSnapshot", data.loadBinanceLiquidationSnapshot, 10],
    ];
    for (const [name, load, width] of loaders) {
      assert.throws(() => load({ text: klines, name: "k.csv" }), new RegExp(`^LiqlabError: k\\.csv, line 1, column "field ${width + 1}": no header row, and 12 columns where this file kind's Binance archive layout has ${width}: another kind of file`), name);
    }
  });
  it("load(header-less rows of 3 or 4 numbers) never reads an implausible funding interval, funding rate or bookDepth percentage", () => {
    // 1704067200000,42000,0.5 had loaded as funding every 42000 hours at a rate of 50 %
    const value = fc.oneof(fc.constantFrom("8", "4", "1", "0.0001", "-0.0075", "1.00", "-5", "0.5", "42000", "-200", "8.5", "0"), fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String));
    fc.assert(fc.property(fc.array(value, { minLength: 2, maxLength: 3 }), fc.boolean(), (vals, blanks) => {
      const text = `${blanks ? "\n\n" : ""}1704067200000,${vals.join(",")}\n`;
      let r: Loaded;
      try {
        r = data.load({ text, name: "x.csv" });
      } catch (e) {
        assert.ok(e instanceof LiqlabError, String(e));
        assert.match(e.message, new RegExp(`^x\\.csv, line ${blanks ? 3 : 1}, column "[a-z_]+": .*\\(value `), e.message);
        return;
      }
      const row = r.table.objects()[0] as Record<string, number>;
      if (r.kind === "funding") {
        assert.ok(Number.isInteger(row.fundingIntervalHours) && row.fundingIntervalHours! >= 1 && row.fundingIntervalHours! <= 24, text);
        assert.ok(Math.abs(row.fundingRate!) <= 0.1, text);
      } else {
        assert.equal(r.kind, "bookDepth", text);
        assert.ok(Math.abs(row.percentage!) <= 100, text);
      }
    }), { seed: 42, numRuns: 400 });
  });
});
