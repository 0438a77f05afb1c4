// GLIDE's Pub/Sub methods of the standalone client, defined on its prototype
// and backed by the client's PubSubManager (found through `managers`, so the
// client class carries no Pub/Sub state of its own).
import type { Decoder, DecoderOption } from "@petrel/commands";
import { type GlideString, RequestError } from "@petrel/protocol";
import { namesOf, type PubSubManager } from "./pubsub-manager.js";
import { PubSubChannelModes, type PubSubMsg, type StandalonePubSubState } from "./types.js";

const managers = new WeakMap<object, { manager: PubSubManager; decoder: Decoder }>();

/** Links `client` to its manager; `decoder` is the client's default decoder. */
export function attachPubSub(client: object, manager: PubSubManager, decoder: Decoder): void {
  managers.set(client, { manager, decoder });
}

function managerOf(client: object): { manager: PubSubManager; decoder: Decoder } {
  const entry = managers.get(client);
  if (entry === undefined) throw new RequestError("Pub/Sub is not available on this object");
  return entry;
}

export interface PubSubMethods {
  /**
   * Subscribes to `channels` without waiting for the server's confirmation; messages arrive
   * through the configured callback or `getPubSubMessage()`.
   *
   * @see https://valkey.io/commands/subscribe/
   */
  subscribeLazy(channels: Iterable<GlideString>, options?: DecoderOption): Promise<void>;
  /**
   * Subscribes to `channels` and waits for the confirmation (`timeoutMs` 0: no limit).
   *
   * @see https://valkey.io/commands/subscribe/
   */
  subscribe(
    channels: Iterable<GlideString>,
    timeoutMs: number,
    options?: DecoderOption,
  ): Promise<void>;
  /**
   * Subscribes to the channels matching `patterns` without waiting for the confirmation.
   *
   * @see https://valkey.io/commands/psubscribe/
   */
  psubscribeLazy(patterns: Iterable<GlideString>, options?: DecoderOption): Promise<void>;
  /**
   * Subscribes to the channels matching `patterns` and waits for the confirmation
   * (`timeoutMs` 0: no limit).
   *
   * @see https://valkey.io/commands/psubscribe/
   */
  psubscribe(
    patterns: Iterable<GlideString>,
    timeoutMs: number,
    options?: DecoderOption,
  ): Promise<void>;
  /**
   * Leaves `channels` without waiting for the confirmation; `null` (ALL_CHANNELS) or no
   * argument leaves every exact channel.
   *
   * @see https://valkey.io/commands/unsubscribe/
   */
  unsubscribeLazy(channels?: Iterable<GlideString> | null, options?: DecoderOption): Promise<void>;
  /**
   * Leaves `channels` (`null`: every exact channel) and waits for the confirmation
   * (`timeoutMs` 0: no limit).
   *
   * @see https://valkey.io/commands/unsubscribe/
   */
  unsubscribe(
    channels: Iterable<GlideString> | null,
    timeoutMs: number,
    options?: DecoderOption,
  ): Promise<void>;
  /**
   * Leaves `patterns` without waiting for the confirmation; `null` (ALL_PATTERNS) or no
   * argument leaves every pattern.
   *
   * @see https://valkey.io/commands/punsubscribe/
   */
  punsubscribeLazy(patterns?: Iterable<GlideString> | null, options?: DecoderOption): Promise<void>;
  /**
   * Leaves `patterns` (`null`: every pattern) and waits for the confirmation
   * (`timeoutMs` 0: no limit).
   *
   * @see https://valkey.io/commands/punsubscribe/
   */
  punsubscribe(
    patterns: Iterable<GlideString> | null,
    timeoutMs: number,
    options?: DecoderOption,
  ): Promise<void>;
  /** The next message (waits for one); rejects with ConfigurationError when a callback is set. */
  getPubSubMessage(): Promise<PubSubMsg>;
  /** The next queued message or null; throws ConfigurationError when a callback is set. */
  tryGetPubSubMessage(decoder?: Decoder): PubSubMsg | null;
  /** The subscriptions the client wants and the ones the server confirmed. */
  getSubscriptions(): Promise<StandalonePubSubState>;
}

function checkTimeout(timeoutMs: unknown): number {
  if (typeof timeoutMs !== "number" || !Number.isInteger(timeoutMs) || timeoutMs < 0) {
    throw new RequestError("timeoutMs must be a non-negative integer (0: wait without limit)");
  }
  return timeoutMs;
}

function subscribing(mode: PubSubChannelModes, what: string, lazy: boolean) {
  return function (this: object, names: unknown, timeoutMs?: unknown): Promise<void> {
    try {
      const { manager } = managerOf(this);
      const timeout = lazy ? undefined : checkTimeout(timeoutMs);
      return manager.subscribe(mode, namesOf(names, what), timeout);
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

function unsubscribing(mode: PubSubChannelModes, what: string, lazy: boolean) {
  return function (this: object, names: unknown, timeoutMs?: unknown): Promise<void> {
    try {
      const { manager } = managerOf(this);
      const timeout = lazy ? undefined : checkTimeout(timeoutMs);
      const list = names === null || names === undefined ? null : namesOf(names, what);
      return manager.unsubscribe(mode, list, timeout);
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

const methods: Record<keyof PubSubMethods, (this: object, ...args: never[]) => unknown> = {
  subscribeLazy: subscribing(PubSubChannelModes.Exact, "channels", true),
  subscribe: subscribing(PubSubChannelModes.Exact, "channels", false),
  psubscribeLazy: subscribing(PubSubChannelModes.Pattern, "patterns", true),
  psubscribe: subscribing(PubSubChannelModes.Pattern, "patterns", false),
  unsubscribeLazy: unsubscribing(PubSubChannelModes.Exact, "channels", true),
  unsubscribe: unsubscribing(PubSubChannelModes.Exact, "channels", false),
  punsubscribeLazy: unsubscribing(PubSubChannelModes.Pattern, "patterns", true),
  punsubscribe: unsubscribing(PubSubChannelModes.Pattern, "patterns", false),
  getPubSubMessage(this: object): Promise<PubSubMsg> {
    try {
      const { manager, decoder } = managerOf(this);
      return manager.getPubSubMessage(decoder);
    } catch (error) {
      return Promise.reject(error);
    }
  },
  tryGetPubSubMessage(this: object, decoder?: Decoder): PubSubMsg | null {
    const entry = managerOf(this);
    return entry.manager.tryGetPubSubMessage(decoder ?? entry.decoder);
  },
  getSubscriptions(this: object): Promise<StandalonePubSubState> {
    try {
      const { manager, decoder } = managerOf(this);
      return Promise.resolve(manager.state(decoder));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};

/** Defines GLIDE's Pub/Sub methods on `prototype`. */
export function installPubSubMethods(prototype: object): void {
  for (const [name, method] of Object.entries(methods)) {
    Object.defineProperty(prototype, name, {
      configurable: true,
      enumerable: false,
      writable: true,
      value: method,
    });
  }
}
