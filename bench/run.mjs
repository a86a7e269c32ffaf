// Performance report for plan-parse: warm parse speed, large-input throughput, CLI start-up, input formats,
// diff, a 2,000-file corpus, scaling to 50 MB, pathological inputs, the shapes that used to be quadratic,
// peak memory per input MB, and `export` of the corpus to SQLite.
// It reports, it never judges: a MISS against a target is printed, the exit code stays 0 unless something crashed.
// Medians throughout, because a single GC pause or a busy neighbour on a shared runner skews a mean.
//
//   node bench/run.mjs            full report (about 3 min on 2 cores)
//   node bench/run.mjs --quick    fewer runs, for a CI smoke test (about a minute)
//   node bench/run.mjs --json     one JSON object instead of the text report
//   node bench/run.mjs --against DIR   also start and warm-parse the build in DIR (another checkout, built),
//                                 interleaved with this one: "no slower than before", same machine, same time
//
// Reads dist/, so build first (`npm run bench` does). Generated inputs (corpus, 50 MB plan) go to a temporary
// directory under os.tmpdir(), removed at the end. Each section is a module of its own in bench/sections/
// (common.mjs: what they share; report.mjs: the text report); this file runs them in order.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { AGAINST, LIB, QUICK, JSON_OUT, nowMs, seedFiles } from "./sections/common.mjs";
import { corpusBreakdown, measureCorpus } from "./sections/corpus.mjs";
import { measureDiff } from "./sections/diff.mjs";
import { measureExport } from "./sections/export.mjs";
import { formatsInProcess, measureFormats } from "./sections/formats.mjs";
import { measureHuge } from "./sections/huge.mjs";
import { measureLarge, measureScaling } from "./sections/large.mjs";
import { measureMemory, memoryCase } from "./sections/memory.mjs";
import { measurePathological, runCase } from "./sections/pathological.mjs";
import { context, printReport } from "./sections/report.mjs";
import { measureShapes, shapeCase } from "./sections/shapes.mjs";
import { measureStartup } from "./sections/startup.mjs";
import { measureWarm } from "./sections/warm.mjs";

// Parts that need a process of their own: `--child <name> <args>` prints one JSON line.
const CHILDREN = { formats: formatsInProcess, breakdown: corpusBreakdown, case: runCase, shape: shapeCase, memory: memoryCase };
const childAt = process.argv.indexOf("--child");
if (childAt > 0) {
  const [name, ...args] = process.argv.slice(childAt + 1);
  const answer = await CHILDREN[name](await import(LIB), ...args);
  console.log(JSON.stringify(answer));
  process.exit(0);
}

