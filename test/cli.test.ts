// The real command line, end to end: every test spawns the built binary (`bin/plan-parse.js` → `dist/cli.cjs`)
// with `node`, the way a user runs it, and checks exit code, standard output and standard error.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { PlanDocumentSchema, type PlanDocument, type PlanNode } from "../src/index.js";
import { gb2312 } from "./support/charsets.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = "bin/plan-parse.js";
const SEEDS = "fixtures/seeds";
const SEED_000 = `${SEEDS}/000_8d72839633e6c520.txt`;
const SEED_001 = `${SEEDS}/001_9ea69e7fd293a163.txt`;
const SEED_002 = `${SEEDS}/002_c0b8b7f66cffa162.txt`;
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const ANSI = /\u001b\[/;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

interface RunOptions {
  input?: string | Buffer;
  /** Extra environment; `NO_COLOR: undefined` removes the default NO_COLOR=1. */
  env?: Record<string, string | undefined>;
}

function environment(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The parent (vitest, a CI runner) may force colours; every test starts from "no colour, not forced".
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  env.NO_COLOR = "1";
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

function cli(args: string[], options: RunOptions = {}): Run {
  const r: SpawnSyncReturns<Buffer> = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: environment(options.env),
    input: options.input ?? "",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8"), stdoutBytes: r.stdout };
}

function sh(command: string): Run {
  const r = spawnSync("sh", ["-c", command], { cwd: ROOT, env: environment(), maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8"), stdoutBytes: r.stdout };
}

function lines(s: string): string[] {
  return s.split("\n").filter((l) => l.length > 0);
}

function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/\b\w*Error:/);
  expect(stderr).not.toMatch(/internal error/);
}

function json(run: Run): PlanDocument {
  return JSON.parse(run.stdout) as PlanDocument;
}

function walk(nodes: PlanNode[], visit: (n: PlanNode) => void): void {
  for (const n of nodes) {
    visit(n);
    walk(n.children, visit);
  }
}

function titles(doc: PlanDocument): string[] {
  const out: string[] = [];
  walk(doc.outline, (n) => out.push(n.title));
  return out;
}

/** The document without anything that depends on the exact bytes: spans, hash, size, encoding, name. */
function withoutSpans(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === "span" ? undefined : v)));
}

let tmp: string;
const tempDirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "plan-parse-cli-"));
  tempDirs.push(d);
  return d;
}

beforeAll(() => {
  // `npm test` builds before vitest; a bare `vitest run` may find no bundle yet.
  if (!existsSync(join(ROOT, "dist", "cli.cjs"))) {
    const b = spawnSync(process.execPath, ["build.mjs", "--no-types"], { cwd: ROOT, stdio: "inherit" });
    if (b.status !== 0) throw new Error("build failed");
  }
  tmp = tempDir();
});

afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

describe("parsing a seed file", () => {
  it("exits 0 and prints a plan-parse/v1 JSON document that validates against the schema", () => {
    const r = cli([SEED_000]);
    expect(r.status).toBe(0);
    const doc = json(r);
    const check = PlanDocumentSchema.safeParse(doc);
    expect(check.success, check.success ? "" : JSON.stringify(check.error.issues.slice(0, 3))).toBe(true);
    expect(doc.meta.title).toBe("2021年马村区食品安全工作要点");
    expect(doc.outline.length).toBeGreaterThan(0);
  });

  it("puts the path as given (relative) in source.name and no absolute path of the machine in stdout", () => {
    const r = cli([SEED_000]);
    expect(r.status).toBe(0);
    expect(json(r).source.name).toBe(SEED_000);
    expect(r.stdout).not.toContain(process.cwd());
    expect(r.stdout).not.toContain(ROOT.replace(/\/$/, ""));
    expect(r.stdout).not.toContain("/tmp");
    expect(r.stdout).not.toContain(tmpdir());
  });

  it("prints byte-identical stdout on two runs of the same file", () => {
    const a = cli([SEED_002]);
    const b = cli([SEED_002]);
    expect(a.status).toBe(0);
    expect(b.stdoutBytes.equals(a.stdoutBytes)).toBe(true);
  });

  it("prints a JSON array of documents, in argument order, for several inputs", () => {
    const r = cli([SEED_000, SEED_002, "-q"]);
    expect(r.status).toBe(0);
    const docs = JSON.parse(r.stdout) as PlanDocument[];
    expect(docs.map((d) => d.source.name)).toEqual([SEED_000, SEED_002]);
  });
});

