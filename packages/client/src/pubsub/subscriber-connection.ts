// The dedicated subscriber connection. Once subscribed, a connection only
// receives Pub/Sub events (RESP3 pushes, or plain arrays on RESP2) and no
// request/reply pairs, so it is kept apart from the command connections: the
// same code then serves both protocols. It reconnects with the client's backoff
// and reports every fresh handshake so the subscriptions can be restored.
// Non-push replies (the handshake's, a re-authentication's) go to the reply
// waiters in order; errors nobody waits for are a subscription command's.
import type net from "node:net";
import {
  type CommandArg,
  CommandEncoder,
  ConnectionError,
  RequestError,
  RespDecoder,
  type RespValue,
  TimeoutError,
} from "@petrel/protocol";
import type { ResolvedCredentials } from "../auth/credentials-provider.js";
import { DEFAULTS } from "../config/defaults.js";
import type { ResolvedAddress, ResolvedConfig } from "../config/resolved.js";
import { backoffDelay } from "../connection/backoff.js";
import { authCommand, performHandshake } from "../connection/handshake.js";
import { openSocket } from "../connection/socket.js";
import { Logger } from "../logger.js";
import { statistics } from "../statistics.js";

/** One Pub/Sub event: its kind ("message", "subscribe"…) and the rest of the frame. */
export interface PubSubEvent {
  readonly kind: string;
  readonly fields: readonly RespValue[];
}

export interface SubscriberConnectionOptions {
  readonly config: ResolvedConfig;
  /** Where to connect, asked before every attempt (the current primary). */
  readonly target: () => Promise<ResolvedAddress>;
  readonly credentials: () => Promise<ResolvedCredentials | undefined>;
  readonly onEvent: (event: PubSubEvent) => void;
  /** A server error outside the handshake (e.g. NOPERM for a channel). */
  readonly onServerError: (error: RequestError) => void;
  /** A fresh socket finished its handshake: subscriptions must be (re)sent. */
  readonly onReady: () => void;
  /** The socket was lost; nothing is subscribed until the next onReady. */
  readonly onLost: (error: Error) => void;
}

/** Someone waiting for the next non-push reply; `take` returns false to leave it to the next one. */
interface ReplyWaiter {
  readonly take: (value: RespValue) => boolean;
  readonly fail: (error: Error) => void;
}

export class SubscriberConnection {
  readonly #options: SubscriberConnectionOptions;
  #socket: net.Socket | undefined;
  readonly #encoder = new CommandEncoder({ maxBulkLength: DEFAULTS.maxBulkLength });
  /** Non-push replies awaited (handshake, AUTH), in order. */
  #replyWaiters: ReplyWaiter[] = [];
  /** The protocol the live socket speaks (the handshake may downgrade to RESP2). */
  #resp: 2 | 3 = 2;
  #ready = false;
  #closed = false;
  #attempt = 0;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #connecting: Promise<void> | undefined;

  constructor(options: SubscriberConnectionOptions) {
    this.#options = options;
  }

  get isReady(): boolean {
    return this.#ready;
  }

  /** Re-authenticating it means reconnecting: a live RESP2 connection (see `reauthenticate`). */
  get reauthenticationReconnects(): boolean {
    return this.#ready && this.#resp === 2;
  }

  /** Connects if not connected or connecting; resolves after the first handshake. */
  connect(): Promise<void> {
    return this.#connect(undefined);
  }

