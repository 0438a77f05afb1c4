// The standalone client. Its command methods are generated from
// @petrel/commands' `standaloneCommands`; this file only decides where each
// request goes (primary for writes, readFrom for reads) and follows failovers.
import {
  type Command,
  CommandFlags,
  type Decoder,
  type DecoderOption,
  type FunctionStatsFullResponse,
  type GlideClientCommandMethods,
  type GlideReturnType,
  installCommandMethods,
  standaloneCommands,
} from "@petrel/commands";
import {
  ClosingError,
  ConnectionError,
  type GlideString,
  RequestError,
  serverErrorCode,
} from "@petrel/protocol";
import { rejectInsteadOfThrowing } from "../async-methods.js";
import { BaseClient, CLOSED_CLIENT_MESSAGE } from "../base-client.js";
import { BatchRequest } from "../batch/batch-request.js";
import { type ExecutableBatch, execArgumentsError } from "../batch/executable-batch.js";
import { BlockingPool, blocksConnection } from "../blocking/blocking-pool.js";
import { cacheHooks } from "../cache/cache-hooks.js";
import { installCachedReads } from "../cache/cached-reads.js";
import { CircuitBreakers } from "../circuit-breaker/breakers.js";
import type { ResolvedAddress, ResolvedConfig } from "../config/resolved.js";
import type { GlideClientConfiguration } from "../config/types.js";
import { CommandRequest } from "../connection/command-request.js";
import { NodeConnection } from "../connection/node-connection.js";
import type { WireRequest } from "../connection/wire-request.js";
import { customCommand, isFunctionStats } from "../custom-command.js";
import { channels } from "../instrumentation/channels.js";
import { Logger } from "../logger.js";
import { PubSubManager } from "../pubsub/pubsub-manager.js";
import {
  attachPubSub,
  installPubSubMethods,
  type PubSubMethods,
} from "../pubsub/pubsub-methods.js";
import type { SubscriberConnection } from "../pubsub/subscriber-connection.js";
import type { PubSubSubscriptions } from "../pubsub/types.js";
import { installScanIterators, type ScanIterators } from "../scan/scan-iterators.js";
import { customFunctionStatsOfNodes, functionStatsOfNodes } from "../scripting/function-stats.js";
import { invokeScript } from "../scripting/invoke-script.js";
import type { Script } from "../scripting/script.js";
import type { ResolvedSentinel } from "../sentinel/config.js";
import { SentinelLocator } from "../sentinel/sentinel-locator.js";
import { SentinelWatcher } from "../sentinel/sentinel-watcher.js";
import { resolveStandaloneConfig, type StandaloneTopologyMode } from "./config.js";
import { ReadRouter } from "./read-routing.js";
import { StandaloneTopology } from "./topology.js";

const READ_ONLY_MESSAGE = "Write commands are not allowed in read-only mode (readOnly: true)";

/**
 * How long a primary whose replica Sentinel is promoting stays unused if no switch follows
 * (the failover was aborted): promotion to `+switch-master` takes about a second.
 */
const PROMOTION_HOLD_MS = 5_000;

/**
 * Pause before discovery is tried again for requests waiting out a Sentinel failover (each
 * discovery already retries for up to the connection timeout).
 */
const PARKED_RETRY_MS = 100;

/** READONLY retries per request before the error reaches the caller. */
const MAX_READONLY_RETRIES = 2;

function isRead(command: Command<unknown>): boolean {
  const flags = command.spec.flags;
  return (flags & CommandFlags.READONLY) !== 0 && (flags & CommandFlags.WRITE) === 0;
}

// The command methods, typed and documented by the generated declarations (installed on the
// prototype below).
export interface GlideClient extends GlideClientCommandMethods, PubSubMethods, ScanIterators {
  // MIGRATE takes one key or several here, one key on BaseClient: the interface restates it so
  // that it wins over the base class's (editors show the documentation it inherits).
  migrate: GlideClientCommandMethods["migrate"];
}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface types the generated methods.
export class GlideClient extends BaseClient {
  readonly #topology: StandaloneTopology;
  readonly #router: ReadRouter<NonNullable<StandaloneTopology["primary"]>>;
  /** Work waiting for the topology (first discovery, or after READONLY), with how to resend it. */
  #parked: { request: WireRequest; resend: () => void }[] = [];
  #started = false;

  readonly #readOnly: boolean;
  readonly #pubsub: PubSubManager;
  readonly #blocking: BlockingPool;
  /** With Sentinel: the subscription to the sentinels' switch and replica events. */
  readonly #sentinelWatcher: SentinelWatcher | undefined;
  readonly #sentinelLocator: SentinelLocator | undefined;
  /** GLIDE's client-wide breaker, shared by the primary's and the replicas' connections. */
  readonly #breakers: CircuitBreakers;

