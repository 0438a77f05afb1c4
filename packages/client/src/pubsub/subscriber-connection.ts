// The dedicated subscriber connection: a Link (the socket's life: connect,
// handshake, reconnect, stall watch) plus the routing of Pub/Sub events. Once
// subscribed, a connection only receives Pub/Sub events (RESP3 pushes, or plain
// arrays on RESP2) and no request/reply pairs, so it is kept apart from the
// command connections: the same code then serves both protocols. Every fresh
// handshake is reported so the subscriptions can be restored. Non-push replies
// (a re-authentication's) go to the reply waiters in order; errors nobody waits
// for are a subscription command's.
import { type CommandArg, RequestError, type RespValue, TimeoutError } from "@petrel/protocol";
import type { ResolvedCredentials } from "../auth/credentials-provider.js";
import type { ResolvedAddress, ResolvedConfig } from "../config/resolved.js";
import { connectionError } from "../connection/connection-error.js";
import { authCommand } from "../connection/handshake.js";
import { Link } from "../connection/link.js";
import { Logger } from "../logger.js";

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
  /** The socket's life: connect, handshake, reconnect, stall watch. */
  readonly #link: Link;
  /** Non-push replies awaited (AUTH), in order. */
  #replyWaiters: ReplyWaiter[] = [];
  /** Commands were written and no frame has arrived since: a reply is due. */
  #unanswered = false;

  constructor(options: SubscriberConnectionOptions) {
    this.#options = options;
    this.#link = new Link({
      config: options.config,
      label: "Subscriber connection",
      target: options.target,
      credentials: options.credentials,
      // Channel names and payloads stay bytes until a decoder is chosen at delivery.
      pushAsBuffers: true,
      events: {
        onReply: (value) => this.#onFrame(value, false),
        onPush: (value) => this.#onFrame(value, true),
        replyAsBuffers: () => true,
        onReady: () => this.#options.onReady(),
        onLost: (error, wasReady) => this.#onLost(error, wasReady),
        onAttemptFailed: (error) => {
          if (Logger.enabled("warn"))
            Logger.log("warn", "pubsub", "subscriber reconnect failed", error);
        },
        awaiting: () => this.#unanswered,
        // Every subscription command is answered (a confirmation or an error), and
        // none blocks: a written command with no frame since is overdue.
        overdue: () => this.#unanswered,
      },
    });
  }

  get isReady(): boolean {
    return this.#link.state === "ready";
  }

  /** The link under this connection (its socket's life), for tests and diagnostics. */
  get link(): Link {
    return this.#link;
  }

  /** Re-authenticating it means reconnecting: a live RESP2 connection (see `reauthenticate`). */
  get reauthenticationReconnects(): boolean {
    return this.isReady && this.#link.resp === 2;
  }

  /** Connects if not connected or connecting; resolves after the first handshake. */
  connect(): Promise<void> {
    return this.#link.connect();
  }

  /**
   * Authenticates the live connection with `credentials`: AUTH in place on RESP3; on RESP2 a
   * reconnect, which resolves once the new handshake succeeded (the subscriptions are then
   * restored by onReady). A connection not ready needs nothing: its next handshake asks for
   * the current credentials. Rejects with the server's error (WRONGPASS…).
   */
  async reauthenticate(credentials: ResolvedCredentials): Promise<void> {
    if (!this.isReady) return;
    if (this.#link.resp === 3) {
      await this.#authenticateInPlace(credentials);
      return;
    }
    // A subscribed RESP2 connection accepts only (P|S)(UN)SUBSCRIBE, PING, QUIT and RESET, so
    // AUTH would be refused there: a fresh connection authenticates in its handshake instead.
    // Messages published between the drop and the resubscription are not received. A failed
    // attempt is retried with the client's backoff, as after any loss.
    await this.#link.reconnect(
      connectionError("Subscriber connection reconnecting to re-authenticate"),
      credentials,
    );
  }

  /** Writes a command if ready; otherwise it is dropped (onReady resends the whole state). */
  write(args: readonly CommandArg[]): boolean {
    if (!this.isReady) return false;
    this.#link.writeNow([args]);
    this.#expectFrame();
    return true;
  }

  /** Destroys the socket as if the network failed (tests). */
  disconnect(reason: Error): void {
    this.#link.fail(reason);
  }

  close(): void {
    if (this.#link.state === "closed") return;
    const error = connectionError("Subscriber connection closed");
    this.#link.close(error);
    this.#failWaiters(error);
  }

  #expectFrame(): void {
    if (this.#unanswered) return;
    this.#unanswered = true;
    this.#link.awaitReplies();
  }

  /**
   * Sends AUTH and settles with its reply. In RESP3 a subscribed connection accepts any
   * command, and its only other non-push replies are errors of subscription commands written
   * earlier; a PING sent first separates those (they reach onServerError) from AUTH's reply.
   * Should the reply order ever be lost (a user denied PING), the timeout reconnects.
   */
  #authenticateInPlace(credentials: ResolvedCredentials): Promise<void> {
    const socket = this.#link.socket;
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
          if (this.#link.socket === socket) this.#link.fail(error);
          settle(error);
        }, timeoutMs);
      }
      this.#link.writeNow([["PING"], authCommand(credentials)]);
      this.#expectFrame();
    });
  }

  #onFrame(value: RespValue, push: boolean): void {
    this.#unanswered = false;
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

  #onLost(error: Error, wasReady: boolean): void {
    this.#unanswered = false;
    this.#failWaiters(error);
    if (wasReady) this.#options.onLost(error);
  }

  #failWaiters(error: Error): void {
    for (const waiter of this.#replyWaiters.splice(0)) waiter.fail(error);
  }
}
