import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../src/pipeline/sha256.js";

describe("sha256Hex", () => {
  it.each([0, 1, 55, 56, 64, 36_270, 1 << 20])("gives the sha256 of %i bytes in hex", (n) => {
    const bytes = new Uint8Array(n).map((_, i) => (i * 131 + 7) & 0xff);
    expect(sha256Hex(bytes)).toBe(createHash("sha256").update(bytes).digest("hex"));
  });
  it("matches a known digest", () => expect(sha256Hex(new TextEncoder().encode("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
});
