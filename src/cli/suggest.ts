// Telling a mistyped command (`plan-parse dif a b`) from a plan's file name.

/** The first operand on the line (not an option, not the value of one of `takesValue`), and where it is. */
export function firstOperand(argv: readonly string[], takesValue: ReadonlySet<string>): { value: string; index: number } | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") return i + 1 < argv.length ? { value: argv[i + 1]!, index: i + 1 } : undefined;
    if (a === "-" || !a.startsWith("-")) return { value: a, index: i };
    if (takesValue.has(a)) i++;
  }
  return undefined;
}

/** Edit distance (insertions, deletions, substitutions, and swaps of neighbours, as people mistype). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The command `word` most likely meant: within two edits (one for short words), or a prefix of three letters
 * or more. A word with a dot or a slash is a file name, never a command.
 */
export function closestCommand(word: string, commands: readonly string[]): string | undefined {
  if (/[./\\]/.test(word) || word.length < 2) return undefined;
  const lower = word.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const name of commands) {
    const d = lower.length >= 3 && name.startsWith(lower) ? 0 : distance(lower, name);
    const limit = name.length <= 4 ? 1 : 2;
    if (d <= limit && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}
