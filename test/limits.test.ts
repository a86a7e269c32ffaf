// Inputs far larger than any plan: refused by name with the reason, before a tree is built, and the other
// inputs of the batch are still written (issue 12, items 10 and 11).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_HEADINGS, parsePlan } from "../src/pipeline/parse-plan.js";

const ROOT = new URL("..", import.meta.url).pathname;
const SEED = join(ROOT, "fixtures/seeds/000_8d72839633e6c520.txt");
const dir = mkdtempSync(join(tmpdir(), "plan-parse-limits-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a document with more numbered lines than any plan", () => {
  const text = "2021年某区工作要点\n" + "1.\n".repeat(MAX_HEADINGS + 1);

  it("gives the library an error diagnostic with the count, and no tree", () => {
    const t = performance.now();
    const doc = parsePlan(text);
    expect(performance.now() - t).toBeLessThan(5_000);
    expect(doc.outline).toEqual([]);
    expect(doc.diagnostics.map((d) => [d.severity, d.code])).toContainEqual(["error", "too-many-headings"]);
    expect(doc.diagnostics.find((d) => d.code === "too-many-headings")!.message).toContain(String(MAX_HEADINGS + 1));
  });

  it("is refused by name on the command line while the next input is written", () => {
    const big = join(dir, "markers.txt");
    writeFileSync(big, text);
    const out = join(dir, "out") + "/";
    const r = spawnSync(process.execPath, [join(ROOT, "bin/plan-parse.js"), big, SEED, "-o", out, "--jobs", "1"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/markers\.txt: too large to read as a plan: \d+ numbered lines/);
    expect(existsSync(join(out, "000_8d72839633e6c520.json"))).toBe(true);
    expect(existsSync(join(out, "markers.json"))).toBe(false);
  });

  it("stops at the limit, not below it: a plan of many real items is read", () => {
    const items = Array.from({ length: 2000 }, (_, i) => `${i + 1}.开展第${i + 1}项检查。（区市场监管局负责）`).join("\n");
    const doc = parsePlan(`2021年某区工作要点\n一、加强监管\n${items}\n`);
    expect(doc.stats.tasks).toBe(2000);
  });
});

// Issue 12, item 12: shapes that took quadratic time (each doubling multiplied the time by 3–7×). Measured as
// the time per byte at 4× the size over the time per byte at 1×, best of three interleaved runs: about 1 for a
// linear parser, 4 for a quadratic one; the bound leaves room for a noisy machine. The bounds are set where the
// parser before the fix fails them (measured: 2.06 for the chain at 150 → 600 KB, 2.73 and 3.87 for the
// unclosed brackets at 60 → 240 KB) and this one passes with room (0.3–1.1).
describe("shapes that were quadratic parse in linear time", () => {
  const TITLE = "2021年全区食品安全工作要点\n";
  const fill = (unit: string, bytes: number): string => unit.repeat(Math.max(1, Math.round(bytes / Buffer.byteLength(unit))));
  const shapes: Record<string, { bytes: number; bound: number; make: (bytes: number) => string }> = {
    "a glued heading chain with a tail": { bytes: 150_000, bound: 1.8, make: (bytes) => {
      const parts: string[] = [];
      for (let n = 0, size = 0; size < bytes; n++) {
        const p = `${(n % 900) + 1}.开展第${n}项检查。`;
        parts.push(p);
        size += Buffer.byteLength(p);
      }
      return `${TITLE}一、加强监管\n（一）落实责任。\n${parts.join("")}尾部说明文字\n`;
    } },
    "。责任单位：区局 repeated inside an unclosed bracket": { bytes: 60_000, bound: 2.2, make: (bytes) => `${TITLE}一、加强监管\n（一）落实责任（${fill("。责任单位：区局", bytes)}\n` },
    "。工作进度： repeated inside an unclosed bracket": { bytes: 60_000, bound: 2.2, make: (bytes) => `${TITLE}一、加强监管\n（一）落实责任（${fill("。工作进度：", bytes)}\n` },
    "colons with glued markers in one long line": { bytes: 60_000, bound: 2.2, make: (bytes) => `${TITLE}一、加强监管\n（一）落实责任。${fill("具体措施：1．开展检查；", bytes)}\n` },
  };
  it.each(Object.keys(shapes))("%s", (name) => {
    const { bytes, bound, make } = shapes[name]!;
    const small = make(bytes);
    const large = make(4 * bytes);
    const best = (text: string): number => {
      const t = performance.now();
      parsePlan(text);
      return performance.now() - t;
    };
    best(small);
    let ts = Infinity;
    let tl = Infinity;
    for (let i = 0; i < 3; i++) {
      ts = Math.min(ts, best(small));
      tl = Math.min(tl, best(large));
    }
    const ratio = tl / large.length / (ts / small.length);
    expect(ratio, `${name}: ${ts.toFixed(0)} ms → ${tl.toFixed(0)} ms`).toBeLessThan(bound);
  });
});
