// What stands before the first numbered heading and after the last task: database and web-archive headers
// (【发布部门】…, YAML front matter, 索引号：…), the document number, the notice wrapper (通知) a plan is often
// published in, the plan's own title and draft status, the preamble, and the signature, date and print note
// (版记). None of it is ever a task; all of it but the preamble is metadata.
import type { Notice } from "../schema.js";
import { chineseNumeral } from "./numerals.js";

export interface Line {
  text: string;
  start: number;
  end: number;
}

/** What a database export or web-archive header says about the document. */
export interface Header {
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  /** ISO date. */
  date: string | null;
}

export interface FrontMatter {
  title: string;
  status: string | null;
  docNumber: string | null;
  notice: Notice | null;
  /** The issuer a document that is itself the plan names before 关于 in its title, or its masthead (XX文件). */
  issuer: string | null;
  /** A date line under the plan's own title (outside a notice), ISO. */
  date: string | null;
  header: Header;
  /** Lines of the preamble (after the title, before the body). */
  preamble: Line[];
}

export interface EndMatter {
  issuer: string | null;
  /** The signature's date, else the print note's. */
  date: string | null;
  /** The date line under the signature (落款), ISO. */
  signed: string | null;
  /** The print note's date (…印发), ISO. */
  printed: string | null;
  /** How many trailing lines are end matter. */
  count: number;
}

// 文号: 鲁政字〔2019〕12号, 焦示食安〔2021〕1 号, 津蓟政办发[2018]23号, 博食安委（2022）3号.
const DOC_NUMBER_SRC = String.raw`[\u4e00-\u9fff]{1,12}[〔［\[【(（]\s*\d{4}\s*[〕］\]】)）]\s*\d{1,4}\s*号`;
const DOC_NUMBER_LINE = new RegExp(`^[（(]?(${DOC_NUMBER_SRC})[）)]?$`);
const DOC_NUMBER_YEAR = /[〔［\[【(（]\s*((?:19|20)\d{2})\s*[〕］\]】)）]/;
const DISCLOSURE = /^[（(](此件[^）)]{0,20}|不予公开|依申请公开|主动公开)[）)]$/;
const STATUS_WORDS = "征求意见稿|送审稿|草案|讨论稿|修订稿|代拟稿|初稿|审议稿|报批稿";
const STATUS = new RegExp(`^[（(](${STATUS_WORDS})[）)]$`);
const STATUS_SUFFIX = new RegExp(`[（(](${STATUS_WORDS})[）)]$`);
const PLAN_WORD = /(要点|安排|计划|方案|规划|任务|清单|措施|意见|分工|细则|办法|指引|目标|政策|纲要|决定|指南)/;
// The words a plan's title ends with (its 文种), once a trailing （试行） or （2021—2023年） is set aside.
const KIND_WORDS = "要点|安排|计划|方案|规划|任务|清单|措施|意见|分工|细则|办法|指引|目标|政策|纲要|决定|规定|规则|制度|指南|行动|举措|重点|通知|(?:一览|分解|任务|进度|责任|推进)表|台账|责任书";
const KIND_END = new RegExp(`(${KIND_WORDS})$`);
const PRINT_NOTE = /^(.*?)\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*印\s*发$/;
const DISTRIBUTION = /^(抄送|抄报|分送|发送|印发|主送|附件\s*\d*)\s*[：:]|^附件\s*\d*$/;
const COPY_TO = /^(抄送|抄报|分送|发送)\s*[：:]/;
// Lines a web page leaves around the document: attachment file names, buttons, counters.
const WEB_FURNITURE = /\.(docx?|pdf|wps|xlsx?|et|ofd|zip|rar)$|^(文件下载|附件下载|相关附件|下载附件|打印|关闭|打印本页|关闭窗口|打印关闭|返回顶部|扫一扫|【打印本页】|【关闭窗口】)$|^全真版[：:]/;
// An organisation's name ends like this (for a signature set on several lines).
const ORG_END = /(委员会|政府|办公厅|办公室|委|办|厅|局|部|院|署|会|室|组|处|中心|公司|集团|银行|总队|支队|大队|法院|检察院|管委会|街道|分局)$/;
const NUMBERED = /^([一二三四五六七八九十]+[、．.]|[\d０-９]+[.．、])/;
const ISSUER_END = /(会|室|府|局|委|办|处|组|厅|院|部|署)$/;

