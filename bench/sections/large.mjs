// 2. Large plan (whole seeds repeated, one document), and how time per byte grows with one seed repeated.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MB, LARGE_SIZES_MB, SCALING_SIZES_MB, cfg, median, timeRuns, mbps, largestSeed, parser } from "./common.mjs";

/**
 * Whole seeds repeated until the size is reached: one long plan whose numbering restarts every 6–36 KB, which
 * yields plenty of diagnostics but exercises every code path at realistic density.
 */
export function largePlan(seedTexts, sizeMb) {
  const parts = [];
  let bytes = 0;
  for (let i = 0; bytes < sizeMb * MB; i++) {
    const text = seedTexts[i % seedTexts.length];
    parts.push(text);
    bytes += Buffer.byteLength(text) + 2;
  }
  return Buffer.from(parts.join("\n\n"));
}

export const readText = (seed) => readFileSync(seed.path, "utf8").replace(/^\uFEFF/, "");

export function timeLarge(parsePlanBytes, texts, sizeMb) {
  const bytes = largePlan(texts, sizeMb);
  const parse = parser(parsePlanBytes, bytes, `large-${sizeMb}MB`);
  parse(); // one warm-up: the first big parse also grows the heap
  const ms = median(timeRuns(parse, cfg.largeRuns));
  return { sizeMb, bytes: bytes.length, runs: cfg.largeRuns, medianMs: ms, mbPerS: mbps(bytes.length, ms) };
}

export function measureLarge(parsePlanBytes, seeds) {
  const texts = seeds.map(readText);
  return LARGE_SIZES_MB.map((sizeMb) => timeLarge(parsePlanBytes, texts, sizeMb));
}

/**
 * The mixed 5 MB plan can hide a cost that grows with the distance to some rare feature of the text (one
 * seed has it, so it recurs every ~120 KB); one seed repeated cannot. Sizes stay small so that a
 * quadratic parser still finishes within the run's time budget.
 */
export function measureScaling(parsePlanBytes, seeds) {
  const largest = largestSeed(seeds);
  const rows = SCALING_SIZES_MB.map((sizeMb) => timeLarge(parsePlanBytes, [readText(largest)], sizeMb));
  const perByte = (r) => r.medianMs / r.bytes;
  // 1 for a linear parser; 4 for a quadratic one between 0.25 and 1 MB.
  const growth = perByte(rows[rows.length - 1]) / perByte(rows[0]);
  return { seed: largest.name, rows, growth };
}
