// A small zip writer for tests: Word documents made at run time (a minimal .docx, a zip bomb that is honest
// about its size or lies about it, deeply nested content), so no large or hostile file is kept in the repo.
import { crc32, deflateRawSync, constants } from "node:zlib";

export interface ZipInput {
  name: string;
  /** The entry's bytes (deflated here), or already-deflated bytes with their real size. */
  data?: Buffer;
  deflated?: { bytes: Buffer; size: number; crc: number };
  /** The uncompressed size the central directory claims (a lying bomb); default the real one. */
  claimSize?: number;
}

export function makeZip(entries: readonly ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const packed = e.deflated ?? { bytes: deflateRawSync(e.data ?? Buffer.alloc(0)), size: (e.data ?? Buffer.alloc(0)).length, crc: crc32(e.data ?? Buffer.alloc(0)) };
    const size = e.claimSize ?? packed.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(packed.crc >>> 0, 14);
    local.writeUInt32LE(packed.bytes.length, 18);
    local.writeUInt32LE(Math.min(size, 0xfffffffe), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.crc >>> 0, 16);
    central.writeUInt32LE(packed.bytes.length, 20);
    central.writeUInt32LE(Math.min(size, 0xfffffffe), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed.bytes);
    centrals.push(central, name);
    offset += local.length + name.length + packed.bytes.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** word/document.xml with these paragraphs' text. */
export function documentXml(paragraphs: readonly string[], wrap: (p: string) => string = (p) => p): string {
  const body = paragraphs.map((t) => wrap(`<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`)).join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`;
}

/** A minimal .docx whose document.xml is given (as text, or as deflated bytes). */
export function makeDocx(document: string | ZipInput["deflated"], claimSize?: number): Buffer {
  const doc: ZipInput =
    typeof document === "string" ? { name: "word/document.xml", data: Buffer.from(document, "utf8") } : { name: "word/document.xml", deflated: document! };
  if (claimSize !== undefined) doc.claimSize = claimSize;
  return makeZip([{ name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES) }, { name: "_rels/.rels", data: Buffer.from(RELS) }, doc]);
}

/**
 * A deflate stream of `mib` MiB of one repeated byte, made in a few milliseconds: one MiB deflated once, its
 * blocks (not final, flushed to a byte boundary) repeated, then an empty final block. About 1 KB per MiB.
 */
export function bombStream(mib: number, byte = 0x20): { bytes: Buffer; size: number; crc: number } {
  const one = Buffer.alloc(1 << 20, byte);
  const block = deflateRawSync(one, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const final = Buffer.from([0x03, 0x00]); // an empty final fixed-Huffman block
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = crc32(one, crc);
  return { bytes: Buffer.concat([...Array.from({ length: mib }, () => block), final]), size: mib << 20, crc };
}
