// Reading the counts back out of the text diff's summary block, to hold them against the report's findings.
import { SUMMARY_LINES } from "../../src/diff/render.js";

/** Findings per kind, kinds with none left out. */
export function countByKind(findings: readonly { kind: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  return counts;
}

/**
 * The counts per kind the summary block states: its lines under `N findings:` read `heading  3 added, 1 moved`,
 * each (heading, word) naming one kind. Throws on a line or an entry it cannot place, so that a count cannot
 * slip past unread.
 */
export function summaryCounts(block: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const start = block.findIndex((l) => /^ {2}\d+ findings?:$/.test(l));
  if (start < 0) throw new Error("no findings line in the summary");
  for (const line of block.slice(start + 1)) {
    if (line.startsWith("  note: ")) continue;
    const m = /^ {4}(\S+) +(.+)$/.exec(line);
    if (!m) throw new Error(`unexpected summary line: ${line}`);
    const kinds = SUMMARY_LINES.find(([heading]) => heading === m[1])?.[1];
    if (!kinds) throw new Error(`unknown summary heading: ${m[1]}`);
    for (const entry of m[2]!.split(", ")) {
      const e = /^(\d+) (.+)$/.exec(entry);
      const kind = e && kinds.find(([, word]) => word === e[2])?.[0];
      if (!e || !kind) throw new Error(`unknown summary entry: ${entry} (${m[1]})`);
      if (kind in counts) throw new Error(`${kind} counted twice`);
      counts[kind] = Number(e[1]);
    }
  }
  return counts;
}
