// @petrel/cluster: pure cluster decisions (slots, topology, routing,
// aggregation, redirects, refresh policy, cluster SCAN). No I/O: the client
// executes what these functions decide.

export {
  type AggregateOutcome,
  type AggregationPlan,
  aggregate,
  type ClusterResponse,
} from "./aggregation/aggregate.js";
export { classifyError, type ErrorClass } from "./redirects/classify-error.js";
export { isWellFormedRedirect, parseRedirect, type Redirect } from "./redirects/parse-redirect.js";
export {
  type RefreshDecision,
  RefreshPolicy,
  type RefreshPolicyOptions,
  type RefreshReason,
} from "./refresh/refresh-policy.js";
export {
  decideRetry,
  emptyRetryCounts,
  type RetryDecision,
  type RetryEvent,
  retriesOn,
  retryDelayMs,
} from "./retry/decide-retry.js";
export {
  COMMAND_RETRY_POLICY,
  type PipelineRetryStrategy,
  pipelineRetryPolicy,
  RETRY_LIMITS,
  type RetryBudget,
  type RetryCounts,
  type RetryLimits,
  type RetryPolicy,
  TRANSACTION_RETRY_POLICY,
} from "./retry/retry-policy.js";
export { type HostPort, splitHostPort } from "./routing/address.js";
export { type SlotGroup, type SplitResult, splitBySlot } from "./routing/multi-slot-split.js";
export type {
  MultiNodePlan,
  NodeTarget,
  Plan,
  SingleNodePlan,
  UnroutablePlan,
  UnroutableReason,
} from "./routing/plan.js";
export { type PlanOptions, planCommand } from "./routing/plan-command.js";
export {
  chooseReadNode,
  createRoundRobin,
  type ReadChoiceOptions,
  type ReadFrom,
  type RoundRobin,
} from "./routing/read-from.js";
export { ClusterScanCursor } from "./scan/cluster-scan-cursor.js";
export { ClusterScanState, type ScanNext, type ScanOptions } from "./scan/cluster-scan-state.js";
export { SlotMap, sameView } from "./slot-map/slot-map.js";
export type { CommandShape } from "./slots/command-shape.js";
export { forEachKeyIndex, keyIndexesOf, keysOf } from "./slots/keys-of.js";
export { SLOT_COUNT, slotOf } from "./slots/slot-of.js";
export {
  type CommandSlot,
  type CrossSlot,
  isCrossSlot,
  slotOfCommand,
} from "./slots/slot-of-command.js";
export { chooseTopology, type TopologyChoice } from "./topology/choose-topology.js";
export { type ParseShardsOptions, parseClusterShards } from "./topology/parse-cluster-shards.js";
export { parseClusterSlots } from "./topology/parse-cluster-slots.js";
export {
  buildTopology,
  type ClusterNode,
  fingerprintOf,
  type NodeHealth,
  type NodeInput,
  type NodeRole,
  nodeAddress,
  type Shard,
  type ShardInput,
  type SlotRange,
  type SlotTable,
  type Topology,
  type TopologyView,
  UNASSIGNED_SLOT,
} from "./topology/topology.js";
