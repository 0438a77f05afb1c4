// GLIDE's cluster configuration (`GlideClusterClientConfiguration`) and its
// validation: the shared fields go through the standalone validator, the
// cluster-only ones are checked here.
import type { SingleNodeRoute } from "@petrel/commands";
import type { ExecRetryStrategy } from "../batch/executable-batch.js";
import type { ResolvedConfig } from "../config/resolved.js";
import type {
  AdvancedBaseClientConfiguration,
  BaseClientConfiguration,
  GlideClientConfiguration,
} from "../config/types.js";
import { invalidConfiguration as fail, resolveConfig } from "../config/validate.js";
import type { PubSubSubscriptions } from "../pubsub/types.js";
import { ClusterPubSubChannelModes as ClusterChannelModes } from "./sharded-pubsub-methods.js";

/** GLIDE's cluster `PubSubSubscriptions`: the standalone shape plus sharded channels. */
export type ClusterPubSubSubscriptions = Omit<PubSubSubscriptions, "channelsAndPatterns"> & {
  channelsAndPatterns: Partial<Record<ClusterChannelModes, Set<string>>>;
};

/** Topology checks every `duration_in_sec` seconds. */
export interface PeriodicChecksManualInterval {
  duration_in_sec: number;
}

/** GLIDE's periodic topology checks: default every 60 s, off, or a custom interval. */
export type PeriodicChecks = "enabledDefaultConfigs" | "disabled" | PeriodicChecksManualInterval;

export type AdvancedGlideClusterClientConfiguration = AdvancedBaseClientConfiguration & {
  /** Refresh the topology from the seed addresses only, never from discovered nodes. */
  refreshTopologyFromInitialNodes?: boolean;
};

export type GlideClusterClientConfiguration = BaseClientConfiguration & {
  /** Channels and patterns subscribed at creation (and after every reconnect). */
  pubsubSubscriptions?: ClusterPubSubSubscriptions;
  /** Default "enabledDefaultConfigs" (60 s). */
  periodicChecks?: PeriodicChecks;
  /**
   * How many requests may wait for nodes that are reconnecting after a failure; those beyond
   * fail at once with ConnectionError. 0: fail fast, nothing waits. Default 1000 (GLIDE's).
   */
  recoveryRequestsQueueSize?: number;
  advancedConfiguration?: AdvancedGlideClusterClientConfiguration;
};

/** GLIDE's names for the cluster Pub/Sub configuration types (a value, as in GLIDE). */
export namespace GlideClusterClientConfiguration {
  export const PubSubChannelModes = ClusterChannelModes;
  export type PubSubChannelModes = ClusterChannelModes;
  export type PubSubSubscriptions = ClusterPubSubSubscriptions;
}

/** Options of `GlideClusterClient.exec`. */
export interface ClusterBatchOptions {
  /** Milliseconds for the whole batch; default the client's request timeout. */
  timeout?: number;
  /** Send the whole batch to this node (redirects still apply). */
  route?: SingleNodeRoute;
  /** Pipelines only: retry TRYAGAIN-like errors and/or connection errors (default: neither). */
  retryStrategy?: ExecRetryStrategy;
}

export const DEFAULT_PERIODIC_CHECK_MS = 60_000;
/** GLIDE's default `recoveryRequestsQueueSize`. */
export const DEFAULT_RECOVERY_REQUESTS_QUEUE_SIZE = 1000;

export interface ResolvedClusterConfig {
  readonly base: ResolvedConfig;
  /** Milliseconds between topology checks; undefined when disabled. */
  readonly periodicCheckMs: number | undefined;
  readonly refreshFromInitialNodes: boolean;
  readonly subscriptions: ClusterPubSubSubscriptions | undefined;
  readonly recoveryRequestsQueueSize: number;
}