  private constructor(
    config: ResolvedConfig,
    mode: StandaloneTopologyMode,
    subscriptions?: PubSubSubscriptions,
    sentinel?: ResolvedSentinel,
  ) {
    super(config);
    this.#pubsub = new PubSubManager({
      config,
      target: () => this.#primaryAddress(),
      credentials: this.resolveCredentials,
      subscriptions,
    });
    attachPubSub(this, this.#pubsub, config.defaultDecoder);
    this.#blocking = new BlockingPool({
      config,
      credentials: this.resolveCredentials,
      deadlines: this.deadlines,
    });
    this.#readOnly = mode === "readOnly";
    this.#breakers = new CircuitBreakers(config.circuitBreaker, false);
    this.#router = new ReadRouter(config.readFrom, config.clientAz);
    if (sentinel !== undefined) {
      this.#sentinelLocator = new SentinelLocator(sentinel, this.deadlines);
      this.#sentinelWatcher = new SentinelWatcher(sentinel, this.#sentinelLocator, {
        onSwitch: (primary) => this.#onPrimarySwitched(primary),
        onPromotion: (primary, promoted) => this.#onPromotion(primary, promoted),
        onReplicasChanged: () => this.#onTopologyEvent(),
        onResubscribed: () => this.#onTopologyEvent(),
      });
    }
    this.#topology = new StandaloneTopology(
      config,
      mode,
      (address) => this.#createConnection(address),
      (previous, current) => {
        this.#moveUnsentWork(previous.connection);
        this.#moveSubscriber(current.connection);
      },
      this.#sentinelLocator,
    );
  }

  /** Validates `options` (ConfigurationError), connects unless `lazyConnect`, and returns the client. */
  static async createClient(options: GlideClientConfiguration): Promise<GlideClient> {
    const { base, mode, subscriptions, sentinel } = resolveStandaloneConfig(options);
    const client = new GlideClient(base, mode, subscriptions, sentinel);
    if (!client.config.lazyConnect) {
      try {
        await client.#start();
      } catch (error) {
        client.close();
        throw error;
      }
    }
    return client;
  }

  /**
   * Sends any command as an argument list; the reply has GLIDE's shape for the command (the
   * same on RESP2 and RESP3). FUNCTION STATS, as in GLIDE, asks every node and answers with
   * a `{ key: "host:port", value }` list.
   */
  customCommand(args: GlideString[], options?: DecoderOption): Promise<GlideReturnType> {
    if (!Array.isArray(args) || args.length === 0) {
      return Promise.reject(new RequestError("customCommand needs a non-empty array of arguments"));
    }
    if (isFunctionStats(args))
      return customFunctionStatsOfNodes(
        this.#topology.connections(),
        args,
        options?.decoder,
      ) as Promise<GlideReturnType>;
    return this.send(customCommand(args, options?.decoder));
  }

  /**
   * Runs `script` with EVALSHA; when the server does not know it (NOSCRIPT), loads it with
   * SCRIPT LOAD and runs it again.
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
   * Runs `batch`: a MULTI/EXEC transaction when `batch.isAtomic`, else a pipeline. Returns one
   * result per command, or `null` when a WATCHed key changed. With `raiseOnError` the first
   * failed command rejects the call; otherwise errors are returned in their slots.
   */
  exec(
    batch: ExecutableBatch,
    raiseOnError: boolean,
    options?: { timeout?: number } & DecoderOption,
  ): Promise<GlideReturnType[] | null> {
    const timeout = options?.timeout;
    const invalid = execArgumentsError(batch, raiseOnError, timeout);
    if (invalid !== undefined) return Promise.reject(invalid);
    return this.runBatch(batch.commands, {
      atomic: batch.isAtomic,
      raiseOnError,
      timeout,
      decoder: options?.decoder,
    }) as Promise<GlideReturnType[] | null>;
  }

  /**
   * Runs `commands` as one pipeline, or as a MULTI/EXEC transaction when `atomic`, on the
   * primary (or, when every command is a read, where readFrom sends reads). The building
   * block of `exec(batch)`.
   */
  runBatch(
    commands: readonly Command<unknown>[],
    options: { atomic: boolean; raiseOnError: boolean; timeout?: number; decoder?: Decoder },
  ): Promise<unknown[] | null> {
    return this.sendBatch(
      commands,
      {
        atomic: options.atomic,
        raiseOnError: options.raiseOnError,
        timeoutMs: options.timeout,
        decoder: options.decoder,
      },
      (request) => this.#dispatchBatch(request),
    );
  }

  #dispatchBatch(request: BatchRequest): void {
    const primary = this.#topology.primary;
    if (primary === undefined) {
      if (!this.#breakers.refused(request))
        this.#parkWork(request, () => this.#dispatchBatch(request));
      return;
    }
    const reads = request.commands.every(isRead);
    if (!reads && this.#readOnly) {
      request.fail(new RequestError(READ_ONLY_MESSAGE));
      return;
    }
    const target = reads ? this.#router.pick(primary, this.#topology.replicas) : primary;
    target.connection.send(request);
  }

  protected dispatch(request: CommandRequest<unknown>): void {
    // A lazy client makes its configured subscriptions with its first request.
    if (this.config.lazyConnect) this.#pubsub.connectInBackground();
    const primary = this.#topology.primary;
    if (primary === undefined) {
      if (!this.#breakers.refused(request)) this.#park(request);
      return;
    }
    const read = isRead(request.command);
    if (!read && this.#readOnly) {
      request.fail(new RequestError(READ_ONLY_MESSAGE));
      return;
    }
    if (blocksConnection(request.command) && !this.#readOnly) {
      this.#blocking.send(request, primary.connection.address);
      return;
    }
    const target = read ? this.#router.pick(primary, this.#topology.replicas) : primary;
    target.connection.send(request);
  }

  override requestSettled(request: CommandRequest<unknown>): void {
    super.requestSettled(request);
    this.#blocking.released(request);
  }

  /**
   * FUNCTION STATS of every node (primary and replicas), keyed by "host:port".
   *
   * @see https://valkey.io/commands/function-stats/
   */
  functionStats(options?: DecoderOption): Promise<FunctionStatsFullResponse> {
    if (this.closed) return Promise.reject(new ClosingError(CLOSED_CLIENT_MESSAGE));
    return functionStatsOfNodes(this.#topology.connections(), options?.decoder);
  }

  /** The primary's address once known (discovering the topology if needed). */
  async #primaryAddress(): Promise<ResolvedAddress> {
    if (this.#topology.primary === undefined) await this.#topology.refresh();
    const primary = this.#topology.primary;
    if (primary === undefined) throw new ConnectionError("No primary to subscribe on");
    return primary.connection.address;
  }

  protected connections(): Iterable<NodeConnection> {
    return [...this.#topology.connections(), ...this.#blocking.connections()];
  }

  protected subscriberConnections(): Iterable<SubscriberConnection> {
    return [this.#pubsub.connection];
  }

  protected reconcileSubscriptions(): boolean {
    return this.#pubsub.reconcile();
  }

  protected closeConnections(error: ClosingError): void {
    this.#sentinelWatcher?.close();
    this.#sentinelLocator?.close();
    this.#pubsub.close(error);
    this.#blocking.close(error);
    this.#topology.close(error);
    const parked = this.#parked;
    this.#parked = [];
    for (const { request } of parked) request.fail(error);
  }

  override serverErrorHandled(request: CommandRequest<unknown>, error: RequestError): boolean {
    if (serverErrorCode(error) !== "READONLY" || !this.#topology.discovers) return false;
    if (request.retries >= MAX_READONLY_RETRIES || this.closed) return false;
    request.retries++;
    request.rearm();
    if (channels.retry.hasSubscribers) {
      channels.retry.publish({
        requestId: request.requestId,
        reason: "readOnly",
        attempt: request.retries,
      });
    }
    this.#park(request);
    return true;
  }

  async #start(): Promise<void> {
    this.#started = true;
    this.#watchSentinels();
    if (this.#topology.discovers) await this.#topology.refresh();
    else await this.#topology.connectTrusted();
    // The sentinels the first discovery learned are watched too.
    this.#watchSentinels();
    await this.#pubsub.start(this.config.connectionTimeoutMs);
  }

  #park(request: CommandRequest<unknown>): void {
    this.#parkWork(request, () => this.dispatch(request));
  }

  #parkWork(request: WireRequest, resend: () => void): void {
    this.#parked.push({ request, resend });
    if (this.#parked.length > 1) return;
    this.#watchSentinels();
    this.#refreshForParked();
  }

  #refreshForParked(): void {
    this.#topology.refresh().then(
      () => this.#releaseParked(undefined),
      (error: unknown) => {
        const failure = error instanceof Error ? error : new ConnectionError(String(error));
        if (this.closed || this.#sentinelLocator === undefined || !this.#topology.hadPrimary) {
          this.#releaseParked(failure);
          return;
        }
        // The sentinels are still failing the primary over (they name a dead or held one):
        // the requests wait for the new primary within their own timeout, not fail now.
        this.#parked = this.#parked.filter(({ request }) => {
          if (request.settled) return false;
          // Queued for a timeout (a request without one would wait forever).
          if (request.heapIndex >= 0) return true;
          request.fail(failure);
          return false;
        });
        if (this.#parked.length === 0) return;
        setTimeout(() => {
          if (!this.closed) this.#refreshForParked();
        }, PARKED_RETRY_MS);
      },
    );
  }

  #releaseParked(error: Error | undefined): void {
    this.#started = true;
    const parked = this.#parked;
    this.#parked = [];
    for (const { request, resend } of parked) {
      if (request.settled) continue;
      if (error) request.fail(error);
      else resend();
    }
  }

  /** Requests still waiting on the old primary's connection go to the new one. */
  #moveUnsentWork(previous: NodeConnection): void {
    const moved = previous.takeWaiting(
      (request) => request instanceof CommandRequest || request instanceof BatchRequest,
    );
    for (const request of moved) {
      if (request instanceof CommandRequest) this.dispatch(request);
      else if (request instanceof BatchRequest) this.#dispatchBatch(request);
    }
  }

  /**
   * The subscriber follows a moved primary at once: a demoted primary would otherwise keep it
   * until it drops the connection, and messages published on the new one would be missed.
   * Reconnecting targets the current primary and restores the subscriptions there.
   */
  #moveSubscriber(primary: NodeConnection): void {
    const subscriber = this.#pubsub.connection;
    if (!subscriber.isReady || subscriber.link.addressKey === primary.link.addressKey) return;
    this.#pubsub.disconnect(
      new ConnectionError(`The primary moved to ${primary.addressKey}; resubscribing there`),
    );
  }

  #createConnection(address: ResolvedAddress): NodeConnection {
    return new NodeConnection({
      address,
      config: this.config,
      credentials: this.resolveCredentials,
      deadlines: this.deadlines,
      ...cacheHooks(this.clientCache),
      breaker: this.#breakers.for(""),
      onReady: (connection) => this.#onTopologyEvent(connection),
      // A primary that cannot be reached may have been replaced by a promoted replica.
      onAttemptFailed: (connection) => this.#onTopologyEvent(connection),
    });
  }

  /** Subscribes to the sentinels' events, if configured with Sentinel and not yet done. */
  #watchSentinels(): void {
    this.#sentinelWatcher?.start().catch((error: unknown) => {
      Logger.log("warn", "sentinel", "subscribing to a sentinel failed", error as Error);
    });
  }

  /**
   * A sentinel announced a new primary: stop sending to the old one at once (it accepts writes
   * until it is demoted, and loses them then), and find the new one.
   */
  #onPrimarySwitched(primary: ResolvedAddress): void {
    if (this.closed) return;
    // Already there (adopted at the promotion, or announced by another sentinel before).
    if (this.#topology.primaryIs(primary)) return;
    const previous = this.#topology.forgetPrimary();
    if (previous !== undefined) this.#moveUnsentWork(previous.connection);
    this.#onTopologyEvent();
  }

  /**
   * Sentinel began promoting the replica at `promoted` in place of `primary`: what the old
   * primary takes from now on is lost. Requests wait (within their timeout) for the promoted
   * replica to say it is a primary, or for the switch, rather than go there.
   */
  #onPromotion(primary: ResolvedAddress, promoted: ResolvedAddress | undefined): void {
    if (this.closed) return;
    const previous = this.#topology.holdPrimary(primary, PROMOTION_HOLD_MS, promoted);
    if (previous !== undefined) this.#moveUnsentWork(previous.connection);
  }

  /**
   * A reconnect or a failed one may follow a failover: re-read the roles (in the background).
   * With Sentinel, which announces failovers, only the primary's connection matters.
   */
  #onTopologyEvent(connection?: NodeConnection): void {
    if (!this.#started || !this.#topology.discovers || this.closed) return;
    if (
      connection !== undefined &&
      this.#sentinelLocator !== undefined &&
      !this.#topology.isPrimary(connection)
    )
      return;
    this.#topology.refresh().catch((error: unknown) => {
      Logger.log("warn", "topology", "refreshing roles after a reconnect failed", error as Error);
    });
  }
}

// Pub/Sub and scan methods first, so the generated ones do not replace them. A
// generated method rejects rather than throws by itself (one wrapper, not two);
// the other methods named like a command are wrapped to do the same.
installPubSubMethods(GlideClient.prototype);
installScanIterators(GlideClient.prototype);
const generatedMethods = new Set(
  installCommandMethods(
    GlideClient.prototype,
    standaloneCommands,
    (self, command) => {
      try {
        return (self as GlideClient).send(command);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    (_self, error) => Promise.reject(error),
  ),
);
installCachedReads(GlideClient.prototype);
rejectInsteadOfThrowing(
  GlideClient.prototype,
  Object.keys(standaloneCommands).filter(
    (name) => name !== "customCommand" && !generatedMethods.has(name),
  ),
);
