// PDF → plan text. pdf.js gives positioned text runs; the lines and paragraphs are rebuilt from their geometry
// (baselines, left and right edges, indents, gaps), running headers and page numbers are dropped by position and
// repetition, and each paragraph becomes one line of the result; tables — ruled (pdf-tables.ts) or drawn without
// rules (pdf-borderless.ts) — become the lines of the task-table conversion. Nothing here runs at import time:
// pdf.js (several MB) is loaded on the first call, and this module is itself meant to be imported lazily.
import type { ReaderNote, ReadResult } from "./types.js";
import { MARKER_SOURCES } from "../../grammars/tokens.js";
import { tableTextTagged } from "./blocks.js";
import { chunkRows, findTables, joinChunk, pageRules, type Ops, type TableChunk } from "./pdf-tables.js";
import { findBorderlessTables, type Furniture, type TableNote } from "./pdf-borderless.js";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

export interface ReadPdfOptions {
  /** Give up after this long (default 60 s): a PDF must never hang the caller. */
  timeoutMs?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Loading pdf.js

// pdf.js ships with the build, not as a dependency: build.mjs copies its legacy build, CMaps and standard fonts
// (Apache-2.0, its LICENSE beside them) to dist/vendor/pdfjs-dist/. As a dependency it made every install pull
// its optional native canvas package (33 MB, of no use to reading text): 74 MB of a 162 MB install. Running from
// source (the tests), it comes from node_modules, where it is a development dependency. Specifiers are in
// variables, so bundlers leave pdf.js alone, and it is resolved only when a PDF is read.
const PDFJS = "legacy/build/pdf.mjs";
const PDFJS_WORKER = "legacy/build/pdf.worker.mjs";
const VENDORED = "vendor/pdfjs-dist";

let loading: Promise<{ pdfjs: PdfJs; assets: string | null }> | null = null;

function loadPdfJs(): Promise<{ pdfjs: PdfJs; assets: string | null }> {
  loading ??= (async () => {
    // pdf.js warns (console.warn, `Warning: …`) while its module initialises, before any verbosity option can
    // apply, e.g. when its optional canvas package is missing. Those lines are not ours to print; anything else
    // printed meanwhile (by other work in flight) passes through.
    const saved = { warn: console.warn, info: console.info, log: console.log };
    const filter =
      (print: (...args: unknown[]) => void) =>
      (...args: unknown[]): void => {
        if (typeof args[0] === "string" && /^(?:Warning|Info|Deprecated API usage): /.test(args[0])) return;
        print.apply(console, args);
      };
    const filters = { warn: filter(saved.warn), info: filter(saved.info), log: filter(saved.log) };
    Object.assign(console, filters);
    try {
      // The worker module, imported in this thread, registers `globalThis.pdfjsWorker`: pdf.js then runs its
      // "fake worker" in this thread instead of loading ./pdf.worker.mjs relative to itself (which breaks once
      // bundled) or starting a worker thread.
      const assets = await assetDir();
      await ensureDomMatrix(assets);
      // pdf.js's worker bundles core-js, which on Node 20 replaces JSON.stringify with a wrapper ~17× slower
      // (it polyfills JSON.rawJSON) and Function.prototype.toString: put the engine's own back, so that reading
      // one PDF does not slow everything after it in this process.
      const builtins = { stringify: JSON.stringify, toString: Function.prototype.toString };
      try {
        const [worker, main] = await Promise.all([PDFJS_WORKER, PDFJS].map((file) => specifier(assets, file)));
        await import(worker!);
        const pdfjs = (await import(main!)) as PdfJs;
        pdfjs.GlobalWorkerOptions.workerSrc ||= worker!;
        return { pdfjs, assets };
      } finally {
        JSON.stringify = builtins.stringify;
        Function.prototype.toString = builtins.toString;
      }
    } finally {
      // Put back only what is still ours (someone may have replaced a method meanwhile).
      for (const key of ["warn", "info", "log"] as const) if (console[key] === filters[key]) console[key] = saved[key];
    }
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/**
 * pdf.js's display layer builds a DOMMatrix when its module loads; in Node it takes the class from the optional
 * native package @napi-rs/canvas. Where that package is missing or does not load (no prebuilt binary, installs
 * without optional dependencies), a bare stand-in lets the module load: reading text never renders, so no
 * matrix arithmetic is ever asked of it. Installed only when there is no DOMMatrix and no canvas package.
 */
async function ensureDomMatrix(assets: string | null): Promise<void> {
  const g = globalThis as { DOMMatrix?: unknown };
  if (typeof g.DOMMatrix !== "undefined") return;
  try {
    const { createRequire } = await import("node:module");
    const { join } = await import("node:path");
    createRequire(join(assets ?? process.cwd(), "package.json"))("@napi-rs/canvas");
    return; // pdf.js takes DOMMatrix from it
  } catch {
    // no canvas package: fall through to the stand-in
  }
  class DOMMatrixStandIn {
    a = 1;
    b = 0;
    c = 0;
    d = 1;
    e = 0;
    f = 0;
    multiplySelf(): this {
      return this;
    }
    preMultiplySelf(): this {
      return this;
    }
    translate(): this {
      return this;
    }
    scale(): this {
      return this;
    }
    invertSelf(): this {
      return this;
    }
  }
  Object.defineProperty(globalThis, "DOMMatrix", { value: DOMMatrixStandIn, writable: true, configurable: true });
}

/**
 * How to load one of pdf.js's modules: by path from its folder when it was found (a bundle turns import() into
 * require(), which takes a path; an ES module takes a file URL), else by package name.
 */
async function specifier(dir: string | null, file: string): Promise<string> {
  if (dir === null) return `pdfjs-dist/${file}`;
  const { join } = await import("node:path");
  const { pathToFileURL } = await import("node:url");
  return typeof __filename === "string" ? join(dir, file) : pathToFileURL(join(dir, file)).href;
}

/**
 * pdf.js's folder (its modules, and the CMaps and standard font data read from disk): the copy beside the bundle
 * (dist/vendor/pdfjs-dist, from dist/*.cjs or dist/chunks/*.js), else pdfjs-dist in node_modules; null when
 * neither is found.
 */
async function assetDir(): Promise<string | null> {
  try {
    const { createRequire } = await import("node:module");
    const { dirname, join } = await import("node:path");
    const { existsSync } = await import("node:fs");
    const { fileURLToPath } = await import("node:url");
    // Resolved from this module (ES module: import.meta.url; bundled as CommonJS: __filename), else from the
    // running script and the working directory.
    const bases: string[] = [];
    try {
      if (typeof import.meta.url === "string") bases.push(import.meta.url);
    } catch {
      // no import.meta
    }
    if (typeof __filename === "string") bases.push(__filename);
    for (const base of bases) {
      const here = dirname(base.startsWith("file:") ? fileURLToPath(base) : base);
      for (const dir of [join(here, VENDORED), join(here, "..", VENDORED)]) if (existsSync(join(dir, PDFJS))) return dir;
    }
    if (process.argv[1]) bases.push(process.argv[1]);
    bases.push(join(process.cwd(), "index.js"));
    for (const base of bases) {
      try {
        return dirname(createRequire(base).resolve("pdfjs-dist/package.json"));
      } catch {
        // try the next base
      }
    }
  } catch {
    // no node:module
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Characters

/**
 * CJK ideographs, CJK and full-width punctuation (full-width digits and letters excluded), and the curly quotes,
 * dashes and ellipsis a Chinese text sets full width.
 */
function isWide(c: number): boolean {
  if (c >= 0x2010 && c <= 0x2027) return true;
  return c >= 0x2e80 && !(c >= 0xff10 && c <= 0xff19) && !(c >= 0xff21 && c <= 0xff3a) && !(c >= 0xff41 && c <= 0xff5a);
}

function isDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}

/** Latin letters and digits (ASCII or full-width). */
function isWordChar(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
}

const SPACES = /[ \t\u3000\u00a0\ufeff]+/g;
/** Stands for a column gap inside a line while spaces are tidied; becomes a space. */
const COLUMN_GAP = "\u0000";

/**
 * Tidies the white space of a rebuilt line: runs become one space, none at the ends, and none next to a CJK
 * character. pdf.js turns the wider glyph gaps of a justified CJK line into spaces (`工 作 进度： 年底 前`, `17 号`,
 * `〔 2020〕`, `“ 食安`); a typed space next to CJK text (`2021 年`, `中共中央 国务院`) cannot be told from those,
 * and a plan never needs one. Column gaps (COLUMN_GAP) stay as one space.
 */
function tidySpaces(line: string): string {
  const s = line.replace(SPACES, " ").replace(/ ?\u0000[ \u0000]*/g, COLUMN_GAP).replace(/^[ \u0000]+|[ \u0000]+$/g, "");
  if (!s.includes(" ") && !s.includes(COLUMN_GAP)) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === COLUMN_GAP) {
      out += " ";
      continue;
    }
    if (ch === " ") {
      const before = s.charCodeAt(i - 1);
      const after = s.charCodeAt(i + 1);
      if (isWide(before) || isWide(after)) continue;
    }
    out += ch;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Geometry

interface Run {
  str: string;
  /** Left edge, baseline (y grows downwards, page units). */
  x: number;
  y: number;
  width: number;
  size: number;
}

interface Line {
  page: number;
  text: string;
  left: number;
  right: number;
  /** Baseline. */
  y: number;
  size: number;
  /** A table rebuilt from the page's rules (src/input/pdf-tables.ts) stands here; `text` is empty. */
  table?: TableChunk;
}

interface Page {
  width: number;
  height: number;
  lines: Line[];
}

/** Apply a 2×3 affine matrix to another ([a b c d e f], as pdf.js's Util.transform). */
function multiply(m1: readonly number[], m2: readonly number[]): number[] {
  const [a1 = 1, b1 = 0, c1 = 0, d1 = 1, e1 = 0, f1 = 0] = m1;
  const [a2 = 1, b2 = 0, c2 = 0, d2 = 1, e2 = 0, f2 = 0] = m2;
  return [
    a1 * a2 + c1 * b2,
    b1 * a2 + d1 * b2,
    a1 * c2 + c1 * d2,
    b1 * c2 + d1 * d2,
    a1 * e2 + c1 * f2 + e1,
    b1 * e2 + d1 * f2 + f1,
  ];
}

/** Runs of horizontal text in page coordinates (y downwards); rotated text (stamps, watermarks) is left out. */
function pageRuns(items: readonly unknown[], viewport: readonly number[]): Run[] {
  const runs: Run[] = [];
  for (const item of items) {
    const it = item as { str?: unknown; transform?: unknown; width?: unknown; height?: unknown };
    if (typeof it.str !== "string" || !Array.isArray(it.transform) || it.str.trim() === "") continue;
    const t = multiply(viewport, it.transform as number[]);
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = t;
    // Horizontal, upright text only: x-axis along +x, y-axis pointing up on the page (d < 0 once y grows down).
    if (!(a > 0) || Math.abs(b) > Math.abs(a) * 0.05 || Math.abs(c) > Math.abs(d) * 0.05) continue;
    const size = Math.abs(d) || (typeof it.height === "number" ? it.height : 0);
    if (!(size > 0)) continue;
    runs.push({ str: it.str, x: e, y: f, width: typeof it.width === "number" ? it.width : 0, size });
  }
  return runs;
}

/** Nominal advance of a character, in font sizes: CJK a full em, Latin half, a space nothing (its width is a gap). */
function nominal(ch: string): number {
  const c = ch.charCodeAt(0);
  if (ch === " " || ch === "\u00a0") return 0;
  return isWide(c) || c === 0x3000 ? 1 : 0.5;
}

/**
 * Puts runs drawn inside another run's extent into its text. A PDF writer using a fallback font draws a line's CJK
 * glyphs as one run that skips over the places of glyphs from another font (`“` `”` `100`), drawn as runs of their
 * own; pdf.js marks each skipped place with a space. Each contained run goes to the space whose estimated position
 * is nearest, else to the nearest character boundary. Runs sorted by x in, runs sorted by x out.
 */
function nestContained(runs: Run[]): Run[] {
  const out: Run[] = [];
  let i = 0;
  while (i < runs.length) {
    const host = runs[i]!;
    const end = host.x + host.width;
    const guests: Run[] = [];
    let j = i + 1;
    while (j < runs.length && runs[j]!.x > host.x + 0.25 * host.size && runs[j]!.x + runs[j]!.width <= end + 0.25 * host.size) {
      guests.push(runs[j]!);
      j++;
    }
    if (guests.length === 0) {
      out.push(host);
      i++;
      continue;
    }
    const chars = Array.from(host.str);
    // Estimated x where each character of the host starts, before any guest is placed.
    const starts: number[] = [];
    let x = host.x;
    for (const ch of chars) {
      starts.push(x);
      x += nominal(ch) * host.size;
    }
    const inserts = new Map<number, { str: string; replace: boolean }[]>();
    let shift = 0; // width of the guests placed so far: the host's glyphs after them sit that much further right
    let from = 0;
    for (const guest of guests) {
      let best = -1;
      let bestDistance = Infinity;
      let bestIsSpace = false;
      for (let k = from; k <= chars.length; k++) {
        const at = (k < chars.length ? starts[k]! : x) + shift;
        const space = k < chars.length && chars[k] === " " && !inserts.has(k);
        // A space the writer left for the guest wins over a plain boundary nearby.
        const distance = Math.abs(at - guest.x) - (space ? 0.75 * host.size : 0);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = k;
          bestIsSpace = space;
        }
      }
      const list = inserts.get(best) ?? [];
      list.push({ str: guest.str, replace: bestIsSpace && list.length === 0 });
      inserts.set(best, list);
      shift += guest.width;
      from = best;
    }
    let str = "";
    for (let k = 0; k <= chars.length; k++) {
      const list = inserts.get(k);
      if (list) for (const g of list) str += g.str;
      if (k < chars.length && !(list?.[0]?.replace ?? false)) str += chars[k]!;
    }
    out.push({ ...host, str });
    i = j;
  }
  return out;
}

/** Runs on one baseline, left to right, make a line. */
function buildLines(runs: Run[], page: number): Line[] {
  runs.sort((p, q) => p.y - q.y || p.x - q.x);
  const groups: Run[][] = [];
  for (const run of runs) {
    const group = groups[groups.length - 1];
    const head = group?.[0];
    if (group && head && Math.abs(run.y - head.y) <= 0.3 * Math.max(run.size, head.size)) group.push(run);
    else groups.push([run]);
  }
  const lines: Line[] = [];
  for (const group of groups) {
    group.sort((p, q) => p.x - q.x);
    // Fake bold: the same run drawn twice, a hair apart.
    const kept: Run[] = [];
    for (const run of group) {
      const twin = kept.find((k) => k.str === run.str && Math.abs(k.x - run.x) < 0.2 * run.size && Math.abs(k.y - run.y) < 0.2 * run.size);
      if (!twin) kept.push(run);
    }
    let text = "";
    let right = -Infinity;
    let chars = 0;
    let sizeSum = 0;
    for (const run of nestContained(kept)) {
      if (text !== "") {
        const gap = run.x - right;
        const last = text.charCodeAt(text.length - 1);
        const next = run.str.charCodeAt(0);
        // A gap of more than a character separates columns (a table, a signature and its date). A narrower
        // one is a space between Latin words, digits or Latin punctuation (pdf.js drops a space glyph that ends
        // a run when the font changes). CJK text never gets one: its gaps are justification.
        if (gap > 1.0 * run.size) text += COLUMN_GAP;
        else if (gap > 0.15 * run.size && !isWide(last) && !isWide(next)) text += " ";
      }
      text += run.str;
      right = Math.max(right, run.x + run.width);
      const n = run.str.trim().length;
      chars += n;
      sizeSum += n * run.size;
    }
    const first = kept[0]!;
    const size = chars > 0 ? sizeSum / chars : first.size;
    // Leading white space inside the first run (an indent typed as spaces) moves the visible left edge.
    const lead = /^[\s\u3000\u00a0]*/.exec(first.str)?.[0].length ?? 0;
    const left = first.x + (lead > 0 && first.str.length > 0 ? (first.width * lead) / first.str.length : 0);
    const tidy = tidySpaces(text);
    if (tidy === "") continue;
    lines.push({ page, text: tidy, left, right, y: first.y, size });
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------
// Running headers, footers, page numbers

// `— 15 —`, `- 15 -`, `－15－`, `15`, `第 15 页`, `第15页 共20页`, `15 / 20`, `Page 3`
const PAGE_NUMBER =
  /^(?:[—–\-－―~～]*\s*\d{1,4}\s*[—–\-－―~～]*|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*[/／]\s*\d{1,4}|(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$/i;
/** Share of the page height, at the top and at the bottom, where running headers and footers live. */
const MARGIN_ZONE = 0.1;
/** Page numbers are looked for a little further in. */
const NUMBER_ZONE = 0.15;

function inZone(line: Line, page: Page, zone: number): boolean {
  return line.y < page.height * zone || line.y > page.height * (1 - zone);
}

function removeRunningLines(pages: Page[]): number {
  const masked = (s: string) => s.replace(/\d+/g, "#").replace(/\s+/g, "");
  const onPages = new Map<string, Set<number>>();
  pages.forEach((page, p) => {
    for (const line of page.lines) {
      if (line.table || !inZone(line, page, MARGIN_ZONE)) continue;
      const key = masked(line.text);
      let set = onPages.get(key);
      if (!set) onPages.set(key, (set = new Set()));
      set.add(p);
    }
  });
  const withText = pages.filter((p) => p.lines.length > 0).length;
  const repeated = (key: string) => {
    const n = onPages.get(key)?.size ?? 0;
    return withText >= 2 && n >= 2 && n >= withText * 0.4;
  };
  let removed = 0;
  for (const page of pages) {
    const before = page.lines.length;
    page.lines = page.lines.filter((line) => {
      if (line.table) return true;
      if (inZone(line, page, NUMBER_ZONE) && PAGE_NUMBER.test(line.text)) return false;
      if (inZone(line, page, MARGIN_ZONE) && repeated(masked(line.text))) return false;
      return true;
    });
    removed += before - page.lines.length;
  }
  return removed;
}

/**
 * Page furniture as a table without rules must see it before the lines are final: a page number, or a line in the
 * margins repeated (digits masked) on enough pages, as removeRunningLines judges them — and, since a short cell
 * text can repeat too, standing at the same height on another page. Measured on first use.
 */
function furnitureOf(pages: readonly { height: number; runs: readonly Run[] }[]): Furniture {
  const masked = (s: string) => s.replace(/\d+/g, "#").replace(/\s+/g, "");
  let seen: Map<string, { page: number; y: number }[]> | null = null;
  let withText = 0;
  return (text, y, page) => {
    const height = pages[page - 1]?.height ?? 0;
    const inZone = (zone: number) => y < height * zone || y > height * (1 - zone);
    if (inZone(NUMBER_ZONE) && PAGE_NUMBER.test(tidySpaces(text))) return true;
    if (!inZone(MARGIN_ZONE)) return false;
    if (!seen) {
      seen = new Map();
      for (const [p, { height: h, runs }] of pages.entries()) {
        const lines = buildLines([...runs], p);
        if (lines.length > 0) withText++;
        for (const line of lines) {
          if (line.y >= h * MARGIN_ZONE && line.y <= h * (1 - MARGIN_ZONE)) continue;
          const key = masked(line.text);
          const list = seen.get(key) ?? [];
          list.push({ page: p + 1, y: line.y });
          seen.set(key, list);
        }
      }
    }
    const list = seen.get(masked(text)) ?? [];
    const n = new Set(list.map((e) => e.page)).size;
    return withText >= 2 && n >= 2 && n >= withText * 0.4 && list.some((e) => e.page !== page && Math.abs(e.y - y) <= 2);
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Paragraphs

const BLOCK_START = new RegExp(`^(?:${Object.values(MARKER_SOURCES).join("|")})`);

/** The value most lines share (within `tolerance`), the largest such value on a tie; null for no values. */
function mode(values: readonly number[], tolerance: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  let best = sorted[0]!;
  let bestCount = 0;
  let j = 0;
  for (let i = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! > tolerance) j++;
    const count = i - j + 1;
    if (count >= bestCount) {
      bestCount = count;
      best = sorted[i]!;
    }
  }
  return best;
}

interface Frame {
  left: number;
  right: number;
  /** Measured on enough body lines to trust `right` as the margin lines wrap at. */
  measured: boolean;
}

/**
 * Where body lines start and end. Computed for odd and even pages apart (mirrored margins), falling back to the
 * whole document when one side has too few lines.
 */
function frames(pages: Page[], bodySize: number): [Frame, Frame] {
  const measure = (lines: Line[]): Frame | null => {
    const body = lines.filter((l) => !l.table && Math.abs(l.size - bodySize) <= bodySize * 0.15);
    if (body.length < 6) return null;
    const left = mode(body.map((l) => l.left), bodySize * 0.25);
    // The right margin: where the most lines end, among lines that end in the last quarter of the measure.
    const rights = body.map((l) => l.right);
    const maxRight = Math.max(...rights);
    const minLeft = Math.min(...body.map((l) => l.left));
    const far = rights.filter((r) => r >= maxRight - (maxRight - minLeft) * 0.25);
    const right = mode(far, bodySize * 0.5);
    return left === null || right === null ? null : { left, right, measured: true };
  };
  const all = pages.flatMap((p) => p.lines.filter((l) => !l.table));
  const whole = measure(all) ?? {
    left: Math.min(...all.map((l) => l.left)),
    right: Math.max(...all.map((l) => l.right)),
    measured: false,
  };
  const odd = measure(pages.filter((_, i) => i % 2 === 0).flatMap((p) => p.lines)) ?? whole;
  const even = measure(pages.filter((_, i) => i % 2 === 1).flatMap((p) => p.lines)) ?? whole;
  return [odd, even];
}

// What a line break cannot split (kinsoku): a Latin word or number, with the punctuation that may not start a line
// after it, an opening bracket or quote with what follows it, a number glued after a closing bracket (`〔2019〕17`).
const OPENING = "（《「『〔【“‘([{";
const CLOSING = "，。、；：！？）》」』〕】”’%％,.;:!?)]}";
const WORD_CHAR = /[A-Za-z0-9０-９%％.．\-+/_&@#]/;

function firstPiece(text: string): string {
  const n = text.length;
  const word = (j: number): number => {
    let k = j;
    while (k < n && WORD_CHAR.test(text[k]!)) k++;
    return k;
  };
  let i = 0;
  for (;;) {
    while (i < n && OPENING.includes(text[i]!)) i++;
    if (i >= n) break;
    const w = word(i);
    i = w > i ? w : i + 1;
    // A prefix sign binds the character after it (`+食材`, `¥100`).
    if (i < n && "+$¥￥#".includes(text[i - 1]!)) i++;
    let closed = false;
    while (i < n && CLOSING.includes(text[i]!)) {
      i++;
      closed = true;
    }
    if (i < n && (OPENING.includes(text[i]!) || (closed && WORD_CHAR.test(text[i]!)))) continue;
    break;
  }
  return text.slice(0, i);
}

/**
 * Estimated width of a line's first unbreakable piece: how much room a left-aligned line before it may leave
 * when it wraps. Word processors put a quarter em between CJK and Latin text; that is counted too.
 */
function firstPieceWidth(line: Line): number {
  let w = 0;
  let previous = "";
  for (const ch of firstPiece(line.text)) {
    const c = ch.charCodeAt(0);
    const wide = isWide(c) || c === 0x3000 || (c >= 0xff01 && c <= 0xff5e);
    w += wide ? 1 : /[A-Z%％]/.test(ch) ? 0.7 : 0.55;
    if (previous !== "" && wide !== previous.startsWith("w")) w += 0.25;
    previous = wide ? "w" : "n";
  }
  return w * line.size;
}

/** A paragraph of the result and the 1-based page it starts on. */
interface Paragraph {
  text: string;
  page: number;
}

function joinParagraphs(pages: Page[]): Paragraph[] {
  const all = pages.flatMap((p) => p.lines);
  const lines = all.filter((l) => !l.table);
  if (all.length === 0) return [];
  // Body size: the size most characters are set in.
  const bySize = new Map<number, number>();
  for (const l of lines) {
    const k = Math.round(l.size * 2) / 2;
    bySize.set(k, (bySize.get(k) ?? 0) + l.text.length);
  }
  let bodySize = 0;
  let most = -1;
  for (const [size, n] of bySize) if (n > most) [bodySize, most] = [size, n];
  const [oddFrame, evenFrame] = frames(pages, bodySize);
  // Line pitch: the most common baseline distance between consecutive lines of a page.
  const steps: number[] = [];
  for (const page of pages) {
    for (let i = 1; i < page.lines.length; i++) {
      const step = page.lines[i]!.y - page.lines[i - 1]!.y;
      if (step > 0) steps.push(step);
    }
  }
  const pitch = mode(steps, bodySize * 0.1) ?? bodySize * 1.5;

  // Paragraphs, and tables where they stand: a table going on over the next page is joined to its first chunk.
  const items: (Paragraph | { table: TableChunk; page: number })[] = [];
  let current = "";
  let currentPage = 0;
  let lastTablePage = 0;
  let previous: Line | undefined;
  const flush = (): void => {
    if (current !== "") items.push({ text: current, page: currentPage });
    current = "";
  };
  for (const line of all) {
    if (line.table) {
      flush();
      const last = items[items.length - 1];
      const onNextPage = line.page + 1 > lastTablePage;
      lastTablePage = line.page + 1;
      if (!(last && "table" in last && onNextPage && joinChunk(last.table, line.table))) items.push({ table: line.table, page: line.page + 1 });
      previous = undefined;
      continue;
    }
    const frame = line.page % 2 === 0 ? oddFrame : evenFrame;
    let starts = previous === undefined;
    if (previous) {
      const prevFrame = previous.page % 2 === 0 ? oddFrame : evenFrame;
      const size = Math.max(line.size, previous.size);
      // Short of the margin by more than the next line's first unbreakable piece needs: the line ended there.
      const room = prevFrame.right - previous.right;
      // (Only against a measured margin, and for pieces up to 8 em: a long URL is no reason to join lines.)
      const piece = prevFrame.measured ? Math.min(firstPieceWidth(line), 8 * line.size) + 0.75 * line.size : 0;
      const endsShort = room > 1.5 * previous.size && room > piece;
      const indented = line.left > frame.left + 0.8 * line.size;
      const marker = BLOCK_START.test(line.text);
      const gap = line.page === previous.page && line.y - previous.y > pitch + 0.6 * size;
      const resized = Math.abs(line.size - previous.size) > 0.15 * size;
      starts = endsShort || indented || marker || gap || resized;
    }
    if (starts) {
      flush();
      current = line.text;
      currentPage = line.page + 1;
    } else {
      const last = current.charCodeAt(current.length - 1);
      const first = line.text.charCodeAt(0);
      // Latin words cut at the margin need their space back; CJK never had one.
      current += (isWordChar(last) && isWordChar(first) && !(isDigit(last) && isDigit(first)) ? " " : "") + line.text;
    }
    previous = line;
  }
  flush();
  const paragraphs: Paragraph[] = [];
  for (const item of items) {
    if ("text" in item) paragraphs.push(item);
    else for (const l of tableTextTagged(chunkRows(item.table))) paragraphs.push({ text: l.text, page: l.tag || item.page });
  }
  return paragraphs;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim().replace(/[.。]$/, "");
}

function problemFor(error: unknown): string {
  const name = (error as { name?: unknown })?.name;
  const message = oneLine(String((error as { message?: unknown })?.message ?? error));
  if (name === "PasswordException") return "PDF is encrypted (a password is needed to open it)";
  if (name === "InvalidPDFException" || name === "FormatError") return `PDF is damaged and cannot be read (${message})`;
  if (name === "Timeout") return message;
  return `PDF cannot be read (${message})`;
}

/** `%%EOF` within the last 4 KiB: a complete PDF ends with it. */
function hasEof(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.byteLength - 4096));
  return tail.includes("%%EOF");
}

function isPdf(bytes: Uint8Array): boolean {
  // The header may follow up to 1 KiB of junk.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  return head.includes("%PDF-");
}

/** A table's note over the line its text went to: the first on its page or after holding it, else the page's first. */
function placeNote(note: TableNote, paragraphs: readonly Paragraph[], at: readonly number[]): ReaderNote {
  const bare = (s: string) => s.replace(/\s+/g, "");
  const needle = bare(note.needle);
  let k = paragraphs.findIndex((p) => p.page >= note.page && needle !== "" && bare(p.text).includes(needle));
  if (k === -1) k = paragraphs.findIndex((p) => p.page >= note.page);
  if (k === -1) k = paragraphs.length - 1;
  const start = at[k] ?? 0;
  return { severity: "warning", code: "table-cells-unread", message: note.message, start, end: start + (paragraphs[k]?.text.length ?? 0) };
}

/** Reads a PDF's text layer as plan text: one paragraph per line. Never throws. */
export async function readPdf(bytes: Uint8Array, options: ReadPdfOptions = {}): Promise<ReadResult> {
  if (!isPdf(bytes)) return { ok: false, problem: "not a PDF (no %PDF- header)" };
  // pdf.js rebuilds a damaged cross-reference table by scanning, so a cut-off file may still yield its first
  // pages: silently partial text. A complete PDF ends with %%EOF.
  if (!hasEof(bytes)) return { ok: false, problem: "PDF is truncated (no %%EOF at its end); the file is incomplete" };
  let pdfjs: PdfJs;
  let assets: string | null;
  try {
    ({ pdfjs, assets } = await loadPdfJs());
  } catch (error) {
    return { ok: false, problem: `cannot load the PDF reader pdfjs-dist (${oneLine(String((error as Error)?.message ?? error))})` };
  }
  const task = pdfjs.getDocument({
    // pdf.js may take over (detach) the buffer it is given: give it a copy.
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
    stopAtErrors: false,
    ...(assets ? { cMapUrl: `${assets}/cmaps/`, cMapPacked: true, standardFontDataUrl: `${assets}/standard_fonts/` } : {}),
  });
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
      const error = new Error(`PDF took longer than ${limit} to read; gave up`);
      error.name = "Timeout";
      reject(error);
    }, timeoutMs);
  });
  try {
    const { pages, notes: tableNotes } = await Promise.race([extractPages(task, pdfjs.OPS as unknown as Ops), timeout]);
    removeRunningLines(pages);
    const paragraphs = joinParagraphs(pages);
    if (paragraphs.length === 0) return { ok: false, problem: "PDF has no text layer (scanned images?); run OCR first" };
    // Where each page starts in the text: at its first paragraph (a page that starts none starts where the next does).
    const starts: number[] = [];
    const at: number[] = [];
    let offset = 0;
    for (const p of paragraphs) {
      while (starts.length < p.page) starts.push(offset);
      at.push(offset);
      offset += p.text.length + 1;
    }
    const notes = tableNotes.map((n) => placeNote(n, paragraphs, at));
    return {
      ok: true,
      extracted: { text: paragraphs.map((p) => p.text).join("\n"), map: null, pages: starts.length > 0 ? starts : [0], ...(notes.length > 0 ? { notes } : {}) },
    };
  } catch (error) {
    return { ok: false, problem: problemFor(error) };
  } finally {
    clearTimeout(timer);
    // Frees the document and the fake worker; never let a failure here escape.
    await task.destroy().catch(() => {});
  }
}

/**
 * Whether a page may hold a ruled table: several baselines with text in columns (runs a wide gap apart). Only
 * then is the page's operator list (its drawing) read, which costs about as much as its text.
 */
function mayHoldTable(runs: readonly Run[]): boolean {
  const byLine = new Map<number, Run[]>();
  for (const r of runs) {
    const k = Math.round(r.y / Math.max(2, r.size * 0.5));
    const list = byLine.get(k) ?? [];
    list.push(r);
    byLine.set(k, list);
  }
  let columned = 0;
  for (const list of byLine.values()) {
    list.sort((p, q) => p.x - q.x);
    for (let i = 1; i < list.length; i++) {
      if (list[i]!.x - (list[i - 1]!.x + list[i - 1]!.width) > 2 * list[i]!.size) {
        columned++;
        break;
      }
    }
  }
  return columned >= 3;
}

/** A table cell's runs as one paragraph: its lines joined like a paragraph's (no space inside CJK text). */
function cellParagraph(runs: Run[], page: number): string {
  let out = "";
  for (const line of buildLines(runs, page)) {
    const last = out.charCodeAt(out.length - 1);
    const first = line.text.charCodeAt(0);
    out += (out !== "" && isWordChar(last) && isWordChar(first) && !(isDigit(last) && isDigit(first)) ? " " : "") + line.text;
  }
  return out;
}

async function extractPages(task: ReturnType<PdfJs["getDocument"]>, OPS: Ops): Promise<{ pages: Page[]; notes: TableNote[] }> {
  const doc = await task.promise;
  const read: { width: number; height: number; runs: Run[]; tables: TableChunk[] }[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    let runs = pageRuns(content.items, viewport.transform);
    const tables: TableChunk[] = [];
    if (mayHoldTable(runs)) {
      const ops = await page.getOperatorList();
      const found = findTables(pageRules(ops.fnArray, ops.argsArray, viewport.transform, OPS), runs, n);
      runs = found.rest;
      tables.push(...found.tables);
    }
    read.push({ width: viewport.width, height: viewport.height, runs, tables });
    page.cleanup();
  }
  // Tables drawn without rules, in what the ruled ones left; after every page is read, since such a table may go
  // on over a page break and running headers and footers are known only then.
  const borderless = findBorderlessTables(
    read.map((p, i) => ({ page: i + 1, runs: p.runs })),
    furnitureOf(read),
  );
  const pages = read.map((p, i): Page => {
    const found = borderless.pages[i]!;
    const tables = [...p.tables, ...found.tables];
    for (const t of tables) {
      for (const cell of t.cells) {
        const text = cellParagraph(cell.runs, i);
        cell.paragraphs = text === "" ? [] : [text];
        cell.runs = [];
      }
    }
    const lines = buildLines(found.rest, i);
    for (const t of tables) lines.push({ page: i, text: "", left: t.left, right: t.right, y: t.top, size: 0, table: t });
    lines.sort((a, b) => a.y - b.y);
    return { width: p.width, height: p.height, lines };
  });
  return { pages, notes: borderless.notes };
}
