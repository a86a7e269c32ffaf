// How much a zip archive (a .docx) unpacks to, found before any library unpacks it: a 400 KB "zip bomb"
// unpacks to gigabytes and ends the process out of memory. The central directory, which is what the zip
// reader behind mammoth (jszip) goes by, lists the entries and the sizes they claim; the claims are checked
// first, then each entry is inflated as a stream and counted, its output thrown away as it comes (a claim
// can lie), so memory stays flat whatever the archive says. An `inspect` callback sees the bytes of the
// entries it asks for (src/input/xml-depth.ts measures nesting that way).
// node:zlib is loaded on first use (process.getBuiltinModule): the zip directory is read at start-up (what a
// `.zip` argument holds), and loading zlib costs plain-text runs a millisecond and a half.
const zlib = (): typeof import("node:zlib") => process.getBuiltinModule("node:zlib");

/** What the entries of one archive may unpack to, in all. */
export const MAX_UNPACKED_TOTAL = 256 * 1024 * 1024;
/** What one entry may unpack to. */
export const MAX_UNPACKED_ENTRY = 256 * 1024 * 1024;
/** More entries than any Word document has. */
export const MAX_ENTRIES = 65_536;

export interface ZipLimits {
  total: number;
  entry: number;
  entries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { total: MAX_UNPACKED_TOTAL, entry: MAX_UNPACKED_ENTRY, entries: MAX_ENTRIES };

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  /** General-purpose flags: bit 0 encrypted, bit 11 the name is UTF-8. */
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header. */
  offset: number;
}

/** Looks at an entry's unpacked bytes as they come; returns a problem to stop there, or null to go on. */
export interface EntryInspector {
  chunk(bytes: Uint8Array): string | null;
  end(): string | null;
}

export type ZipCheck = { ok: true; entries: ZipEntry[]; unpacked: number } | { ok: false; problem: string };

const EOCD = 0x06054b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const mib = (n: number): string => `${(n / 1048576).toFixed(0)} MiB`;

function tooLarge(what: string, limit: number): ZipCheck {
  return { ok: false, problem: `too large when unpacked (${what}; the limit is ${mib(limit)})` };
}

/** An entry that unpacked to more than it was allowed: more than one entry may be, or than all may be together. */
function overBudget(e: ZipEntry, budget: number, limits: ZipLimits): ZipCheck {
  // Mostly this entry's own doing (as a bomb is): say so; else the entries before it had taken most of it.
  return budget < limits.total / 2
    ? tooLarge(`${e.name} brings the entries to over ${mib(limits.total)}`, limits.total)
    : tooLarge(`${e.name} unpacks to over ${mib(budget)}`, Math.min(limits.entry, limits.total));
}

/**
 * An entry's name: UTF-8 when the archive says so (bit 11) or when the bytes are valid UTF-8, else GB18030 — the
 * code page Chinese Windows writes zip names in (`附件1.docx` from a district site's attachment bundle).
 */
function entryName(raw: Uint8Array, flags: number): string {
  if (flags & 0x800) return Buffer.from(raw).toString("utf8");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    return new TextDecoder("gb18030").decode(raw);
  }
}

/**
 * The central directory's entries, or null when there is none to read (not a zip, or a damaged one: the zip
 * reader then says what is wrong in its own words).
 */
