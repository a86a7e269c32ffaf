// Shared by the bench sections: paths, flags, run counts, timing helpers, spawning, the temporary directory,
// Chinese numbering, and the child-process protocol (`node bench/run.mjs --child <name> <args>`).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SEEDS = fileURLToPath(new URL("../../fixtures/seeds/", import.meta.url));
export const FORMATS = fileURLToPath(new URL("../../fixtures/formats/", import.meta.url));
export const CLI = fileURLToPath(new URL("../../bin/plan-parse.js", import.meta.url));
export const CLI_CORE = fileURLToPath(new URL("../../dist/cli-core.cjs", import.meta.url));
export const WORKER = fileURLToPath(new URL("../../dist/worker.cjs", import.meta.url));
export const LIB = new URL("../../dist/index.js", import.meta.url).href;
export const SELF = fileURLToPath(new URL("../run.mjs", import.meta.url));

export const QUICK = process.argv.includes("--quick");
// `--against DIR`: another built checkout of plan-parse (an older commit, say), measured in the same run and
// interleaved with this one, for "no slower than before" on the same machine at the same time.
const againstAt = process.argv.indexOf("--against");
export const AGAINST = againstAt > 0 && process.argv[againstAt + 1] ? resolve(process.argv[againstAt + 1]) : null;
export const JSON_OUT = process.argv.includes("--json");

// MB = 10^6 bytes, as in most throughput figures.
export const MB = 1e6;
export const TARGET_WARM_MBPS = 10;
export const TARGET_STARTUP_RATIO = 2.0;
// Sizes of the synthetic large plan (whole seeds glued together); 5 and 50 MB as one plan: HUGE_SIZES_MB.
export const LARGE_SIZES_MB = [5];
// Two sizes of one seed repeated: if time per byte grows between them, something is worse than linear.
export const SCALING_SIZES_MB = [0.25, 1];

export const TARGET_CORPUS_S = 10;
export const TARGET_LINEAR = 0.3; // the 5 MB and 50 MB throughputs within 30% of each other
export const TARGET_PATHOLOGICAL_S = 10;
export const CORPUS_FILES = 2000;
export const CORPUS_PART = 500; // files per subdirectory; one subdirectory is the 500-file corpus
export const HUGE_SIZES_MB = [5, 50];
// Options after the inputs, as an analyst would type them.
export const ndjsonArgs = (dir, jobs) => [dir, "--format", "ndjson", "--jobs", String(jobs)];

export const cfg = QUICK
  ? { warmupMs: 1000, secondsPerSeed: 0.15, minRuns: 5, largeRuns: 1, spawnWarmups: 1, spawnRuns: 3,
      fmtWarmMs: 200, fmtMs: 300, fmtMinRuns: 3, fmtSpawnWarmups: 0, fmtSpawnRuns: 7,
      diffSpawnRuns: 5, diffMs: 300, corpusRuns: 1, corpusPartJobs: [1], corpusForcedRuns: 0, corpusBreakdown: false, hugeRuns: { 5: 1, 50: 1 } }
  : { warmupMs: 1500, secondsPerSeed: 1, minRuns: 30, largeRuns: 3, spawnWarmups: 2, spawnRuns: 31,
      fmtWarmMs: 1000, fmtMs: 1500, fmtMinRuns: 10, fmtSpawnWarmups: 1, fmtSpawnRuns: 11,
      diffSpawnRuns: 15, diffMs: 1000, corpusRuns: 3, corpusPartJobs: [1, 2], corpusForcedRuns: 3, corpusBreakdown: true, hugeRuns: { 5: 3, 50: 3 } };

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs `fn` n times and returns each run's duration in ms (per run, so the median can drop outliers). */
export function timeRuns(fn, n) {
  const ms = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return ms;
}

/**
 * Round-robin over all inputs for `ms` and at least 20 rounds. Time, not a count: here V8 needed ~1 s of
 * parsing before seed 000 settled at ~2 ms (7 ms at first), and 20 runs left it at twice its warm time.
 */
export function warmUp(fns, ms) {
  const end = process.hrtime.bigint() + BigInt(Math.round(ms * 1e6));
  for (let i = 0; i < 20 || process.hrtime.bigint() < end; i++) for (const fn of fns) fn();
}

export const mbps = (bytes, ms) => bytes / MB / (ms / 1000);

export function seedFiles() {
  return readdirSync(SEEDS)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ name: f, path: SEEDS + f, bytes: statSync(SEEDS + f).size }));
}

// By size, not by name: the seed set may change.
export const largestSeed = (seeds) => seeds.reduce((a, b) => (b.bytes > a.bytes ? b : a));

/** Parses and fails loudly: timing a parse that returned `ok: false` would measure the wrong thing. */
export function parser(parsePlanBytes, bytes, name) {
  return () => {
    const r = parsePlanBytes(bytes, { name });
    if (!r.ok) throw new Error(`${name}: ${r.problem}`);
    return r;
  };
}

