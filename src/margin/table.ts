/**
 * Brackets as an arquero table, one row per bracket, for inspection in a notebook.
 */
import { table, type ColumnTable } from "arquero";
import { toBracketTable } from "./load";

/**
 * Columns: symbol, unit, bracket, floor, cap, maintenanceMarginRate, maintenanceAmount,
 * maxLeverage, source, asOf. Accepts any bracket source `toBracketTable` accepts (each validated).
 */
export function bracketsTable(...sources: unknown[]): ColumnTable {
  const cols = {
    symbol: [] as string[],
    unit: [] as string[],
    bracket: [] as number[],
    floor: [] as number[],
    cap: [] as number[],
    maintenanceMarginRate: [] as number[],
    maintenanceAmount: [] as number[],
    maxLeverage: [] as number[],
    source: [] as string[],
    asOf: [] as string[],
  };
  for (const source of sources) {
    const t = toBracketTable(source);
    t.brackets.forEach((b, i) => {
      cols.symbol.push(t.symbol);
      cols.unit.push(t.unit);
      cols.bracket.push(b.bracket ?? i + 1);
      cols.floor.push(b.floor);
      cols.cap.push(b.cap);
      cols.maintenanceMarginRate.push(b.maintenanceMarginRate);
      cols.maintenanceAmount.push(b.maintenanceAmount);
      cols.maxLeverage.push(b.maxLeverage);
      cols.source.push(t.source ?? "");
      cols.asOf.push(t.asOf ?? "");
    });
  }
  return table(cols);
}