export function readCentralDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number): number => view.getUint16(at, true);
  const u32 = (at: number): number => view.getUint32(at, true);
  const u64 = (at: number): number => Number(view.getBigUint64(at, true));
  // The end record: 22 bytes and a comment of up to 65,535, at the very end.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = u16(eocd + 10);
  let start = u32(eocd + 16);
  // ZIP64: the real numbers are in a record of their own, which a locator just before the end record points to.
  if ((count === 0xffff || start === 0xffffffff) && eocd >= 20 && u32(eocd - 20) === ZIP64_LOCATOR) {
    const record = u64(eocd - 20 + 8);
    if (record + 56 > bytes.length || u32(record) !== ZIP64_EOCD) return null;
    count = u64(record + 32);
    start = u64(record + 48);
  }
  const entries: ZipEntry[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(at) !== CENTRAL) return null;
    const method = u16(at + 10);
    let compressedSize = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let offset = u32(at + 42);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength > bytes.length) return null;
    const flags = u16(at + 8);
    const name = entryName(bytes.subarray(at + 46, nameEnd), flags);
    // ZIP64 extra field: the 64-bit values of the fields that say 0xffffffff, in this order.
    for (let e = nameEnd; e + 4 <= nameEnd + extraLength; ) {
      const id = u16(e);
      const length = u16(e + 2);
      if (id === 0x0001) {
        let v = e + 4;
        const next = (): number => {
          const x = v + 8 <= e + 4 + length ? u64(v) : 0;
          v += 8;
          return x;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (offset === 0xffffffff) offset = next();
      }
      e += 4 + length;
    }
    entries.push({ name, flags, method, compressedSize, size, offset });
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/** The compressed bytes of an entry (clipped to the file), or null when its local header is not there. */
export function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const at = entry.offset;
  if (at + 30 > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(at, true) !== LOCAL) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  return bytes.subarray(Math.min(start, bytes.length), Math.min(start + entry.compressedSize, bytes.length));
}

/**
 * Inflates one entry as a stream, counting (and inspecting) what comes out, stopping as soon as `budget` is
 * passed. Resolves with the bytes it unpacked to, or a problem. A damaged stream resolves with what was
 * counted: reading it is for the zip reader to fail at.
 */
function inflateCounted(data: Uint8Array, budget: number, inspect: EntryInspector | null): Promise<{ size: number; over: boolean; problem: string | null }> {
  return new Promise((resolve) => {
    const inflate = zlib().createInflateRaw({ chunkSize: 64 * 1024 });
    let size = 0;
    let done = false;
    const finish = (over: boolean, problem: string | null): void => {
      if (done) return;
      done = true;
      inflate.removeAllListeners("data");
      inflate.destroy();
      resolve({ size, over, problem });
    };
    inflate.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) return finish(true, null);
      const problem = inspect?.chunk(chunk) ?? null;
      if (problem) finish(false, problem);
    });
    inflate.on("end", () => finish(false, inspect?.end() ?? null));
    inflate.on("error", () => finish(false, null));
    inflate.end(data);
  });
}

/**
 * Checks that an archive unpacks to no more than the limits allow, by the sizes its central directory claims
 * and by inflating every entry. `inspect` is asked, per entry name, for an inspector of its bytes.
 */
export async function checkZip(
  bytes: Uint8Array,
  options: { limits?: ZipLimits; inspect?: (name: string) => EntryInspector | null } = {},
): Promise<ZipCheck> {
  const limits = options.limits ?? DEFAULT_ZIP_LIMITS;
  const entries = readCentralDirectory(bytes);
  if (entries === null) return { ok: true, entries: [], unpacked: 0 };
  if (entries.length > limits.entries) return { ok: false, problem: `too large when unpacked (${entries.length} entries; the limit is ${limits.entries})` };
  // What the directory claims: free to check, and enough for an honest bomb.
  let claimed = 0;
  for (const e of entries) {
    if (e.size > limits.entry) return tooLarge(`${e.name} would be ${mib(e.size)}`, limits.entry);
    claimed += e.size;
    if (claimed > limits.total) return tooLarge(`${entries.length} entries would be over ${mib(claimed)}`, limits.total);
  }
  // What the entries really unpack to.
  let total = 0;
  for (const e of entries) {
    const data = entryData(bytes, e);
    if (data === null) continue;
    const inspect = options.inspect?.(e.name) ?? null;
    const budget = Math.min(limits.entry, limits.total - total);
    if (e.method === 0) {
      // Stored: what is there is what it is.
      if (data.length > budget) return overBudget(e, budget, limits);
      total += data.length;
      const problem = inspect ? (inspect.chunk(data) ?? inspect.end()) : null;
      if (problem) return { ok: false, problem };
      continue;
    }
    if (e.method !== 8) continue; // not deflate: the zip reader refuses it
    const r = await inflateCounted(data, budget, inspect);
    if (r.over) return overBudget(e, budget, limits);
    if (r.problem) return { ok: false, problem: r.problem };
    total += r.size;
  }
  return { ok: true, entries, unpacked: total };
}
