// One logical connection to one server address: a Link (the socket's life:
// connect, handshake, reconnect, stall watch) plus a FIFO of written requests
// matched to replies in order, and writes coalesced per tick. The standalone
// and cluster clients both build on it; they decide which NodeConnection a
// request goes to.
import {
  CircuitBreakerError,
  type CommandArg,
  type CommandEncoder,
  ConnectionError,
  ProtocolError,
  type RespValue,
} from "@petrel/protocol";
import type { ResolvedCredentials } from "../auth/credentials-provider.js";
import {
  CIRCUIT_BREAKER_OPEN_MESSAGE,
  type CircuitBreaker,
} from "../circuit-breaker/circuit-breaker.js";
import { DEFAULTS } from "../config/defaults.js";
import type { ResolvedAddress, ResolvedConfig } from "../config/resolved.js";
import { channels } from "../instrumentation/channels.js";
import type { DeadlineQueue } from "./deadline-queue.js";
import { authCommand } from "./handshake.js";
import { InternalRequest } from "./internal-request.js";
import { Link, type LinkOptions, type LinkState } from "./link.js";
import { RingQueue } from "./ring-queue.js";
import { describeAddress } from "./socket.js";
import type { WireRequest } from "./wire-request.js";

/** A batch's bytes are handed to the socket every this many, while the rest is encoded. */
const STREAMED_CHUNK_BYTES = 32 * 1024;

export type ConnectionState = LinkState;

const ignore = (): void => undefined;

export interface NodeConnectionOptions {
  readonly address: ResolvedAddress;
  readonly config: ResolvedConfig;
  /** Asked before every handshake. */
  readonly credentials: () => Promise<ResolvedCredentials | undefined>;
  /** Sent after the handshake on every (re)connect, e.g. READONLY for cluster replicas. */
  readonly extraHandshakeCommands?: readonly (readonly CommandArg[])[];
  /**
   * Sent after `extraHandshakeCommands` on every (re)connect: the client-side cache's
   * `CLIENT TRACKING ON`. Kept apart because the cluster's pool reads its tail as "is a replica".
   */
  readonly cacheHandshakeCommands?: readonly (readonly CommandArg[])[];
  /** The client's timer heap; internal requests put their deadlines there too. */
  readonly deadlines: DeadlineQueue<WireRequest>;
  /** RESP3 pushes (Pub/Sub, invalidations); never matched to requests. */
  readonly onPush?: (push: RespValue[], connection: NodeConnection) => void;
  /** A fresh socket finished its handshake. */
  readonly onReady?: (connection: NodeConnection) => void;
  /** The socket was lost (it reconnects unless closed). */
  readonly onLost?: (connection: NodeConnection, error: Error) => void;
  /** A (re)connect attempt failed; the connection retries after its backoff. */
  readonly onAttemptFailed?: (connection: NodeConnection, error: Error) => void;
  /**
   * The circuit breaker this connection reports to and asks before each user request
   * (`clientCircuitBreaker`); internal requests bypass it.
   */
  readonly breaker?: CircuitBreaker;
  /**
   * Whether another connection of the same client (not `connection`) awaits replies already
   * sent. If so, an idle connection's first write also waits for the loop's check phase: those
   * replies, read in this poll phase, may start more requests for it, which share its write.
   */
  readonly repliesDueElsewhere?: (connection: NodeConnection) => boolean;
}

/**
 * `link` with its `extraHandshakeCommands`, read at every connect: the caller's (a live array
 * the cluster's pool extends with READONLY), then the cache's.
 */
function withHandshakeTail(options: NodeConnectionOptions, link: LinkOptions): LinkOptions {
  const extra = options.extraHandshakeCommands;
  const cache = options.cacheHandshakeCommands;
  if (cache === undefined || cache.length === 0) {
    return extra === undefined ? link : { ...link, extraHandshakeCommands: extra };
  }
  return Object.defineProperty(link, "extraHandshakeCommands", {
    get: () => [...(extra ?? []), ...cache],
    enumerable: true,
  });
}

/** Tags a request with the id instrumentation uses; absent for internal requests. */
interface Traced {
  readonly requestId?: number;
}

export class NodeConnection {
  readonly address: ResolvedAddress;
  readonly #options: NodeConnectionOptions;
  /** The socket's life: connect, handshake, reconnect, stall watch. */
  readonly #link: Link;
  /** The link's encoder, kept at hand for the write path. */
  readonly #encoder: CommandEncoder;
  /** Written, awaiting replies, in write order. */
  readonly #inflight = new RingQueue<WireRequest>();
  /** Not written yet: waiting for the connection to become ready. */
  readonly #waiting = new RingQueue<WireRequest>();
  #flushScheduled = false;
  /** The scheduled flush is at the end of this tick: every request in flight is in it. */
  #flushThisTick = false;
  /** Replies in a row that went to requests which had already timed out. */
  #discardedReplies = 0;
  readonly #breaker: CircuitBreaker | undefined;

