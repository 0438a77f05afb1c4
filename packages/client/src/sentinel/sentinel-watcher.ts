// The one long-lived connection to a sentinel: subscribed to the events that
// move the primary or change the replica set. After a loss it reconnects to the
// next known sentinel (the client's backoff in between), and a fresh
// subscription reports `onResubscribed`, since a switch may have been missed.
import type { RespValue } from "@petrel/protocol";
import type { ResolvedAddress } from "../config/resolved.js";
import { Logger } from "../logger.js";
import { SubscriberConnection } from "../pubsub/subscriber-connection.js";
import type { ResolvedSentinel } from "./config.js";
import { concernsPrimary, parseSwitch, primaryOfEvent } from "./replies.js";
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
  /** A sentinel announced that the primary of our name moved. */
  readonly onSwitch: () => void;
  /** A replica of the primary at `primary` is being promoted: stop writing to it. */
  readonly onPromotion: (primary: ResolvedAddress) => void;
  /** A replica of our primary went down, came back or was added. */
  readonly onReplicasChanged: () => void;
  /** The subscription was (re)made on a sentinel; events before it may have been missed. */
  readonly onResubscribed: () => void;
}

function text(value: RespValue | undefined): string {
  if (Buffer.isBuffer(value)) return value.toString();
  return typeof value === "string" ? value : "";
}

export class SentinelWatcher {
  readonly #connection: SubscriberConnection;
  readonly #locator: SentinelLocator;
  readonly #events: SentinelWatcherEvents;
  /** Index of the sentinel the next attempt goes to. */
  #next = 0;
  #subscribedOnce = false;

  constructor(settings: ResolvedSentinel, locator: SentinelLocator, events: SentinelWatcherEvents) {
    this.#locator = locator;
    this.#events = events;
    this.#connection = new SubscriberConnection({
      config: settings.config,
      target: async () => {
        const sentinels = this.#locator.sentinels;
        const target = sentinels[this.#next % sentinels.length];
        this.#next++;
        if (target === undefined) throw new Error("no sentinel known");
        return target;
      },
      credentials: async () => settings.credentials,
      onEvent: (event) => {
        if (event.kind === "message") this.#onMessage(text(event.fields[0]), text(event.fields[1]));
      },
      onServerError: (error) => Logger.log("warn", "sentinel", "subscription refused", error),
      onReady: () => {
        this.#connection.write([
          "SUBSCRIBE",
          ...SWITCH_CHANNELS,
          ...PROMOTION_CHANNELS,
          ...REPLICA_CHANNELS,
        ]);
        if (this.#subscribedOnce) this.#events.onResubscribed();
        this.#subscribedOnce = true;
      },
      onLost: (error) => Logger.log("info", "sentinel", "sentinel connection lost", error),
    });
  }

  /** Connects (if not already) and subscribes; rejects if the first attempt fails. */
  start(): Promise<void> {
    return this.#connection.connect();
  }

  close(): void {
    this.#connection.close();
  }

  #onMessage(channel: string, payload: string): void {
    const name = this.#locator.primaryName;
    if (SWITCH_CHANNELS.includes(channel)) {
      if (parseSwitch(payload)?.primaryName !== name) return;
      Logger.log("info", "sentinel", `${channel} ${payload}`);
      this.#events.onSwitch();
      return;
    }
    if (PROMOTION_CHANNELS.includes(channel) && concernsPrimary(payload, name)) {
      const primary = primaryOfEvent(payload);
      Logger.log("info", "sentinel", `${channel} ${payload}`);
      if (primary !== undefined) this.#events.onPromotion(primary);
      return;
    }
    if (REPLICA_CHANNELS.includes(channel) && concernsPrimary(payload, name)) {
      this.#events.onReplicasChanged();
    }
  }
}