  /**
   * Authenticates the live connection with `credentials`: AUTH in place on RESP3; on RESP2 a
   * reconnect, which resolves once the new handshake succeeded (the subscriptions are then
   * restored by onReady). A connection not ready needs nothing: its next handshake asks for
   * the current credentials. Rejects with the server's error (WRONGPASS…).
   */
  async reauthenticate(credentials: ResolvedCredentials): Promise<void> {
    if (this.#closed || !this.#ready) return;
    if (this.#resp === 3) {
      await this.#authenticateInPlace(credentials);
      return;
    }
    // A subscribed RESP2 connection accepts only (P|S)(UN)SUBSCRIBE, PING, QUIT and RESET, so
    // AUTH would be refused there: a fresh connection authenticates in its handshake instead.
    // Messages published between the drop and the resubscription are not received.
    this.#lose(new ConnectionError("Subscriber connection reconnecting to re-authenticate"), false);
    try {
      await this.#connect(credentials);
    } catch (error) {
      // Keep trying with the client's backoff, as after any loss.
      this.#scheduleReconnect();
      throw error;
    }
  }

  #connect(credentials: ResolvedCredentials | undefined): Promise<void> {
    if (this.#closed) return Promise.reject(new ConnectionError("Subscriber connection closed"));
    if (this.#ready) return Promise.resolve();
    if (this.#connecting === undefined) {
      this.#connecting = this.#establish(credentials).finally(() => {
        this.#connecting = undefined;
      });
    }
    return this.#connecting;
  }

