// Task tables (任务分工表) flattened to text, one cell per line, as they come out of Word or a web page copied as
// plain text:
//
//   序号 / 任务名称 / 任务内容 / 牵头部门 / 配合部门 / 时间节点      (the header, one word a line)
//   1 / 加强组织领导 / 召开….。 / 区政府办公室 / 各成员单位 / 2020年3月
//   2 / 将….。 / 区委组织部 / 区绿化市容局 / 2020年              (任务名称 merged over rows 1–2: given once)
//
// The header is found by its words (HEADER_WORDS / columnRole of the table readers). Rows start at a line that is
// only the next row number. Empty and merged cells leave no line, and a cell may be broken over several lines, so
// a row's lines are matched to the header's columns by a small dynamic programme: lines go to columns in order,
// each column takes zero or one cell of one or more lines, and each choice is scored by what the text looks like
// (a deadline, a party list read by readResponsibility, a short name, long content). Pure; linear in the input.
import { columnRole, type ColumnRole } from "../input/task-table.js";
import { isDeadlineOnly } from "./deadlines.js";
import { readResponsibility } from "./responsibility.js";

export interface FlatLine {
  text: string;
  start: number;
  end: number;
}

/**
 * A cell: its lines' text joined. Content, names and deadlines join with no separator (a space between two Latin
 * letters or digits); owner cells join paragraphs with 、 unless the line already ends with a list separator
 * (`区民政局、` / `区财政局` → `区民政局、区财政局`, `区机管局` / `区财政局` → `区机管局、区财政局`).
 * start = the first line's start, end = the last line's end (offsets in the caller's text).
 */
export interface FlatCell {
  text: string;
  start: number;
  end: number;
}

export type FlatOwnerRole = "lead" | "responsible" | "support" | "guide";

export interface FlatRow {
  /** The row number as written (1, 2, 3 …; full-width digits read as ASCII). */
  number: number;
  numberCell: FlatCell;
  /** The row's name (任务名称) when written on this row; null on the later rows of a merged group. */
  name: FlatCell | null;
  content: FlatCell | null;
  /** Owner cells in column order; the role is the column's. */
  owners: { role: FlatOwnerRole; cell: FlatCell }[];
  deadline: FlatCell | null;
  /** From the number line's start to the end of the row's last line. */
  start: number;
  end: number;
}

export interface FlatProblem {
  message: string;
  start: number;
  end: number;
}

export interface FlatTable {
  /** A short line just before the header (附件N lines skipped), or null. */
  title: FlatCell | null;
  /** Offsets: the first header line's start, the last header line's end. */
  headerStart: number;
  headerEnd: number;
  rows: FlatRow[];
  /** Lines not assigned to a column, skipped repeated headers and page furniture, row numbers out of sequence. */
  problems: FlatProblem[];
  /** How many of the given lines the table used (preamble, title and header included); lines[consumed] on are not the table's. */
  consumed: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Facts of the form

/** The header must start within the first lines (after 附件N and a title). */
const HEADER_WITHIN = 6;
/** At most this many lines (unknown header words, a note) may stand between the header and row 1. */
const BEFORE_FIRST_ROW = 3;
/** Header words of columns no role reads (kept so that the columns line up; their cells are dropped). */
const OTHER_HEADERS = /^(?:备注|备注说明|说明|责任人|联系人|联系电话|完成情况|进展情况|完成标准|考核标准|评分标准)$/;
/** `附件2`, `附件 3：…`, `附件`: the next attachment starts. */
const ATTACHMENT = /^附\s*件\s*[0-9０-９一二三四五六七八九十]{0,3}(?:$|[\s:：．.、，,])/;
/** Lines that end a document: a distribution list, a publication note. */
const DOCUMENT_END = /^(?:抄送|抄报|主送|印发)[:：]|^[（(]此件[^）)]{0,20}[）)]$/;
/** Page furniture between two parts of a table: `续表`, `— 3 —`, `-3-`, `第3页`, `第3页，共12页`. */
const FURNITURE = /^(?:续表[0-9０-９]*|[-—－–]+\s*[0-9０-９]{1,4}\s*[-—－–]+|第\s*[0-9０-９]{1,4}\s*页(?:\s*[,，/／]?\s*共\s*[0-9０-９]{1,4}\s*页)?)$/;
const ROW_NUMBER = /^([0-9０-９]{1,6})[.．、]?$/;

function foldDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
}

function rowNumber(text: string): number | null {
  const m = ROW_NUMBER.exec(text);
  return m ? Number(foldDigits(m[1]!)) : null;
}

export type HeaderRole = ColumnRole | "other";

/** The role a header word names: a column role, "other" for a column no role reads (备注), else null. */
export function headerRole(text: string): HeaderRole | null {
  if (text.length === 0 || text.length > 24) return null;
  const role = columnRole(text);
  if (role !== null) return role;
  return OTHER_HEADERS.test(text.replace(/[\s\u3000\u00a0]+/g, "").replace(/[:：]$/, "")) ? "other" : null;
}

/** Normalized header word, for comparing a repeated header with the first. */
function headerKey(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, "").replace(/[:：]$/, "");
}

interface HeaderRun {
  from: number;
  /** Index after the run. */
  to: number;
  roles: HeaderRole[];
  key: string;
}

/** The run of header words starting at `from`, when it starts with 序号 and has at least two words. */
function headerRunAt(lines: readonly FlatLine[], from: number): HeaderRun | null {
  const first = lines[from]!.text;
  if (!/^[序编]/.test(first) || headerRole(first) !== "number") return null;
  const roles: HeaderRole[] = [];
  const keys: string[] = [];
  let to = from;
  // A header has a few columns; 16 bounds the work when a text is nothing but header words.
  while (to < lines.length && roles.length < 16) {
    const role = headerRole(lines[to]!.text);
    if (role === null || (role === "number" && to > from)) break;
    roles.push(role);
    keys.push(headerKey(lines[to]!.text));
    to++;
  }
  if (roles.length < 2) return null;
  return { from, to, roles, key: keys.join("|") };
}

const OWNER_ROLES: readonly FlatOwnerRole[] = ["lead", "responsible", "support", "guide"];

function isOwnerRole(role: string): role is FlatOwnerRole {
  return (OWNER_ROLES as readonly string[]).includes(role);
}

/** A task-table header: a task column and an owner column. */
function isTaskHeader(roles: readonly HeaderRole[]): boolean {
  return roles.includes("task") && roles.some(isOwnerRole);
}

type Kind = "name" | "content" | "deadline" | "other" | FlatOwnerRole;

interface Column {
  kind: Kind;
  /** A name column made of an earlier task column (重点任务 | 具体措施): longer names allowed. */
  loose: boolean;
  /** Owner columns to the right of this one. */
  ownersAfter: number;
}

/**
 * The columns after 序号, in the order a row's cells come.
 *
 * - A two-level header (`责任单位` over `牵头单位 | 配合单位`) flattens to 责任单位 … then its sub-headers after the
 *   other first-level words (`序号 工作任务 责任单位 完成时限 牵头单位 配合单位`): when 责任单位 has lead/support/guide
 *   words after it (with other words in between, or a 牵头单位 among them) and no owner word before it, it is
 *   dropped and its sub-headers take its place. `责任单位 配合单位` side by side are two columns.
 * - The first 任务名称/类别 (section) column is the name column; several task columns: the last holds the content and an
 *   earlier one is the name column when there is no section column. Any further ones, and leader columns
 *   (牵头领导: people, not units), are `other` columns whose cells are dropped.
 */
