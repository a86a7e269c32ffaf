// What stands before the first numbered heading and after the last task: the document number, the notice
// wrapper (通知) a plan is often published in, the plan's own title and draft status, the preamble, and the
// print note (版记). None of it is ever a task; all of it is metadata.
import type { Notice } from "./schema.js";

export interface Line {
  text: string;
  start: number;
  end: number;
}

export interface FrontMatter {
  title: string;
  status: string | null;
  docNumber: string | null;
  notice: Notice | null;
  /** Lines of the preamble (after the title, before the body). */
  preamble: Line[];
}

export interface EndMatter {
  issuer: string | null;
  date: string | null;
  /** How many trailing lines are end matter. */
  count: number;
}

const DOC_NUMBER = /^[\u4e00-\u9fff]{1,10}[〔［\[【(（]\s*\d{4}\s*[〕］\]】)）]\s*\d{1,4}\s*号$/;
const DATE_LINE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const DISCLOSURE = /^[（(](此件[^）)]{0,20}|不予公开|依申请公开)[）)]$/;
const STATUS = /^[（(](征求意见稿|送审稿|草案|讨论稿|修订稿|代拟稿|初稿|审议稿|报批稿)[）)]$/;
const STATUS_SUFFIX = /[（(](征求意见稿|送审稿|草案|讨论稿|修订稿|代拟稿|初稿|审议稿|报批稿)[）)]$/;
const PLAN_WORD = /(要点|安排|计划|方案|规划|任务|清单|措施|意见|分工|细则|办法|指引|目标)/;
const PRINT_NOTE = /^(.*?)\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*印\s*发$/;
const DISTRIBUTION = /^(抄送|抄报|分送|发送|印发|主送|附件\s*\d*)\s*[：:]|^附件\s*\d*$/;

const compact = (s: string): string => s.replace(/[\s\u3000]+/g, "");

