// Hostile files, directories and targets (issue 12): the built binary, spawned the way a user runs it, must
// never hang, never write where it should not, never let a document's escape sequences reach the terminal,
// and never lose a batch to one bad file. Each test reproduces an audit finding at a size a test can afford,
// with a time bound (spawn timeouts) that the old behaviour would not meet.
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  lchownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePlan, parsePlanBytes } from "../src/index.js";
import { csvField, formulaSafe, tsvField } from "../src/outputs/csv.js";
import { openOutput, TEMP_NAME } from "../src/cli/safe-write.js";
import { terminalLine, terminalText } from "../src/outputs/terminal-text.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin/plan-parse.js");
const SEEDS = join(ROOT, "fixtures/seeds");
const SEED_000 = join(SEEDS, "000_8d72839633e6c520.txt");
const SEED_003 = join(SEEDS, "003_3fa5fd6deccc4e95.txt");
const IS_ROOT = process.geteuid?.() === 0;
/** Characters that act on a terminal: C0 but \t and \n, DEL, C1, bidi controls. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  cwd?: string;
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
  /** Milliseconds; the old behaviour hangs or grows for minutes, the fixed one answers within this. */
  timeout?: number;
  stdio?: Parameters<typeof spawnSync>[2] extends infer O ? (O extends { stdio?: infer S } ? S : never) : never;
}

function environment(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.FORCE_COLOR;
  env.NO_COLOR = "1";
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

function done(r: SpawnSyncReturns<Buffer>): Run {
  if (r.error && (r.error as NodeJS.ErrnoException).code !== "ETIMEDOUT") throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout?.toString("utf8") ?? "", stderr: r.stderr?.toString("utf8") ?? "" };
}

