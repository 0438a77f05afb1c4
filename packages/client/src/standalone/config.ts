// The standalone-only options (readOnly, nodeDiscoveryMode) around the shared
// validation, so the cluster client never accepts them by accident.
import { ConfigurationError } from "@petrel/protocol";
import type { ResolvedConfig } from "../config/resolved.js";
import { type GlideClientConfiguration, NodeDiscoveryMode } from "../config/types.js";
import { resolveConfig } from "../config/validate.js";
import { checkSubscriptions } from "../pubsub/pubsub-manager.js";
import type { PubSubSubscriptions } from "../pubsub/types.js";

/** How the standalone topology is found. */
export type StandaloneTopologyMode = "discover" | "static" | "readOnly";

export interface ResolvedStandaloneConfig {
  readonly base: ResolvedConfig;
  readonly mode: StandaloneTopologyMode;
  /** Pub/Sub subscriptions made on connect (GLIDE's `pubsubSubscriptions`). */
  readonly subscriptions: PubSubSubscriptions | undefined;
}

function fail(field: string, problem: string): never {
  throw new ConfigurationError(`Invalid configuration: ${field} ${problem}`);
}

export function resolveStandaloneConfig(
  options: GlideClientConfiguration,
): ResolvedStandaloneConfig {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    fail("configuration", "must be an object");
  }
  const { readOnly, nodeDiscoveryMode, pubsubSubscriptions, ...shared } = options;
  const subscriptions = checkSubscriptions(pubsubSubscriptions);
  if (readOnly !== undefined && typeof readOnly !== "boolean")
    fail("readOnly", "must be a boolean");
  if (
    nodeDiscoveryMode !== undefined &&
    nodeDiscoveryMode !== NodeDiscoveryMode.Standard &&
    nodeDiscoveryMode !== NodeDiscoveryMode.Static
  ) {
    fail(
      "nodeDiscoveryMode",
      "must be NodeDiscoveryMode.Standard (0) or NodeDiscoveryMode.Static (1)",
    );
  }
  if (readOnly === true) {
    if (shared.readFrom === "AZAffinity" || shared.readFrom === "AZAffinityReplicasAndPrimary") {
      fail("readOnly", `cannot be combined with readFrom "${shared.readFrom}"`);
    }
    const base = resolveConfig({ ...shared, readFrom: shared.readFrom ?? "preferReplica" });
    return { base, mode: "readOnly", subscriptions };
  }
  const base = resolveConfig(shared);
  return {
    base,
    mode: nodeDiscoveryMode === NodeDiscoveryMode.Static ? "static" : "discover",
    subscriptions,
  };
}
