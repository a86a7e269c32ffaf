// 4. Input formats: the largest seed as .txt, .md, .html, .docx and .pdf; then the published formats of issue 9
// (seed 004 as .doc, .wps, .odt, .rtf, .xlsx, .mht; the task table as .doc, .xlsx, .xls, .et and a PDF; a .zip of
// attachments, CLI only: a zip is several documents).
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  FORMATS,
  CLI,
  QUICK,
  cfg,
  median,
  timeRuns,
  warmUp,
  mbps,
  largestSeed,
  spawnRounds,
  tmpDir,
  nowMs,
  timeRunsAsync,
  warmUpAsync,
  LAZY_EXTERNAL,
  moduleRequests,
  childJson,
} from "./common.mjs";

/** Which lazily loaded packages a CLI run requires (null when the run recorded nothing). */
export function loadedPackages(args) {
  const requests = moduleRequests(args);
  if (!requests) return null;
  // pdf.js is loaded by path from dist/vendor/pdfjs-dist (src/input/pdf.ts), not by package name.
  return LAZY_EXTERNAL.filter((p) => requests.some((q) => q === p || q.startsWith(`${p}/`) || q.includes(`/vendor/${p}/`)));
}

/**
 * Child: parseInput per file, warm (first call = loading the reader). Then .txt again: pdf.js's legacy build
 * (pdfjs-dist/legacy, for Node 20) carries core-js polyfills that replace globals for the rest of the process,
 * JSON.stringify among them, so the .txt parse and its JSON.stringify are timed before and after the others.
 */
export async function formatsInProcess(lib, ...paths) {
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

/** Issue 9's published formats, small fixtures (fixtures/formats/README.md). */
const PUBLISHED = [
  "004_36973856179009ba.doc",
  "004_36973856179009ba.wps",
  "004_36973856179009ba.odt",
  "004_36973856179009ba.rtf",
  "004_36973856179009ba.xlsx",
  "004_36973856179009ba.mht",
  "task-table-002.doc",
  "task-table-002.xlsx",
  "task-table-002.xls",
  "task-table-sheets.et",
  "task-table-002.pdf",
  "attachments.zip",
];

export async function measureFormats(seeds) {
  const largest = largestSeed(seeds);
  const stem = largest.name.replace(/\.txt$/, "");
  const files = [
    { format: "txt", path: largest.path },
    ...["md", "html", "docx", "pdf"].map((format) => ({ format, path: join(FORMATS, `${stem}.${format}`) })),
    ...PUBLISHED.map((file) => ({ format: file.slice(file.lastIndexOf(".") + 1), path: join(FORMATS, file), published: true })),
  ].filter((f) => existsSync(f.path));
  for (const f of files) {
    f.file = f.path.slice(f.path.lastIndexOf("/") + 1);
    f.bytes = statSync(f.path).size;
    // Rows are keyed by format for the seed's files (as before), by file name for the published ones.
    f.key = f.published ? f.file : f.format;
  }

  // In process, through the library's input layer, in a fresh process: reading a PDF changes the process for
  // everything after it (see formatsInProcess), so the bench itself never reads one. A zip is not one document.
  const inChild = childJson("formats", files.filter((f) => f.format !== "zip").map((f) => f.path));
  const inProcess = inChild?.rows ?? null;
  const afterPdf = inChild?.afterPdf ?? null;

  // The CLI end to end, interleaved like the start-up section.
  const med = spawnRounds(
    files.map((f) => ({ key: f.key, args: [CLI, f.path] })),
    cfg.fmtSpawnWarmups,
    cfg.fmtSpawnRuns,
  );
  const cli = files.map((f) => ({ format: f.format, key: f.key, file: f.file, bytes: f.bytes, medianMs: med[f.key], ratioToTxt: med[f.key] / med.txt }));
  // One extra run per format (--quick: .txt only) with a hook: does a plain .txt pull in any format library?
  const loads = files.filter((f) => !QUICK || f.format === "txt").map((f) => ({ format: f.format, key: f.key, loaded: loadedPackages([CLI, f.path]) }));
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
