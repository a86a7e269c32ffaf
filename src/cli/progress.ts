// A progress bar on standard error for long runs: count, rate and time left. Only on a terminal; silent in
// pipes, files and CI logs.
export interface Progress {
  update(done: number): void;
  /** Prints a line above the bar (a warning) without breaking it. */
  above(line: string): void;
  finish(): void;
}

const WIDTH = 24;

export function progressBar(stream: NodeJS.WriteStream, total: number, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY || total < 2) {
    return { update: () => undefined, above: (line) => void stream.write(line + "\n"), finish: () => undefined };
  }
  const started = performance.now();
  let last = 0;
  let shown = "";
  const draw = (done: number): void => {
    const seconds = (performance.now() - started) / 1000;
    const rate = done / Math.max(seconds, 1e-3);
    const left = rate > 0 ? (total - done) / rate : 0;
    const filled = Math.round((done / total) * WIDTH);
    const eta = `${Math.floor(left / 60)}:${String(Math.round(left % 60)).padStart(2, "0")}`;
    shown = `${"█".repeat(filled)}${"░".repeat(WIDTH - filled)} ${done}/${total}  ${rate.toFixed(0)}/s  ETA ${eta}`;
    stream.write(`\r\x1b[2K${shown}`);
  };
  return {
    update(done) {
      const now = performance.now();
      if (now - last < 100 && done < total) return;
      last = now;
      draw(done);
    },
    above(line) {
      stream.write(`\r\x1b[2K${line}\n${shown}`);
    },
    finish() {
      stream.write("\r\x1b[2K");
    },
  };
}
