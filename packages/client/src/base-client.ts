// What every Petrel client shares: the request path (limits, timeouts,
// instrumentation), authentication updates, close() and statistics. Which
// NodeConnection a request goes to is the subclass's decision (`dispatch`).
import {
  type BaseClientCommandMethods,
  type Command,
  Decoder,
  type DecoderOption,
  type GlideReturnType,
} from "@petrel/commands";
import {
  ClosingError,
  ConfigurationError,
  type GlideString,
  RequestError,
  TimeoutError,
} from "@petrel/protocol";
import type { ResolvedCredentials } from "./auth/credentials-provider.js";
import { BatchRequest, type BatchSendOptions } from "./batch/batch-request.js";
import { ATTACH_CLIENT, cachingNotEnabled } from "./cache/attach.js";
import { CACHED_REPLY } from "./cache/cached-reads.js";
import type { CacheMetricName, ClientCache } from "./cache/client-cache.js";
import type { CommandCompressor, PreparedBatch } from "./compression/hook.js";
import { DEFAULTS } from "./config/defaults.js";
import type { ResolvedConfig } from "./config/resolved.js";
import { CommandRequest, type RequestOwner } from "./connection/command-request.js";
import { DeadlineQueue } from "./connection/deadline-queue.js";
import type { NodeConnection } from "./connection/node-connection.js";
import type { WireRequest } from "./connection/wire-request.js";
import { channels } from "./instrumentation/channels.js";
import { Logger } from "./logger.js";
import type { PubSubMethods } from "./pubsub/pubsub-methods.js";
import type { SubscriberConnection } from "./pubsub/subscriber-connection.js";
import type { Script } from "./scripting/script.js";
import { type ClientStatistics, statistics } from "./statistics.js";

export const CLOSED_CLIENT_MESSAGE =
  "Unable to execute requests; the client is closed. Please create a new client.";

let nextRequestId = 1;

/** Set by `captureSettlers`, read at once by the code that made the promise. */
let capturedResolve: (value: unknown) => void = () => undefined;
let capturedReject: (error: Error) => void = () => undefined;

/** A Promise executor shared by every request: keeps the settle functions for its caller. */
function captureSettlers(resolve: (value: never) => void, reject: (error: Error) => void): void {
  capturedResolve = resolve as (value: unknown) => void;
  capturedReject = reject;
}

/** Password set by updateConnectionPassword; `undefined` means "as configured". */
type PasswordOverride = { password: string | null } | undefined;

/**
 * What GLIDE's `BaseClient` declares and both clients implement: the command methods (typed and
 * documented by the generated declarations), Pub/Sub and scripts. They are installed on, or
 * defined by, `GlideClient` and `GlideClusterClient`.
 */
export interface BaseClient
  extends BaseClientCommandMethods,
    Omit<PubSubMethods, "getSubscriptions"> {
  /**
   * Runs `script` with EVALSHA where its keys go; when the server does not know it (NOSCRIPT),
   * loads it with SCRIPT LOAD and runs it again. Resolves to the script's reply.
   *
   * @see https://valkey.io/commands/evalsha/
   */
  invokeScript(
    script: Script,
    options?: { keys?: GlideString[]; args?: GlideString[] } & DecoderOption,
  ): Promise<GlideReturnType>;
}

/** The request path, authentication and lifecycle every Petrel client shares. */
export abstract class BaseClient implements RequestOwner {
  protected readonly config: ResolvedConfig;
  /** One timer structure for every timeout of this client. */
  protected readonly deadlines: DeadlineQueue<WireRequest>;
  #inflightRequests = 0;
  #closedFlag = false;
  #passwordOverride: PasswordOverride;
  #refreshTimer: NodeJS.Timeout | undefined;
  /** Checks every `pubsubReconciliationIntervalMs` that the wanted subscriptions are the actual ones. */
  #reconcileTimer: NodeJS.Timeout | undefined;
  /** Rewrites commands when compression is enabled (`@petrel/compression`). */
  readonly #compressor: CommandCompressor | undefined;
  /** Settles once the last command still being compressed has been sent (see `#inOrder`). */
  #compressing: Promise<void> | undefined;
  /** Serves and keeps cached reads when `clientSideCache` is configured. */
  readonly #cache: ClientCache | undefined;

