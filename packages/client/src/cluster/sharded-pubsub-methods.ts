// GLIDE's sharded Pub/Sub methods of the cluster client (ssubscribe,
// sunsubscribe and their lazy variants) and its getSubscriptions, which also
// reports the sharded mode. Defined on the prototype, backed by the client's
// ShardedPubSub and PubSubManager (found through `shardedOf`).
import { Decoder, type DecoderOption } from "@petrel/commands";
import { type GlideString, RequestError } from "@petrel/protocol";
import { namesOf, type PubSubManager } from "../pubsub/pubsub-manager.js";
import type { ShardedPubSub } from "./sharded-pubsub.js";

/** GLIDE's `GlideClusterClientConfiguration.PubSubChannelModes`. */
export enum ClusterPubSubChannelModes {
  /** Exact channel names (SUBSCRIBE). */
  Exact = 0,
  /** Glob-style channel patterns (PSUBSCRIBE). */
  Pattern = 1,
  /** Sharded channels (SSUBSCRIBE), served by their slot's shard. */
  Sharded = 2,
}

/** Pass to sunsubscribe / sunsubscribeLazy to leave every sharded channel. */
export const ALL_SHARDED_CHANNELS = null;

/** GLIDE's `ClusterPubSubState`: wanted and confirmed subscriptions, by mode. */
export interface ClusterPubSubState {
  desiredSubscriptions: Partial<Record<ClusterPubSubChannelModes, Set<GlideString>>>;
  actualSubscriptions: Partial<Record<ClusterPubSubChannelModes, Set<GlideString>>>;
}

export interface ShardedPubSubMethods {
  /**
   * Subscribes to sharded `channels` without waiting for the confirmation.
   *
   * @see https://valkey.io/commands/ssubscribe/
   */
  ssubscribeLazy(channels: Iterable<GlideString>, options?: DecoderOption): Promise<void>;
  /**
   * Subscribes to sharded `channels` and waits for the confirmation (`timeoutMs` 0: no limit).
   *
   * @see https://valkey.io/commands/ssubscribe/
   */
  ssubscribe(
    channels: Iterable<GlideString>,
    timeoutMs: number,
    options?: DecoderOption,
  ): Promise<void>;
  /**
   * Leaves sharded `channels` without waiting for the confirmation; `null`
   * (ALL_SHARDED_CHANNELS) or no argument leaves every sharded channel.
   *
   * @see https://valkey.io/commands/sunsubscribe/
   */
  sunsubscribeLazy(channels?: Iterable<GlideString> | null, options?: DecoderOption): Promise<void>;
  /**
   * Leaves sharded `channels` (`null`: every sharded channel) and waits for the confirmation
   * (`timeoutMs` 0: no limit).
   *
   * @see https://valkey.io/commands/sunsubscribe/
   */
  sunsubscribe(
    channels: Iterable<GlideString> | null,
    timeoutMs: number,
    options?: DecoderOption,
  ): Promise<void>;
  /** The subscriptions the client wants and the ones the servers confirmed, sharded included. */
  getSubscriptions(): Promise<ClusterPubSubState>;
}

interface Entry {
  readonly sharded: ShardedPubSub;
  readonly manager: PubSubManager;
  readonly decoder: Decoder;
}

const entries = new WeakMap<object, Entry>();

export function attachShardedPubSub(client: object, entry: Entry): void {
  entries.set(client, entry);
}

function entryOf(client: object): Entry {
  const entry = entries.get(client);
  if (entry === undefined) throw new RequestError("Pub/Sub is not available on this object");
  return entry;
}

function checkTimeout(timeoutMs: unknown): number {
  if (typeof timeoutMs !== "number" || !Number.isInteger(timeoutMs) || timeoutMs < 0) {
    throw new RequestError("timeoutMs must be a non-negative integer (0: wait without limit)");
  }
  return timeoutMs;
}

function subscribing(lazy: boolean) {
  return function (this: object, names: unknown, timeoutMs?: unknown): Promise<void> {
    try {
      const timeout = lazy ? undefined : checkTimeout(timeoutMs);
      return entryOf(this).sharded.subscribe(namesOf(names, "channels"), timeout);
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

function unsubscribing(lazy: boolean) {
  return function (this: object, names: unknown, timeoutMs?: unknown): Promise<void> {
    try {
      const timeout = lazy ? undefined : checkTimeout(timeoutMs);
      const list = names === null || names === undefined ? null : namesOf(names, "channels");
      return entryOf(this).sharded.unsubscribe(list, timeout);
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

const methods: Record<keyof ShardedPubSubMethods, (this: object, ...args: never[]) => unknown> = {
  ssubscribeLazy: subscribing(true),
  ssubscribe: subscribing(false),
  sunsubscribeLazy: unsubscribing(true),
  sunsubscribe: unsubscribing(false),
  getSubscriptions(this: object): Promise<ClusterPubSubState> {
    try {
      const { sharded, manager, decoder } = entryOf(this);
      const base = manager.state(decoder);
      const shardedState = sharded.state();
      const decode = (name: Buffer): GlideString =>
        decoder === Decoder.Bytes ? name : name.toString();
      return Promise.resolve({
        desiredSubscriptions: {
          ...base.desiredSubscriptions,
          [ClusterPubSubChannelModes.Sharded]: new Set(shardedState.desired),
        },
        actualSubscriptions: {
          ...base.actualSubscriptions,
          [ClusterPubSubChannelModes.Sharded]: new Set(shardedState.actual.map(decode)),
        },
      });
    } catch (error) {
      return Promise.reject(error);
    }
  },
};

/** Sharded names of a configured `channelsAndPatterns`, validated. */
export function configuredShardedChannels(
  modes: Partial<Record<number, Set<string>>> | undefined,
): string[] {
  const sharded = modes?.[ClusterPubSubChannelModes.Sharded];
  return sharded === undefined ? [] : [...sharded];
}

/** Defines the sharded Pub/Sub methods (and the cluster getSubscriptions) on `prototype`. */
export function installShardedPubSubMethods(prototype: object): void {
  for (const [name, method] of Object.entries(methods)) {
    Object.defineProperty(prototype, name, {
      configurable: true,
      enumerable: false,
      writable: true,
      value: method,
    });
  }
}
