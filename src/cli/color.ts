// --color always|never|auto and --no-color, wherever they stand on the line (before or after a subcommand, as
// users of ls, grep and git expect), taken out before commander sees the arguments. `always` keeps colour
// through a pipe (`plan-parse diff a b --color always | less -R`); `auto` colours a terminal unless NO_COLOR
// is set; FORCE_COLOR works as chalk reads it.
import type { supportsColor } from "chalk";

export type ColorMode = "always" | "never" | "auto";
const MODES: readonly string[] = ["always", "never", "auto"];

export function takeColorOptions(argv: readonly string[]): { argv: string[]; mode: ColorMode } | { problem: string } {
  const rest: string[] = [];
  let mode: ColorMode = "auto";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === "--no-color") mode = "never";
    else if (a === "--color") {
      // A bare --color means always, as in ls and grep; a mode after it is its value.
      const next = argv[i + 1];
      if (next !== undefined && MODES.includes(next)) {
        mode = next as ColorMode;
        i++;
      } else mode = "always";
    } else if (a.startsWith("--color=")) {
      const value = a.slice("--color=".length);
      if (!MODES.includes(value)) return { problem: `--color: one of always, never, auto (not '${value}')` };
      mode = value as ColorMode;
    } else rest.push(a);
  }
  return { argv: rest, mode };
}

/** The chalk level for one stream. */
export function colorLevel(mode: ColorMode, support: typeof supportsColor): 0 | 1 | 2 | 3 {
  if (mode === "never") return 0;
  if (mode === "always") return support ? support.level : 1;
  return process.env.NO_COLOR || !support ? 0 : support.level;
}
