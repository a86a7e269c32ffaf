// Many inputs at once: in process for a few, on worker threads for many (`--jobs N`). Outcomes come back to
// the caller in input order, whatever order the workers finish in, and one bad input never stops the rest.
// The caller's handler is awaited before the next outcome, so output back-pressure keeps memory flat.
import type { Worker } from "node:worker_threads";
import type { Input } from "./inputs.js";
import { processInput, type Outcome, type ProcessOptions } from "./process-input.js";
import type { WorkerRequest } from "./worker.js";

export interface PoolOptions {
  jobs: number;
  /** The bundled worker script; null runs everything in process. */
  workerFile: string | null;
  onProgress?: (done: number, total: number) => void;
}

/** Below this many inputs per job, starting threads costs more than it saves. */
const MIN_INPUTS_PER_JOB = 4;
/** How many inputs each worker may be ahead of the output. */
const AHEAD = 4;

export async function runMany(
  inputs: readonly Input[],
  options: ProcessOptions,
  pool: PoolOptions,
  onOutcome: (index: number, outcome: Outcome) => void | Promise<void>,
): Promise<void> {
  const jobs = Math.max(1, Math.min(pool.jobs, Math.floor(inputs.length / MIN_INPUTS_PER_JOB)));
  if (jobs <= 1 || pool.workerFile === null) {
    for (let i = 0; i < inputs.length; i++) {
      await onOutcome(i, await processInput(inputs[i]!, options));
      pool.onProgress?.(i + 1, inputs.length);
    }
    return;
  }

  const workerFile = pool.workerFile;
  // Loaded here, not at start-up: most runs parse a few files in process.
  const { Worker } = await import("node:worker_threads");
  const ready = new Map<number, Outcome>();
  let nextToSend = 0;
  let nextToEmit = 0;
  let draining: Promise<void> = Promise.resolve();
  await new Promise<void>((resolve, reject) => {
    const workers: Worker[] = [];
    let finished = false;
    const stopAll = (): void => {
      finished = true;
      for (const w of workers) void w.terminate();
    };
    const idle: Worker[] = [];
    const send = (w: Worker): void => {
      // Workers run at most a few inputs ahead of the output, so a slow reader of stdout bounds memory.
      if (nextToSend >= inputs.length || nextToSend - nextToEmit >= jobs * AHEAD) {
        idle.push(w);
        return;
      }
      const index = nextToSend++;
      const request: WorkerRequest = { index, input: inputs[index]!, options };
      w.postMessage(request);
    };
    const flush = (): void => {
      // Emit in input order; each handler finishes before the next one starts.
      draining = draining.then(async () => {
        while (ready.has(nextToEmit)) {
          const outcome = ready.get(nextToEmit)!;
          ready.delete(nextToEmit);
          await onOutcome(nextToEmit, outcome);
          nextToEmit++;
          pool.onProgress?.(nextToEmit, inputs.length);
          while (idle.length > 0 && nextToSend < inputs.length && nextToSend - nextToEmit < jobs * AHEAD) send(idle.pop()!);
        }
        if (nextToEmit >= inputs.length && !finished) {
          stopAll();
          resolve();
        }
      });
      draining.catch((e: unknown) => {
        stopAll();
        reject(e);
      });
    };
    for (let j = 0; j < jobs; j++) {
      const w = new Worker(workerFile);
      workers.push(w);
      w.on("message", (m: { index: number; outcome: Outcome }) => {
        ready.set(m.index, m.outcome);
        send(w);
        flush();
      });
      w.on("error", (e) => {
        if (finished) return;
        stopAll();
        reject(e);
      });
      send(w);
    }
  });
}