  /** Writes a command if ready; otherwise it is dropped (onReady resends the whole state). */
  write(args: readonly CommandArg[]): boolean {
    const socket = this.#socket;
    if (!this.#ready || socket === undefined) return false;
    this.#encoder.push(args);
    for (const chunk of this.#encoder.take()) socket.write(chunk);
    return true;
  }

  /** Destroys the socket as if the network failed (tests). */
  disconnect(reason: Error): void {
    if (this.#socket !== undefined) this.#lose(reason);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#reconnectTimer !== undefined) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    this.#dropSocket();
    this.#failWaiters(new ConnectionError("Subscriber connection closed"));
  }

  /**
   * Sends AUTH and settles with its reply. In RESP3 a subscribed connection accepts any
   * command, and its only other non-push replies are errors of subscription commands written
   * earlier; a PING sent first separates those (they reach onServerError) from AUTH's reply.
   * Should the reply order ever be lost (a user denied PING), the timeout reconnects.
   */
  #authenticateInPlace(credentials: ResolvedCredentials): Promise<void> {
    const socket = this.#socket;
    if (socket === undefined) return Promise.resolve();
    const timeoutMs = this.#options.config.requestTimeoutMs;
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const settle = (error: Error | undefined) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error === undefined) resolve();
        else reject(error);
      };
      this.#replyWaiters.push(
        { take: (value) => !(value instanceof RequestError), fail: settle },
        {
          take: (value) => {
            settle(value instanceof RequestError ? value : undefined);
            return true;
          },
          fail: settle,
        },
      );
      if (timeoutMs > 0) {
        timer = setTimeout(() => {
          // The reply order is no longer known: start over on a fresh connection.
          const error = new TimeoutError(`Re-authentication timed out after ${timeoutMs} ms`);
          if (this.#socket === socket) this.#lose(error);
          settle(error);
        }, timeoutMs);
      }
      this.#encoder.push(["PING"]);
      this.#encoder.push(authCommand(credentials));
      for (const chunk of this.#encoder.take()) socket.write(chunk);
    });
  }

  async #establish(given: ResolvedCredentials | undefined): Promise<void> {
    const { config } = this.#options;
    let address = await this.#options.target();
    if (config.addressResolver) {
      const [host, port] = config.addressResolver(address.host, address.port);
      address = { host, port };
    }
    if (this.#closed) throw new ConnectionError("Subscriber connection closed");
    const { socket, ready } = openSocket({
      address,
      tls: config.tls,
      tcpNoDelay: config.tcpNoDelay,
    });
    this.#install(socket, `${address.host}:${address.port}`);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ConnectionError(
              `Subscriber connection to ${address.host}:${address.port} timed out`,
            ),
          ),
        config.connectionTimeoutMs,
      );
    });
    timedOut.catch(() => undefined);
    try {
      ready.catch(() => undefined);
      await Promise.race([ready, timedOut]);
      const credentials = given ?? (await Promise.race([this.#options.credentials(), timedOut]));
      const handshake = performHandshake(
        {
          resp: config.resp,
          credentials,
          clientName: config.clientName,
          databaseId: config.databaseId,
          libName: config.libName,
          extraCommands: [],
        },
        (commands) => this.#exchange(commands),
      );
      handshake.catch(() => undefined);
      const { resp } = await Promise.race([handshake, timedOut]);
      this.#resp = resp;
    } catch (error) {
      const failure = error instanceof Error ? error : new ConnectionError(String(error));
      if (this.#socket === socket) this.#lose(failure);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
    if (this.#socket !== socket || this.#closed) {
      throw new ConnectionError("Subscriber connection lost during handshake");
    }
    this.#ready = true;
    this.#attempt = 0;
    this.#options.onReady();
  }

  /** Handshake only: writes `commands` and collects one reply each. */
  #exchange(commands: readonly (readonly CommandArg[])[]): Promise<RespValue[]> {
    const socket = this.#socket;
    if (socket === undefined) return Promise.reject(new ConnectionError("Not connected"));
    return new Promise((resolve, reject) => {
      const replies: RespValue[] = [];
      for (const command of commands) {
        this.#encoder.push(command);
        this.#replyWaiters.push({
          take: (value) => {
            replies.push(value);
            if (replies.length === commands.length) resolve(replies);
            return true;
          },
          fail: reject,
        });
      }
      for (const chunk of this.#encoder.take()) socket.write(chunk);
    });
  }

  #install(socket: net.Socket, addressKey: string): void {
    this.#socket = socket;
    statistics.connectionOpened();
    const decoder = new RespDecoder(
      {
        onReply: (value) => this.#onFrame(value, false),
        onPush: (value) => this.#onFrame(value, true),
        onError: (error) => this.#lose(error),
        // Channel names and payloads stay bytes until a decoder is chosen at delivery.
        replyAsBuffers: () => true,
      },
      {
        maxBulkLength: DEFAULTS.maxBulkLength,
        maxDepth: DEFAULTS.maxReplyDepth,
        pushAsBuffers: true,
      },
    );
    socket.on("data", (chunk: Buffer) => {
      if (this.#socket === socket) decoder.feed(chunk);
    });
    socket.on("error", (error: Error) => {
      if (this.#socket === socket) {
        this.#lose(new ConnectionError(`Subscriber connection to ${addressKey}: ${error.message}`));
      }
    });
    socket.on("close", () => {
      if (this.#socket === socket) {
        this.#lose(new ConnectionError(`Subscriber connection to ${addressKey} closed`));
      }
    });
  }

  #onFrame(value: RespValue, push: boolean): void {
    if (!push) {
      const waiter = this.#replyWaiters[0];
      if (waiter?.take(value) === true) {
        this.#replyWaiters.shift();
        return;
      }
      if (value instanceof RequestError) {
        this.#options.onServerError(value);
        return;
      }
    }
    if (!Array.isArray(value) || value.length === 0) return;
    const head = value[0];
    const kind = Buffer.isBuffer(head) ? head.toString() : typeof head === "string" ? head : "";
    // A map (RespMap) has no kind string, so only a Pub/Sub frame gets this far.
    this.#options.onEvent({ kind: kind.toLowerCase(), fields: value.slice(1) as RespValue[] });
  }

  /** Drops the socket; `reconnect` schedules the next attempt (false: the caller connects). */
  #lose(error: Error, reconnect = true): void {
    const wasReady = this.#ready;
    this.#dropSocket();
    this.#failWaiters(error);
    if (wasReady) this.#options.onLost(error);
    if (reconnect) this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#ready || this.#reconnectTimer !== undefined) return;
    // The first reconnect after a loss is immediate; backoff applies from the second.
    const delay =
      this.#attempt === 0 ? 0 : backoffDelay(this.#options.config.backoff, this.#attempt);
    this.#attempt++;
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (this.#closed || this.#ready) return;
      this.connect().catch((failure: unknown) => {
        if (Logger.enabled("warn")) {
          Logger.log("warn", "pubsub", "subscriber reconnect failed", failure as Error);
        }
      });
    }, delay);
  }

  #failWaiters(error: Error): void {
    for (const waiter of this.#replyWaiters.splice(0)) waiter.fail(error);
  }

  #dropSocket(): void {
    this.#ready = false;
    const socket = this.#socket;
    if (socket === undefined) return;
    this.#socket = undefined;
    this.#encoder.take();
    socket.destroy();
    statistics.connectionClosed();
  }
}
