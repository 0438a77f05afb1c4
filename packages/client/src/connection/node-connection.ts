// One logical connection to one server address: a socket that is replaced
// when it dies, re-handshaken every time, and a FIFO of written requests
// matched to replies in order. The standalone and cluster clients both build
// on it; they decide which NodeConnection a request goes to.
import type net from "node:net";
import {
  type CommandArg,
  CommandEncoder,
  ConnectionError,
  ProtocolError,
  RespDecoder,
  type RespValue,
} from "@petrel/protocol";
import type { ResolvedCredentials } from "../auth/credentials-provider.js";
import { DEFAULTS } from "../config/defaults.js";
import type { ResolvedAddress, ResolvedConfig } from "../config/resolved.js";
import { channels } from "../instrumentation/channels.js";
import { Logger } from "../logger.js";
import { statistics } from "../statistics.js";
import { backoffDelay } from "./backoff.js";
import type { DeadlineQueue } from "./deadline-queue.js";
import { authCommand, performHandshake } from "./handshake.js";
import { InternalRequest } from "./internal-request.js";
import { RingQueue } from "./ring-queue.js";
import { openSocket } from "./socket.js";
import type { WireRequest } from "./wire-request.js";

/** A batch's bytes are handed to the socket every this many, while the rest is encoded. */
const STREAMED_CHUNK_BYTES = 32 * 1024;

export type ConnectionState = "idle" | "connecting" | "ready" | "backoff" | "closed";

export interface NodeConnectionOptions {
  readonly address: ResolvedAddress;
  readonly config: ResolvedConfig;
  /** Asked before every handshake. */
  readonly credentials: () => Promise<ResolvedCredentials | undefined>;
  /** Sent after the handshake on every (re)connect, e.g. READONLY for cluster replicas. */
  readonly extraHandshakeCommands?: readonly (readonly CommandArg[])[];
  /** The client's timer heap; internal requests put their deadlines there too. */
  readonly deadlines: DeadlineQueue<WireRequest>;
  /** RESP3 pushes (Pub/Sub, invalidations); never matched to requests. */
  readonly onPush?: (push: RespValue[], connection: NodeConnection) => void;
  /** A fresh socket finished its handshake. */
  readonly onReady?: (connection: NodeConnection) => void;
  /** A (re)connect attempt failed; the connection retries after its backoff. */
  readonly onAttemptFailed?: (connection: NodeConnection, error: Error) => void;
}

/** Tags a request with the id instrumentation uses; absent for internal requests. */
interface Traced {
  readonly requestId?: number;
}

export class NodeConnection {
  readonly address: ResolvedAddress;
  readonly #options: NodeConnectionOptions;
  #stateValue: ConnectionState = "idle";
  /** The protocol the current socket speaks (HELLO may have been refused). */
  #respValue: 2 | 3;
  #socket: net.Socket | undefined;
  #decoder: RespDecoder | undefined;
  readonly #encoder = new CommandEncoder({ maxBulkLength: DEFAULTS.maxBulkLength });
  /** Written, awaiting replies, in write order. */
  readonly #inflight = new RingQueue<WireRequest>();
  /** Not written yet: waiting for the connection to become ready. */
  readonly #waiting = new RingQueue<WireRequest>();
  #flushScheduled = false;
  #reconnectAttempt = 0;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #connectTimer: NodeJS.Timeout | undefined;
  /** Settles when the attempt in progress ends. */
  #attempt: Promise<void> | undefined;
  #lastErrorValue: Error | undefined;
  /** performance.now() of the last bytes received, or of the write that started a wait. */
  #waitingSince = 0;
  readonly #stalledAfterMs: number;
  /** Replies in a row that went to requests which had already timed out. */
  #discardedReplies = 0;

  constructor(options: NodeConnectionOptions) {
    this.#options = options;
    this.address = options.address;
    this.#respValue = options.config.resp;
    this.#stalledAfterMs = Math.max(DEFAULTS.stalledConnectionMs, options.config.requestTimeoutMs);
  }

  get state(): ConnectionState {
    return this.#stateValue;
  }

  get resp(): 2 | 3 {
    return this.#respValue;
  }

