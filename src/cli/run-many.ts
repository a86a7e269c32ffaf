// Many inputs at once: in process for a few, on worker threads for many (`--jobs N`). Outcomes come back to
// the caller in input order, whatever order the workers finish in, and one bad input never stops the rest:
// an input that throws is its own failure (in process and on a worker alike), and a worker that dies (out
// of memory, a crash) fails only the input it was parsing, by name, and is replaced.
// The caller's handler is awaited before the next outcome, so output back-pressure keeps memory flat.
import type { ResourceLimits, Worker } from "node:worker_threads";
import type { Input } from "./inputs.js";
import { describeFailure, processInput, type Outcome, type ProcessOptions } from "./process-input.js";
import type { WorkerRequest } from "./worker.js";

export interface PoolOptions {
  jobs: number;
  /** The bundled worker script; null runs everything in process. */
  workerFile: string | null;
  onProgress?: (done: number, total: number) => void;
  /** Below this many inputs per job everything runs in process (default 4). */
  minInputsPerJob?: number;
  /** Limits for each worker (default: Node's). */
  resourceLimits?: ResourceLimits;
}

/** Below this many inputs per job, starting threads costs more than it saves. */
const MIN_INPUTS_PER_JOB = 4;
/** How many inputs each worker may be ahead of the output. */
const AHEAD = 4;
/** Workers that die one after another without a single answer: the worker script itself is broken. */
const MAX_DEATHS_WITHOUT_ANSWER = 3;

/** One input in process, isolated: whatever it throws is its own failure. */
async function guarded(input: Input, options: ProcessOptions): Promise<Outcome> {
  try {
    return await processInput(input, options);
  } catch (e) {
    return { ok: false, name: input.name, problem: describeFailure(e) };
  }
}

/** Why a worker stopped, for the summary line of the input it was parsing. */
function deathProblem(error: Error | null, code: number): string {
  const message = error?.message.split("\n")[0] ?? `exit code ${code}`;
  if (error && (error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY") return `out of memory while parsing it (${message})`;
  return `the worker parsing it stopped (${message})`;
}

export async function runMany(
  inputs: readonly Input[],
  options: ProcessOptions,
  pool: PoolOptions,
  onOutcome: (index: number, outcome: Outcome) => void | Promise<void>,
): Promise<void> {
  const perJob = pool.minInputsPerJob ?? MIN_INPUTS_PER_JOB;
  const jobs = Math.max(1, Math.min(pool.jobs, Math.floor(inputs.length / perJob)));
  if (jobs <= 1 || pool.workerFile === null) {
    for (let i = 0; i < inputs.length; i++) {
      await onOutcome(i, await guarded(inputs[i]!, options));
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
    const workers = new Set<Worker>();
    /** The input each worker is parsing. */
    const busy = new Map<Worker, number>();
    let finished = false;
    let deathsWithoutAnswer = 0;
    /** After MAX_DEATHS_WITHOUT_ANSWER, what is left runs in process. */
    let inProcess = false;
    const stopAll = (): void => {
      finished = true;
      for (const w of workers) void w.terminate();
    };
    const idle: Worker[] = [];
    const runHere = (index: number): void => {
      void guarded(inputs[index]!, options).then((outcome) => {
        ready.set(index, outcome);
        flush();
      });
    };
    const send = (w: Worker): void => {
      // Workers run at most a few inputs ahead of the output, so a slow reader of stdout bounds memory.
      if (nextToSend >= inputs.length || nextToSend - nextToEmit >= jobs * AHEAD) {
        idle.push(w);
        return;
      }
      const index = nextToSend++;
      busy.set(w, index);
      const request: WorkerRequest = { index, input: inputs[index]!, options };
      w.postMessage(request);
    };
    const wake = (): void => {
      while (nextToSend < inputs.length && nextToSend - nextToEmit < jobs * AHEAD) {
        if (inProcess) runHere(nextToSend++);
        else if (idle.length > 0) send(idle.pop()!);
        else break;
      }
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
          wake();
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
    const start = (): void => {
      const w = new Worker(workerFile, pool.resourceLimits ? { resourceLimits: pool.resourceLimits } : {});
      workers.add(w);
      let error: Error | null = null;
      w.on("message", (m: { index: number; outcome: Outcome }) => {
        deathsWithoutAnswer = 0;
        busy.delete(w);
        ready.set(m.index, m.outcome);
        send(w);
        flush();
      });
      // An uncaught error or running out of memory: 'exit' follows, and handles it.
      w.on("error", (e) => {
        error = e;
      });
      w.on("exit", (code) => {
        workers.delete(w);
        const i = idle.indexOf(w);
        if (i >= 0) idle.splice(i, 1);
        if (finished) return;
        const index = busy.get(w);
        busy.delete(w);
        if (index !== undefined) {
          const name = inputs[index]!.name;
          ready.set(index, { ok: false, name, problem: deathProblem(error, code) });
        }
        if (++deathsWithoutAnswer >= MAX_DEATHS_WITHOUT_ANSWER) inProcess = true;
        if (!inProcess) start();
        else wake();
        flush();
      });
      send(w);
    };
    for (let j = 0; j < jobs; j++) start();
  });
}
