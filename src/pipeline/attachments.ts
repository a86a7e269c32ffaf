// Attachments (附件) after a plan's body: an indicator list or a second set of tasks with numbered headings of its
// own, a task table, a data table. The ones with numbered headings stay in the body (the tree builder gives a
// numbering that starts again its own top-level node); the others are listed in `meta.attachments` and said to
// be unread, never passed off as items of the plan's last section.
import type { Block } from "./blocks.js";
import { readFlatTable, type FlatTable } from "./flat-table.js";

export interface AttachmentRegion {
  title: string;
  read: boolean;
  start: number;
  end: number;
  /** Whether anything besides its marker and title lines is left out of the outline. */
  hasContent: boolean;
}

/** A task table flattened to one cell per line (an attachment's 任务分工表). */
export interface TableAttachment {
  title: string;
  start: number;
  end: number;
  table: FlatTable;
}

export interface Attachments {
  body: Block[];
  tables: TableAttachment[];
  all: AttachmentRegion[];
  /** Attachments with content that is not in the outline. */
  unread: AttachmentRegion[];
}

/** `附件`, `附件2`, `附件：`, `附件1：郊野公园建设项目表`, `附件：1.郊野公园建设项目表`. */
export const ATTACHMENT_LINE = /^附件[\s\u3000]*[0-9０-９一二三四五六七八九十]{0,3}[\s\u3000]*(?:[：:][\s\u3000]*(.{0,80}))?$/;
/** `8.…测算表附件1`: Word's list of attachments run into the first attachment's marker. */
const GLUED_MARK = /附件[\s\u3000]*[0-9０-９]{1,2}$/;

function lineOf(text: string, b: Block): string {
  return text.slice(b.start, b.end).trim();
}

export function readAttachments(text: string, body: readonly Block[]): Attachments {
  const firstHeading = body.find((b) => b.kind === "heading");
  if (!firstHeading?.marker) return { body: [...body], tables: [], all: [], unread: [] };
  const topStyle = firstHeading.marker.style;

  // Region boundaries: each marker line starts one; a glued marker ends the line it ends.
  const starts: number[] = [];
  let seenHeading = false;
  body.forEach((b, i) => {
    if (b.kind === "heading") seenHeading = true;
    if (!seenHeading) return;
    const line = lineOf(text, b);
    if (b.kind === "paragraph" && ATTACHMENT_LINE.test(line) && !/[。；;]/.test(line)) starts.push(i);
    else if (GLUED_MARK.test(line) && line.length <= 90 && !/[。]/.test(line) && i + 1 < body.length) starts.push(i + 1);
  });
  if (starts.length === 0) return { body: [...body], tables: [], all: [], unread: [] };

  const kept: Block[] = body.slice(0, starts[0]);
  const all: AttachmentRegion[] = [];
  const unread: AttachmentRegion[] = [];
  const tables: TableAttachment[] = [];
  starts.forEach((from, r) => {
    const to = r + 1 < starts.length ? starts[r + 1]! : body.length;
    const region = body.slice(from, to);
    if (region.length === 0) return;
    const first = lineOf(text, region[0]!);
    const named = ATTACHMENT_LINE.exec(first)?.[1]?.trim();
    const titleLine = region.slice(ATTACHMENT_LINE.test(first) ? 1 : 0).find((b) => b.kind !== "heading" && lineOf(text, b).length <= 60 && !/[。；;]/.test(lineOf(text, b)));
    const title = named || (titleLine ? lineOf(text, titleLine) : "");
    // `附件：1.考评指标 / 2.项目计划表`: the list of attachments, each of which follows as a region of its own.
    const short = region.every((b) => lineOf(text, b).length <= 60 && !/[。；;]/.test(lineOf(text, b)));
    if (short && r + 1 < starts.length) return;
    const restarts = region.some((b) => b.kind === "heading" && b.marker?.style === topStyle && b.marker.number === 1);
    const titleLines = (ATTACHMENT_LINE.test(first) ? 1 : 0) + (named ? 0 : titleLine ? 1 : 0);
    const a: AttachmentRegion = {
      title,
      read: restarts,
      start: region[0]!.start,
      end: region[region.length - 1]!.end,
      hasContent: region.length > titleLines,
    };
    all.push(a);
    if (restarts) {
      kept.push(...region);
      return;
    }
    const lines = region.map((b) => ({ text: lineOf(text, b), start: b.start, end: b.end }));
    const table = readFlatTable(lines);
    if (table && table.rows.length > 0) {
      a.read = true;
      a.title = table.title?.text ?? a.title;
      tables.push({ title: a.title, start: a.start, end: a.end, table });
      const rest = region.slice(table.consumed);
      if (rest.length > 0) {
        unread.push({ title: a.title, read: false, start: rest[0]!.start, end: rest[rest.length - 1]!.end, hasContent: true });
      }
    } else if (a.hasContent) unread.push(a);
  });
  return { body: kept, tables, all, unread };
}

/** A plan that is only a task table flattened to text (no numbered headings): the table from its header on. */
export function readWholeTable(text: string, blocks: readonly Block[]): { table: TableAttachment; from: number } | null {
  const header = blocks.findIndex((b) => /^[序编]号$/.test(lineOf(text, b)));
  if (header === -1) return null;
  const from = Math.max(0, header - 1);
  const region = blocks.slice(from);
  const table = readFlatTable(region.map((b) => ({ text: lineOf(text, b), start: b.start, end: b.end })));
  if (!table || table.rows.length === 0) return null;
  const used = region.slice(0, table.consumed);
  return {
    table: { title: table.title?.text ?? "", start: used[0]!.start, end: used[used.length - 1]!.end, table },
    from: header,
  };
}