const lib = await import(LIB);
const { parsePlanBytes } = lib;
const seeds = seedFiles();
if (seeds.length === 0) throw new Error(`no seeds in ${SEEDS}`);
// Order does not matter for spawned timings: spawning took the same time with a 260 MB heap in this process as
// with a small one. The 50 MB plan (a heap of over a gigabyte) still comes after everything that spawns.
const sectionSeconds = {};
const t0 = nowMs();
async function section(name, fn) {
  const t = nowMs();
  const r = await fn();
  sectionSeconds[name] = (nowMs() - t) / 1000;
  return r;
}
const startup = await section("startup", () => measureStartup(seeds));
const warm = await section("warm", async () => {
  const mine = measureWarm(parsePlanBytes, seeds);
  if (!AGAINST) return mine;
  // Alternating, twice each, so that neither build has the quieter spell of the machine to itself.
  const other = await import(pathToFileURL(join(AGAINST, "dist/index.js")).href);
  const theirs = [measureWarm(other.parsePlanBytes, seeds).total.mbPerS];
  const ours = [mine.total.mbPerS, measureWarm(parsePlanBytes, seeds).total.mbPerS];
  theirs.push(measureWarm(other.parsePlanBytes, seeds).total.mbPerS);
  return { ...mine, against: { dir: AGAINST, mbPerS: theirs, thisMbPerS: ours } };
});
const large = await section("large", () => measureLarge(parsePlanBytes, seeds));
const scaling = await section("scaling", () => measureScaling(parsePlanBytes, seeds));
const formats = await section("formats", () => measureFormats(seeds));
const diff = await section("diff", () => measureDiff(lib, seeds));
const corpus = await section("corpus", () => measureCorpus(lib, seeds));
const huge = await section("huge", () => measureHuge(parsePlanBytes, seeds));
const pathological = await section("pathological", measurePathological);
const shapes = await section("shapes", measureShapes);
const memory = await section("memory", measureMemory);
const exported = await section("export", () => measureExport(seeds));
sectionSeconds.total = (nowMs() - t0) / 1000;
const cliRatio = startup.rows.find((r) => r.key === "cli").ratio;
const corpusS = (key) => corpus.rows.find((r) => r.key === key)?.medianS ?? null;
const corpusRss = (key) => corpus.rows.find((r) => r.key === key)?.peakRssMb ?? null;
const summary = {
  warmMbPerS: warm.total.mbPerS,
  warmPass: warm.pass,
  ...Object.fromEntries(large.map((r) => [`large${r.sizeMb}MbPerS`, r.mbPerS])),
  scalingGrowth: scaling.growth,
  startupRatio: cliRatio,
  startupPass: startup.pass,
  txtLoadsNoFormatLibrary: formats.txtLoadsNothing,
  afterPdfStringifySlowdown: formats.afterPdf ? formats.afterPdf.stringifyMsAfter / formats.afterPdf.stringifyMsBefore : null,
  afterPdfParseSlowdown: formats.afterPdf ? formats.afterPdf.parseMsAfter / formats.afterPdf.parseMsBefore : null,
  formatCliRatio: Object.fromEntries(formats.cli.map((r) => [r.key ?? r.format, r.ratioToTxt])),
  diffWorkMs: diff.workMs,
  corpusJobs1S: corpusS("jobs1"),
  corpusJobs2S: corpusS("jobs2"),
  corpusForcedWorkersJobs2S: corpusS("forced-jobs2"),
  corpusWorkersStarted: corpus.workersStarted,
  corpusPass: corpus.pass,
  peakRss500Mb: corpusRss("part-jobs1"),
  peakRss2000Mb: corpusRss("jobs1"),
  peakRss2000Jobs2Mb: corpusRss("jobs2"),
  huge5MbPerS: huge.rows[0].mbPerS,
  huge50MbPerS: huge.rows.at(-1).mbPerS,
  hugeSpread: huge.spread,
  hugePass: huge.pass,
  pathologicalMaxS: Math.max(...pathological.rows.map((r) => r.seconds ?? Infinity)),
  pathologicalPass: pathological.pass,
  shapeGrowth: Object.fromEntries(shapes.rows.map((r) => [r.key, r.growth])),
  peakMbPerInputMb: Object.fromEntries(memory.rows.map((r) => [r.key, r.mbPerInputMb])),
  export2000S: exported.rows.find((r) => r.key === "sqlite-2000").medianS,
  exportPeakRss500Mb: exported.rows.find((r) => r.key === "sqlite-500").peakRssMb,
  exportPeakRss2000Mb: exported.rows.find((r) => r.key === "sqlite-2000").peakRssMb,
  exportRssGrowth: exported.rssGrowth,
  exportPass: exported.pass,
  txtLoadsExport: exported.txtLoadsExport,
};
const result = { mode: QUICK ? "quick" : "full", context: context(), warm, large, scaling, startup, formats, diff, corpus, huge, pathological, shapes, memory, export: exported, summary, sectionSeconds };

// Three decimals are more than the noise allows; more would only make diffs between runs harder to read.
const round = (_, v) => (typeof v === "number" && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v);
if (JSON_OUT) console.log(JSON.stringify(result, round, 2));
else printReport(result);
