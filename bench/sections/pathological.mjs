// 8. Pathological inputs, each parsed once in a child process (so a hang, a crash or an overflow is reported,
//    not inherited); the time is measured inside the child, around the parse alone.
import { spawn } from "node:child_process";
import { ROOT, SELF, MB, TARGET_PATHOLOGICAL_S, nowMs } from "./common.mjs";

export const TITLE = "2021年全区食品安全工作要点\n";
export const PATHOLOGICAL = {
  "many-headings": {
    label: "100,000 headings 一、x / （一）x alternating",
    make: () => TITLE + "一、x\n（一）x\n".repeat(50_000),
  },
  "nested-brackets": {
    label: "100,000 nested （ in a heading line",
    make: () => `${TITLE}一、加强监管${"（".repeat(100_000)}区市场监管局${"）".repeat(100_000)}\n（一）落实责任。（区食安办）\n`,
  },
  "unclosed-brackets": {
    label: "100,000 unclosed （ in a heading line",
    make: () => `${TITLE}一、加强监管${"（".repeat(100_000)}区市场监管局\n（一）落实责任。（区食安办）\n`,
  },
  "long-line": {
    label: "1 MB single line (tasks with owners)",
    make: () => {
      const sentence = "加强食品安全监管，落实属地管理责任（区市场监管局牵头，各乡镇按职责分工负责）。";
      return `${TITLE}一、加强监管\n${sentence.repeat(Math.ceil(MB / Buffer.byteLength(sentence)))}\n`;
    },
  },
};

export async function runCase({ parsePlanBytes }, name) {
  const bytes = Buffer.from(PATHOLOGICAL[name].make());
  const t0 = nowMs();
  try {
    const r = parsePlanBytes(bytes, { name });
    const ms = nowMs() - t0;
    const doc = r.ok ? r.document : null;
    return { bytes: bytes.length, ms, ok: r.ok, problem: r.ok ? null : r.problem, nodes: doc?.outline?.length ?? null, diagnostics: doc?.diagnostics.length ?? null };
  } catch (e) {
    return { bytes: bytes.length, ms: nowMs() - t0, ok: false, error: `${e.constructor.name}: ${e.message.slice(0, 120)}` };
  }
}

/** Runs one case in a child process; resolves with what it printed, or why it printed nothing. */
export function runCaseChild(key, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SELF, "--child", "case", key], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status, signal, timedOut });
    });
  });
}

export async function measurePathological() {
  const timeoutMs = 120_000;
  // One at a time: run side by side on 2 cores, the slowest case took ~0.5 s longer.
  const keys = Object.keys(PATHOLOGICAL);
  const answers = {};
  for (const key of keys) answers[key] = await runCaseChild(key, timeoutMs);
  const rows = keys.map((key) => {
    const r = answers[key];
    let res = null;
    try {
      res = JSON.parse(r.stdout.trim().split("\n").at(-1));
    } catch {
      // no answer
    }
    let status;
    if (r.timedOut) status = `timeout (> ${timeoutMs / 1000} s)`;
    else if (!res) status = `crashed (${r.status ?? r.signal}): ${r.stderr.trim().split("\n").filter(Boolean).slice(-1)[0] ?? ""}`;
    else if (res.error) status = /call stack/.test(res.error) ? "stack overflow" : res.error;
    else if (!res.ok) status = `no document: ${res.problem}`;
    else status = res.ms < TARGET_PATHOLOGICAL_S * 1000 ? "ok" : "slow";
    return { key, label: PATHOLOGICAL[key].label, bytes: res?.bytes ?? null, seconds: res ? res.ms / 1000 : null, diagnostics: res?.diagnostics ?? null, status, ok: status === "ok" };
  });
  return { rows, target: TARGET_PATHOLOGICAL_S, pass: rows.every((r) => r.ok) };
}
