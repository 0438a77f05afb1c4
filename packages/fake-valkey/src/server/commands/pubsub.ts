// Pub/Sub commands. (S/P)(UN)SUBSCRIBE confirm each channel with one frame
// (a push in RESP3, an array in RESP2). PUBLISH reaches every node of a
// cluster; SPUBLISH reaches the nodes of the channel's shard.

import type { ReplyFrame } from "@petrel/protocol";
import { arg } from "../../data/command.js";
import type { CommandDef } from "../command-table.js";
import { container } from "../command-table.js";
import { array, bulk, integer } from "../frames.js";
import type { FakeNode } from "../node.js";
import type { SubscriptionKind } from "../pubsub.js";
import { subscriptionFrame } from "../pubsub.js";
import type { Session } from "../session.js";

const latin1 = (value: Buffer | undefined) => (value ?? Buffer.alloc(0)).toString("latin1");
const allArgs = { first: 1, last: -1, step: 1 } as const;

function setOf(session: Session, kind: SubscriptionKind): Set<string> {
  return kind === "channel"
    ? session.channels
    : kind === "pattern"
      ? session.patterns
      : session.shardChannels;
}

function countFor(session: Session, kind: SubscriptionKind): number {
  return kind === "shard" ? session.shardChannels.size : session.classicSubscriptionCount;
}

function subscribe(kind: SubscriptionKind, verb: string): CommandDef["run"] {
  return (session, args) => {
    const frames: ReplyFrame[] = [];
    const subscriptions = setOf(session, kind);
    for (const arg of args.slice(1)) {
      const name = latin1(arg);
      if (!subscriptions.has(name)) {
        subscriptions.add(name);
        session.node.pubsub.add(kind, name, session);
      }
      frames.push(subscriptionFrame(verb, name, countFor(session, kind)));
    }
    return { frames };
  };
}

function unsubscribe(kind: SubscriptionKind, verb: string): CommandDef["run"] {
  return (session, args) => {
    const subscriptions = setOf(session, kind);
    const names = args.length > 1 ? args.slice(1).map(latin1) : [...subscriptions];
    if (names.length === 0)
      return { frames: [subscriptionFrame(verb, null, countFor(session, kind))] };
    const frames = names.map((name) => {
      if (subscriptions.delete(name)) session.node.pubsub.remove(kind, name, session);
      return subscriptionFrame(verb, name, countFor(session, kind));
    });
    return { frames };
  };
}

/** Drops every subscription without replying (RESET, connection close). */
export function resetSubscriptions(session: Session): void {
  const hub = session.node.pubsub;
  for (const name of session.channels) hub.remove("channel", name, session);
  for (const name of session.patterns) hub.remove("pattern", name, session);
  for (const name of session.shardChannels) hub.remove("shard", name, session);
  session.channels.clear();
  session.patterns.clear();
  session.shardChannels.clear();
}

function subscriberCommand(
  name: string,
  arity: number,
  run: CommandDef["run"],
  shard: boolean,
): CommandDef {
  return {
    name,
    arity,
    flags: shard ? ["subscriber", "shardchannels"] : ["subscriber"],
    group: "pubsub",
    ...(shard ? { keys: allArgs } : {}),
    run,
  };
}

/** Nodes other than `node` that receive a message published on it. */
function otherReceivers(node: FakeNode, shardOnly: boolean): FakeNode[] {
  const cluster = node.cluster;
  if (cluster === undefined) return [];
  const shard = cluster.topology.node(node.id).shard;
  return [...cluster.peers()].filter(
    (peer) =>
      peer !== node &&
      peer.running &&
      (!shardOnly || cluster.topology.node(peer.id).shard === shard),
  );
}

const publish: CommandDef = {
  name: "publish",
  arity: 3,
  flags: ["fast"],
  group: "pubsub",
  run(session, args) {
    const channel = latin1(args[1]);
    const message = arg(args, 2);
    const receivers = session.node.pubsub.publish(channel, message);
    for (const peer of otherReceivers(session.node, false)) peer.pubsub.publish(channel, message);
    return integer(receivers);
  },
};

const spublish: CommandDef = {
  name: "spublish",
  arity: 3,
  flags: ["fast", "shardchannels"],
  keys: { first: 1, last: 1, step: 1 },
  group: "pubsub",
  run(session, args) {
    const channel = latin1(args[1]);
    const message = arg(args, 2);
    const receivers = session.node.pubsub.publishShard(channel, message);
    for (const peer of otherReceivers(session.node, true))
      peer.pubsub.publishShard(channel, message);
    return integer(receivers);
  },
};

function channelList(kind: SubscriptionKind): CommandDef["run"] {
  return (session, args) => {
    const pattern = args.length > 2 ? latin1(args[2]) : undefined;
    return array(
      session.node.pubsub.active(kind, pattern).map((name) => bulk(Buffer.from(name, "latin1"))),
    );
  };
}

function numsub(kind: SubscriptionKind): CommandDef["run"] {
  // A flat array even in RESP3, as the server sends it.
  return (session, args) =>
    array(
      args
        .slice(2)
        .flatMap((channel) => [
          bulk(channel),
          integer(session.node.pubsub.count(kind, latin1(channel))),
        ]),
    );
}

const pubsubContainer = container("pubsub", "pubsub", [
  { name: "pubsub|channels", arity: -2, flags: [], group: "pubsub", run: channelList("channel") },
  { name: "pubsub|numsub", arity: -2, flags: [], group: "pubsub", run: numsub("channel") },
  {
    name: "pubsub|numpat",
    arity: 2,
    flags: [],
    group: "pubsub",
    run: (session) => integer(session.node.pubsub.patterns.size),
  },
  {
    name: "pubsub|shardchannels",
    arity: -2,
    flags: [],
    group: "pubsub",
    run: channelList("shard"),
  },
  { name: "pubsub|shardnumsub", arity: -2, flags: [], group: "pubsub", run: numsub("shard") },
]);

export const fakePubsubHandlers: readonly CommandDef[] = [
  subscriberCommand("subscribe", -2, subscribe("channel", "subscribe"), false),
  subscriberCommand("unsubscribe", -1, unsubscribe("channel", "unsubscribe"), false),
  subscriberCommand("psubscribe", -2, subscribe("pattern", "psubscribe"), false),
  subscriberCommand("punsubscribe", -1, unsubscribe("pattern", "punsubscribe"), false),
  subscriberCommand("ssubscribe", -2, subscribe("shard", "ssubscribe"), true),
  subscriberCommand("sunsubscribe", -1, unsubscribe("shard", "sunsubscribe"), true),
  publish,
  spublish,
  pubsubContainer,
];