/** `okStatus`: exit codes that mean success (`plan-parse diff` exits 1 when the plans differ). */
export function spawnTimed(args, okStatus = [0]) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "ignore" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  if (!okStatus.includes(r.status)) throw new Error(`node ${args.join(" ")} exited with ${r.status ?? r.signal}`);
  return ms;
}

/** Interleaved round-robin over spawned commands; returns the median ms per key. */
export function spawnRounds(commands, warmups, runs) {
  for (let i = 0; i < warmups; i++) for (const c of commands) spawnTimed(c.args, c.okStatus);
  const times = Object.fromEntries(commands.map((c) => [c.key, []]));
  for (let i = 0; i < runs; i++) for (const c of commands) times[c.key].push(spawnTimed(c.args, c.okStatus));
  return Object.fromEntries(commands.map((c) => [c.key, median(times[c.key])]));
}

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers for the sections below.

/** Module requests of one spawned run (`node -r hook args`): a preloaded hook records Module._load; null if it printed none. */
export function moduleRequests(args) {
  const hook = join(tmpDir(), "record-requests.cjs");
  if (!existsSync(hook)) {
    writeFileSync(
      hook,
      `const Module = require("node:module");
const seen = new Set();
const load = Module._load;
Module._load = function (request, ...rest) { seen.add(request); return load.call(this, request, ...rest); };
process.on("exit", () => require("node:fs").writeSync(2, "\\n@@requests " + JSON.stringify([...seen]) + "\\n"));
`,
    );
  }
  const r = spawnSync(process.execPath, ["-r", hook, ...args], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 << 20 });
  const m = /@@requests (.*)\n/.exec(r.stderr?.toString() ?? "");
  return m ? JSON.parse(m[1]) : null;
}

export let tmp = null;
/** One temporary directory for everything generated; removed on exit, also after a crash or Ctrl-C. */
export function tmpDir() {
  if (tmp === null) {
    tmp = mkdtempSync(join(os.tmpdir(), "plan-parse-bench-"));
    process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));
    process.on("SIGINT", () => process.exit(130));
  }
  return tmp;
}

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export async function timeRunsAsync(fn, n) {
  const ms = [];
  for (let i = 0; i < n; i++) {
    const t0 = nowMs();
    await fn();
    ms.push(nowMs() - t0);
  }
  return ms;
}

/** Warm-up runs for `ms` and at least `minRuns`; returns their times (the last ones size the timed runs). */
export async function warmUpAsync(fn, ms, minRuns) {
  const end = nowMs() + ms;
  const times = [];
  for (let i = 0; i < minRuns || nowMs() < end; i++) {
    const t0 = nowMs();
    await fn();
    times.push(nowMs() - t0);
  }
  return times;
}

export const DIGITS_ZH = "零一二三四五六七八九";
/** 7 → 七, 17 → 十七, 105 → 一百零五: section numbers as plans write them (up to 999). */
export function chineseNumber(n) {
  if (n < 10) return DIGITS_ZH[n];
  const units = ["", "十", "百"];
  const digits = String(n).split("").map(Number);
  let out = "";
  let zero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      zero = out.length > 0;
      return;
    }
    if (zero) out += "零";
    zero = false;
    out += DIGITS_ZH[d] + units[digits.length - 1 - i];
  });
  return n < 20 ? out.slice(1) : out;
}

// Numbering markers at a line start, as grammars/tokens.ts reads them (level 1 一、 … level 4 （1）). A leading
// Word bookmark (`[bookmark: _GoBack]14.`, seed 004) stays in front of the marker.
export const ZH = "一二三四五六七八九十百零〇两";
export const AR = "0-9０-９";
export const LEAD = String.raw`[ \t\u3000]*(?:\[bookmark: [^\]]*\])?`;
export const MARKER_RES = [
  new RegExp(`^(${LEAD})[${ZH}]{1,4}、`),
  new RegExp(`^(${LEAD})[（(][${ZH}]{1,4}[）)]`),
  new RegExp(`^(${LEAD})[${AR}]{1,3}[.．、](?![${AR}%％])`),
  new RegExp(`^(${LEAD})(?:[（(][${AR}]{1,3}[）)]|[${AR}]{1,3}[）)])`),
];
export const markerLevel = (line) => MARKER_RES.findIndex((re) => re.test(line));

// Packages the CLI bundle leaves in node_modules and loads on first use (build.mjs); unified/remark/rehype are
// bundled (lazily initialised), so this check cannot see them.
export const LAZY_EXTERNAL = ["zod", "yaml", "mammoth", "pdfjs-dist", "diff", "node-sqlite3-wasm", "word-extractor", "cfb", "saxes", "opencc-js"];

/** Runs `node bench/run.mjs --child <name> <args>` and returns the JSON it prints. */
export function childJson(name, args = []) {
  const r = spawnSync(process.execPath, [SELF, ...(QUICK ? ["--quick"] : []), "--child", name, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 << 20,
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (r.status !== 0) throw new Error(`bench child ${name} exited with ${r.status ?? r.signal}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1));
}