describe("output formats and colour", () => {
  it("--format yaml prints YAML that parses back to the same object as the JSON output", () => {
    const asJson = json(cli([SEED_000, "-q"]));
    const r = cli([SEED_000, "-q", "--format", "yaml"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(parseYaml(r.stdout)).toEqual(asJson);
  });

  it("--format tree prints the plan title and the （一） item by its label 一（一） and its id", () => {
    const r = cli([SEED_000, "-q", "--format", "tree"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("2021年马村区食品安全工作要点");
    expect(r.stdout).toContain("\n  一（一） 全面落实党政同责  id 1.1\n");
  });

  it("--format tree: 二（四） with its id, a line per task starting with the task's text, owners by Chinese role, a deadline on its task's line", () => {
    const r = cli([SEED_000, "-q", "--format", "tree"]);
    const out = r.stdout.split("\n");
    const at = out.indexOf("  二（四） 建设完善“豫冷链”平台  id 2.1");
    expect(at).toBeGreaterThan(0);
    expect(out[at + 1]).toMatch(/^ {6}建设完善“豫冷链”平台。按照.*… +负责 区市场监管局、区农业农村局、区交通运输局  id 2\.1#1$/);
    expect(out[at + 2]).toMatch(/^ {6}统筹利用现有资源建立进口冷链.*… +牵头 区市场监管局  配合 区交通运输局  id 2\.1#2$/);
    expect(out[at + 3]).toBe("      进度 有序推进");
    expect(out.find((l) => l.endsWith("id 6.3#1"))).toMatch(/^ {6}严厉打击食品安全违法犯罪。.*  时限 2021-12-31（年底前）  id 6\.3#1$/);
    // Only what CJK terminal fonts have: no ⏱ / ▸ of the old outline, nothing outside ASCII and GB2312.
    expect(r.stdout).not.toMatch(/[⏱▸]/u);
    expect([...new Set(r.stdout)].filter((ch) => ch > "\u007f" && !gb2312.has(ch))).toEqual([]);
  });

  it("--no-color prints no ANSI escapes, even with FORCE_COLOR=1", () => {
    const r = cli([SEED_000, "--format", "tree", "--no-color"], { env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stderr).not.toMatch(ANSI);
    expect(r.stderr).toContain("warning");
  });

  it("NO_COLOR=1 prints no ANSI escapes, even with FORCE_COLOR=1", () => {
    const r = cli([SEED_000, "--format", "tree"], { env: { NO_COLOR: "1", FORCE_COLOR: "1" } });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stderr).not.toMatch(ANSI);
  });

  it("FORCE_COLOR=1 with --format tree colours the outline although stdout is a pipe", () => {
    // chalk reads FORCE_COLOR through its bundled supports-color; without it a pipe gets no colour.
    const forced = cli([SEED_000, "--format", "tree"], { env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(ANSI);
    const piped = cli([SEED_000, "--format", "tree"], { env: { NO_COLOR: undefined } });
    expect(piped.stdout).not.toMatch(ANSI);
  });

  it("never colours JSON output, even with FORCE_COLOR=1", () => {
    const r = cli([SEED_000, "-q"], { env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(ANSI);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });

  // Each stream is coloured by its own terminal: `plan-parse plan.txt -o out.json 2> err.log` on a terminal must
  // not write escapes into err.log. Needs `script(1)` to give the child a terminal for stdout.
  const hasScript = spawnSync("sh", ["-c", "command -v script"]).status === 0;
  it.skipIf(!hasScript)("prints no ANSI escapes to a redirected stderr when stdout is a terminal", () => {
    const dir = tempDir();
    const err = join(dir, "err.txt");
    const cmd = `${JSON.stringify(process.execPath)} ${BIN} ${SEED_000} -o ${JSON.stringify(join(dir, "o.json"))} 2>${JSON.stringify(err)}`;
    const r = spawnSync("script", ["-qec", cmd, "/dev/null"], { cwd: ROOT, env: environment({ NO_COLOR: undefined }), input: "" });
    expect(r.status).toBe(0);
    const written = readFileSync(err, "utf8");
    expect(written).toMatch(/warning.*implicit-heading/);
    expect(written).not.toMatch(ANSI);
  });
});

describe("standard input", () => {
  it("reads - and prints the same JSON as for the file, except source.name is <stdin>", () => {
    const fromFile = json(cli([SEED_000, "-q"]));
    const r = cli(["-", "-q"], { input: readFileSync(join(ROOT, SEED_000)) });
    expect(r.status).toBe(0);
    const fromStdin = json(r);
    expect(fromStdin.source.name).toBe("<stdin>");
    expect({ ...fromStdin, source: { ...fromStdin.source, name: SEED_000 } }).toEqual(fromFile);
  });

  it("names <stdin> in diagnostics read from -", () => {
    const r = cli(["-"], { input: readFileSync(join(ROOT, SEED_001)) });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^<stdin>:199:1: warning duplicate-number: /m);
  });

  it("reports empty standard input as one line and exits 2", () => {
    const r = cli(["-"], { input: "" });
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/<stdin>.*empty/);
    expect(r.stdout).toBe("");
  });
});

describe("diagnostics, --strict and --quiet", () => {
  it("prints the duplicate 3． of seed 001 as file:line:col: warning duplicate-number on stderr and exits 0", () => {
    const r = cli([SEED_001]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^${SEED_001.replace(/\./g, "\\.")}:199:1: warning duplicate-number: .+`, "m"));
    expect(PlanDocumentSchema.safeParse(json(r)).success).toBe(true);
  });

  it("exits 1 with --strict on seed 001 (a warning) and still prints the document", () => {
    const r = cli([SEED_001, "--strict"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("duplicate-number");
    expect(json(r).source.name).toBe(SEED_001);
  });

  it("exits 1 with --strict on an attribution it could not read, naming its line and column", () => {
    const r = cli(["fixtures/attributions/never-silent.txt", "--strict"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/never-silent\.txt:4:16: warning unreadable-attribution: .*（区委宣传部牵头，、配合）/);
    expect(json(r).stats.unreadableAttributions).toBe(2);
  });

  it("exits 1 with --strict on a plan with numbered headings and no task (no-tasks), 0 without it", () => {
    const plain = cli([`${SEEDS}/004_36973856179009ba.txt`]);
    expect(plain.status).toBe(0);
    expect(plain.stderr).toMatch(/warning no-tasks/);
    expect(cli([`${SEEDS}/004_36973856179009ba.txt`, "--strict"]).status).toBe(1);
  });

  it("prints each document's stats on stderr with --verbose", () => {
    const r = cli(["fixtures/attributions/labels.txt", "--verbose"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("labels.txt: 20 nodes, 17 tasks, 0 with progress, 0 unreadable attributions, 0 warnings");
    expect(json(r).stats).toEqual({ nodes: 20, tasks: 17, withProgress: 0, unreadableAttributions: 0, warnings: 0 });
    expect(cli(["fixtures/attributions/labels.txt"]).stderr).not.toContain("17 tasks");
  });

  it("prints no warning line with --quiet", () => {
    const r = cli([SEED_001, "--quiet"]);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain("warning");
    expect(r.stderr).toBe("");
  });

  it("still exits 1 with --strict --quiet on a warning, printing nothing on stderr", () => {
    const r = cli([SEED_001, "--strict", "--quiet"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("");
  });

  it("prints info diagnostics only with --verbose", () => {
    const crlf = join(tempDir(), "no-year.txt");
    writeFileSync(crlf, "食品安全工作要点\n一、加强监管。\n（一）开展检查。（区市场监管局）\n");
    const quiet = cli([crlf]);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).not.toContain("info");
    const verbose = cli([crlf, "--verbose"]);
    expect(verbose.status).toBe(0);
    expect(verbose.stderr).toMatch(/: info no-year: /);
  });
});

describe("-o", () => {
  it("-o out.json writes the file atomically (no *.tmp left) and prints nothing on stdout", () => {
    const dir = tempDir();
    const out = join(dir, "out.json");
    const r = cli([SEED_000, "-q", "-o", out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(readdirSync(dir)).toEqual(["out.json"]);
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(json(cli([SEED_000, "-q"])));
  });

  it("-o dir/ with two seeds writes two files named after the inputs", () => {
    const dir = tempDir();
    const r = cli([SEED_000, SEED_002, "-q", "-o", dir + "/"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(readdirSync(dir).sort()).toEqual(["000_8d72839633e6c520.json", "002_c0b8b7f66cffa162.json"]);
    const second = JSON.parse(readFileSync(join(dir, "002_c0b8b7f66cffa162.json"), "utf8")) as PlanDocument;
    expect(second.source.name).toBe(SEED_002);
    expect(PlanDocumentSchema.safeParse(second).success).toBe(true);
  });

  it("-o dir/ --format tree writes .tree.txt files without colour", () => {
    const dir = tempDir();
    const r = cli([SEED_000, "-q", "--format", "tree", "-o", dir], { env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
    expect(r.status).toBe(0);
    expect(readdirSync(dir)).toEqual(["000_8d72839633e6c520.tree.txt"]);
    expect(readFileSync(join(dir, "000_8d72839633e6c520.tree.txt"), "utf8")).not.toMatch(ANSI);
  });

  it("-o to a not-yet-existing dir/ creates it and writes one file per input", () => {
    const dir = join(tempDir(), "new");
    const r = cli([SEED_000, SEED_002, "-q", "-o", dir + "/"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["000_8d72839633e6c520.json", "002_c0b8b7f66cffa162.json"]);
  });

  it("-o dir --format tree never overwrites an input .txt in that directory", () => {
    const dir = tempDir();
    const plan = join(dir, "plan.txt");
    const original = readFileSync(join(ROOT, SEED_000));
    writeFileSync(plan, original);
    cli([plan, "-q", "--format", "tree", "-o", dir]);
    expect(readFileSync(plan).equals(original)).toBe(true);
  });

  it("-o dir/ with two inputs of the same base name does not silently drop one", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "a"));
    mkdirSync(join(dir, "b"));
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "a", "plan.txt"), readFileSync(join(ROOT, SEED_000)));
    writeFileSync(join(dir, "b", "plan.txt"), readFileSync(join(ROOT, SEED_002)));
    const r = cli([join(dir, "a", "plan.txt"), join(dir, "b", "plan.txt"), "-q", "-o", join(dir, "out") + "/"]);
    const written = readdirSync(join(dir, "out"));
    expect(r.status !== 0 || written.length === 2).toBe(true);
  });

  it("-o file.json with two inputs exits 2 with a one-line message and writes nothing", () => {
    const dir = tempDir();
    const out = join(dir, "file.json");
    const r = cli([SEED_000, SEED_002, "-o", out]);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain("-o");
    expect(r.stdout).toBe("");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("keeps an existing -o file unchanged when the input is bad", () => {
    const dir = tempDir();
    const out = join(dir, "out.json");
    writeFileSync(out, "old");
    const r = cli(["fixtures/bad-input/prose-zh.txt", "-o", out]);
    expect(r.status).toBe(2);
    expect(readFileSync(out, "utf8")).toBe("old");
    expect(readdirSync(dir)).toEqual(["out.json"]);
  });
});

describe("bad input: exit 2, one line on stderr naming the file and the problem, no stack trace", () => {
  interface Case {
    name: string;
    /** Returns the path to pass (relative to the repo root, or absolute in a temp dir). */
    file: () => string;
    problem: RegExp;
  }
  const cases: Case[] = [
    { name: "a missing file", file: () => "fixtures/bad-input/does-not-exist.txt", problem: /no such file/ },
    { name: "a PDF with no text layer", file: () => "fixtures/formats/scanned-no-text.pdf", problem: /no text layer/ },
    { name: "a truncated PDF", file: () => "fixtures/formats/truncated.pdf", problem: /truncated/ },
    { name: "a .docx that is not a Word document", file: () => "fixtures/inputs/unit/not-word.docx", problem: /not a Word document/ },
    { name: "an HTML page with no plan in it", file: () => "fixtures/inputs/unit/empty-page.html", problem: /not a plan/ },
    {
      name: "a .docx that is not a zip",
      file: () => {
        const p = join(tmp, "fake.docx");
        writeFileSync(p, "这不是Word文件，只是文本。");
        return p;
      },
      problem: /not a Word document/,
    },
    {
      // A directory is read recursively; one without plan files is the bad input.
      name: "a directory with no plan files",
      file: () => {
        const p = join(tmp, "empty-dir");
        mkdirSync(p, { recursive: true });
        writeFileSync(join(p, "notes.csv"), "a,b\n");
        return p;
      },
      problem: /directory with no plan files/,
    },
    {
      name: "a binary file with NUL bytes",
      file: () => {
        const p = join(tmp, "binary.dat");
        writeFileSync(p, Buffer.from([0x7f, 0x01, 0x00, 0x00, 0x42, 0x00, 0xff, 0x10, 0x00, 0x00, 0x00, 0x09, 0x41]));
        return p;
      },
      problem: /binary/,
    },
    { name: "a file with the PDF magic", file: () => "fixtures/bad-input/magic.pdf", problem: /PDF/ },
    {
      name: "an empty file",
      file: () => {
        const p = join(tmp, "empty.txt");
        writeFileSync(p, "");
        return p;
      },
      problem: /empty/,
    },
    {
      name: "a whitespace-only file",
      file: () => {
        const p = join(tmp, "blank.txt");
        writeFileSync(p, " \n\t\r\n\u3000\u3000\n\n   ");
        return p;
      },
      problem: /empty|blank|whitespace/,
    },
    { name: "a paragraph of Chinese prose", file: () => "fixtures/bad-input/prose-zh.txt", problem: /not a plan/ },
    { name: "an English README", file: () => "fixtures/bad-input/readme-en.md", problem: /not a plan/ },
    { name: "bytes in no known encoding", file: () => "fixtures/bad-input/invalid-bytes.txt", problem: /not text|encoding|UTF-8/ },
  ];

  it.each(cases)("$name → exit 2, one stderr line naming the file and the problem, nothing written with -o", ({ file, problem }) => {
    const input = file();
    const dir = tempDir();
    const out = join(dir, "out.json");
    for (const args of [[input], [input, "-o", out]]) {
      const r = cli(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      const errLines = lines(r.stderr);
      expect(errLines, r.stderr).toHaveLength(1);
      expect(errLines[0]).toContain(input);
      expect(errLines[0]).toMatch(problem);
      expectNoStackTrace(r.stderr);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it("an English README with a numbered list → exit 2, not a plan", () => {
    const r = cli(["fixtures/bad-input/readme-en-numbered.md"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/readme-en-numbered\.md: not a plan/);
  });

  it("reports each bad file of several in a summary at the end, still prints the good one and exits 2", () => {
    const r = cli(["fixtures/bad-input/prose-zh.txt", SEED_000, "fixtures/bad-input/magic.pdf", "-q"]);
    expect(r.status).toBe(2);
    const errLines = lines(r.stderr);
    expect(errLines).toHaveLength(3);
    expect(errLines[0]).toContain("prose-zh.txt");
    expect(errLines[1]).toContain("magic.pdf");
    expect(errLines[2]).toBe("plan-parse: 2 of 3 inputs failed");
    const out = JSON.parse(r.stdout) as PlanDocument | PlanDocument[];
    expect(Array.isArray(out) ? out.map((d) => d.source.name) : [out.source.name]).toEqual([SEED_000]);
  });
});

describe("encodings and line ends", () => {
  const utf8 = json(cli([SEED_000, "-q"]));

  it.each([
    ["fixtures/encodings/plan-gb18030.txt", "gb18030"],
    ["fixtures/encodings/plan-utf16le-bom.txt", "utf-16le"],
  ])("%s → exit 0, source.encoding %s, the title and outline titles of seed 000", (file, encoding) => {
    const r = cli([file, "-q"]);
    expect(r.status).toBe(0);
    const doc = json(r);
    expect(doc.source.encoding).toBe(encoding);
    expect(doc.meta.title).toBe(utf8.meta.title);
    const part = titles(doc);
    // The fixture is the first 12 lines of seed 000: sections 1–2 and items （一）–（四）.
    expect(part.length).toBe(6);
    expect(part).toEqual(titles(utf8).slice(0, part.length));
  });

  it("a CRLF copy of seed 000 gives the same outline and tasks as LF, with task spans on the same lines", () => {
    const lf = readFileSync(join(ROOT, SEED_000), "utf8");
    expect(lf).not.toContain("\r");
    const file = join(tempDir(), "crlf.txt");
    writeFileSync(file, lf.replace(/\n/g, "\r\n"));
    const r = cli([file, "-q"]);
    expect(r.status).toBe(0);
    const crlf = json(r);
    expect(withoutSpans(crlf.outline)).toEqual(withoutSpans(utf8.outline));
    expect(crlf.meta).toEqual(utf8.meta);
    expect(crlf.preamble).toBe(utf8.preamble);
    const taskLines = (doc: PlanDocument): string[] => {
      const out: string[] = [];
      walk(doc.outline, (n) => n.tasks.forEach((t) => out.push(`${t.id}@${t.span.start.line}`)));
      return out;
    };
    expect(taskLines(crlf).length).toBeGreaterThan(50);
    expect(taskLines(crlf)).toEqual(taskLines(utf8));
    const nodeLines = (doc: PlanDocument): string[] => {
      const out: string[] = [];
      walk(doc.outline, (n) => out.push(`${n.id}@${n.span.start.line}:${n.span.start.column}`));
      return out;
    };
    expect(nodeLines(crlf)).toEqual(nodeLines(utf8));
  });
});

describe("schema and validate", () => {
  it("plan-parse schema prints valid JSON with $schema", () => {
    const r = cli(["schema"]);
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(typeof schema.$schema).toBe("string");
    expect(schema.type).toBe("object");
  });

  function goodOutput(): { dir: string; file: string; doc: PlanDocument } {
    const dir = tempDir();
    const file = join(dir, "good.json");
    const r = cli([SEED_002, "-q", "-o", file]);
    expect(r.status).toBe(0);
    return { dir, file, doc: JSON.parse(readFileSync(file, "utf8")) as PlanDocument };
  }

  it("plan-parse validate on a good output exits 0", () => {
    const { file } = goodOutput();
    const r = cli(["validate", file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("valid");
  });

  it("plan-parse validate on a broken output exits 1 and prints the JSON path of each problem", () => {
    const { dir, doc } = goodOutput();
    // The first node with a task, and its JSON path.
    let found: { node: PlanNode; path: string } | undefined;
    const search = (nodes: PlanNode[], path: string): void =>
      nodes.forEach((n, i) => {
        const here = `${path}[${i}]`;
        if (!found && n.tasks.length > 0) found = { node: n, path: here };
        search(n.children, `${here}.children`);
      });
    search(doc.outline, "$.outline");
    expect(found).toBeDefined();
    (found!.node.tasks[0] as unknown as { lead: unknown }).lead = "区市场监管局";
    (doc as unknown as { schema: string }).schema = "plan-parse/v2";
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify(doc, null, 2));
    const r = cli(["validate", bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${found!.path}.tasks[0].lead`);
    expect(r.stderr).toContain("$.schema");
    expect(lines(r.stderr).every((l) => l.startsWith(bad))).toBe(true);
    expectNoStackTrace(r.stderr);
  });

  it("plan-parse validate on a broken JSON file exits 2 with one line", () => {
    const file = join(tempDir(), "broken.json");
    writeFileSync(file, '{"schema": "plan-parse/v1", "source": ');
    const r = cli(["validate", file]);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(file);
    expectNoStackTrace(r.stderr);
  });

  it("plan-parse validate on a missing file exits 2", () => {
    const r = cli(["validate", "fixtures/bad-input/does-not-exist.json"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/does-not-exist\.json: no such file/);
  });

  it("plan-parse validate accepts a plan-parse/v1 document written as YAML", async () => {
    const { stringify } = await import("yaml");
    const { dir, doc } = goodOutput();
    const file = join(dir, "good.yaml");
    writeFileSync(file, stringify(doc, { lineWidth: 0 }));
    const r = cli(["validate", file]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("usage", () => {
  it("--version prints the package.json version", () => {
    const r = cli(["--version"]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(VERSION);
  });

  it("--help exits 0 and mentions Examples:", () => {
    const r = cli(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Examples:");
    expect(r.stdout).toContain("Exit codes");
  });

  it("no arguments and standard input not a terminal: reads standard input, as jq and pandoc do", () => {
    const piped = cli(["--format", "tree", "-q"], { input: readFileSync(SEED_000) });
    expect(piped.status).toBe(0);
    expect(piped.stdout.split("\n")[0]).toContain("2021年马村区食品安全工作要点");
    const empty = cli([], { input: "" });
    expect(empty.status).toBe(2);
    expect(empty.stdout).toBe("");
    expect(empty.stderr.trim().split("\n")).toEqual(["plan-parse: <stdin>: standard input is empty"]);
  });

  it("an unknown option → exit 2 naming the option, no stack trace", () => {
    const r = cli(["--frobnicate", SEED_000]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--frobnicate");
    expect(r.stdout).toBe("");
    expectNoStackTrace(r.stderr);
  });

  it("--format xml → exit 2 naming the allowed formats", () => {
    const r = cli(["--format", "xml", SEED_000]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("xml");
    expect(r.stderr).toMatch(/json.*yaml.*tree/);
    expect(r.stdout).toBe("");
  });

  it("--year abc → exit 2 with a one-line message", () => {
    const r = cli(["--year", "abc", SEED_000]);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain("--year");
    expectNoStackTrace(r.stderr);
  });

  it("--year overrides the document's year", () => {
    const r = cli([SEED_000, "-q", "--year", "2030"]);
    expect(r.status).toBe(0);
    expect(json(r).meta.year).toBe(2030);
  });
});

describe("a closed pipe", () => {
  it("`plan-parse seed | head -c 10` prints no stack trace", () => {
    const r = sh(`${JSON.stringify(process.execPath)} ${BIN} ${SEED_000} | head -c 10`);
    expect(r.stdoutBytes.length).toBe(10);
    expect(r.stdout.startsWith("{")).toBe(true);
    expectNoStackTrace(r.stderr);
    expect(r.stderr).not.toContain("EPIPE");
  });

  it("`plan-parse seed seed seed --format tree | head -c 10` prints no stack trace", () => {
    const r = sh(`${JSON.stringify(process.execPath)} ${BIN} ${SEED_000} ${SEED_001} ${SEED_002} -q --format tree | head -c 10`);
    expect(r.stdoutBytes.length).toBe(10);
    expectNoStackTrace(r.stderr);
    expect(r.stderr).toBe("");
  });
});
