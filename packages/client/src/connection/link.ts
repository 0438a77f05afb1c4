// The life of one connection to one server, whatever is carried over it: a
// socket that is opened, handshaken, watched, and replaced when it dies. The
// request connection (FIFO reply matching) and the subscriber connection (push
// routing) are both a Link plus what they carry; so are the connections to come
// (MONITOR, pools). The Link owns:
// - the socket, its decoder and encoder, TCP keepalive, TLS with session reuse
//   and the client certificate (mutual TLS), read again for every socket;
// - the connect deadline, which covers the credentials and the handshake too;
// - the handshake (HELLO/AUTH/SETNAME/SELECT/SETINFO, then any extra commands
//   such as READONLY), whose replies never reach the owner;
// - reconnects: the first one at once after a loss, then backoff with jitter,
//   without end until close();
// - stall detection: a watchdog that replaces a socket that stays silent while
//   the owner says a reply is overdue.
import type net from "node:net";
import {
  type CommandArg,
  CommandEncoder,
  RespDecoder,
  type RespValue,
  type WriteChunk,
} from "@petrel/protocol";
import type { ResolvedCredentials } from "../auth/credentials-provider.js";
import { DEFAULTS } from "../config/defaults.js";
import type { ResolvedAddress, ResolvedConfig } from "../config/resolved.js";
import { clientIdentity } from "../config/tls-files.js";
import { Logger } from "../logger.js";
import { resolveAddress } from "../resolver/address-resolver.js";
import { statistics } from "../statistics.js";
import { backoffDelay } from "./backoff.js";
import { connectionError, type LinkError } from "./connection-error.js";
import { performHandshake } from "./handshake.js";
import { describeAddress, openSocket } from "./socket.js";
import { reusedReadMemory } from "./socket-reader.js";

export type LinkState = "idle" | "connecting" | "ready" | "backoff" | "closed";

/** What the owner of a link is told, and asked. Created once per owner. */
export interface LinkEvents {
  /** A reply on a ready socket (handshake replies stay inside the link). */
  readonly onReply: (value: RespValue) => void;
  /** A RESP3 push. */
  readonly onPush: (value: RespValue[]) => void;
  /** Whether the next reply's strings stay Buffers. */
  readonly replyAsBuffers: () => boolean;
  /** A fresh socket finished its handshake. */
  readonly onReady: () => void;
  /** The socket is gone: nothing written on it will be answered. `wasReady` tells a loss from a failed attempt. */
  readonly onLost: (error: Error, wasReady: boolean) => void;
  /** A (re)connect attempt failed; the next one follows after the backoff. */
  readonly onAttemptFailed?: (error: Error) => void;
  /** The socket can take more bytes after a full buffer. */
  readonly onDrain?: () => void;
  /** Replies are expected (the watchdog keeps watching). */
  readonly awaiting: () => boolean;
  /** The oldest expected reply is overdue: silence now means the path is dead, not a slow command. */
  readonly overdue: () => boolean;
}

export interface LinkOptions {
  readonly config: ResolvedConfig;
  /** Names the connection in messages: "Connection", "Subscriber connection". */
  readonly label: string;
  /** Where to connect, asked before every attempt. */
  readonly target: () => ResolvedAddress | Promise<ResolvedAddress>;
  /** Asked before every handshake. */
  readonly credentials: () => Promise<ResolvedCredentials | undefined>;
  /** Sent after the handshake on every (re)connect, e.g. READONLY for cluster replicas. */
  readonly extraHandshakeCommands?: readonly (readonly CommandArg[])[];
  /** Pushes keep their strings as Buffers (Pub/Sub payloads are decoded at delivery). */
  readonly pushAsBuffers?: boolean;
  readonly events: LinkEvents;
}

/** Handshake replies being collected. */
interface Exchange {
  readonly replies: RespValue[];
  readonly expected: number;
  readonly resolve: (replies: RespValue[]) => void;
  readonly reject: (error: Error) => void;
}

const ignore = (): void => undefined;