// Keys of the key–value lines databases and government sites print above a document (索引号：… 发布机构：…);
// a line is a header line when it starts with one and every value on it sits behind one.
const HEADER_KEYS = [
  "法宝引证码", "引证码", "原文链接", "官方链接", "链接", "网址", "索引号", "主题分类", "主题词", "体裁分类", "组配分类",
  "公文种类", "分类", "类别", "法规类别", "类型", "层级", "标题", "题名", "名称", "文件名称", "发布机构", "发文机关",
  "发文单位", "发布单位", "发布部门", "制发机关", "成文日期", "发文日期", "印发日期", "发布日期", "公布日期", "实施日期",
  "施行日期", "生效日期", "失效日期", "废止日期", "日期", "文号", "发文字号", "文件编号", "文件登记号", "登记号", "统一编号",
  "有效性", "时效性", "效力级别", "效力", "状态", "来源", "信息来源", "浏览次数", "点击数", "访问量", "阅读次数", "字体",
  "签发人",
];
const KEY_ALT = [...HEADER_KEYS].sort((a, b) => b.length - a.length).join("|");
const KEYED_LINE = new RegExp(`^(?:【\\s*([\\u4e00-\\u9fff]{2,10})\\s*】|(${KEY_ALT})\\s*[：:])\\s*(.*)$`);
const NEXT_KEY = new RegExp(`\\s(?:【\\s*[\\u4e00-\\u9fff]{2,10}\\s*】|(?:${KEY_ALT})\\s*[：:])`);
const TITLE_KEYS = new Set(["标题", "题名", "名称", "文件名称", "title"]);
const DOC_KEYS = new Set(["文号", "发文字号", "文件编号", "doc_number", "docnumber", "number"]);
const ISSUER_KEYS = new Set(["发文机关", "发布机构", "发文单位", "发布单位", "发布部门", "制发机关", "issuer", "author", "publisher", "department"]);
// Of the dates a header gives, the one closest to the date of issue wins.
const DATE_KEYS = ["成文日期", "发文日期", "印发日期", "发布日期", "公布日期", "date", "日期"];

const compact = (s: string): string => s.replace(/[\s\u3000]+/g, "");
const ascii = (s: string): string => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