  constructor(options: NodeConnectionOptions) {
    this.#options = options;
    this.#breaker = options.breaker;
    this.address = options.address;
    const address = options.address;
    this.#link = new Link(
      withHandshakeTail(options, {
        config: options.config,
        label: "Connection",
        target: () => address,
        credentials: options.credentials,
        events: {
          onReply: (value) => this.#onReply(value),
          onPush: (value) => this.#options.onPush?.(value, this),
          replyAsBuffers: () => this.#inflight.peek()?.asBuffers ?? false,
          onReady: () => this.#onReady(),
          onLost: (error) => this.#onLost(error),
          onAttemptFailed: (error) => {
            this.#breaker?.record("error", this.#pendingCount);
            this.#options.onAttemptFailed?.(this, error);
          },
          onDrain: () => {
            if (this.#encoder.pendingBytes > 0 && !this.#flushScheduled) this.#link.flush();
          },
          awaiting: () => this.#inflight.length > 0,
          overdue: () => this.#inflight.peek()?.settled === true,
        },
      }),
    );
    this.#encoder = this.#link.encoder;
  }

  get state(): ConnectionState {
    return this.#link.state;
  }

  get resp(): 2 | 3 {
    return this.#link.resp;
  }

  /** Why the last attempt failed, if it did. */
  get lastError(): Error | undefined {
    return this.#link.lastError;
  }

  /** The link under this connection (its socket's life), for tests and diagnostics. */
  get link(): Link {
    return this.#link;
  }

  /** Requests waiting for the connection to become ready. */
  get waitingCount(): number {
    return this.#waiting.length;
  }

  /** Requests written and not yet answered (timed-out ones included until their reply arrives). */
  get inflightCount(): number {
    return this.#inflight.length;
  }

  /**
   * Whether replies are due for requests already handed to the socket, so they may be read
   * in this turn of the event loop (not those waiting for this tick's write).
   */
  get repliesDue(): boolean {
    return this.#inflight.length > 0 && !this.#flushThisTick;
  }

  /** `host:port`, or a Unix socket's path. */
  get addressKey(): string {
    return describeAddress(this.address);
  }

  /**
   * Connects now if idle. Resolves when ready; rejects with the first attempt's error.
   * Reconnection continues in the background after a failure, until close().
   */
  connect(): Promise<void> {
    return this.#link.connect();
  }

  /**
   * Queues `request`: written at once when ready, else when the connection is (re)established.
   * Fails it with CircuitBreakerError when the circuit breaker is open.
   */
  send(request: WireRequest): void {
    if (this.#breaker?.allows() === false) {
      request.fail(new CircuitBreakerError(CIRCUIT_BREAKER_OPEN_MESSAGE));
      return;
    }
    this.#enqueue(request);
  }

