// Pub/Sub commands that are plain request/reply: PUBLISH, SPUBLISH, PUBSUB *.
// (SUBSCRIBE and friends change the connection's mode: the clients own them.)
import type { GlideString, RespValue } from "@petrel/protocol";
import type { Command, CommandArg, DecoderOption } from "../command.js";
import { DECODED, positional, SPREAD_LAST } from "../positional.js";
import { toArrayOf, toEntries } from "../replies/collections.js";
import { toGlideString, toNumber } from "../replies/scalars.js";
import type { ParseSite } from "../replies/unexpected.js";
import { command, defineSpec } from "../spec.js";

type ChannelCounts = { channel: GlideString; numSub: number }[];

/** PUBSUB NUMSUB: a flat [channel, count…] array (a map when a cluster reply was combined). */
const toChannelCounts = (reply: RespValue, site: ParseSite): ChannelCounts =>
  toEntries(reply, site).map(([channel, count]) => ({
    channel: toGlideString(channel, site),
    numSub: toNumber(count, site),
  }));

const PUBLISH = /* @__PURE__ */ defineSpec<number>("Publish", toNumber);
const SPUBLISH = /* @__PURE__ */ defineSpec<number>("SPublish", toNumber);
const PUBSUB_CHANNELS = /* @__PURE__ */ defineSpec<GlideString[]>(
  "PubSub Channels",
  /* @__PURE__ */ toArrayOf(toGlideString),
);
const PUBSUB_SHARDCHANNELS = /* @__PURE__ */ defineSpec<GlideString[]>(
  "PubSub ShardChannels",
  /* @__PURE__ */ toArrayOf(toGlideString),
);

/** Note GLIDE's order: message first, channel second. */
export const publish = (message: GlideString, channel: GlideString): Command<number> =>
  command(PUBLISH, ["PUBLISH", channel, message]);

/** Cluster: `sharded` publishes with SPUBLISH to the channel's shard. */
export const publishCluster = (
  message: GlideString,
  channel: GlideString,
  sharded?: boolean,
): Command<number> =>
  sharded
    ? command(SPUBLISH, ["SPUBLISH", channel, message])
    : command(PUBLISH, ["PUBLISH", channel, message]);

const patternArgs = (prefix: CommandArg[], pattern: GlideString | undefined): CommandArg[] =>
  pattern === undefined ? prefix : [...prefix, pattern];

export const pubsubChannels = (
  options?: { pattern?: GlideString } & DecoderOption,
): Command<GlideString[]> =>
  command(PUBSUB_CHANNELS, patternArgs(["PUBSUB", "CHANNELS"], options?.pattern), options?.decoder);

export const pubsubNumPat: () => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<number>("PubSub NumPat", toNumber),
  0,
);

export const pubsubNumSub: (
  channels: GlideString[],
  options?: DecoderOption,
) => Command<ChannelCounts> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<ChannelCounts>("PubSub NumSub", toChannelCounts),
  1,
  SPREAD_LAST,
  DECODED,
);

export const pubsubShardChannels = (
  options?: { pattern?: GlideString } & DecoderOption,
): Command<GlideString[]> =>
  command(
    PUBSUB_SHARDCHANNELS,
    patternArgs(["PUBSUB", "SHARDCHANNELS"], options?.pattern),
    options?.decoder,
  );

export const pubsubShardNumSub: (
  channels: GlideString[],
  options?: DecoderOption,
) => Command<ChannelCounts> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<ChannelCounts>("PubSub ShardNumSub", toChannelCounts),
  1,
  SPREAD_LAST,
  DECODED,
);

/** Methods every client has (BaseClient). */
export const pubsubCommands = { pubsubChannels, pubsubNumPat, pubsubNumSub };

export const pubsubStandaloneCommands = { publish };

export const pubsubClusterCommands = {
  publish: publishCluster,
  pubsubShardChannels,
  pubsubShardNumSub,
};
