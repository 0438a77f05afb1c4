// Subscriptions of one node and message delivery. Channel names are latin1
// strings so any bytes round-trip. Messages go out as RESP3 pushes or, in
// RESP2, as plain arrays (the encoder writes a push as an array there).

import type { ReplyFrame } from "@petrel/protocol";
import { globMatch } from "../data/glob.js";
import { bulk, push } from "./frames.js";
import type { Session } from "./session.js";

export type SubscriptionKind = "channel" | "pattern" | "shard";

const channelBuffer = (name: string) => Buffer.from(name, "latin1");

export class PubSubHub {
  readonly channels = new Map<string, Set<Session>>();
  readonly patterns = new Map<string, Set<Session>>();
  readonly shardChannels = new Map<string, Set<Session>>();

  private table(kind: SubscriptionKind): Map<string, Set<Session>> {
    return kind === "channel"
      ? this.channels
      : kind === "pattern"
        ? this.patterns
        : this.shardChannels;
  }

  add(kind: SubscriptionKind, name: string, session: Session): void {
    const table = this.table(kind);
    const members = table.get(name) ?? new Set<Session>();
    members.add(session);
    table.set(name, members);
  }

  remove(kind: SubscriptionKind, name: string, session: Session): void {
    const table = this.table(kind);
    const members = table.get(name);
    if (members === undefined) return;
    members.delete(session);
    if (members.size === 0) table.delete(name);
  }

  /** Delivers a PUBLISH to this node's channel and pattern subscribers; returns how many received it. */
  publish(channel: string, message: Buffer): number {
    let receivers = 0;
    for (const session of this.channels.get(channel) ?? []) {
      session.sendPush(push([bulk("message"), bulk(channelBuffer(channel)), bulk(message)]));
      receivers++;
    }
    for (const [pattern, sessions] of this.patterns) {
      if (!globMatch(pattern, channel)) continue;
      for (const session of sessions) {
        session.sendPush(
          push([
            bulk("pmessage"),
            bulk(channelBuffer(pattern)),
            bulk(channelBuffer(channel)),
            bulk(message),
          ]),
        );
        receivers++;
      }
    }
    return receivers;
  }

  /** Delivers an SPUBLISH to this node's shard-channel subscribers. */
  publishShard(channel: string, message: Buffer): number {
    let receivers = 0;
    for (const session of this.shardChannels.get(channel) ?? []) {
      session.sendPush(push([bulk("smessage"), bulk(channelBuffer(channel)), bulk(message)]));
      receivers++;
    }
    return receivers;
  }

  /** Names of active channels of a kind matching an optional pattern. */
  active(kind: SubscriptionKind, pattern?: string): string[] {
    return [...this.table(kind).keys()].filter(
      (name) => pattern === undefined || globMatch(pattern, name),
    );
  }

  count(kind: SubscriptionKind, name: string): number {
    return this.table(kind).get(name)?.size ?? 0;
  }
}

/** The confirmation frame of a (un)subscribe: `[kind, channel, count]`. */
export function subscriptionFrame(kind: string, channel: string | null, count: number): ReplyFrame {
  return push([
    bulk(kind),
    bulk(channel === null ? null : channelBuffer(channel)),
    { type: "integer", value: count },
  ]);
}
