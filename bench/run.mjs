// Performance report for plan-parse: warm parse speed, large-input throughput and CLI start-up.
// It reports, it never judges: a MISS against a target is printed, the exit code stays 0 unless something crashed.
// Medians throughout, because a single GC pause or a busy neighbour on a shared runner skews a mean.
//
//   node bench/run.mjs            full report (about 20–30 s on 2 cores)
//   node bench/run.mjs --quick    fewer runs, for a CI smoke test
//   node bench/run.mjs --json     one JSON object instead of the text report
//
// Reads dist/, so build first (`npm run bench` does).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SEEDS = fileURLToPath(new URL("../fixtures/seeds/", import.meta.url));
const CLI = fileURLToPath(new URL("../bin/plan-parse.js", import.meta.url));
const LIB = new URL("../dist/index.js", import.meta.url).href;

const QUICK = process.argv.includes("--quick");
const JSON_OUT = process.argv.includes("--json");

// MB = 10^6 bytes, as in most throughput figures.
const MB = 1e6;
const TARGET_WARM_MBPS = 10;
const TARGET_STARTUP_RATIO = 2.0;
// Sizes of the synthetic large plan; issue 4 adds 50.
const LARGE_SIZES_MB = [5];
// Two sizes of one seed repeated: if time per byte grows between them, something is worse than linear.
const SCALING_SIZES_MB = [0.25, 1];

const cfg = QUICK
  ? { warmupMs: 1000, secondsPerSeed: 0.15, minRuns: 5, largeRuns: 1, spawnWarmups: 1, spawnRuns: 3 }
  : { warmupMs: 1500, secondsPerSeed: 1, minRuns: 30, largeRuns: 3, spawnWarmups: 2, spawnRuns: 15 };

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

function spawnTimed(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "ignore" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${r.status ?? r.signal}`);
  return ms;
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

function context() {
  const cpus = os.cpus();
  return { node: process.version, platform: `${process.platform}-${process.arch}`, cpu: cpus[0]?.model ?? "unknown", cores: cpus.length };
}

const f1 = (x) => x.toFixed(1);
const f2 = (x) => x.toFixed(2);
const verdict = (pass) => (pass ? "PASS" : "MISS");

function printReport({ mode, context: ctx, warm, large, scaling, startup }) {
  const out = [];
  const table = (rows) => {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) out.push("  " + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "));
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

  const cli = startup.rows.find((r) => r.key === "cli");
  out.push("Summary");
  table([
    ["warm throughput (all seeds)", `${f2(warm.total.mbPerS)} MB/s`, `target ≥ ${warm.target} MB/s`, verdict(warm.pass)],
    ...large.map((r) => [`large-plan throughput (${r.sizeMb} MB)`, `${f2(r.mbPerS)} MB/s`, "(reference)", ""]),
    [`time-per-byte growth ${scaling.rows[0].sizeMb}→${scaling.rows.at(-1).sizeMb} MB`, `${f2(scaling.growth)}×`, "(1 = linear)", ""],
    ["CLI cold start / node -e ''", `${f2(cli.ratio)}×`, `target ≤ ${f1(startup.target)}×`, verdict(startup.pass)],
  ]);
  console.log(out.join("\n"));
}

const { parsePlanBytes } = await import(LIB);
const seeds = seedFiles();
if (seeds.length === 0) throw new Error(`no seeds in ${SEEDS}`);
// Order does not matter: spawning took the same time with a 260 MB heap in this process as with a small one.
const startup = measureStartup(seeds);
const warm = measureWarm(parsePlanBytes, seeds);
const large = measureLarge(parsePlanBytes, seeds);
const scaling = measureScaling(parsePlanBytes, seeds);
const cliRatio = startup.rows.find((r) => r.key === "cli").ratio;
const summary = {
  warmMbPerS: warm.total.mbPerS,
  warmPass: warm.pass,
  ...Object.fromEntries(large.map((r) => [`large${r.sizeMb}MbPerS`, r.mbPerS])),
  scalingGrowth: scaling.growth,
  startupRatio: cliRatio,
  startupPass: startup.pass,
};
const result = { mode: QUICK ? "quick" : "full", context: context(), warm, large, scaling, startup, summary };

// Three decimals are more than the noise allows; more would only make diffs between runs harder to read.
const round = (_, v) => (typeof v === "number" && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v);
if (JSON_OUT) console.log(JSON.stringify(result, round, 2));
else printReport(result);
