// BullMQ runs unchanged (its own ioredis connections, its Lua scripts and
// streams) against the fake and against redis-server, and the outcomes are
// compared: 500 jobs, prioritised, delayed and retried with exponential backoff,
// a job that always fails, a repeatable job, QueueEvents' completion events, the
// final job counts and every job's final state.

import { type ConnectionOptions, type Job, Queue, QueueEvents, Worker } from "bullmq";
import { Cluster } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { until } from "../../src/harness/until.js";
import { startCluster } from "../../src/index.js";
import { type Server, ServerPool } from "../support/script-servers.js";

const servers = new ServerPool();
afterEach(servers.stopAll);
const fakeServer = () => servers.fake();
const realServer = () => servers.real();

interface Payload {
  readonly failUntil: number;
}

/** The delay of the delayed job. */
const LATER_MS = 300;

/**
 * Jobs added in one addBulk: with the 10 named ones, the 500 jobs the scenario asks for.
 * They mix priorities, short delays, retries with exponential backoff, and removal on completion.
 */
const BULK = 490;

/** The options of bulk job `i`; every one of them completes, some after failed attempts. */
function bulkJob(i: number): { name: string; data: Payload; opts: Record<string, unknown> } {
  const retried = i % 5 === 1;
  return {
    name: "bulk",
    data: { failUntil: retried ? 1 + (i % 2) : 0 },
    opts: {
      jobId: `bulk-${i}`,
      priority: i % 4,
      removeOnComplete: i % 10 === 0,
      ...(i % 7 === 3 ? { delay: 20 + (i % 3) * 10 } : {}),
      ...(retried ? { attempts: 3, backoff: { type: "exponential", delay: 10 } } : {}),
    },
  };
}

/** Jobs added before the worker starts. */
const PRIORITISED = [
  { name: "p3-a", priority: 3 },
  { name: "p1-a", priority: 1 },
  { name: "p2-a", priority: 2 },
  { name: "p1-b", priority: 1 },
  { name: "p3-b", priority: 3 },
  { name: "p2-b", priority: 2 },
];

/** The connection of a standalone server, and the key prefix BullMQ uses there. */
function standalone(server: Server): { connection: () => ConnectionOptions; prefix: string } {
  const options = { host: "127.0.0.1", port: server.port, maxRetriesPerRequest: null };
  return { connection: () => options, prefix: "bull" };
}

/** BullMQ on a cluster: one ioredis Cluster per BullMQ object, keys under one hash tag. */
async function fakeClusterConnection(): Promise<{
  connection: () => ConnectionOptions;
  prefix: string;
}> {
  const cluster = await startCluster({ shards: 3 });
  const clients: Cluster[] = [];
  servers.track({
    port: 0,
    stop: async () => {
      for (const client of clients) client.disconnect();
      await cluster.stop();
    },
  });
  const connection = () => {
    const client = new Cluster(cluster.seeds, { redisOptions: { maxRetriesPerRequest: null } });
    clients.push(client);
    return client;
  };
  return { connection, prefix: "{bull}" };
}

