// The package as a consumer sees it: resolved by name through package.json's exports, from a CommonJS project
// (`require`), an ES module (`import`) and a TypeScript file (type-checked against the shipped declarations).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const scratch = mkdtempSync(join(tmpdir(), "plan-parse-consumer-"));
mkdirSync(join(scratch, "node_modules"));
symlinkSync(ROOT, join(scratch, "node_modules", "plan-parse"), "dir");
writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0" })); // CommonJS, as `npm init -y` makes it
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

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
