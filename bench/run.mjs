// Performance report for plan-parse: warm parse speed, large-input throughput, CLI start-up, input formats,
// diff, a 2,000-file corpus, scaling to 50 MB and pathological inputs.
// It reports, it never judges: a MISS against a target is printed, the exit code stays 0 unless something crashed.
// Medians throughout, because a single GC pause or a busy neighbour on a shared runner skews a mean.
//
//   node bench/run.mjs            full report (about 2½ min on 2 cores)
//   node bench/run.mjs --quick    fewer runs, for a CI smoke test (under a minute)
//   node bench/run.mjs --json     one JSON object instead of the text report
//
// Reads dist/, so build first (`npm run bench` does). Generated inputs (corpus, 50 MB plan) go to a temporary
// directory under os.tmpdir(), removed at the end.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SEEDS = fileURLToPath(new URL("../fixtures/seeds/", import.meta.url));
const FORMATS = fileURLToPath(new URL("../fixtures/formats/", import.meta.url));
const CLI = fileURLToPath(new URL("../bin/plan-parse.js", import.meta.url));
const CLI_CORE = fileURLToPath(new URL("../dist/cli-core.cjs", import.meta.url));
const WORKER = fileURLToPath(new URL("../dist/worker.cjs", import.meta.url));
const LIB = new URL("../dist/index.js", import.meta.url).href;
const SELF = fileURLToPath(import.meta.url);

const QUICK = process.argv.includes("--quick");
const JSON_OUT = process.argv.includes("--json");

// MB = 10^6 bytes, as in most throughput figures.
const MB = 1e6;
const TARGET_WARM_MBPS = 10;
const TARGET_STARTUP_RATIO = 2.0;
// Sizes of the synthetic large plan (whole seeds glued together); 5 and 50 MB as one plan: HUGE_SIZES_MB.
const LARGE_SIZES_MB = [5];
// Two sizes of one seed repeated: if time per byte grows between them, something is worse than linear.
const SCALING_SIZES_MB = [0.25, 1];

const TARGET_CORPUS_S = 10;
const TARGET_LINEAR = 0.3; // the 5 MB and 50 MB throughputs within 30% of each other
const TARGET_PATHOLOGICAL_S = 10;
const CORPUS_FILES = 2000;
const CORPUS_PART = 500; // files per subdirectory; one subdirectory is the 500-file corpus
const HUGE_SIZES_MB = [5, 50];
// Options after the inputs, as an analyst would type them.
const ndjsonArgs = (dir, jobs) => [dir, "--format", "ndjson", "--jobs", String(jobs)];

const cfg = QUICK
  ? { warmupMs: 1000, secondsPerSeed: 0.15, minRuns: 5, largeRuns: 1, spawnWarmups: 1, spawnRuns: 3,
      fmtWarmMs: 200, fmtMs: 300, fmtMinRuns: 3, fmtSpawnWarmups: 0, fmtSpawnRuns: 7,
      diffSpawnRuns: 5, diffMs: 300, corpusRuns: 1, corpusPartJobs: [1], corpusForcedRuns: 0, corpusBreakdown: false, hugeRuns: { 5: 1, 50: 1 } }
  : { warmupMs: 1500, secondsPerSeed: 1, minRuns: 30, largeRuns: 3, spawnWarmups: 2, spawnRuns: 15,
      fmtWarmMs: 1000, fmtMs: 1500, fmtMinRuns: 10, fmtSpawnWarmups: 1, fmtSpawnRuns: 11,
      diffSpawnRuns: 15, diffMs: 1000, corpusRuns: 3, corpusPartJobs: [1, 2], corpusForcedRuns: 3, corpusBreakdown: true, hugeRuns: { 5: 3, 50: 3 } };

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs `fn` n times and returns each run's duration in ms (per run, so the median can drop outliers). */
function timeRuns(fn, n) {
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
function warmUp(fns, ms) {
  const end = process.hrtime.bigint() + BigInt(Math.round(ms * 1e6));
  for (let i = 0; i < 20 || process.hrtime.bigint() < end; i++) for (const fn of fns) fn();
}

const mbps = (bytes, ms) => bytes / MB / (ms / 1000);

function seedFiles() {
  return readdirSync(SEEDS)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ name: f, path: SEEDS + f, bytes: statSync(SEEDS + f).size }));
}

// By size, not by name: the seed set may change.
const largestSeed = (seeds) => seeds.reduce((a, b) => (b.bytes > a.bytes ? b : a));

/** Parses and fails loudly: timing a parse that returned `ok: false` would measure the wrong thing. */
function parser(parsePlanBytes, bytes, name) {
  return () => {
    const r = parsePlanBytes(bytes, { name });
    if (!r.ok) throw new Error(`${name}: ${r.problem}`);
    return r;
  };
}

function measureWarm(parsePlanBytes, seeds) {
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

/**
 * Whole seeds repeated until the size is reached: one long plan whose numbering restarts every 6–36 KB, which
 * yields plenty of diagnostics but exercises every code path at realistic density.
 */
function largePlan(seedTexts, sizeMb) {
  const parts = [];
  let bytes = 0;
  for (let i = 0; bytes < sizeMb * MB; i++) {
    const text = seedTexts[i % seedTexts.length];
    parts.push(text);
    bytes += Buffer.byteLength(text) + 2;
  }
  return Buffer.from(parts.join("\n\n"));
}

const readText = (seed) => readFileSync(seed.path, "utf8").replace(/^\uFEFF/, "");

function timeLarge(parsePlanBytes, texts, sizeMb) {
  const bytes = largePlan(texts, sizeMb);
  const parse = parser(parsePlanBytes, bytes, `large-${sizeMb}MB`);
  parse(); // one warm-up: the first big parse also grows the heap
  const ms = median(timeRuns(parse, cfg.largeRuns));
  return { sizeMb, bytes: bytes.length, runs: cfg.largeRuns, medianMs: ms, mbPerS: mbps(bytes.length, ms) };
}

function measureLarge(parsePlanBytes, seeds) {
  const texts = seeds.map(readText);
  return LARGE_SIZES_MB.map((sizeMb) => timeLarge(parsePlanBytes, texts, sizeMb));
}

/**
 * The mixed 5 MB plan can hide a cost that grows with the distance to some rare feature of the text (one
 * seed has it, so it recurs every ~120 KB); one seed repeated cannot. Sizes stay small so that a
 * quadratic parser still finishes within the run's time budget.
 */
function measureScaling(parsePlanBytes, seeds) {
  const largest = largestSeed(seeds);
  const rows = SCALING_SIZES_MB.map((sizeMb) => timeLarge(parsePlanBytes, [readText(largest)], sizeMb));
  const perByte = (r) => r.medianMs / r.bytes;
  // 1 for a linear parser; 4 for a quadratic one between 0.25 and 1 MB.
  const growth = perByte(rows[rows.length - 1]) / perByte(rows[0]);
  return { seed: largest.name, rows, growth };
}

/** `okStatus`: exit codes that mean success (`plan-parse diff` exits 1 when the plans differ). */
function spawnTimed(args, okStatus = [0]) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "ignore" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  if (!okStatus.includes(r.status)) throw new Error(`node ${args.join(" ")} exited with ${r.status ?? r.signal}`);
  return ms;
}

