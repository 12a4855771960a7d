import assert from "node:assert/strict";
import { Book, CLOSED, LIQUIDATED, ALIVE } from "../../src/sim/book";

describe("sim/book", () => {
  it("Book.sweep(+1, price) liquidates exactly the longs with level >= price, including one at the price", () => {
    const b = new Book();
    const a = b.add(1, 0, 100, 2, 95, 1, 0);
    const c = b.add(1, 0, 100, 3, 90, 1, 0);
    const d = b.add(1, 0, 100, 5, 94.999, 1, 0);
    assert.equal(b.sweep(1, 95, 7), 2);
    assert.deepEqual([b.end[a], b.end[c], b.end[d]], [LIQUIDATED, ALIVE, ALIVE]);
    assert.equal(b.endTick[a], 7);
    assert.equal(b.sweep(1, 89, 8), 8); // both remaining longs
  });

  it("Book.sweep(−1, price) liquidates shorts with level <= price and leaves longs alone", () => {
    const b = new Book();
    b.add(-1, 0, 100, 1, 105, 1, 0);
    b.add(-1, 0, 100, 4, 110, 1, 0);
    b.add(1, 0, 100, 9, 95, 1, 0);
    assert.equal(b.sweep(-1, 104.99, 1), 0);
    assert.equal(b.sweep(-1, 106, 1), 1);
    assert.equal(b.sweep(-1, 200, 2), 4);
    assert.equal(b.sweep(1, 200, 2), 0); // the long's level 95 is below 200: untouched
    assert.equal(b.sweep(1, 95, 3), 9);
  });

  it("Book.sweep skips closed positions and grows past its initial capacity", () => {
    const b = new Book();
    for (let i = 0; i < 3000; i++) b.add(1, 0, 100, 1, 90 + (i % 10), 1, 0);
    b.close(0, 1); // level 90
    assert.equal(b.end[0], CLOSED);
    assert.equal(b.n, 3000);
    assert.equal(b.sweep(1, 90, 2), 2999);
  });
});