async function bullmqRun(target: {
  connection: () => ConnectionOptions;
  prefix: string;
}): Promise<string[]> {
  const { prefix } = target;
  const queue = new Queue<Payload>("jobs", { connection: target.connection(), prefix });
  const events = new QueueEvents("jobs", { connection: target.connection(), prefix });
  const steps: string[] = [];
  const seen = { completed: 0, failed: 0, progress: 0 };
  events.on("completed", () => {
    seen.completed++;
  });
  events.on("failed", () => {
    seen.failed++;
  });
  events.on("progress", () => {
    seen.progress++;
  });
  await events.waitUntilReady();

  for (const { name, priority } of PRIORITISED)
    await queue.add(name, { failUntil: 0 }, { priority, jobId: name });
  await queue.add("plain", { failUntil: 0 }, { jobId: "plain" });
  await queue.add("later", { failUntil: 0 }, { jobId: "later", delay: LATER_MS });
  const retry = { attempts: 3, backoff: { type: "exponential", delay: 20 } };
  await queue.add("flaky", { failUntil: 2 }, { jobId: "flaky", ...retry });
  await queue.add("doomed", { failUntil: 99 }, { jobId: "doomed", ...retry });
  await queue.addBulk(Array.from({ length: BULK }, (_, i) => bulkJob(i)));
  await queue.upsertJobScheduler("tick", { every: 100, limit: 2 }, { name: "tick" });
  const counts = await queue.getJobCounts("wait", "prioritized", "delayed");
  steps.push(`before ${JSON.stringify(counts)}`);
  // The order the scripts serve prioritised jobs in (the worker's concurrency
  // makes the order its processor starts them in vary from run to run).
  const prioritised = await queue.getPrioritized();
  steps.push(`prioritised ${prioritised.map((job) => job.id).join(",")}`);

  const worker = new Worker<Payload>(
    "jobs",
    async (job: Job<Payload>) => {
      if (job.name === "bulk") await job.updateProgress(50);
      if (job.attemptsMade < job.data.failUntil) throw new Error(`${job.name} failed`);
      return `${job.name} done after ${job.attemptsMade}`;
    },
    { connection: target.connection(), concurrency: 5, prefix },
  );
  // 6 prioritised + plain + later + flaky + 2 ticks + the bulk jobs complete; QueueEvents reports
  // a failure only when no attempt is left, so doomed's last one.
  await until(() => seen.completed >= 11 + BULK && seen.failed >= 1, 45_000);
  await worker.close();

  steps.push(`events completed=${seen.completed} failed=${seen.failed} progress=${seen.progress}`);
  const after = await queue.getJobCounts("completed", "failed", "delayed", "wait", "active");
  steps.push(`after ${JSON.stringify(after)}`);
  for (const id of ["p1-a", "plain", "later", "flaky", "doomed", "bulk-0", "bulk-1"]) {
    const job = await queue.getJob(id);
    const state = await job?.getState();
    steps.push(
      `${id} ${state} attempts=${job?.attemptsMade} value=${job?.returnvalue} reason=${job?.failedReason}`,
    );
  }
  // Every bulk job's final state and attempts, counted by kind (removed ones have no state).
  const finals = new Map<string, number>();
  for (let i = 0; i < BULK; i++) {
    const job = await queue.getJob(`bulk-${i}`);
    const kind = job === undefined ? "removed" : `${await job.getState()} a=${job.attemptsMade}`;
    finals.set(kind, (finals.get(kind) ?? 0) + 1);
  }
  steps.push(`bulk ${JSON.stringify([...finals].sort())}`);
  const later = await queue.getJob("later");
  const waited = (later?.processedOn ?? 0) - (later?.timestamp ?? 0);
  steps.push(`later waited its delay ${waited >= LATER_MS}`);
  const schedulers = await queue.getJobSchedulers();
  steps.push(`schedulers ${schedulers.map((entry) => entry.key).join(",")}`);
  await events.close();
  await queue.close();
  return steps;
}

describe("BullMQ on scripting", () => {
  it("runs a queue, a worker and queue events on the fake as on redis-server", async () => {
    const onFake = await bullmqRun(standalone(await fakeServer()));
    const onReal = await bullmqRun(standalone(await realServer()));
    expect(onFake).toEqual(onReal);
    expect(onFake[1]).toMatch(/^prioritised p1-a,p1-b,bulk-1,.*,p2-a,p2-b,.*,p3-a,p3-b,/);
    expect(onFake).toContain("later waited its delay true");
    expect(onFake).toContain("doomed failed attempts=3 value=null reason=doomed failed");
    // 500 jobs and 2 ticks: every one completes but doomed; 49 bulk jobs removed on completion.
    expect(onFake).toContain("events completed=501 failed=1 progress=637");
    expect(onFake).toContain('after {"completed":452,"failed":1,"delayed":0,"wait":0,"active":0}');
    expect(onFake).toContain(
      'bulk [["completed a=1",343],["completed a=2",49],["completed a=3",49],["removed",49]]',
    );
  }, 60_000);

  it("runs the same on a fake cluster, its keys under one hash tag", async () => {
    const onCluster = await bullmqRun(await fakeClusterConnection());
    const onReal = await bullmqRun(standalone(await realServer()));
    expect(onCluster).toEqual(onReal);
  }, 60_000);
});
