// Writing a zip archive (the package of an .xlsx) in memory, with node:zlib alone. The same entries give the
// same bytes: every entry carries the zip format's earliest time (1980-01-01 00:00, MS-DOS time), and nothing else
// in the archive depends on when or where it was written.
//
// An entry's text comes in pieces and is deflated a piece at a time, so a sheet of 100,000 rows is never one
// string nor one buffer: each piece but the last is compressed on its own and ended with a sync flush, which
// leaves the deflate stream byte-aligned and unfinished, so the pieces' outputs simply follow one another (as
// pigz joins its blocks); the last piece ends the stream. Each piece starts without the previous one's 32 KiB
// window, which costs under a percent of the size at a million characters a piece.
// node:zlib is loaded on first use, as the readers do (src/input/zip-limits.ts).
const zlib = (): typeof import("node:zlib") => process.getBuiltinModule("node:zlib");

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** Version 2.0: deflate. */
const VERSION = 20;
/** General-purpose flag bit 11: the name is UTF-8. */
const UTF8_NAME = 0x0800;
const DEFLATE = 8;
/** MS-DOS date of 1980-01-01: (year − 1980) << 9 | month << 5 | day. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
/** Past this, sizes and offsets need Zip64, which an .xlsx never should. */
const MAX_32 = 0xffff_ffff;
/** Characters of text gathered before they are deflated. */
const PIECE_CHARS = 1 << 20;

interface Entry {
  name: Buffer;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** The text of one entry, written in pieces; `end` puts it in the archive. */
export interface EntryWriter {
  write(text: string): void;
  end(): void;
}

export class ZipWriter {
  private readonly parts: Uint8Array[] = [];
  private readonly entries: Entry[] = [];
  private offset = 0;
  private open = false;
  private done = false;

  /** An entry whose whole text is at hand. */
  add(name: string, text: string): void {
    const e = this.entry(name);
    e.write(text);
    e.end();
  }

  /** An entry written in pieces. One entry at a time: the next starts after this one's `end`. */
  entry(name: string): EntryWriter {
    if (this.open || this.done) throw new Error(`zip: ${name} started ${this.done ? "after the archive was made" : "before the previous entry ended"}`);
    this.open = true;
    const { crc32, deflateRawSync, constants } = zlib();
    let pending: string[] = [];
    let pendingChars = 0;
    let crc = 0;
    let size = 0;
    const deflated: Buffer[] = [];
    const flush = (last: boolean): void => {
      const raw = Buffer.from(pending.join(""), "utf8");
      pending = [];
      pendingChars = 0;
      crc = crc32(raw, crc);
      size += raw.length;
      deflated.push(deflateRawSync(raw, last ? {} : { finishFlush: constants.Z_SYNC_FLUSH }));
    };
    return {
      write: (text: string): void => {
        if (text.length === 0) return;
        pending.push(text);
        pendingChars += text.length;
        if (pendingChars >= PIECE_CHARS) flush(false);
      },
      end: (): void => {
        flush(true);
        this.open = false;
        const compressedSize = deflated.reduce((n, b) => n + b.length, 0);
        this.push(name, crc, compressedSize, size, deflated);
      },
    };
  }

  private push(name: string, crc: number, compressedSize: number, size: number, data: Buffer[]): void {
    if (size > MAX_32 || compressedSize > MAX_32 || this.offset + compressedSize > MAX_32 || this.entries.length >= 0xffff) {
      throw new Error(`zip: ${name} makes the archive larger than a zip without Zip64 holds (4 GiB, 65,535 entries)`);
    }
    const nameBytes = Buffer.from(name, "utf8");
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(UTF8_NAME, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt32LE(crc >>> 0, 14);
    header.writeUInt32LE(compressedSize, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    this.entries.push({ name: nameBytes, crc, compressedSize, size, offset: this.offset });
    this.append(header);
    this.append(nameBytes);
    for (const d of data) this.append(d);
  }

  private append(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.offset += bytes.length;
  }

  /** The archive: the entries, their central directory and its end record. */
  bytes(): Uint8Array {
    if (this.open) throw new Error("zip: an entry has not ended");
    if (this.done) throw new Error("zip: the archive is made once");
    this.done = true;
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(CENTRAL, 0);
      h.writeUInt16LE(VERSION, 4); // made by: MS-DOS (no Unix permissions to carry)
      h.writeUInt16LE(VERSION, 6);
      h.writeUInt16LE(UTF8_NAME, 8);
      h.writeUInt16LE(DEFLATE, 10);
      h.writeUInt16LE(DOS_TIME, 12);
      h.writeUInt16LE(DOS_DATE, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.compressedSize, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      // extra field, comment, disk number, internal and external attributes: none
      h.writeUInt32LE(e.offset, 42);
      this.append(h);
      this.append(e.name);
    }
    const directory = this.offset - start;
    if (this.offset > MAX_32) throw new Error("zip: the archive is larger than a zip without Zip64 holds (4 GiB)");
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(directory, 12);
    end.writeUInt32LE(start, 16);
    this.append(end);
    // A fresh array, not a Buffer: small Buffers come from a shared pool, and callers may hand `.buffer` on.
    const out = new Uint8Array(this.offset);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
