// The command line's conventions, as users of jq, ripgrep, git and pandoc expect them (README, "Command-line
// conventions"): each test spawns the built binary.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const S000 = "fixtures/seeds/000_8d72839633e6c520.txt";
const S003 = "fixtures/seeds/003_3fa5fd6deccc4e95.txt";
const MD000 = "fixtures/formats/000_8d72839633e6c520.md";
const ANSI = /\u001b\[/;
const tmp = mkdtempSync(join(tmpdir(), "plan-parse-conventions-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], input: string | Buffer = "", env: Record<string, string> = {}) {
  const base = { ...process.env };
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  const r = spawnSync(process.execPath, [join(ROOT, "bin/plan-parse.js"), ...args], { cwd: ROOT, input, env: { ...base, ...env }, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}
const lines = (s: string) => s.split("\n").filter((l) => l !== "");

describe("commands by name", () => {
  it("a mistyped command is named with the one meant, and nothing is parsed or printed on stdout", () => {
    for (const [typo, meant] of [["dif", "diff"], ["tabel", "table"], ["agences", "agencies"], ["valdate", "validate"], ["expor", "export"]] as const) {
      const r = cli([typo, S000, S003]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(lines(r.stderr)).toEqual([`plan-parse: '${typo}' is not a command or a file (did you mean ${meant}?); plan-parse help lists the commands`]);
    }
  });

  it("a missing file whose name is no command's is a missing file, not a typo", () => {
    const r = cli(["plan.txt"]);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual(["plan-parse: plan.txt: no such file"]);
  });

  it("plan-parse help prints the help on stdout; help COMMAND that command's, with examples", () => {
    const all = cli(["help"]);
    expect(all.status).toBe(0);
    expect(all.stdout).toMatch(/^Usage: plan-parse /);
    expect(all.stdout).toContain("help [command]");
    const diff = cli(["help", "diff"]);
    expect(diff.status).toBe(0);
    expect(diff.stdout).toMatch(/^Usage: plan-parse diff /);
    expect(diff.stdout).toContain("Examples:\n  plan-parse diff 2021.txt 2022.txt");
    for (const name of ["table", "agencies", "export", "validate", "schema"]) expect(cli(["help", name]).stdout).toContain(`Examples:\n  plan-parse ${name}`);
  });

  it("help for a command that does not exist is one line and exit 2", () => {
    const r = cli(["help", "dif"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(lines(r.stderr)).toEqual(["plan-parse: help: no command 'dif' (did you mean diff?); the commands: schema, validate, diff, table, agencies, export"]);
  });

  it("a subcommand's usage error points to that subcommand's help", () => {
    const r = cli(["diff", S000]);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual(["plan-parse: missing required argument 'b'", "(plan-parse diff --help for usage)"]);
  });

  it("--quiet and --verbose together are refused", () => {
    const r = cli([S000, "-q", "--verbose"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(lines(r.stderr)[0]).toBe("plan-parse: option '-q, --quiet' cannot be used with option '--verbose'");
  });
});

describe("colour", () => {
  it("--no-color works after a subcommand too", () => {
    expect(cli(["diff", S000, S003, "--format", "text", "--no-color"], "", { FORCE_COLOR: "1" }).stdout).not.toMatch(ANSI);
    const agencies = cli(["agencies", S000, "--no-color", "-q"], "", { FORCE_COLOR: "1" });
    expect(agencies.status).toBe(0);
    expect(agencies.stdout).not.toMatch(ANSI);
  });

  it("--color always keeps colour through a pipe; never and NO_COLOR leave it out", () => {
    for (const args of [["--color", "always"], ["--color=always"]]) expect(cli(["diff", S000, S003, "--format", "text", ...args]).stdout).toMatch(ANSI);
    expect(cli([S000, "--format", "tree", "--color", "always", "-q"]).stdout).toMatch(ANSI);
    expect(cli(["diff", S000, S003, "--format", "text", "--color", "never"], "", { FORCE_COLOR: "1" }).stdout).not.toMatch(ANSI);
    expect(cli(["diff", S000, S003, "--format", "text", "--color", "auto"], "", { NO_COLOR: "1" }).stdout).not.toMatch(ANSI);
    // A pipe is no terminal: auto gives no colour.
    expect(cli(["diff", S000, S003, "--format", "text"]).stdout).not.toMatch(ANSI);
  });

  it("a --color value that is no mode is one line, exit 2", () => {
    const r = cli([S000, "--color=sometimes"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(lines(r.stderr)).toEqual(["plan-parse: --color: one of always, never, auto (not 'sometimes')"]);
  });
});

describe("standard input", () => {
  it("Markdown on standard input reads as the Markdown file does", () => {
    const file = JSON.parse(cli([MD000, "-q"]).stdout) as { source: Record<string, unknown>; outline: unknown };
    const piped = JSON.parse(cli(["-", "-q"], readFileSync(join(ROOT, MD000))).stdout) as { source: Record<string, unknown>; outline: unknown };
    expect(piped.source.format).toBe("md");
    expect(piped.source.sha256).toBe(file.source.sha256);
    expect(piped.outline).toEqual(file.outline);
  });

  it("with no input named, a plan on standard input is read", () => {
    const r = cli(["-q"], readFileSync(join(ROOT, S000)));
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { source: { name: string } }).source.name).toBe("<stdin>");
  });
});

describe("errors", () => {
  it("when every input fails, nothing is written on stdout (no `[]`)", () => {
    const r = cli(["nosuch-1.txt", "nosuch-2.txt"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(lines(r.stderr)).toEqual(["plan-parse: nosuch-1.txt: no such file", "plan-parse: nosuch-2.txt: no such file", "plan-parse: 2 of 2 inputs failed"]);
  });

  it("every problem is one line 'plan-parse: name: problem', in words, with no raw system message", () => {
    const long = "a".repeat(300) + ".txt";
    const cases: [string[], string][] = [
      [[long], `plan-parse: ${long}: cannot open: file name too long (ENAMETOOLONG)`],
      [["diff", S000, S003, "--aliases", "x.yaml"], "plan-parse: x.yaml: no such file"],
      [["--year", "12", S000], "plan-parse: --year: not a whole number from 1900 to 2200: 12"],
      [["table", "nosuch.txt"], "plan-parse: nosuch.txt: no such file"],
      [["validate", "nosuch.json"], "plan-parse: nosuch.json: no such file"],
      [["diff", S000, "nosuch.json"], "plan-parse: nosuch.json: no such file"],
      [["--frobnicate", S000], "plan-parse: unknown option '--frobnicate'"],
    ];
    for (const [args, first] of cases) {
      const r = cli(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(lines(r.stderr)[0]).toBe(first);
      for (const l of lines(r.stderr)) expect(l).toMatch(/^plan-parse: |^\(plan-parse( \w+)? --help for usage\)$/);
      expect(r.stderr).not.toMatch(/E[A-Z]{3,}: |, open '/);
    }
  });
});

describe("validate and schema", () => {
  it("validates the tool's own NDJSON, one document per line", () => {
    const nd = join(tmp, "all.ndjson");
    writeFileSync(nd, cli(["fixtures/seeds", "--format", "ndjson", "-q"]).stdout);
    const r = cli(["validate", nd]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${nd}: valid 5 plan-parse/v1 documents\n`);
    writeFileSync(join(tmp, "bad.ndjson"), readFileSync(nd, "utf8").split("\n").slice(0, 2).join("\n") + "\n{oops\n");
    const bad = cli(["validate", join(tmp, "bad.ndjson")]);
    expect(bad.status).toBe(2);
    expect(lines(bad.stderr)[0]).toMatch(/^plan-parse: .*bad\.ndjson: not JSON or YAML: line 3: /);
  });

  it("a plan given to validate says to parse it first", () => {
    for (const file of [S000, MD000]) {
      const r = cli(["validate", file]);
      expect(r.status).toBe(2);
      expect(lines(r.stderr)).toEqual([`plan-parse: ${file}: a plan, not a plan-parse/v1 document: parse it first (plan-parse ${file} -o plan.json), then validate plan.json`]);
    }
    // Text under another name reads as YAML, as one string: the same hint.
    writeFileSync(join(tmp, "plan.data"), readFileSync(join(ROOT, S000)));
    expect(lines(cli(["validate", join(tmp, "plan.data")]).stderr)[0]).toContain("a plan, not a plan-parse/v1 document");
  });

  it("both schemas say what they are: $id and title after $schema", () => {
    const plan = JSON.parse(cli(["schema"]).stdout) as Record<string, unknown>;
    expect(Object.keys(plan).slice(0, 3)).toEqual(["$schema", "$id", "title"]);
    expect(plan.$id).toBe("urn:plan-parse:schema:plan-parse/v1");
    expect(plan.title).toMatch(/^plan-parse\/v1: /);
    const diff = JSON.parse(cli(["schema", "--diff"]).stdout) as Record<string, unknown>;
    expect(diff.$id).toBe("urn:plan-parse:schema:plan-parse-diff/v1");
    expect(diff.title).toMatch(/^plan-parse-diff\/v1: /);
  });
});

describe("folders", () => {
  it("a folder's README.md is left out with a notice, and the folder's plans pass", () => {
    const r = cli(["fixtures/seeds", "-q", "--format", "ndjson"]);
    expect(r.status).toBe(0);
    expect(lines(r.stdout)).toHaveLength(5);
    expect(r.stderr).toContain("1 folder note (README.md)");
  });
});

describe("pager", () => {
  // A terminal, through util-linux's script(1): the pager only starts when standard output is one.
  const hasScript = spawnSync("script", ["--version"]).status === 0;
  const onTerminal = (args: string[], pagedTo: string) => {
    const line = [process.execPath, join(ROOT, "bin/plan-parse.js"), ...args].map((a) => `'${a}'`).join(" ");
    const base = { ...process.env };
    delete base.PAGER;
    return spawnSync("script", ["-qec", line, "/dev/null"], { cwd: ROOT, encoding: "utf8", env: { ...base, NO_COLOR: "1", LINES: "24", COLUMNS: "80", PLAN_PARSE_PAGER: `cat > '${pagedTo}'` } });
  };

  it.skipIf(!hasScript)("a long text diff on a terminal goes through the pager; --no-pager prints it; a pipe never pages", () => {
    const paged = join(tmp, "paged.txt");
    const r = onTerminal(["diff", S000, S003, "--format", "text", "-q"], paged);
    expect(r.status).toBe(1);
    const text = readFileSync(paged, "utf8");
    expect(text.split("\n").length).toBeGreaterThan(24);
    expect(text).toContain("二（四）");
    expect(r.stdout).not.toContain("二（四）");
    const unpaged = join(tmp, "unpaged.txt");
    const direct = onTerminal(["diff", S000, S003, "--format", "text", "-q", "--no-pager"], unpaged);
    expect(direct.stdout).toContain("二（四）");
    expect(() => readFileSync(unpaged)).toThrow();
    // Not a terminal: printed, whatever PLAN_PARSE_PAGER says.
    expect(cli(["diff", S000, S003, "--format", "text", "-q"], "", { PLAN_PARSE_PAGER: "false" }).stdout).toContain("二（四）");
  });
});
