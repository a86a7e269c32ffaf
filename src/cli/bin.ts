// Entry of the CLI (dist/cli.cjs, run by bin/plan-parse.js). It is CommonJS, like bin/ (bin/package.json), so
// starting it does not bring up Node's ES module loader. The program itself is one CommonJS bundle
// (dist/cli-core.cjs), compiled here through vm.Script with V8's code cache, made at build time for this Node
// version: a cold start then skips most of the JavaScript compilation, which is most of what an analyst waits
// for. Without a cache (another Node version) it compiles as usual.
import Module, { createRequire } from "node:module";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Script } from "node:vm";

const core = join(__dirname, "cli-core.cjs");
const cache = join(__dirname, `cli-core.${process.version}-${process.arch}.cache`);
const source = readFileSync(core, "utf8");
let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cache);
} catch {
  // no cache for this Node version
}
const script = new Script((Module as unknown as { wrap(s: string): string }).wrap(source), { filename: core, cachedData });
const module = { exports: {} as { run?: () => Promise<void> } };
(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(core), module, core, __dirname);

void module.exports.run!().then(() => {
  // The build asks for the cache by running the CLI once on a real plan (build.mjs).
  if (process.env.PLAN_PARSE_WRITE_CODE_CACHE) {
    writeFileSync(`${cache}.tmp`, script.createCachedData());
    renameSync(`${cache}.tmp`, cache);
  }
});
