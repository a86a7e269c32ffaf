#!/usr/bin/env node
// Counts silent misses on a corpus with gold (the format of shared/gold): attributions the gold has that the
// output lacks and that carry no diagnostic inside the node that should hold them. The goal is 0: a reader may
// miss a form it has never seen, but never without saying so.
//
//   node bench/silent-misses.mjs ../shared/corpus          (after npm run build)
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePlanBytes } from "../dist/index.js";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node bench/silent-misses.mjs CORPUS_DIR (with NAME.txt and NAME.gold.json)");
  process.exit(2);
}
// Party keys as the scorer compares them: nested brackets, blanks, a trailing 等 and a level prefix removed.
const key = (n) => n.replace(/[（(〈〔][^）)〉〕]*[）)〉〕]/g, "").replace(/\s+/g, "").replace(/等$/, "").replace(/^(区|县|市|省)(?!场)/, "");
const taskKey = (under, t) => `${under.join(".")}|${[...t.lead, ...t.responsible, ...t.support, ...(t.guide ?? [])].map(key).sort().join("、")}`;
const WARNED = new Set(["unreadable-attribution", "unknown-role", "unclosed-bracket", "unmatched-bracket"]);

let missed = 0;
let silent = 0;
let goldTasks = 0;
for (const f of readdirSync(dir).filter((x) => x.endsWith(".txt")).sort()) {
  const goldFile = join(dir, f.replace(/\.txt$/, ".gold.json"));
  let gold;
  try {
    gold = JSON.parse(readFileSync(goldFile, "utf8"));
  } catch {
    continue;
  }
  const result = parsePlanBytes(readFileSync(join(dir, f)), { name: f });
  const out = new Map();
  const spans = new Map();
  const walk = (nodes, prefix) =>
    nodes.forEach((n, i) => {
      const path = [...prefix, typeof n.number === "number" ? n.number : i + 1];
      spans.set(path.join("."), n.span);
      for (const t of n.tasks) out.set(taskKey(path, t), (out.get(taskKey(path, t)) ?? 0) + 1);
      walk(n.children, path);
    });
  if (result.ok) walk(result.document.outline, []);
  const diags = result.ok ? result.document.diagnostics.filter((d) => WARNED.has(d.code)) : [];
  let fileSilent = 0;
  for (const t of gold.tasks) {
    goldTasks++;
    const k = taskKey(t.under, t);
    if ((out.get(k) ?? 0) > 0) {
      out.set(k, out.get(k) - 1);
      continue;
    }
    missed++;
    const span = spans.get(t.under.join("."));
    const said = span && diags.some((d) => d.span.start.offset >= span.start.offset && d.span.start.offset <= span.end.offset);
    if (!said) {
      silent++;
      fileSilent++;
    }
  }
  if (fileSilent > 0) console.log(`${f}: ${fileSilent} silent miss(es)`);
}
console.log(`gold attributions ${goldTasks}, missed ${missed}, missed without a diagnostic (silent) ${silent}`);
