// The long-lived connections to the sentinels: one per known sentinel, each
// subscribed to the events that move the primary or change the replica set.
// Every sentinel is watched because only the leader of a failover publishes its
// steps (the promotion of a replica), about a second before the others announce
// the switch. Each connection reconnects to its own sentinel (the client's
// backoff in between), and a fresh subscription reports `onResubscribed`, since
// a switch may have been missed.
import type { RespValue } from "@petrel/protocol";
import type { ResolvedAddress } from "../config/resolved.js";
import { Logger } from "../logger.js";
import { SubscriberConnection } from "../pubsub/subscriber-connection.js";
import type { ResolvedSentinel } from "./config.js";
import {
  addressKey,
  concernsPrimary,
  instanceOfEvent,
  parseSwitch,
  primaryOfEvent,
} from "./replies.js";
import type { SentinelLocator } from "./sentinel-locator.js";

/** The primary moved: Redis and Valkey 7 name it "master", Valkey 8 also "primary". */
const SWITCH_CHANNELS = ["+switch-master", "+switch-primary"];
/**
 * Sentinel is promoting a replica (it sent it REPLICAOF NO ONE): writes the old primary takes
 * from now on are lost, though `+switch-master` comes only later.
 */
const PROMOTION_CHANNELS = ["+failover-state-send-slaveof-noone", "+promoted-slave"];
/** A replica went down, came back, or was added. */
const REPLICA_CHANNELS = ["+sdown", "-sdown", "+slave", "+replica"];

export interface SentinelWatcherEvents {
  /** A sentinel announced that the primary of our name moved to `primary`. */
  readonly onSwitch: (primary: ResolvedAddress) => void;
  /** The leader is promoting the replica at `promoted` in place of the primary at `primary`. */
  readonly onPromotion: (primary: ResolvedAddress, promoted: ResolvedAddress | undefined) => void;
  /** A replica of our primary went down, came back or was added. */
  readonly onReplicasChanged: () => void;
  /** A subscription was remade on a sentinel; events before it may have been missed. */
  readonly onResubscribed: () => void;
}

function text(value: RespValue | undefined): string {
  if (Buffer.isBuffer(value)) return value.toString();
  return typeof value === "string" ? value : "";
}

export class SentinelWatcher {
  readonly #settings: ResolvedSentinel;
  readonly #locator: SentinelLocator;
  readonly #events: SentinelWatcherEvents;
  /** One subscription per sentinel, by `host:port`. */
  readonly #connections = new Map<string, SubscriberConnection>();
  #closed = false;

  constructor(settings: ResolvedSentinel, locator: SentinelLocator, events: SentinelWatcherEvents) {
    this.#settings = settings;
    this.#locator = locator;
    this.#events = events;
  }

  /**
   * Subscribes on every known sentinel not watched yet (learned ones included). Resolves when
   * one subscription is made; rejects if every new first attempt fails.
   */
  start(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const attempts: Promise<void>[] = [];
    for (const address of this.#locator.sentinels) {
      const key = addressKey(address);
      if (this.#connections.has(key)) continue;
      const connection = this.#watch(address);
      this.#connections.set(key, connection);
      attempts.push(connection.connect());
    }
    if (attempts.length === 0) return Promise.resolve();
    return Promise.any(attempts).catch((error: AggregateError) => {
      throw error.errors[0];
    });
  }

  close(): void {
    this.#closed = true;
    for (const connection of this.#connections.values()) connection.close();
    this.#connections.clear();
  }

  #watch(address: ResolvedAddress): SubscriberConnection {
    const settings = this.#settings;
    let subscribedOnce = false;
    const connection: SubscriberConnection = new SubscriberConnection({
      config: settings.config,
      target: async () => address,
      credentials: async () => settings.credentials,
      onEvent: (event) => {
        if (event.kind === "message") this.#onMessage(text(event.fields[0]), text(event.fields[1]));
      },
      onServerError: (error) => Logger.log("warn", "sentinel", "subscription refused", error),
      onReady: () => {
        connection.write([
          "SUBSCRIBE",
          ...SWITCH_CHANNELS,
          ...PROMOTION_CHANNELS,
          ...REPLICA_CHANNELS,
        ]);
        if (subscribedOnce) this.#events.onResubscribed();
        subscribedOnce = true;
      },
      onLost: (error) => Logger.log("info", "sentinel", "sentinel connection lost", error),
    });
    return connection;
  }

  #onMessage(channel: string, payload: string): void {
    const name = this.#locator.primaryName;
    if (SWITCH_CHANNELS.includes(channel)) {
      const moved = parseSwitch(payload);
      if (moved?.primaryName !== name) return;
      Logger.log("info", "sentinel", `${channel} ${payload}`);
      this.#events.onSwitch(moved.primary);
      return;
    }
    if (PROMOTION_CHANNELS.includes(channel) && concernsPrimary(payload, name)) {
      const primary = primaryOfEvent(payload);
      Logger.log("info", "sentinel", `${channel} ${payload}`);
      if (primary !== undefined) this.#events.onPromotion(primary, instanceOfEvent(payload));
      return;
    }
    if (REPLICA_CHANNELS.includes(channel) && concernsPrimary(payload, name)) {
      this.#events.onReplicasChanged();
    }
  }
}