/** Whether two client certificates (or their absence) are the same PEM. */
function samePem(a: Buffer | string | undefined, b: Buffer | string | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return Buffer.from(a).equals(Buffer.from(b));
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : connectionError(String(error));
}

export class Link {
  /** Commands are encoded here; the owner decides when to hand the bytes to the socket. */
  readonly encoder = new CommandEncoder({ maxBulkLength: DEFAULTS.maxBulkLength });
  readonly #options: LinkOptions;
  readonly #events: LinkEvents;
  readonly #stalledAfterMs: number;
  #state: LinkState = "idle";
  #resp: 2 | 3;
  #socket: net.Socket | undefined;
  /** `host:port` of the current or last attempt. */
  #addressKey = "";
  #lastError: Error | undefined;
  /** Failed attempts since the last success: the backoff exponent. */
  #failures = 0;
  #attempt: Promise<void> | undefined;
  /** Counts attempts, so that a superseded attempt's outcome is ignored. */
  #attempts = 0;
  /** Ends the attempt in progress (deadline, socket lost, close). */
  #abortAttempt: ((error: Error) => void) | undefined;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #exchange: Exchange | undefined;
  /** performance.now() of the last bytes received, or of the write that started a wait. */
  #silentSince = 0;
  #watchdog: NodeJS.Timeout | undefined;
  #tlsSession:
    | {
        readonly addressKey: string;
        readonly session: Buffer;
        readonly cert: Buffer | string | undefined;
      }
    | undefined;

  constructor(options: LinkOptions) {
    this.#options = options;
    this.#events = options.events;
    this.#resp = options.config.resp;
    this.#stalledAfterMs = Math.max(DEFAULTS.stalledConnectionMs, options.config.requestTimeoutMs);
  }

  get state(): LinkState {
    return this.#state;
  }

  /** The protocol the current socket speaks (HELLO may have been refused). */
  get resp(): 2 | 3 {
    return this.#resp;
  }

  /** The live socket, if any (ready or handshaking). */
  get socket(): net.Socket | undefined {
    return this.#socket;
  }

  /** `host:port` of the current or last attempt. */
  get addressKey(): string {
    return this.#addressKey;
  }

  /** Why the last attempt failed or the socket was lost, until the next success. */
  get lastError(): Error | undefined {
    return this.#lastError;
  }

  /** Whether the current TLS socket resumed an earlier session instead of a full handshake. */
  get tlsSessionReused(): boolean {
    const socket = this.#socket as (net.Socket & { isSessionReused?: () => boolean }) | undefined;
    return socket?.isSessionReused?.() === true;
  }

  /** How long silence on an overdue reply is tolerated before the socket is replaced. */
  get stalledAfterMs(): number {
    return this.#stalledAfterMs;
  }

