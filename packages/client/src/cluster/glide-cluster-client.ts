// GLIDE's GlideClusterClient. Its command methods are generated from
// @petrel/commands' `clusterCommands`; this file wires the cluster pieces
// together: the node pool, the topology manager, the attempt tracker, the
// retry loop, the command and batch executors, and cluster SCAN. The request path itself (limits, timeouts, instrumentation)
// is BaseClient's, shared with GlideClient.
import { ClusterScanCursor } from "@petrel/cluster";
import {
  type ClusterResponse,
  type ClusterScanOptions,
  type Command,
  clusterCommands,
  type DecoderOption,
  type GlideClusterClientCommandMethods,
  type GlideReturnType,
  installCommandMethods,
  type RouteOption,
} from "@petrel/commands";
import {
  type ClosingError,
  type CommandArg,
  ConnectionError,
  type GlideString,
  RequestError,
  type RespValue,
} from "@petrel/protocol";
import { BaseClient } from "../base-client.js";
import {
  type ExecutableBatch,
  execArgumentsError,
  retryStrategyError,
} from "../batch/executable-batch.js";
import { cacheHooks } from "../cache/cache-hooks.js";
import { installCachedReads } from "../cache/cached-reads.js";
import { CircuitBreakers } from "../circuit-breaker/breakers.js";
import type { ResolvedAddress } from "../config/resolved.js";
import type { CommandRequest } from "../connection/command-request.js";
import { NodeConnection } from "../connection/node-connection.js";
import { customCommand, perNodeAsGlideRecord } from "../custom-command.js";
import { PubSubManager } from "../pubsub/pubsub-manager.js";
import {
  attachPubSub,
  installPubSubMethods,
  type PubSubMethods,
} from "../pubsub/pubsub-methods.js";
import type { SubscriberConnection } from "../pubsub/subscriber-connection.js";
import type { PubSubSubscriptions } from "../pubsub/types.js";
import { invokeScript } from "../scripting/invoke-script.js";
import type { Script } from "../scripting/script.js";
import { AttemptTracker } from "./attempt-tracker.js";
import { BatchExecutor } from "./batch-executor.js";
import { clusterScan } from "./cluster-scan.js";
import {
  type ClusterBatchOptions,
  type GlideClusterClientConfiguration,
  type ResolvedClusterConfig,
  resolveClusterConfig,
} from "./config.js";
import { TopologyReader } from "./discovery.js";
import { NodePool } from "./node-pool.js";
import { RequestExecutor } from "./request-executor.js";
import { RetryLoop } from "./retry-loop.js";
import { ShardedPubSub } from "./sharded-pubsub.js";
import {
  attachShardedPubSub,
  configuredShardedChannels,
  installShardedPubSubMethods,
  type ShardedPubSubMethods,
} from "./sharded-pubsub-methods.js";
import { TopologyManager } from "./topology-manager.js";

/** Minimum time between two full topology refreshes, plus up to the jitter. */
const MIN_REFRESH_INTERVAL_MS = 100;
const REFRESH_JITTER_MS = 50;
/** Topology queries wait at most this long for one node. */
const MAX_TOPOLOGY_QUERY_MS = 1000;

// The command methods, typed and documented by the generated declarations (installed on the
// prototype below).
export interface GlideClusterClient
  extends GlideClusterClientCommandMethods,
    Omit<PubSubMethods, "getSubscriptions">,
    ShardedPubSubMethods {}

export class GlideClusterClient extends BaseClient {
  readonly #pool: NodePool;
  readonly #topology: TopologyManager;
  readonly #attempts = new AttemptTracker();
  readonly #executor: RequestExecutor;
  readonly #batches: BatchExecutor;
  readonly #pubsub: PubSubManager;
  readonly #sharded: ShardedPubSub;
  /** Addresses handed to the exact/pattern subscriber connection so far. */
  #subscriberTargets = 0;
  /** One circuit breaker per node address, when `clientCircuitBreaker` is set. */
  readonly #breakers: CircuitBreakers;

