/**
 * Edit distance between two short strings (option names, command-line flags): insertions,
 * deletions, substitutions and swaps of two neighbours (optimal string alignment), each 1, so
 * `halflifeHours` is 1 from `halfLifeHours` when compared without case and `cahce` 1 from `cache`.
 */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The name of `known` that `key` (an unknown option or flag) was most likely meant as, compared
 * without case: one a few edits away (two from eight letters, one from six; shorter names only by
 * a swap of two neighbours or one letter more or less, so `setp` is `step` and `sides` is `side`
 * but `clone` is not `close`), or one that starts with `key` when `key` has at least `minPrefix`
 * letters (default 4: `clip` for `clipPercentile`). The nearest wins, a start counting as 1.5
 * edits, the first of equals; undefined when none is that near. The one rule behind every "did
 * you mean" of the engine, the figures and the command line.
 */
export function meantName(key: string, known: readonly string[], minPrefix = 4): string | undefined {
  const k = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const n = name.toLowerCase();
    const d = editDistance(k, n);
    const shorter = Math.min(k.length, n.length);
    const allowed = shorter >= 8 ? 2 : shorter >= 6 ? 1 : k.length !== n.length || [...k].sort().join("") === [...n].sort().join("") ? 1 : 0;
    const distance = d <= allowed ? d : k.length >= minPrefix && n.startsWith(k) ? 1.5 : Infinity;
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The message for an unknown option `key` of `who`: "unknown option; did you mean X?" when `hint`
 * (usually `meantName`) names one, else "unknown option; `who` takes a, b, c" (`known` as listed,
 * then `after`). One wording for replay, combineMaps and every figure builder.
 */
export function unknownOption(hint: string | undefined, who: string, known: readonly string[], after = ""): string {
  return hint ? `unknown option; did you mean ${hint}?` : `unknown option; ${who} takes ${known.join(", ")}${after}`;
}
