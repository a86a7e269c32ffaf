// Plan-like strings for fuzzing: fragments of real plans (numbering markers of every style, owners' brackets
// and labels, progress clauses, deadlines, front matter), glued, cut and mutated by a seeded generator, so a
// failure reproduces from its index. Fast (no fast-check machinery): the fuzz suite runs 100,000 of them.

/** mulberry32: small, fast, and the same sequence on every platform. */
export function rng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MARKERS = [
  "一、", "二、", "十一、", "（一）", "（二）", "(三)", "（十二）", "1.", "2．", "3、", "10.", "（1）", "(2)", "3）", "①", "②", "⑩",
  "第一条", "第二章", "一是", "二是", "[bookmark: _GoBack]1.", "　　一、", "  （三）", "\t2.",
];
const WORDS = [
  "加强食品安全监管", "落实属地管理责任", "开展专项整治行动", "推进“双安双创”", "建设完善“豫冷链”平台", "强化督导检查",
  "全面落实党政同责", "严格进口冷链食品管理", "食品安全", "工作", "各街道办事处要", "按照“应用尽用”的原则", "切实",
];
const OWNERS = [
  "（区市场监管局牵头，区农业农村局等配合）", "（区食安办）", "（责任单位：区市场监管局、区卫生健康委）", "(牵头单位：区教育局；配合单位：区公安分局)",
  "（区市场监管局、农业农村局、交通运输局等按职责分工负责）", "（各乡镇人民政府负责）", "（区住建局（交通运输局）配合）", "（指导单位：市局）",
  "（", "）", "(", ")", "（区市场监管局牵头", "责任单位：区局", "牵头单位：", "配合单位：区农业农村局", "〈区局〉",
];
const PROGRESS = [
  "工作进度：6月底前完成。", "完成时限：2021年12月31日前", "时间节点：全年", "工作进度：按时间节点推进", "每季度开展一次", "全年不少于4次",
  "9月底前", "长期坚持", "2022年3月", "第三季度", "上半年", "12月31日前完成",
];
const PUNCT = ["。", "，", "；", "：", "、", "\n", "\n", "\n", "\r\n", "\r", " ", "　", "\t", "“", "”", "《", "》", "……", "——"];
const FRONT = [
  "2021年马村区食品安全工作要点", "关于印发《2021年全区食品安全重点工作安排》的通知", "马食安办〔2021〕3号", "各街道办事处、区直各单位：",
  "现将……印发给你们，请认真贯彻落实。", "2021年3月5日", "（此件公开发布）", "附件", "— 2 —", "第 3 页 共 9 页", "征求意见稿",
];
const ODD = ["\u0000", "\u0007", "\u001b[31m", "\ufeff", "\ufffd", "\u200b", "\u2028", "\ud800", "\udc00", "😀", "Ａ１", "①②③", "\u0301", "<p>", "&amp;", "# "];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** One plan-like string, from seed `i` (up to about `maxPieces` fragments). */
export function planLike(i: number, maxPieces = 24, corpus: readonly string[] = []): string {
  const r = rng(i * 2654435761);
  const parts: string[] = [];
  if (r() < 0.5) parts.push(pick(r, FRONT), "\n");
  const n = 1 + Math.floor(r() * maxPieces);
  for (let k = 0; k < n; k++) {
    const x = r();
    if (x < 0.2) parts.push(r() < 0.8 ? "\n" : "", pick(r, MARKERS));
    else if (x < 0.45) parts.push(pick(r, WORDS));
    else if (x < 0.6) parts.push(pick(r, OWNERS));
    else if (x < 0.7) parts.push(pick(r, PROGRESS));
    else if (x < 0.88) parts.push(pick(r, PUNCT));
    else if (x < 0.93) parts.push(pick(r, FRONT));
    else if (x < 0.97) parts.push(pick(r, ODD));
    else if (corpus.length > 0) {
      // A slice of a real plan.
      const text = pick(r, corpus);
      const at = Math.floor(r() * text.length);
      parts.push(text.slice(at, at + Math.floor(r() * 200)));
    } else parts.push(String.fromCharCode(Math.floor(r() * 0xffff)));
  }
  let s = parts.join("");
  // Mutations: drop, duplicate or swap a stretch.
  const m = r();
  if (m < 0.1 && s.length > 4) {
    const at = Math.floor(r() * s.length);
    s = s.slice(0, at) + s.slice(at + Math.floor(r() * 8));
  } else if (m < 0.2 && s.length > 4) {
    const at = Math.floor(r() * s.length);
    const piece = s.slice(at, at + 1 + Math.floor(r() * 12));
    s = s.slice(0, at) + piece.repeat(1 + Math.floor(r() * 6)) + s.slice(at);
  }
  return s;
}