  protected constructor(config: ResolvedConfig) {
    this.config = config;
    this.#cache = config.clientSideCache?.[ATTACH_CLIENT]();
    const compression = config.compression;
    this.#compressor = compression?.plugin.create(compression.settings, statistics.compression);
    this.deadlines = new DeadlineQueue<WireRequest>((request) => this.#onRequestExpired(request));
    const source = config.credentials;
    if (source.kind === "provider" && source.provider.refreshIntervalMs !== undefined) {
      this.#refreshTimer = setInterval(() => {
        this.#reauthenticateAll(true).catch((error: unknown) => {
          Logger.log("warn", "auth", "scheduled credentials refresh failed", error as Error);
        });
      }, source.provider.refreshIntervalMs);
      this.#refreshTimer.unref();
    }
    this.#reconcileTimer = setInterval(() => {
      if (!this.#closedFlag) statistics.subscriptionsChecked(this.reconcileSubscriptions());
    }, config.pubsubReconciliationIntervalMs);
    this.#reconcileTimer.unref();
    statistics.clientCreated();
  }

  /** Sends `request` to the connection that should serve it (or parks it until one exists). */
  protected abstract dispatch(request: CommandRequest<unknown>): void;
  /** Every live NodeConnection. */
  protected abstract connections(): Iterable<NodeConnection>;
  /** Every Pub/Sub subscriber connection (exact/pattern and sharded). */
  protected abstract subscriberConnections(): Iterable<SubscriberConnection>;
  /**
   * Compares the wanted subscriptions with those the server confirmed, and re-subscribes (or
   * leaves) what differs. True when they were the same.
   */
  protected abstract reconcileSubscriptions(): boolean;
  /** Closes the topology: every connection, rejecting pending work with `error`. */
  protected abstract closeConnections(error: ClosingError): void;

  /** The client-side cache's hooks for the connections, when one is configured. */
  protected get clientCache(): ClientCache | undefined {
    return this.#cache;
  }

  /** True once close() ran. */
  protected get closed(): boolean {
    return this.#closedFlag;
  }

  /**
   * The request path of every command (batches take `sendBatch`, its twin).
   * Rejects at once when closed or over `inflightRequestsLimit`.
   */
  send<T>(original: Command<T>): Promise<T> {
    const refused = this.#admissionError();
    if (refused !== undefined) return Promise.reject(refused);
    const compressor = this.#compressor;
    if (compressor === undefined) return this.#sendPrepared(original);
    if (compressor.loading !== undefined) return compressor.loading.then(() => this.send(original));
    let prepared: Command<T> | Promise<Command<T>>;
    try {
      prepared = compressor.prepare(original, this.config.defaultDecoder);
    } catch (error) {
      return Promise.reject(error);
    }
    if (prepared instanceof Promise || this.#compressing !== undefined)
      return this.#inOrder(prepared, (command) => this.#sendPrepared(command));
    return this.#sendPrepared(prepared);
  }

  /**
   * Runs `send` with `prepared` once it is ready and every command prepared before it has
   * been sent: values compressed on worker threads must not let a later command overtake
   * an earlier one. `send` runs synchronously in the chain, so the order is the call order.
   */
  #inOrder<C, R>(prepared: C | Promise<C>, send: (ready: C) => Promise<R>): Promise<R> {
    const previous = this.#compressing;
    const ready =
      previous === undefined ? Promise.resolve(prepared) : previous.then(() => prepared);
    // Boxed, so that the chain waits for the send, not for the reply.
    const sent = ready.then((command) => ({ reply: send(command) }));
    const tail = sent.then(
      () => {},
      () => {},
    );
    this.#compressing = tail;
    tail.then(() => {
      if (this.#compressing === tail) this.#compressing = undefined;
    });
    return sent.then((box) => box.reply);
  }

  /** The rest of `send`, for a command already compressed: through the cache if there is one. */
  #sendPrepared<T>(command: Command<T>): Promise<T> {
    if (this.#closedFlag) return Promise.reject(new ClosingError(CLOSED_CLIENT_MESSAGE));
    const cache = this.#cache;
    if (cache !== undefined) {
      const asBuffers = (command.decoder ?? this.config.defaultDecoder) === Decoder.Bytes;
      return cache.send(command, asBuffers, this.#sendToServerFn as (c: Command<T>) => Promise<T>);
    }
    return this.#sendToServer(command);
  }

  /**
   * A cache hit for a single GET, HGETALL or SMEMBERS, answered before a Command is built
   * (`installCachedReads`); undefined sends the read through `send`, which also gives every
   * refusal (closed, over the in-flight limit) and every miss. With compression, reads keep
   * `send`'s path, which orders them after the writes still being compressed.
   */
  [CACHED_REPLY](
    kind: string,
    key: unknown,
    decoder: Decoder | undefined,
  ): Promise<unknown> | undefined {
    const cache = this.#cache;
    if (
      cache === undefined ||
      this.#compressor !== undefined ||
      this.#closedFlag ||
      this.#inflightRequests >= this.config.inflightRequestsLimit
    )
      return undefined;
    return cache.hit(kind, key, (decoder ?? this.config.defaultDecoder) === Decoder.Bytes);
  }

  /** The part of `send` after admission, compression and the cache: onto the wire. */
  #sendToServer<T>(command: Command<T>): Promise<T> {
    const timeoutMs =
      command.blockMs === undefined
        ? this.config.requestTimeoutMs
        : command.blockMs === 0
          ? 0
          : command.blockMs + DEFAULTS.blockingExtraMs;
    const requestId = nextRequestId++;
    if (channels.commandStart.hasSubscribers) this.#publishCommandStart(requestId, command);
    const asBuffers = (command.decoder ?? this.config.defaultDecoder) === Decoder.Bytes;
    // The shared executor hands over the settle functions: no closure per request.
    const promise = new Promise<T>(captureSettlers);
    const request = new CommandRequest<T>(
      command,
      asBuffers,
      requestId,
      timeoutMs,
      this,
      capturedResolve as (value: T) => void,
      capturedReject,
    );
    this.#inflightRequests++;
    if (timeoutMs > 0) {
      request.deadline = performance.now() + timeoutMs;
      this.deadlines.add(request);
    }
    try {
      this.dispatch(request as CommandRequest<unknown>);
    } catch (error) {
      // As when the executor threw: the caller sees a rejection, never a throw.
      request.fail(error instanceof Error ? error : new RequestError(String(error)));
    }
    return promise;
  }

  /** `#sendToServer` as a function, for the cache (made once). */
  readonly #sendToServerFn = (command: Command<unknown>): Promise<unknown> =>
    this.#sendToServer(command);

  /**
   * Sends `commands` as one pipeline, or as MULTI … EXEC when `atomic`, through the same
   * queue, limits, timeouts and instrumentation as single commands; `route` hands the
   * request to a connection. Resolves with one result per command (`null` when an atomic
   * batch was aborted by WATCH).
   */
  protected sendBatch(
    original: readonly Command<unknown>[],
    options: BatchSendOptions & { timeoutMs?: number; decoder?: Decoder },
    route: (request: BatchRequest) => void,
  ): Promise<unknown[] | null> {
    const refused = this.#admissionError();
    if (refused !== undefined) return Promise.reject(refused);
    if (original.length === 0) return Promise.resolve([]);
    const decoder = options.decoder ?? this.config.defaultDecoder;
    const compressor = this.#compressor;
    if (compressor === undefined) return this.#sendPreparedBatch(original, decoder, options, route);
    if (compressor.loading !== undefined)
      return compressor.loading.then(() => this.sendBatch(original, options, route));
    let prepared: PreparedBatch | Promise<PreparedBatch>;
    try {
      prepared = compressor.prepareBatch(original, decoder);
    } catch (error) {
      return Promise.reject(error);
    }
    const send = (batch: PreparedBatch) =>
      this.#sendPreparedBatch(batch.commands, batch.decoder, options, route);
    if (prepared instanceof Promise || this.#compressing !== undefined)
      return this.#inOrder(prepared, send);
    return send(prepared);
  }

  /** The rest of `sendBatch`, for commands already compressed. */
  #sendPreparedBatch(
    commands: readonly Command<unknown>[],
    decoder: Decoder,
    options: BatchSendOptions & { timeoutMs?: number },
    route: (request: BatchRequest) => void,
  ): Promise<unknown[] | null> {
    if (this.#closedFlag) return Promise.reject(new ClosingError(CLOSED_CLIENT_MESSAGE));
    const timeoutMs = options.timeoutMs ?? this.config.requestTimeoutMs;
    const requestId = nextRequestId++;
    if (channels.commandStart.hasSubscribers) {
      channels.commandStart.publish({
        requestId,
        name: "BATCH",
        glideName: "Batch",
        args: [],
        batch: { size: commands.length, atomic: options.atomic },
        database: this.config.databaseId,
        startTime: performance.now(),
      });
    }
    const asBuffers = decoder === Decoder.Bytes;
    const cache = this.#cache;
    // Batches bypass the cache for reads; their writes evict, before and after, as singles do.
    if (cache !== undefined) for (const command of commands) cache.written(command);
    const sent = new Promise<unknown[] | null>((resolve, reject) => {
      const request = new BatchRequest(
        commands,
        options,
        asBuffers,
        requestId,
        timeoutMs,
        (settled) => {
          this.#inflightRequests--;
          this.deadlines.remove(settled);
        },
        resolve,
        reject,
      );
      this.#inflightRequests++;
      if (timeoutMs > 0) {
        request.deadline = performance.now() + timeoutMs;
        this.deadlines.add(request);
      }
      route(request);
    });
    if (cache !== undefined) {
      const evict = () => {
        for (const command of commands) cache.written(command);
      };
      sent.then(evict, evict);
    }
    return sent;
  }

  /** Why a new request cannot start now, if it cannot. */
  #admissionError(): Error | undefined {
    if (this.#closedFlag) return new ClosingError(CLOSED_CLIENT_MESSAGE);
    const limit = this.config.inflightRequestsLimit;
    if (this.#inflightRequests >= limit) {
      return new RequestError(
        `Reached the maximum number of concurrent requests (inflightRequestsLimit: ${limit})`,
      );
    }
    return undefined;
  }

  requestSettled(request: CommandRequest<unknown>): void {
    this.#inflightRequests--;
    this.deadlines.remove(request);
  }

  serverErrorHandled(_request: CommandRequest<unknown>, _error: RequestError): boolean {
    return false;
  }

  /**
   * Closes the client synchronously. Pending requests reject with `ClosingError(errorMessage)`;
   * later calls reject with ClosingError. Idempotent.
   */
  close(errorMessage?: string): void {
    if (this.#closedFlag) return;
    this.#closedFlag = true;
    if (this.#refreshTimer !== undefined) clearInterval(this.#refreshTimer);
    this.#refreshTimer = undefined;
    clearInterval(this.#reconcileTimer);
    this.closeConnections(new ClosingError(errorMessage || ""));
    this.deadlines.clear();
    const source = this.config.credentials;
    if (source.kind === "provider") source.provider.close?.();
    statistics.clientClosed();
  }

  /**
   * Replaces the password used by later (re)connects. With `immediateAuth`, also
   * re-authenticates every live connection now, Pub/Sub subscribers included. Not available
   * with IAM credentials.
   */
  async updateConnectionPassword(password: string | null, immediateAuth = false): Promise<"OK"> {
    if (this.#closedFlag) throw new ClosingError(CLOSED_CLIENT_MESSAGE);
    const source = this.config.credentials;
    if (source.kind === "provider" && source.iam) {
      throw new ConfigurationError(
        "updateConnectionPassword is not supported when IAM authentication is enabled.",
      );
    }
    if (source.kind === "provider") {
      throw new ConfigurationError(
        "updateConnectionPassword is not supported with a credentialsProvider.",
      );
    }
    if (password !== null && typeof password !== "string") {
      throw new ConfigurationError("updateConnectionPassword: password must be a string or null");
    }
    if (immediateAuth && password === null) {
      throw new ConfigurationError("updateConnectionPassword: immediateAuth needs a password");
    }
    this.#passwordOverride = { password };
    if (immediateAuth) await this.#reauthenticateAll();
    return "OK";
  }

  /** Fetches fresh credentials from the IAM provider now and re-authenticates every connection. */
  async refreshIamToken(): Promise<"OK"> {
    if (this.#closedFlag) throw new ClosingError(CLOSED_CLIENT_MESSAGE);
    if (this.config.credentials.kind !== "provider") {
      throw new ConfigurationError(
        "refreshIamToken needs IAM credentials (credentials.iamConfig).",
      );
    }
    await this.#reauthenticateAll(true);
    return "OK";
  }

  /**
   * Process-wide counters, GLIDE's shape: connections, clients and compression; with a
   * client-side cache, also its counters (`cache_*`, this client's cache).
   */
  getStatistics(): ClientStatistics {
    const snapshot = statistics.snapshot();
    // Also callable unbound, as the process-wide counters it mostly is.
    const cache = this instanceof BaseClient ? this.#cache : undefined;
    if (cache === undefined) return snapshot;
    return { ...snapshot, ...cache.statistics() };
  }

  /**
   * The client-side cache's hit rate: hits / lookups, 0 before any lookup.
   * Rejects with a RequestError when caching or its metrics are off.
   */
  getCacheHitRate(): Promise<number> {
    return this.#cacheMetric("hitRate");
  }

  /**
   * The client-side cache's miss rate: misses / lookups, 0 before any lookup.
   * Rejects with a RequestError when caching or its metrics are off.
   */
  getCacheMissRate(): Promise<number> {
    return this.#cacheMetric("missRate");
  }

  /** Entries in the client-side cache now. Rejects with a RequestError when caching is off. */
  getCacheEntryCount(): Promise<number> {
    return this.#cacheMetric("entryCount");
  }

  /**
   * Entries evicted from the client-side cache to stay within its size.
   * Rejects with a RequestError when caching or its metrics are off.
   */
  getCacheEvictions(): Promise<number> {
    return this.#cacheMetric("evictions");
  }

  /**
   * Entries of the client-side cache dropped because their TTL passed.
   * Rejects with a RequestError when caching or its metrics are off.
   */
  getCacheExpirations(): Promise<number> {
    return this.#cacheMetric("expirations");
  }

  /**
   * Lookups in the client-side cache (hits + misses).
   * Rejects with a RequestError when caching or its metrics are off.
   */
  getCacheTotalLookups(): Promise<number> {
    return this.#cacheMetric("totalLookups");
  }

  #cacheMetric(name: CacheMetricName): Promise<number> {
    const cache = this.#cache;
    if (cache === undefined) return Promise.reject(cachingNotEnabled());
    try {
      return Promise.resolve(cache.metric(name));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The credentials for a new handshake, as currently configured. */
  protected readonly resolveCredentials = async (): Promise<ResolvedCredentials | undefined> => {
    const source = this.config.credentials;
    if (source.kind === "provider") return source.provider.getCredentials();
    const username = source.kind === "static" ? source.username : undefined;
    if (this.#passwordOverride !== undefined) {
      const { password } = this.#passwordOverride;
      return password === null ? undefined : { username, password };
    }
    if (source.kind === "static" && source.password !== undefined)
      return { username, password: source.password };
    return undefined;
  };

  async #reauthenticateAll(fresh = false): Promise<void> {
    const source = this.config.credentials;
    const credentials =
      fresh && source.kind === "provider" && source.provider.refreshCredentials
        ? await source.provider.refreshCredentials()
        : await this.resolveCredentials();
    if (credentials === undefined) return;
    const subscribers = [...this.subscriberConnections()];
    const reconnecting = subscribers.filter((subscriber) => subscriber.reauthenticationReconnects);
    await Promise.all([
      ...[...this.connections()].map((connection) => connection.authenticate(credentials)),
      ...subscribers
        .filter((subscriber) => !subscriber.reauthenticationReconnects)
        .map((subscriber) => subscriber.reauthenticate(credentials)),
    ]);
    // RESP2 subscribers must reconnect, which interrupts their subscriptions: only once the
    // other connections accepted the credentials, so a wrong password leaves them working.
    await Promise.all(reconnecting.map((subscriber) => subscriber.reauthenticate(credentials)));
  }

  #onRequestExpired(request: WireRequest): void {
    const traced = request instanceof CommandRequest || request instanceof BatchRequest;
    const timeoutMs = traced ? request.timeoutMs : this.config.requestTimeoutMs;
    if (traced && channels.timeout.hasSubscribers) {
      channels.timeout.publish({ requestId: request.requestId, timeoutMs });
    }
    request.fail(new TimeoutError(`Request timed out after ${timeoutMs} ms`));
  }

  #publishCommandStart(requestId: number, command: Command<unknown>): void {
    channels.commandStart.publish({
      requestId,
      name: command.spec.name,
      glideName: command.spec.glideName,
      args: command.args,
      batch: undefined,
      database: this.config.databaseId,
      startTime: performance.now(),
    });
  }
}