  #enqueue(request: WireRequest): void {
    const link = this.#link;
    let state = link.state;
    if (state === "ready" && this.#isStalled()) {
      // Replies that never come would hold every later request behind them.
      link.failStalled();
      state = link.state;
    }
    if (state === "ready") {
      this.#write(request);
      return;
    }
    if (state === "closed") {
      request.fail(new ConnectionError("Connection closed"));
      return;
    }
    // During a long outage timed-out requests would pile up here; they expire roughly in
    // order, so dropping settled ones from the front keeps the queue to live requests.
    while (this.#waiting.peek()?.settled === true) {
      this.#waiting.shift();
      this.#breaker?.record("timeout", this.#pendingCount);
    }
    this.#waiting.push(request);
    if (state === "idle") link.connect().catch(ignore);
  }

  /**
   * Sends commands outside the user's flow (INFO, AUTH…) with a timeout of `timeoutMs`
   * (the request timeout by default); raw replies, server errors as values.
   */
  execute(commands: readonly (readonly CommandArg[])[], timeoutMs?: number): Promise<RespValue[]> {
    const request = new InternalRequest(commands, this.#options.deadlines);
    request.deadline = performance.now() + (timeoutMs ?? this.#options.config.requestTimeoutMs);
    this.#options.deadlines.add(request);
    this.#enqueue(request);
    return request.promise;
  }

  /** Sends AUTH with `credentials` on the live socket, if any. Throws with the server's error. */
  async authenticate(credentials: ResolvedCredentials): Promise<void> {
    if (this.#link.state !== "ready") return;
    const [reply] = await this.execute([authCommand(credentials)]);
    if (reply instanceof Error) throw reply;
  }

  /** Closes for good: pending requests reject with `error`, no reconnect. */
  close(error: Error): void {
    if (this.#link.state === "closed") return;
    this.#link.close(error);
    this.#flushScheduled = false;
    this.#flushThisTick = false;
    for (const request of this.#inflight.drain()) request.fail(error);
    for (const request of this.#waiting.drain()) request.fail(error);
  }

  /**
   * Removes the requests not yet written that `take` selects, in order, so the caller can
   * send them elsewhere (e.g. to a new primary). Written requests are never moved: they may run.
   */
  takeWaiting(take: (request: WireRequest) => boolean): WireRequest[] {
    const taken: WireRequest[] = [];
    const kept: WireRequest[] = [];
    for (const request of this.#waiting.drain()) {
      if (request.settled) continue;
      (take(request) ? taken : kept).push(request);
    }
    for (const request of kept) this.#waiting.push(request);
    return taken;
  }

  /** Destroys the current socket as if the network failed (tests, failover handling). */
  disconnect(reason: Error): void {
    this.#link.fail(reason);
  }

  /**
   * The oldest written request timed out, and either the server has been silent since long
   * enough (a dead path), or its recent replies all went to timed-out requests (replies were
   * lost, so every later request would get its predecessor's reply slot and time out too).
   */
  #isStalled(): boolean {
    if (this.#inflight.peek()?.settled !== true) return false;
    if (this.#discardedReplies >= DEFAULTS.stalledDiscardedReplies) return true;
    return this.#link.silentTooLong();
  }

  #onReady(): void {
    this.#discardedReplies = 0;
    for (
      let request = this.#waiting.shift();
      request !== undefined;
      request = this.#waiting.shift()
    ) {
      if (!request.settled) this.#write(request);
    }
    this.#options.onReady?.(this);
  }

  #onReply(value: RespValue): void {
    const request = this.#inflight.peek();
    if (request === undefined) {
      this.#link.fail(
        new ProtocolError(
          `Protocol error: ${this.addressKey} sent a reply no request was waiting for`,
        ),
      );
      return;
    }
    const late = request.settled;
    if (late) this.#discardedReplies++;
    else this.#discardedReplies = 0;
    const done = request.accept(value, this.#link.resp);
    if (done) {
      this.#inflight.shift();
      this.#breaker?.record(late ? "timeout" : "success", this.#pendingCount);
      if (channels.sendEnd.hasSubscribers) this.#publishSendEnd(request, undefined);
    }
  }

  /** The socket is gone: what was written on it is failed, never re-sent (it may have run). */
  #onLost(error: Error): void {
    this.#flushScheduled = false;
    this.#flushThisTick = false;
    this.#discardedReplies = 0;
    for (
      let request = this.#inflight.shift();
      request !== undefined;
      request = this.#inflight.shift()
    ) {
      if (channels.sendEnd.hasSubscribers) this.#publishSendEnd(request, error);
      this.#breaker?.record(request.settled ? "timeout" : "error", this.#pendingCount);
      request.fail(error);
    }
    this.#options.onLost?.(this, error);
  }

  /** Requests under way on this connection: written or waiting. */
  get #pendingCount(): number {
    return this.#inflight.length + this.#waiting.length;
  }

  #write(request: WireRequest): void {
    const socket = this.#link.socket;
    if (socket === undefined) {
      request.fail(new ConnectionError(`Not connected to ${this.addressKey}`));
      return;
    }
    const single = request.singleCommand;
    const encoder = this.#encoder;
    try {
      if (single !== undefined) encoder.push(single);
      else {
        const commands = request.wireCommands;
        // A batch goes out whole or not at all, so it is checked before any of it is encoded;
        // then a long one is written in chunks as it is encoded, and the server starts on
        // the first commands while the client encodes the rest.
        if (commands.length === 1) encoder.push(commands[0] as readonly CommandArg[]);
        else {
          for (const command of commands) encoder.check(command);
          for (const command of commands) {
            encoder.push(command);
            if (encoder.pendingBytes >= STREAMED_CHUNK_BYTES) this.#link.flush();
          }
        }
      }
    } catch (error) {
      request.fail(error as Error);
      return;
    }
    request.written = true;
    const idle = this.#inflight.length === 0;
    if (idle) this.#link.awaitReplies();
    this.#inflight.push(request);
    if (channels.sendStart.hasSubscribers) this.#publishSendStart(request);
    if (this.#flushScheduled || socket.writableNeedDrain) return;
    // What is written in one turn of the event loop goes out in one write, so the server
    // reads it with one read. With replies still due, here or on a sibling connection, their
    // chunks (read in the same poll phase) start more requests: gather those too, until the
    // loop's check phase. A client otherwise idle (one request at a time) writes at the end
    // of this tick.
    this.#flushScheduled = true;
    this.#flushThisTick = idle && this.#options.repliesDueElsewhere?.(this) !== true;
    if (this.#flushThisTick) process.nextTick(this.#flushLater);
    else setImmediate(this.#flushLater);
  }

  readonly #flushLater = (): void => {
    this.#flushScheduled = false;
    this.#flushThisTick = false;
    const socket = this.#link.socket;
    if (socket !== undefined && !socket.writableNeedDrain) this.#link.flush();
  };

  #publishSendStart(request: WireRequest): void {
    const requestId = (request as Traced).requestId;
    if (requestId === undefined) return;
    channels.sendStart.publish({
      requestId,
      host: this.address.host,
      port: this.address.port,
      startTime: performance.now(),
    });
  }

  #publishSendEnd(request: WireRequest, error: Error | undefined): void {
    const requestId = (request as Traced).requestId;
    if (requestId === undefined) return;
    channels.sendEnd.publish({
      requestId,
      host: this.address.host,
      port: this.address.port,
      error,
      endTime: performance.now(),
    });
  }
}
