/**
 * The CSV row reader: header detection and column mapping, then one pass over the rows filling
 * typed columns (the hot loop of every CSV loader). Header names compare without case, spaces
 * or `_`; without a header, fields are taken at their Binance archive positions.
 */
import { error } from "../util/errors";
import { CsvScanner } from "./csv";
import { allocate, checkNumber as checkNumberExport, drop, grow, invisibleHint, MESSAGES, normalizeName, noteBlank, noteFilledBlanks, noteUnits, omitBlankColumns, parseSide, trim, trimEmpty, type Blanks, type FieldSpec, type Parsed } from "./fields";
import { toNumber } from "../util/numbers";
import { epochToMs as epochToMsExport, epochUnit, parseDateString, toTimeMs } from "./time";

// bound once: the loop calls them directly rather than through the modules' export accessors
const epochToMs = epochToMsExport;
const checkNumber = checkNumberExport;

/** Whether a row whose first cell is `cell` is a header: the cell is neither a number nor a date. */
export function isHeaderCell(cell: string): boolean {
  return Number.isNaN(toTimeMs(cell)) && Number.isNaN(toNumber(cell));
}

/** A row's width without its trailing empty fields (a trailing delimiter), at least 1. */
export function filledWidth(row: readonly string[]): number {
  let w = row.length;
  while (w > 1 && row[w - 1] === "") w--;
  return w;
}

/**
 * Reads CSV text into `p` using `fields`. The first row is a header when its first cell is
 * neither a number nor a date; without a header, fields are taken by their archive `index`, and
 * when `widths` is given the rows must have one of those widths (the archive layout's): a file of
 * another kind (12-column klines given to the 3-column funding loader) is refused, not misread.
 */
