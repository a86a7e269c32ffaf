// 5. Diff: seed 000 against seed 003 (the same plan, once as clean text and once PDF-extracted).

import { readFileSync } from "node:fs";
import { CLI, cfg, median, timeRuns, warmUp, largestSeed, parser, spawnRounds, nowMs } from "./common.mjs";
import { loadedPackages } from "./formats.mjs";

export async function measureDiff(lib, seeds) {
  const a = seeds.find((s) => s.name.startsWith("000_")) ?? seeds[0];
  const b = seeds.find((s) => s.name.startsWith("003_")) ?? largestSeed(seeds);
  // `diff` exits 1 when the plans differ, which they do.
  const med = spawnRounds(
    [
      { key: "diff", args: [CLI, "diff", a.path, b.path, "--format", "json"], okStatus: [0, 1] },
      { key: "version", args: [CLI, "--version"] },
    ],
    1,
    cfg.diffSpawnRuns,
  );
  let inProcess = null;
  if (typeof lib.diffPlans === "function") {
    const bytesA = readFileSync(a.path);
    const bytesB = readFileSync(b.path);
    const parseBoth = () => [parser(lib.parsePlanBytes, bytesA, a.name)().document, parser(lib.parsePlanBytes, bytesB, b.name)().document];
    const [docA, docB] = parseBoth();
    const diff = () => lib.diffPlans(docA, docB);
    const t0 = nowMs();
    const report = diff();
    const firstMs = nowMs() - t0;
    const serialize = () => JSON.stringify(report, null, 2);
    warmUp([diff, serialize, parseBoth], cfg.diffMs);
    const time = (fn) => median(timeRuns(fn, Math.max(10, Math.ceil(cfg.diffMs / Math.max(0.05, median(timeRuns(fn, 3)))))));
    inProcess = { firstDiffMs: firstMs, parseBothMs: time(parseBoth), diffMs: time(diff), serializeMs: time(serialize), findings: report.findings?.length ?? null };
  }
  const loaded = loadedPackages([CLI, "diff", a.path, b.path, "--format", "json"]);
  return {
    a: a.name,
    b: b.name,
    runs: cfg.diffSpawnRuns,
    cliMs: med.diff,
    versionMs: med.version,
    workMs: med.diff - med.version,
    inProcess,
    loaded,
  };
}
