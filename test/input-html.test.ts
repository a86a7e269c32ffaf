// The HTML reader: exact plan text for each unit input and inline form, a map whose every copied character
// is the source's character at its mapped offset (characters from a character reference map to its `&`),
// page furniture left out, and the core's reading of the text.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractHtml, readHtml } from "../src/input/html.js";
import { parseInput } from "../src/input/index.js";
import { parsePlan } from "../src/pipeline/parse-plan.js";
import { processInput } from "../src/cli/process-input.js";
import type { PlanDocument, PlanNode } from "../src/schema.js";
import { unit, expectMapped, written, outline, expectSpansInSource } from "./support/readers.js";

const GOV_PAGE = `XX区2021年食品安全工作要点
为深入贯彻落实《中共中央 国务院关于深化改革加强食品安全工作的意见》，现就2021年工作安排如下：
一、严格进口冷链食品管理
（一）建设完善“冷链”平台。督促指导进口冷链食品相关主体全面上报信息（区市场监管局牵头，区交通运输局等配合）。
工作进度：2021年6月底前完成。
（二）加强<餐饮>环节监管。开展“明厨亮灶”建设（区市场监管局、区商务局按职责分工负责）。
工作进度：年底前。
二、强化风险管控
（三）开展风险监测。完成监测任务。（区卫健局）
工作进度：每季度。`;

const TASK_TABLE = `XX县2023年食品安全重点工作任务分工方案
2023年重点工作任务分工表
一、强化责任落实
1.压实属地管理责任。（牵头单位：县食安办；配合单位：各乡镇人民政府）
完成时限：2023年12月底前
2.开展校园食品安全专项检查。（牵头单位：县市场监管局；配合单位：县教育局、县卫健局）
完成时限：2023年9月底前
二、严厉打击违法犯罪
3.深化“昆仑2023”专项行动。（牵头单位：县公安局；配合单位：县市场监管局、县农业农村局）
4.加强行刑衔接。（牵头单位：县检察院）
完成时限：每季度
附表二
三、加强能力建设
（一）推进智慧监管平台建设（牵头单位：县市场监管局；配合单位：县大数据中心）
完成时限：2023年11月底前
（二）加强基层检验检测能力。（牵头单位：县市场监管局）
完成时限：年底前
完善快检室配置。（牵头单位：各乡镇人民政府）
联系方式
单位　联系人　电话
县食安办　王五　1234567`;

