// Cross-slot MGET of 10 keys, at concurrency 100 and with one request in flight. Petrel and GLIDE split
// it by slot themselves; the other adapters split it per slot (key-slot.ts), so
// every client makes the server do the same per-slot MGETs.
import type { BenchClient } from "../clients/bench-client.js";
import { keyFor } from "./keyspace.js";
import { measurePreloaded, REQUEST_METRICS } from "./measure.js";
import type { Workload } from "./workload.js";

const KEYS_PER_MGET = 10;

function mgetOf(client: BenchClient): (keys: readonly string[]) => Promise<unknown> {
  const { mget } = client;
  if (!mget) throw new Error("This client adapter has no MGET");
  return mget;
}

/** Cross-slot MGET of 10 keys with `concurrency` requests in flight. */
export function clusterMget(concurrency: number): Workload {
  return {
    id: concurrency === 100 ? "cluster-mget-10" : `cluster-mget-10-c${concurrency}`,
    title: `Cluster cross-slot MGET of 10 keys, concurrency ${concurrency}`,
    description: `${concurrency === 1 ? "One loop" : `${concurrency} concurrent loops`}, each request an MGET of 10 keys in (nearly always) 10 different slots; Petrel and GLIDE split it themselves, ioredis, iovalkey and node-redis get it split per slot by the bench adapter.`,
    server: "cluster",
    primaryMetric: "opsPerSec",
    metrics: REQUEST_METRICS,
    samplesPerRound: 1,
    run: (context) =>
      measurePreloaded(context, concurrency, (client) => {
        const mget = mgetOf(client);
        return (sequence) => {
          const keys: string[] = [];
          for (let index = 0; index < KEYS_PER_MGET; index++) {
            keys.push(keyFor(sequence * KEYS_PER_MGET + index * 997));
          }
          return mget.call(client, keys);
        };
      }),
  };
}