  /**
   * Connects now if idle or waiting out a backoff. Resolves when ready; rejects with this
   * attempt's error, after which reconnection goes on in the background until close().
   */
  connect(): Promise<void> {
    if (this.#state === "closed") return Promise.reject(this.#closedError());
    if (this.#state === "ready") return Promise.resolve();
    if (this.#state === "idle" || this.#state === "backoff") this.#startAttempt(undefined);
    return this.#attempt ?? Promise.resolve();
  }

  /**
   * Replaces the socket at once, handshaking with `credentials` instead of asking for them.
   * Resolves when the new socket is ready; on failure the usual backoff loop continues.
   */
  reconnect(reason: Error, credentials: ResolvedCredentials): Promise<void> {
    if (this.#state === "closed") return Promise.reject(this.#closedError());
    this.#lose(reason, false);
    this.#startAttempt(credentials);
    return this.#attempt ?? Promise.resolve();
  }

  /** Encodes `commands` and writes them now. Throws on a bad argument, writing nothing. */
  writeNow(commands: readonly (readonly CommandArg[])[]): void {
    if (this.#socket === undefined) {
      throw connectionError(`Not connected to ${this.#addressKey}`);
    }
    for (const command of commands) this.encoder.check(command);
    for (const command of commands) this.encoder.push(command);
    this.flush();
  }

  /** Hands the encoded bytes to the socket, in one write when they fit one chunk. */
  flush(): void {
    const socket = this.#socket;
    if (socket === undefined || this.encoder.pendingBytes === 0) return;
    const chunk = this.encoder.takeChunk();
    if (chunk !== undefined) {
      socket.write(chunk);
      return;
    }
    // Large arguments are chunks of their own, by reference: one writev sends them with their
    // headers. A string chunk is ASCII (WriteChunk), so latin1 writes its bytes.
    const chunks = this.encoder.take();
    if (chunks.length === 0) return;
    if (chunks.length === 1) {
      socket.write(chunks[0] as WriteChunk, "latin1");
      return;
    }
    socket.cork();
    for (const chunk of chunks) socket.write(chunk, "latin1");
    socket.uncork();
  }

  /** The owner now expects a reply: silence from here on counts toward a stall. */
  awaitReplies(): void {
    this.#silentSince = performance.now();
    if (this.#watchdog === undefined) this.#armWatchdog(this.#stalledAfterMs);
  }

  /** Whether nothing has arrived for longer than the stall limit since the wait began. */
  silentTooLong(): boolean {
    return performance.now() - this.#silentSince > this.#stalledAfterMs;
  }

  /** Replaces the socket because replies stopped coming (or were lost); a ConnectionError fails what was written. */
  failStalled(): void {
    this.fail(
      connectionError(
        `No reply from ${this.#addressKey} for ${this.#stalledAfterMs} ms; reconnecting`,
      ),
    );
  }

  /** The socket is unusable (a protocol violation, a test): drop it and reconnect. */
  fail(error: Error): void {
    if (this.#socket !== undefined) this.#lose(error, true);
  }

  /** Closes for good: no reconnect. The owner fails what it holds. */
  close(error: Error): void {
    if (this.#state === "closed") return;
    this.#state = "closed";
    this.#clearReconnectTimer();
    this.#abortAttempt?.(error);
    this.#rejectExchange(error);
    this.#dropSocket();
  }

  #closedError(): LinkError {
    return connectionError(`${this.#options.label} closed`);
  }

  #startAttempt(given: ResolvedCredentials | undefined): void {
    this.#clearReconnectTimer();
    this.#state = "connecting";
    const number = ++this.#attempts;
    const attempt = this.#establish(given).then(
      () => {
        if (number === this.#attempts) this.#onEstablished();
      },
      (error: unknown) => {
        const failure = asError(error);
        if (number === this.#attempts) this.#onAttemptFailed(failure);
        throw failure;
      },
    );
    // The background loop handles failures; callers of connect() see them through `attempt`.
    attempt.catch(ignore);
    this.#attempt = attempt;
  }

  async #establish(given: ResolvedCredentials | undefined): Promise<void> {
    const { config, label } = this.#options;
    let abort: (error: Error) => void = ignore;
    const aborted = new Promise<never>((_, reject) => {
      abort = reject;
    });
    aborted.catch(ignore);
    // Local to this attempt: a superseded attempt settling late must not touch the next one's.
    this.#abortAttempt = abort;
    let timer: NodeJS.Timeout | undefined;
    let socket: net.Socket | undefined;
    try {
      let address = await Promise.race([this.#options.target(), aborted]);
      if (config.addressResolver && address.path === undefined) {
        address = resolveAddress(config.addressResolver, address.host, address.port);
      }
      const addressKey = describeAddress(address);
      this.#addressKey = addressKey;
      const timeoutMs = config.connectionTimeoutMs;
      timer = setTimeout(() => {
        abort(
          connectionError(`${label} to ${addressKey} timed out after ${timeoutMs} ms`, {
            code: "ETIMEDOUT",
          }),
        );
      }, timeoutMs);
      // Read per connect, so a certificate rotated on disk is used by the next connection.
      const pending = clientIdentity(config.tls?.mutualTls);
      const identity =
        pending instanceof Promise ? await Promise.race([pending, aborted]) : pending;
      const session = this.#tlsSession;
      // A resumed session would carry the old certificate, so a new one forces a full handshake.
      const resumable = session?.addressKey === addressKey && samePem(session.cert, identity?.cert);
      // A plain socket reads into reused memory; its decoder exists once the socket does.
      let decoder: RespDecoder | undefined;
      let deliver: (chunk: Buffer) => boolean = () => false;
      const onread =
        config.tls === undefined
          ? reusedReadMemory(
              (chunk) => deliver(chunk),
              () => decoder?.payloadRoom,
            )
          : undefined;
      const opened = openSocket({
        address,
        tls: config.tls,
        tcpNoDelay: config.tcpNoDelay,
        keepAliveInitialDelayMs: config.tcpKeepAliveInitialDelayMs,
        tlsSession: resumable ? session.session : undefined,
        clientIdentity: identity,
        onread,
      });
      socket = opened.socket;
      const connected = new Promise<void>((resolve) => {
        opened.socket.once(opened.readyEvent, resolve);
      });
      ({ deliver, decoder } = this.#install(
        opened.socket,
        opened.readyEvent,
        addressKey,
        identity?.cert,
        onread === undefined,
      ));
      await Promise.race([connected, aborted]);
      const credentials = given ?? (await Promise.race([this.#fetchCredentials(), aborted]));
      const handshake = performHandshake(
        {
          resp: config.resp,
          credentials,
          clientName: config.clientName,
          databaseId: config.databaseId,
          libName: config.libName,
          extraCommands: this.#options.extraHandshakeCommands ?? [],
        },
        this.#exchangeCommands,
      );
      handshake.catch(ignore);
      const result = await Promise.race([handshake, aborted]);
      if (this.#socket !== socket) {
        throw this.#lastError ?? connectionError(`${label} to ${addressKey} lost during handshake`);
      }
      this.#resp = result.resp;
    } catch (error) {
      const failure = asError(error);
      if (socket !== undefined && this.#socket === socket) this.#lose(failure, false);
      throw failure;
    } finally {
      clearTimeout(timer);
      if (this.#abortAttempt === abort) this.#abortAttempt = undefined;
    }
  }

  #fetchCredentials(): Promise<ResolvedCredentials | undefined> {
    const fetching = this.#options.credentials().catch((error: unknown) => {
      throw connectionError(
        `Fetching credentials failed: ${(error as Error)?.message ?? String(error)}`,
        { cause: error },
      );
    });
    fetching.catch(ignore);
    return fetching;
  }

  /** Handshake only: writes `commands` and collects one reply each. */
  readonly #exchangeCommands = (
    commands: readonly (readonly CommandArg[])[],
  ): Promise<RespValue[]> =>
    new Promise((resolve, reject) => {
      this.#exchange = { replies: [], expected: commands.length, resolve, reject };
      try {
        this.writeNow(commands);
      } catch (error) {
        this.#exchange = undefined;
        reject(error);
      }
    });

  #onEstablished(): void {
    if (this.#state === "closed") return;
    this.#state = "ready";
    this.#failures = 0;
    this.#lastError = undefined;
    if (Logger.enabled("debug"))
      Logger.log("debug", "connection", `connected to ${this.#addressKey}`);
    this.#events.onReady();
  }

  #onAttemptFailed(error: Error): void {
    this.#lastError = error;
    if (this.#state === "closed") return;
    if (Logger.enabled("warn"))
      Logger.log("warn", "connection", `connecting to ${this.#addressKey} failed`, error);
    this.#state = "backoff";
    const delay = backoffDelay(this.#options.config.backoff, this.#failures++);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (this.#state === "backoff") this.#startAttempt(undefined);
    }, delay);
    this.#events.onAttemptFailed?.(error);
  }

  /**
   * Wires a new socket to a fresh decoder. Returns the decoder and the function that decodes
   * the bytes read, which also reports whether views of them were kept; `dataEvents`: the
   * socket delivers its bytes as `data` events (TLS), not through `onread`.
   */
  #install(
    socket: net.Socket,
    readyEvent: string,
    addressKey: string,
    cert: Buffer | string | undefined,
    dataEvents: boolean,
  ): { readonly deliver: (chunk: Buffer) => boolean; readonly decoder: RespDecoder } {
    const { label } = this.#options;
    this.#socket = socket;
    statistics.connectionOpened();
    const decoder = new RespDecoder(
      {
        onReply: (value) => this.#onReply(value),
        onPush: this.#events.onPush,
        onError: (error) => this.fail(error),
        replyAsBuffers: this.#events.replyAsBuffers,
      },
      {
        maxBulkLength: DEFAULTS.maxBulkLength,
        maxDepth: DEFAULTS.maxReplyDepth,
        pushAsBuffers: this.#options.pushAsBuffers === true,
      },
    );
    this.#silentSince = performance.now();
    let connected = false;
    socket.once(readyEvent, () => {
      connected = true;
    });
    const deliver = (chunk: Buffer): boolean => {
      if (this.#socket !== socket) return false;
      this.#silentSince = performance.now();
      decoder.feed(chunk);
      return decoder.keptInput;
    };
    if (dataEvents) socket.on("data", deliver);
    socket.on("error", (error: Error) => {
      if (this.#socket !== socket) return;
      const message = connected
        ? `${label} to ${addressKey} failed: ${error.message}`
        : `Failed to connect to ${addressKey}: ${error.message}`;
      this.fail(connectionError(message, { cause: error }));
    });
    socket.on("close", () => {
      if (this.#socket === socket) this.fail(connectionError(`${label} to ${addressKey} closed`));
    });
    socket.on("drain", () => {
      if (this.#socket === socket) this.#events.onDrain?.();
    });
    if (this.#options.config.tls !== undefined) {
      socket.on("session", (session: Buffer) => {
        this.#tlsSession = { addressKey, session, cert };
      });
    }
    return { deliver, decoder };
  }

  #onReply(value: RespValue): void {
    const exchange = this.#exchange;
    if (exchange === undefined) {
      this.#events.onReply(value);
      return;
    }
    exchange.replies.push(value);
    if (exchange.replies.length === exchange.expected) {
      this.#exchange = undefined;
      exchange.resolve(exchange.replies);
    }
  }

  /** Drops the socket; when it was ready (and `reconnect`), the first reconnect starts at once. */
  #lose(error: Error, reconnect: boolean): void {
    const wasReady = this.#state === "ready";
    this.#lastError = error;
    this.#dropSocket();
    this.#abortAttempt?.(error);
    this.#rejectExchange(error);
    if (this.#state !== "closed" && wasReady) this.#state = "idle";
    this.#events.onLost(error, wasReady);
    if (this.#state === "closed" || !wasReady || !reconnect) return;
    if (Logger.enabled("info"))
      Logger.log("info", "connection", `lost ${this.#addressKey}, reconnecting`, error);
    this.#startAttempt(undefined);
  }

  #rejectExchange(error: Error): void {
    const exchange = this.#exchange;
    this.#exchange = undefined;
    exchange?.reject(error);
  }

  #dropSocket(): void {
    const socket = this.#socket;
    if (socket === undefined) return;
    this.#socket = undefined;
    this.encoder.take();
    if (this.#watchdog !== undefined) clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
    socket.destroy();
    statistics.connectionClosed();
  }

  #armWatchdog(delayMs: number): void {
    this.#watchdog = setTimeout(this.#watch, delayMs);
    this.#watchdog.unref();
  }

  /** Once per stall period while replies are expected: replaces a socket silent on an overdue reply. */
  readonly #watch = (): void => {
    this.#watchdog = undefined;
    if (this.#state !== "ready" || !this.#events.awaiting()) return;
    const silentMs = performance.now() - this.#silentSince;
    if (silentMs > this.#stalledAfterMs && this.#events.overdue()) {
      this.failStalled();
      return;
    }
    const remaining = this.#stalledAfterMs - silentMs;
    this.#armWatchdog(remaining > 0 ? remaining + 1 : this.#stalledAfterMs);
  };

  #clearReconnectTimer(): void {
    if (this.#reconnectTimer !== undefined) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
  }
}