describe("readHtml: unit inputs", () => {
  it.each([
    // The space is &nbsp;; “ ” < > are &ldquo; &rdquo; &lt; &gt;; 。 is &#x3002;.
    ["gov-page.html", GOV_PAGE, ["\n", " ", "“", "”", "<", ">", "。"]],
    // “ ” are references; the rest are markers, brackets, labels, the 、 joining two paragraphs of a cell, U+3000.
    ["task-table.html", TASK_TABLE, ["\n", "\u3000", "“", "”", "（", "）", "：", "；", ".", "3", "一", "二", "、", "位", "单", "合", "完", "成", "时", "头", "牵", "配", "限"]],
    ["empty-page.html", "", []],
  ])("%s gives its exact text and map", (file, expected, synthetic) => {
    const source = unit(file);
    const built = extractHtml(source);
    expect(built.text).toBe(expected);
    expectMapped(source, built);
    expect(written(built)).toEqual([...synthetic].sort());
    const read = readHtml(source);
    expect(read.ok && read.extracted.text).toBe(expected);
  });

  it("maps a character reference to its `&`, and a span-split paragraph 1:1", () => {
    const source = unit("gov-page.html");
    const { text, map } = extractHtml(source);
    const at = (needle: string) => map.toOriginal(text.indexOf(needle));
    expect(source.slice(at("“冷链"), at("“冷链") + 7)).toBe("&ldquo;");
    expect(source.slice(at("”平台"), at("”平台") + 7)).toBe("&rdquo;");
    expect(source.slice(at("。（区卫健局"), at("。（区卫健局") + 8)).toBe("&#x3002;");
    expect(source.slice(at(" 国务院"), at(" 国务院") + 6)).toBe("&nbsp;");
    // The second span of a paragraph: its text copies its own source.
    expect(source.slice(at("现就2021年"), at("现就2021年") + 7)).toBe("现就2021年");
    // Every character of the heading is a copy.
    const h = text.indexOf("一、严格进口冷链食品管理");
    expect(source.slice(map.toOriginal(h), map.toOriginal(h + 11) + 1)).toBe("一、严格进口冷链食品管理");
  });

  it("maps the synthetic characters of a task table to the start of their cell", () => {
    const source = unit("task-table.html");
    const { text, map } = extractHtml(source);
    const line = text.indexOf("1.压实属地管理责任");
    // "." after the 序号 cell's "1" stands for that cell's <td>.
    expect(source.slice(map.toOriginal(line + 1), map.toOriginal(line + 1) + 9)).toBe("<td>1</td");
    const bracket = text.indexOf("（牵头单位：县食安办");
    expect(source.slice(map.toOriginal(bracket), map.toOriginal(bracket) + 9)).toBe("<td>县食安办<");
    const deadline = text.indexOf("完成时限：2023年12月底前");
    expect(source.slice(map.toOriginal(deadline), map.toOriginal(deadline) + 14)).toBe("<td>2023年12月底前");
    // The section written once per value: 一、 stands for the merged cell.
    const section = text.indexOf("一、强化责任落实");
    expect(source.slice(map.toOriginal(section), map.toOriginal(section) + 16)).toBe('<td rowspan="2">');
  });
});