/** Interleaved round-robin over spawned commands; returns the median ms per key. */
function spawnRounds(commands, warmups, runs) {
  for (let i = 0; i < warmups; i++) for (const c of commands) spawnTimed(c.args, c.okStatus);
  const times = Object.fromEntries(commands.map((c) => [c.key, []]));
  for (let i = 0; i < runs; i++) for (const c of commands) times[c.key].push(spawnTimed(c.args, c.okStatus));
  return Object.fromEntries(commands.map((c) => [c.key, median(times[c.key])]));
}

function measureStartup(seeds) {
  const largest = largestSeed(seeds);
  // Interleaved round-robin so a slow spell on the machine hits every command alike.
  // `import lib` (the bundle loaded, nothing run) splits the CLI's cost into loading code and doing work.
  const commands = [
    { key: "baseline", label: "node -e ''", args: ["-e", ""] },
    { key: "cli", label: `plan-parse ${largest.name}`, args: [CLI, largest.path] },
    { key: "version", label: "plan-parse --version", args: [CLI, "--version"] },
    { key: "importLib", label: "node -e 'import(dist/index.js)'", args: ["--input-type=module", "-e", `await import(${JSON.stringify(LIB)})`] },
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
  return { seed: largest.name, seedBytes: largest.bytes, runs: cfg.spawnRuns, rows, target: TARGET_STARTUP_RATIO, pass: cli.ratio <= TARGET_STARTUP_RATIO };
}

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers for the sections below.

let tmp = null;
/** One temporary directory for everything generated; removed on exit, also after a crash or Ctrl-C. */
function tmpDir() {
  if (tmp === null) {
    tmp = mkdtempSync(join(os.tmpdir(), "plan-parse-bench-"));
    process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));
    process.on("SIGINT", () => process.exit(130));
  }
  return tmp;
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

async function timeRunsAsync(fn, n) {
  const ms = [];
  for (let i = 0; i < n; i++) {
    const t0 = nowMs();
    await fn();
    ms.push(nowMs() - t0);
  }
  return ms;
}

/** Warm-up runs for `ms` and at least `minRuns`; returns their times (the last ones size the timed runs). */
async function warmUpAsync(fn, ms, minRuns) {
  const end = nowMs() + ms;
  const times = [];
  for (let i = 0; i < minRuns || nowMs() < end; i++) {
    const t0 = nowMs();
    await fn();
    times.push(nowMs() - t0);
  }
  return times;
}

const DIGITS_ZH = "零一二三四五六七八九";
/** 7 → 七, 17 → 十七, 105 → 一百零五: section numbers as plans write them (up to 999). */
function chineseNumber(n) {
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
const ZH = "一二三四五六七八九十百零〇两";
const AR = "0-9０-９";
const LEAD = String.raw`[ \t\u3000]*(?:\[bookmark: [^\]]*\])?`;
const MARKER_RES = [
  new RegExp(`^(${LEAD})[${ZH}]{1,4}、`),
  new RegExp(`^(${LEAD})[（(][${ZH}]{1,4}[）)]`),
  new RegExp(`^(${LEAD})[${AR}]{1,3}[.．、](?![${AR}%％])`),
  new RegExp(`^(${LEAD})(?:[（(][${AR}]{1,3}[）)]|[${AR}]{1,3}[）)])`),
];
const markerLevel = (line) => MARKER_RES.findIndex((re) => re.test(line));

// ---------------------------------------------------------------------------------------------------------------
// 4. Input formats: the largest seed as .txt, .md, .html, .docx and .pdf.

// Packages the CLI bundle leaves in node_modules and loads on first use (build.mjs); unified/remark/rehype are
// bundled (lazily initialised), so this check cannot see them.
const LAZY_EXTERNAL = ["zod", "yaml", "mammoth", "pdfjs-dist", "diff"];

/** Which lazily loaded packages a CLI run requires: a preloaded hook records Module._load requests. */
function loadedPackages(args) {
  const hook = join(tmpDir(), "record-loads.cjs");
  if (!existsSync(hook)) {
    writeFileSync(
      hook,
      `const Module = require("node:module");
const seen = new Set();
const load = Module._load;
Module._load = function (request, ...rest) { seen.add(request); return load.call(this, request, ...rest); };
process.on("exit", () => require("node:fs").writeSync(2, "\\n@@loaded " + JSON.stringify([...seen]) + "\\n"));
`,
    );
  }
  const r = spawnSync(process.execPath, ["-r", hook, ...args], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 << 20 });
  const m = /@@loaded (.*)\n/.exec(r.stderr?.toString() ?? "");
  if (!m) return null;
  const requests = JSON.parse(m[1]);
  return LAZY_EXTERNAL.filter((p) => requests.some((q) => q === p || q.startsWith(`${p}/`)));
}

/**
 * Child: parseInput per file, warm (first call = loading the reader). Then .txt again: pdf.js's legacy build
 * (pdfjs-dist/legacy, for Node 20) carries core-js polyfills that replace globals for the rest of the process,
 * JSON.stringify among them, so the .txt parse and its JSON.stringify are timed before and after the others.
 */