  /** Why the last attempt failed, if it did. */
  get lastError(): Error | undefined {
    return this.#lastErrorValue;
  }

  /** Requests waiting for the connection to become ready. */
  get waitingCount(): number {
    return this.#waiting.length;
  }

  /** Requests written and not yet answered (timed-out ones included until their reply arrives). */
  get inflightCount(): number {
    return this.#inflight.length;
  }

  get addressKey(): string {
    return `${this.address.host}:${this.address.port}`;
  }

  /**
   * Connects now if idle. Resolves when ready; rejects with the first attempt's error.
   * Reconnection continues in the background after a failure, until close().
   */
  connect(): Promise<void> {
    if (this.#stateValue === "closed")
      return Promise.reject(new ConnectionError("Connection closed"));
    if (this.#stateValue === "ready") return Promise.resolve();
    if (this.#stateValue === "idle" || this.#stateValue === "backoff") this.#startAttempt();
    return this.#attempt ?? Promise.resolve();
  }

  /** Queues `request`: written at once when ready, else when the connection is (re)established. */
  send(request: WireRequest): void {
    if (this.#stateValue === "ready" && this.#isStalled()) {
      // Replies that never come would hold every later request behind them.
      this.#failSocket(
        new ConnectionError(
          `No reply from ${this.addressKey} for ${this.#stalledAfterMs} ms; reconnecting`,
        ),
      );
    }
    if (this.#stateValue === "ready") {
      this.#write(request);
      return;
    }
    if (this.#stateValue === "closed") {
      request.fail(new ConnectionError("Connection closed"));
      return;
    }
    // During a long outage timed-out requests would pile up here; they expire roughly in
    // order, so dropping settled ones from the front keeps the queue to live requests.
    while (this.#waiting.peek()?.settled === true) this.#waiting.shift();
    this.#waiting.push(request);
    if (this.#stateValue === "idle") this.#startAttempt();
  }

  /**
   * Sends commands outside the user's flow (INFO, AUTH…) with a timeout of `timeoutMs`
   * (the request timeout by default); raw replies, server errors as values.
   */
  execute(commands: readonly (readonly CommandArg[])[], timeoutMs?: number): Promise<RespValue[]> {
    const request = new InternalRequest(commands, this.#options.deadlines);
    request.deadline = performance.now() + (timeoutMs ?? this.#options.config.requestTimeoutMs);
    this.#options.deadlines.add(request);
    this.send(request);
    return request.promise;
  }

  /** Sends AUTH with `credentials` on the live socket, if any. Throws with the server's error. */
  async authenticate(credentials: ResolvedCredentials): Promise<void> {
    if (this.#stateValue !== "ready") return;
    const [reply] = await this.execute([authCommand(credentials)]);
    if (reply instanceof Error) throw reply;
  }

  /** Closes for good: pending requests reject with `error`, no reconnect. */
  close(error: Error): void {
    if (this.#stateValue === "closed") return;
    this.#stateValue = "closed";
    this.#clearTimers();
    this.#dropSocket();
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
    if (this.#socket) this.#failSocket(reason);
  }

  /**
   * The oldest written request timed out, and either the server has been silent since long
   * enough (a dead path), or its recent replies all went to timed-out requests (replies were
   * lost, so every later request would get its predecessor's reply slot and time out too).
   */
  #isStalled(): boolean {
    if (this.#inflight.peek()?.settled !== true) return false;
    if (this.#discardedReplies >= DEFAULTS.stalledDiscardedReplies) return true;
    return performance.now() - this.#waitingSince > this.#stalledAfterMs;
  }

  #startAttempt(): void {
    this.#clearTimers();
    this.#stateValue = "connecting";
    const attempt = this.#establish().then(
      () => this.#onEstablished(),
      (error: unknown) => {
        this.#onAttemptFailed(error instanceof Error ? error : new ConnectionError(String(error)));
        throw error;
      },
    );
    // The background loop handles failures; callers of connect() see them through `attempt`.
    attempt.catch(() => undefined);
    this.#attempt = attempt;
  }

  async #establish(): Promise<void> {
    const { config } = this.#options;
    let address = this.address;
    if (config.addressResolver) {
      const [host, port] = config.addressResolver(address.host, address.port);
      address = { host, port };
    }
    const { socket, ready } = openSocket({
      address,
      tls: config.tls,
      tcpNoDelay: config.tcpNoDelay,
    });
    this.#installSocket(socket);
    const timeoutMs = config.connectionTimeoutMs;
    const timedOut = new Promise<never>((_, reject) => {
      this.#connectTimer = setTimeout(() => {
        reject(
          new ConnectionError(`Connection to ${this.addressKey} timed out after ${timeoutMs} ms`),
        );
      }, timeoutMs);
    });
    timedOut.catch(() => undefined);
    try {
      // Whichever loses a race below may reject later; those rejections are expected.
      ready.catch(() => undefined);
      await Promise.race([ready, timedOut]);
      const fetching = this.#options.credentials().catch((error: unknown) => {
        throw new ConnectionError(
          `Fetching credentials failed: ${(error as Error)?.message ?? String(error)}`,
        );
      });
      fetching.catch(() => undefined);
      const credentials = await Promise.race([fetching, timedOut]);
      const handshake = performHandshake(
        {
          resp: config.resp,
          credentials,
          clientName: config.clientName,
          databaseId: config.databaseId,
          libName: config.libName,
          extraCommands: this.#options.extraHandshakeCommands ?? [],
        },
        (commands) => {
          const request = new InternalRequest(commands);
          this.#write(request);
          return request.promise;
        },
      );
      handshake.catch(() => undefined);
      const result = await Promise.race([handshake, timedOut]);
      this.#respValue = result.resp;
    } catch (error) {
      if (this.#socket === socket)
        this.#failSocket(error instanceof Error ? error : new ConnectionError(String(error)));
      throw error;
    } finally {
      clearTimeout(this.#connectTimer);
      this.#connectTimer = undefined;
    }
    if (this.#socket !== socket)
      throw this.#lastErrorValue ?? new ConnectionError("Connection lost during handshake");
  }

  #onEstablished(): void {
    if (this.#stateValue === "closed") return;
    this.#stateValue = "ready";
    this.#reconnectAttempt = 0;
    this.#lastErrorValue = undefined;
    if (Logger.enabled("debug"))
      Logger.log("debug", "connection", `connected to ${this.addressKey}`);
    for (
      let request = this.#waiting.shift();
      request !== undefined;
      request = this.#waiting.shift()
    ) {
      if (!request.settled) this.#write(request);
    }
    this.#options.onReady?.(this);
  }

  #onAttemptFailed(error: Error): void {
    this.#lastErrorValue = error;
    if (this.#stateValue === "closed") return;
    if (Logger.enabled("warn"))
      Logger.log("warn", "connection", `connecting to ${this.addressKey} failed`, error);
    this.#scheduleReconnect();
    this.#options.onAttemptFailed?.(this, error);
  }

  #scheduleReconnect(): void {
    this.#stateValue = "backoff";
    const delay = backoffDelay(this.#options.config.backoff, this.#reconnectAttempt++);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (this.#stateValue === "backoff") this.#startAttempt();
    }, delay);
  }

  #installSocket(socket: net.Socket): void {
    this.#socket = socket;
    statistics.connectionOpened();
    this.#decoder = new RespDecoder(
      {
        onReply: (value) => this.#onReply(value),
        onPush: (value) => this.#options.onPush?.(value, this),
        onError: (error) => this.#failSocket(error),
        replyAsBuffers: () => this.#inflight.peek()?.asBuffers ?? false,
      },
      { maxBulkLength: DEFAULTS.maxBulkLength, maxDepth: DEFAULTS.maxReplyDepth },
    );
    const decoder = this.#decoder;
    this.#waitingSince = performance.now();
    this.#discardedReplies = 0;
    socket.on("data", (chunk: Buffer) => {
      if (this.#socket !== socket) return;
      this.#waitingSince = performance.now();
      decoder.feed(chunk);
    });
    socket.on("error", (error: Error) => {
      if (this.#socket === socket)
        this.#failSocket(
          new ConnectionError(`Connection to ${this.addressKey} failed: ${error.message}`),
        );
    });
    socket.on("close", () => {
      if (this.#socket === socket)
        this.#failSocket(new ConnectionError(`Connection to ${this.addressKey} closed`));
    });
    socket.on("drain", () => {
      if (this.#socket === socket && this.#encoder.pendingBytes > 0 && !this.#flushScheduled)
        this.#flush();
    });
  }

  #onReply(value: RespValue): void {
    const request = this.#inflight.peek();
    if (request === undefined) {
      this.#failSocket(
        new ProtocolError(
          `Protocol error: ${this.addressKey} sent a reply no request was waiting for`,
        ),
      );
      return;
    }
    if (request.settled) this.#discardedReplies++;
    else this.#discardedReplies = 0;
    const done = request.accept(value, this.#respValue);
    if (done) {
      this.#inflight.shift();
      if (channels.sendEnd.hasSubscribers) this.#publishSendEnd(request, undefined);
    }
  }

  /** The socket is unusable: reject what was written on it, then reconnect. */
  #failSocket(error: Error): void {
    const wasReady = this.#stateValue === "ready";
    this.#lastErrorValue = error;
    this.#dropSocket();
    // A written request may have run on the server: it is failed, never re-sent.
    for (
      let request = this.#inflight.shift();
      request !== undefined;
      request = this.#inflight.shift()
    ) {
      if (channels.sendEnd.hasSubscribers) this.#publishSendEnd(request, error);
      request.fail(error);
    }
    if (this.#stateValue === "closed") return;
    if (wasReady) {
      if (Logger.enabled("info"))
        Logger.log("info", "connection", `lost ${this.addressKey}, reconnecting`, error);
      // The first reconnect is immediate; backoff applies from the second.
      this.#startAttempt();
    }
  }

  #dropSocket(): void {
    const socket = this.#socket;
    if (socket === undefined) return;
    this.#socket = undefined;
    this.#decoder = undefined;
    this.#flushScheduled = false;
    this.#encoder.take();
    socket.destroy();
    statistics.connectionClosed();
  }

  #write(request: WireRequest): void {
    const socket = this.#socket;
    if (socket === undefined) {
      request.fail(new ConnectionError(`Not connected to ${this.addressKey}`));
      return;
    }
    const commands = request.wireCommands;
    const encoder = this.#encoder;
    try {
      if (commands.length === 1) encoder.push(commands[0] as readonly CommandArg[]);
      else {
        // A batch goes out whole or not at all, so it is checked before any of it is encoded;
        // then a long one is written in chunks as it is encoded, and the server starts on
        // the first commands while the client encodes the rest.
        for (const command of commands) encoder.check(command);
        for (const command of commands) {
          encoder.push(command);
          if (encoder.pendingBytes >= STREAMED_CHUNK_BYTES) this.#flush();
        }
      }
    } catch (error) {
      request.fail(error as Error);
      return;
    }
    request.written = true;
    if (this.#inflight.length === 0) this.#waitingSince = performance.now();
    this.#inflight.push(request);
    if (channels.sendStart.hasSubscribers) this.#publishSendStart(request);
    if (this.#flushScheduled || socket.writableNeedDrain) return;
    if (socket.writableLength === 0) {
      // Idle socket: write now (no added latency), and gather whatever follows in this tick.
      this.#flush();
    }
    this.#flushScheduled = true;
    process.nextTick(this.#flushLater);
  }

  readonly #flushLater = (): void => {
    this.#flushScheduled = false;
    const socket = this.#socket;
    if (socket !== undefined && !socket.writableNeedDrain) this.#flush();
  };

  #flush(): void {
    const socket = this.#socket;
    if (socket === undefined) return;
    const chunks = this.#encoder.take();
    if (chunks.length === 0) return;
    if (chunks.length === 1) {
      socket.write(chunks[0] as Buffer);
      return;
    }
    socket.cork();
    for (const chunk of chunks) socket.write(chunk);
    socket.uncork();
  }

  #clearTimers(): void {
    if (this.#reconnectTimer !== undefined) clearTimeout(this.#reconnectTimer);
    if (this.#connectTimer !== undefined) clearTimeout(this.#connectTimer);
    this.#reconnectTimer = undefined;
    this.#connectTimer = undefined;
  }

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
