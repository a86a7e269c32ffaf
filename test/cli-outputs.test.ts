// `-o` as users expect, through the built binary: the format follows the extension (or a disagreeing
// --format is refused), `-o -` is standard output, `-o dir/` mirrors the inputs' folders, and `table` and
// `agencies` write .xlsx — with plan-parse's own writer, no spreadsheet library loaded (exceljs, a development
// dependency, only reads the workbooks back here).
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endsWithSeparator, formatOfName, mirroredNames } from "../src/cli/output-target.js";
import { parseYaml } from "../src/input/yaml-data.js";
import { runRecordingLoads } from "./helpers/loaded-modules.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const S000 = "fixtures/seeds/000_8d72839633e6c520.txt";
const S003 = "fixtures/seeds/003_3fa5fd6deccc4e95.txt";
let tmp = "";

function cli(args: string[], options: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/plan-parse.js"), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined },
    input: options.input,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, text: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

function fresh(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist/cli.cjs"))) spawnSync(process.execPath, ["build.mjs", "--no-types"], { cwd: ROOT });
  tmp = mkdtempSync(join(tmpdir(), "plan-parse-outputs-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the format follows -o's extension", () => {
  it("plan-parse -o x.yaml / x.ndjson / x.tree.txt / x.txt writes YAML, NDJSON, the outline", () => {
    const dir = fresh("ext");
    for (const name of ["a.yaml", "a.yml", "a.ndjson", "a.tree.txt", "a.txt", "a.json"]) expect(cli([S000, "-q", "-o", join(dir, name)]).status, name).toBe(0);
    expect((parseYaml(readFileSync(join(dir, "a.yaml"), "utf8")) as { schema: string }).schema).toBe("plan-parse/v1");
    expect(readFileSync(join(dir, "a.yml"), "utf8")).toBe(readFileSync(join(dir, "a.yaml"), "utf8"));
    const nd = readFileSync(join(dir, "a.ndjson"), "utf8");
    expect(nd.split("\n")).toHaveLength(2);
    expect(JSON.parse(nd).schema).toBe("plan-parse/v1");
    expect(readFileSync(join(dir, "a.tree.txt"), "utf8")).toBe(readFileSync(join(dir, "a.txt"), "utf8"));
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toMatch(/^2021年马村区食品安全工作要点/);
    expect(JSON.parse(readFileSync(join(dir, "a.json"), "utf8")).schema).toBe("plan-parse/v1");
  });

  it("refuses -o and --format that disagree, in one line, writing nothing", () => {
    const dir = fresh("mismatch");
    for (const args of [
      [S000, "-o", join(dir, "a.json"), "--format", "yaml"],
      ["table", S000, "-o", join(dir, "a.csv"), "--format", "tsv"],
      ["agencies", S000, "-o", join(dir, "a.xlsx"), "--format", "csv"],
    ]) {
      const r = cli(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(r.stderr).toMatch(/the name says (json|csv|xlsx), --format says (yaml|tsv|csv)/);
    }
    expect(readdirSync(dir)).toEqual([]);
    // agreeing is fine
    expect(cli([S000, "-q", "-o", join(dir, "b.yaml"), "--format", "yaml"]).status).toBe(0);
  });

  it("refuses a format the command does not write, naming the command that does", () => {
    const dir = fresh("other");
    const csv = cli([S000, "-o", join(dir, "a.csv")]);
    expect(csv.status).toBe(2);
    expect(csv.stderr).toMatch(/plan-parse writes json, yaml, tree, ndjson, not csv \(plan-parse table or plan-parse agencies does\)/);
    const sqlite = cli(["table", S000, "-o", join(dir, "plans.sqlite")]);
    expect(sqlite.status).toBe(2);
    expect(sqlite.stderr).toMatch(/not sqlite \(plan-parse export does\)/);
    expect(cli(["agencies", S000, "-o", join(dir, "a.yaml")]).stderr).toMatch(/plan-parse agencies writes table, csv, json, xlsx, not yaml/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("table -o x.tsv / x.ndjson / x.csv; agencies -o x.csv / x.json / x.txt", () => {
    const dir = fresh("table-ext");
    expect(cli(["table", S000, "-q", "-o", join(dir, "t.tsv")]).status).toBe(0);
    expect(readFileSync(join(dir, "t.tsv"), "utf8").split("\n")[0]).toMatch(/^task_id\tnode_id\t/);
    expect(cli(["table", S000, "-q", "-o", join(dir, "t.ndjson")]).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "t.ndjson"), "utf8").split("\n")[0]!)).toHaveProperty("task_id");
    expect(cli(["table", S000, "-q", "-o", join(dir, "t.csv")]).status).toBe(0);
    expect(readFileSync(join(dir, "t.csv"), "utf8")).toMatch(/^\uFEFFtask_id,/);
    expect(cli(["agencies", S000, "-q", "-o", join(dir, "a.csv")]).status).toBe(0);
    expect(readFileSync(join(dir, "a.csv"), "utf8")).toMatch(/^\uFEFFagency,key,/);
    expect(cli(["agencies", S000, "-q", "-o", join(dir, "a.json")]).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "a.json"), "utf8"))).toHaveProperty("agencies");
    expect(cli(["agencies", S000, "-q", "-o", join(dir, "a.txt")]).status).toBe(0);
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toMatch(/^agency\s+000_8d72839633e6c520\s+total/);
  });

  it("a name with no known extension takes --format or the default, as before", () => {
    const dir = fresh("noext");
    expect(cli(["table", S000, "-q", "-o", join(dir, "tasks"), "--format", "tsv"]).status).toBe(0);
    expect(readFileSync(join(dir, "tasks"), "utf8")).toMatch(/^task_id\t/);
    expect(cli([S000, "-q", "-o", join(dir, "plan.out")]).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "plan.out"), "utf8")).schema).toBe("plan-parse/v1");
  });
});