async function formatsInProcess(lib, ...paths) {
  if (typeof lib.parseInput !== "function") return null;
  const nativeStringify = JSON.stringify;
  const parserOf = (path) => {
    const bytes = readFileSync(path);
    const file = path.slice(path.lastIndexOf("/") + 1);
    return {
      bytes,
      file,
      parse: async () => {
        const r = await lib.parseInput(bytes, { name: file });
        if (!r.ok) throw new Error(`${file}: ${r.problem}`);
        return r;
      },
    };
  };
  const txtPath = paths.find((p) => p.endsWith(".txt"));
  const txtCost = async () => {
    const { parse } = parserOf(txtPath);
    // A full second even with --quick: a less warm "before" would hide the slowdown.
    await warmUpAsync(parse, Math.max(cfg.fmtWarmMs, 1000), 3);
    const parseMs = median(await timeRunsAsync(parse, Math.max(cfg.fmtMinRuns, 20)));
    const doc = (await parse()).document;
    const stringify = () => JSON.stringify(doc);
    warmUp([stringify], 100);
    return { parseMs, stringifyMs: median(timeRuns(stringify, 20)) };
  };
  const before = txtPath ? await txtCost() : null;
  const rows = [];
  for (const path of paths) {
    const { bytes, file, parse } = parserOf(path);
    const t0 = nowMs();
    await parse();
    const firstMs = nowMs() - t0;
    const probe = median((await warmUpAsync(parse, cfg.fmtWarmMs, 3)).slice(-3));
    const runs = Math.max(cfg.fmtMinRuns, Math.ceil(cfg.fmtMs / probe));
    const ms = median(await timeRunsAsync(parse, runs));
    rows.push({ format: file.slice(file.lastIndexOf(".") + 1), file, bytes: bytes.length, firstMs, runs, medianMs: ms, mbPerS: mbps(bytes.length, ms) });
  }
  const pdfRead = paths.some((p) => p.endsWith(".pdf"));
  const after = txtPath && pdfRead ? await txtCost() : null;
  return {
    rows,
    afterPdf: after && {
      parseMsBefore: before.parseMs,
      parseMsAfter: after.parseMs,
      stringifyMsBefore: before.stringifyMs,
      stringifyMsAfter: after.stringifyMs,
      jsonStringifyReplaced: JSON.stringify !== nativeStringify,
    },
  };
}

/** Runs `node bench/run.mjs --child <name> <args>` and returns the JSON it prints. */
function childJson(name, args = []) {
  const r = spawnSync(process.execPath, [SELF, ...(QUICK ? ["--quick"] : []), "--child", name, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 << 20,
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (r.status !== 0) throw new Error(`bench child ${name} exited with ${r.status ?? r.signal}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1));
}

async function measureFormats(seeds) {
  const largest = largestSeed(seeds);
  const stem = largest.name.replace(/\.txt$/, "");
  const files = [
    { format: "txt", path: largest.path },
    ...["md", "html", "docx", "pdf"].map((format) => ({ format, path: join(FORMATS, `${stem}.${format}`) })),
  ].filter((f) => existsSync(f.path));
  for (const f of files) {
    f.file = f.path.slice(f.path.lastIndexOf("/") + 1);
    f.bytes = statSync(f.path).size;
  }

  // In process, through the library's input layer, in a fresh process: reading a PDF changes the process for
  // everything after it (see formatsInProcess), so the bench itself never reads one.
  const inChild = childJson("formats", files.map((f) => f.path));
  const inProcess = inChild?.rows ?? null;
  const afterPdf = inChild?.afterPdf ?? null;

  // The CLI end to end, interleaved like the start-up section.
  const med = spawnRounds(
    files.map((f) => ({ key: f.format, args: [CLI, f.path] })),
    cfg.fmtSpawnWarmups,
    cfg.fmtSpawnRuns,
  );
  const cli = files.map((f) => ({ format: f.format, file: f.file, bytes: f.bytes, medianMs: med[f.format], ratioToTxt: med[f.format] / med.txt }));
  // One extra run per format (--quick: .txt only) with a hook: does a plain .txt pull in any format library?
  const loads = files.filter((f) => !QUICK || f.format === "txt").map((f) => ({ format: f.format, loaded: loadedPackages([CLI, f.path]) }));
  const txtLoads = loads.find((l) => l.format === "txt")?.loaded;
  return {
    seed: stem,
    runs: cfg.fmtSpawnRuns,
    inProcess,
    afterPdf,
    cli,
    loads,
    txtLoadsNothing: Array.isArray(txtLoads) && txtLoads.length === 0,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 5. Diff: seed 000 against seed 003 (the same plan, once as clean text and once PDF-extracted).

async function measureDiff(lib, seeds) {
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

// ---------------------------------------------------------------------------------------------------------------
// 6. Corpus: 2,000 plan files in a directory, `plan-parse <dir> --format ndjson --jobs 1|2`.

const PARTIES = ["区市场监管局", "区农业农村局", "区食安办", "区卫生健康委", "区教育局"];

/**
 * 2,000 files from the seeds, each different: the first year (in the title or the notice naming it) changed,
 * one party renamed throughout, and one more numbered section, with a counter, appended. Files go into
 * subdirectories of 500, so one subdirectory is the 500-file corpus.
 */
function makeCorpus(seeds, dir) {
  const t0 = nowMs();
  const sources = seeds.map((seed) => {
    const text = readFileSync(seed.path, "utf8");
    // The last section number (一、…) at a line start, so the appended section continues the numbering.
    const numbers = new Map(Array.from({ length: 99 }, (_, i) => [chineseNumber(i + 1), i + 1]));
    let last = 0;
    for (const m of text.matchAll(/^[ \t\u3000]*([一二三四五六七八九十]{1,3})、/gm)) last = Math.max(last, numbers.get(m[1]) ?? 0);
    return { name: seed.name, text, next: chineseNumber(last + 1) };
  });
  const hashes = new Set();
  const parts = [];
  let bytes = 0;
  for (let i = 0; i < CORPUS_FILES; i++) {
    const src = sources[i % sources.length];
    const part = join(dir, `part-${Math.floor(i / CORPUS_PART)}`);
    if (i % CORPUS_PART === 0) {
      mkdirSync(part, { recursive: true });
      parts.push({ dir: part, files: 0, bytes: 0 });
    }
    const from = PARTIES[i % PARTIES.length];
    const to = PARTIES[(i + 1 + (i >> 3)) % PARTIES.length];
    let text = src.text.replace(/20\d\d(?=\s*年)/, String(2001 + (i % 30)));
    if (from !== to) text = text.replaceAll(from, to);
    text += `\n${src.next}、开展第${i + 1}批次食品安全监督抽检，抽检样品不少于${50 + (i % 50)}批次。（${to}牵头）\n`;
    const buf = Buffer.from(text);
    hashes.add(createHash("sha1").update(buf).digest("hex"));
    writeFileSync(join(part, `${String(i).padStart(4, "0")}_${src.name}`), buf);
    bytes += buf.length;
    parts.at(-1).files++;
    parts.at(-1).bytes += buf.length;
  }
  if (hashes.size !== CORPUS_FILES) throw new Error(`corpus: only ${hashes.size} of ${CORPUS_FILES} files differ`);
  return { dir, files: CORPUS_FILES, bytes, parts, makeMs: nowMs() - t0 };
}

// GNU time reports the peak RSS of what it runs, all threads included; without it a preloaded hook reports
// process.resourceUsage().maxRSS at exit (also process-wide, so worker threads count either way).
const TIME_BIN = (() => {
  if (!existsSync("/usr/bin/time")) return null;
  const r = spawnSync("/usr/bin/time", ["-f", "%M", "-o", "/dev/null", "true"], { stdio: "ignore" });
  return r.status === 0 ? "/usr/bin/time" : null;
})();
let measuredRuns = 0;

/**
 * Spawns one CLI run with stdout on /dev/null (2,000 documents never pass through this process) and stderr
 * counted. Polls /proc for the node process's thread count, to see whether --jobs started worker threads.
 */
function spawnMeasured(args) {
  return new Promise((resolve, reject) => {
    const rssFile = join(tmpDir(), `rss-${measuredRuns++}.txt`);
    let command = process.execPath;
    let argv = args;
    let env = process.env;
    if (TIME_BIN) {
      command = TIME_BIN;
      argv = ["-f", "%M", "-o", rssFile, process.execPath, ...args];
    } else {
      const hook = join(tmpDir(), "report-rss.cjs");
      if (!existsSync(hook)) {
        writeFileSync(
          hook,
          `if (require("node:worker_threads").isMainThread) process.on("exit", () => require("node:fs").writeFileSync(process.env.PLAN_PARSE_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n`,
        );
      }
      argv = ["-r", hook, ...args];
      env = { ...process.env, PLAN_PARSE_BENCH_RSS: rssFile };
    }
    const devNull = openSync("/dev/null", "w");
    const t0 = nowMs();
    let exitMs = 0;
    const child = spawn(command, argv, { cwd: ROOT, env, stdio: ["ignore", devNull, "pipe"] });
    closeSync(devNull);
    let stderrBytes = 0;
    let tail = "";
    child.stderr.on("data", (d) => {
      stderrBytes += d.length;
      tail = (tail + d.toString()).slice(-2000);
    });
    let nodePid = TIME_BIN ? null : child.pid;
    let maxThreads = 0;
    const poll = setInterval(() => {
      try {
        nodePid ??= Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim().split(/\s+/)[0]) || null;
        if (nodePid === null) return;
        const threads = Number(/^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${nodePid}/status`, "utf8"))?.[1] ?? 0);
        maxThreads = Math.max(maxThreads, threads);
      } catch {
        // not started yet, or gone
      }
    }, 100);
    child.on("exit", () => {
      exitMs = nowMs() - t0;
    });
    child.on("error", (e) => {
      clearInterval(poll);
      reject(e);
    });
    child.on("close", (status, signal) => {
      clearInterval(poll);
      let maxRssKb = null;
      try {
        const lines = readFileSync(rssFile, "utf8").trim().split("\n");
        maxRssKb = Number(lines.at(-1)) || null;
      } catch {
        // no report
      }
      resolve({ ms: exitMs, status: status ?? signal, maxRssKb, maxThreads: maxThreads || null, stderrBytes, stderrTail: tail });
    });
  });
}

