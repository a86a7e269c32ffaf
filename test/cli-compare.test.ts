// The comparing commands and whole corpora, end to end through the built binary: diff, table, agencies,
// directories, --jobs, NDJSON streaming, and one bad file among many.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiffReport } from "../src/diff/schema.js";
import { PlanDocumentSchema } from "../src/index.js";
import { countByKind, summaryCounts } from "./support/diff-summary.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const S000 = "fixtures/seeds/000_8d72839633e6c520.txt";
const S003 = "fixtures/seeds/003_3fa5fd6deccc4e95.txt";
let tmp = "";

function cli(args: string[], input?: string, env: Record<string, string | undefined> = { NO_COLOR: "1", FORCE_COLOR: undefined }) {
  const r = spawnSync(process.execPath, ["bin/plan-parse.js", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    input,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist/cli.cjs"))) spawnSync(process.execPath, ["build.mjs", "--no-types"], { cwd: ROOT });
  tmp = mkdtempSync(join(tmpdir(), "plan-parse-compare-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("plan-parse diff", () => {
  it("finds 马村区 and 焦作市示范区 different (exit 1), with section 三's new title and 区食药监分局 taking over", () => {
    const r = cli(["diff", S000, S003, "--format", "json"]);
    expect(r.status).toBe(1);
    const report = DiffReport.parse(JSON.parse(r.stdout));
    expect(report.equal).toBe(false);
    const titles = report.findings.filter((f) => f.kind === "title-changed" && f.b?.marker === "三、");
    expect(titles).toHaveLength(1);
    // 区食药监分局 is 区市场监管局 before the 2018 reform: a renaming, not an owner change
    const renamed = report.findings.filter((f) => f.kind === "owner-renamed" && f.b?.marker === "（四）" && f.role === "lead");
    expect(renamed[0]).toMatchObject({ from: "区市场监管局", to: "区食药监分局", steps: [{ year: 2018 }] });
    expect(report.findings.filter((f) => f.kind === "owners-changed" && f.b?.marker === "（四）" && f.role === "lead")).toEqual([]);
    expect(report.findings.some((f) => f.b?.marker === "（七）" && f.kind === "task-added")).toBe(true);
  });

  it("prints a readable review as text: items by label and named id, marked changes, Chinese roles", () => {
    const r = cli(["diff", S000, S003, "--format", "text"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("\n二（四） 建设完善“豫冷链”平台  id 2.1\n");
    expect(r.stdout).toContain("\n  title: [-突出示范引领，深化食品安全示范市建设-]{+巩固创建成果，推动食品安全建设提档升级+}\n");
    expect(r.stdout).toContain("\n  牵头: 区市场监管局 → 区食药监分局  renamed (食品药品监督管理局 → 市场监督管理局, 2018)  task id 2.1#2\n");
    expect(r.stdout).not.toMatch(/\b(lead|responsible|support|guide)\b/);
  });

  it("opens the text with a summary whose counts are those of the JSON's findings by kind", () => {
    const json = DiffReport.parse(JSON.parse(cli(["diff", S000, S003, "--format", "json"]).stdout));
    const lines = cli(["diff", S000, S003, "--format", "text"]).stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual([expect.stringMatching(/^diff /), expect.stringMatching(/^a: /), "", "summary"]);
    const block = lines.slice(3, lines.indexOf("", 3));
    expect(block).toContain(`  ${json.findings.length} findings:`);
    expect(summaryCounts(block)).toEqual(countByKind(json.findings));
  });

  it("with FORCE_COLOR=1 colours the changes and keeps their [-…-]{+…+} marks", () => {
    const r = cli(["diff", S000, S003, "--format", "text"], undefined, { NO_COLOR: undefined, FORCE_COLOR: "1" });
    expect(r.stdout).toMatch(/\u001b\[31m\[-/);
    expect(r.stdout).toMatch(/\u001b\[32m\{\+/);
    expect(r.stdout.replace(/\u001b\[[0-9;]*m/g, "")).toBe(cli(["diff", S000, S003, "--format", "text"]).stdout);
  });

  it("finds a plan equal to its own JSON output (exit 0)", () => {
    const json = join(tmp, "000.json");
    writeFileSync(json, cli([S000, "-q"]).stdout);
    const r = cli(["diff", S000, json, "--format", "json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ equal: true, findings: [] });
  });

  it("leaves out what --ignore names", () => {
    const r = cli(["diff", S000, S003, "--format", "json", "--ignore", "text,title,owners,deadlines,progress"]);
    const kinds = new Set((JSON.parse(r.stdout) as { findings: { kind: string }[] }).findings.map((f) => f.kind));
    expect([...kinds].filter((k) => /title|text|owners|deadline|progress/.test(k))).toEqual([]);
  });

  it("exits 2 on a missing plan or an unknown --ignore kind, with one line", () => {
    const missing = cli(["diff", S000, "nope.txt"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split("\n")).toEqual([expect.stringContaining("nope.txt: no such file")]);
    expect(cli(["diff", S000, S003, "--ignore", "colour"]).status).toBe(2);
  });

  it("reads one side from standard input (-), which can be read only once", () => {
    const r = cli(["diff", "-", S003, "--format", "json"], readFileSync(join(ROOT, S000), "utf8"));
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ a: { name: "<stdin>" }, equal: false });
  });

  it("prints the plan-parse-diff/v1 JSON Schema", () => {
    const r = cli(["schema", "--diff"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty("$schema");
  });
});

describe("plan-parse table", () => {
  it("writes CSV for Excel: BOM, one header, one row per task or task-less node, CRLF", () => {
    const r = cli(["table", S000, S003, "-q"]);
    expect(r.status).toBe(0);
    expect(
      r.stdout.startsWith(
        "\ufefftask_id,node_id,label,section,item,task_text,lead,responsible,support,guide,leaders,deadline_date,deadline_text,progress,plan_title,issuer,year,region,file,path,kind\r\n",
      ),
    ).toBe(true);
    expect(r.stdout.match(/\ufeff/g)).toHaveLength(1);
    expect(r.stdout.match(/^\ufeff?task_id,/gm)).toHaveLength(1);
    expect(r.stdout).toContain("\r\n2.1#2,'2.1,二（四）,");
    expect(r.stdout).toContain(",2021年马村区食品安全工作要点,,2021,马村区,000_8d72839633e6c520.txt,fixtures/seeds/000_8d72839633e6c520.txt,task\r\n");
  });

  it("writes NDJSON rows that name their document", () => {
    const rows = cli(["table", S003, "--format", "ndjson", "-q"]).stdout.trim().split("\n").map((l) => JSON.parse(l) as { path: string; file: string; plan_title: string; lead: string[] });
    expect(rows.length).toBeGreaterThan(76);
    expect(rows.every((r) => r.path === S003 && r.file === "003_3fa5fd6deccc4e95.txt" && r.plan_title === "2021年焦作市示范区食品安全工作要点")).toBe(true);
    expect(rows.some((r) => r.lead.includes("区食药监分局"))).toBe(true);
  });
});

describe("plan-parse agencies", () => {
  it("counts 区市场监管局 in 马村区 and 区食药监分局 in 焦作市示范区, as JSON", () => {
    const m = JSON.parse(cli(["agencies", S000, S003, "--format", "json", "-q"]).stdout) as {
      documents: string[];
      agencies: { name: string; counts: Record<string, { lead: number; total: number }> }[];
    };
    const row = (name: string) => m.agencies.find((a) => a.name === name)!;
    expect(row("区市场监管局").counts[S000]).toMatchObject({ lead: 5, total: 40 });
    expect(row("区市场监管局").counts[S003]!.total).toBe(0);
    expect(row("区食药监分局").counts[S003]).toMatchObject({ lead: 6, total: 41 });
  });

  it("merges variants listed in --aliases, and exits 2 on a bad aliases file", () => {
    const m = JSON.parse(cli(["agencies", S000, S003, "--format", "json", "-q", "--aliases", "fixtures/aliases/seeds.yaml"]).stdout) as { agencies: { name: string }[] };
    expect(m.agencies.some((a) => a.name === "区食安办")).toBe(false);
    const bad = cli(["agencies", S000, "--aliases", "fixtures/aliases/bad-shape.yaml"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("many inputs", () => {
  it("reads a directory recursively, in sorted order, and streams NDJSON in input order", () => {
    const r = cli(["fixtures/seeds", "--format", "ndjson", "-q"]);
    expect(r.status).toBe(0); // fixtures/seeds/README.md is the folder's note, left out with a notice
    expect(r.stderr).toContain("1 folder note (README.md)");
    const names = r.stdout.trim().split("\n").map((l) => (JSON.parse(l) as { source: { name: string } }).source.name);
    expect(names).toEqual(readdirSync(join(ROOT, "fixtures/seeds")).filter((f) => f.endsWith(".txt")).sort().map((f) => `fixtures/seeds/${f}`));

    expect(r.stderr).not.toContain("failed");
  });

  it("gives the same bytes with --jobs 1 and --jobs 2 on a corpus large enough for worker threads", () => {
    const corpus = join(tmp, "corpus");
    for (let i = 0; i < 6; i++) cpSync(join(ROOT, "fixtures/seeds"), join(corpus, `d${i}`), { recursive: true, filter: (f) => !f.endsWith(".json") && !f.endsWith(".md") });
    const one = cli([corpus, "--format", "ndjson", "-q", "--jobs", "1"]);
    const two = cli([corpus, "--format", "ndjson", "-q", "--jobs", "2"]);
    expect(one.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout.trim().split("\n")).toHaveLength(30);
  });

  it("keeps going past a bad file: the others are written to -o dir/, the summary names the bad one, exit 2", () => {
    const out = join(tmp, "out") + "/";
    const r = cli([S000, "fixtures/bad-input/magic.pdf", S003, "-o", out, "-q"]);
    expect(r.status).toBe(2);
    expect(readdirSync(out).sort()).toEqual(["000_8d72839633e6c520.json", "003_3fa5fd6deccc4e95.json"]);
    for (const f of readdirSync(out)) expect(PlanDocumentSchema.safeParse(JSON.parse(readFileSync(join(out, f), "utf8"))).success).toBe(true);
    expect(r.stderr).toMatch(/magic\.pdf: .*\nplan-parse: 1 of 3 inputs failed/);
  });

  it("prints no progress bar when standard error is not a terminal", () => {
    const r = cli(["fixtures/seeds", "fixtures/formats", "--format", "ndjson", "-q"]);
    expect(r.stderr).not.toMatch(/█|ETA/);
  });
});