function cli(args: string[], options: RunOptions = {}): Run {
  return done(
    spawnSync(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: environment(options.env),
      ...(options.stdio ? { stdio: options.stdio } : { input: options.input ?? "" }),
      timeout: options.timeout ?? 20_000,
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
}

function sh(command: string, options: RunOptions = {}): Run {
  return done(
    spawnSync("sh", ["-c", command], {
      cwd: options.cwd ?? ROOT,
      env: environment({ BIN, NODE: process.execPath, ...options.env }),
      timeout: options.timeout ?? 20_000,
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
}

const lines = (s: string): string[] => s.split("\n").filter((l) => l.length > 0);

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "plan-parse-hostile-"));
  // Readable by an unprivileged user too (the permission tests run as nobody).
  chmodSync(tmp, 0o755);
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

let dirCount = 0;
/** A fresh directory under tmp. */
function fresh(name = "d"): string {
  const dir = join(tmp, `${name}-${dirCount++}`);
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  return dir;
}

/** A plan with escape sequences: a window title (OSC 0), screen clear (CSI 2J), an OSC 8 link, a bidi override, C1 CSI. */
const HOSTILE_PLAN = [
  "2021年某区食品安全工作要点\u001b]0;pwned\u0007",
  "一、全面落实责任\u001b[2J\u001b[H",
  "（一）落实党政同责\u202e倒序\u202c。各街道办事处要落实责任（\u001b]8;;http://evil.example/\u0007点我\u001b]8;;\u0007牵头：）。",
  "（一）开展检查工作\u009b31m。（区农业农村局负责）",
  "二、加强监管工作",
  "（一）开展检查。（区农业农村局负责）",
  "",
].join("\n");

// ---------------------------------------------------------------------------------------------------------
describe("item 1: writes never follow a planted symbolic link", () => {
  it("does not follow a symlink planted at the old temporary name (out.json.<pid>.tmp); the target gets the JSON", async () => {
    const dir = fresh("planted");
    const secret = join(dir, "secret");
    writeFileSync(secret, "secret\n", { mode: 0o600 });
    const shared = join(dir, "shared");
    mkdirSync(shared, { mode: 0o777 });
    chmodSync(shared, 0o1777);
    const target = join(shared, "report.json");
    // Spawned first: its pid is then known, and the link is planted before it writes (it parses first).
    const child = spawn(process.execPath, [BIN, SEED_000, "-o", target, "-q"], { env: environment(), stdio: "ignore" });
    symlinkSync(secret, `${target}.${child.pid}.tmp`);
    const status = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    expect(status).toBe(0);
    expect(readFileSync(secret, "utf8")).toBe("secret\n");
    expect(lstatSync(target).isFile()).toBe(true);
    expect(JSON.parse(readFileSync(target, "utf8"))).toMatchObject({ schema: "plan-parse/v1" });
    expect(readdirSync(shared).filter((n) => TEMP_NAME.test(n))).toEqual([]);
  });

  it("creates the temporary file exclusively, mode 0600, with a random recognisable name next to the target", () => {
    const dir = fresh("tempname");
    const target = join(dir, "out.json");
    const out = openOutput(target);
    out.write("{}\n");
    const temps = readdirSync(dir).filter((n) => TEMP_NAME.test(n));
    expect(temps).toHaveLength(1);
    expect(temps[0]).toMatch(/^\.out\.json\.plan-parse-[0-9a-f]{12}\.tmp$/);
    expect(lstatSync(join(dir, temps[0]!)).mode & 0o777).toBe(0o600);
    out.commit();
    expect(readdirSync(dir)).toEqual(["out.json"]);
    expect(statSync(target).mode & 0o077).not.toBe(0o077);
    expect(readFileSync(target, "utf8")).toBe("{}\n");
  });

  it.runIf(IS_ROOT)("refuses a symlink at the target that another user planted in a directory others may write to", () => {
    const dir = fresh("planted-target");
    const secret = join(dir, "secret");
    writeFileSync(secret, "secret\n", { mode: 0o600 });
    const shared = join(dir, "shared");
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    const target = join(shared, "report.json");
    symlinkSync(secret, target);
    lchownSync(target, 65534, 65534);
    const r = cli([SEED_000, "-o", target]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/refusing to write .*report\.json: a symbolic link owned by another user/);
    expect(readFileSync(secret, "utf8")).toBe("secret\n");
    expect(lstatSync(target).isSymbolicLink()).toBe(true);
  });

  it("follows your own symlink and replaces the file it points to (the link stays, the mode is kept)", () => {
    const dir = fresh("own-link");
    const real = join(dir, "real.json");
    writeFileSync(real, "old\n", { mode: 0o640 });
    chmodSync(real, 0o640);
    symlinkSync("real.json", join(dir, "link.json"));
    const r = cli([SEED_000, "-o", join(dir, "link.json")]);
    expect(r.status).toBe(0);
    expect(lstatSync(join(dir, "link.json")).isSymbolicLink()).toBe(true);
    expect(statSync(real).mode & 0o777).toBe(0o640);
    expect(JSON.parse(readFileSync(real, "utf8"))).toMatchObject({ schema: "plan-parse/v1" });
    symlinkSync("nowhere.json", join(dir, "dangling.json"));
    const d = cli([SEED_000, "-o", join(dir, "dangling.json")]);
    expect(d.status).toBe(2);
    expect(d.stderr).toMatch(/dangling\.json: a symbolic link to nothing/);
  });
});

// ---------------------------------------------------------------------------------------------------------
describe("item 2: a target that is not a regular file is written in place or refused, never replaced", () => {
  // Never /dev/null itself as root: a build without the fix would replace the machine's /dev/null.
  it("writes into a character device in place (a /dev/null of its own: mknod as root, else /dev/null)", (ctx) => {
    let device = "/dev/null";
    if (IS_ROOT) {
      device = join(fresh("dev"), "null");
      if (spawnSync("mknod", [device, "c", "1", "3"]).status !== 0) return ctx.skip(); // mknod not permitted here
    }
    const r = cli([SEED_000, "-o", device]);
    expect(r.status).toBe(0);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
    const table = cli(["table", SEED_000, "-o", device]);
    expect(table.status).toBe(0);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
  });

  it("writes through a link to standard output (like /dev/stdout) into the pipe and leaves the link a link", () => {
    const dir = fresh("stdout");
    const link = join(dir, "stdout");
    symlinkSync("/proc/self/fd/1", link);
    const r = sh(`"$NODE" "$BIN" "${SEED_000}" -o "${link}" | wc -c`);
    expect(r.status).toBe(0);
    expect(Number(r.stdout.trim())).toBeGreaterThan(10_000);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it("writes into a FIFO with a reader, and refuses one nobody reads instead of waiting", () => {
    const dir = fresh("fifo-out");
    const fifo = join(dir, "out.fifo");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const r = sh(`cat "${fifo}" > "${dir}/got" & "$NODE" "$BIN" "${SEED_000}" -o "${fifo}"; status=$?; wait; exit $status`, { timeout: 15_000 });
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "got"), "utf8"))).toMatchObject({ schema: "plan-parse/v1" });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    const lonely = cli([SEED_000, "-o", fifo], { timeout: 10_000 });
    expect(lonely.status).toBe(2);
    expect(lonely.stderr).toMatch(/cannot write .*out\.fifo: nobody reads from it/);
  });

  it("refuses a directory as a table's -o", () => {
    const dir = fresh("dir-out");
    const r = cli(["table", SEED_000, "-o", dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/a directory, not a regular file/);
  });
});

// ---------------------------------------------------------------------------------------------------------
describe("item 3: no command overwrites its input", () => {
  for (const command of [["table"], ["agencies"], []]) {
    it(`${command[0] ?? "parse"} refuses -o naming its input, a link to it, or the file standard input comes from`, () => {
      const dir = fresh("self");
      const plan = join(dir, "plan.txt");
      copyFileSync(SEED_000, plan);
      symlinkSync("plan.txt", join(dir, "link.txt"));
      const before = readFileSync(plan);
      for (const [input, output] of [
        ["plan.txt", "plan.txt"],
        ["link.txt", "plan.txt"],
        ["plan.txt", "link.txt"],
        ["./plan.txt", `${dir}/plan.txt`],
      ] as const) {
        const r = cli([...command, input, "-o", output], { cwd: dir });
        expect(r.status, `${input} -o ${output}`).toBe(2);
        expect(r.stderr).toMatch(/overwrite/);
        expect(readFileSync(plan).equals(before)).toBe(true);
      }
      const fromStdin = sh(`"$NODE" "$BIN" ${command.join(" ")} - -o plan.txt < plan.txt`, { cwd: dir });
      expect(fromStdin.status).toBe(2);
      expect(readFileSync(plan).equals(before)).toBe(true);
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
describe("item 4: a document's control characters never reach the terminal", () => {
  let plan: string;
  let other: string;
  beforeAll(() => {
    const dir = fresh("escapes");
    plan = join(dir, "plan.txt");
    writeFileSync(plan, HOSTILE_PLAN);
    other = join(dir, "other.txt");
    writeFileSync(other, HOSTILE_PLAN.replace("开展检查工作", "开展\u001b]0;other\u0007抽查工作").replace("加强监管工作", "加强\u001b[2J监管"));
  });

  it("--format tree shows them as ␛ and \\u{…}, with NO_COLOR and with colours forced", () => {
    const plain = cli([plan, "--format", "tree"]);
    expect(plain.status).toBe(0);
    expect(plain.stdout).not.toMatch(RAW_CONTROL);
    expect(plain.stdout).toContain("␛]0;pwned␇");
    expect(plain.stdout).toContain("\\u{202e}");
    expect(plain.stdout).toContain("\\u{009b}");
    const coloured = cli([plan, "--format", "tree"], { env: { NO_COLOR: undefined, FORCE_COLOR: "3" } });
    expect(coloured.status).toBe(0);
    // Colours of our own (SGR) only: no OSC, no other CSI.
    const withoutSgr = coloured.stdout.replace(/\u001b\[[0-9;]*m/g, "");
    expect(withoutSgr).not.toMatch(RAW_CONTROL);
    expect(withoutSgr).toContain("␛[2J");
  });

  it("warnings and file names on standard error show them too, with and without colours", () => {
    for (const env of [{}, { NO_COLOR: undefined, FORCE_COLOR: "3" }]) {
      const r = cli([plan, "-o", join(tmp, "sink.json")], { env });
      const withoutSgr = r.stderr.replace(/\u001b\[[0-9;]*m/g, "");
      expect(withoutSgr).toMatch(/unreadable-attribution: .*␛]8;;http:\/\/evil\.example\/␇/);
      expect(withoutSgr).not.toMatch(RAW_CONTROL);
    }
    const named = cli([join(tmp, "missing\u001b]0;title\u0007.txt")]);
    expect(named.status).toBe(2);
    expect(named.stderr).not.toMatch(RAW_CONTROL);
    expect(named.stderr).toContain("missing␛]0;title␇.txt: no such file");
  });

  it("the text diff shows them, with and without colours; the JSON diff keeps them escaped by JSON", () => {
    for (const env of [{}, { NO_COLOR: undefined, FORCE_COLOR: "3" }]) {
      const r = cli(["diff", plan, other, "--format", "text"], { env });
      expect(r.status).toBe(1);
      const withoutSgr = r.stdout.replace(/\u001b\[[0-9;]*m/g, "");
      expect(withoutSgr).not.toMatch(RAW_CONTROL);
      expect(withoutSgr).toContain("␛]0;other␇");
    }
    const json = cli(["diff", plan, other, "--format", "json"]);
    expect(json.stdout).not.toMatch(/\u001b/);
    expect(json.stdout).toContain("\\u001b]0;other\\u0007");
  });

  it("terminalText keeps line breaks and tabs; terminalLine makes every control visible", () => {
    expect(terminalText("a\tb\nc\u001b[2J\u007f\u0085\u2066")).toBe("a\tb\nc␛[2J␡\\u{0085}\\u{2066}");
    expect(terminalLine("a\nb\rc")).toBe("a␊b␍c");
    expect(terminalLine("区市场监管局")).toBe("区市场监管局");
  });
});

// ---------------------------------------------------------------------------------------------------------
describe("item 5: CSV and TSV cells that a spreadsheet would run as formulas start with '", () => {
  it("table writes =1+1, @SUM(1+1)*cmd, +1+1, -1+1 and tab- or CR-leading cells as text", () => {
    const dir = fresh("formulas");
    const plan = join(dir, "=HYPERLINK(x).txt");
    writeFileSync(
      plan,
      [
        "2021年某区食品安全工作要点",
        "一、=1+1",
        "（一）@SUM(1+1)*cmd|' /C calc'!A0。（区市场监管局负责）",
        "（二）+1+1。（区农业农村局负责）",
        "（三）-1+1。（区卫生健康委负责）",
        "二、加强监管工作",
        "（一）开展检查。（区农业农村局负责）",
        "",
      ].join("\n"),
    );
    const csv = cli(["table", plan], { cwd: dir });
    expect(csv.status).toBe(0);
    expect(csv.stdout).toContain(",'=1+1,");
    expect(csv.stdout).toContain("'@SUM(1+1)*cmd|' /C calc'!A0");
    expect(csv.stdout).toContain(",'+1+1,");
    expect(csv.stdout).toContain(",'-1+1,");
    // the file name, formula-leading (the path is absolute here)
    expect(csv.stdout).toContain(",'=HYPERLINK(x).txt,");
    // No cell (split naively: these cells hold no commas or quotes) starts like a formula.
    for (const line of lines(csv.stdout.replace(/^\uFEFF/, "")).slice(1)) {
      for (const cell of line.replace(/\r$/, "").split(",")) expect(cell, line).not.toMatch(/^[=+\-@\t\r]/);
    }
    const tsv = cli(["table", plan, "--format", "tsv"], { cwd: dir });
    for (const line of lines(tsv.stdout).slice(1)) for (const cell of line.split("\t")) expect(cell, line).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("formulaSafe: OWASP's characters get a quote, plain numbers do not", () => {
    for (const cell of ["=1+1", "@SUM(1+1)*cmd", "+1+1", "-1+1", "\t=1", "\r=1", "-", "+"]) expect(formulaSafe(cell)).toBe(`'${cell}`);
    for (const cell of ["-1", "+3.5", "2021", "1.2", "区市场监管局", "", "'=already"]) expect(formulaSafe(cell)).toBe(cell);
    expect(csvField("=1,2")).toBe(`"'=1,2"`);
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(tsvField("\t=1")).toBe("' =1");
  });
});

// ---------------------------------------------------------------------------------------------------------
describe("item 6: non-regular files are refused by name; files and standard input stop at 256 MiB", () => {
  it("refuses a FIFO in one line instead of waiting for a writer forever", () => {
    const dir = fresh("fifo-in");
    expect(spawnSync("mkfifo", [join(dir, "f.txt")]).status).toBe(0);
    const r = cli(["f.txt"], { cwd: dir, timeout: 10_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual(["plan-parse: f.txt: not a regular file (a FIFO)"]);
  });

  it("refuses a FIFO found in a directory, and parses the rest", () => {
    const dir = fresh("fifo-dir");
    expect(spawnSync("mkfifo", [join(dir, "a.txt")]).status).toBe(0);
    copyFileSync(SEED_000, join(dir, "b.txt"));
    const r = cli([dir, "--format", "ndjson", "-q"], { timeout: 10_000 });
    expect(r.status).toBe(2);
    expect(lines(r.stdout)).toHaveLength(1);
    expect(r.stderr).toMatch(/a\.txt: not a regular file \(a FIFO\)/);
  });

  it("refuses /dev/zero by name at once", () => {
    const r = cli(["/dev/zero"], { timeout: 10_000 });
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual(["plan-parse: /dev/zero: not a regular file (a character device)"]);
  });

  it("stops reading /dev/zero as standard input at the limit and says too large", () => {
    const zero = openSync("/dev/zero", "r");
    try {
      const r = cli(["-"], { stdio: [zero, "pipe", "pipe"], timeout: 20_000 });
      expect(r.signal).toBeNull();
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/<stdin>: too large \(more than 256 MiB; the limit is 256 MiB\)/);
    } finally {
      closeSync(zero);
    }
  });

  it("stops reading a 300 MB pipe at 256 MiB and says too large, not binary", () => {
    const r = sh(`head -c 300000000 /dev/zero | "$NODE" "$BIN" -`, { timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/too large/);
    expect(r.stderr).not.toMatch(/binary|not text/);
  });
});

// ---------------------------------------------------------------------------------------------------------
describe("item 7: directory links are walked once", () => {
  it("ends on two links back to the directory, parses each file once, and says what it skipped", () => {
    const dir = fresh("loops");
    copyFileSync(SEED_000, join(dir, "plan.txt"));
    mkdirSync(join(dir, "sub"));
    copyFileSync(SEED_003, join(dir, "sub", "other.txt"));
    symlinkSync(".", join(dir, "a"));
    symlinkSync(".", join(dir, "b"));
    symlinkSync("..", join(dir, "sub", "up"));
    const r = cli([dir, "--format", "ndjson", "-q"], { timeout: 15_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    expect(lines(r.stdout).map((l) => (JSON.parse(l) as { source: { name: string } }).source.name)).toEqual([
      join(dir, "plan.txt"),
      join(dir, "sub", "other.txt"),
    ]);
    expect(r.stderr).toContain(`plan-parse: skipped ${join(dir, "a")}: the directory ${dir} is read already (a link to it, or a loop)`);
    expect(r.stderr).toContain(`skipped ${join(dir, "b")}`);
    expect(r.stderr).toContain(`skipped ${join(dir, "sub", "up")}`);
  });
});

// ---------------------------------------------------------------------------------------------------------
describe("item 16: interrupted writes leave no temporary files", () => {
  function corpus(n: number): string {
    const dir = fresh("corpus");
    const seeds = readdirSync(SEEDS).filter((f) => f.endsWith(".txt"));
    for (let i = 0; i < n; i++) copyFileSync(join(SEEDS, seeds[i % seeds.length]!), join(dir, `${String(i).padStart(3, "0")}.txt`));
    return dir;
  }

  // A plan whose JSON is some 40 MB: writing it takes about a hundred milliseconds, long enough to be caught at
  // it even on a busy machine (at 20 MB, a loaded two-core runner sometimes missed the window).
  let big: string;
  beforeAll(() => {
    const out = ["2021年某区食品安全工作要点"];
    for (let i = 1; i <= 200; i++) {
      out.push(`${i}.第${i}项重点工作任务安排`);
      for (let j = 1; j <= 150; j++) out.push(`（${j}）落实第${j}项具体工作措施。（区市场监管局牵头，区农业农村局配合）`);
    }
    big = join(fresh("big"), "big.txt");
    writeFileSync(big, out.join("\n") + "\n");
  });

  for (const [signal, status] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const) {
    it(`${signal} while -o file is being written removes the temporary file and exits ${status}`, async () => {
      const out = fresh("sig-out");
      const target = join(out, "big.json");
      const child = spawn(process.execPath, [BIN, big, "-o", target, "-q"], { env: environment(), stdio: "ignore" });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on("exit", (code, sig) => resolve({ code, signal: sig })),
      );
      // Watch (without yielding: the window is short) until a temporary file exists, then interrupt.
      const deadline = Date.now() + 20_000;
      let seen = false;
      while (!seen && Date.now() < deadline && !existsSync(target)) seen = readdirSync(out).some((n) => n.endsWith(".tmp"));
      expect(seen, "caught while writing").toBe(true);
      child.kill(signal);
      const end = await exited;
      expect(end).toEqual({ code: status, signal: null });
      // The signal waits for the write under way: the output is then whole (renamed in place) or absent.
      expect(readdirSync(out).filter((n) => n !== "big.json")).toEqual([]);
      if (existsSync(target)) expect(JSON.parse(readFileSync(target, "utf8"))).toMatchObject({ schema: "plan-parse/v1" });
    }, 60_000);
  }

  it("signals at any moment of a -o dir/ run leave no temporary file behind", async () => {
    const input = corpus(24);
    for (const delay of [250, 400, 550]) {
      const out = fresh("sig-dir");
      const child = spawn(process.execPath, [BIN, input, "-o", `${out}/`, "--jobs", "1", "-q"], { env: environment(), stdio: "ignore" });
      const exited = new Promise<string>((resolve) => child.on("exit", (code, signal) => resolve(String(code ?? signal))));
      await new Promise((r) => setTimeout(r, delay));
      child.kill("SIGTERM");
      // Done (0), interrupted while writing (143), or before the first write (killed by the signal itself).
      expect(["0", "143", "SIGTERM"]).toContain(await exited);
      expect(readdirSync(out).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    }
  }, 30_000);

  it("removes stale temporary files of its own naming (older than an hour) from the directory it writes to", () => {
    const dir = fresh("stale");
    const old = join(dir, ".all.json.plan-parse-0123456789ab.tmp");
    const recent = join(dir, ".all.json.plan-parse-ba9876543210.tmp");
    const foreign = join(dir, "all.json.1234.tmp");
    for (const f of [old, recent, foreign]) writeFileSync(f, "partial");
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(old, twoHoursAgo, twoHoursAgo);
    utimesSync(foreign, twoHoursAgo, twoHoursAgo);
    const r = cli([SEED_000, "-o", join(dir, "all.json")]);
    expect(r.status).toBe(0);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(foreign)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------
describe("smaller ones", () => {
  it("orders output by code units, not by the locale: no localeCompare in src/, and the same bytes under lt_LT", () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.ts$/.test(e.name) && /localeCompare|Intl\.Collator|toLocale(?:Upper|Lower)?(?:Case|String)/.test(readFileSync(p, "utf8"))) offenders.push(p);
      }
    };
    walk(join(ROOT, "src"));
    expect(offenders).toEqual([]);
    const c = cli([SEED_000, SEED_003], { env: { LANG: "C", LC_ALL: "C" } });
    const lt = cli([SEED_000, SEED_003], { env: { LANG: "lt_LT.UTF-8", LC_ALL: "lt_LT.UTF-8" } });
    expect(lt.stdout).toBe(c.stdout);
  });

  it("says so when a subdirectory cannot be read or a link points to nothing, and exits 2", (ctx) => {
    const dir = fresh("unreadable");
    copyFileSync(SEED_000, join(dir, "good.txt"));
    mkdirSync(join(dir, "locked"));
    copyFileSync(SEED_003, join(dir, "locked", "hidden.txt"));
    chmodSync(join(dir, "locked"), 0o000);
    symlinkSync("nowhere.txt", join(dir, "gone.txt"));
    symlinkSync("nowhere", join(dir, "README"));
    try {
      // Root reads any directory: the walk runs as nobody then (setpriv), so that the permission is real.
      const command = IS_ROOT ? "setpriv --reuid=65534 --regid=65534 --clear-groups" : "";
      if (IS_ROOT && spawnSync("setpriv", ["--version"]).status !== 0) ctx.skip(); // no way to drop root here
      // A clone in a folder only root may enter (mktemp -d makes them 0700) cannot run the binary as nobody.
      if (IS_ROOT && sh(`${command} "$NODE" "$BIN" --version`).status !== 0) ctx.skip();
      const r = sh(`${command} "$NODE" "$BIN" "${dir}" --format ndjson -q`);
      expect(r.status).toBe(2);
      expect(lines(r.stdout)).toHaveLength(1);
      expect(r.stderr).toContain(`plan-parse: ${join(dir, "locked")}: cannot read the directory: permission denied`);
      expect(r.stderr).toContain(`plan-parse: ${join(dir, "gone.txt")}: no such file (a symbolic link to nothing)`);
      expect(r.stderr).toContain(`plan-parse: skipped ${join(dir, "README")}: a symbolic link to nothing`);
      expect(r.stderr).toMatch(/2 of 3 inputs failed/);
    } finally {
      chmodSync(join(dir, "locked"), 0o755);
    }
  });

  it("reads plan.constructor, plan.__proto__ and plan.toString as text, not as a PDF", () => {
    const dir = fresh("proto-ext");
    for (const name of ["plan.constructor", "plan.__proto__", "plan.toString", "plan.hasOwnProperty"]) {
      copyFileSync(SEED_000, join(dir, name));
      const r = cli([name, "-q"], { cwd: dir });
      expect(r.status, name).toBe(0);
      expect((JSON.parse(r.stdout) as { source: { format: string } }).source.format).toBe("txt");
    }
  });

  it("counts a document named __proto__ in agencies like any other", () => {
    const dir = fresh("proto-doc");
    copyFileSync(SEED_000, join(dir, "__proto__"));
    const r = cli(["agencies", "__proto__", "--format", "json", "-q"], { cwd: dir });
    expect(r.status).toBe(0);
    const m = JSON.parse(r.stdout) as { documents: string[]; agencies: Array<{ counts: Record<string, { total: number }>; total: number }> };
    expect(m.documents).toEqual(["__proto__"]);
    const first = m.agencies[0]!;
    expect(Object.hasOwn(first.counts, "__proto__")).toBe(true);
    expect(first.counts["__proto__"]!.total).toBe(first.total);
    const table = cli(["agencies", "__proto__", "-q"], { cwd: dir });
    expect(table.stdout).not.toMatch(/\n\S+\s+0\/0\/0\/0\s+0\n/);
  });

  it("says standard input is closed, not that it is an empty file", () => {
    const r = sh(`"$NODE" "$BIN" - <&-`);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/<stdin>: standard input is closed/);
    expect(r.stderr).not.toMatch(/empty file/);
  });

  it("keeps a diagnostic naming a file with a newline in its name on one line", () => {
    const dir = fresh("newline");
    const name = "two\nlines.txt";
    copyFileSync(SEED_000, join(dir, name));
    const r = cli([name, "-o", "out.json"], { cwd: dir });
    expect(r.status).toBe(0);
    expect(lines(r.stderr)).toEqual(["two␊lines.txt:4:1: warning implicit-heading: a heading without a numbering marker; read as section 1 of level 1"]);
    const missing = cli(["no\nsuch.txt"], { cwd: dir });
    expect(lines(missing.stderr)).toEqual(["plan-parse: no␊such.txt: no such file"]);
  });

  it("validates and diffs JSON that starts with a byte order mark", () => {
    const dir = fresh("bom");
    const json = cli([SEED_000, "-q"]).stdout;
    writeFileSync(join(dir, "bom.json"), "\uFEFF" + json);
    const v = cli(["validate", join(dir, "bom.json")]);
    expect(v.stderr).toBe("");
    expect(v.status).toBe(0);
    const d = cli(["diff", join(dir, "bom.json"), SEED_000, "--format", "json", "-q"]);
    expect(d.status).toBe(0);
  });

  it("parsePlan given bytes throws a TypeError that says what to call; parsePlanBytes given text too", () => {
    expect(() => parsePlan(Buffer.from("一、x") as unknown as string)).toThrow(
      new TypeError("parsePlan: expected the plan's text as a string, got a Buffer (use parsePlanBytes or parseInput for bytes)"),
    );
    expect(() => parsePlan(undefined as unknown as string)).toThrow(/expected the plan's text as a string, got undefined/);
    expect(() => parsePlanBytes("一、x" as unknown as Uint8Array)).toThrow(/expected the file's bytes as a Uint8Array or Buffer, got a string \(use parsePlan for text\)/);
  });
});

// ---------------------------------------------------------------------------------------------------------
// A tiny tmpfs (root only): a real full disk and a real read-only file system.
function mountTmpfs(dir: string, options: string): boolean {
  if (!IS_ROOT || process.platform !== "linux") return false;
  mkdirSync(dir, { recursive: true });
  return spawnSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir]).status === 0;
}

describe("full and read-only file systems", () => {
  const mounts: string[] = [];
  afterAll(() => {
    for (const m of mounts) spawnSync("umount", [m]);
  });

  it("stops after the first ENOSPC under -o dir/ with one line and the summary", (ctx) => {
    const mnt = join(tmp, "full");
    if (!mountTmpfs(mnt, "size=256k")) return ctx.skip(); // needs root and mount(8): a tmpfs of 256 KiB
    mounts.push(mnt);
    const input = fresh("full-in");
    const seeds = readdirSync(SEEDS).filter((f) => f.endsWith(".txt"));
    for (let i = 0; i < 30; i++) copyFileSync(join(SEEDS, seeds[i % seeds.length]!), join(input, `${String(i).padStart(3, "0")}.txt`));
    const r = cli([input, "-o", `${mnt}/out/`, "--jobs", "1", "-q"]);
    expect(r.status).toBe(2);
    const errors = lines(r.stderr);
    expect(errors.filter((l) => /cannot write/.test(l))).toHaveLength(1);
    expect(errors[0]).toMatch(/cannot write .*: no space left on the device \(ENOSPC\); nothing more is written/);
    expect(errors[errors.length - 1]).toMatch(/^plan-parse: \d+ of 30 outputs not written: the disk is full$/);
    expect(readdirSync(join(mnt, "out")).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("says read-only file system (EROFS) when the output directory cannot be created", (ctx) => {
    const mnt = join(tmp, "ro");
    if (!mountTmpfs(mnt, "ro,size=64k")) return ctx.skip(); // needs root and mount(8)
    mounts.push(mnt);
    const r = cli([SEED_000, "-o", `${mnt}/out/sub/`]);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/cannot create the directory \(cannot create .*: read-only file system \(EROFS\)\)$/)]);
  });
});