/** The CLI's own program, required directly: there __dirname is "…/dist" and --jobs finds dist/worker.cjs. */
const forcedWorkersArgs = (rest) => ["-e", `process.argv.splice(1, 0, "plan-parse"); require(${JSON.stringify(CLI_CORE)}).run();`, ...rest];

async function corpusRows(label, key, args, runs, files, bytes) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await spawnMeasured(args));
  const failed = results.find((r) => r.status !== 0);
  if (failed) throw new Error(`${label} exited with ${failed.status}: ${failed.stderrTail.trim().split("\n").at(-1)}`);
  const s = median(results.map((r) => r.ms)) / 1000;
  const rss = results.map((r) => r.maxRssKb).filter((x) => x !== null);
  const threads = results.map((r) => r.maxThreads).filter((x) => x !== null);
  return {
    key,
    label,
    files,
    runs,
    medianS: s,
    docsPerS: files / s,
    mbPerS: bytes / MB / s,
    peakRssMb: rss.length ? median(rss) / 1024 : null,
    threads: threads.length ? Math.max(...threads) : null,
    stderrBytes: results[0].stderrBytes,
  };
}

/** A fresh worker of --jobs: time to come online, to answer its first input (loading worker.cjs), and its second. */
async function measureWorkerStartup(inputPath) {
  if (!existsSync(WORKER)) return null;
  const t0 = nowMs();
  const w = new Worker(WORKER);
  try {
    const online = new Promise((resolve) => w.once("online", resolve));
    const ask = (index) =>
      new Promise((resolve, reject) => {
        const onError = (e) => reject(e);
        w.once("error", onError);
        w.once("message", (m) => {
          w.off("error", onError);
          resolve(m);
        });
        w.postMessage({ index, input: { path: inputPath, name: inputPath }, options: { emit: "ndjson" } });
      });
    await online;
    const onlineMs = nowMs() - t0;
    const first = await ask(0);
    const firstMs = nowMs() - t0;
    const t1 = nowMs();
    await ask(1);
    const secondMs = nowMs() - t1;
    return { onlineMs, firstOutcomeMs: firstMs, secondOutcomeMs: secondMs, ok: first?.outcome?.ok === true };
  } catch (e) {
    return { error: e.message };
  } finally {
    await w.terminate();
  }
}

