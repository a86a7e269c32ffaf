// 6. Corpus: 2,000 plan files in a directory, `plan-parse <dir> --format ndjson --jobs 1|2`.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import {
  ROOT,
  CLI,
  CLI_CORE,
  WORKER,
  MB,
  TARGET_CORPUS_S,
  CORPUS_FILES,
  CORPUS_PART,
  ndjsonArgs,
  cfg,
  median,
  tmpDir,
  nowMs,
  chineseNumber,
  childJson,
} from "./common.mjs";

export const PARTIES = ["区市场监管局", "区农业农村局", "区食安办", "区卫生健康委", "区教育局"];

/**
 * 2,000 files from the seeds, each different: the first year (in the title or the notice naming it) changed,
 * one party renamed throughout, and one more numbered section, with a counter, appended. Files go into
 * subdirectories of 500, so one subdirectory is the 500-file corpus.
 */
export function makeCorpus(seeds, dir) {
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
export const TIME_BIN = (() => {
  if (!existsSync("/usr/bin/time")) return null;
  const r = spawnSync("/usr/bin/time", ["-f", "%M", "-o", "/dev/null", "true"], { stdio: "ignore" });
  return r.status === 0 ? "/usr/bin/time" : null;
})();
export let measuredRuns = 0;

/**
 * Spawns one CLI run with stdout on /dev/null (2,000 documents never pass through this process) and stderr
 * counted. Polls /proc for the node process's thread count, to see whether --jobs started worker threads.
 */
export function spawnMeasured(args) {
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
export const forcedWorkersArgs = (rest) => ["-e", `process.argv.splice(1, 0, "plan-parse"); require(${JSON.stringify(CLI_CORE)}).run();`, ...rest];

export async function corpusRows(label, key, args, runs, files, bytes) {
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
export async function measureWorkerStartup(inputPath) {
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
export async function corpusBreakdown(lib, dir) {
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

export async function measureCorpus(lib, seeds) {
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
