// The source's sha256 without loading node:crypto on the common path: requiring it costs a cold start about
// 7 ms (its whole module graph), a tenth of Node's own start-up, to hash a plan of a few dozen kilobytes.
// From 1 MiB on, where the hashing itself is what counts, node:crypto's native hash does it. Same digest.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

const NATIVE_FROM = 1 << 20;

export function sha256Hex(bytes: Uint8Array): string {
  if (bytes.byteLength < NATIVE_FROM) return bytesToHex(sha256(bytes));
  const { createHash } = process.getBuiltinModule("node:crypto");
  return createHash("sha256").update(bytes).digest("hex");
}
