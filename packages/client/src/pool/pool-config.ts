// The pool's configuration, its validation, and the shapes it hands out. GLIDE main's
// ClientPool is not released and still changing; the choices made here are written in the
// client README. Its `clusterMode` flag is GLIDE main's: a pool of whole cluster clients.
import { ConfigurationError } from "@petrel/protocol";
import type { GlideClusterClientConfiguration } from "../cluster/config.js";
import type { GlideClusterClient } from "../cluster/glide-cluster-client.js";
import type { GlideClientConfiguration } from "../config/types.js";
import type { GlideClient } from "../standalone/glide-client.js";

/** The clients a {@link ClientPool} lends: standalone, or cluster with `clusterMode: true`. */
export type PooledClient = GlideClient | GlideClusterClient;

/** How a {@link ClientPool} sizes, waits and reclaims, whichever clients it lends. */
interface PoolLimits {
  /** Most clients open at once, lent or idle. Default 8. */
  maxSize?: number;
  /** Most callers waiting in `acquire` when every client is lent; one more is refused. Default 1000. */
  maxWaiters?: number;
  /** How long `acquire` waits for a client before it rejects with TimeoutError. Default 5000 ms. */
  acquireTimeoutMs?: number;
  /**
   * How long a caller may hold a client. Past it the pool closes the client (its pending and
   * later commands reject with a ClosingError that says so) and opens a new one for the next
   * caller. Default 60000 ms; 0 turns it off.
   */
  abandonTimeoutMs?: number;
}

/**
 * How a {@link ClientPool} creates, lends and reclaims its clients: `PoolConfig` (of
 * GlideClients) takes a standalone configuration, `PoolConfig<GlideClusterClient>` a cluster
 * one with `clusterMode: true`.
 */
export type PoolConfig<C extends PooledClient = GlideClient> = PoolLimits &
  (C extends GlideClusterClient
    ? {
        /** The configuration of every cluster client the pool creates. */
        clientConfiguration: GlideClusterClientConfiguration;
        /** Creates GlideClusterClients (GLIDE main's flag). */
        clusterMode: true;
      }
    : {
        /** The configuration of every client the pool creates. */
        clientConfiguration: GlideClientConfiguration;
        /** Absent or false: the pool creates GlideClients. */
        clusterMode?: false;
      });

/** A client lent by {@link ClientPool.acquire}; give it back with {@link ClientPool.release}. */
export interface PoolClient<C extends PooledClient = GlideClient> {
  /** The lent client: its connections serve this holder alone until released. */
  readonly client: C;
  /** When it was lent (Date.now() scale). */
  readonly acquiredAt: number;
}

/** A snapshot of a pool's counters, from {@link ClientPool.getMetrics}. */
export interface ClientPoolMetrics {
  /** Clients open or being opened. */
  readonly size: number;
  /** Clients open and not lent. */
  readonly idle: number;
  /** Clients lent. */
  readonly inUse: number;
  /** Callers waiting in `acquire`. */
  readonly waiting: number;
  /** Clients lent since the pool was created. */
  readonly acquired: number;
  /** Clients given back since the pool was created. */
  readonly released: number;
  /** Clients opened since the pool was created. */
  readonly created: number;
  /** Clients closed since the pool was created (failed resets, abandons, pool close). */
  readonly destroyed: number;
  /** Clients reclaimed because their holder kept them past `abandonTimeoutMs`. */
  readonly abandoned: number;
  /** Acquires that timed out waiting. */
  readonly acquireTimeouts: number;
  /** Acquires refused because `maxWaiters` callers were already waiting. */
  readonly waitersRefused: number;
}

/** The pool's configuration with every default applied. */
export interface ResolvedPoolConfig {
  readonly clientConfiguration: GlideClientConfiguration | GlideClusterClientConfiguration;
  readonly clusterMode: boolean;
  readonly maxSize: number;
  readonly maxWaiters: number;
  readonly acquireTimeoutMs: number;
  readonly abandonTimeoutMs: number;
}

function count(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min)
    throw new ConfigurationError(`PoolConfig.${name} must be an integer >= ${min}, got ${value}`);
  return value;
}

/** Applies the defaults to `config`; a bad value throws ConfigurationError. */
export function resolvePoolConfig(config: PoolConfig<PooledClient>): ResolvedPoolConfig {
  if (config === null || typeof config !== "object" || config.clientConfiguration === undefined)
    throw new ConfigurationError("PoolConfig.clientConfiguration is required");
  const clusterMode = config.clusterMode ?? false;
  if (typeof clusterMode !== "boolean")
    throw new ConfigurationError(`PoolConfig.clusterMode must be a boolean, got ${clusterMode}`);
  return {
    clientConfiguration: config.clientConfiguration,
    clusterMode,
    maxSize: count("maxSize", config.maxSize, 8, 1),
    maxWaiters: count("maxWaiters", config.maxWaiters, 1000, 0),
    acquireTimeoutMs: count("acquireTimeoutMs", config.acquireTimeoutMs, 5000, 1),
    abandonTimeoutMs: count("abandonTimeoutMs", config.abandonTimeoutMs, 60_000, 0),
  };
}
