// Issue 7: 100 non-atomic pipelines of 1,000 SETs each, one after another.
// In cluster mode each pipeline's keys share one hash tag, because ioredis and
// node-redis send a whole cluster pipeline to one node; the tags rotate over
// all primaries.

import { SMALL_VALUE } from "./keyspace.js";
import type { ServerKind, Workload } from "./workload.js";

const PIPELINES = 100;
const SETS_PER_PIPELINE = 1_000;
const WARMUP_PIPELINES = 10;

function pipelineKeys(server: ServerKind, pipeline: number): string[] {
  const prefix = server === "cluster" ? `bench:{pipe${pipeline % 32}}` : "bench:pipe";
  return Array.from({ length: SETS_PER_PIPELINE }, (_, index) => `${prefix}:${index}`);
}

export function pipelines(server: ServerKind): Workload {
  return {
    id: `pipelines-${server}`,
    title: `Pipelines of 1,000 SETs (${server})`,
    description: `${PIPELINES} non-atomic pipelines of ${SETS_PER_PIPELINE.toLocaleString("en-US")} SETs of 100 bytes, sent one after another after ${WARMUP_PIPELINES} untimed ones; ops/s counts SETs.`,
    server,
    primaryMetric: "opsPerSec",
    metrics: ["opsPerSec", "cpuMillisPer1kOps"],
    samplesPerRound: 1,
    clients: ["petrel", "ioredis", "iovalkey", "node-redis", "valkey-glide"],
    async run({ connect }) {
      const client = await connect();
      try {
        const { setPipeline } = client;
        if (!setPipeline) throw new Error("This client adapter has no pipeline");
        const batches = Array.from({ length: PIPELINES }, (_, index) =>
          pipelineKeys(server, index),
        );
        for (let index = 0; index < WARMUP_PIPELINES; index++) {
          await setPipeline.call(client, batches[index] as string[], SMALL_VALUE);
        }
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        for (const keys of batches) await setPipeline.call(client, keys, SMALL_VALUE);
        const elapsedMs = performance.now() - started;
        const cpu = process.cpuUsage(cpuBefore);
        const operations = PIPELINES * SETS_PER_PIPELINE;
        return {
          opsPerSec: operations / (elapsedMs / 1000),
          cpuMillisPer1kOps: (cpu.user + cpu.system) / operations,
        };
      } finally {
        await client.close();
      }
    },
  };
}