/** Child: one pass over the corpus in a fresh process, like the CLI's: how the work splits between reading, parsing and JSON. */
async function corpusBreakdown(lib, dir) {
  const parse = typeof lib.parseInput === "function" ? (b, name) => lib.parseInput(b, { name }) : async (b, name) => lib.parsePlanBytes(b, { name });
  const paths = readdirSync(dir)
    .sort()
    .flatMap((part) => readdirSync(join(dir, part)).sort().map((f) => join(dir, part, f)));
  let readMs = 0;
  let parseMs = 0;
  let jsonMs = 0;
  let outBytes = 0;
  const t0 = nowMs();
  for (const path of paths) {
    let t = nowMs();
    const bytes = readFileSync(path);
    readMs += nowMs() - t;
    t = nowMs();
    const r = await parse(bytes, path);
    parseMs += nowMs() - t;
    if (!r.ok) throw new Error(`${path}: ${r.problem}`);
    t = nowMs();
    const line = JSON.stringify(r.document);
    jsonMs += nowMs() - t;
    outBytes += Buffer.byteLength(line) + 1;
  }
  return { totalMs: nowMs() - t0, readMs, parseMs, jsonMs, outBytes };
}

async function measureCorpus(lib, seeds) {
  const corpus = makeCorpus(seeds, join(tmpDir(), "corpus"));
  const { dir, files, bytes } = corpus;
  const part = corpus.parts[0];
  const rows = [];
  // 2,000 files, jobs 1 and 2 interleaved run by run.
  const results = { jobs1: [], jobs2: [] };
  for (let i = 0; i < cfg.corpusRuns; i++) {
    for (const jobs of [1, 2]) results[`jobs${jobs}`].push(await corpusRows(`plan-parse <${files} files> --jobs ${jobs}`, `jobs${jobs}`, [CLI, ...ndjsonArgs(dir, jobs)], 1, files, bytes));
  }
  for (const key of ["jobs1", "jobs2"]) {
    const rs = results[key];
    const ms = median(rs.map((r) => r.medianS));
    rows.push({
      ...rs[0],
      runs: rs.length,
      medianS: ms,
      docsPerS: files / ms,
      mbPerS: bytes / MB / ms,
      peakRssMb: rs.some((r) => r.peakRssMb !== null) ? median(rs.map((r) => r.peakRssMb).filter((x) => x !== null)) : null,
      threads: Math.max(...rs.map((r) => r.threads ?? 0)) || null,
    });
  }
  for (const jobs of cfg.corpusPartJobs) rows.push(await corpusRows(`plan-parse <${part.files} files> --jobs ${jobs}`, `part-jobs${jobs}`, [CLI, ...ndjsonArgs(part.dir, jobs)], 1, part.files, part.bytes));

  // Did --jobs 2 start worker threads? A worker adds threads to the process; the same count means it ran in process.
  const t1 = rows.find((r) => r.key === "jobs1").threads;
  const t2 = rows.find((r) => r.key === "jobs2").threads;
  const workersStarted = t1 !== null && t2 !== null ? t2 > t1 : null;
  if (workersStarted === false && cfg.corpusForcedRuns > 0) {
    rows.push(await corpusRows(`cli-core.cjs required directly, --jobs 2`, "forced-jobs2", forcedWorkersArgs(ndjsonArgs(dir, 2)), cfg.corpusForcedRuns, files, bytes));
  }
  const smallest = seeds.reduce((a, b) => (b.bytes < a.bytes ? b : a));
  const worker = await measureWorkerStartup(smallest.path);
  const breakdown = cfg.corpusBreakdown ? childJson("breakdown", [dir]) : null;
  const best = Math.min(...rows.filter((r) => r.key === "jobs1" || r.key === "jobs2").map((r) => r.medianS));
  return {
    files,
    bytes,
    makeMs: corpus.makeMs,
    rssBy: TIME_BIN ? "/usr/bin/time %M" : "process.resourceUsage().maxRSS at exit",
    rows,
    workersStarted,
    worker,
    breakdown,
    target: TARGET_CORPUS_S,
    pass: best < TARGET_CORPUS_S,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 7. Scaling to 50 MB: one plan, not many plans glued together.

/**
 * One plan of `sizeMb`: a title, then the seeds' bodies (from their first numbering marker) over and over with
 * every heading renumbered so the numbering runs on. Each seed's levels move down one (its 一、 becomes （n）,
 * and so on, by the levels it uses), under top-level sections 一、 … that each take up to 110 of them: the
 * lexer reads at most four Chinese digits (一百一十), so 110 × 110 seed sections (≈ 60 MB) fit. Seeds whose
 * text is PDF-extracted are left out: their hard wraps are joined per document, which a mixed text defeats.
 */
function onePlan(bodies, sizeMb) {
  const CAP = 110;
  const lines = ["2021年全区食品安全工作要点（汇编）", "为做好全区食品安全工作，现将重点工作安排如下。"];
  let bytes = 0;
  const count = [0, 0, 0, 0];
  const push = (line) => {
    lines.push(line);
    bytes += Buffer.byteLength(line) + 1;
  };
  const section = () => {
    if (++count[0] > CAP) throw new Error(`onePlan: more than ${CAP} top-level sections`);
    count[1] = count[2] = count[3] = 0;
    push(`${chineseNumber(count[0])}、第${count[0]}部分重点工作`);
  };
  section();
  for (let k = 0; bytes < sizeMb * MB; k++) {
    const body = bodies[k % bodies.length];
    for (const line of body.lines) {
      const level = markerLevel(line);
      if (level < 0) {
        push(line);
        continue;
      }
      const out = body.levels[level];
      if (out === 1 && count[1] >= CAP) section();
      count[out]++;
      for (let j = out + 1; j < count.length; j++) count[j] = 0;
      const marker = out === 1 ? `（${chineseNumber(count[1])}）` : out === 2 ? `${count[2]}.` : `（${count[3]}）`;
      if (count[out] > 999) throw new Error("onePlan: more than 999 items under one heading");
      const m = MARKER_RES[level].exec(line);
      push(m[1] + marker + line.slice(m[0].length));
    }
  }
  return lines.join("\n") + "\n";
}

function seedBodies(parsePlanBytes, seeds) {
  const out = [];
  for (const seed of seeds) {
    const bytes = readFileSync(seed.path);
    const r = parsePlanBytes(bytes, { name: seed.name });
    if (!r.ok || r.document.diagnostics.some((d) => d.code === "pdf-reflow")) continue;
    // A heading glued to the end of a line (seed 002) goes on a line of its own, as the parser reads it.
    const text = bytes.toString("utf8").replace(/^\uFEFF/, "").replace(new RegExp(`。(?=[（(][${ZH}]{1,4}[）)])`, "g"), "。\n");
    const lines = text.split(/\r?\n/);
    const first = lines.findIndex((l) => markerLevel(l) >= 0);
    if (first < 0) continue;
    const body = lines.slice(first);
    const used = [...new Set(body.map(markerLevel).filter((l) => l >= 0))].sort();
    if (used.length > 3) continue;
    out.push({ name: seed.name, lines: body, levels: Object.fromEntries(used.map((l, i) => [l, i + 1])) });
  }
  return out;
}

function measureHuge(parsePlanBytes, seeds) {
  const bodies = seedBodies(parsePlanBytes, seeds);
  const rows = [];
  for (const sizeMb of HUGE_SIZES_MB) {
    const path = join(tmpDir(), `plan-${sizeMb}MB.txt`);
    writeFileSync(path, onePlan(bodies, sizeMb));
    const bytes = readFileSync(path);
    const name = `plan-${sizeMb}MB.txt`;
    const runs = cfg.hugeRuns[sizeMb] ?? 1;
    // 5 MB: one untimed parse first (it grows the heap); 50 MB: the 5 MB runs were the warm-up.
    let warnings = null;
    const once = () => {
      const r = parser(parsePlanBytes, bytes, name)();
      warnings ??= r.document.diagnostics.filter((d) => d.severity !== "info").length;
    };
    if (sizeMb < 50) once();
    const ms = median(timeRuns(once, runs));
    rows.push({ sizeMb, bytes: bytes.length, runs, medianMs: ms, mbPerS: mbps(bytes.length, ms), warnings });
    rmSync(path);
  }
  const speeds = rows.map((r) => r.mbPerS);
  const spread = 1 - Math.min(...speeds) / Math.max(...speeds);
  return {
    seeds: bodies.map((b) => b.name),
    rows,
    ratio: rows.at(-1).mbPerS / rows[0].mbPerS,
    spread,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    target: TARGET_LINEAR,
    pass: spread <= TARGET_LINEAR,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 8. Pathological inputs, each parsed once in a child process (so a hang, a crash or an overflow is reported,
//    not inherited); the time is measured inside the child, around the parse alone.

const TITLE = "2021年全区食品安全工作要点\n";
const PATHOLOGICAL = {
  "many-headings": {
    label: "100,000 headings 一、x / （一）x alternating",
    make: () => TITLE + "一、x\n（一）x\n".repeat(50_000),
  },
  "nested-brackets": {
    label: "100,000 nested （ in a heading line",
    make: () => `${TITLE}一、加强监管${"（".repeat(100_000)}区市场监管局${"）".repeat(100_000)}\n（一）落实责任。（区食安办）\n`,
  },
  "unclosed-brackets": {
    label: "100,000 unclosed （ in a heading line",
    make: () => `${TITLE}一、加强监管${"（".repeat(100_000)}区市场监管局\n（一）落实责任。（区食安办）\n`,
  },
  "long-line": {
    label: "1 MB single line (tasks with owners)",
    make: () => {
      const sentence = "加强食品安全监管，落实属地管理责任（区市场监管局牵头，各乡镇按职责分工负责）。";
      return `${TITLE}一、加强监管\n${sentence.repeat(Math.ceil(MB / Buffer.byteLength(sentence)))}\n`;
    },
  },
};

async function runCase({ parsePlanBytes }, name) {
  const bytes = Buffer.from(PATHOLOGICAL[name].make());
  const t0 = nowMs();
  try {
    const r = parsePlanBytes(bytes, { name });
    const ms = nowMs() - t0;
    const doc = r.ok ? r.document : null;
    return { bytes: bytes.length, ms, ok: r.ok, problem: r.ok ? null : r.problem, nodes: doc?.outline?.length ?? null, diagnostics: doc?.diagnostics.length ?? null };
  } catch (e) {
    return { bytes: bytes.length, ms: nowMs() - t0, ok: false, error: `${e.constructor.name}: ${e.message.slice(0, 120)}` };
  }
}

/** Runs one case in a child process; resolves with what it printed, or why it printed nothing. */
function runCaseChild(key, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SELF, "--child", "case", key], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status, signal, timedOut });
    });
  });
}

