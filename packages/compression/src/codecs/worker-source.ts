// The text of a compression worker (plain CommonJS, run with `eval: true`, so
// that the same code serves the TypeScript sources, the built package and
// bundles). It loads the same codec packages as the main thread, from the paths
// the main thread resolved, says "ready" once they are, and answers each job with
// a message as soon as it is done:
// payloads (without GLIDE's header) or error texts, buffers transferred, not copied.
// Where node:zlib's contexts are kept, the worker runs zstd-native.ts's own function
// (its text, which refers to nothing outside itself).
import { zstdContexts } from "./zstd-native.js";

/** The data a worker is started with. */
export interface WorkerData {
  readonly zstdPath: string;
  readonly lz4Path: string;
  /** Compress zstd with node:zlib where the worker's Node has it, as the event loop does. */
  readonly builtin: boolean;
  /** Keep node:zlib's zstd contexts between values, as the event loop does. */
  readonly contexts: boolean;
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
const zlib = require("node:zlib");
const lz4 = require(workerData.lz4Path);
const level = zlib.constants.ZSTD_c_compressionLevel;
const native = workerData.builtin && zlib.zstdCompressSync !== undefined && level !== undefined;
// The same options as the event loop's node:zlib codec (zstd.ts), hence the same bytes.
const nativeCompress = (bytes, value) => zlib.zstdCompressSync(bytes, {
  params: { [level]: value },
  chunkSize: Math.max(64, Math.min(bytes.length, 128 * 1024)),
});
const makeContexts = (${zstdContexts.toString()});
const contexts = native && workerData.contexts ? makeContexts(zlib) : undefined;
const ready = native
  ? Promise.resolve({
      compress: contexts === undefined
        ? nativeCompress
        : (bytes, value) => contexts.compress(bytes, value) ?? nativeCompress(bytes, value),
    })
  : (() => {
      const zstd = require(workerData.zstdPath);
      const noDictionary = new Uint8Array(0);
      return zstd.init().then(() => {
        const context = zstd.createCCtx();
        return { compress: (bytes, value) => zstd.compressUsingDict(context, bytes, noDictionary, value) };
      });
    })();
ready.then(() => parentPort.postMessage("ready"), () => {});
// Strings are encoded into one buffer kept between jobs (the codecs copy their input).
let scratch = Buffer.allocUnsafe(0);
const encode = (text) => {
  const room = text.length * 3;
  if (scratch.length < room) {
    const grown = Buffer.allocUnsafe(room);
    if (room > 4 * 1024 * 1024) return grown.subarray(0, grown.write(text));
    scratch = grown;
  }
  return scratch.subarray(0, scratch.write(text));
};
parentPort.on("message", (jobs) => {
  ready.then((zstd) => {
    // Each answer goes back as soon as it is ready: the client sends commands in call
    // order, so a batch answered at its end would hold every command behind its first.
    for (const job of jobs) {
      let result;
      try {
        const bytes = typeof job.bytes === "string" ? encode(job.bytes) : job.bytes;
        const payload = job.backend === "zstd"
          ? zstd.compress(bytes, job.level)
          : lz4.compress(bytes);
        result = { id: job.id, payload };
      } catch (error) {
        parentPort.postMessage([{ id: job.id, error: String(error) }]);
        continue;
      }
      parentPort.postMessage([result], [result.payload.buffer]);
    }
  }, (error) => {
    parentPort.postMessage(jobs.map((job) => ({ id: job.id, error: String(error) })));
  });
});
`;
