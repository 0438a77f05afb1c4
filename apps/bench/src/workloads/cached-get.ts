// GET hits served by the client-side cache, against the same client's uncached GETs, at
// concurrency 1 and 100: Petrel's `ClientSideCache` (server-assisted, RESP3) and node-redis's
// `clientSideCache` (RESP3) as the peer. Cached and uncached runs of one concurrency alternate
// run by run, so their ratio compares adjacent runs. The cached run also reports the client's
// heap growth per cached entry when the 10,000 keys are first read.
import { KEY_COUNT, keyFor, preloadKeyspace, SMALL_VALUE } from "./keyspace.js";
import { measureClosedLoop } from "./measure.js";
import type { Workload } from "./workload.js";

export function cachedGet(concurrency: number, cached: boolean): Workload {
  return {
    id: `${cached ? "cached" : "uncached"}-get-c${concurrency}`,
    title: `GET ${cached ? "from the client-side cache" : "without a client-side cache"}, c=${concurrency}`,
    description: `GET of a 100-byte value over ${KEY_COUNT.toLocaleString("en-US")} keys, ${concurrency} in flight, ${cached ? "every key read once first so each measured GET is a cache hit (server-assisted tracking, RESP3)" : "with no client-side cache: every GET is a round trip"}.`,
    server: "standalone",
    primaryMetric: "opsPerSec",
    metrics: cached
      ? [
          "opsPerSec",
          "p50Micros",
          "p99Micros",
          "cpuMillisPer1kOps",
          "serverCpuMillisPer1kOps",
          "cacheBytesPerEntry",
        ]
      : ["opsPerSec", "p50Micros", "p99Micros", "cpuMillisPer1kOps", "serverCpuMillisPer1kOps"],
    samplesPerRound: 1,
    clients: ["petrel", "node-redis"],
    interleaveGroup: `cached-get-c${concurrency}`,
    async run({ connect, settings, servers }) {
      const client = await connect({ clientSideCache: cached });
      try {
        await preloadKeyspace(client, SMALL_VALUE);
        // The key strings are made once, and the same strings fill the cache: building one per
        // operation would cost the loop more than a cache hit does. The heap measured per cached
        // entry includes its key string (and the array's 8-byte slot for it).
        const before = process.memoryUsage().heapUsed;
        const keys = Array.from({ length: KEY_COUNT }, (_, index) => keyFor(index));
        let bytesPerEntry: number | undefined;
        if (cached) {
          for (const key of keys) await client.get(key);
          bytesPerEntry = (process.memoryUsage().heapUsed - before) / KEY_COUNT;
        }
        const metrics = await measureClosedLoop({
          settings,
          concurrency,
          servers,
          operation: (sequence) => client.get(keys[sequence % KEY_COUNT] as string),
        });
        return bytesPerEntry === undefined
          ? metrics
          : { ...metrics, cacheBytesPerEntry: bytesPerEntry };
      } finally {
        await client.close();
      }
    },
  };
}