async function measurePathological() {
  const timeoutMs = 120_000;
  // One at a time: run side by side on 2 cores, the slowest case took ~0.5 s longer.
  const keys = Object.keys(PATHOLOGICAL);
  const answers = {};
  for (const key of keys) answers[key] = await runCaseChild(key, timeoutMs);
  const rows = keys.map((key) => {
    const r = answers[key];
    let res = null;
    try {
      res = JSON.parse(r.stdout.trim().split("\n").at(-1));
    } catch {
      // no answer
    }
    let status;
    if (r.timedOut) status = `timeout (> ${timeoutMs / 1000} s)`;
    else if (!res) status = `crashed (${r.status ?? r.signal}): ${r.stderr.trim().split("\n").filter(Boolean).slice(-1)[0] ?? ""}`;
    else if (res.error) status = /call stack/.test(res.error) ? "stack overflow" : res.error;
    else if (!res.ok) status = `no document: ${res.problem}`;
    else status = res.ms < TARGET_PATHOLOGICAL_S * 1000 ? "ok" : "slow";
    return { key, label: PATHOLOGICAL[key].label, bytes: res?.bytes ?? null, seconds: res ? res.ms / 1000 : null, diagnostics: res?.diagnostics ?? null, status, ok: status === "ok" };
  });
  return { rows, target: TARGET_PATHOLOGICAL_S, pass: rows.every((r) => r.ok) };
}

function context() {
  const cpus = os.cpus();
  return { node: process.version, platform: `${process.platform}-${process.arch}`, cpu: cpus[0]?.model ?? "unknown", cores: cpus.length };
}

const f1 = (x) => x.toFixed(1);
const f2 = (x) => x.toFixed(2);
const verdict = (pass) => (pass ? "PASS" : "MISS");

const f0 = (x) => x.toFixed(0);
// Terminal columns: CJK and full-width characters take two.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;
const cols = (s) => s.length + (s.match(WIDE)?.length ?? 0);
const padEnd = (s, n) => s + " ".repeat(Math.max(0, n - cols(s)));
const padStart = (s, n) => " ".repeat(Math.max(0, n - cols(s))) + s;
const orDash = (x, f) => (x === null || x === undefined || Number.isNaN(x) ? "–" : f(x));

