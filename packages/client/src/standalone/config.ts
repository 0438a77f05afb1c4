// The standalone-only options (readOnly, nodeDiscoveryMode) around the shared
// validation, so the cluster client never accepts them by accident.
import type { ResolvedConfig } from "../config/resolved.js";
import { type GlideClientConfiguration, NodeDiscoveryMode } from "../config/types.js";
import { invalidConfiguration as fail, resolveConfig } from "../config/validate.js";
import { checkSubscriptions } from "../pubsub/pubsub-manager.js";
import type { PubSubSubscriptions } from "../pubsub/types.js";
import { type ResolvedSentinel, resolveSentinel } from "../sentinel/config.js";

/** How the standalone topology is found. */
export type StandaloneTopologyMode = "discover" | "static" | "readOnly";

export interface ResolvedStandaloneConfig {
  readonly base: ResolvedConfig;
  readonly mode: StandaloneTopologyMode;
  /** Pub/Sub subscriptions made on connect (GLIDE's `pubsubSubscriptions`). */
  readonly subscriptions: PubSubSubscriptions | undefined;
  /** With `sentinel`: the sentinels that name the primary (then `base.addresses` is empty). */
  readonly sentinel?: ResolvedSentinel;
}

export function resolveStandaloneConfig(
  options: GlideClientConfiguration,
): ResolvedStandaloneConfig {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    fail("configuration", "must be an object");
  }
  const { readOnly, nodeDiscoveryMode, pubsubSubscriptions, sentinel, ...shared } = options;
  const subscriptions = checkSubscriptions(pubsubSubscriptions);
  if (sentinel !== undefined) {
    return resolveWithSentinel(shared, sentinel, readOnly, nodeDiscoveryMode, subscriptions);
  }
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

/** A configuration with `sentinel`: the sentinels replace `addresses`, roles are always discovered. */
function resolveWithSentinel(
  shared: Omit<GlideClientConfiguration, "readOnly" | "nodeDiscoveryMode" | "sentinel">,
  sentinel: unknown,
  readOnly: unknown,
  nodeDiscoveryMode: unknown,
  subscriptions: PubSubSubscriptions | undefined,
): ResolvedStandaloneConfig {
  if (shared.addresses !== undefined) {
    fail(
      "addresses",
      "cannot be combined with sentinel: the sentinels name the primary and its replicas",
    );
  }
  if (readOnly === true) fail("readOnly", "cannot be combined with sentinel");
  if (nodeDiscoveryMode === NodeDiscoveryMode.Static)
    fail("nodeDiscoveryMode", "cannot be Static with sentinel: the sentinels name the roles");
  // A stand-in address while the shared fields are checked; the sentinels are checked next.
  const checked = resolveConfig({ ...shared, addresses: [{ host: "sentinel" }] });
  const resolved = resolveSentinel(sentinel, checked);
  return {
    base: { ...checked, addresses: [] },
    mode: "discover",
    subscriptions,
    sentinel: resolved,
  };
}
