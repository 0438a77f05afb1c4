// The records GLIDE's batch classes are generated from, made of @petrel/commands'
// definitions. Batches take GLIDE's BaseBatch signatures: no routes (a cluster
// batch is routed as a whole), and a few positional parameters where clients take
// option objects. They live here rather than in @petrel/commands so that a
// program importing only a client does not build them.
import {
  clusterCommands,
  functionLoadBatch,
  functionStatsBatch,
  pingBatch,
  standaloneCommands,
} from "@petrel/commands";

/** A copy of `record` without `keys` (a plain loop: this runs at import, for ~250 keys). */
function omit<T extends object, K extends keyof T>(record: T, keys: readonly K[]): Omit<T, K> {
  const dropped = new Set<PropertyKey>(keys);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (!dropped.has(key)) copy[key] = record[key as keyof T];
  }
  return copy as Omit<T, K>;
}

/** Client methods GLIDE's batches do not have (connection state, admin, blocking waits). */
const notInBatches = [
  "watch",
  "unwatch",
  "scan",
  "scriptShow",
  "save",
  "bgsave",
  "bgsaveSchedule",
  "bgsaveCancel",
  "bgrewriteaof",
  "clientPause",
  "clientUnpause",
  "memoryDoctor",
  "memoryMallocStats",
  "memoryPurge",
  "memoryStats",
  "latencyHistory",
  "latencyLatest",
  "latencyReset",
  "clientTrackingInfo",
  "scriptExists",
  "scriptFlush",
  "scriptKill",
  "functionKill",
  "failover",
  "replicaof",
  "replicaofNoOne",
  "expiretime",
  "pexpiretime",
] as const;

type Standalone = typeof standaloneCommands;
type Cluster = typeof clusterCommands;

/** The type of `batchCommands`, spelled out so that declarations name only exported types. */
export type BatchCommands = Omit<
  Standalone,
  (typeof notInBatches)[number] | "ping" | "functionLoad" | "functionStats"
> & {
  ping: typeof pingBatch;
  functionLoad: typeof functionLoadBatch;
  functionStats: typeof functionStatsBatch;
  expireTime: Standalone["expiretime"];
  pexpireTime: Standalone["pexpiretime"];
};

/** The type of `clusterBatchCommands`. */
export type ClusterBatchCommands = Omit<BatchCommands, "select" | "publish" | "migrate"> & {
  migrate: Cluster["migrate"];
  publish: Cluster["publish"];
  pubsubShardChannels: Cluster["pubsubShardChannels"];
  pubsubShardNumSub: Cluster["pubsubShardNumSub"];
};

/** Methods of `Batch` (and the deprecated `Transaction`). */
export const batchCommands: BatchCommands = {
  ...omit(standaloneCommands, notInBatches),
  ping: pingBatch,
  functionLoad: functionLoadBatch,
  functionStats: functionStatsBatch,
  // GLIDE's batches spell these with a capital T.
  expireTime: standaloneCommands.expiretime,
  pexpireTime: standaloneCommands.pexpiretime,
};

/** Methods of `ClusterBatch` (and the deprecated `ClusterTransaction`). */
export const clusterBatchCommands: ClusterBatchCommands = {
  ...omit(batchCommands, ["select"]),
  migrate: clusterCommands.migrate,
  publish: clusterCommands.publish,
  pubsubShardChannels: clusterCommands.pubsubShardChannels,
  pubsubShardNumSub: clusterCommands.pubsubShardNumSub,
};
