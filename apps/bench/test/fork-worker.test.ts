// The worker-process plumbing, with stand-in worker scripts: every outcome
// settles the promise once, and only after the child has exited.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runJobInWorker } from "../src/runner/fork-worker.js";
import type { WorkerJob } from "../src/runner/job.js";

const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/${name}-worker.mjs`, import.meta.url));

const job: WorkerJob = {
  clientId: "petrel",
  workloadId: "sequential-get",
  address: { host: "127.0.0.1", port: 1 },
  settings: { warmupMs: 1, durationMs: 123 },
};

describe("runJobInWorker", () => {
  it("resolves with the metrics the worker sends back", async () => {
    const metrics = await runJobInWorker(job, {
      timeoutMs: 10_000,
      workerPath: fixture("result"),
    });
    expect(metrics).toEqual({ opsPerSec: 123 });
  });

  it("rejects with the worker's error message", async () => {
    await expect(
      runJobInWorker(job, { timeoutMs: 10_000, workerPath: fixture("error") }),
    ).rejects.toThrow("sequential-get with petrel failed: server said no");
  });

  it("rejects when the worker exits without a result", async () => {
    await expect(
      runJobInWorker(job, { timeoutMs: 10_000, workerPath: fixture("crash") }),
    ).rejects.toThrow(/exited \(code 3\) without a result/);
  });

  it("kills a worker that does not answer in time, then rejects", async () => {
    await expect(
      runJobInWorker(job, { timeoutMs: 300, workerPath: fixture("hang") }),
    ).rejects.toThrow(/timed out after 300 ms/);
  });
});