function columnsOf(header: readonly HeaderRole[]): Column[] {
  let roles = header.slice(1);
  const r = roles.indexOf("responsible");
  if (r >= 0 && !roles.slice(0, r).some(isOwnerRole)) {
    const subs = roles.flatMap((role, i) => (i > r && (role === "lead" || role === "support" || role === "guide") ? [i] : []));
    // Next to it, 配合单位 alone is a column of its own (责任单位 | 配合单位); a 牵头单位, or other words in between, make
    // it a two-level header.
    if (subs.length > 0 && (subs[0]! > r + 1 || subs.some((i) => roles[i] === "lead"))) {
      const moved = subs.map((i) => roles[i]!);
      roles = roles.flatMap((role, i) => (i === r ? moved : subs.includes(i) ? [] : [role]));
    }
  }
  const lastTask = roles.lastIndexOf("task");
  let haveName = false;
  let haveContent = false;
  const kinds: { kind: Kind; loose: boolean }[] = roles.map((role, i) => {
    if (role === "section" && !haveName) {
      haveName = true;
      return { kind: "name", loose: false };
    }
    if (role === "task" && i === lastTask) {
      haveContent = true;
      return { kind: "content", loose: false };
    }
    if (role === "deadline") return { kind: "deadline", loose: false };
    if (isOwnerRole(role)) return { kind: role, loose: false };
    return { kind: "other", loose: false };
  });
  if (!haveName) {
    const firstTask = roles.indexOf("task");
    if (firstTask >= 0 && firstTask !== lastTask) kinds[firstTask] = { kind: "name", loose: true };
  }
  if (!haveContent) return [];
  return kinds.map((k, i) => ({
    ...k,
    ownersAfter: kinds.slice(i + 1).filter((x) => isOwnerRole(x.kind)).length,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// What a cell looks like

// Deadline cells: the text is nothing but date and progress words, with at least one of the first kind.
const DEADLINE_CORE = [
  String.raw`(?:\d{4}|[〇零一二三四五六七八九]{4})年(?:度|[底末初中内])?`,
  String.raw`(?:\d{1,2}|十[一二]?|[一二三四五六七八九])月份?(?:[底末初中]|[上中下]旬)?`,
  String.raw`\d{1,2}[日号]`,
  String.raw`[上下]半年`,
  String.raw`第?[一二三四1-4]季度`,
  String.raw`年[底末内初中]`,
  String.raw`年度`,
  String.raw`全年`,
  String.raw`[今明次当本]年`,
  String.raw`长期(?:坚持)?`,
  String.raw`持续(?:推进|开展|实施|落实)?`,
  String.raw`常态化`,
  String.raw`(?:有序|稳步|分阶段|分步|逐步)(?:推进|实施)`,
  String.raw`逐年`,
  String.raw`每(?:年|季度|季|半年|月|周|旬)度?`,
  String.raw`按(?:期|时|季度|月|年度?|进度|计划)`,
  String.raw`适时`,
  String.raw`随时`,
  String.raw`定期`,
].join("|");
const DEADLINE_FILLER = [
  "之前", "以前", "前后", "左右", "以来", "截至", "截止", "开始", "完成", "实施", "推进", "开展", "启动", "落实", "坚持",
  "力争", "争取", "全部", "基本", "到位", "前", "底", "末", "起", "至", "到", "并", "和", "及", "或",
  String.raw`[—－–\-~～、，,；;。.（）()\s]`,
].join("|");
const DEADLINE_TOKEN = new RegExp(`(${DEADLINE_CORE})|(?:${DEADLINE_FILLER})`, "y");
const DEADLINE_WORDS = /[年月日周天旬季时期]|持续|长期|常态|逐步|阶段|推进/;

/** What a text was graded, per reading (texts repeat: the same parties and dates on many rows). */
interface Caches {
  party: Map<string, 0 | 1 | 2>;
  deadline: Map<string, 0 | 1 | 2>;
}

/** 2 = a deadline cell (`2019年3月`, `2019年`, `6月底前`, `持续推进`, `长期`), 1 = may be one, 0 = not. */
function deadlineGrade(text: string, cache: Caches): 0 | 1 | 2 {
  if (text.length === 0 || text.length > 40) return 0;
  const known = cache.deadline.get(text);
  if (known !== undefined) return known;
  const grade = gradeDeadline(text);
  cache.deadline.set(text, grade);
  return grade;
}

function gradeDeadline(text: string): 0 | 1 | 2 {
  const s = foldDigits(text);
  let at = 0;
  let core = false;
  DEADLINE_TOKEN.lastIndex = 0;
  while (at < s.length) {
    DEADLINE_TOKEN.lastIndex = at;
    const m = DEADLINE_TOKEN.exec(s);
    if (!m || m[0].length === 0) break;
    if (m[1] !== undefined) core = true;
    at += m[0].length;
  }
  if (at === s.length && core) return 2;
  // Every deadline extractDeadlines knows has one of these words; the test spares its scan on other cells.
  if (!DEADLINE_WORDS.test(text)) return 0;
  if (isDeadlineOnly(text)) return 2;
  return text.length <= 30 && !/[。！？!?]/.test(text) ? 1 : 0;
}

/** Endings of unit names the fallback accepts (readResponsibility is stricter: `公共机构`, `党政机关`). */
const UNIT_END =
  /(?:局|委|办|部|院|厅|室|中心|政府|机关|机构|单位|部门|组织|公司|集团|协会|学会|商会|联合会|银行|街道|镇|乡|园区|社区|村|团|会|联|站|所|队|处|社|庭|署|关|行|馆|校|台|区|县|市|省)$/;
const UNIT_CHARS = /^[\u3400-\u9fffA-Za-z0-9０-９（）()〈〉]+$/;
const NESTED = /[（(〈][^（(〈）)〉]*[）)〉]/g;

/** 2 = a party list readResponsibility reads, 1 = looks like one (every item a unit name), 0 = not. */
function partyGrade(text: string, cache: Caches): 0 | 1 | 2 {
  if (text.length === 0 || text.length > 150 || /[。！？!?]/.test(text) || /[、，,；;：:]$/.test(text)) return 0;
  const known = cache.party.get(text);
  if (known !== undefined) return known;
  let grade: 0 | 1 | 2 = 0;
  const reading = readResponsibility(text);
  // Role words the grammar does not know (`…第一部` + `分`) mean the text is not a party list after all.
  if (
    reading &&
    reading.unknownRoles.length === 0 &&
    reading.lead.length + reading.responsible.length + reading.support.length + reading.guide.length > 0
  ) {
    grade = 2;
  } else {
    const items = text.split(/[、，,；;]/).map((item) => item.replace(/等$/, ""));
    let units = 0;
    let ok = true;
    for (const item of items) {
      const base = item.replace(NESTED, "");
      if (item.length < 2 || item.length > 40 || !UNIT_CHARS.test(item) || /^[0-9０-９]/.test(item)) {
        ok = false;
        break;
      }
      if (UNIT_END.test(base) || /^(?:各|相关|有关|其他|其它)/.test(base)) units++;
    }
    if (ok && units > 0 && units * 2 >= items.length) grade = 1;
  }
  cache.party.set(text, grade);
  return grade;
}

// ---------------------------------------------------------------------------------------------------------------
// Scores (integers; higher is better). A column may take no cell (skip), a line may be left unassigned (drop).

const NEG = -Infinity;
const DROP = -80;
const SKIP: Record<Kind, number> = {
  name: 0,
  content: -80,
  lead: -30,
  responsible: -30,
  support: -15,
  guide: -15,
  deadline: -20,
  other: -2,
};
/** Lines one cell of each kind may span. */
const SPAN: Record<Kind, number> = {
  name: 1,
  content: 8,
  lead: 4,
  responsible: 4,
  support: 4,
  guide: 4,
  deadline: 2,
  other: 1,
};

const LIST_END = /[、，,；;]$/;
const LIST_START = /^[、，,；;]/;
const SENTENCE_END = /[。！？!?]$/;
const ASCII_WORD_END = /[A-Za-z0-9]$/;
const ASCII_WORD_START = /^[A-Za-z0-9]/;

function joinText(parts: readonly string[], owner: boolean): string {
  let out = "";
  for (const part of parts) {
    if (out.length > 0) {
      if (owner && !LIST_END.test(out) && !LIST_START.test(part)) out += "、";
      else if (ASCII_WORD_END.test(out) && ASCII_WORD_START.test(part)) out += " ";
    }
    out += part;
  }
  return out;
}

/** What one line of a row is, graded once. */
interface LineInfo {
  text: string;
  /** partyGrade of the line without a trailing list separator (`区民政局、` continues a list). */
  party: 0 | 1 | 2;
  deadline: 0 | 1 | 2;
  number: boolean;
}

function lineInfo(text: string, cache: Caches): LineInfo {
  return {
    text,
    party: partyGrade(text.replace(/[、，,；;]$/, ""), cache),
    deadline: deadlineGrade(text, cache),
    number: rowNumber(text) !== null,
  };
}

/**
 * The score of lines[from, from + parts) as a cell of the column, or NEG when they cannot be one. Called with
 * growing spans; `parts` are the span's lines.
 */
function fit(column: Column, parts: readonly LineInfo[], cache: Caches): number {
  const { kind } = column;
  const n = parts.length;
  const last = parts[n - 1]!;
  if (last.number && kind !== "other") return NEG;
  switch (kind) {
    case "name": {
      const { text } = last;
      if (column.loose) {
        if (text.length > 40 || SENTENCE_END.test(text)) return NEG;
      } else if (text.length > 20 || /[。；;！!？?，,、：:]/.test(text)) return NEG;
      if (last.deadline === 2 || last.party === 2) return NEG;
      return 40;
    }
    case "content": {
      // A party list or a deadline on a line of its own is a cell of its own, not the content's continuation.
      if (n > 1 && (last.party === 2 || last.deadline === 2)) return NEG;
      let length = 0;
      let sentence = false;
      let comma = false;
      for (const p of parts) {
        length += p.text.length;
        sentence ||= /[。；;！!？?]/.test(p.text);
        comma ||= /[，,、]/.test(p.text);
      }
      let score = sentence || length > 20 ? 50 : comma ? 30 : 20;
      if (n === 1 && last.party === 2) score = 10;
      else if (n === 1 && last.deadline === 2) score = 5;
      for (let i = 0; i + 1 < n; i++) {
        const p = parts[i]!.text;
        score -= SENTENCE_END.test(p) ? 25 : /[；;]$/.test(p) ? 15 : 5;
      }
      if (LIST_END.test(last.text)) score -= 30;
      return score;
    }
    case "deadline": {
      // Each line of a deadline cell says something about time (not `区党政机关` / `2019年9月`).
      if (last.deadline === 0) return NEG;
      const grade = n === 1 ? last.deadline : deadlineGrade(joinText(parts.map((p) => p.text), false), cache);
      if (grade === 0) return NEG;
      return (grade === 2 ? 80 : 30) - 10 * (n - 1);
    }
    case "other": {
      // A remark (备注) or a leader's name; not a party list or a date, which would more likely be a signature
      // under the table than a remark of its last row.
      const { text } = last;
      if (n > 1 || text.length > 30 || SENTENCE_END.test(text) || last.party !== 0 || last.deadline === 2) return NEG;
      return 10;
    }
    default: {
      // An owner column: every line a party list (or the start of one).
      if (last.party === 0) return NEG;
      const grade = n === 1 ? partyGrade(last.text, cache) : partyGrade(joinText(parts.map((p) => p.text), true), cache);
      if (grade === 0) return NEG;
      let score = grade === 2 ? 100 : 60;
      // A line ending with 、 continues the list for free; paragraphs of one cell cost a little, less in the
      // columns further right (three party lines under 牵头 | 配合: the first leads, the other two support).
      for (let i = 0; i + 1 < n; i++) if (!LIST_END.test(parts[i]!.text)) score -= 20 + column.ownersAfter;
      return score;
    }
  }
}

/** Whether a span that failed can still succeed when it grows (a content cell can take more lines; a deadline
 *  or owner cell whose newest line is not one cannot). */
function mayGrow(kind: Kind, added: LineInfo): boolean {
  if (added.number) return false;
  if (kind === "deadline") return added.deadline !== 0;
  if (kind === "content") return added.party !== 2 && added.deadline !== 2;
  if (kind === "name" || kind === "other") return false;
  return added.party !== 0;
}

interface Assigned {
  /** Column index, or -1 for a dropped line. */
  column: number;
  from: number;
  to: number;
}

/** DP tables, grown as rows need and reused. */
let scratch = { size: 0, best: new Float64Array(0), prev: new Int32Array(0), action: new Int8Array(0) };

/**
 * The best reading of a row's lines as cells of the columns. `open`: the table's last row, whose reading may
 * stop before its lines end (the rest is not the table's). Returns the assignments and how many lines are used.
 */
function alignRow(
  infos: readonly LineInfo[],
  columns: readonly Column[],
  open: boolean,
  cache: Caches,
): { cells: Assigned[]; used: number } {
  const k = infos.length;
  const m = columns.length;
  const width = m + 1;
  const size = (k + 1) * width;
  if (scratch.size < size) {
    const cap = Math.max(size, scratch.size * 2, 64);
    scratch = { size: cap, best: new Float64Array(cap), prev: new Int32Array(cap), action: new Int8Array(cap) };
  }
  const { best, prev, action } = scratch;
  best.fill(NEG, 0, size);
  best[0] = 0;
  // prev: the previous state's index; action: the column assigned, -1 a dropped line, -2 a skipped column.
  const relax = (to: number, score: number, from: number, act: number) => {
    if (score > best[to]!) {
      best[to] = score;
      prev[to] = from;
      action[to] = act;
    }
  };
  const parts: LineInfo[] = [];
  for (let i = 0; i <= k; i++) {
    for (let j = 0; j <= m; j++) {
      const at = i * width + j;
      const here = best[at]!;
      if (here === NEG) continue;
      if (j < m) {
        const column = columns[j]!;
        relax(at + 1, here + SKIP[column.kind], at, -2);
        parts.length = 0;
        for (let len = 1; len <= SPAN[column.kind] && i + len <= k; len++) {
          const added = infos[i + len - 1]!;
          parts.push(added);
          const score = fit(column, parts, cache);
          if (score !== NEG) relax((i + len) * width + j + 1, here + score, at, j);
          if (!mayGrow(column.kind, added)) break;
        }
      }
      if (i < k) relax(at + width, here + DROP, at, -1);
    }
  }
  // The end state: every line read (or, in the last row, any prefix), the remaining columns skipped.
  let end = k * width + m;
  if (open) {
    let top = NEG;
    for (let i = 0; i <= k; i++) {
      for (let j = 0; j <= m; j++) {
        const here = best[i * width + j]!;
        if (here === NEG) continue;
        let total = here;
        for (let c = j; c < m; c++) total += SKIP[columns[c]!.kind];
        if (total > top) {
          top = total;
          end = i * width + j;
        }
      }
    }
  }
  const cells: Assigned[] = [];
  for (let at = end; at > 0; ) {
    const from = prev[at]!;
    const act = action[at]!;
    if (act !== -2) cells.push({ column: act, from: Math.floor(from / width), to: Math.floor(at / width) });
    at = from;
  }
  cells.reverse();
  // Dropped lines at the end of the last row are not the table's.
  let used = Math.floor(end / width);
  if (open) {
    while (cells.length > 0 && cells[cells.length - 1]!.column === -1) used = cells.pop()!.from;
  }
  return { cells, used };
}

// ---------------------------------------------------------------------------------------------------------------
// The reader

interface RawRow {
  number: number;
  numberLine: number;
  /** Indices of the row's cell lines (skipped lines left out). */
  lines: number[];
}

interface IndexedProblem {
  message: string;
  line: number;
  lastLine: number;
}

function safeLines(lines: readonly FlatLine[]): FlatLine[] {
  const out: FlatLine[] = [];
  for (const line of lines) {
    const text = typeof line?.text === "string" ? line.text : "";
    const start = typeof line?.start === "number" && Number.isFinite(line.start) ? line.start : 0;
    const end = typeof line?.end === "number" && Number.isFinite(line.end) ? line.end : start;
    out.push({ text, start, end });
  }
  return out;
}

/** The title: the nearest short line before the header that is not `附件N`. */
function titleBefore(lines: readonly FlatLine[], header: number): FlatCell | null {
  for (let i = header - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (ATTACHMENT.test(line.text) && line.text.length <= 8) continue;
    if (line.text.length === 0 || line.text.length > 80 || SENTENCE_END.test(line.text)) return null;
    return { text: line.text, start: line.start, end: line.end };
  }
  return null;
}

/**
 * Reads lines (already trimmed, no blank lines) as a flattened task table; null when they are not one (no header
 * row of known words within the first 6 lines, or no row). Never throws. Linear time.
 */
export function readFlatTable(lines: readonly FlatLine[]): FlatTable | null {
  try {
    if (!Array.isArray(lines)) return null;
    return read(safeLines(lines));
  } catch {
    return null;
  }
}

function read(lines: readonly FlatLine[]): FlatTable | null {
  let header: HeaderRun | null = null;
  for (let i = 0; i < Math.min(HEADER_WITHIN, lines.length) && !header; i++) {
    const run = headerRunAt(lines, i);
    if (run && isTaskHeader(run.roles)) header = run;
  }
  if (!header) return null;
  const columns = columnsOf(header.roles);
  if (columns.length === 0) return null;

  const problems: IndexedProblem[] = [];
  const rows: RawRow[] = [];
  let expected = 1;
  for (let i = header.to; i < lines.length; i++) {
    const text = lines[i]!.text;
    const current = rows[rows.length - 1];
    if (ATTACHMENT.test(text) || DOCUMENT_END.test(text)) break;
    const n = rowNumber(text);
    if (n !== null && (n === expected || (n === expected + 1 && current !== undefined && current.lines.length > 0))) {
      if (n !== expected) problems.push({ message: `row ${expected} is missing: row ${n} follows row ${expected - 1}`, line: i, lastLine: i });
      rows.push({ number: n, numberLine: i, lines: [] });
      expected = n + 1;
      continue;
    }
    const run = headerRunAt(lines, i);
    if (run && run.key === header.key) {
      problems.push({ message: "repeated header skipped", line: i, lastLine: run.to - 1 });
      i = run.to - 1;
      continue;
    }
    if (run && run.roles.length >= 3 && isTaskHeader(run.roles)) {
      // Another table's header.
      break;
    }
    if (FURNITURE.test(text)) {
      problems.push({ message: `page furniture skipped: ${text}`, line: i, lastLine: i });
      continue;
    }
    if (!current) {
      if (i - header.to >= BEFORE_FIRST_ROW) return null;
      problems.push({ message: `line before the first row not read: ${text.slice(0, 20)}`, line: i, lastLine: i });
      continue;
    }
    current.lines.push(i);
  }
  if (rows.length === 0) return null;

  const cache: Caches = { party: new Map(), deadline: new Map() };
  const out: FlatRow[] = [];
  let consumed = header.to;
  const cellOf = (indices: readonly number[], owner: boolean): FlatCell => ({
    text: joinText(indices.map((x) => lines[x]!.text), owner),
    start: lines[indices[0]!]!.start,
    end: lines[indices[indices.length - 1]!]!.end,
  });
  rows.forEach((raw, r) => {
    const open = r === rows.length - 1;
    const infos = raw.lines.map((x) => lineInfo(lines[x]!.text, cache));
    const { cells, used } = alignRow(infos, columns, open, cache);
    const numberLine = lines[raw.numberLine]!;
    const row: FlatRow = {
      number: raw.number,
      numberCell: { text: numberLine.text, start: numberLine.start, end: numberLine.end },
      name: null,
      content: null,
      owners: [],
      deadline: null,
      start: numberLine.start,
      end: numberLine.end,
    };
    for (const cell of cells) {
      const indices = raw.lines.slice(cell.from, cell.to);
      if (cell.column === -1) {
        for (const x of indices) {
          problems.push({ message: `row ${raw.number}: line not assigned to a column: ${lines[x]!.text.slice(0, 20)}`, line: x, lastLine: x });
        }
        continue;
      }
      const kind = columns[cell.column]!.kind;
      if (kind === "other") continue;
      const flat = cellOf(indices, isOwnerRole(kind));
      if (kind === "name") row.name = flat;
      else if (kind === "content") row.content = flat;
      else if (kind === "deadline") row.deadline = flat;
      else row.owners.push({ role: kind, cell: flat });
    }
    const lastUsed = used > 0 ? raw.lines[used - 1]! : raw.numberLine;
    row.end = lines[lastUsed]!.end;
    consumed = lastUsed + 1;
    if (row.content === null) problems.push({ message: `row ${raw.number} has no content cell`, line: raw.numberLine, lastLine: raw.numberLine });
    out.push(row);
  });

  return {
    title: titleBefore(lines, header.from),
    headerStart: lines[header.from]!.start,
    headerEnd: lines[header.to - 1]!.end,
    rows: out,
    problems: problems
      .filter((p) => p.line < consumed)
      .sort((a, b) => a.line - b.line)
      .map((p) => ({ message: p.message, start: lines[p.line]!.start, end: lines[p.lastLine]!.end })),
    consumed,
  };
}
