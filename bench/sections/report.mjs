// The text report: every section's table and the summary.

import os from "node:os";
import { join } from "node:path";
import { CLI, QUICK, MB, LAZY_EXTERNAL } from "./common.mjs";

export function context() {
  const cpus = os.cpus();
  return { node: process.version, platform: `${process.platform}-${process.arch}`, cpu: cpus[0]?.model ?? "unknown", cores: cpus.length };
}

export const f1 = (x) => x.toFixed(1);
export const f2 = (x) => x.toFixed(2);
export const verdict = (pass) => (pass ? "PASS" : "MISS");

export const f0 = (x) => x.toFixed(0);
// Terminal columns: CJK and full-width characters take two.
export const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;
export const cols = (s) => s.length + (s.match(WIDE)?.length ?? 0);
export const padEnd = (s, n) => s + " ".repeat(Math.max(0, n - cols(s)));
export const padStart = (s, n) => " ".repeat(Math.max(0, n - cols(s))) + s;
export const orDash = (x, f) => (x === null || x === undefined || Number.isNaN(x) ? "–" : f(x));

export function printReport({ mode, context: ctx, warm, large, scaling, startup, formats, diff, corpus, huge, pathological, shapes, memory, export: exported, summary, sectionSeconds }) {
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
  if (warm.against) {
    const list = (xs) => xs.map(f2).join(" / ");
    out.push(`  alternating with the --against build (${warm.against.dir}): this build ${list(warm.against.thisMbPerS)} MB/s, that build ${list(warm.against.mbPerS)} MB/s`);
  }
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
  if (startup.against) {
    out.push(`  against ${startup.against.dir}: this build − that build, paired by round: ${f1(startup.against.pairedDeltaMs)} ms (medians ${f2(startup.against.ratio)}×)`);
  }
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
      const loaded = formats.loads.find((l) => (l.key ?? l.format) === (r.key ?? r.format))?.loaded;
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
    out.push("        bundle's __dirname ends in \"/\" (\"…/dist/\"), which workerFile() in src/cli/main.ts does not accept (/[\\/]dist$/),");
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

  out.push(`9. Shapes that were quadratic (issue 12), two sizes each, in a child process (${shapes.runs} run${shapes.runs === 1 ? "" : "s"}; time per byte large ÷ small: 1 = linear, 4 = quadratic)`);
  table([
    ["shape", "format", "small", "ms", "large", "ms", "growth"],
    ...shapes.rows.map((r) => {
      const [a, b] = r.sizes;
      const cell = (x) => (x.error ? x.error.slice(0, 40) : f1(x.ms));
      return [r.label, r.format, `${a.kb} KB`, cell(a), `${b.kb} KB`, cell(b), orDash(r.growth, (g) => f2(g) + "×")];
    }),
  ]);
  out.push("");

  out.push("10. Peak memory per input MB (parse + JSON.stringify in a fresh child process; peak RSS − RSS before)");
  table([
    ["input", "MB", "peak RSS MB", "MB per input MB", "JSON MB"],
    ...memory.rows.map((r) => [r.label, f2(r.inputMb), orDash(r.peakMb, f0), r.error ? r.error.slice(0, 40) : orDash(r.mbPerInputMb, f0), orDash(r.jsonMb, f0)]),
  ]);
  out.push("");

  out.push(`11. Export: plan-parse export <dir> -o plans.sqlite --jobs 1 (the corpus of 6., ${exported.files} files, ${f1(exported.bytes / MB)} MB; spawned, peak RSS as in 6.)`);
  table([
    ["command", "runs", "s", "docs/s", "peak RSS MB", "output MB"],
    ...exported.rows.map((r) => [r.label, String(r.runs), f2(r.medianS), f0(r.docsPerS), orDash(r.peakRssMb, f0), f1(r.outputMb)]),
  ]);
  out.push(
    `  peak RSS 2,000 ÷ 500 files: ${orDash(exported.rssGrowth, f2)}× (1 = flat); a .txt run loads the export chunk or SQLite: ${exported.txtLoadsExport === null ? "?" : exported.txtLoadsExport ? "yes" : "no"}` +
      `; export loads node-sqlite3-wasm: ${exported.exportLoadsSqlite === null ? "?" : exported.exportLoadsSqlite ? "yes" : "no"}`,
    "",
  );

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
    ...shapes.rows.map((r) => [`time-per-byte growth, ${r.key}`, orDash(r.growth, (g) => f2(g) + "×"), "(1 = linear)", ""]),
    ...memory.rows.map((r) => [`peak memory per input MB, ${r.key}`, orDash(r.mbPerInputMb, (x) => `${f0(x)} MB`), "(reference)", ""]),
    [`export ${exported.files} files to SQLite`, `${f2(summary.export2000S)} s, peak RSS ${orDash(summary.exportPeakRss2000Mb, f0)} MB`, "(reference)", ""],
    ["export memory, 2,000 ÷ 500 files", `${orDash(exported.rssGrowth, f2)}×`, `target ≤ ${f2(exported.target)}×`, verdict(exported.pass)],
    ["plain .txt loads no export code", exported.txtLoadsExport === false ? "none loaded" : "loaded", "", verdict(exported.txtLoadsExport === false)],
  ]);
  const { total, ...parts } = sectionSeconds;
  out.push("", `bench time ${f0(total)} s (${Object.entries(parts).map(([k, v]) => `${k} ${f1(v)}`).join(" · ")})`);
  console.log(out.join("\n"));
}
