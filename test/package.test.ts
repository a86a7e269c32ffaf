// The package as a consumer sees it: the files `npm pack` puts in the tarball, unpacked into a scratch project's
// node_modules, resolved by name through package.json's exports, from a CommonJS project (`require`), an ES
// module (`import`) and a TypeScript file (type-checked against the shipped declarations). Only the package's
// runtime dependencies are linked beside it, so a module that needs a development dependency (pdfjs-dist,
// vendored into dist/) fails here. The registry is not used: the dependencies come from this checkout.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string>; scripts: Record<string, string> };
const scratch = mkdtempSync(join(tmpdir(), "plan-parse-consumer-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

beforeAll(() => {
  // dist/ is built (npm test builds first): pack it as it is, without running prepack's build again.
  const packed = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", scratch], { cwd: ROOT, encoding: "utf8" })) as { filename: string }[];
  const into = join(scratch, "node_modules", "plan-parse");
  mkdirSync(into, { recursive: true });
  execFileSync("tar", ["xzf", join(scratch, packed[0]!.filename), "-C", into, "--strip-components=1"]);
  for (const name of Object.keys(pkg.dependencies)) {
    mkdirSync(dirname(join(scratch, "node_modules", name)), { recursive: true });
    symlinkSync(join(ROOT, "node_modules", name), join(scratch, "node_modules", name), "dir");
  }
  writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0" })); // CommonJS, as `npm init -y` makes it
}, 120_000);

const PLAN = "某区2023年工作要点\\n一、总体任务\\n（一）开展检查。（区市场监管局牵头，区公安分局配合）\\n";
const run = (file: string): string => execFileSync(process.execPath, [file], { cwd: scratch, encoding: "utf8" });

describe("the package from a consumer's project", () => {
  it("require('plan-parse') works from CommonJS", () => {
    writeFileSync(join(scratch, "a.cjs"), `const { parsePlan, eachTask } = require("plan-parse");\nconst doc = parsePlan("${PLAN}");\nfor (const { task } of eachTask(doc)) console.log(task.lead.join(), task.support.join());\n`);
    expect(run("a.cjs")).toBe("区市场监管局 区公安分局\n");
  });

  it("import works from an ES module, and parseFile reads a file by path", () => {
    writeFileSync(join(scratch, "plan.txt"), PLAN.replace(/\\n/g, "\n"));
    writeFileSync(join(scratch, "b.mjs"), `import { parseFile, eachNode } from "plan-parse";\nconst r = await parseFile("plan.txt");\nif (!r.ok) throw new Error(r.problem);\nconsole.log(r.document.source.name, [...eachNode(r.document)].map((v) => v.node.marker + v.depth).join(" "));\nconst bad = await parseFile("missing.txt");\nconsole.log(bad.ok, bad.ok ? "" : bad.problem);\n`);
    expect(run("b.mjs")).toBe("plan.txt 一、0 （一）1\nfalse no such file\n");
  });

  it("reads a PDF with the pdf.js shipped in dist/, and neither pdfjs-dist nor its canvas package is installed", () => {
    writeFileSync(join(scratch, "d.cjs"), `require("plan-parse").parseFile(${JSON.stringify(join(ROOT, "fixtures/formats/003_3fa5fd6deccc4e95.pdf"))}).then((r) => console.log(r.ok, r.ok && r.document.stats.tasks));\n`);
    expect(run("d.cjs")).toBe("true 76\n");
    expect(readdirSync(join(scratch, "node_modules"))).not.toContain("pdfjs-dist");
    const cli = spawnSync(process.execPath, [join(scratch, "node_modules/plan-parse/bin/plan-parse.js"), join(ROOT, "fixtures/formats/000_8d72839633e6c520.pdf"), "-q", "--format", "tree"], { cwd: scratch, encoding: "utf8" });
    expect(cli.status).toBe(0);
    expect(cli.stdout.split("\n")[0]).toBe("2021年马村区食品安全工作要点  (2021)");
  });

  it("runs no script of its own on install (no prepare, preinstall, install or postinstall)", () => {
    for (const script of ["prepare", "preinstall", "install", "postinstall"]) expect(pkg.scripts[script]).toBeUndefined();
    expect(readdirSync(join(scratch, "node_modules", "plan-parse")).sort()).toEqual(["LICENSE", "README.md", "bin", "data", "dist", "package.json"]);
  });

  it("type-checks a TypeScript consumer against the shipped declarations", () => {
    writeFileSync(
      join(scratch, "c.ts"),
      `import { parsePlan, eachTask, type PlanDocument, type Task } from "plan-parse";\nconst doc: PlanDocument = parsePlan("x");\nconst tasks: Task[] = [...eachTask(doc)].map((v) => v.task);\nconst n: number = doc.stats.tasks + tasks.length;\nexport default n;\n`,
    );
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const r = spawnSync(process.execPath, [tsc, "--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--skipLibCheck", "c.ts"], { cwd: scratch, encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
