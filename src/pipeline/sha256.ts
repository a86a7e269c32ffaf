// The source's sha256, with node:crypto loaded on first use rather than at start-up (a bundle's top-level
// import would load it for `--version` too). A JavaScript hash instead was tried: cold, before the JIT, it
// took ~9 ms for a 36 KB plan, more than loading node:crypto costs.
export function sha256Hex(bytes: Uint8Array): string {
  return process.getBuiltinModule("node:crypto").createHash("sha256").update(bytes).digest("hex");
}