function isoDate(y: string | number, m: string | number, d: string | number): string | null {
  const month = Number(m);
  const day = Number(d);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  return `${y}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const ZERO_TO_NINE: Record<string, number> = {
  〇: 0, 零: 0, "○": 0, "Ｏ": 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const DATE_ARABIC = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const DATE_CHINESE = /^([〇零○ＯO一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/;
const DATE_NUMERIC = /^(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2})?)?$/;

/** A line that is only a date: 2018年12月29日, 二〇一八年十二月二十九日, （2021年5月24日）; ISO or null. */
export function dateOfLine(text: string): string | null {
  const t = ascii(compact(text)).replace(/^[（(](.+)[）)]$/, "$1");
  const a = DATE_ARABIC.exec(t);
  if (a) return isoDate(a[1]!, a[2]!, a[3]!);
  const c = DATE_CHINESE.exec(t);
  if (c) {
    const year = [...c[1]!].map((ch) => ZERO_TO_NINE[ch]).join("");
    return isoDate(year, chineseNumeral(c[2]!), chineseNumeral(c[3]!));
  }
  return null;
}

/** A header's date value: 2022.03.02, 2016-12-28 12:18, 2019/5/5, 2019年5月5日; ISO or null. */
function dateOfValue(text: string): string | null {
  const t = ascii(text.trim());
  const n = DATE_NUMERIC.exec(t);
  if (n) return isoDate(n[1]!, n[2]!, n[3]!);
  return dateOfLine(t.split(/\s+/)[0] ?? "");
}

/** The year a document number carries: 鲁政字〔2019〕12号 → 2019. */
export function docNumberYear(docNumber: string | null): number | null {
  const m = DOC_NUMBER_YEAR.exec(ascii(docNumber ?? ""));
  return m ? Number(m[1]) : null;
}

/**
 * The plan's own year, when its title names one: 2021年工作要点, 智慧城市2019行动计划. Not a range
 * (（2018-2022年）, 2021—2023年), a target (到2025年, 2035年远景目标), nor a year inside a quoted title (《…》).
 */
export function titleYear(title: string): number | null {
  const t = ascii(title).replace(/《[^》]*》/g, "《》");
  for (const m of t.matchAll(/(?<![\d\-—–~～至到])((?:19|20)\d{2})(?![\d\-—–~～至到])(年度?)?/g)) {
    const after = t.slice(m.index + m[0].length);
    const before = t.slice(0, m.index);
    if (/^(前|底|以前|之前|末|远景|以后|起)/.test(after)) continue;
    if (/[\-—–~～至到]\s*$/.test(before)) continue;
    if (!m[2] && !/^[\u4e00-\u9fff]/.test(after)) continue;
    return Number(m[1]);
  }
  return null;
}

const PERIOD_NUMBER: Record<string, number> = { 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12, 十三: 13, 十四: 14, 十五: 15, 十六: 16 };

/**
 * The first year of the period a title names when it names no year of its own: a five-year plan (“十四五”
 * 2021–2025 → 2021; since the sixth, 1981–1985, every period has five years) or a range (（2021—2023年） → 2021).
 * A last resort for `meta.year`: such plans are issued in or just before their first year.
 */
export function periodStartYear(title: string): number | null {
  const t = ascii(title);
  // Quoted (“十四五”) or followed by 规划/时期/期间: `十五条措施` is fifteen measures, not the tenth plan.
  const fyp = /[“"「](十[一二三四五六]?|[六七八九])五[”"」]|(十[一二三四五六]?|[六七八九])五(?=规划|时期|期间)/.exec(t);
  if (fyp) {
    const n = PERIOD_NUMBER[(fyp[1] ?? fyp[2])!];
    if (n !== undefined) return 1981 + 5 * (n - 6);
  }
  const range = /((?:19|20)\d{2})\s*(?:年)?\s*[\-—–~～至到]\s*(?:19|20)\d{2}\s*年/.exec(t.replace(/《[^》]*》/g, ""));
  return range ? Number(range[1]) : null;
}

function isShortLine(text: string, max = 60): boolean {
  return text.length <= max && !/[。；;]$/.test(text) && !/[。]/.test(text);
}

/** A title with a trailing （试行）, （2021—2023年） or draft marker set aside, for telling what it ends with. */
function titleCore(text: string): string {
  let t = compact(text).replace(/[》”"]+$/, "");
  for (let k = 0; k < 2; k++) t = t.replace(/[（(][^（）()]{1,16}[）)]$/, "");
  return t;
}

/** OSC (`ESC ] … BEL`) and CSI (`ESC [ … m`) sequences, and any other control character. */
const TERMINAL_ESCAPE = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b\[[0-?]*[ -\/]*[@-~]|[\u0000-\u001f\u007f-\u009f]/g;

function isTitleLike(text: string): boolean {
  // Control characters (a terminal escape pasted with the title) say nothing about what the line is.
  const t = compact(text).replace(TERMINAL_ESCAPE, "");
  return (
    isShortLine(text, 80) &&
    !/[：:]/.test(t) &&
    // a comma in a title, never a sentence's (为…，制定本方案)
    !(/[，,]/.test(t) && (/^(为|根据|按照|依据|经|现|请)/.test(t) || (t.match(/[，,]/g) ?? []).length > 1)) &&
    !t.startsWith("《") &&
    !/关于印发|的$/.test(t) &&
    !t.endsWith("通知") &&
    !/^附件\s*\d*/.test(t) &&
    KIND_END.test(titleCore(t))
  );
}

/**
 * A line that may stand above the title line as its first part: short, no sentence punctuation, not a date,
 * a number or a bracket note, and not a complete title itself. An issuer (…委员会办公室) only joins a line
 * that starts with 关于 (XX市人民政府办公厅 / 关于…的实施意见).
 */
function isTitleHead(text: string, next: string): boolean {
  const t = compact(text);
  if (t.length === 0 || t.length > 40 || /[，。：:；;,]/.test(t)) return false;
  if (dateOfLine(t) || DOC_NUMBER_LINE.test(t) || /^[（(].*[）)]$/.test(t) || /^附件\s*\d*$/.test(t)) return false;
  if (KIND_END.test(titleCore(t))) return false;
  if (ISSUER_END.test(t) || /文件$/.test(t)) return compact(next).startsWith("关于");
  return true;
}

/** 关于印发《XX区2021年食品安全工作要点》的通知 → XX区2021年食品安全工作要点 (also without 《》). */
function quotedPlanTitle(noticeTitle: string): string {
  const quoted = /《([^》]+)》/.exec(noticeTitle)?.[1];
  if (quoted && PLAN_WORD.test(quoted)) return quoted;
  const printed = /(?:印发|转发|下发|颁发|发布)(.+?)的通知$/.exec(noticeTitle)?.[1];
  return printed && PLAN_WORD.test(printed) ? printed : "";
}

/** The first 《…》 a notice's body names that is a plan, with its inner 〈〉 made 《》. */
function quotedInBody(body: string): string {
  for (const m of body.matchAll(/《((?:[^《》]|〈[^〉]*〉)+)》/g)) {
    const title = m[1]!.replace(/〈/g, "《").replace(/〉/g, "》");
    if (KIND_END.test(titleCore(title))) return compact(title);
  }
  return "";
}

// A title keeps its inner spaces between CJK only when they mean something (中共中央 国务院); a title
// line's letter-spacing (`通 知`) and spaces around digits are layout.
function compactTitle(text: string): string {
  return text.replace(/(?<=[\u4e00-\u9fff])[\s\u3000]+(?=[\u4e00-\u9fff])/g, (m) => (m.length > 1 ? "" : m)).trim();
}

const sameTitle = (a: string, b: string): boolean =>
  compact(a).replace(/\(/g, "（").replace(/\)/g, "）") === compact(b).replace(/\(/g, "（").replace(/\)/g, "）");

function emptyHeader(): Header {
  return { title: null, docNumber: null, issuer: null, date: null };
}

class HeaderReader {
  readonly header = emptyHeader();
  private dateRank = Number.POSITIVE_INFINITY;

  put(rawKey: string, rawValue: string): void {
    const key = rawKey.trim().toLowerCase().replace(/\s+/g, "");
    const value = rawValue.trim().replace(/^["'](.*)["']$/, "$1").trim();
    if (value === "") return;
    if (TITLE_KEYS.has(key)) this.header.title ??= compactTitle(value);
    else if (DOC_KEYS.has(key)) this.header.docNumber ??= compact(value);
    else if (ISSUER_KEYS.has(key)) this.header.issuer ??= compact(value);
    else {
      const rank = DATE_KEYS.indexOf(key);
      const date = rank === -1 ? null : dateOfValue(value);
      if (date && rank < this.dateRank) {
        this.header.date = date;
        this.dateRank = rank;
      }
    }
  }

  /**
   * Reads a keyed line (【发布部门】…, 发布机构：… 成文日期：…); false when it is not one. A bracketed key
   * that is not a known one (【唯一标志】…) is a header line only before the document (`top`).
   */
  line(text: string, top: boolean): boolean {
    let rest = text.trim();
    const m = KEYED_LINE.exec(rest);
    if (!m || rest.length > 300) return false;
    if (m[1] && !top && !HEADER_KEYS.includes(m[1])) return false;
    while (rest !== "") {
      const m = KEYED_LINE.exec(rest);
      if (!m) break;
      const key = m[1] ?? m[2]!;
      const tail = m[3]!;
      const next = NEXT_KEY.exec(tail);
      this.put(key, next ? tail.slice(0, next.index) : tail);
      rest = next ? tail.slice(next.index).trim() : "";
    }
    return true;
  }

  /** Reads a YAML block's `key: value` lines. */
  yaml(lines: readonly string[]): void {
    for (const l of lines) {
      const m = /^\s*([^:：#\s][^:：]{0,30}?)\s*[:：]\s*(.*)$/.exec(l);
      if (m) this.put(m[1]!, m[2]!);
    }
  }
}

/**
 * The YAML front matter at the very start of a source (a Markdown page from a web archive), read as a header.
 * For sources whose reader dropped it from the text.
 */
export function readSourceHeader(source: string): Header {
  const m = /^\ufeff?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(source);
  const reader = new HeaderReader();
  if (m) reader.yaml(m[1]!.split(/\r?\n/));
  return reader.header;
}

/**
 * The plan's title a header's title gives: the plan a notice issues (关于印发《X》的通知 → X), else the title
 * itself, without a run-in 文号.
 */
export function titleOfHeader(headerTitle: string): string {
  const h = splitDocNumber(headerTitle)?.title ?? headerTitle;
  return /(?:印发|转发|下发|颁发).+的通知$/.test(compact(h)) ? quotedPlanTitle(compact(h)) : compactTitle(h);
}

/** `# 标题` → `标题`, with the line's start moved past the marker. */
function withoutHeadingMark(line: Line): Line {
  const m = /^[ \t]*#{1,6}[ \t]+/.exec(line.text);
  return m ? { text: line.text.slice(m[0].length), start: line.start + m[0].length, end: line.end } : line;
}

/** Reads the lines before the body. */
export function readFrontMatter(lines: readonly Line[]): FrontMatter {
  const headers = new HeaderReader();
  let from = 0;
  // YAML front matter (--- … ---) left in a text file.
  if (lines.length > 0 && compact(lines[0]!.text) === "---") {
    const close = lines.findIndex((l, k) => k > 0 && k <= 60 && /^(---|\.\.\.)$/.test(compact(l.text)));
    if (close !== -1) {
      headers.yaml(lines.slice(1, close).map((l) => l.text));
      from = close + 1;
    }
  }

  // What is left once headers, web-archive notes (> …) before the document and 文号 lines are set aside.
  const rest: Line[] = [];
  let docNumber: string | null = null;
  let masthead: string | null = null;
  for (let k = from; k < lines.length; k++) {
    const line = withoutHeadingMark(lines[k]!);
    const t = compact(line.text);
    if (t === "") continue;
    if (headers.line(line.text, rest.length === 0)) continue;
    if (rest.length === 0 && (/^>/.test(t) || /^https?:\/\//.test(t) || t === "---")) continue;
    const num = DOC_NUMBER_LINE.exec(t);
    if (num && rest.length < 10) {
      docNumber ??= num[1]!.replace(/\s/g, "");
      continue;
    }
    // A title run into its 文号 (…的通知国办发〔2020〕43号, …的实施意见鲁政字〔2019〕12号).
    const split = rest.length < 10 && isShortLine(t, 160) ? splitDocNumber(t) : null;
    if (split) {
      docNumber ??= split.docNumber;
      rest.push({ text: split.title, start: line.start, end: line.end });
      continue;
    }
    // The masthead (版头): XX市人民政府文件.
    if (rest.length === 0 && t.length <= 30 && /^[\u4e00-\u9fff]+文件$/.test(t)) {
      masthead ??= t.slice(0, -2);
      continue;
    }
    // The same title printed twice (a database's title field and the document's own).
    const prev = rest[rest.length - 1];
    if (prev && t.length >= 8 && isShortLine(t, 160) && sameTitle(prev.text, t)) continue;
    rest.push(line);
  }

  let i = 0;
  let title = "";
  let issuer: string | null = masthead;
  let notice: Notice | null = null;
  const n = readNotice(rest, 0);
  if (n?.wrapper) {
    notice = n.notice;
    i = n.next;
  } else if (n) {
    // A notice that is itself the plan (国务院关于…的通知, followed by its addressee and the plan).
    title = n.notice.title;
    issuer ??= n.notice.issuer;
    i = n.titleEnd;
  }

  let titleEnd = -1;
  if (title === "") {
    for (let k = i; k < rest.length; k++) {
      if (isTitleLike(rest[k]!.text)) {
        let top = k;
        while (top > i && k - top < 2 && isTitleHead(rest[top - 1]!.text, rest[top]!.text)) top--;
        title = rest
          .slice(top, k + 1)
          .map((l) => compactTitle(l.text))
          .join("");
        titleEnd = k + 1;
        // An issuer set above a title that does not name it (某区食品安全委员会办公室 / 2021年工作要点).
        const above = top > i ? compact(rest[top - 1]!.text) : "";
        if (notice === null && above.length <= 30 && ISSUER_END.test(above) && !/[，。：:；;,、]/.test(above)) issuer ??= above;
        break;
      }
      // The title comes first; a paragraph before it means this document has none we can trust.
      if (!isShortLine(rest[k]!.text)) break;
    }
    if (titleEnd !== -1 && notice === null) {
      // A title with its issuer (XX市人民政府办公厅关于…的实施意见): the issuer is what stands before 关于.
      const at = title.indexOf("关于");
      if (at >= 4 && ISSUER_END.test(title.slice(0, at))) issuer ??= title.slice(0, at);
    }
  } else titleEnd = i;

  // A notice whose plan title is not repeated above the plan: the title it quotes.
  if (title === "" && notice) title = quotedPlanTitle(notice.title) || quotedInBody(notice.body);
  // Nothing in the text: what a header says (its title is the notice's, when the plan came in one).
  const header = headers.header;
  if (title === "" && header.title) title = titleOfHeader(header.title);

  let status: string | null = null;
  let preambleFrom = titleEnd === -1 ? i : titleEnd;
  const suffix = STATUS_SUFFIX.exec(title);
  if (suffix) {
    status = suffix[1]!;
    title = title.slice(0, suffix.index);
  } else if (titleEnd !== -1 && rest[titleEnd] && STATUS.test(compact(rest[titleEnd]!.text))) {
    status = STATUS.exec(compact(rest[titleEnd]!.text))![1]!;
    preambleFrom++;
  }
  // A date set under the title of a plan that came in no notice.
  let date: string | null = null;
  if (notice === null && titleEnd !== -1 && rest[preambleFrom]) {
    date = dateOfLine(rest[preambleFrom]!.text);
    if (date) preambleFrom++;
  }
  return {
    title,
    status,
    docNumber: docNumber ?? header.docNumber,
    notice,
    issuer,
    date,
    header,
    preamble: rest.slice(preambleFrom),
  };
}

const RUN_IN_DOC_NUMBER = new RegExp(`^(.*(?:${KIND_WORDS}))(${DOC_NUMBER_SRC})$`);

/** `…的通知国办发〔2020〕43号` → the title and the 文号. */
function splitDocNumber(text: string): { title: string; docNumber: string } | null {
  const m = RUN_IN_DOC_NUMBER.exec(compact(text));
  return m && m[1]!.length >= 4 ? { title: m[1]!, docNumber: m[2]! } : null;
}

/**
 * A signature run into the end of a paragraph: `…认真贯彻落实。国务院办公厅2020年11月1日（此件公开发布）`.
 */
function splitSignature(text: string): { body: string; issuer: string | null; date: string; disclosure: string | null } | null {
  const m = /^(.*[。！!])\s*([^。，,；;：:、\s]{2,40}?)?\s*((?:\d{4}|[０-９]{4})\s*年\s*[\d０-９]{1,2}\s*月\s*[\d０-９]{1,2}\s*日)\s*(?:[（(]([^（）()]{2,20})[）)])?$/.exec(
    text.trim(),
  );
  if (!m) return null;
  const date = dateOfLine(m[3]!);
  if (!date) return null;
  const disclosure = m[4] ?? null;
  if (disclosure && !DISCLOSURE.test(`（${disclosure}）`)) return null;
  return { body: m[1]!, issuer: m[2] ?? null, date, disclosure };
}

interface NoticeRead {
  notice: Notice;
  /** A notice that wraps a plan (关于印发…的通知, or one closed by its date before the plan); else the notice is the plan. */
  wrapper: boolean;
  /** The line after the notice's title. */
  titleEnd: number;
  /** The line after the notice. */
  next: number;
}

function readNotice(lines: readonly Line[], from: number): NoticeRead | null {
  // The notice's title: up to three consecutive short lines up to one ending in 通知, with 关于 or 印发 in them.
  // It may come after a few short lines (a date of publication) or, when its addressee follows it, after a
  // note or two (a web archive's 本文由…整理).
  let start = -1;
  let end = -1;
  let afterProse = false;
  for (let s = from; s < Math.min(lines.length, from + 4) && end === -1; s++) {
    for (let k = s; k < Math.min(lines.length, s + 3); k++) {
      const t = compact(lines[k]!.text);
      if (!isShortLine(t, 160)) break;
      if (t.endsWith("通知")) {
        if (!afterProse || /[：:]/.test(lines[k + 1]?.text ?? "")) {
          start = s;
          end = k;
        }
        break;
      }
    }
    if (!isShortLine(compact(lines[s]!.text), 40)) afterProse = true;
  }
  if (end === -1) return null;
  const title = lines
    .slice(start, end + 1)
    .map((l) => compact(l.text))
    .join("");
  if (!title.includes("关于") && !title.includes("印发")) return null;

  let k = end + 1;
  let addressee: string | null = null;
  // The body's first sentences when they are run into the addressee line.
  let runIn: string | null = null;
  const first = lines[k]?.text ?? "";
  if (first && /[：:]$/.test(first) && first.length <= 200) {
    addressee = first;
    k++;
  } else {
    // `各省、自治区…，国务院各部委、各直属机构：《…》已经国务院同意，…`
    const m = /^([^。：:《》]{2,200}[：:])(.+)$/.exec(first.trim());
    if (m && /^各|人民政府|部门|单位|机构/.test(m[1]!)) {
      addressee = m[1]!;
      runIn = m[2]!;
      k++;
    }
  }
  const bodyOf = (to: number): string[] => [...(runIn === null ? [] : [runIn]), ...lines.slice(k, to).map((l) => l.text)];
  // The body runs to the date line; the line before the date, when short, is the issuer.
  let dateLine = -1;
  for (let j = k; j < Math.min(lines.length, k + 12); j++) {
    if (dateOfLine(lines[j]!.text)) {
      dateLine = j;
      break;
    }
  }
  let issuer: string | null = null;
  let date: string | null = null;
  let disclosure: string | null = null;
  let body: string[];
  let next = k;
  if (dateLine !== -1) {
    date = dateOfLine(lines[dateLine]!.text);
    let bodyEnd = dateLine;
    const before = lines[dateLine - 1];
    if (dateLine - 1 >= k && before && isShortLine(before.text, 40) && !/[：:，,]$/.test(before.text)) {
      issuer = compact(before.text);
      bodyEnd = dateLine - 1;
    }
    body = bodyOf(bodyEnd);
    next = dateLine + 1;
  } else {
    // No date line: the body is the paragraphs up to the first title-like line, and its signature may be run
    // into its last sentence (…认真贯彻落实。国务院办公厅2020年11月1日（此件公开发布）).
    while (next < lines.length && !isTitleLike(lines[next]!.text)) next++;
    body = bodyOf(next);
    const sig = body.length > 0 ? splitSignature(body[body.length - 1]!) : null;
    if (sig) {
      issuer = sig.issuer;
      date = sig.date;
      disclosure = sig.disclosure;
      body[body.length - 1] = sig.body;
    }
  }
  const at = title.indexOf("关于");
  const titleIssuer = at > 0 ? title.slice(0, at) : null;
  issuer ??= titleIssuer;
  if (disclosure === null && lines[next] && DISCLOSURE.test(compact(lines[next]!.text))) {
    disclosure = compact(lines[next]!.text).slice(1, -1);
    next++;
  }
  // A notice wraps a plan when it says it issues one (关于印发…的通知), when its body is closed by a date
  // before the plan, or when a plan title follows a body that says so (现将《…》印发给你们); else the notice
  // is the plan itself (国务院关于…的通知 followed by its addressee and the plan's text).
  const wrapper =
    /印发|转发|下发|颁发|发布|公布/.test(title.slice(Math.max(at, 0))) ||
    date !== null ||
    (next < lines.length && /印发|转发|下发/.test(body.join("")));
  if (!wrapper) {
    return {
      notice: { title, addressee: null, body: "", issuer: titleIssuer, date: null, disclosure: null },
      wrapper,
      titleEnd: end + 1,
      next: end + 1,
    };
  }
  return {
    notice: { title, addressee, body: body.join("\n"), issuer, date, disclosure },
    wrapper,
    titleEnd: end + 1,
    next,
  };
}

/** Reads trailing print note, distribution list, signature and web-page lines, from the end of the document. */
export function readEndMatter(lines: readonly Line[]): EndMatter {
  let issuer: string | null = null;
  let signed: string | null = null;
  let printed: string | null = null;
  let count = 0;
  // A distribution list (抄送：…) near the end runs to the print note, over as many lines as it takes.
  let copyTo = -1;
  for (let k = lines.length - 1; k >= Math.max(0, lines.length - 8); k--) {
    if (COPY_TO.test(compact(lines[k]!.text))) {
      copyTo = k;
      break;
    }
  }
  for (let k = lines.length - 1; k >= 0 && count < 12; k--) {
    const t = ascii(compact(lines[k]!.text));
    const note = PRINT_NOTE.exec(t);
    if (note) {
      issuer ??= note[1] || null;
      printed ??= isoDate(note[2]!, note[3]!, note[4]!);
      count++;
      continue;
    }
    if (DISTRIBUTION.test(t) || (copyTo !== -1 && k > copyTo && t.length <= 120) || DISCLOSURE.test(t) || (t.length <= 60 && WEB_FURNITURE.test(t))) {
      count++;
      continue;
    }
    const d = dateOfLine(t);
    const runIn = d ? null : /^([\u4e00-\u9fff]{2,30})((?:\d{4})年\d{1,2}月\d{1,2}日)$/.exec(t);
    if (d || (runIn && ORG_END.test(runIn[1]!) && dateOfLine(runIn[2]!))) {
      signed ??= d ?? dateOfLine(runIn![2]!);
      count++;
      if (runIn) {
        issuer ??= runIn[1]!;
        continue;
      }
      // A signature: the short line right above the date names who issued it; joint issuers stand one a line.
      const names: string[] = [];
      let j = k - 1;
      for (; j >= 0 && names.length < 6; j--) {
        const above = lines[j]!.text;
        const a = compact(above);
        const ok = a !== "" && isShortLine(above, 30) && !/[：:，,。）)]$/.test(above) && !/^[（(]/.test(a) && !NUMBERED.test(a);
        if (!ok || (names.length > 0 && !(ORG_END.test(a) && ORG_END.test(names[0]!)))) break;
        names.unshift(a);
      }
      if (names.length > 0) {
        issuer ??= names.join("、");
        count += names.length;
        k = j + 1;
      }
      continue;
    }
    break;
  }
  return { issuer, date: signed ?? printed, signed, printed, count };
}

/** Place names a plan's title and issuer mention (马村区 → 马村), for telling 马村公安分局 from 公安分局. */
export function placeStems(...texts: (string | null | undefined)[]): string[] {
  const stems = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    const clean = text.replace(/\d{4}\s*年/g, " ");
    for (const m of clean.matchAll(/([\u4e00-\u9fff]{2,6}?)(?:省|市|区|县|州|旗)/g)) {
      const stem = m[1]!;
      if (!/^(全|本|各|我|示范|食品|关于|印发)/.test(stem)) stems.add(stem);
    }
  }
  return [...stems].sort();
}