export function readCsv(p: Parsed, text: string, fields: readonly FieldSpec[], widths?: readonly number[]): void {
  const sc = new CsvScanner(text, p.file);
  const file = p.file;
  let more = sc.next();
  // rows of only delimiters before the header (spreadsheet exports pad this way) hold nothing
  while (more && allEmpty(sc)) { drop(p, "empty row (only delimiters)", sc.line); more = sc.next(); }
  if (!more) { trimEmpty(p, fields); p.notes.push("file has no data rows"); return; }
  const first = sc.row();
  const firstLine = sc.line;
  const hasHeader = first.length > 0 && isHeaderCell(first[0]!);
  // The first row without its trailing empty fields (a trailing delimiter loses nothing).
  const trimmed = filledWidth(first);
  const idx: number[] = [];
  const present: boolean[] = [];
  const headerLower = hasHeader ? first.map(normalizeName) : [];
  for (const f of fields) {
    let k = -1;
    if (hasHeader) {
      for (const name of f.names) {
        k = headerLower.indexOf(normalizeName(name));
        if (k >= 0) break;
      }
    } else if (f.index !== undefined && f.index < first.length) k = f.index;
    if (k < 0 && !f.optional) {
      if (hasHeader) badFirstValue(first, fields, file, firstLine);
      if (!hasHeader && f.index === undefined) throw error(`missing column ${JSON.stringify(f.names[0])}: the file has no header row`, { file, line: firstLine, column: f.names[0]!, value: first.join(",") });
      throw error(hasHeader ? "missing column" : `expected at least ${f.index! + 1} columns`, { file, line: firstLine, column: f.names[0]!, value: first.join(",") });
    }
    idx.push(k);
    present.push(k >= 0);
  }
  if (!hasHeader && widths && !widths.includes(first.length) && !widths.includes(trimmed)) {
    // the first field past the layout's width, or the first one a narrower row lacks
    const column = trimmed < Math.min(...widths) ? `field ${trimmed + 1}` : `field ${Math.max(...widths) + 1}`;
    throw error(`no header row, and ${trimmed} columns where this file kind's Binance archive layout has ${widthList(widths)}: another kind of file, or a value with an unquoted delimiter (a thousands separator?)`, { file, line: firstLine, column, value: first.join(",") });
  }
  // Errors name a column as the file's header writes it (timestamp_ms, oi_usd), else by its first name.
  const labels = fields.map((f, j) => (hasHeader && idx[j]! >= 0 ? first[idx[j]!]!.trim() : f.names[0]!));
  p.headers = new Map(fields.flatMap((f, j) => (idx[j]! >= 0 ? [[f.out, labels[j]!] as [string, string]] : [])));
  if (!hasHeader) p.notes.push("no header row: columns taken in Binance archive order");
  else {
    // Nothing is dropped without a word: header columns this loader does not read are named
    // (an index column without a name and Binance's "ignore" column aside).
    const unread = first.filter((h, i) => !idx.includes(i) && h.trim() !== "" && normalizeName(h) !== "ignore");
    if (unread.length > 0) p.notes.push(`columns not read: ${unread.join(", ")}`);
  }
  const probe = hasHeader ? first[0]!.trim().toLowerCase() : fields[0]!.names[0]!.toLowerCase();
  const units = new Set<string>();
  const blanks: Blanks = new Map();
  const filled: Blanks = new Map();
  let n = 0;
  // Rows must be as wide as the header (trimmed of trailing empties), or without one as the first
  // row: at least its width without trailing empties (`least`), and any fields past its full
  // width (`width`) empty.
  const width = hasHeader ? trimmed : first.length;
  const least = trimmed;
  if (hasHeader && !sc.next()) { allocate(p, fields, present, 0); p.n = 0; p.notes.push("file has no data rows (a header only)"); return; }
  // size the columns from the first data row's length; they grow if the guess is short
  const rowStart = sc.offset;
  const cols = allocate(p, fields, present, 16);
  let sized = false;
  do {
    const line = sc.line;
    if (!sized && n === 1) {
      sized = true;
      const est = Math.ceil(((sc.text.length - rowStart) / Math.max(8, sc.offset - rowStart)) * 1.05) + 16;
      while (p.lines.length < est) grow(p, fields, present, cols, est);
    }
    if (sc.startsWithLetter(0) && sc.field(0).toLowerCase() === probe) { drop(p, "repeated header row", line); continue; }
    if (sc.isEmpty(0) && allEmpty(sc)) { drop(p, "empty row (only delimiters)", line); continue; }
    // Every row as wide as the header (or, without one, the first row): a short row is a cut-off
    // line, a long one a value with an unquoted delimiter that shifts every column after it.
    // Extra fields that are all empty (a trailing delimiter) lose nothing and pass.
    if (sc.count < least || (sc.count > width && !emptyFrom(sc, width))) {
      // Without a header the first row sets the width; when the next two rows agree with each
      // other (on a width the layout allows) and not with it, the first row is the odd one out and
      // is named instead.
      if (!hasHeader && n === 1 && (!widths || widths.includes(sc.count))) oddFirstRow(sc, first, firstLine, file);
      throw widthError(sc, width, hasHeader ? first : undefined, file, line);
    }
    p.rowsRead++;
    if (n === p.lines.length) grow(p, fields, present, cols);
    for (let j = 0; j < fields.length; j++) {
      const k = idx[j]!;
      if (k < 0) continue;
      const f = fields[j]!;
      const name = labels[j]!;
      const c = cols[j]!;
      const type = f.type;
      if (type === "time" || type === "price" || type === "amount" || type === "number" || type === "count") {
        const v = sc.number(k);
        if (type === "time") {
          let t = epochToMs(v);
          if (t !== t) {
            if (v === v) units.add(epochUnit(v));
            else if (!sc.isEmpty(k)) { t = parseDateString(sc.field(k)); units.add("text"); }
          } else if (v >= 1e14 || v < 1e11) units.add(epochUnit(v));
          if (t === t) { (c as Float64Array)[n] = t; continue; }
        } else if (checkNumber(type, v)) { (c as Float64Array)[n] = v; continue; }
        // invalid: say why
        if (k >= sc.count || sc.isEmpty(k)) {
          if (f.emptyOmits) { noteBlank(blanks, j, line); (c as Float64Array)[n] = 0; continue; }
          if (f.emptyAs) { noteBlank(filled, j, line); (c as Float64Array)[n] = f.emptyAs.value; continue; }
          throw emptyError(sc, k, name, file, line);
        }
        // the value as written (an invisible character that spoiled it shown and named)
        const raw = sc.raw(k);
        if (type === "time") throw error(`${name} ${MESSAGES.time}${invisibleHint(raw)}`, { file, line, column: name, value: raw });
        throw error(`${name} ${v !== v ? "is not a number" : MESSAGES[type]}${invisibleHint(raw)}`, { file, line, column: name, value: raw });
      } else if (type === "bool") {
        const b = sc.bool(k);
        if (b === undefined) {
          if (k >= sc.count || sc.isEmpty(k)) { throw emptyError(sc, k, name, file, line); }
          throw error(`${name} ${MESSAGES.bool}${invisibleHint(sc.raw(k))}`, { file, line, column: name, value: sc.raw(k) });
        }
        (c as boolean[])[n] = b;
      } else {
        const s = parseSide(sc.field(k));
        if (s === undefined) {
          if (k >= sc.count || sc.isEmpty(k)) { throw emptyError(sc, k, name, file, line); }
          throw error(`${name} ${MESSAGES.side}${invisibleHint(sc.raw(k))}`, { file, line, column: name, value: sc.raw(k) });
        }
        (c as string[])[n] = s;
      }
    }
    p.lines[n] = line;
    n++;
  } while (sc.next());
  p.n = n;
  noteUnits(p, units);
  omitBlankColumns(p, fields, blanks);
  noteFilledBlanks(p, fields, filled);
  trim(p);
}

