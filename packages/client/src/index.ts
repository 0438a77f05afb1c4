// @petrel/client: GLIDE-compatible Valkey clients in pure TypeScript.

export { ClusterScanCursor } from "@petrel/cluster";
export {
  type ClusterResponse,
  type ClusterScanOptions,
  convertGlideRecordToRecord,
  convertRecordToGlideRecord,
  Decoder,
  type DecoderOption,
  type GlideRecord,
  type GlideReturnType,
  type HashDataType,
  ObjectType,
  type Routes,
  type SortedSetDataType,
} from "@petrel/commands";
export type { GlideString } from "@petrel/protocol";
export {
  type CredentialsProvider,
  type IamAuthConfig,
  type IamProviderFactory,
  type ResolvedCredentials,
  registerIamProviderFactory,
  ServiceType,
} from "./auth/credentials-provider.js";
export { BaseClient } from "./base-client.js";
export { BatchRequest, type BatchSendOptions } from "./batch/batch-request.js";
export type { ExecRetryStrategy, ExecutableBatch } from "./batch/executable-batch.js";
export {
  ClientSideCache,
  type ClientSideCacheConfig,
  type ClientSideCacheOptions,
  EvictionPolicy,
} from "./cache/client-side-cache.js";
export type {
  CircuitState,
  ClientCircuitBreakerConfiguration,
} from "./circuit-breaker/circuit-breaker.js";
export {
  type AdvancedGlideClusterClientConfiguration,
  type ClusterBatchOptions,
  GlideClusterClientConfiguration,
  type PeriodicChecks,
  type PeriodicChecksManualInterval,
} from "./cluster/config.js";
export { GlideClusterClient } from "./cluster/glide-cluster-client.js";
export {
  ALL_SHARDED_CHANNELS,
  ClusterPubSubChannelModes,
  type ClusterPubSubState,
  type ShardedPubSubMethods,
} from "./cluster/sharded-pubsub-methods.js";
export * from "./compression/hook.js";
export { DEFAULTS } from "./config/defaults.js";
export {
  DEFAULT_CONNECTION_TIMEOUT_IN_MILLISECONDS,
  DEFAULT_INFLIGHT_REQUESTS_LIMIT,
  DEFAULT_REQUEST_TIMEOUT_IN_MILLISECONDS,
  MAX_REQUEST_ARGS_LEN,
  TIMEOUT_ERROR,
} from "./config/glide-constants.js";
export type { ResolvedConfig } from "./config/resolved.js";
export {
  type ClientCertificateAndKey,
  loadClientCertificateAndKeyFromFile,
  loadRootCertificatesFromFile,
} from "./config/tls-files.js";
export {
  type AdvancedBaseClientConfiguration,
  type AdvancedGlideClientConfiguration,
  type BackoffStrategy,
  type BaseClientConfiguration,
  GlideClientConfiguration,
  type MutualTls,
  type NodeAddress,
  NodeDiscoveryMode,
  ProtocolVersion,
  type ReadFrom,
  type SentinelConfiguration,
  type ServerCredentials,
  type TlsAdvancedConfiguration,
  type UnixSocketAddress,
} from "./config/types.js";
export { resolveConfig } from "./config/validate.js";
export { backoffDelay } from "./connection/backoff.js";
export type { LinkError } from "./connection/connection-error.js";
export { type DeadlineEntry, DeadlineQueue } from "./connection/deadline-queue.js";
export type { LinkEvents, LinkOptions, LinkState } from "./connection/link.js";
export { Link } from "./connection/link.js";
export {
  type ConnectionState,
  NodeConnection,
  type NodeConnectionOptions,
} from "./connection/node-connection.js";
export type { WireRequest } from "./connection/wire-request.js";
export * from "./errors.js";
export type {
  ReturnTypeAttribute,
  ReturnTypeMap,
  ReturnTypeRecord,
} from "./glide-return-types.js";
export * from "./instrumentation/channels.js";
export type {
  GlideOpenTelemetryConfig,
  GlideSpanContext,
  OpenTelemetryConfig,
  OpenTelemetryMetricsConfig,
  OpenTelemetryTracesConfig,
} from "./instrumentation/open-telemetry-config.js";
export { type LevelOptions, Logger } from "./logger.js";
export type * from "./modules/ft-options.js";
export {
  type FtAggregateReturnType,
  type FtInfoReturnType,
  type FtSearchReturnType,
  GlideFt,
} from "./modules/glide-ft.js";
export {
  GlideJson,
  type JsonArrPopOptions,
  type JsonGetOptions,
  type ReturnTypeJson,
  type UniversalReturnTypeJson,
} from "./modules/glide-json.js";
export { JsonBatch, type JsonBatchTarget } from "./modules/json-batch.js";
export type { ModuleClient } from "./modules/module-command.js";
export { GlideMonitorClient, MONITOR_QUEUE_LIMIT } from "./monitor/glide-monitor-client.js";
export { closeMonitorClient, createMonitorClient } from "./monitor/monitor-handles.js";
export type { MonitorLine } from "./monitor/monitor-line.js";
export { ClientPool } from "./pool/client-pool.js";
export { IsolatedScope } from "./pool/isolated-scope.js";
export type { ClientPoolMetrics, PoolClient, PoolConfig } from "./pool/pool-config.js";
export type { PubSubMethods } from "./pubsub/pubsub-methods.js";
export {
  ALL_CHANNELS,
  ALL_PATTERNS,
  PubSubChannelModes,
  type PubSubMsg,
  type PubSubSubscriptions,
  type StandalonePubSubState,
} from "./pubsub/types.js";
export type { AddressResolver } from "./resolver/address-resolver.js";
export { registerAddressResolver, removeAddressResolver } from "./resolver/registry.js";
export {
  type ScanIterators,
  scanBatches,
} from "./scan/scan-iterators.js";
export { type InvokeScriptOptions, invokeScript } from "./scripting/invoke-script.js";
export { Script } from "./scripting/script.js";
export { GlideClient } from "./standalone/glide-client.js";
export * from "./uri/index.js";
