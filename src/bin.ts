// Entry of the CLI (dist/cli.js). The program itself is one CommonJS bundle (dist/cli-core.cjs), compiled here
// through vm.Script with V8's code cache, made at build time for this Node version: a cold start then skips
// most of the JavaScript compilation, which is most of what an analyst waits for. Without a cache (another
// Node version) it compiles as usual.
import Module, { createRequire } from "node:module";

// `require`, not `import`: an ES import of node:fs builds its whole facade, streams included (~2 ms).
const require = createRequire(import.meta.url);
const { readFileSync, renameSync, writeFileSync } = require("node:fs") as typeof import("node:fs");
const { Script } = require("node:vm") as typeof import("node:vm");

const core = new URL("./cli-core.cjs", import.meta.url);
const cache = new URL(`./cli-core.${process.version}-${process.arch}.cache`, import.meta.url);
const source = readFileSync(core, "utf8");
let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cache);
} catch {
  // no cache for this Node version
}
const filename = core.pathname;
const script = new Script((Module as unknown as { wrap(s: string): string }).wrap(source), { filename, cachedData });
const exports: { run?: () => Promise<void> } = {};
const module = { exports };
(script.runInThisContext() as (...args: unknown[]) => void)(exports, createRequire(core), module, filename, new URL(".", core).pathname);
await (module.exports as { run: () => Promise<void> }).run();

// The build asks for the cache by running the CLI once on a real plan (build.mjs).
const out = process.env.PLAN_PARSE_WRITE_CODE_CACHE;
if (out) {
  writeFileSync(`${cache.pathname}.tmp`, script.createCachedData());
  renameSync(`${cache.pathname}.tmp`, cache.pathname);
}
