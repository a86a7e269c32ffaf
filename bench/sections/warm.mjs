// 1. Warm parse: parsePlanBytes on every seed, in process.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import {
  ROOT,
  SEEDS,
  FORMATS,
  CLI,
  CLI_CORE,
  WORKER,
  LIB,
  SELF,
  QUICK,
  JSON_OUT,
  MB,
  TARGET_WARM_MBPS,
  TARGET_STARTUP_RATIO,
  LARGE_SIZES_MB,
  SCALING_SIZES_MB,
  TARGET_CORPUS_S,
  TARGET_LINEAR,
  TARGET_PATHOLOGICAL_S,
  CORPUS_FILES,
  CORPUS_PART,
  HUGE_SIZES_MB,
  ndjsonArgs,
  cfg,
  median,
  timeRuns,
  warmUp,
  mbps,
  seedFiles,
  largestSeed,
  parser,
  spawnTimed,
  spawnRounds,
  tmp,
  tmpDir,
  nowMs,
  timeRunsAsync,
  warmUpAsync,
  DIGITS_ZH,
  chineseNumber,
  ZH,
  AR,
  LEAD,
  MARKER_RES,
  markerLevel,
  LAZY_EXTERNAL,
  childJson,
} from "./common.mjs";

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
