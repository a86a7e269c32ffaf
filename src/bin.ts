// Entry of the bundled CLI. Node ≥ 22.8 can cache compiled code between runs; enable it before the rest of
// the program is loaded (the cache only covers modules loaded after the call).
import module from "node:module";

const withCache = module as unknown as { enableCompileCache?: () => unknown };
withCache.enableCompileCache?.();
const { run } = await import("./cli.js");
await run();
