// Compression off the JavaScript thread: a small pool of worker threads running
// the same WebAssembly codecs, so that large values compress in parallel with the
// client's own work (GLIDE compresses on its Rust threads). Values travel as
// transferred ArrayBuffers, not copies; the jobs queued in one turn of the event
// loop go to a worker as one message. Figures and the sizing: README.
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type Job, type JobResult, WORKER_SOURCE, type WorkerData } from "./worker-source.js";

interface Pending {
  resolve(payload: Uint8Array): void;
  reject(error: Error): void;
}

/** One worker, its jobs waiting to be posted, and its jobs in flight. */
class PoolWorker {
  readonly #worker: Worker;
  readonly #inFlight = new Map<number, Pending>();
  #queued: Job[] = [];
  #transfer: ArrayBuffer[] = [];
  #closed = false;
  /** Its codecs are loaded: jobs go to it from now on. */
  ready = false;

  constructor(data: WorkerData, onExit: (worker: PoolWorker) => void) {
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: data });
    this.#worker.on("message", (message: JobResult[] | "ready") => {
      if (message === "ready") this.ready = true;
      else this.#settle(message);
    });
    const fail = (error: unknown) => {
      if (this.#closed) return;
      this.#closed = true;
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const pending of this.#inFlight.values()) pending.reject(failure);
      this.#inFlight.clear();
      onExit(this);
    };
    this.#worker.on("error", fail);
    this.#worker.on("exit", (code) => fail(new Error(`compression worker exited (${code})`)));
    // An idle worker never keeps the process alive; one with jobs does, until they are
    // answered. After the listeners: a 'message' listener added later refs the worker's
    // port again, and a process that closed its clients would never exit.
    this.#worker.unref();
  }

  get load(): number {
    return this.#inFlight.size;
  }

  get closed(): boolean {
    return this.#closed;
  }

  submit(job: Job, pending: Pending): void {
    if (this.#inFlight.size === 0) this.#worker.ref();
    this.#inFlight.set(job.id, pending);
    if (this.#queued.length === 0) queueMicrotask(() => this.#flush());
    this.#queued.push(job);
    if (typeof job.bytes !== "string") this.#transfer.push(job.bytes.buffer as ArrayBuffer);
  }

  #flush(): void {
    const jobs = this.#queued;
    const transfer = this.#transfer;
    this.#queued = [];
    this.#transfer = [];
    if (this.#closed) return;
    this.#worker.postMessage(jobs, transfer);
  }

  #settle(results: JobResult[]): void {
    for (const result of results) {
      const pending = this.#inFlight.get(result.id);
      if (pending === undefined) continue;
      this.#inFlight.delete(result.id);
      if (result.payload !== undefined) pending.resolve(result.payload);
      else pending.reject(new Error(result.error ?? "compression failed"));
    }
    if (this.#inFlight.size === 0) this.#worker.unref();
  }
}

/**
 * The process's compression workers; jobs go to the least busy ready one. A worker
 * takes a few hundred milliseconds to load its codecs: until one is ready, values
 * compress on the event loop (`ready()` is false).
 */
export class CompressionPool {
  readonly #data: WorkerData;
  readonly #size: number;
  readonly #workers: PoolWorker[] = [];
  #nextId = 0;
  /** A worker died before it was ready: workers cannot run here, the pool stays off. */
  #broken = false;

  constructor(size: number, data: WorkerData) {
    this.#size = size;
    this.#data = data;
  }

  /** Workers started and alive (ready or loading). */
  get workerCount(): number {
    return this.#workers.length;
  }

  /** True when a worker can take a job now; the first call starts one. */
  ready(): boolean {
    if (this.#workers.length === 0 && !this.#broken) this.#spawn();
    for (const worker of this.#workers) if (worker.ready) return true;
    return false;
  }

  /**
   * The payload (no header) for `bytes`, compressed on a worker (call only when `ready()`).
   * Bytes must be owned by the caller and span their whole ArrayBuffer: the buffer is
   * transferred. A string is compressed as its UTF-8 bytes.
   */
  compress(
    bytes: Uint8Array | string,
    backend: "zstd" | "lz4",
    level: number,
  ): Promise<Uint8Array> {
    let best: PoolWorker | undefined;
    for (const worker of this.#workers)
      if (worker.ready && (best === undefined || worker.load < best.load)) best = worker;
    if (best === undefined) return Promise.reject(new Error("no compression worker is ready"));
    // Every ready worker is busy: another one starts, for the jobs after this one.
    if (best.load > 0 && this.#workers.length < this.#size) this.#spawn();
    const worker = best;
    const id = this.#nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      worker.submit({ id, backend, level, bytes }, { resolve, reject });
    });
  }

  #spawn(): void {
    try {
      const worker = new PoolWorker(this.#data, (gone) => {
        if (!gone.ready) this.#broken = true;
        const index = this.#workers.indexOf(gone);
        if (index >= 0) this.#workers.splice(index, 1);
      });
      this.#workers.push(worker);
    } catch {
      this.#broken = true;
    }
  }
}

/** One worker per core but the event loop's, at least one, at most 4 (README: figures). */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * The pool, or undefined where worker threads or the codec packages cannot be found.
 * `builtin`: the workers compress zstd with node:zlib where it exists (the loader's choice);
 * `contexts`: they keep its contexts between values (zstd-native.ts).
 */
export function createCompressionPool(
  size = defaultPoolSize(),
  builtin = true,
  contexts = false,
): CompressionPool | undefined {
  try {
    const require = createRequire(import.meta.url);
    return new CompressionPool(size, {
      zstdPath: require.resolve("@bokuweb/zstd-wasm"),
      lz4Path: require.resolve("lz4-wasm-nodejs"),
      builtin,
      contexts: builtin && contexts,
    });
  } catch {
    return undefined;
  }
}
