// Peak resident memory of the worker process (the library, its client and the
// bench's own few MB, the same for every client): an idle client, a client with
// 1,000 requests in flight, and a cluster client to the 6-node cluster. Read from
// process.resourceUsage().maxRSS, the kernel's high-water mark, so a short
// spike counts.
import { runClosedLoop } from "../runner/closed-loop.js";
import { mixedOperation, preloadKeyspace, SMALL_VALUE } from "./keyspace.js";
import type { ServerKind, Workload } from "./workload.js";

export type MemoryScene = "idle" | "c1000" | "cluster";

const SCENES: Readonly<
  Record<MemoryScene, { title: string; description: string; server: ServerKind }>
> = {
  idle: {
    title: "Memory: idle client",
    description: "Peak RSS of a worker with one connected client that has answered one PING.",
    server: "standalone",
  },
  c1000: {
    title: "Memory: 1,000 requests in flight",
    description:
      "Peak RSS of a worker running 80/20 GET/SET of 100-byte values at concurrency 1000.",
    server: "standalone",
  },
  cluster: {
    title: "Memory: cluster client, 6 nodes",
    description:
      "Peak RSS of a worker with a cluster client on the 3-primary, 3-replica cluster that has run 80/20 at concurrency 100 (replica connections as the library opens them by default).",
    server: "cluster",
  },
};

function megabytes(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function memory(scene: MemoryScene): Workload {
  const { title, description, server } = SCENES[scene];
  return {
    id: `memory-${scene}`,
    title,
    description,
    server,
    primaryMetric: "peakRssMegabytes",
    metrics: ["peakRssMegabytes"],
    samplesPerRound: 1,
    async run({ connect, settings }) {
      const client = await connect();
      try {
        if (scene === "idle") {
          await client.ping();
          // Let the connection's buffers and the JIT settle, as an app between requests.
          await new Promise((resolve) => setTimeout(resolve, settings.warmupMs));
        } else {
          await preloadKeyspace(client, SMALL_VALUE);
          await runClosedLoop({
            concurrency: scene === "c1000" ? 1000 : 100,
            durationMs: settings.durationMs,
            operation: mixedOperation(client),
          });
        }
        return { peakRssMegabytes: megabytes() };
      } finally {
        await client.close();
      }
    },
  };
}
