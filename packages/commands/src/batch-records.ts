// The records GLIDE's batch classes are generated from. Batches take GLIDE's
// BaseBatch signatures: no routes (a cluster batch is routed as a whole), and a
// few positional parameters where clients take option objects.
import { standaloneCommands } from "./command-records.js";
import { pingBatch } from "./definitions/connection.js";
import { expiretime, migrate, pexpiretime } from "./definitions/generic.js";
import { publishCluster, pubsubShardChannels, pubsubShardNumSub } from "./definitions/pubsub.js";
import { functionLoadBatch, functionStatsBatch } from "./definitions/scripting.js";

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

/** Methods of `Batch` (and the deprecated `Transaction`). */
export const batchCommands = {
  ...omit(standaloneCommands, notInBatches),
  ping: pingBatch,
  functionLoad: functionLoadBatch,
  functionStats: functionStatsBatch,
  // GLIDE's batches spell these with a capital T.
  expireTime: expiretime,
  pexpireTime: pexpiretime,
};

/** Methods of `ClusterBatch` (and the deprecated `ClusterTransaction`). */
export const clusterBatchCommands = {
  ...omit(batchCommands, ["select"]),
  migrate,
  publish: publishCluster,
  pubsubShardChannels,
  pubsubShardNumSub,
};
