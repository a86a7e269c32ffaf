import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../src/pipeline/sha256.js";

describe("sha256Hex", () => {
  it.each([0, 1, 55, 56, 64, 36_270, (1 << 20) - 1, 1 << 20, (1 << 20) + 3])("gives node:crypto's digest for %i bytes", (n) => {
    const bytes = new Uint8Array(n).map((_, i) => (i * 131 + 7) & 0xff);
    expect(sha256Hex(bytes)).toBe(createHash("sha256").update(bytes).digest("hex"));
  });
});
