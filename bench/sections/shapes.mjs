// 9. Shapes that used to take quadratic time (issue 12, item 12), each at two sizes, parsed in a child process
//    with a timeout: the time per byte at the larger size over that at the smaller one is 1 for a linear
//    parser and 4 for a quadratic one (sizes are 4× apart).
import { spawn } from "node:child_process";
import { QUICK, ROOT, SELF, median, nowMs } from "./common.mjs";

const TITLE = "2021年全区食品安全工作要点\n";
/** Whole units of `unit` until about `bytes` bytes (UTF-8). */
const fill = (unit, bytes) => unit.repeat(Math.max(1, Math.round(bytes / Buffer.byteLength(unit))));

export const SHAPES = {
  "glued-chain": {
    label: "glued heading chain with a tail 1.a。2.b。3.c。…",
    format: "txt",
    sizesKb: [25, 100],
    make: (bytes) => {
      const parts = [];
      let n = 0;
      for (let size = 0; size < bytes; n++) {
        const p = `${(n % 999) + 1}.开展第${n}项检查。`;
        parts.push(p);
        size += Buffer.byteLength(p);
      }
      return `${TITLE}一、加强监管\n（一）落实责任。${parts.join("")}\n`;
    },
  },
  "unclosed-owners": {
    label: "。责任单位：区局 repeated in an unclosed bracket",
    format: "txt",
    sizesKb: [100, 400],
    make: (bytes) => `${TITLE}一、加强监管\n（一）落实责任（${fill("。责任单位：区局", bytes)}\n`,
  },
  "unclosed-progress": {
    label: "。工作进度： repeated in an unclosed bracket",
    format: "txt",
    sizesKb: [100, 400],
    make: (bytes) => `${TITLE}一、加强监管\n（一）落实责任（${fill("。工作进度：", bytes)}\n`,
  },
  "html-br": {
    label: "an HTML paragraph of <br> soft breaks",
    format: "html",
    sizesKb: [50, 200],
    make: (bytes) => `<html><body><h1>2021年全区食品安全工作要点</h1><p>一、加强监管<br>${fill("开展检查，落实责任<br>", bytes)}</p></body></html>\n`,
  },
  "markdown-breaks": {
    label: "a Markdown paragraph of soft line breaks",
    format: "md",
    sizesKb: [50, 200],
    make: (bytes) => `# 2021年全区食品安全工作要点\n\n## 一、加强监管\n\n${fill("开展检查，落实责任\n", bytes)}\n`,
  },
};

/** Child: one shape at one size; a small warm-up first, then the parse timed (median of `runs`). */
export async function shapeCase(lib, key, kb, runs) {
  const shape = SHAPES[key];
  const parse = (text) => (shape.format === "txt" ? lib.parsePlanBytes(Buffer.from(text)) : lib.parseInput(Buffer.from(text), { name: `x.${shape.format}` }));
  await parse(shape.make(2000));
  const bytes = Buffer.from(shape.make(Number(kb) * 1000));
  const times = [];
  for (let i = 0; i < Number(runs); i++) {
    const t0 = nowMs();
    const r = await (shape.format === "txt" ? lib.parsePlanBytes(bytes) : lib.parseInput(bytes, { name: `x.${shape.format}` }));
    times.push(nowMs() - t0);
    if (!r.ok) return { bytes: bytes.length, error: r.problem };
  }
  return { bytes: bytes.length, ms: median(times) };
}

function child(args, timeoutMs) {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [SELF, "--child", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    c.stdout.on("data", (d) => (stdout += d));
    c.stderr.on("data", (d) => (stderr = (stderr + d).slice(-2000)));
    const timer = setTimeout(() => c.kill("SIGKILL"), timeoutMs);
    c.on("close", (status, signal) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(stdout.trim().split("\n").at(-1)));
      } catch {
        resolve({ error: signal === "SIGKILL" ? `timeout (> ${timeoutMs / 1000} s)` : `crashed (${status ?? signal}): ${stderr.trim().split("\n").at(-1) ?? ""}` });
      }
    });
  });
}

export async function measureShapes() {
  const runs = QUICK ? 1 : 3;
  const scale = QUICK ? 0.5 : 1;
  const rows = [];
  for (const [key, shape] of Object.entries(SHAPES)) {
    const sizes = shape.sizesKb.map((kb) => Math.round(kb * scale));
    const results = [];
    for (const kb of sizes) results.push(await child(["shape", key, String(kb), String(runs)], 120_000));
    const [small, large] = results;
    const ok = !small.error && !large.error;
    const growth = ok ? large.ms / large.bytes / (small.ms / small.bytes) : null;
    rows.push({ key, label: shape.label, format: shape.format, sizes: results.map((r, i) => ({ kb: sizes[i], bytes: r.bytes ?? null, ms: r.ms ?? null, error: r.error ?? null })), growth });
  }
  return { runs, rows };
}
