// A worker thread of `--jobs N`: takes inputs from the main thread, sends back outcomes.
import { parentPort } from "node:worker_threads";
import type { Input } from "./inputs.js";
import { processInput, type ProcessOptions } from "./process-input.js";

export interface WorkerRequest {
  index: number;
  input: Input;
  options: ProcessOptions;
}

parentPort?.on("message", (request: WorkerRequest) => {
  processInput(request.input, request.options).then(
    (outcome) => parentPort!.postMessage({ index: request.index, outcome }),
    (e: unknown) =>
      parentPort!.postMessage({
        index: request.index,
        outcome: { ok: false, name: request.input.name, problem: `internal error: ${(e as Error).message}` },
      }),
  );
});
