/**
 * Decimal text → number without allocating: the CSV scanner calls this on slices of the file's
 * string. Plain decimals with up to 15 significant digits take the fast path (digits accumulated
 * exactly, then one division by an exact power of ten: the result is correctly rounded, i.e.
 * identical to `Number(text)`). Exponents and longer digit strings fall back to `Number` after a
 * strict pattern check, so `""`, `" "`, `"0x1f"`, `"Infinity"` and `"1,5"` all return NaN.
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const STRICT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses `text[start, end)` (surrounding spaces and tabs ignored); NaN when it is not a decimal number. */
export function parseDecimal(text: string, start: number, end: number): number {
  // a space (32) or a tab (9), as the error messages' trimmed values show them
  while (start < end && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
  while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  if (start === end) return NaN;
  let i = start;
  let c = text.charCodeAt(i);
  let sign = 1;
  if (c === 45) { sign = -1; i++; } else if (c === 43) i++;
  // integer digits, then (after one '.') fraction digits; `m` holds all digits as an integer
  let m = 0;
  const intStart = i;
  for (; i < end; i++) {
    c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    m = m * 10 + c;
  }
  let digits = i - intStart, frac = 0;
  if (i < end && text.charCodeAt(i) === 46) {
    const fracStart = ++i;
    for (; i < end; i++) {
      c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      m = m * 10 + c;
    }
    frac = i - fracStart;
    digits += frac;
  }
  if (i === end && digits > 0 && digits <= 15) return sign * (frac ? m / POW10[frac]! : m);
  const s = text.slice(start, end);
  return STRICT.test(s) ? Number(s) : NaN;
}

/** A JSON value (number or numeric string, as exchanges send them) → number, or NaN. */
export function toNumber(v: unknown): number {
  if (typeof v === "number") return Number.isFinite(v) ? v : NaN;
  if (typeof v === "string") return parseDecimal(v, 0, v.length);
  return NaN;
}