  private constructor(resolved: ResolvedClusterConfig) {
    super(resolved.base);
    const config = resolved.base;
    this.#breakers = new CircuitBreakers(config.circuitBreaker, true);
    this.#pool = new NodePool(
      { create: (address, tail) => this.#createConnection(address, tail) },
      config.requestTimeoutMs + 1000,
    );
    this.#topology = new TopologyManager(
      {
        seeds: config.addresses,
        readsFromReplicas: config.readFrom !== "primary",
        refreshFromSeedsOnly: resolved.refreshFromInitialNodes,
        periodicCheckMs: resolved.periodicCheckMs,
        minRefreshIntervalMs: MIN_REFRESH_INTERVAL_MS,
        refreshJitterMs: REFRESH_JITTER_MS,
        onRefreshed: (changed) => {
          const view = this.#topology.current;
          if (changed && view !== undefined) this.#attempts.withdrawStranded(view);
          if (changed) this.#sharded.reconcile();
          // Keys may now live where this client never read them: their invalidations would not come.
          if (changed) this.clientCache?.invalidationsMayBeLost();
        },
      },
      this.#pool,
      new TopologyReader(config, Math.min(config.connectionTimeoutMs, MAX_TOPOLOGY_QUERY_MS)),
    );
    const loop = new RetryLoop(
      config,
      this.#topology,
      this.#pool,
      this.#attempts,
      resolved.recoveryRequestsQueueSize,
    );
    this.#executor = new RequestExecutor(loop, this.#attempts, this.#topology);
    this.#batches = new BatchExecutor(loop, this.#attempts, this.#topology);
    // Exact channels and patterns reach every node of a cluster: one subscriber connection
    // to a primary serves them, and follows the view when it reconnects.
    this.#pubsub = new PubSubManager({
      config,
      target: () => this.#subscriberAddress(),
      credentials: this.resolveCredentials,
      subscriptions: resolved.subscriptions as PubSubSubscriptions | undefined,
    });
    attachPubSub(this, this.#pubsub, config.defaultDecoder);
    // Sharded channels live on their slot's shard: one subscriber connection per owning primary.
    this.#sharded = new ShardedPubSub(
      {
        config,
        credentials: this.resolveCredentials,
        view: () => this.#topology.current,
        refresh: () => this.#topology.refresh("moved"),
        deliver: (channel, message) => this.#pubsub.receive(channel, message),
      },
      configuredShardedChannels(resolved.subscriptions?.channelsAndPatterns),
    );
    attachShardedPubSub(this, {
      sharded: this.#sharded,
      manager: this.#pubsub,
      decoder: config.defaultDecoder,
    });
  }

  /**
   * Validates `options` (ConfigurationError), discovers the cluster from the seed addresses
   * unless `lazyConnect`, and returns the client.
   */
  static async createClient(options: GlideClusterClientConfiguration): Promise<GlideClusterClient> {
    const client = new GlideClusterClient(resolveClusterConfig(options));
    if (!client.config.lazyConnect) {
      try {
        await client.#topology.ready();
        await client.#pubsub.start(client.config.connectionTimeoutMs);
        await client.#sharded.start(client.config.connectionTimeoutMs);
      } catch (error) {
        client.close();
        throw error;
      }
    }
    return client;
  }

  /**
   * Sends any command as an argument list, where `route` says (by default, where its keys or
   * its request policy say). The reply has GLIDE's shape for the command (the same on RESP2
   * and RESP3); replies from several nodes come as a list of `{ key: address, value }`.
   */
  customCommand(
    args: GlideString[],
    options?: RouteOption & DecoderOption,
  ): Promise<ClusterResponse<GlideReturnType>> {
    if (!Array.isArray(args) || args.length === 0) {
      return Promise.reject(new RequestError("customCommand needs a non-empty array of arguments"));
    }
    return this.send({ ...customCommand([...args], options?.decoder), route: options?.route }).then(
      perNodeAsGlideRecord,
    ) as Promise<ClusterResponse<GlideReturnType>>;
  }

  /**
   * Runs `script` with EVALSHA where its keys go; when the server does not know it
   * (NOSCRIPT), loads it with SCRIPT LOAD on every node and runs it again.
   *
   * @see https://valkey.io/commands/evalsha/
   */
  override invokeScript(
    script: Script,
    options?: { keys?: GlideString[]; args?: GlideString[] } & DecoderOption,
  ): Promise<GlideReturnType> {
    return invokeScript((command) => this.send(command), script, options);
  }

  /**
   * Runs a keyless `script` where `route` says (one value, or one per node); NOSCRIPT loads
   * it on every node and runs it again.
   *
   * @see https://valkey.io/commands/evalsha/
   */
  invokeScriptWithRoute(
    script: Script,
    options?: { args?: GlideString[] } & DecoderOption & RouteOption,
  ): Promise<ClusterResponse<GlideReturnType>> {
    const route = options?.route;
    // Only EVALSHA takes the route: SCRIPT LOAD keeps its own policy (every node).
    const send = <T>(command: Command<T>): Promise<T> =>
      this.send(command.spec.name === "EVALSHA" ? { ...command, route } : command);
    return invokeScript(send, script, { args: options?.args, decoder: options?.decoder });
  }

  /**
   * Runs `batch`. A transaction (`isAtomic`) goes whole, as MULTI … EXEC, to the primary of
   * its one slot (CROSSSLOT otherwise), and is sent again whole after MOVED or ASK. A
   * pipeline sends each command where its keys go; only redirected commands are re-sent; a
   * fan-out with no combining rule (INFO…) answers one value per node, as the single command.
   * Returns one result per command, or `null` when a WATCHed key changed. With
   * `raiseOnError`, the first failed command rejects the call.
   */
  exec(
    batch: ExecutableBatch,
    raiseOnError: boolean,
    options?: ClusterBatchOptions & DecoderOption,
  ): Promise<GlideReturnType[] | null> {
    const timeout = options?.timeout;
    const invalid =
      execArgumentsError(batch, raiseOnError, timeout) ??
      retryStrategyError(batch.isAtomic, options?.retryStrategy);
    if (invalid !== undefined) return Promise.reject(invalid);
    const { route, retryStrategy } = options ?? {};
    return this.sendBatch(
      batch.commands,
      { atomic: batch.isAtomic, raiseOnError, timeoutMs: timeout, decoder: options?.decoder },
      (request) => this.#batches.run(request, route, retryStrategy),
    ) as Promise<GlideReturnType[] | null>;
  }

  /**
   * One step of a cluster-wide SCAN. Start with `new ClusterScanCursor()`, pass each returned
   * cursor back, stop when `cursor.isFinished()`. Every key present for the whole scan is
   * returned at least once, even across a reshard; a key may be returned more than once.
   *
   * @see https://valkey.io/commands/scan/
   */
  scan(
    cursor: ClusterScanCursor,
    options?: ClusterScanOptions & DecoderOption,
  ): Promise<[ClusterScanCursor, GlideString[]]> {
    return clusterScan(
      {
        view: () => this.#topology.ready(),
        refreshedView: () =>
          this.#topology.refresh("connectionError").then(() => this.#topology.ready()),
        send: (command) => this.send(command),
      },
      cursor,
      options,
    );
  }

  /** Every key of the cluster (matching `options`), as an async iterator over SCAN. */
  async *scanIterator(options?: ClusterScanOptions & DecoderOption): AsyncGenerator<GlideString> {
    let cursor = new ClusterScanCursor();
    while (!cursor.isFinished()) {
      const [next, keys] = await this.scan(cursor, options);
      cursor = next;
      yield* keys;
    }
  }

  /** Full topology refreshes completed so far (the first discovery included). */
  get topologyRefreshCount(): number {
    return this.#topology.refreshCount;
  }

  protected dispatch(request: CommandRequest<unknown>): void {
    this.#executor.run(request);
  }

  override requestSettled(request: CommandRequest<unknown>): void {
    super.requestSettled(request);
    this.#attempts.settled(request);
  }

  protected connections(): Iterable<NodeConnection> {
    return this.#pool.connections();
  }

  protected subscriberConnections(): Iterable<SubscriberConnection> {
    return [this.#pubsub.connection, ...this.#sharded.connections()];
  }

  protected reconcileSubscriptions(): boolean {
    const exact = this.#pubsub.reconcile();
    return this.#sharded.checkSync() && exact;
  }

  protected closeConnections(error: ClosingError): void {
    this.#pubsub.close(error);
    this.#sharded.close(error);
    this.#topology.close();
    this.#attempts.failAll(error);
    this.#pool.closeAll(error);
  }

  /**
   * A primary of the current view, for the subscriber connection (random, to spread load).
   * A reconnect refreshes the view first: the node it lost may be gone for good.
   */
  async #subscriberAddress(): Promise<ResolvedAddress> {
    if (this.#subscriberTargets++ > 0) {
      await this.#topology.refresh("connectionError").catch(() => undefined);
    }
    const view = await this.#topology.ready();
    const shard = view.shards[Math.floor(Math.random() * view.shards.length)];
    if (shard === undefined) throw new ConnectionError("No cluster node to subscribe on");
    return { host: shard.primary.host, port: shard.primary.port };
  }

  #createConnection(
    address: ResolvedAddress,
    handshakeTail: readonly (readonly CommandArg[])[],
  ): NodeConnection {
    return new NodeConnection({
      address,
      config: this.config,
      credentials: this.resolveCredentials,
      extraHandshakeCommands: handshakeTail,
      deadlines: this.deadlines,
      ...cacheHooks(this.clientCache),
      breaker: this.#breakers.for(`${address.host}:${address.port}`),
      repliesDueElsewhere: (connection) => this.#pool.awaitsReplies(connection),
      onAttemptFailed: (connection) => {
        if (this.closed) return;
        this.#topology.signal("connectionError");
        this.#attempts.withdrawWaitingOn(connection);
      },
    });
  }
}

installPubSubMethods(GlideClusterClient.prototype);
installShardedPubSubMethods(GlideClusterClient.prototype);
installCommandMethods(GlideClusterClient.prototype, clusterCommands, (self, command) =>
  (self as GlideClusterClient).send(command as Command<RespValue>),
);
installCachedReads(GlideClusterClient.prototype);
