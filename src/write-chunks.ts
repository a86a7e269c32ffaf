// Writing text that comes in pieces (a document's JSON can be longer than one string may be) to a file, one
// piece at a time, so that the whole never has to exist as one string or one buffer.
import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";

/** Writes `data` (a string, or pieces written in order) to a path or an open file descriptor, replacing it. */
export function writeChunksSync(target: string | number, data: string | readonly string[]): void {
  if (typeof data === "string") {
    writeFileSync(target, data);
    return;
  }
  const fd = typeof target === "number" ? target : openSync(target, "w");
  try {
    for (const piece of data) {
      const buffer = Buffer.from(piece, "utf8");
      for (let at = 0; at < buffer.length; ) at += writeSync(fd, buffer, at, buffer.length - at);
    }
  } finally {
    if (typeof target !== "number") closeSync(fd);
  }
}
