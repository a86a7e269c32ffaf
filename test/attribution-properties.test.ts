// Properties of reading attributions: whatever role word a plan uses, a bracket that names agencies is either
// read (with an `unknown-role` warning when the word is new) or reported as unreadable at its span; it is
// never dropped without a word.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../src/index.js";
import { LEAD_WORDS, RESPONSIBLE_WORDS, SUPPORT_WORDS, GUIDE_WORDS } from "../grammars/responsibility.js";

const KNOWN = new Set<string>([...LEAD_WORDS, ...RESPONSIBLE_WORDS, ...SUPPORT_WORDS, ...GUIDE_WORDS]);
const PARTIES = ["区市场监管局", "区教育局", "市发展改革委", "各街道办事处", "省财政厅", "区卫生健康委", "县住建局", "市大数据中心"];
const CHARS = "督导统筹研究跟进抓好推动促进把关审核监测办理协调组织安排部署谋划调度保障服务".split("");

const party = fc.constantFrom(...PARTIES);
const parties = fc.uniqueArray(party, { minLength: 1, maxLength: 4 });
const unknownWord = fc
  .array(fc.constantFrom(...CHARS), { minLength: 2, maxLength: 4 })
  .map((cs) => cs.join(""))
  // A word holding a character agency names end with (`…部`, `…组`, `办…`) makes a name, not a role:
  // `区市场监管局督组` is one party.
  .filter((w) => !KNOWN.has(w) && ![...KNOWN].some((k) => w.endsWith(k)) && !/[局委办部院室厅署社庭所队站处协会组联]/.test(w));

function planWith(bracket: string): string {
  return `某区2023年工作要点\n一、总体任务\n（一）开展工作。完成年度检查。${bracket}\n`;
}

describe("an unknown role word in a bracket", () => {
  it("gives a task with an unknown-role warning or an unreadable-attribution warning, never silence", () => {
    fc.assert(
      fc.property(parties, unknownWord, fc.constantFrom("（", "("), (ps, word, open) => {
        const bracket = `${open}${ps.join("、")}${word}${open === "（" ? "）" : ")"}`;
        const doc = parsePlan(planWith(bracket));
        const task = doc.outline[0]?.children[0]?.tasks[0];
        const codes = doc.diagnostics.map((d) => d.code);
        if (task) {
          expect(codes).toContain("unknown-role");
          // The parties are kept: none of them is lost to the unknown word.
          const named = [...task.lead, ...task.responsible, ...task.support, ...task.guide];
          for (const p of ps) expect(named.some((n) => n.endsWith(p.replace(/^[区市省县]/, "")))).toBe(true);
        } else {
          expect(codes).toContain("unreadable-attribution");
          expect(doc.stats.unreadableAttributions).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("after a known role word clause still reads the known clause or reports the bracket", () => {
    fc.assert(
      fc.property(parties, parties, unknownWord, (lead, rest, word) => {
        const doc = parsePlan(planWith(`（${lead.join("、")}牵头，${rest.join("、")}${word}）`));
        const task = doc.outline[0]?.children[0]?.tasks[0];
        const codes = doc.diagnostics.map((d) => d.code);
        if (task) {
          expect(task.lead.length).toBeGreaterThan(0);
          expect(codes).toContain("unknown-role");
        } else expect(codes).toContain("unreadable-attribution");
      }),
      { numRuns: 200 },
    );
  });
});

describe("a label with parties that cannot be read", () => {
  it("is reported with its span on its line", () => {
    const doc = parsePlan("某区2023年工作要点\n一、总体任务\n（一）开展工作。\n牵头单位：、；配合单位：\n");
    const d = doc.diagnostics.find((x) => x.code === "unreadable-attribution");
    expect(d?.span.start.line).toBe(4);
    expect(d?.span.start.column).toBe(1);
  });
});
