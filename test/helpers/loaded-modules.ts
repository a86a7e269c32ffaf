// What a spawned CLI run loads: a preload hook records every module request (Module._load) and prints the list
// on stderr at exit, so a test can say which packages a command pulls in (and which it must not).
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let hook: string | undefined;

function hookFile(): string {
  if (hook) return hook;
  hook = join(mkdtempSync(join(tmpdir(), "plan-parse-loads-")), "record-loads.cjs");
  writeFileSync(
    hook,
    `const Module = require("node:module");
const seen = new Set();
const load = Module._load;
Module._load = function (request, ...rest) { seen.add(request); return load.call(this, request, ...rest); };
process.on("exit", () => require("node:fs").writeSync(2, "\\n@@loaded " + JSON.stringify([...seen]) + "\\n"));
`,
  );
  return hook;
}

/** Runs bin/plan-parse.js with these arguments from the project root; the run and the module requests it made. */
export function runRecordingLoads(args: readonly string[]): { run: SpawnSyncReturns<string>; loaded: string[] } {
  const run = spawnSync(process.execPath, ["-r", hookFile(), join(ROOT, "bin/plan-parse.js"), ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  return { run, loaded: JSON.parse(/@@loaded (.*)\n/.exec(run.stderr)![1]!) as string[] };
}
