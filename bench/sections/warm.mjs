// 1. Warm parse: parsePlanBytes on every seed, in process.

import { readFileSync } from "node:fs";
import { TARGET_WARM_MBPS, cfg, median, timeRuns, warmUp, mbps, parser } from "./common.mjs";

export function measureWarm(parsePlanBytes, seeds) {
  const inputs = seeds.map((seed) => {
    const bytes = readFileSync(seed.path);
    return { seed, bytes, parse: parser(parsePlanBytes, bytes, seed.name) };
  });
  // All seeds together, so the code paths only some seeds reach are optimised before any timing starts.
  warmUp(inputs.map((i) => i.parse), cfg.warmupMs);
  const rows = inputs.map(({ seed, bytes, parse }) => {
    warmUp([parse], 0);
    // Sized from warm runs (early warm-ups are still unoptimised and would overestimate), so every seed gets
    // about the same wall time.
    const probe = median(timeRuns(parse, 5));
    const runs = Math.max(cfg.minRuns, Math.ceil((cfg.secondsPerSeed * 1000) / probe));
    const ms = median(timeRuns(parse, runs));
    return { file: seed.name, bytes: bytes.length, runs, medianMs: ms, mbPerS: mbps(bytes.length, ms) };
  });
  const bytes = rows.reduce((a, r) => a + r.bytes, 0);
  const ms = rows.reduce((a, r) => a + r.medianMs, 0);
  const total = { bytes, medianMs: ms, mbPerS: mbps(bytes, ms) };
  return { seeds: rows, total, target: TARGET_WARM_MBPS, pass: total.mbPerS >= TARGET_WARM_MBPS };
}
