// The text of a compression worker (plain CommonJS, run with `eval: true`, so
// that the same code serves the TypeScript sources, the built package and
// bundles). It loads the same codec packages as the main thread, from the paths
// the main thread resolved, says "ready" once they are, and answers each batch of
// jobs with one message:
// payloads (without GLIDE's header) or error texts, buffers transferred, not copied.

/** The data a worker is started with. */
export interface WorkerData {
  readonly zstdPath: string;
  readonly lz4Path: string;
}

/**
 * One value to compress: `bytes` is owned by the job and transferred; a string is
 * cloned (a copy of its characters) and encoded as UTF-8 on the worker, not here.
 */
export interface Job {
  readonly id: number;
  readonly backend: "zstd" | "lz4";
  readonly level: number;
  readonly bytes: Uint8Array | string;
}

/** A job's answer: `payload` or `error`. */
export interface JobResult {
  readonly id: number;
  readonly payload?: Uint8Array;
  readonly error?: string;
}

export const WORKER_SOURCE = `
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const zstd = require(workerData.zstdPath);
const lz4 = require(workerData.lz4Path);
const noDictionary = new Uint8Array(0);
const ready = zstd.init().then(() => zstd.createCCtx());
ready.then(() => parentPort.postMessage("ready"), () => {});
parentPort.on("message", (jobs) => {
  ready.then((context) => {
    const results = [];
    const transfer = [];
    for (const job of jobs) {
      try {
        const bytes = typeof job.bytes === "string" ? Buffer.from(job.bytes) : job.bytes;
        const payload = job.backend === "zstd"
          ? zstd.compressUsingDict(context, bytes, noDictionary, job.level)
          : lz4.compress(bytes);
        results.push({ id: job.id, payload });
        transfer.push(payload.buffer);
      } catch (error) {
        results.push({ id: job.id, error: String(error) });
      }
    }
    parentPort.postMessage(results, transfer);
  }, (error) => {
    parentPort.postMessage(jobs.map((job) => ({ id: job.id, error: String(error) })));
  });
});
`;