function isoDate(y: string, m: string, d: string): string {
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

function isShortLine(text: string, max = 60): boolean {
  return text.length <= max && !/[。；;]$/.test(text) && !/[。]/.test(text);
}

function isTitleLike(text: string): boolean {
  return (
    isShortLine(text) &&
    !/[：:]$/.test(text) &&
    !text.startsWith("《") &&
    !/关于印发|的$/.test(compact(text)) &&
    !compact(text).endsWith("通知") &&
    PLAN_WORD.test(text)
  );
}

/** Reads the lines before the body. */
export function readFrontMatter(lines: readonly Line[]): FrontMatter {
  let i = 0;
  let docNumber: string | null = null;
  const used = new Set<number>();
  for (let k = 0; k < Math.min(lines.length, 6); k++) {
    if (DOC_NUMBER.test(compact(lines[k]!.text))) {
      docNumber = compact(lines[k]!.text);
      used.add(k);
      i = k + 1;
      break;
    }
  }

  const notice = readNotice(lines, i);
  if (notice) i = notice.next;

  let titleLine: number | null = null;
  for (let k = i; k < lines.length; k++) {
    if (isTitleLike(lines[k]!.text)) {
      titleLine = k;
      break;
    }
    // The title comes first; a paragraph before it means this document has none we can trust.
    if (!isShortLine(lines[k]!.text)) break;
  }
  let title = titleLine === null ? "" : compactTitle(lines[titleLine]!.text);
  // A long title set on two centred lines (`2021年XX区食品安全` / `工作要点`): the first half is a short line
  // with no punctuation that names no issuer.
  const above = titleLine !== null && titleLine > i ? lines[titleLine - 1] : undefined;
  if (above && title.length <= 12 && isTitleHead(above.text)) title = compactTitle(above.text) + title;
  // A notice whose plan title is not repeated above the plan: the title it quotes.
  if (title === "" && notice) title = quotedPlanTitle(notice.notice.title);
  let status: string | null = null;
  let preambleFrom = titleLine === null ? i : titleLine + 1;
  const suffix = STATUS_SUFFIX.exec(title);
  if (suffix) {
    status = suffix[1]!;
    title = title.slice(0, suffix.index);
  } else if (titleLine !== null && lines[titleLine + 1] && STATUS.test(compact(lines[titleLine + 1]!.text))) {
    status = STATUS.exec(compact(lines[titleLine + 1]!.text))![1]!;
    preambleFrom++;
  }
  return {
    title,
    status,
    docNumber,
    notice: notice?.notice ?? null,
    preamble: lines.slice(preambleFrom),
  };
}

function isTitleHead(text: string): boolean {
  return text.length <= 30 && !/[，。：:；;、,]/.test(text) && !DATE_LINE.test(compact(text)) && !/(会|室|府|局|委|办|处|组)$/.test(text) && !PLAN_WORD.test(text);
}

/** 关于印发《XX区2021年食品安全工作要点》的通知 → XX区2021年食品安全工作要点 (also without 《》). */
function quotedPlanTitle(noticeTitle: string): string {
  const quoted = /《([^》]+)》/.exec(noticeTitle)?.[1];
  if (quoted && PLAN_WORD.test(quoted)) return quoted;
  const printed = /印发(.+?)的通知$/.exec(noticeTitle)?.[1];
  return printed && PLAN_WORD.test(printed) ? printed : "";
}

// A title keeps its inner spaces between CJK only when they mean something (中共中央 国务院); a title
// line's letter-spacing (`通 知`) and spaces around digits are layout.
function compactTitle(text: string): string {
  return text.replace(/(?<=[\u4e00-\u9fff])[\s\u3000]+(?=[\u4e00-\u9fff])/g, (m) => (m.length > 1 ? "" : m)).trim();
}

function readNotice(lines: readonly Line[], from: number): { notice: Notice; next: number } | null {
  // The notice's title: consecutive short lines up to one ending in 通知, with 关于 in them.
  let end = -1;
  for (let k = from; k < Math.min(lines.length, from + 6); k++) {
    const t = compact(lines[k]!.text);
    if (!isShortLine(t, 80)) break;
    if (t.endsWith("通知")) {
      end = k;
      break;
    }
  }
  if (end === -1) return null;
  const title = lines
    .slice(from, end + 1)
    .map((l) => compact(l.text))
    .join("");
  if (!title.includes("关于") && !title.includes("印发")) return null;

  let k = end + 1;
  let addressee: string | null = null;
  if (lines[k] && /[：:]$/.test(lines[k]!.text) && lines[k]!.text.length <= 200) {
    addressee = lines[k]!.text;
    k++;
  }
  // The body runs to the date line; the line before the date, when short, is the issuer.
  let dateLine = -1;
  for (let j = k; j < Math.min(lines.length, k + 12); j++) {
    if (DATE_LINE.test(compact(lines[j]!.text))) {
      dateLine = j;
      break;
    }
  }
  let issuer: string | null = null;
  let date: string | null = null;
  let bodyEnd = k;
  let next = k;
  if (dateLine !== -1) {
    const m = DATE_LINE.exec(compact(lines[dateLine]!.text))!;
    date = isoDate(m[1]!, m[2]!, m[3]!);
    bodyEnd = dateLine;
    const before = lines[dateLine - 1];
    if (dateLine - 1 >= k && before && isShortLine(before.text, 40) && !/[：:，,]$/.test(before.text)) {
      issuer = compact(before.text);
      bodyEnd = dateLine - 1;
    }
    next = dateLine + 1;
  } else {
    // No date: the body is the paragraphs up to the first title-like line.
    while (next < lines.length && !isTitleLike(lines[next]!.text)) next++;
    bodyEnd = next;
  }
  if (issuer === null) {
    const at = title.indexOf("关于");
    if (at > 0) issuer = title.slice(0, at);
  }
  let disclosure: string | null = null;
  if (lines[next] && DISCLOSURE.test(compact(lines[next]!.text))) {
    disclosure = compact(lines[next]!.text).slice(1, -1);
    next++;
  }
  return {
    notice: {
      title,
      addressee,
      body: lines
        .slice(k, bodyEnd)
        .map((l) => l.text)
        .join("\n"),
      issuer,
      date,
      disclosure,
    },
    next,
  };
}

/** Reads trailing print note, distribution list or signature lines, from the end of the document. */
export function readEndMatter(lines: readonly Line[]): EndMatter {
  let issuer: string | null = null;
  let date: string | null = null;
  let count = 0;
  for (let k = lines.length - 1; k >= 0 && count < 6; k--) {
    const t = compact(lines[k]!.text);
    const note = PRINT_NOTE.exec(t);
    if (note) {
      issuer ??= note[1] || null;
      date ??= isoDate(note[2]!, note[3]!, note[4]!);
      count++;
      continue;
    }
    if (DISTRIBUTION.test(t)) {
      count++;
      continue;
    }
    const d = DATE_LINE.exec(t);
    if (d) {
      date ??= isoDate(d[1]!, d[2]!, d[3]!);
      count++;
      // A signature: the short line right above the date names who issued it.
      const above = lines[k - 1];
      if (above && isShortLine(above.text, 30) && !/[：:，,。）)]$/.test(above.text) && !/^[（(]/.test(above.text)) {
        issuer ??= compact(above.text);
        count++;
        k--;
      }
      continue;
    }
    break;
  }
  return { issuer, date, count };
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
