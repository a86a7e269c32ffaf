// Inputs far larger than any plan: refused by name with the reason, before a tree is built, and the other
// inputs of the batch are still written (issue 12, items 10 and 11).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_HEADINGS, parsePlan } from "../src/parse-plan.js";

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
