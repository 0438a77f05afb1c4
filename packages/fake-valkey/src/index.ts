// @petrel/fake-valkey: an in-memory Valkey server and cluster on loopback
// ports, with a control API for deterministic tests and fault injection.

export { crc16, keySlot, SLOT_COUNT } from "./cluster/slot.js";
export type {
  ClusterNodeRecord,
  NodeRole,
  PreferredEndpoint,
  ShardRecord,
  SlotRange,
} from "./cluster/topology.js";
export { ClusterTopology } from "./cluster/topology.js";
export { ManualClock, type ServerClock, SystemClock, seededRandom } from "./control/clock.js";
export {
  type ClusterOptions,
  type FailoverOptions,
  FakeCluster,
  type SlotAssignment,
  startCluster,
} from "./control/cluster.js";
export {
  type Address,
  Deployment,
  type InjectOptions,
  type NodeRef,
} from "./control/deployment.js";
export { type MigrationOptions, type MigrationPhase, SlotMigration } from "./control/migration.js";
export { FakeStandalone, type StandaloneOptions, startStandalone } from "./control/standalone.js";
export type { Clock, Entry, Keyspace } from "./data/types.js";
export {
  type ConnectClusterClient,
  type FakeClusterHarness,
  fakeClusterHarness,
  keyOnShard,
} from "./harness/cluster-harness.js";
export { until } from "./harness/until.js";
export {
  FakeSentinel,
  FakeSentinelNode,
  type SentinelFailoverOptions,
  type SentinelOptions,
  startSentinel,
} from "./sentinel/fake-sentinel.js";
export type { PasswordVerifier, UserSpec } from "./server/auth.js";
export { FakeNode, type NodeCounters } from "./server/node.js";
export type { SessionState } from "./server/session.js";
