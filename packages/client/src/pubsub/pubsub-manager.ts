// Pub/Sub for one client: the subscriptions it wants (configured at creation
// or changed at runtime), the ones the server confirmed, and the messages
// received, handed to the configured callback or queued for
// getPubSubMessage()/tryGetPubSubMessage(). The wanted state is resent on every
// fresh subscriber connection, so subscriptions survive reconnects.

import { Decoder } from "@petrel/commands";
import {
  ClosingError,
  ConfigurationError,
  type GlideString,
  RequestError,
  type RespValue,
} from "@petrel/protocol";
import type { ResolvedCredentials } from "../auth/credentials-provider.js";
import type { ResolvedAddress, ResolvedConfig } from "../config/resolved.js";
import { Logger } from "../logger.js";
import { ConfirmationWaiters } from "./confirmation-waiters.js";
import { type PubSubEvent, SubscriberConnection } from "./subscriber-connection.js";
import {
  PubSubChannelModes,
  type PubSubMsg,
  type PubSubSubscriptions,
  type StandalonePubSubState,
} from "./types.js";

const COMMANDS = {
  [PubSubChannelModes.Exact]: { subscribe: "SUBSCRIBE", unsubscribe: "UNSUBSCRIBE" },
  [PubSubChannelModes.Pattern]: { subscribe: "PSUBSCRIBE", unsubscribe: "PUNSUBSCRIBE" },
} as const;

const CONFIRMATIONS: Record<string, { mode: PubSubChannelModes; subscribed: boolean }> = {
  subscribe: { mode: PubSubChannelModes.Exact, subscribed: true },
  unsubscribe: { mode: PubSubChannelModes.Exact, subscribed: false },
  psubscribe: { mode: PubSubChannelModes.Pattern, subscribed: true },
  punsubscribe: { mode: PubSubChannelModes.Pattern, subscribed: false },
};

interface RawMessage {
  readonly message: Buffer;
  readonly channel: Buffer;
  readonly pattern: Buffer | null;
}

export interface PubSubManagerOptions {
  readonly config: ResolvedConfig;
  readonly target: () => Promise<ResolvedAddress>;
  readonly credentials: () => Promise<ResolvedCredentials | undefined>;
  readonly subscriptions: PubSubSubscriptions | undefined;
}

/** Names are compared as bytes: "news" and Buffer.from("news") are one channel. */
function keyOf(name: GlideString): string {
  return typeof name === "string" ? Buffer.from(name).toString("latin1") : name.toString("latin1");
}

function asBuffer(value: RespValue | undefined): Buffer | null {
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === "string") return Buffer.from(value);
  return null;
}

function decode(value: Buffer, decoder: Decoder): GlideString {
  return decoder === Decoder.Bytes ? value : value.toString();
}

/** Checks a user-supplied collection of channel names or patterns. */
export function namesOf(names: unknown, what: string): GlideString[] {
  if (names === null || typeof names !== "object" || !(Symbol.iterator in names)) {
    throw new RequestError(`${what} must be an iterable of strings or Buffers`);
  }
  const list = [...(names as Iterable<unknown>)];
  for (const name of list) {
    if (typeof name !== "string" && !Buffer.isBuffer(name)) {
      throw new RequestError(`${what} must contain only strings or Buffers`);
    }
  }
  if (list.length === 0) throw new RequestError(`${what} must not be empty`);
  return list as GlideString[];
}

