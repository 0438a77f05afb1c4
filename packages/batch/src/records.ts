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
import {
  getexBatch,
  pubsubChannelsBatch,
  pubsubShardChannelsBatch,
  xinfoStreamBatch,
  xrangeBatch,
  xrevrangeBatch,
} from "./batch-signatures.js";

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

/** The type of `baseBatchCommands`, spelled out so that declarations name only exported types. */
export type BaseBatchCommands = Omit<
  Standalone,
  | (typeof notInBatches)[number]
  | (typeof batchForms)[number]
  | "ping"
  | "functionLoad"
  | "functionStats"
  | "select"
  | "migrate"
  | "publish"
> & {
  ping: typeof pingBatch;
  functionLoad: typeof functionLoadBatch;
  functionStats: typeof functionStatsBatch;
  expireTime: Standalone["expiretime"];
  pexpireTime: Standalone["pexpiretime"];
  getex: typeof getexBatch;
  xinfoStream: typeof xinfoStreamBatch;
  xrange: typeof xrangeBatch;
  xrevrange: typeof xrevrangeBatch;
  pubsubChannels: typeof pubsubChannelsBatch;
  migrate: Cluster["migrate"];
};

/** The type of `batchCommands`. */
export type BatchCommands = Omit<BaseBatchCommands, "migrate"> & {
  select: Standalone["select"];
  migrate: Standalone["migrate"];
  publish: Standalone["publish"];
};

/** The type of `clusterBatchCommands`. */
export type ClusterBatchCommands = BaseBatchCommands & {
  publish: Cluster["publish"];
  pubsubShardChannels: typeof pubsubShardChannelsBatch;
  pubsubShardNumSub: Cluster["pubsubShardNumSub"];
};

/** Commands whose batch parameters differ from the clients' (batch-signatures.ts). */
const batchForms = ["getex", "xinfoStream", "xrange", "xrevrange", "pubsubChannels"] as const;

/**
 * What every batch has but MIGRATE, whose form differs: `Batch` takes several keys,
 * `ClusterBatch` one. Each record below is marked pure, so an app bundle keeps only
 * the batch records it uses (a standalone app drops the cluster variants).
 */
const sharedBatchCommands = /* @__PURE__ */ (() => ({
  ...omit(standaloneCommands, [
    ...notInBatches,
    ...batchForms,
    "ping",
    "functionLoad",
    "select",
    "migrate",
    "publish",
  ]),
  ping: pingBatch,
  functionLoad: functionLoadBatch,
  functionStats: functionStatsBatch,
  // GLIDE's batches spell these with a capital T.
  expireTime: standaloneCommands.expiretime,
  pexpireTime: standaloneCommands.pexpiretime,
  getex: getexBatch,
  xinfoStream: xinfoStreamBatch,
  xrange: xrangeBatch,
  xrevrange: xrevrangeBatch,
  pubsubChannels: pubsubChannelsBatch,
}))();

/** Methods of GLIDE's BaseBatch: every batch has them. */
export const baseBatchCommands: BaseBatchCommands = /* @__PURE__ */ (() => ({
  ...sharedBatchCommands,
  // One key; Batch takes several (MIGRATE … KEYS).
  migrate: clusterCommands.migrate,
}))();

/** Methods of `Batch` (and the deprecated `Transaction`). */
export const batchCommands: BatchCommands = /* @__PURE__ */ (() => ({
  ...sharedBatchCommands,
  select: standaloneCommands.select,
  migrate: standaloneCommands.migrate,
  publish: standaloneCommands.publish,
}))();

/** Methods of `ClusterBatch` (and the deprecated `ClusterTransaction`). */
export const clusterBatchCommands: ClusterBatchCommands = /* @__PURE__ */ (() => ({
  ...baseBatchCommands,
  publish: clusterCommands.publish,
  pubsubShardChannels: pubsubShardChannelsBatch,
  pubsubShardNumSub: clusterCommands.pubsubShardNumSub,
}))();