function printReport({ mode, context: ctx, warm, large, scaling, startup, formats, diff, corpus, huge, pathological, summary, sectionSeconds }) {
  const out = [];
  const table = (rows) => {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => cols(r[i]))));
    for (const r of rows) out.push("  " + r.map((c, i) => (i === 0 ? padEnd(c, widths[i]) : padStart(c, widths[i]))).join("  ").trimEnd());
  };
  out.push(`plan-parse bench (${mode}; medians; MB = 10^6 bytes)`);
  out.push(`node ${ctx.node} · ${ctx.platform} · ${ctx.cpu} · ${ctx.cores} cores`, "");

  out.push("1. Warm parse (parsePlanBytes, in process)");
  table([
    ["seed", "bytes", "runs", "ms/parse", "MB/s"],
    ...warm.seeds.map((r) => [r.file, String(r.bytes), String(r.runs), f2(r.medianMs), f2(r.mbPerS)]),
    ["all seeds", String(warm.total.bytes), "", f2(warm.total.medianMs), f2(warm.total.mbPerS)],
  ]);
  out.push("");

  out.push("2. Large plan (whole seeds repeated, one document)");
  table([
    ["size", "bytes", "runs", "ms/parse", "MB/s"],
    ...large.map((r) => [`${r.sizeMb} MB`, String(r.bytes), String(r.runs), f1(r.medianMs), f2(r.mbPerS)]),
  ]);
  out.push("");

  out.push(`   Scaling: ${scaling.seed} repeated (time per byte should stay flat)`);
  table([
    ["size", "bytes", "runs", "ms/parse", "MB/s"],
    ...scaling.rows.map((r) => [`${r.sizeMb} MB`, String(r.bytes), String(r.runs), f1(r.medianMs), f2(r.mbPerS)]),
  ]);
  out.push(`  time per byte, ${scaling.rows.at(-1).sizeMb} MB vs ${scaling.rows[0].sizeMb} MB: ${f2(scaling.growth)}× (1 = linear, 4 = quadratic)`, "");

  out.push(`3. Start-up (spawned, interleaved, ${startup.runs} runs each; output discarded)`);
  table([["command", "ms", "× node -e ''"], ...startup.rows.map((r) => [r.command, f1(r.medianMs), f2(r.ratio) + "×"])]);
  out.push("");

  out.push(`4. Input formats: ${formats.seed}`);
  if (formats.inProcess) {
    out.push("   in process (parseInput, warm, in a fresh child process; first = first call, loading the reader)");
    table([
      ["file", "bytes", "first ms", "runs", "ms/parse", "MB/s"],
      ...formats.inProcess.map((r) => [r.file, String(r.bytes), f1(r.firstMs), String(r.runs), f2(r.medianMs), f2(r.mbPerS)]),
    ]);
  } else out.push("   in process: dist/index.js does not export parseInput; CLI only");
  if (formats.afterPdf) {
    const a = formats.afterPdf;
    out.push(
      `   the same process after reading the PDF: .txt parse ${f2(a.parseMsBefore)} → ${f2(a.parseMsAfter)} ms (${f2(a.parseMsAfter / a.parseMsBefore)}×),` +
        ` JSON.stringify of its document ${f2(a.stringifyMsBefore)} → ${f2(a.stringifyMsAfter)} ms (${f1(a.stringifyMsAfter / a.stringifyMsBefore)}×)` +
        (a.jsonStringifyReplaced ? "; JSON.stringify is no longer the native one" : ""),
    );
  }
  out.push(`   CLI end to end (plan-parse <file>, spawned, interleaved, ${formats.runs} runs each; output discarded)`);
  table([
    ["file", "ms", "× .txt", "lazy packages loaded"],
    ...formats.cli.map((r) => {
      const loaded = formats.loads.find((l) => l.format === r.format)?.loaded;
      return [r.file, f1(r.medianMs), f2(r.ratioToTxt) + "×", loaded ? loaded.join(" ") || "none" : QUICK ? "(not checked)" : "?"];
    }),
  ]);
  out.push(`  (checked: ${LAZY_EXTERNAL.join(", ")}; unified/remark/rehype are bundled and cannot be seen this way)`, "");

  out.push(`5. Diff: plan-parse diff ${diff.a} ${diff.b} --format json (spawned, interleaved, ${diff.runs} runs each)`);
  table([
    ["command", "ms"],
    ["plan-parse diff … --format json", f1(diff.cliMs)],
    ["plan-parse --version", f1(diff.versionMs)],
    ["diff work (difference)", f1(diff.workMs)],
  ]);
  if (diff.inProcess) {
    const d = diff.inProcess;
    out.push(`   in process (warm): parse both ${f2(d.parseBothMs)} ms · diffPlans ${f2(d.diffMs)} ms (${d.findings} findings; first call ${f1(d.firstDiffMs)} ms) · JSON.stringify ${f2(d.serializeMs)} ms`);
  } else out.push("   in process: dist/index.js does not export diffPlans");
  out.push(`   lazy packages the diff command loads: ${diff.loaded ? diff.loaded.join(" ") || "none" : "?"}`);
  out.push("");

  out.push(`6. Corpus: ${corpus.files} files, ${f1(corpus.bytes / MB)} MB (made in ${f0(corpus.makeMs)} ms); plan-parse <dir> --format ndjson, stdout → /dev/null`);
  table([
    ["run", "runs", "s", "docs/s", "MB/s", "peak RSS MB", "threads"],
    ...corpus.rows.map((r) => [r.label, String(r.runs), f2(r.medianS), f0(r.docsPerS), f2(r.mbPerS), orDash(r.peakRssMb, f0), orDash(r.threads, String)]),
  ]);
  out.push(`  peak RSS by ${corpus.rssBy}: the whole process, worker threads included`);
  if (corpus.workersStarted === false) {
    out.push("  NOTE: --jobs 2 ran with as many threads as --jobs 1: the CLI started no worker threads. In dist/cli.cjs the");
    out.push("        bundle's __dirname ends in \"/\" (\"…/dist/\"), which workerFile() in src/cli.ts does not accept (/[\\/]dist$/),");
    out.push("        so every input is parsed in process. The \"cli-core.cjs required directly\" row is --jobs 2 with workers.");
  } else if (corpus.workersStarted === true) out.push("  --jobs 2 started worker threads.");
  if (corpus.worker && !corpus.worker.error) {
    const w = corpus.worker;
    out.push(`  one worker (dist/worker.cjs): online ${f1(w.onlineMs)} ms, first outcome ${f1(w.firstOutcomeMs)} ms, next one ${f1(w.secondOutcomeMs)} ms (smallest seed)`);
  } else if (corpus.worker?.error) out.push(`  one worker: ${corpus.worker.error}`);
  if (corpus.breakdown) {
    const b = corpus.breakdown;
    const pct = (x) => `${f0((100 * x) / b.totalMs)}%`;
    out.push(
      `  in process, one pass: ${f2(b.totalMs / 1000)} s = read ${f0(b.readMs)} ms (${pct(b.readMs)}) + parse ${f0(b.parseMs)} ms (${pct(b.parseMs)})` +
        ` + JSON.stringify ${f0(b.jsonMs)} ms (${pct(b.jsonMs)}); ${f1(b.outBytes / MB)} MB of NDJSON`,
    );
  }
  out.push("");

  out.push(`7. Scaling to 50 MB: one plan, seed bodies repeated with headings renumbered (${huge.seeds.length} seeds: ${huge.seeds.map((s) => s.slice(0, 3)).join(" ")})`);
  table([
    ["size", "bytes", "runs", "ms/parse", "MB/s", "warnings"],
    ...huge.rows.map((r) => [`${r.sizeMb} MB`, String(r.bytes), String(r.runs), f0(r.medianMs), f2(r.mbPerS), String(r.warnings)]),
  ]);
  out.push(`  MB/s 50 MB ÷ 5 MB: ${f2(huge.ratio)} (spread ${f0(huge.spread * 100)}%); bench peak RSS ${f0(huge.peakRssMb)} MB`, "");

  out.push("8. Pathological inputs (parsePlanBytes once, in a child process; time around the parse)");
  table([
    ["input", "bytes", "s", "diagnostics", "result"],
    ...pathological.rows.map((r) => [r.label, orDash(r.bytes, String), orDash(r.seconds, f2), orDash(r.diagnostics, String), r.status]),
  ]);
  out.push("");

  const cli = startup.rows.find((r) => r.key === "cli");
  const corpusRow = (key) => corpus.rows.find((r) => r.key === key);
  const fmtRatios = formats.cli.filter((r) => r.format !== "txt").map((r) => `${r.format} ${f1(r.ratioToTxt)}×`).join(" · ");
  const h5 = huge.rows[0];
  const h50 = huge.rows.at(-1);
  out.push("Summary");
  table([
    ["warm throughput (all seeds)", `${f2(warm.total.mbPerS)} MB/s`, `target ≥ ${warm.target} MB/s`, verdict(warm.pass)],
    ...large.map((r) => [`large-plan throughput (${r.sizeMb} MB)`, `${f2(r.mbPerS)} MB/s`, "(reference)", ""]),
    [`time-per-byte growth ${scaling.rows[0].sizeMb}→${scaling.rows.at(-1).sizeMb} MB`, `${f2(scaling.growth)}×`, "(1 = linear)", ""],
    ["CLI cold start / node -e ''", `${f2(cli.ratio)}×`, `target ≤ ${f1(startup.target)}×`, verdict(startup.pass)],
    ["plain .txt loads no format library", formats.txtLoadsNothing ? "none loaded" : "loads " + (formats.loads.find((l) => l.format === "txt")?.loaded ?? ["?"]).join(" "), "", verdict(formats.txtLoadsNothing)],
    ["CLI per format ÷ .txt", fmtRatios, "(reference)", ""],
    ...(formats.afterPdf
      ? [["after one PDF in a process: .txt parse · JSON.stringify", `${f2(summary.afterPdfParseSlowdown)}× · ${f1(summary.afterPdfStringifySlowdown)}× slower`, "(reference)", ""]]
      : []),
    ["diff 000 vs 003 (CLI − --version)", `${f0(diff.workMs)} ms`, "(reference)", ""],
    ...["jobs1", "jobs2", "forced-jobs2"]
      .map(corpusRow)
      .filter(Boolean)
      .map((r) => [`${r.files} files, ${r.key === "forced-jobs2" ? "--jobs 2 with workers (cli-core)" : `--jobs ${r.key.at(-1)}`}`, `${f2(r.medianS)} s (${f0(r.docsPerS)} docs/s)`, `target < ${corpus.target} s`, verdict(r.medianS < corpus.target)]),
    ...["part-jobs1", "jobs1", "jobs2"].map(corpusRow).filter((r) => r && r.peakRssMb !== null).map((r) => [`peak RSS, ${r.files} files --jobs ${r.key.at(-1)}`, `${f0(r.peakRssMb)} MB`, "(reference)", ""]),
    [`linear scaling ${h5.sizeMb}→${h50.sizeMb} MB`, `${f2(h5.mbPerS)} → ${f2(h50.mbPerS)} MB/s`, `within ${f0(huge.target * 100)}%`, verdict(huge.pass)],
    ["pathological inputs", `${pathological.rows.filter((r) => r.ok).length}/${pathological.rows.length} ok, slowest ${orDash(summary.pathologicalMaxS, f2)} s`, `each < ${pathological.target} s`, verdict(pathological.pass)],
  ]);
  const { total, ...parts } = sectionSeconds;
  out.push("", `bench time ${f0(total)} s (${Object.entries(parts).map(([k, v]) => `${k} ${f1(v)}`).join(" · ")})`);
  console.log(out.join("\n"));
}

// Parts that need a process of their own: `--child <name> <args>` prints one JSON line.
const CHILDREN = { formats: formatsInProcess, breakdown: corpusBreakdown, case: runCase };
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
const warm = await section("warm", () => measureWarm(parsePlanBytes, seeds));
const large = await section("large", () => measureLarge(parsePlanBytes, seeds));
const scaling = await section("scaling", () => measureScaling(parsePlanBytes, seeds));
const formats = await section("formats", () => measureFormats(seeds));
const diff = await section("diff", () => measureDiff(lib, seeds));
const corpus = await section("corpus", () => measureCorpus(lib, seeds));
const huge = await section("huge", () => measureHuge(parsePlanBytes, seeds));
const pathological = await section("pathological", measurePathological);
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
  formatCliRatio: Object.fromEntries(formats.cli.map((r) => [r.format, r.ratioToTxt])),
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
};
const result = { mode: QUICK ? "quick" : "full", context: context(), warm, large, scaling, startup, formats, diff, corpus, huge, pathological, summary, sectionSeconds };

// Three decimals are more than the noise allows; more would only make diffs between runs harder to read.
const round = (_, v) => (typeof v === "number" && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v);
if (JSON_OUT) console.log(JSON.stringify(result, round, 2));
else printReport(result);
