// The commands whose parameters GLIDE's batches spell differently from its
// clients: positional where the clients take an option object, and no decoder
// (a batch is decoded as a whole by `exec`). Each builds the client's command.
import {
  type Boundary,
  clusterCommands,
  type GetExOptions,
  type GlideString,
  standaloneCommands,
} from "@petrel/commands";

const { getex, xinfoStream, xrange, xrevrange, pubsubChannels } = standaloneCommands;

/** GETEX with GLIDE's batch form: the expiry itself, not `{ expiry }`. */
export function getexBatch(key: GlideString, options?: GetExOptions["expiry"]) {
  return getex(key, options === undefined ? undefined : { expiry: options });
}

/** XINFO STREAM with GLIDE's batch form: FULL (`true`) or FULL COUNT n, positional. */
export function xinfoStreamBatch(key: GlideString, fullOptions?: boolean | number) {
  return xinfoStream(key, fullOptions === undefined ? undefined : { fullOptions });
}

/** XRANGE with GLIDE's batch form: `count` positional. */
export function xrangeBatch(
  key: GlideString,
  start: Boundary<string>,
  end: Boundary<string>,
  count?: number,
) {
  return xrange(key, start, end, count === undefined ? undefined : { count });
}

/** XREVRANGE with GLIDE's batch form: `count` positional. */
export function xrevrangeBatch(
  key: GlideString,
  end: Boundary<string>,
  start: Boundary<string>,
  count?: number,
) {
  return xrevrange(key, end, start, count === undefined ? undefined : { count });
}

/** PUBSUB CHANNELS with GLIDE's batch form: the pattern, positional. */
export function pubsubChannelsBatch(pattern?: GlideString) {
  return pubsubChannels(pattern === undefined ? undefined : { pattern });
}

/** PUBSUB SHARDCHANNELS with GLIDE's batch form: the pattern, positional. */
export function pubsubShardChannelsBatch(pattern?: GlideString) {
  return clusterCommands.pubsubShardChannels(pattern === undefined ? undefined : { pattern });
}
