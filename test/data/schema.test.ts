import assert from "node:assert/strict";
import * as schema from "../../src/data/schema";

// The header rows as Binance publishes them in data.binance.vision files (see docs/data.md for
// sources). The simulator writes its archive files from these constants, so a change here must
// be a change in the archive.
describe("data/schema", () => {
  it("BINANCE_*_COLUMNS match the archive files' header rows", () => {
    assert.equal(schema.BINANCE_KLINES_COLUMNS.join(","), "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore");
    assert.equal(schema.BINANCE_METRICS_COLUMNS.join(","), "create_time,symbol,sum_open_interest,sum_open_interest_value,count_toptrader_long_short_ratio,sum_toptrader_long_short_ratio,count_long_short_ratio,sum_taker_long_short_vol_ratio");
    assert.equal(schema.BINANCE_LIQUIDATION_SNAPSHOT_COLUMNS.join(","), "time,side,order_type,time_in_force,original_quantity,price,average_price,order_status,last_fill_quantity,accumulated_fill_quantity");
    assert.equal(schema.BINANCE_FUNDING_COLUMNS.join(","), "calc_time,funding_interval_hours,last_funding_rate");
    assert.equal(schema.BINANCE_AGG_TRADES_COLUMNS.join(","), "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker");
    assert.equal(schema.BINANCE_BOOK_DEPTH_COLUMNS.join(","), "timestamp,percentage,depth,notional");
  });
  it("CANONICAL_COLUMNS: every kind starts with time and no column is listed twice", () => {
    for (const [kind, spec] of Object.entries(schema.CANONICAL_COLUMNS)) {
      const all = [...spec.required, ...spec.optional];
      assert.equal(all[0], "time", kind);
      assert.equal(new Set(all).size, all.length, kind);
    }
  });
});
