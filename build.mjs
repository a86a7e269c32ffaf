// Builds the CLI and the library as esbuild bundles (loading chevrotain unbundled costs ~0.5 s of start-up),
// a V8 code cache for the CLI (see src/cli/bin.ts), and the library's type declarations with tsc.
import { build } from "esbuild";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
rmSync(new URL("./dist", import.meta.url), { recursive: true, force: true });

// Three start-up costs of chevrotain 11 (its 12+ line, which needs Node ≥ 22, removed them by rewriting the
// parser class), removed here in the bundles only (vitest runs chevrotain as published). Together they were
// about 8 ms of a 170 ms cold start:
// - the lexer filled a 65,536-entry table, in the interpreter, to look up `255 + ⌊c / 255⌋` for every character
//   above 255: the lookup becomes that arithmetic;
// - after recording the grammar, the parser deleted its ~80 recording methods from the instance (each parser
//   paid for the deletes, and its object fell into dictionary mode): they are now set to the prototype's
//   methods, which is what the deletes made them resolve to;
// - copying the traits' ~250 methods onto the parser's prototype one by one copied the prototype's whole
//   descriptor array at each step (about 700 KB of garbage): the prototype is first made some object's
//   prototype, which puts it in V8's setup mode (a dictionary) while it is filled.
// A replacement that no longer matches fails the build, so an upgrade of chevrotain is looked at, not missed.
const chevrotainPatches = [
  {
    file: /chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]lexer\.js$/,
    edits: [
      [/(export function charCodeToOptimizedIndex\(charCode\) \{\s*return charCode < minOptimizationVal\s*\?\s*charCode\s*):\s*charCodeToOptimizedIdxMap\[charCode\];/, "$1: 255 + ~~(charCode / 255);"],
      [/(function initCharCodeToOptimizedIndexMap\(\) \{)\s*if \(isEmpty\(charCodeToOptimizedIdxMap\)\) \{\s*charCodeToOptimizedIdxMap = new Array\(65536\);\s*for \(let i = 0; i < 65536; i\+\+\) \{\s*charCodeToOptimizedIdxMap\[i\] = i > 255 \? 255 \+ ~~\(i \/ 255\) : i;\s*\}\s*\}/, "$1"],
    ],
  },
  {
    file: /chevrotain[\\/]lib[\\/]src[\\/]parse[\\/]parser[\\/]utils[\\/]apply_mixins\.js$/,
    edits: [[/(export function applyMixins\(derivedCtor, baseCtors\) \{)(\s*baseCtors\.forEach\(\(baseCtor\) => \{)/, "$1 Object.setPrototypeOf({}, derivedCtor.prototype);$2"]],
  },
  {
    file: /chevrotain[\\/]lib[\\/]src[\\/]parse[\\/]parser[\\/]traits[\\/]gast_recorder\.js$/,
    edits: [
      [/(this\.TRACE_INIT\("Deleting Recording methods", \(\) => \{\s*const that = this;)([\s\S]*?delete that\.LA;)/, (_, head, deletes) => {
        const sets = deletes.replace(/delete that(\[[^\]]+\]|\.\w+);/g, "that$1 = proto$1;");
        if (/delete /.test(sets) || (sets.match(/ = proto/g) ?? []).length !== 17) throw new Error("chevrotain's disableRecording changed");
        return `${head} const proto = Object.getPrototypeOf(that);${sets}`;
      }],
    ],
  },
];
const patchChevrotain = {
  name: "patch-chevrotain",
  setup(b) {
    const patched = new Set();
    // A bundle with chevrotain in it but a patch not applied (chevrotain loaded from another file) is an error too.
    b.onEnd((result) => {
      const bundled = Object.keys(result.metafile?.inputs ?? {}).some((f) => /node_modules[\\/]chevrotain[\\/]/.test(f));
      if (bundled && patched.size !== chevrotainPatches.length) throw new Error("build.mjs: a chevrotain patch was not applied");
    });
    for (const { file, edits } of chevrotainPatches) {
      b.onLoad({ filter: file }, (args) => {
        patched.add(file);
        let contents = readFileSync(args.path, "utf8");
        for (const [pattern, replacement] of edits) {
          if (!pattern.test(contents)) throw new Error(`build.mjs: chevrotain patch no longer matches ${args.path} (${pattern.source.slice(0, 40)}…)`);
          contents = contents.replace(pattern, replacement);
        }
        return { contents, loader: "js" };
      });
    }
  },
};

const common = {
  bundle: true,
  platform: "node",
  target: "node20.19",
  define: { PLAN_PARSE_VERSION: JSON.stringify(pkg.version) },
  legalComments: "none",
  minify: process.env.PLAN_PARSE_NO_MINIFY ? false : true,
  logLevel: "warning",
  plugins: [patchChevrotain],
  metafile: true,
};

// Libraries that only some inputs or commands need stay in node_modules and load on first use: zod
// (schema, validate), yaml, the format readers' unified/remark/rehype, mammoth (docx), pdfjs (pdf), diff,
// node-sqlite3-wasm (export; it finds its .wasm next to its own script), word-extractor (.doc, .wps), cfb (the
// OLE container of .doc, .xls, .et), saxes (the XML of .xlsx and .odt), opencc-js (a text in traditional characters).
const lazyPackages = ["zod", "yaml", "unified", "remark-parse", "remark-gfm", "rehype-parse", "hast-util-to-text", "mammoth", "pdfjs-dist", "diff", "node-sqlite3-wasm", "word-extractor", "cfb", "saxes", "opencc-js"];
const external = lazyPackages.flatMap((p) => [p, `${p}/*`]);

// The library, as an ES module.
await build({ ...common, entryPoints: { index: "src/index.ts" }, outdir: "dist", format: "esm", external,
  // Readers (and their libraries) as chunks of their own, loaded when a file of that format is read.
  splitting: true, chunkNames: "chunks/[name]-[hash]",
  // Bundled CommonJS needs `require` in an ES module.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
// The CLI: one CommonJS script (so vm.Script can use a code cache) behind a small ES module entry, and the
// worker threads of --jobs. vm.Script has no dynamic import(): lazy loads become require() (Node ≥ 20.19
// requires ES modules).
// unified, remark and rehype are ES-module-only and use default exports, which a CommonJS bundle can only
// read right when it bundles them (esbuild's interop); they are bundled, lazily initialised.
const esmOnly = ["unified", "remark-parse", "remark-gfm", "rehype-parse", "hast-util-to-text"];
const cjsExternal = external.filter((p) => !esmOnly.some((e) => p === e || p === `${e}/*`));
const cjs = { ...common, outdir: "dist", format: "cjs", outExtension: { ".js": ".cjs" }, external: cjsExternal, supported: { "dynamic-import": false } };
// Dynamic imports of the format readers go to dist/readers.cjs, of the comparing commands to dist/commands.cjs,
// of `export` (and the Parquet writer it bundles) to dist/export.cjs, instead of into the start-up bundle:
// parsing a .txt compiles none of them, reading a .md none of the commands.
const LAZY = [
  [/(?:^|\/)(?:input\/)?(?:markdown|html|docx|pdf|ole|xlsx|odf|rtf|mht)\.js$/, "./readers.cjs"],
  [/(?:^|\/)(?:diff\/(?:diff|render|schema)|table|agencies|schema)\.js$/, "./commands.cjs"],
  [/(?:^|\/)export\/index\.js$/, "./export.cjs"],
];
const toLazy = {
  name: "lazy-modules",
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== "dynamic-import") return undefined;
      const target = LAZY.find(([re]) => re.test(args.path));
      return target ? { path: target[1], external: true } : undefined;
    });
  },
};
// commander loads node:child_process only to run subcommands that are separate executables, which plan-parse
// has none of; not loading it saves start-up time.
const noChildProcess = {
  name: "no-child-process",
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /commander/.test(args.importer) ? { path: "child_process", namespace: "stub" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({ contents: "module.exports = {};", loader: "js" }));
  },
};
await build({ ...cjs, entryPoints: { "cli-core": "src/cli/main.ts" }, plugins: [patchChevrotain, toLazy, noChildProcess] });
await build({ ...cjs, entryPoints: { readers: "src/cli/lazy-readers.ts", commands: "src/cli/lazy-commands.ts", export: "src/export/index.ts", worker: "src/cli/worker.ts" } });
await build({ ...cjs, entryPoints: { cli: "src/cli/bin.ts" } });

// pdf.js, copied beside the bundles (src/input/pdf.ts says why it is no dependency): the legacy build the reader
// loads, the CMaps (Chinese PDFs name Adobe-GB1 encodings) and standard fonts it reads from disk, its licence.
const pdfjs = new URL("./node_modules/pdfjs-dist/", import.meta.url);
const vendor = new URL("./dist/vendor/pdfjs-dist/", import.meta.url);
for (const part of ["legacy/build/pdf.mjs", "legacy/build/pdf.worker.mjs", "cmaps", "standard_fonts", "LICENSE", "package.json"]) {
  cpSync(new URL(part, pdfjs), new URL(part, vendor), { recursive: true });
}

// Run the CLI once on the largest seed so the cache holds what a real parse compiles.
const seeds = new URL("./fixtures/seeds/", import.meta.url);
const largest = readdirSync(seeds)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => ({ f, size: statSync(new URL(f, seeds)).size }))
  .sort((a, b) => b.size - a.size)[0];
if (largest) {
  const made = spawnSync(process.execPath, ["dist/cli.cjs", `fixtures/seeds/${largest.f}`, "--quiet"], {
    env: { ...process.env, PLAN_PARSE_WRITE_CODE_CACHE: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (made.status !== 0) throw new Error("the CLI failed on a seed while making its code cache");
}

if (!process.argv.includes("--no-types")) {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "."], { stdio: "inherit" });
}
