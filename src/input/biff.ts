// The cell text of an Excel 97–2003 workbook stream (BIFF8, also what WPS Spreadsheets' .et holds): a small
// record reader for what a plan's text needs — sheet names and positions (BOUNDSHEET), the shared strings (SST
// and its CONTINUE records), string cells (LABELSST, LABEL, RSTRING), numbers (NUMBER, RK, MULRK, FORMULA and its
// STRING), merged cells (MERGEDCELLS), number formats for dates (FORMAT, XF, DATEMODE). Charts, formulas' own
// text, styles and drawings are skipped. Encryption (FILEPASS) is refused. Excel 5/95 (BIFF5) says so: its
// reading goes to LibreOffice.
import { isDateFormat, numberText, serialDate, type Merge, type Sheet } from "./sheets.js";

export type BiffResult = { ok: true; sheets: Sheet[] } | { ok: false; problem: string };

const BOF = 0x0809;
const EOF = 0x000a;
const BOUNDSHEET = 0x0085;
const SST = 0x00fc;
const CONTINUE = 0x003c;
const LABELSST = 0x00fd;
const LABEL = 0x0204;
const RSTRING = 0x00d6;
const NUMBER = 0x0203;
const RK = 0x027e;
const MULRK = 0x00bd;
const FORMULA = 0x0006;
const STRING = 0x0207;
const MERGEDCELLS = 0x00e5;
const FILEPASS = 0x002f;
const FORMAT = 0x041e;
const XF = 0x00e0;
const DATEMODE = 0x0022;

interface Rec {
  type: number;
  /** Payload start and end in the stream. */
  start: number;
  end: number;
}

function records(data: Uint8Array): Rec[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: Rec[] = [];
  let at = 0;
  while (at + 4 <= data.length) {
    const type = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    const start = at + 4;
    const end = Math.min(start + size, data.length);
    out.push({ type, start, end });
    at = start + size;
  }
  return out;
}

const latin1 = new TextDecoder("latin1");
const utf16 = new TextDecoder("utf-16le");

/**
 * Reads strings from a record and the CONTINUE records after it: a string's characters may go on in the next
 * record, which then starts with a new flags byte (compressed or not).
 */
class Reader {
  private seg = 0;
  private at: number;
  constructor(
    private readonly data: Uint8Array,
    private readonly segs: Rec[],
  ) {
    this.at = segs[0]!.start;
  }
  private ensure(): void {
    while (this.at >= this.segs[this.seg]!.end && this.seg + 1 < this.segs.length) {
      this.seg++;
      this.at = this.segs[this.seg]!.start;
    }
  }
  get done(): boolean {
    this.ensure();
    return this.at >= this.segs[this.seg]!.end;
  }
  u8(): number {
    this.ensure();
    if (this.at >= this.segs[this.seg]!.end) throw new Error("record ends early");
    return this.data[this.at++]!;
  }
  u16(): number {
    return this.u8() | (this.u8() << 8);
  }
  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }
  skip(n: number): void {
    for (let i = 0; i < n; i++) this.u8();
  }
  /** `count` characters, wide or compressed, going on across CONTINUE boundaries. */
  chars(count: number, wide: boolean): string {
    let out = "";
    let left = count;
    let isWide = wide;
    while (left > 0) {
      this.ensure();
      const segEnd = this.segs[this.seg]!.end;
      if (this.at >= segEnd) throw new Error("string ends early");
      const room = Math.floor((segEnd - this.at) / (isWide ? 2 : 1));
      const n = Math.min(left, room);
      if (n === 0) throw new Error("string ends early");
      const slice = this.data.subarray(this.at, this.at + n * (isWide ? 2 : 1));
      out += isWide ? utf16.decode(slice) : latin1.decode(slice);
      this.at += slice.length;
      left -= n;
      if (left > 0) {
        // The next record goes on with a flags byte of its own.
        if (this.seg + 1 >= this.segs.length) throw new Error("string ends early");
        this.seg++;
        this.at = this.segs[this.seg]!.start;
        isWide = (this.u8() & 1) === 1;
      }
    }
    return out;
  }
  /** XLUnicodeRichExtendedString (the SST's), or with a 1- or 2-byte count (cells, names). */
  unicodeString(countBytes: 1 | 2 = 2, rich = false): string {
    const count = countBytes === 1 ? this.u8() : this.u16();
    const flags = this.u8();
    let runs = 0;
    let ext = 0;
    if (rich && flags & 0x08) runs = this.u16();
    if (rich && flags & 0x04) ext = this.u32();
    const s = this.chars(count, (flags & 1) === 1);
    if (runs) this.skip(runs * 4);
    if (ext) this.skip(ext);
    return s;
  }
}

function single(data: Uint8Array, rec: Rec): Reader {
  return new Reader(data, [rec]);
}

/** The sheets of a BIFF8 workbook stream. "biff5" for an Excel 5/95 stream. Never throws. */
export function readBiff(data: Uint8Array): BiffResult {
  try {
    return readUnguarded(data);
  } catch (e) {
    return { ok: false, problem: `damaged or truncated: ${(e as Error).message}` };
  }
}

