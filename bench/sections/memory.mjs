// 10. Peak memory per input MB: one input of each kind parsed and serialized to JSON (as the CLI does) in a
//     fresh child process; (peak RSS − RSS before the input was made) ÷ input MB. Plain text is the seeds
//     repeated; headings-only is 一、x / （一）x alternating; markers-only is a bare `1.` per line (the input
//     whose JSON is largest per byte).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { MB, QUICK, ROOT, SEEDS, SELF } from "./common.mjs";

const TITLE = "2021年全区食品安全工作要点\n";

export const MEMORY_INPUTS = {
  plain: { label: "plain text (seeds repeated)", mb: 5 },
  headings: { label: "headings only (一、x / （一）x)", mb: 1 },
  markers: { label: "markers only (1. per line)", mb: 0.5 },
};

function makeInput(key, mb) {
  const bytes = mb * MB;
  if (key === "headings") return TITLE + "一、x\n（一）x\n".repeat(Math.round(bytes / Buffer.byteLength("一、x\n（一）x\n")));
  if (key === "markers") return TITLE + "1.\n".repeat(Math.round(bytes / 3));
  const seeds = readdirSync(SEEDS).filter((f) => f.endsWith(".txt")).sort().map((f) => readFileSync(SEEDS + f, "utf8").replace(/^\ufeff/, ""));
  const parts = [];
  for (let size = 0, i = 0; size < bytes; i++) {
    parts.push(seeds[i % seeds.length]);
    size += Buffer.byteLength(seeds[i % seeds.length]);
  }
  return parts.join("\n\n");
}

/** Child: RSS before, then the input made, parsed and serialized; the peak. */
export async function memoryCase(lib, key, mb) {
  if (globalThis.gc) globalThis.gc();
  const before = process.memoryUsage().rss;
  const bytes = Buffer.from(makeInput(key, Number(mb)));
  const r = lib.parsePlanBytes(bytes, { name: `${key}.txt` });
  if (!r.ok) return { error: r.problem };
  let jsonChars = null;
  try {
    jsonChars = JSON.stringify(r.document, null, 2).length;
  } catch (e) {
    return { error: e.message };
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  return { bytes: bytes.length, beforeMb: before / 1048576, peakMb: peak / 1048576, jsonChars, nodes: r.document.outline.length };
}

export function measureMemory() {
  const rows = [];
  for (const [key, input] of Object.entries(MEMORY_INPUTS)) {
    const mb = QUICK ? input.mb / 2 : input.mb;
    const r = spawnSync(process.execPath, ["--expose-gc", SELF, "--child", "memory", key, String(mb)], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 20 });
    let res;
    try {
      res = JSON.parse(r.stdout.trim().split("\n").at(-1));
    } catch {
      res = { error: `crashed (${r.status ?? r.signal})` };
    }
    const inputMb = res.bytes ? res.bytes / MB : mb;
    rows.push({
      key,
      label: input.label,
      inputMb,
      peakMb: res.peakMb ?? null,
      mbPerInputMb: res.peakMb ? (res.peakMb - res.beforeMb) / inputMb : null,
      jsonMb: res.jsonChars ? res.jsonChars / MB : null,
      error: res.error ?? null,
    });
  }
  return { rows };
}