/** Validates GLIDE's `pubsubSubscriptions` option. */
export function checkSubscriptions(value: unknown): PubSubSubscriptions | undefined {
  if (value === undefined) return undefined;
  const bad = (problem: string): never => {
    throw new ConfigurationError(`Invalid configuration: pubsubSubscriptions ${problem}`);
  };
  if (value === null || typeof value !== "object") return bad("must be an object");
  const { channelsAndPatterns, callback } = value as PubSubSubscriptions;
  if (channelsAndPatterns === null || typeof channelsAndPatterns !== "object") {
    return bad("needs channelsAndPatterns");
  }
  for (const [mode, names] of Object.entries(channelsAndPatterns)) {
    if (mode !== String(PubSubChannelModes.Exact) && mode !== String(PubSubChannelModes.Pattern)) {
      bad(`has an unknown mode ${mode} (standalone clients have Exact and Pattern)`);
    }
    if (!(names instanceof Set)) bad("maps each mode to a Set of names");
  }
  if (callback !== undefined && typeof callback !== "function") bad("callback must be a function");
  return value as PubSubSubscriptions;
}

export class PubSubManager {
  readonly #options: PubSubManagerOptions;
  readonly #connection: SubscriberConnection;
  readonly #desired = new Map<PubSubChannelModes, Map<string, GlideString>>([
    [PubSubChannelModes.Exact, new Map()],
    [PubSubChannelModes.Pattern, new Map()],
  ]);
  readonly #actual = new Map<PubSubChannelModes, Map<string, Buffer>>([
    [PubSubChannelModes.Exact, new Map()],
    [PubSubChannelModes.Pattern, new Map()],
  ]);
  readonly #queue: RawMessage[] = [];
  readonly #messageWaiters: {
    resolve: (message: PubSubMsg) => void;
    reject: (error: Error) => void;
  }[] = [];
  readonly #waiters = new ConfirmationWaiters("Pub/Sub");
  #closed = false;
  /** connectInBackground ran; the connection reconnects by itself from then on. */
  #startedInBackground = false;

  constructor(options: PubSubManagerOptions) {
    this.#options = options;
    this.#connection = new SubscriberConnection({
      config: options.config,
      target: options.target,
      credentials: options.credentials,
      onEvent: (event) => this.#onEvent(event),
      onServerError: (error) => this.#onServerError(error),
      onReady: () => this.#restore(),
      onLost: () => this.#onLost(),
    });
    const configured = options.subscriptions?.channelsAndPatterns ?? {};
    for (const mode of [PubSubChannelModes.Exact, PubSubChannelModes.Pattern]) {
      for (const name of configured[mode] ?? []) this.#want(mode, name);
    }
  }

  get #callback(): PubSubSubscriptions["callback"] {
    return this.#options.subscriptions?.callback;
  }

  /** Connects when subscriptions are configured and waits for the server to confirm them. */
  async start(timeoutMs: number): Promise<void> {
    if (!this.#wantsAnything()) return;
    await this.#connection.connect();
    await this.#waitFor(() => this.#confirmed(), timeoutMs);
  }

  /** Connects in the background when subscriptions are wanted (a lazy client's first request). */
  connectInBackground(): void {
    if (this.#startedInBackground) return;
    this.#startedInBackground = true;
    if (this.#closed || !this.#wantsAnything() || this.#connection.isReady) return;
    this.#connection.connect().catch((error: unknown) => {
      Logger.log("warn", "pubsub", "subscriber connection failed", error as Error);
    });
  }

  /** SUBSCRIBE / PSUBSCRIBE; waits for the confirmation unless `timeoutMs` is undefined (lazy). */
  subscribe(mode: PubSubChannelModes, names: GlideString[], timeoutMs?: number): Promise<void> {
    for (const name of names) this.#want(mode, name);
    this.#send([COMMANDS[mode].subscribe, ...names]);
    if (timeoutMs === undefined) return Promise.resolve();
    const keys = names.map(keyOf);
    const actual = this.#actual.get(mode) as Map<string, Buffer>;
    return this.#waitFor(() => keys.every((key) => actual.has(key)), timeoutMs);
  }

  /** UNSUBSCRIBE / PUNSUBSCRIBE; `null` leaves everything of that mode. */
  unsubscribe(
    mode: PubSubChannelModes,
    names: GlideString[] | null,
    timeoutMs?: number,
  ): Promise<void> {
    const desired = this.#desired.get(mode) as Map<string, GlideString>;
    const keys = names === null ? [...desired.keys()] : names.map(keyOf);
    if (names === null) desired.clear();
    else for (const key of keys) desired.delete(key);
    this.#send([COMMANDS[mode].unsubscribe, ...(names ?? [])]);
    if (timeoutMs === undefined) return Promise.resolve();
    const actual = this.#actual.get(mode) as Map<string, Buffer>;
    const done =
      names === null ? () => actual.size === 0 : () => keys.every((key) => !actual.has(key));
    return this.#waitFor(done, timeoutMs);
  }

  /** The next message; waits for one. Not available with a callback. */
  getPubSubMessage(decoder: Decoder): Promise<PubSubMsg> {
    if (this.#closed) return Promise.reject(new ClosingError("The client is closed"));
    if (this.#callback !== undefined) {
      return Promise.reject(
        new ConfigurationError(
          "getPubSubMessage never completes when a pubsubSubscriptions callback is configured",
        ),
      );
    }
    const next = this.#queue.shift();
    if (next !== undefined) return Promise.resolve(this.#shape(next, decoder));
    return new Promise((resolve, reject) => {
      this.#messageWaiters.push({
        resolve: (message) => resolve(message),
        reject,
      });
    });
  }

  /** The next queued message, or null. Not available with a callback. */
  tryGetPubSubMessage(decoder: Decoder): PubSubMsg | null {
    if (this.#closed) throw new ClosingError("The client is closed");
    if (this.#callback !== undefined) {
      throw new ConfigurationError(
        "tryGetPubSubMessage is not available when a pubsubSubscriptions callback is configured",
      );
    }
    const next = this.#queue.shift();
    return next === undefined ? null : this.#shape(next, decoder);
  }

  state(decoder: Decoder): StandalonePubSubState {
    const snapshot = <V>(
      source: Map<PubSubChannelModes, Map<string, V>>,
      shape: (value: V) => GlideString,
    ) => ({
      [PubSubChannelModes.Exact]: new Set(
        [...(source.get(PubSubChannelModes.Exact)?.values() ?? [])].map(shape),
      ),
      [PubSubChannelModes.Pattern]: new Set(
        [...(source.get(PubSubChannelModes.Pattern)?.values() ?? [])].map(shape),
      ),
    });
    return {
      desiredSubscriptions: snapshot(this.#desired, (name) => name),
      actualSubscriptions: snapshot(this.#actual, (name) => decode(name, decoder)),
    };
  }

  /**
   * The periodic check: true when the confirmed subscriptions are the wanted ones; otherwise
   * subscribes to the missing ones and leaves the extra ones (connecting if needed).
   */
  reconcile(): boolean {
    if (this.#closed) return true;
    // Not connected: a fresh connection restores the whole state when it is ready.
    if (!this.#connection.isReady) return !this.#wantsAnything();
    let inSync = true;
    for (const mode of [PubSubChannelModes.Exact, PubSubChannelModes.Pattern]) {
      const desired = this.#desired.get(mode) as Map<string, GlideString>;
      const actual = this.#actual.get(mode) as Map<string, Buffer>;
      const missing = [...desired].filter(([key]) => !actual.has(key)).map(([, name]) => name);
      const extra = [...actual].filter(([key]) => !desired.has(key)).map(([, name]) => name);
      if (missing.length > 0) this.#send([COMMANDS[mode].subscribe, ...missing]);
      if (extra.length > 0) this.#connection.write([COMMANDS[mode].unsubscribe, ...extra]);
      if (missing.length > 0 || extra.length > 0) inSync = false;
    }
    return inSync;
  }

  /** The subscriber connection, for re-authentication. */
  get connection(): SubscriberConnection {
    return this.#connection;
  }

  /** Drops the subscriber socket as if the network failed (tests). */
  disconnect(reason: Error): void {
    this.#connection.disconnect(reason);
  }

  close(error: ClosingError): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#connection.close();
    this.#waiters.rejectAll(error);
    for (const waiter of this.#messageWaiters.splice(0)) waiter.reject(error);
  }

  #want(mode: PubSubChannelModes, name: GlideString): void {
    this.#desired.get(mode)?.set(keyOf(name), name);
  }

  #wantsAnything(): boolean {
    return [...this.#desired.values()].some((names) => names.size > 0);
  }

  #confirmed(): boolean {
    for (const [mode, names] of this.#desired) {
      const actual = this.#actual.get(mode) as Map<string, Buffer>;
      for (const key of names.keys()) if (!actual.has(key)) return false;
    }
    return true;
  }

  /** Writes now when connected; otherwise connects, and `restore` sends the whole state. */
  #send(args: GlideString[]): void {
    if (this.#closed) throw new ClosingError("The client is closed");
    if (this.#connection.write(args)) return;
    // Nothing wanted and not connected: there is nothing to leave either.
    if (!this.#wantsAnything()) return;
    this.#connection.connect().catch((error: unknown) => {
      Logger.log("warn", "pubsub", "subscriber connection failed", error as Error);
    });
  }

  #restore(): void {
    for (const mode of [PubSubChannelModes.Exact, PubSubChannelModes.Pattern]) {
      const names = [...(this.#desired.get(mode)?.values() ?? [])];
      if (names.length > 0) this.#connection.write([COMMANDS[mode].subscribe, ...names]);
    }
  }

  #onLost(): void {
    for (const actual of this.#actual.values()) actual.clear();
  }

  #waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
    return this.#waiters.waitFor(done, timeoutMs, this.#closed);
  }

  #onEvent(event: PubSubEvent): void {
    const { kind, fields } = event;
    if (kind === "message" || kind === "pmessage") {
      const pattern = kind === "pmessage" ? asBuffer(fields[0]) : null;
      const channel = asBuffer(fields[kind === "pmessage" ? 1 : 0]);
      const message = asBuffer(fields[kind === "pmessage" ? 2 : 1]);
      if (channel !== null && message !== null) this.#deliver({ message, channel, pattern });
      return;
    }
    const confirmation = CONFIRMATIONS[kind];
    if (confirmation === undefined) return;
    const actual = this.#actual.get(confirmation.mode) as Map<string, Buffer>;
    const name = asBuffer(fields[0]);
    if (name !== null) {
      const key = name.toString("latin1");
      if (confirmation.subscribed) actual.set(key, name);
      else actual.delete(key);
    } else if (!confirmation.subscribed) {
      actual.clear();
    }
    this.#settleWaiters();
  }

  #settleWaiters(): void {
    this.#waiters.settle();
  }

  #onServerError(error: RequestError): void {
    Logger.log("warn", "pubsub", "the server refused a subscription command", error);
    this.#waiters.rejectAll(error);
  }

  /** Hands a message received elsewhere (the cluster's sharded subscribers) to the same delivery. */
  receive(channel: Buffer, message: Buffer): void {
    if (!this.#closed) this.#deliver({ message, channel, pattern: null });
  }

  #deliver(raw: RawMessage): void {
    const callback = this.#callback;
    if (callback !== undefined) {
      try {
        callback(
          this.#shape(raw, this.#options.config.defaultDecoder),
          this.#options.subscriptions?.context,
        );
      } catch (error) {
        Logger.log("error", "pubsub", "the pubsubSubscriptions callback threw", error as Error);
      }
      return;
    }
    const waiter = this.#messageWaiters.shift();
    if (waiter !== undefined) waiter.resolve(this.#shape(raw, this.#options.config.defaultDecoder));
    else this.#queue.push(raw);
  }

  #shape(raw: RawMessage, decoder: Decoder): PubSubMsg {
    return {
      message: decode(raw.message, decoder),
      channel: decode(raw.channel, decoder),
      pattern: raw.pattern === null ? null : decode(raw.pattern, decoder),
    };
  }
}
