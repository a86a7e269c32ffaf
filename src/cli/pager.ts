// A long text to a terminal goes through a pager, as git's does: $PLAN_PARSE_PAGER, else $PAGER, else
// `less -FRX` (-F: quit at once when it fits on a screen, -R: keep colours, -X: leave the text on the screen).
// Never for a pipe or a file, never when the pager is set to "" or "cat", and never a failure: when the pager
// cannot start, the text is printed instead (with one line saying why).

/** Pages `text` when standard output is a terminal and the text is longer than it; false when it did not. */
export async function page(text: string, warn: (problem: string) => void): Promise<boolean> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) return false;
  const rows = process.stdout.rows || 24;
  if (text.split("\n").length <= rows) return false;
  const pager = (process.env.PLAN_PARSE_PAGER ?? process.env.PAGER ?? "less -FRX").trim();
  if (pager === "" || pager === "cat") return false;
  // Loaded here: the CLI's start-up does not pay for node:child_process.
  const { spawn } = process.getBuiltinModule("node:child_process");
  return new Promise((resolve) => {
    const child = spawn(pager, { shell: true, stdio: ["pipe", "inherit", "inherit"], env: { LESS: "FRX", ...process.env } });
    child.on("error", (e) => {
      warn(`the pager '${pager}' did not start (${e.message}); printing instead`);
      resolve(false);
    });
    child.stdin.on("error", () => undefined); // the reader quit before the end (q in less)
    child.on("spawn", () => child.stdin.end(text));
    child.on("close", (code) => {
      // 127: the shell found no such command; nothing was shown.
      if (code === 127) warn(`the pager '${pager}' was not found; printing instead`);
      resolve(code !== 127);
    });
  });
}