describe("readHtml: forms", () => {
  it.each([
    ["a paragraph split over spans is one line", "<p><span>一、</span><span style=\"font-family:黑体\">总体</span><b>要求</b></p>", "一、总体要求"],
    ["whitespace between tags makes no text", "<div>\n  <p>\n    一、总体要求\n  </p>\n  <p>（一）加强领导</p>\n</div>", "一、总体要求\n（一）加强领导"],
    ["a source line break inside CJK text joins without a space", "<p>加强食品\n   安全监管，推行 HACCP\nsystem</p>", "加强食品安全监管，推行 HACCP system"],
    ["<br> starts a line", "<p>一、总体要求<br>（一）加强领导<br/><br/>工作进度：年底前</p>", "一、总体要求\n（一）加强领导\n工作进度：年底前"],
    ["a div with inline content is a block, mixed content too", "<div>一、总体要求<div>（一）加强领导</div>继续</div>", "一、总体要求\n（一）加强领导\n继续"],
    ["headings and list items are blocks", "<h1>标题</h1><h2>一、总体要求</h2><ul><li>第一项</li><li>第二项</li></ul>", "标题\n一、总体要求\n第一项\n第二项"],
    ["an <ol> writes its numbers, from start, by depth", "<ol start=\"3\"><li>加强管理<ol><li>建立台账</li></ol></li><li>开展整治</li></ol>", "3.加强管理\n（1）建立台账\n4.开展整治"],
    ["an <ol> item with its own number keeps it", "<ol><li>1.加强管理</li><li>（二）开展整治</li></ol>", "1.加强管理\n（二）开展整治"],
    ["&nbsp; is a space, runs collapse, indentation is trimmed", "<p>&nbsp;&nbsp;\u3000\u3000一、总体&nbsp;&nbsp; 要求&nbsp;</p>", "一、总体 要求"],
    ["U+3000 inside a line is kept", "<p>单位\u3000联系人</p>", "单位\u3000联系人"],
    ["references decode", "<p>A&amp;B &lt;x&gt; &#20108;&#x4E09; &copy; &nbsp</p>", "A&B <x> 二三 ©"],
    [
      "page furniture drops",
      "<html><head><title>T</title><style>p{}</style><script>x</script></head><body><nav>首页</nav><header>站头</header>" +
        "<noscript>无脚本</noscript><template><p>模板</p></template><aside>侧栏</aside><div role=\"navigation\">导航</div>" +
        "<p hidden>隐藏</p><p style=\"color:red; display: none\">不显示</p><span style=\"visibility:hidden\">不可见</span>" +
        "<form><input value=\"搜索\"><button>搜索</button><select><option>选项</option></select></form>" +
        "<p>一、正文</p><footer>版权所有</footer></body></html>",
      "一、正文",
    ],
    ["an article's header and footer are content", "<article><header><h1>标题</h1></header><p>一、正文</p><footer>某局 2021年5月24日印发</footer></article>", "标题\n一、正文\n某局 2021年5月24日印发"],
    ["a form wrapping the whole page (ASP.NET) is content", "<form id=\"form1\"><input type=\"hidden\"><div><p>一、正文</p></div></form>", "一、正文"],
    ["comments and Word conditionals drop", "<p><!--[if gte mso 9]><xml></xml><![endif]-->一、总体<![if !supportLists]>要求<![endif]><o:p></o:p></p>", "一、总体要求"],
    ["<pre> keeps its lines", "<pre>一、总体要求\n（一）加强领导\n</pre>", "一、总体要求\n（一）加强领导"],
    ["a layout table gives its cells' blocks", "<table><tr><td><p>一、总体要求</p><p>（一）加强领导</p></td></tr></table>", "一、总体要求\n（一）加强领导"],
    ["a data table gives a row per line", "<table><tr><th>单位</th><th>电话</th></tr><tr><td>区食安办</td><td></td><td>123</td></tr></table>", "单位\u3000电话\n区食安办\u3000123"],
    ["a nested task table inside a layout cell", "<table><tr><td><p>一、重点任务</p><table><tr><td>序号</td><td>工作任务</td><td>责任单位</td></tr><tr><td>1</td><td>加强监管。</td><td>区市场监管局</td></tr></table></td></tr></table>", "一、重点任务\n1.加强监管。（责任单位：区市场监管局）"],
    ["CRLF source", "<p>一、总体\r\n要求</p>\r\n<p>（一）加强</p>", "一、总体要求\n（一）加强"],
  ])("%s", (_name, source, expected) => {
    const built = extractHtml(source);
    expect(built.text).toBe(expected);
    expectMapped(source, built);
  });

  it("reads empty input, a page without plan text, and odd input without throwing", () => {
    for (const source of ["", "   ", "<html></html>", "<<<>>>", "<p>", "</table></td>", "<table><tr><td rowspan=\"999999\" colspan=\"999999\">x</td></tr></table>", "\u0000\ufffd", "&#0;&#x110000;&bogus;"]) {
      const read = readHtml(source);
      expect(read.ok).toBe(true);
      expectMapped(source, extractHtml(source));
    }
    const empty = readHtml(unit("empty-page.html"));
    expect(empty.ok && empty.extracted.text).toBe("");
    // The core then says it is not a plan.
    expect(parsePlan("").diagnostics.map((d) => d.code)).toContain("no-plan");
  });
});