function resolvePeriodicChecks(value: unknown): number | undefined {
  if (value === undefined || value === "enabledDefaultConfigs") return DEFAULT_PERIODIC_CHECK_MS;
  if (value === "disabled") return undefined;
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const seconds = (value as Record<string, unknown>).duration_in_sec;
    if (typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0)
      return Math.round(seconds * 1000);
    fail("periodicChecks.duration_in_sec", `must be a positive number, got ${String(seconds)}`);
  }
  fail(
    "periodicChecks",
    `must be "enabledDefaultConfigs", "disabled" or { duration_in_sec }, got ${String(value)}`,
  );
}

/** Validates `options` and applies the defaults. Throws ConfigurationError. */
export function resolveClusterConfig(
  options: GlideClusterClientConfiguration,
): ResolvedClusterConfig {
  if (typeof options !== "object" || options === null || Array.isArray(options))
    fail("configuration", "must be an object");
  const {
    periodicChecks,
    advancedConfiguration,
    pubsubSubscriptions,
    recoveryRequestsQueueSize,
    ...shared
  } = options;
  if (
    recoveryRequestsQueueSize !== undefined &&
    (typeof recoveryRequestsQueueSize !== "number" ||
      !Number.isInteger(recoveryRequestsQueueSize) ||
      recoveryRequestsQueueSize < 0 ||
      recoveryRequestsQueueSize > 2 ** 31 - 1)
  ) {
    fail(
      "recoveryRequestsQueueSize",
      `must be an integer from 0 to ${2 ** 31 - 1}, got ${String(recoveryRequestsQueueSize)}`,
    );
  }
  checkSubscriptions(pubsubSubscriptions);
  let refreshFromInitialNodes = false;
  let advanced: AdvancedBaseClientConfiguration | undefined;
  if (advancedConfiguration !== undefined) {
    if (typeof advancedConfiguration !== "object" || advancedConfiguration === null)
      fail("advancedConfiguration", "must be an object");
    const { refreshTopologyFromInitialNodes, ...rest } = advancedConfiguration;
    if (
      refreshTopologyFromInitialNodes !== undefined &&
      typeof refreshTopologyFromInitialNodes !== "boolean"
    ) {
      fail("advancedConfiguration.refreshTopologyFromInitialNodes", "must be a boolean");
    }
    refreshFromInitialNodes = refreshTopologyFromInitialNodes ?? false;
    advanced = rest;
  }
  const standaloneShape: GlideClientConfiguration =
    advanced === undefined ? shared : { ...shared, advancedConfiguration: advanced };
  const base = resolveConfig(standaloneShape);
  if (base.addresses.some((address) => address.path !== undefined))
    fail("addresses", "must be { host, port? }: a cluster is not reached through a Unix socket");
  return {
    base,
    periodicCheckMs: resolvePeriodicChecks(periodicChecks),
    refreshFromInitialNodes,
    subscriptions: pubsubSubscriptions,
    recoveryRequestsQueueSize: recoveryRequestsQueueSize ?? DEFAULT_RECOVERY_REQUESTS_QUEUE_SIZE,
  };
}

/** Exact channels (0), patterns (1) and sharded channels (2), each a Set of names. */
function checkSubscriptions(subscriptions: ClusterPubSubSubscriptions | undefined): void {
  if (subscriptions === undefined) return;
  const modes = subscriptions.channelsAndPatterns;
  if (typeof modes !== "object" || modes === null)
    fail("pubsubSubscriptions.channelsAndPatterns", "must be an object");
  for (const [mode, names] of Object.entries(modes)) {
    if (mode !== "0" && mode !== "1" && mode !== "2")
      fail(
        `pubsubSubscriptions.channelsAndPatterns[${mode}]`,
        "is not a mode: exact channels (0), patterns (1) or sharded channels (2)",
      );
    if (!(names instanceof Set))
      fail(`pubsubSubscriptions.channelsAndPatterns[${mode}]`, "must be a Set of names");
  }
}