/** Widths as prose: "3", "11 or 12", "5 to 12" (a run of consecutive widths). */
function widthList(widths: readonly number[]): string {
  const run = widths.length > 2 && widths.every((w, i) => i === 0 || w === widths[i - 1]! + 1);
  return run ? `${widths[0]} to ${widths[widths.length - 1]}` : widths.join(" or ");
}

function allEmpty(sc: CsvScanner): boolean {
  return emptyFrom(sc, 0);
}

/** True when fields from..count-1 of the current row are all empty. */
function emptyFrom(sc: CsvScanner, from: number): boolean {
  for (let i = from; i < sc.count; i++) if (!sc.isEmpty(i)) return false;
  return true;
}

/** A row narrower or wider than the header (or the first row): names the first field out of place. */
function widthError(sc: CsvScanner, width: number, header: string[] | undefined, file: string, line: number): Error {
  const of = header ? `the header has ${width}` : `the first row has ${width}`;
  const at = (i: number) => (header && header[i] ? header[i]! : `field ${i + 1}`);
  if (sc.count < width) return error(`row has ${sc.count} fields, ${of}: a cut-off line?`, { file, line, column: at(sc.count), value: sc.row().join(",") });
  return error(`row has ${sc.count} fields, ${of}: a value with an unquoted delimiter (a thousands separator?) would shift the columns after it`, { file, line, column: at(width), value: sc.row().join(",") });
}

/**
 * A first row taken for a header because its first cell is not a number or a date, though the
 * rest of it is numbers and none of it names a column: a data row whose first value is bad
 * (`abc,42314.0,…`). Says so, naming the first field and the value, instead of "missing column".
 */
function badFirstValue(first: readonly string[], fields: readonly FieldSpec[], file: string, line: number): void {
  if (first.length < 3) return;
  const names = new Set(fields.flatMap((f) => f.names.map(normalizeName)));
  if (first.some((h) => names.has(normalizeName(h)))) return;
  const rest = first.slice(1).filter((c) => c.trim() !== "");
  if (rest.length < 2 || rest.some((c) => Number.isNaN(toNumber(c)))) return;
  const f0 = fields.find((f) => f.index === 0);
  if (f0 === undefined) return;
  const name = f0.names[0]!;
  throw error(`${name} ${f0.type === "time" ? MESSAGES.time : "is not a number"} (the row has no header names and its other fields are numbers: a data row, not a header)`, { file, line, column: name, value: first[0] });
}

/**
 * Without a header, the second row's width differs from the first's. When the third row is as
 * wide as the second, the first row is the odd one: the error names line `firstLine`.
 */
function oddFirstRow(sc: CsvScanner, first: readonly string[], firstLine: number, file: string): void {
  const second = sc.count;
  const ahead = new CsvScanner(sc.text, file);
  let rows = 0;
  let third = -1;
  while (ahead.next()) {
    if (allEmpty(ahead)) continue;
    if (++rows === 3) { third = ahead.count; break; }
  }
  if (third !== second) return;
  const what = first.length < second ? "a cut-off line?" : "a value with an unquoted delimiter (a thousands separator?) would shift the columns after it";
  throw error(`row has ${first.length} fields, the rows after it have ${second}: ${what}`, { file, line: firstLine, column: first.length < second ? `field ${first.length + 1}` : `field ${second + 1}`, value: first.join(",") });
}

function emptyError(sc: CsvScanner, k: number, name: string, file: string, line: number): Error {
  return k >= sc.count
    ? error(`row has ${sc.count} fields, column is missing`, { file, line, column: name, value: sc.row().join(",") })
    : error("empty value", { file, line, column: name, value: sc.field(k) });
}