describe("-o - is standard output", () => {
  it("for the parse command, table and agencies", () => {
    const parse = cli([S000, "-q", "-o", "-"]);
    expect(parse.status).toBe(0);
    expect(JSON.parse(parse.text).schema).toBe("plan-parse/v1");
    expect(existsSync(join(ROOT, "-"))).toBe(false);
    const table = cli(["table", S000, "-q", "-o", "-"]);
    expect(table.text).toMatch(/^\uFEFFtask_id,/);
    const yaml = cli([S000, "-q", "-o", "-", "--format", "yaml"]);
    expect(yaml.text).toMatch(/^schema: plan-parse\/v1/);
  });

  it("an .xlsx goes to standard output when it is not a terminal", async () => {
    const r = cli(["table", S000, "-q", "--format", "xlsx"]);
    expect(r.status).toBe(0);
    expect(r.stdout.subarray(0, 2).toString("latin1")).toBe("PK");
    const wb = await workbook(r.stdout);
    expect(wb.getWorksheet("tasks")!.rowCount).toBe(1 + 73);
  });
});

describe("-o dir/ mirrors the inputs' folders", () => {
  it("two 2021年工作要点.txt in different folders no longer collide", () => {
    const dir = fresh("mirror");
    mkdirSync(join(dir, "plans", "马村区"), { recursive: true });
    mkdirSync(join(dir, "plans", "示范区"), { recursive: true });
    copyFileSync(join(ROOT, S000), join(dir, "plans", "马村区", "2021年工作要点.txt"));
    copyFileSync(join(ROOT, S003), join(dir, "plans", "示范区", "2021年工作要点.txt"));
    const r = cli(["plans", "-q", "-o", "out/"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["示范区", "马村区"].sort());
    const a = JSON.parse(readFileSync(join(dir, "out", "马村区", "2021年工作要点.json"), "utf8"));
    const b = JSON.parse(readFileSync(join(dir, "out", "示范区", "2021年工作要点.json"), "utf8"));
    expect(a.meta.title).toBe("2021年马村区食品安全工作要点");
    expect(b.meta.title).toBe("2021年焦作市示范区食品安全工作要点");
    // files given one by one: the same
    const again = cli([join("plans", "马村区", "2021年工作要点.txt"), join("plans", "示范区", "2021年工作要点.txt"), "-q", "--format", "yaml", "-o", "out2/"], { cwd: dir });
    expect(again.status).toBe(0);
    expect(readdirSync(join(dir, "out2", "马村区"))).toEqual(["2021年工作要点.yaml"]);
  });

  it("a single folder of plans gives a flat directory", () => {
    const dir = fresh("flat");
    const r = cli(["fixtures/seeds", "-q", "-o", join(dir, "out") + "/"]);
    expect(r.status).toBe(0); // fixtures/seeds/README.md is the folder's note, left out with a notice
    expect(readdirSync(join(dir, "out")).sort()).toEqual(
      readdirSync(join(ROOT, "fixtures/seeds"))
        .filter((f) => f.endsWith(".txt"))
        .map((f) => f.replace(/\.txt$/, ".json"))
        .sort(),
    );
  });

  it("mirroredNames: folders below a directory argument; a file argument by its name; on a clash, below the common folder", () => {
    expect(mirroredNames([{ path: "plans/a/x.txt" }, { path: "plans/b/x.txt" }], ".json", ["plans"])).toEqual([join("a", "x.json"), join("b", "x.json")]);
    expect(mirroredNames([{ path: "plans/a/x.txt" }, { path: "plans/a/y.md" }], ".yaml", ["plans"])).toEqual([join("a", "x.yaml"), join("a", "y.yaml")]);
    expect(mirroredNames([{ path: "a/x.txt" }, { path: "-" }], ".json")).toEqual(["x.json", "stdin.json"]);
    expect(mirroredNames([{ path: "/tmp/big.txt" }, { path: "fixtures/seeds/000.txt" }], ".json")).toEqual(["big.json", "000.json"]);
    expect(mirroredNames([{ path: "/srv/p/2021/x.txt" }, { path: "/srv/q/x.txt" }], ".json")).toEqual([join("p", "2021", "x.json"), join("q", "x.json")]);
  });

  it("out\\ is a directory on Windows (and a file name elsewhere)", () => {
    expect(endsWithSeparator("out\\", "win32")).toBe(true);
    expect(endsWithSeparator("out/", "win32")).toBe(true);
    expect(endsWithSeparator("out\\", "linux")).toBe(false);
    expect(endsWithSeparator("out/", "linux")).toBe(true);
    expect(formatOfName("C:\\plans\\out.XLSX")).toBe("xlsx");
    expect(formatOfName("a.tree.txt")).toBe("tree");
    expect(formatOfName("a.jsonl")).toBe("ndjson");
    expect(formatOfName("a")).toBeUndefined();
  });

  it("table and agencies write one file: -o dir/ is refused in one line", () => {
    for (const command of ["table", "agencies"]) {
      const r = cli([command, S000, "-q", "-o", join(tmp, "nodir") + "/"]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/a directory, not a regular file/);
    }
    expect(existsSync(join(tmp, "nodir"))).toBe(false);
  });
});

describe(".xlsx through the binary", () => {
  it("table -o tasks.xlsx on the five seeds: one tasks row per table row, ids as text", async () => {
    const dir = fresh("xlsx");
    const out = join(dir, "tasks.xlsx");
    const r = cli(["table", "fixtures/seeds", "-q", "-o", out]);
    expect(r.status).toBe(0); // README.md is left out (a folder note); the five seeds are read
    const ws = (await workbook(readFileSync(out))).getWorksheet("tasks")!;
    expect(ws.rowCount).toBe(1 + 354);
    const ids = (ws.getRow(1).values as unknown[]).indexOf("node_id");
    const values = [...Array(354).keys()].map((i) => ws.getRow(i + 2).getCell(ids));
    expect(values.every((c) => c.type === ExcelJS.ValueType.String)).toBe(true);
    expect(values.map((c) => c.value)).toContain("2.10");
    expect(readdirSync(dir)).toEqual(["tasks.xlsx"]);
  });

  it("agencies -o a.xlsx --aliases: the wide and the long sheet, aliases applied", async () => {
    const dir = fresh("xlsx-agencies");
    writeFileSync(join(dir, "aliases.yaml"), "区政府食品安全委相关成员单位: [区食安委相关成员单位, 区食安委有关成员单位, 区政府食品安全委有关成员单位]\n");
    const out = join(dir, "a.xlsx");
    const r = cli(["agencies", S000, S003, "-q", "-o", out, "--aliases", join(dir, "aliases.yaml")]);
    expect(r.status).toBe(0);
    const wb = await workbook(readFileSync(out));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["agencies", "long"]);
    const names = [...Array(wb.getWorksheet("agencies")!.rowCount - 1).keys()].map((i) => wb.getWorksheet("agencies")!.getRow(i + 2).getCell(1).value);
    expect(names).toContain("区政府食品安全委相关成员单位");
    expect(names).not.toContain("区食安委相关成员单位");
    expect(names).not.toContain("区卫健委");
  });

  it("writes an .xlsx loading nothing more than a .csv needs, and never exceljs", () => {
    const loaded = (args: string[]): string[] => runRecordingLoads(args).loaded;
    const excel = (list: string[]) => list.some((q) => q === "exceljs" || q.startsWith("exceljs/"));
    expect(excel(loaded([S000, "-q"]))).toBe(false);
    expect(excel(loaded(["table", S000, "-q"]))).toBe(false);
    expect(excel(loaded(["agencies", S000, "-q"]))).toBe(false);
    const xlsx = loaded(["table", S000, "-q", "-o", join(tmp, "lazy.xlsx")]);
    expect(excel(xlsx)).toBe(false);
    expect(readFileSync(join(tmp, "lazy.xlsx")).subarray(0, 2).toString("latin1")).toBe("PK");
    expect(xlsx).toEqual(loaded(["table", S000, "-q", "-o", join(tmp, "lazy.csv")]));
  });

  it("loads node:crypto only when it hashes a source, not to start (--version, help)", () => {
    const hook = join(tmp, "record-builtins.cjs");
    writeFileSync(hook, `process.on("exit", () => require("node:fs").writeSync(2, "\\n@@builtins " + JSON.stringify(process.moduleLoadList) + "\\n"));\n`);
    const crypto = (args: string[]): boolean => {
      const r = spawnSync(process.execPath, ["-r", hook, join(ROOT, "bin/plan-parse.js"), ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
      expect(r.status).toBe(0);
      return (JSON.parse(/@@builtins (.*)\n/.exec(r.stderr)![1]!) as string[]).includes("NativeModule crypto");
    };
    expect(crypto(["--version"])).toBe(false);
    expect(crypto(["help"])).toBe(false);
    expect(crypto([S000, "-q"])).toBe(true);
  });
});

describe("diff --aliases", () => {
  it("extends the agency table for diff too: a name the aliases join is no owner change", () => {
    const dir = fresh("diff-aliases");
    writeFileSync(join(dir, "aliases.yaml"), "区政府食品安全委相关成员单位: [区食安委相关成员单位, 区食安委有关成员单位, 区政府食品安全委有关成员单位]\n");
    type Report = { findings: { kind: string; removed?: string[]; added?: string[] }[] };
    const count = (report: Report) =>
      report.findings.filter((f) => f.kind === "owners-changed" && (f.removed ?? []).some((x) => x.startsWith("区政府食品安全委")) && (f.added ?? []).some((x) => x.startsWith("区食安委"))).length;
    const plain = JSON.parse(cli(["diff", S000, S003, "--format", "json", "-q"]).text) as Report;
    const joined = JSON.parse(cli(["diff", S000, S003, "--format", "json", "-q", "--aliases", join(dir, "aliases.yaml")]).text) as Report;
    expect(count(plain)).toBeGreaterThan(0);
    expect(count(joined)).toBe(0);
    const bad = cli(["diff", S000, S003, "--aliases", "fixtures/aliases/bad-shape.yaml"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });
});
