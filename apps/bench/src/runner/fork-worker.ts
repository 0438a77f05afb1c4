// Runs one job in a fresh child process. Settles exactly once, and only after
// the child has exited, so no two workers ever overlap: with the worker's
// metrics, its error, its unexpected exit, or a timeout (the child is then
// killed by pid).
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { MetricValues } from "../workloads/metrics.js";
import type { WorkerJob, WorkerReply } from "./job.js";

export interface ForkOptions {
  timeoutMs: number;
  /** Extra Node flags for the worker, e.g. `--cpu-prof`. */
  execArgv?: readonly string[];
  /** Added to the worker's environment. */
  env?: Readonly<Record<string, string>>;
  /** The script to fork; defaults to the compiled worker beside this file. */
  workerPath?: string;
}

const defaultWorkerPath = fileURLToPath(new URL("./worker.js", import.meta.url));

export function runJobInWorker(job: WorkerJob, options: ForkOptions): Promise<MetricValues> {
  return new Promise((resolve, reject) => {
    const label = `${job.workloadId} with ${job.clientId}`;
    let reply: WorkerReply | undefined;
    let timedOut = false;
    let spawnError: Error | undefined;
    const child = fork(options.workerPath ?? defaultWorkerPath, [], {
      execArgv: [...(options.execArgv ?? [])],
      ...(options.env === undefined ? {} : { env: { ...process.env, ...options.env } }),
      // Library logs go to stderr, beside the progress lines, never into the report on stdout.
      stdio: ["ignore", 2, 2, "ipc"],
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);

    child.once("message", (message: WorkerReply) => {
      reply = message;
    });
    child.once("error", (error) => {
      spawnError = error;
    });
    // "close" follows "exit" once stdio and IPC are drained: the reply has arrived if it was sent.
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      if (reply?.kind === "result") resolve(reply.metrics);
      else if (reply?.kind === "error") reject(new Error(`${label} failed: ${reply.message}`));
      else if (timedOut) reject(new Error(`${label} timed out after ${options.timeoutMs} ms`));
      else if (spawnError) reject(spawnError);
      else
        reject(new Error(`${label}: worker exited (${signal ?? `code ${code}`}) without a result`));
    });
    child.send(job);
  });
}
