// Zips: what a zip is by its directory (a Word, Excel or OpenDocument file, an OFD document, or an archive of
// attachments), and the members of an archive of attachments — each a document of its own, named
// `archive.zip!/附件1.docx`. Unpacking goes through src/input/zip-read.ts (bounded like every zip here).
import { readCentralDirectory, type ZipEntry } from "./zip-limits.js";
import { unzip } from "./zip-read.js";

export type ZipKind = "docx" | "xlsx" | "odt" | "ofd" | "zip";

/** What a zip holds, by its entry names; null when it has no readable directory. */
export function zipKindOf(entries: readonly ZipEntry[]): ZipKind {
  const names = new Set(entries.map((e) => e.name));
  if (names.has("word/document.xml") || [...names].some((n) => /^word\/document\d*\.xml$/i.test(n))) return "docx";
  if (names.has("xl/workbook.xml")) return "xlsx";
  if (names.has("content.xml") && (names.has("mimetype") || names.has("META-INF/manifest.xml"))) return "odt";
  if (names.has("OFD.xml") || names.has("ofd.xml")) return "ofd";
  return "zip";
}

/** What a zip holds (null: no directory to read, e.g. truncated). */
export function zipKind(bytes: Uint8Array): ZipKind | null {
  const entries = readCentralDirectory(bytes);
  return entries === null ? null : zipKindOf(entries);
}

export interface Member {
  /** `archive.zip!/附件1.docx` */
  name: string;
  bytes: Uint8Array;
}

export type Members = { ok: true; members: Member[]; skipped: { name: string; reason: string }[] } | { ok: false; problem: string };

/** Office's lock files (`~$工作要点.docx`), macOS's resource forks and hidden files: never documents. */
export function notADocument(base: string): string | null {
  if (base.startsWith("~$")) return "an Office lock file";
  if (base.startsWith(".")) return "a hidden file";
  return null;
}

/**
 * The members of an archive of attachments: every file with a known extension (`known`), each named
 * `${name}!/${path}`; an archive inside is opened in turn (up to `depth` levels). Folders, lock files, hidden
 * files and `__MACOSX/` are left out without a word; other files are listed in `skipped` with the reason.
 */
export function archiveMembers(bytes: Uint8Array, name: string, known: (path: string) => boolean, depth = 3): Members {
  const read = unzip(bytes, "the zip archive");
  if (!read.ok) return read;
  const members: Member[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const paths = [...read.files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const path of paths) {
    const full = `${name}!/${path}`;
    const base = path.slice(path.lastIndexOf("/") + 1);
    if (path.startsWith("__MACOSX/") || notADocument(base) !== null) continue;
    const data = read.files.get(path)!;
    if (/\.zip$/i.test(base)) {
      if (depth <= 1) {
        skipped.push({ name: full, reason: "a zip archive inside zip archives nested too deeply" });
        continue;
      }
      const inner = archiveMembers(data, full, known, depth - 1);
      if (!inner.ok) members.push({ name: full, bytes: data });
      else {
        members.push(...inner.members);
        skipped.push(...inner.skipped);
      }
      continue;
    }
    if (!known(base)) {
      const ext = /\.[^.]+$/.exec(base)?.[0] ?? "(no extension)";
      skipped.push({ name: full, reason: `not a plan format (${ext})` });
      continue;
    }
    members.push({ name: full, bytes: data });
  }
  return { ok: true, members, skipped };
}
