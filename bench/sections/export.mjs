// 11. Export: the 2,000-plan corpus into an SQLite database (`plan-parse export <dir> -o plans.sqlite`), with
// time and peak memory at 500 and 2,000 plans (memory should stay flat: documents go in one at a time), a
// second export of the same plans (nothing added), Parquet in the full run, and what a .txt run loads.
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { CLI, CORPUS_FILES, MB, QUICK, largestSeed, median, moduleRequests, tmpDir } from "./common.mjs";
import { makeCorpus, spawnMeasured } from "./corpus.mjs";

/** Peak RSS at 2,000 plans within this factor of the peak at 500: flat. */
export const TARGET_EXPORT_FLAT = 1.25;

const exportArgs = (input, output, extra = []) => [CLI, "export", input, "-o", output, "--jobs", "1", "-q", ...extra];

/** The corpus the corpus section made (or a new one when this section runs alone). */
function corpus(seeds) {
  const dir = join(tmpDir(), "corpus");
  if (existsSync(join(dir, "part-0"))) {
    const parts = readdirSync(dir).sort().map((p) => join(dir, p));
    const files = parts.reduce((n, p) => n + readdirSync(p).length, 0);
    const bytes = parts.reduce((n, p) => n + readdirSync(p).reduce((m, f) => m + statSync(join(p, f)).size, 0), 0);
    if (files === CORPUS_FILES) return { dir, files, bytes, part: { dir: parts[0], files: readdirSync(parts[0]).length } };
  }
  const made = makeCorpus(seeds, dir);
  return { dir, files: made.files, bytes: made.bytes, part: made.parts[0] };
}

const sizeOf = (path) => {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  return st.isDirectory() ? readdirSync(path).reduce((n, f) => n + statSync(join(path, f)).size, 0) : st.size;
};

async function measured(label, key, args, files, output, runs, fresh = true) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    if (fresh) rmSync(output, { recursive: true, force: true });
    const r = await spawnMeasured(args);
    if (r.status !== 0) throw new Error(`${label} exited with ${r.status}: ${r.stderrTail.trim().split("\n").at(-1)}`);
    results.push(r);
  }
  const s = median(results.map((r) => r.ms)) / 1000;
  const rss = results.map((r) => r.maxRssKb).filter((x) => x !== null);
  return { key, label, files, runs, medianS: s, docsPerS: files / s, peakRssMb: rss.length ? median(rss) / 1024 : null, outputMb: sizeOf(output) / MB };
}

const LAZY_EXPORT = (q) => q === "node-sqlite3-wasm" || q.startsWith("node-sqlite3-wasm/") || /(^|\/)export\.cjs$/.test(q);

export async function measureExport(seeds) {
  const c = corpus(seeds);
  const db = join(tmpDir(), "export.sqlite");
  const runs = QUICK ? 1 : 2;
  const rows = [];
  rows.push(await measured(`export <${c.part.files} files> -o plans.sqlite`, "sqlite-500", exportArgs(c.part.dir, db), c.part.files, db, runs));
  rows.push(await measured(`export <${c.files} files> -o plans.sqlite`, "sqlite-2000", exportArgs(c.dir, db), c.files, db, runs));
  // The file from the last run is there: the same 2,000 plans again add nothing.
  rows.push(await measured(`the same ${c.files} files again (nothing added)`, "sqlite-again", exportArgs(c.dir, db), c.files, db, 1, false));
  if (!QUICK) {
    const dir = join(tmpDir(), "export-parquet") + "/";
    rows.push(await measured(`export <${c.files} files> -o plans/ (Parquet)`, "parquet-2000", exportArgs(c.dir, dir), c.files, dir, 1));
    rmSync(dir, { recursive: true, force: true });
  }
  rmSync(db, { force: true });
  const row = (key) => rows.find((r) => r.key === key);
  const small = row("sqlite-500").peakRssMb;
  const large = row("sqlite-2000").peakRssMb;
  const growth = small && large ? large / small : null;
  // What a plain .txt run loads: neither the export chunk nor SQLite.
  const txt = moduleRequests([CLI, largestSeed(seeds).path]);
  const txtLoadsExport = txt ? txt.some(LAZY_EXPORT) : null;
  const exportLoads = moduleRequests(exportArgs(largestSeed(seeds).path, join(tmpDir(), "one.sqlite")));
  return {
    files: c.files,
    bytes: c.bytes,
    rows,
    rssGrowth: growth,
    target: TARGET_EXPORT_FLAT,
    pass: growth !== null && growth <= TARGET_EXPORT_FLAT,
    txtLoadsExport,
    exportLoadsSqlite: exportLoads ? exportLoads.some((q) => q === "node-sqlite3-wasm") : null,
  };
}