describe("readHtml → parsePlan", () => {
  it("reads the government page's outline, owners and progress", () => {
    const doc = parsePlan(extractHtml(unit("gov-page.html")).text);
    expect(doc.meta.title).toBe("XX区2021年食品安全工作要点");
    expect(doc.meta.year).toBe(2021);
    expect(outline(doc)).toEqual([
      "一、严格进口冷链食品管理",
      "  （一）建设完善“冷链”平台",
      "  （二）加强<餐饮>环节监管",
      "二、强化风险管控",
      "  （三）开展风险监测",
    ]);
    const [a, b] = doc.outline[0]!.children;
    expect(a!.tasks[0]).toMatchObject({ lead: ["区市场监管局"], support: ["区交通运输局"] });
    expect(a!.progress?.deadlines[0]?.date).toBe("2021-06-30");
    expect(b!.tasks[0]!.responsible).toEqual(["区市场监管局", "区商务局"]);
    expect(b!.progress?.deadlines[0]?.date).toBe("2021-12-31");
    expect(doc.outline[1]!.children[0]!.tasks[0]!.responsible).toEqual(["区卫健局"]);
    expect(doc.outline[1]!.children[0]!.progress?.deadlines[0]?.kind).toBe("recurring");
    expect(doc.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("reads the task tables' sections, items, owners and deadlines", () => {
    const doc = parsePlan(extractHtml(unit("task-table.html")).text);
    expect(doc.meta.year).toBe(2023);
    expect(outline(doc)).toEqual([
      "一、强化责任落实",
      "  1.压实属地管理责任",
      "  2.开展校园食品安全专项检查",
      "二、严厉打击违法犯罪",
      "  3.深化“昆仑2023”专项行动",
      "  4.加强行刑衔接",
      "三、加强能力建设",
      "  （一）推进智慧监管平台建设",
      "  （二）加强基层检验检测能力",
    ]);
    const one = doc.outline[0]!.children;
    expect(one[0]!.tasks[0]).toMatchObject({ lead: ["县食安办"], support: ["各乡镇人民政府"] });
    expect(one[0]!.progress?.deadlines[0]?.date).toBe("2023-12-31");
    expect(one[1]!.tasks[0]!.support).toEqual(["县教育局", "县卫健局"]);
    expect(one[1]!.progress?.deadlines[0]?.date).toBe("2023-09-30");
    const two = doc.outline[1]!.children;
    expect(two[0]!.tasks[0]!.support).toEqual(["县市场监管局", "县农业农村局"]);
    expect(two[0]!.progress).toBeNull();
    expect(two[1]!.progress?.deadlines[0]?.kind).toBe("recurring");
    // A row under a merged 序号 cell continues that item: a second task of （二）.
    const last = doc.outline[2]!.children[1]!;
    expect(last.tasks.map((t) => t.lead)).toEqual([["县市场监管局"], ["各乡镇人民政府"]]);
    expect(last.progress?.deadlines[0]?.date).toBe("2023-12-31");
  });
});

describe("spans through the map (HTML)", () => {
  it("every node's span starts at its marker in the HTML source, and tasks and progress stay inside it", () => {
    const source = unit("gov-page.html");
    const { text, map } = extractHtml(source);
    const doc = parsePlan(text, { origin: { text: source, map } });
    const nodes = expectSpansInSource(source, doc);
    // A task's span ends at its bracket's end in the source.
    const task = nodes.find((n) => n.marker === "（一）")!;
    expect(source.slice(0, task.tasks[0]!.span.end.offset)).toMatch(/配合）$/);
  });
});

describe("linear in the size of a paragraph (HTML)", () => {
  // A paragraph of source line breaks (and <br>s) joins into long lines; building a line a character at a time
  // on a string and reading its last character back was quadratic (1 MB took 25 s).
  const page = (kb: number, unit: string): string => `<html><body><p>一、总体要求${unit.repeat(Math.ceil((kb * 1024) / unit.length))}</p></body></html>`;
  /** Best of five runs of each, interleaved (a burst of load on the machine hits both sizes alike). */
  const seconds = (...sources: string[]): number[] => {
    const best = sources.map(() => Infinity);
    for (let run = 0; run < 5; run++) {
      sources.forEach((source, i) => {
        const t = performance.now();
        const read = readHtml(source);
        best[i] = Math.min(best[i]!, (performance.now() - t) / 1000);
        expect(read.ok).toBe(true);
      });
    }
    return best;
  };

  // The <br> page is mostly parse5's time and its garbage (an element per <br>), which makes its ratio noisier:
  // 3× still tells linear from quadratic (4×); it is checked at half the size.
  it.each([
    { name: "soft line breaks", unit: "加强食品安全监管工作\n", kb: 200, ratio: 2.5 },
    { name: "<br>s", unit: "加强食品安全<br>监管工作\n<br>", kb: 100, ratio: 3 },
  ])("$name: $kb KB in under 2 s, and twice the size in at most $ratio× the time", ({ unit, kb, ratio }) => {
    seconds(page(20, unit)); // warm up
    const [small, large] = seconds(page(kb, unit), page(2 * kb, unit)) as [number, number];
    expect(small).toBeLessThan(2);
    expect(large / small).toBeLessThan(ratio);
  }, 60_000);
});

// Published pages (fixtures/html/, made by make.py): the plan inside a page's article, with the site's chrome
// around it, gives the tree of the plan's own text.
const bytesOf = (path: string): Buffer => readFileSync(new URL(`../${path}`, import.meta.url));

async function parseFile(path: string, bytes: Uint8Array = bytesOf(path)): Promise<PlanDocument> {
  const result = await parseInput(bytes, { name: path });
  if (!result.ok) throw new Error(`${path}: ${result.problem}`);
  return result.document;
}

/** Outline paths with titles, and each task's owners per role. */
function tree(doc: PlanDocument): unknown[] {
  const out: unknown[] = [];
  const walk = (nodes: PlanNode[], path: string): void =>
    nodes.forEach((n) => {
      const at = `${path}/${n.marker}`;
      out.push({ at, title: n.title, tasks: n.tasks.map((t) => ({ lead: t.lead, responsible: t.responsible, support: t.support, guide: t.guide })), progress: n.progress?.text ?? null });
      walk(n.children, at);
    });
  walk(doc.outline, "");
  return out;
}

/** Every text a node carries. */
function nodeTexts(doc: PlanDocument): string[] {
  const out: string[] = [];
  const walk = (nodes: PlanNode[]): void =>
    nodes.forEach((n) => {
      out.push(n.title, n.text, ...n.tasks.flatMap((t) => [t.text, t.raw]), n.progress?.text ?? "");
      walk(n.children);
    });
  walk(doc.outline);
  return out;
}

describe.each([
  {
    page: "fixtures/html/chrome-page-002.html",
    seed: "fixtures/seeds/002_c0b8b7f66cffa162.txt",
    encoding: "utf-8",
    read: /^read the article in <div class="article-content"> and its title in <h1 class="article-title"> \([\d,]+ of [\d,]+ characters\)$/,
    spanAt: '<h1 class="article-title"',
    chrome: ["首页", "机构概况", "政策解读", "疾病预防控制", "当前位置", "欢迎访问", "无障碍浏览", "搜索", "热门搜索", "浏览次数", "发布时间",
      "分享到", "微信", "打印本页", "关闭窗口", "上一篇", "下一篇", "相关文章", "爱国卫生月", "热点专题", "扫一扫", "返回顶部", "友情链接",
      "主办单位", "网站标识码", "ICP备", "公网安备", "版权所有", "分辨率"],
  },
  {
    page: "fixtures/html/gb2312-table-004.html",
    seed: "fixtures/seeds/004_36973856179009ba.txt",
    encoding: "gb18030",
    read: /^read the article in <td id="fontzoom" class="nr"> and its title in <td class="bt"> \([\d,]+ of [\d,]+ characters\)$/,
    spanAt: '<td class="bt"',
    chrome: ["首页", "新闻中心", "网站地图", "信息公开", "通知公告", "您现在的位置", "发布日期", "点击数", "打印此页", "关闭窗口", "版权所有", "ICP备", "技术支持"],
  },
  {
    page: "fixtures/html/split-siblings-001.html",
    seed: "fixtures/seeds/001_9ea69e7fd293a163.txt",
    encoding: "utf-8",
    read: /^read the article in <div class="TRS_Editor"> and 2 siblings continuing it \([\d,]+ of [\d,]+ characters\)$/,
    spanAt: '<div class="TRS_Editor"',
    chrome: ["示例区人民政府办公室主办", "首页", "政务服务", "走进示例", "政府文件", "发布日期", "字号", "上一页", "下一页", "附件下载", ".doc", "分享到", "新浪微博", "网站标识码", "ICP备"],
  },
])("a published page: $page", ({ page, seed, encoding, read, spanAt, chrome }) => {
  it("gives the same tree as the plan's text: outline paths, titles, owners per role, progress", async () => {
    const [html, txt] = await Promise.all([parseFile(page), parseFile(seed)]);
    expect(html.source.format).toBe("html");
    expect(html.source.encoding).toBe(encoding);
    expect(html.meta).toEqual(txt.meta);
    expect(html.preamble).toBe(txt.preamble);
    expect(tree(html)).toEqual(tree(txt));
    expect(tree(html).length).toBeGreaterThan(10);
  });

  it("says which element it read, as an info diagnostic with a span at that element", async () => {
    const doc = await parseFile(page);
    const notes = doc.diagnostics.filter((d) => d.code === "html-article");
    expect(notes).toHaveLength(1);
    const [note] = notes;
    expect(note!.severity).toBe("info");
    expect(note!.message).toMatch(read);
    const [readChars, total] = note!.message.match(/([\d,]+) of ([\d,]+)/)!.slice(1).map((n) => Number(n.replace(/,/g, "")));
    expect(readChars).toBeLessThan(total!);
    const source = new TextDecoder(encoding === "gb18030" ? "gb18030" : "utf-8").decode(bytesOf(page));
    expect(source.slice(note!.span.start.offset).startsWith(spanAt)).toBe(true);
    expect(note!.span.end.offset).toBeGreaterThan(note!.span.start.offset);
    expect(note!.span.start.line).toBe(source.slice(0, note!.span.start.offset).split("\n").length);
    // The diagnostics stay in parsePlan's order.
    const offsets = doc.diagnostics.map((d) => d.span.start.offset);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  });

  it("never puts the page's chrome (navigation, menus, share bar, related list, footer) into the plan", async () => {
    const doc = await parseFile(page);
    const source = new TextDecoder(encoding === "gb18030" ? "gb18030" : "utf-8").decode(bytesOf(page));
    const texts = [...nodeTexts(doc), doc.preamble, JSON.stringify(doc.meta)];
    for (const word of chrome) {
      expect(source, `the page has ${word}`).toContain(word);
      expect(texts.filter((t) => t.includes(word)), word).toEqual([]);
    }
  });
});

describe("published pages: the whole page when there is no clear article", () => {
  it.each(["fixtures/formats/000_8d72839633e6c520.html", "fixtures/formats/task-table-002.html"])("%s is read whole, as before, with no note", (path) => {
    const source = bytesOf(path).toString("utf8");
    const read = readHtml(source);
    expect(read.ok && read.extracted.text).toBe(extractHtml(source).text);
    expect(read.ok && read.extracted.notes).toEqual([]);
  });

  it("a page whose article is its whole text gives the same text either way", () => {
    const source = unit("gov-page.html");
    const read = readHtml(source);
    expect(read.ok && read.extracted.text).toBe(extractHtml(source).text);
    expect(read.ok && read.extracted.notes?.map((n) => n.message)).toEqual([expect.stringMatching(/^read the article in <td id="zoom" class="b12c">/)]);
  });

  it("leaves out link-dense blocks inside the article and keeps its own links", () => {
    const para = (n: number) => `<p>（${"一二三四"[n]}）开展第${n + 1}项工作，落实监管责任，加强日常检查，完善工作台账（区市场监管局牵头）。</p>`;
    const source =
      `<html><body><div class="menu"><ul>${Array.from({ length: 30 }, (_, i) => `<li><a href="/${i}">栏目${i}</a></li>`).join("")}</ul></div>` +
      `<div class="content"><p>一、总体要求</p>${[0, 1].map(para).join("")}<p>详见<a href="/x">附件说明</a>，请认真执行。</p>` +
      `<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>${[2, 3].map(para).join("")}</div>` +
      `<div class="footer">版权所有 某市人民政府</div></body></html>`;
    const read = readHtml(source);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.extracted.text).not.toMatch(/栏目|分享到|微信|版权所有/);
    expect(read.extracted.text).toContain("详见附件说明，请认真执行。");
    expect(read.extracted.text.split("\n")).toHaveLength(6);
    expect(read.extracted.notes?.[0]?.message).toMatch(/^read the article in <div class="content">/);
    expectMapped(source, extractHtml(source, { article: true }));
  });

  it("reaches the CLI's outcome (processInput) and, without a plan, names the article it read", async () => {
    const ok = await processInput({ name: "page.html", path: "fixtures/html/chrome-page-002.html", bytes: bytesOf("fixtures/html/chrome-page-002.html") }, { emit: "document" });
    expect(ok.ok && ok.diagnostics.map((d) => d.code)).toContain("html-article");
    const noPlan = `<html><body><div class="nav">${"<a href=/>导航</a>".repeat(40)}</div><div class="article-content">${"<p>本站发布的信息仅供参考，转载请注明出处，谢谢合作。</p>".repeat(5)}</div></body></html>`;
    const bad = await processInput({ name: "x.html", path: "x.html", bytes: Buffer.from(noPlan) }, { emit: "document" });
    expect(bad).toMatchObject({ ok: false, problem: expect.stringMatching(/^not a plan: no numbered headings .*\(read the article in <div class="article-content">/) });
  });
});

describe("published pages: declared character sets", () => {
  const page = bytesOf("fixtures/html/gb2312-table-004.html");
  const broken = (declared: string): Buffer => {
    // A stray byte inside the article (0x81 0x20 is no GB18030 sequence), and the page's own declaration replaced.
    const text = page.toString("latin1").replace("charset=gb2312", `charset=${declared}`);
    const at = text.indexOf("</p>");
    return Buffer.from(text.slice(0, at) + "\x81 " + text.slice(at), "latin1");
  };

  it("a GB2312 page decodes as GB18030 (by its bytes and its <meta>)", async () => {
    const doc = await parseFile("fixtures/html/gb2312-table-004.html", page);
    expect(doc.source.encoding).toBe("gb18030");
    expect(doc.meta.title).toBe("2022年全区食品安全协调工作要点");
  });

  it("a broken byte in a page that declares GB2312 is a replaced character, not an unreadable file", async () => {
    const doc = await parseFile("x.html", broken("gb2312"));
    expect(doc.source.encoding).toBe("gb18030");
    expect(doc.diagnostics.filter((d) => d.code === "replacement-character").map((d) => d.severity)).toEqual(["warning"]);
    const whole = await parseFile("fixtures/html/gb2312-table-004.html", page);
    expect(tree(doc)).toEqual(tree(whole));
    // Declaring UTF-8 (same length) the same bytes are not text in any encoding.
    const result = await parseInput(broken("utf-8 "), { name: "x.html" });
    expect(result).toMatchObject({ ok: false, problem: expect.stringMatching(/not text/) });
  });

  it("a page declaring GBK whose bytes are UTF-8 is read as UTF-8", async () => {
    const source = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=GBK"></head><body><p>2022年工作要点</p><p>一、总体要求</p><p>（一）加强监管（区市场监管局负责）。</p></body></html>`;
    const doc = await parseFile("x.html", Buffer.from(source));
    expect(doc.source.encoding).toBe("utf-8");
    expect(doc.outline[0]!.children[0]!.tasks[0]!.responsible).toEqual(["区市场监管局"]);
  });
});
