// 7. Scaling to 50 MB: one plan, not many plans glued together.

import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  MB,
  TARGET_LINEAR,
  HUGE_SIZES_MB,
  cfg,
  median,
  timeRuns,
  mbps,
  parser,
  tmpDir,
  chineseNumber,
  ZH,
  MARKER_RES,
  markerLevel,
} from "./common.mjs";

/**
 * One plan of `sizeMb`: a title, then the seeds' bodies (from their first numbering marker) over and over with
 * every heading renumbered so the numbering runs on. Each seed's levels move down one (its 一、 becomes （n）,
 * and so on, by the levels it uses), under top-level sections 一、 … that each take up to 110 of them: the
 * lexer reads at most four Chinese digits (一百一十), so 110 × 110 seed sections (≈ 60 MB) fit. Seeds whose
 * text is PDF-extracted are left out: their hard wraps are joined per document, which a mixed text defeats.
 */
export function onePlan(bodies, sizeMb) {
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

export function seedBodies(parsePlanBytes, seeds) {
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

export function measureHuge(parsePlanBytes, seeds) {
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
