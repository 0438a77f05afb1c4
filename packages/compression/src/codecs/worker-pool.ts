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

  constructor(data: WorkerData, onExit: (worker: PoolWorker) => void) {
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: data });
    // Idle workers never keep the process alive.
    this.#worker.unref();
    this.#worker.on("message", (results: JobResult[]) => this.#settle(results));
    const fail = (error: unknown) => {
      this.#closed = true;
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const pending of this.#inFlight.values()) pending.reject(failure);
      this.#inFlight.clear();
      onExit(this);
    };
    this.#worker.on("error", fail);
    this.#worker.on("exit", (code) => fail(new Error(`compression worker exited (${code})`)));
  }

  get load(): number {
    return this.#inFlight.size;
  }

  get closed(): boolean {
    return this.#closed;
  }

  submit(job: Job, pending: Pending): void {
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
  }
}

/** The process's compression workers; jobs go to the least busy one. */
export class CompressionPool {
  readonly #data: WorkerData;
  readonly #size: number;
  readonly #workers: PoolWorker[] = [];
  #nextId = 0;

  constructor(size: number, data: WorkerData) {
    this.#size = size;
    this.#data = data;
  }

  /**
   * The payload (no header) for `bytes`, compressed on a worker. Bytes must be owned by
   * the caller and span their whole ArrayBuffer: the buffer is transferred. A string is
   * compressed as its UTF-8 bytes.
   */
  compress(
    bytes: Uint8Array | string,
    backend: "zstd" | "lz4",
    level: number,
  ): Promise<Uint8Array> {
    const worker = this.#pick();
    const id = this.#nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      worker.submit({ id, backend, level, bytes }, { resolve, reject });
    });
  }

  #pick(): PoolWorker {
    let best: PoolWorker | undefined;
    for (const worker of this.#workers)
      if (best === undefined || worker.load < best.load) best = worker;
    if (best !== undefined && (best.load === 0 || this.#workers.length >= this.#size)) return best;
    const worker = new PoolWorker(this.#data, (gone) => {
      const index = this.#workers.indexOf(gone);
      if (index >= 0) this.#workers.splice(index, 1);
    });
    this.#workers.push(worker);
    return worker;
  }
}

/** One worker per core but the event loop's, at least one, at most 4 (README: figures). */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** The pool, or undefined where worker threads or the codec packages cannot be found. */
export function createCompressionPool(size = defaultPoolSize()): CompressionPool | undefined {
  try {
    const require = createRequire(import.meta.url);
    return new CompressionPool(size, {
      zstdPath: require.resolve("@bokuweb/zstd-wasm"),
      lz4Path: require.resolve("lz4-wasm-nodejs"),
    });
  } catch {
    return undefined;
  }
}