function readUnguarded(data: Uint8Array): BiffResult {
  const recs = records(data);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (recs.length === 0 || (recs[0]!.type !== BOF && recs[0]!.type !== 0x0409 && recs[0]!.type !== 0x0209)) return { ok: false, problem: "no workbook records" };
  const version = recs[0]!.end - recs[0]!.start >= 2 ? view.getUint16(recs[0]!.start, true) : 0;
  if (recs[0]!.type !== BOF || version !== 0x0600) return { ok: false, problem: "biff5" };

  const sst: string[] = [];
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  let date1904 = false;
  const bounds: { name: string; pos: number; hidden: boolean; worksheet: boolean }[] = [];
  // Workbook globals: up to the first EOF.
  let i = 1;
  for (; i < recs.length; i++) {
    const r = recs[i]!;
    if (r.type === EOF) break;
    if (r.type === FILEPASS) return { ok: false, problem: "encrypted" };
    if (r.type === BOUNDSHEET) {
      const rd = single(data, r);
      const pos = rd.u32();
      const state = rd.u8() & 0x03;
      const kind = rd.u8();
      bounds.push({ pos, hidden: state !== 0, worksheet: kind === 0, name: rd.unicodeString(1) });
    } else if (r.type === SST) {
      const segs = [r];
      for (let j = i + 1; j < recs.length && recs[j]!.type === CONTINUE; j++) segs.push(recs[j]!);
      const rd = new Reader(data, segs);
      rd.u32();
      const unique = rd.u32();
      for (let k = 0; k < unique && !rd.done; k++) sst.push(rd.unicodeString(2, true));
    } else if (r.type === FORMAT) {
      const rd = single(data, r);
      const id = rd.u16();
      formats.set(id, rd.unicodeString(2));
    } else if (r.type === XF) {
      xfFormats.push(r.end - r.start >= 4 ? view.getUint16(r.start + 2, true) : 0);
    } else if (r.type === DATEMODE) {
      date1904 = r.end - r.start >= 2 && view.getUint16(r.start, true) === 1;
    }
  }
  const isDate = (xf: number): boolean => {
    const id = xfFormats[xf];
    return id !== undefined && isDateFormat(id, formats.get(id));
  };
  const number = (xf: number, n: number): string => (isDate(xf) ? serialDate(n, date1904) : numberText(n));

  // Each sheet's substream, found by its BOF's position.
  const byPos = new Map<number, number>();
  recs.forEach((r, k) => {
    if (r.type === BOF) byPos.set(r.start - 4, k);
  });
  const sheets: Sheet[] = [];
  for (const b of bounds) {
    if (!b.worksheet) continue;
    const sheet: Sheet = { name: b.name, hidden: b.hidden, cells: [], merges: [] };
    sheets.push(sheet);
    const first = byPos.get(b.pos);
    if (first === undefined) continue;
    const set = (row: number, col: number, value: string): void => {
      if (row >= 100_000 || col >= 256) return;
      (sheet.cells[row] ??= [])[col] = value;
    };
    let pendingString: { row: number; col: number } | null = null;
    for (let k = first + 1; k < recs.length; k++) {
      const r = recs[k]!;
      if (r.type === EOF || r.type === BOF) break;
      const len = r.end - r.start;
      const u16 = (o: number): number => (r.start + o + 2 <= r.end ? view.getUint16(r.start + o, true) : 0);
      switch (r.type) {
        case LABELSST:
          if (len >= 10) set(u16(0), u16(2), sst[view.getUint32(r.start + 6, true)] ?? "");
          break;
        case LABEL:
        case RSTRING: {
          const rd = single(data, r);
          const row = rd.u16();
          const col = rd.u16();
          rd.u16();
          set(row, col, rd.unicodeString(2));
          break;
        }
        case NUMBER:
          if (len >= 14) set(u16(0), u16(2), number(u16(4), view.getFloat64(r.start + 6, true)));
          break;
        case RK:
          if (len >= 10) set(u16(0), u16(2), number(u16(4), rk(view.getUint32(r.start + 6, true))));
          break;
        case MULRK: {
          const row = u16(0);
          const firstCol = u16(2);
          const n = Math.floor((len - 6) / 6);
          for (let c = 0; c < n; c++) set(row, firstCol + c, number(u16(4 + c * 6), rk(view.getUint32(r.start + 6 + c * 6, true))));
          break;
        }
        case FORMULA: {
          if (len < 14) break;
          const row = u16(0);
          const col = u16(2);
          if (u16(12) === 0xffff) {
            const kind = data[r.start + 6];
            if (kind === 0) pendingString = { row, col };
            else if (kind === 1) set(row, col, data[r.start + 8] ? "TRUE" : "FALSE");
          } else set(row, col, number(u16(4), view.getFloat64(r.start + 6, true)));
          break;
        }
        case STRING:
          if (pendingString) {
            set(pendingString.row, pendingString.col, single(data, r).unicodeString(2));
            pendingString = null;
          }
          break;
        case MERGEDCELLS: {
          const n = u16(0);
          for (let m = 0; m < n && 2 + m * 8 + 8 <= len; m++) {
            const o = 2 + m * 8;
            const merge: Merge = { top: u16(o), bottom: u16(o + 2), left: u16(o + 4), right: u16(o + 6) };
            if (merge.bottom >= merge.top && merge.right >= merge.left) sheet.merges.push(merge);
          }
          break;
        }
        default:
          break;
      }
    }
  }
  return { ok: true, sheets };
}

/** An RK number: a 30-bit integer or the high bits of a double, optionally divided by 100. */
function rk(v: number): number {
  let n: number;
  if (v & 0x02) n = (v | 0) >> 2;
  else {
    const buf = new DataView(new ArrayBuffer(8));
    buf.setUint32(4, v & 0xfffffffc, true);
    buf.setUint32(0, 0, true);
    n = buf.getFloat64(0, true);
  }
  return v & 0x01 ? n / 100 : n;
}
