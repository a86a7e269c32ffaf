// `--format tree` (src/cli/outline-text.ts) on the seeds: items by printed label and named id, one line per task
// that says which task it is, deadlines on the line of what they belong to, and only characters CJK fonts have.
import { readdirSync, readFileSync } from "node:fs";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { renderOutline } from "../src/cli/outline-text.js";
import { fitWidth, TASK_TEXT_WIDTH } from "../src/outputs/reader-text.js";
import { tableRows } from "../src/outputs/table.js";
import { textWidth } from "../src/outputs/text-width.js";
import { parsePlanBytes } from "../src/pipeline/parse-plan.js";
import type { PlanDocument, PlanNode } from "../src/schema.js";
import { gb2312 } from "./support/charsets.js";

const dir = new URL("../fixtures/seeds/", import.meta.url);
const seeds = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort();

function seed(prefix: string): PlanDocument {
  const file = seeds.find((f) => f.startsWith(prefix))!;
  const result = parsePlanBytes(readFileSync(new URL(file, dir)), { name: file });
  if (!result.ok) throw new Error(result.problem);
  return result.document;
}

const plain = new Chalk({ level: 0 });

function find(nodes: readonly PlanNode[], id: string): PlanNode {
  for (const n of nodes) {
    if (n.id === id) return n;
    if (id.startsWith(`${n.id}.`)) return find(n.children, id);
  }
  throw new Error(`no node ${id}`);
}

/** The lines under the node line `head` that belong to it (deeper indented, up to its first child or sibling). */
function linesOf(text: string, head: string): string[] {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => l.trim() === head);
  if (at < 0) throw new Error(`no line ${head}`);
  const indent = lines[at]!.length - lines[at]!.trimStart().length + 4;
  const out: string[] = [];
  for (const l of lines.slice(at + 1)) {
    if (l.length - l.trimStart().length !== indent) break;
    out.push(l.trim());
  }
  return out;
}

describe("--format tree on seed 000 (马村区)", () => {
  const doc = seed("000");
  const text = renderOutline(doc, plain);

  it("names item （四） by its full printed label 二（四） and its id, labelled", () => {
    expect(text).toContain("\n  二（四） 建设完善“豫冷链”平台  id 2.1\n");
    expect(text).toContain("\n一 全面落实责任，强化对食品安全工作的领导  id 1\n");
    expect(text).toContain("\n  一（一） 全面落实党政同责  id 1.1\n");
  });

  it("labels every item as the table's label column does", () => {
    const heads = new Map<string, string>();
    for (const line of text.split("\n")) {
      const m = /^ *(\S+) .*  id (\d+(?:\.\d+)*)$/.exec(line);
      if (m) heads.set(m[2]!, m[1]!);
    }
    const rows = tableRows(doc);
    expect(heads.size).toBe(new Set(rows.map((r) => r.node_id)).size);
    for (const r of rows) expect(heads.get(r.node_id), r.node_id).toBe(r.label);
  });

  it("starts each of （四）'s two task lines with the start of that task's own text, then its owners and id", () => {
    const four = find(doc.outline, "2.1");
    expect(four.tasks).toHaveLength(2);
    const [first, second] = linesOf(text, "二（四） 建设完善“豫冷链”平台  id 2.1");
    expect(first!.startsWith("建设完善“豫冷链”平台。按照")).toBe(true);
    expect(first).toMatch(/  负责 区市场监管局、区农业农村局、区交通运输局  id 2\.1#1$/);
    expect(second!.startsWith("统筹利用现有资源建立进口冷链")).toBe(true);
    expect(second).toMatch(/  牵头 区市场监管局  配合 区交通运输局  id 2\.1#2$/);
  });

  it("starts every task line of every node with several tasks with its own task's text, cut to a fixed width", () => {
    const check = (nodes: readonly PlanNode[], labels: Map<string, string>): number => {
      let n = 0;
      for (const node of nodes) {
        if (node.tasks.length > 1) {
          const lines = linesOf(text, `${labels.get(node.id)} ${node.title}  id ${node.id}`);
          node.tasks.forEach((task, k) => {
            const line = lines[k]!;
            expect(line.startsWith(Array.from(task.text.replace(/\s+/g, " ")).slice(0, 8).join("")), `${task.id}: ${line}`).toBe(true);
            expect(line.endsWith(`id ${task.id}`)).toBe(true);
            const owners = line.slice(fitWidth(task.text, TASK_TEXT_WIDTH).length);
            expect(owners.startsWith("  ")).toBe(true);
          });
          n++;
        }
        n += check(node.children, labels);
      }
      return n;
    };
    const labels = new Map(tableRows(doc).map((r) => [r.node_id, r.label]));
    expect(check(doc.outline, labels)).toBe(15);
  });

  it("puts a task's deadline on that task's line, and the progress clause's deadlines with their wording on its line", () => {
    const task = find(doc.outline, "6.3").tasks[0]!;
    expect(task.deadlines).toEqual([{ text: "年底前", date: "2021-12-31", kind: "by" }]);
    const line = text.split("\n").find((l) => l.endsWith("id 6.3#1"))!;
    expect(line.trim().startsWith("严厉打击食品安全违法犯罪。")).toBe(true);
    expect(line).toContain("  负责 马村公安分局  时限 2021-12-31（年底前）  id 6.3#1");
    const [, progress] = linesOf(text, "一（一） 全面落实党政同责  id 1.1");
    expect(progress).toBe("进度 按时间节点推进；2021-12-31（年底前）；2021-06-30（6月底前）；2021-12-31（12月底前）；全年不少于4次；全年不少于2次");
  });

  it("names roles 牵头 / 负责 / 配合 / 指导, and people 责任领导 when a task names them", () => {
    const copy = structuredClone(doc);
    const task = find(copy.outline, "2.1").tasks[1]!;
    task.leaders = ["张三", "李四"];
    task.guide = ["市市场监管局"];
    const line = renderOutline(copy, plain).split("\n").find((l) => l.endsWith("id 2.1#2"))!;
    expect(line).toContain("  牵头 区市场监管局  配合 区交通运输局  指导 市市场监管局  责任领导 张三、李四  id 2.1#2");
    expect(text).not.toContain("责任领导");
  });

  it("with colour, the same text under the colours", () => {
    const coloured = renderOutline(doc, new Chalk({ level: 1 }));
    expect(coloured).toMatch(/\u001b\[/);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, "")).toBe(text);
  });
});

describe("--format tree on every seed", () => {
  it.each(seeds)("%s: only ASCII and GB2312 characters (no ⏱ or ▸), besides those of the document itself", (file) => {
    const doc = seed(file.slice(0, 3));
    const source = new Set(readFileSync(new URL(file, dir), "utf8"));
    const text = renderOutline(doc, plain);
    expect(text).not.toMatch(/[⏱▸]/u);
    const odd = [...new Set(text)].filter((ch) => ch > "\u007f" && !gb2312.has(ch) && !source.has(ch));
    expect(odd).toEqual([]);
  });
});

describe("fitWidth", () => {
  it("cuts to the width with … and pads to it, CJK characters counting two columns", () => {
    expect(fitWidth("建设完善“豫冷链”平台。", 12)).toBe("建设完善“豫…");
    expect(textWidth(fitWidth("建设完善“豫冷链”平台。", 12))).toBe(12);
    expect(fitWidth("建设完善", 12)).toBe("建设完善    ");
    expect(fitWidth("建设完善平台", 12)).toBe("建设完善平台");
    expect(fitWidth("建设完善平台。", 12)).toBe("建设完善平… ");
    expect(fitWidth("a\n b", 6)).toBe("a b   ");
  });
});
