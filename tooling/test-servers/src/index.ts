// Public API: start and stop real valkey-server / redis-server topologies.

export type { AdminConnectOptions, AdminTls } from "./admin/admin-connection.js";
export { AdminConnection, parseInfo, withAdminConnection } from "./admin/admin-connection.js";
export { parseClusterShape } from "./cli/arguments.js";
export { type SweepResult, sweepLeftovers } from "./process/leftover-sweep.js";
export { trackedProcessIds } from "./process/process-registry.js";
export { findServerBinaries, installHint, type ServerBinaries } from "./process/server-binaries.js";
export type { ServerProcess } from "./process/server-process.js";
export { generateTlsMaterial } from "./tls/certificates.js";
export { defaultClusterShape, slotRanges, startCluster } from "./topology/cluster.js";
export { RunningTopology } from "./topology/running-topology.js";
export { sentinelFields, startSentinel } from "./topology/sentinel.js";
export { startStandalone } from "./topology/standalone.js";
export type * from "./types.js";
export { TestServerError } from "./util/errors.js";
export { vitestGlobalSetupPath } from "./vitest/global-setup-path.js";
