// Runs the input-formats section of the bench alone (section 4 of `npm run bench`): node bench/formats-only.mjs [--quick]
// Build first (npm run build).
import { measureFormats } from "./sections/formats.mjs";
import { seedFiles, QUICK, LAZY_EXTERNAL } from "./sections/common.mjs";

const f = await measureFormats(seedFiles());
const pad = (s, n) => String(s).padEnd(n);
console.log(`Input formats (${QUICK ? "quick" : "full"}): in process, parseInput warm in a fresh child`);
console.log(`${pad("file", 34)}${pad("bytes", 9)}${pad("first ms", 10)}${pad("ms/parse", 10)}MB/s`);
for (const r of f.inProcess ?? []) console.log(`${pad(r.file, 34)}${pad(r.bytes, 9)}${pad(r.firstMs.toFixed(1), 10)}${pad(r.medianMs.toFixed(2), 10)}${r.mbPerS.toFixed(2)}`);
console.log(`CLI end to end (spawned, ${f.runs} runs each)`);
console.log(`${pad("file", 34)}${pad("ms", 9)}${pad("× .txt", 9)}lazy packages loaded`);
for (const r of f.cli) {
  const loaded = f.loads.find((l) => (l.key ?? l.format) === (r.key ?? r.format))?.loaded;
  console.log(`${pad(r.file, 34)}${pad(r.medianMs.toFixed(1), 9)}${pad(r.ratioToTxt.toFixed(2) + "×", 9)}${loaded ? loaded.join(" ") || "none" : "(not checked)"}`);
}
console.log(`(checked: ${LAZY_EXTERNAL.join(", ")}); .txt loads none: ${f.txtLoadsNothing}`);
