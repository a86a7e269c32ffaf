// 3. Start-up: the CLI cold, against bare `node -e ''`, interleaved.

import { join } from "node:path";
import { AGAINST, CLI, LIB, TARGET_STARTUP_RATIO, cfg, median, largestSeed, spawnTimed } from "./common.mjs";

export function measureStartup(seeds) {
  const largest = largestSeed(seeds);
  // Interleaved round-robin so a slow spell on the machine hits every command alike.
  // `import lib` (the bundle loaded, nothing run) splits the CLI's cost into loading code and doing work.
  const commands = [
    { key: "baseline", label: "node -e ''", args: ["-e", ""] },
    { key: "cli", label: `plan-parse ${largest.name}`, args: [CLI, largest.path] },
    { key: "version", label: "plan-parse --version", args: [CLI, "--version"] },
    { key: "importLib", label: "node -e 'import(dist/index.js)'", args: ["--input-type=module", "-e", `await import(${JSON.stringify(LIB)})`] },
    ...(AGAINST ? [{ key: "against", label: `plan-parse ${largest.name}, --against build`, args: [join(AGAINST, "bin/plan-parse.js"), largest.path] }] : []),
  ];
  for (let i = 0; i < cfg.spawnWarmups; i++) for (const c of commands) spawnTimed(c.args);
  const times = Object.fromEntries(commands.map((c) => [c.key, []]));
  for (let i = 0; i < cfg.spawnRuns; i++) for (const c of commands) times[c.key].push(spawnTimed(c.args));
  const base = median(times.baseline);
  const rows = commands.map((c) => {
    const ms = median(times[c.key]);
    return { key: c.key, command: c.label, medianMs: ms, ratio: ms / base };
  });
  const cli = rows.find((r) => r.key === "cli");
  // Paired by round: the CLI minus the other build in the same round, so a slow spell cancels out.
  const against = AGAINST
    ? { dir: AGAINST, pairedDeltaMs: median(times.cli.map((t, i) => t - times.against[i])), ratio: median(times.cli) / median(times.against) }
    : null;
  return { seed: largest.name, against, seedBytes: largest.bytes, runs: cfg.spawnRuns, rows, target: TARGET_STARTUP_RATIO, pass: cli.ratio <= TARGET_STARTUP_RATIO };
}
