// Stream commands: XADD, XDEL, XTRIM, XLEN, XRANGE, XREVRANGE, XREAD, XREADGROUP, XACK.
// Consumer groups, pending lists, claims and XINFO are in stream-groups.ts.
import type { GlideString, RespValue } from "@petrel/protocol";
import { recordEntries } from "../args.js";
import type { Command, CommandArg, DecoderOption } from "../command.js";
import type { Boundary } from "../options/sorted-sets.js";
import type {
  StreamAddOptions,
  StreamEntryDataType,
  StreamReadGroupOptions,
  StreamReadOptions,
  StreamTrimOptions,
} from "../options/streams.js";
import { positional, SPREAD_LAST } from "../positional.js";
import { isRespMap, toEntries, toList } from "../replies/collections.js";
import type { GlideRecord } from "../replies/glide-types.js";
import { toGlideString, toNullableGlideString, toNumber } from "../replies/scalars.js";
import { type ParseSite, unexpectedReply } from "../replies/unexpected.js";
import { command, defineSpec } from "../spec.js";
import { boundaryArg, toEntryData, toStreamEntries } from "./stream-replies.js";

type GroupEntries = Record<string, [GlideString, GlideString][] | null>;

/** XREAD(GROUP): RESP3 map or RESP2 list of [key, entries]; null when nothing arrived. */
const toStreamsRecord = <T>(
  reply: RespValue,
  site: ParseSite,
  entries: (reply: RespValue, site: ParseSite) => T,
): GlideRecord<T> | null => {
  if (reply === null) return null;
  const pairs = isRespMap(reply)
    ? toEntries(reply, site)
    : toList(reply, site).map((item) => {
        const [key, value] = toList(item, site);
        if (key === undefined) throw unexpectedReply(item, "[key, entries]", site);
        return [key, value ?? null] as const;
      });
  return pairs.map(([key, value]) => ({
    key: toGlideString(key, site),
    value: entries(value, site),
  }));
};

const XADD = /* @__PURE__ */ defineSpec<GlideString | null>("XAdd", toNullableGlideString);
const XTRIM = /* @__PURE__ */ defineSpec<number>("XTrim", toNumber);
const XRANGE = /* @__PURE__ */ defineSpec<StreamEntryDataType | null>("XRange", (reply, cmd) =>
  reply === null ? null : toEntryData(reply, cmd),
);
const XREVRANGE = /* @__PURE__ */ defineSpec<StreamEntryDataType | null>(
  "XRevRange",
  (reply, cmd) => (reply === null ? null : toEntryData(reply, cmd)),
);
const XREAD = /* @__PURE__ */ defineSpec<GlideRecord<StreamEntryDataType> | null>(
  "XRead",
  (reply, cmd) => toStreamsRecord(reply, cmd, toEntryData),
);
const XREADGROUP = /* @__PURE__ */ defineSpec<GlideRecord<GroupEntries> | null>(
  "XReadGroup",
  (reply, cmd) => toStreamsRecord(reply, cmd, toStreamEntries),
);

/** MAXLEN|MINID =|~ threshold [LIMIT n]. */
export const trimArgs = (options: StreamTrimOptions): CommandArg[] => {
  const args: CommandArg[] = [
    options.method === "maxlen" ? "MAXLEN" : "MINID",
    options.exact ? "=" : "~",
    options.threshold,
  ];
  if (options.limit !== undefined) args.push("LIMIT", options.limit);
  return args;
};

export const xadd = (
  key: GlideString,
  values: [GlideString, GlideString][],
  options?: StreamAddOptions & DecoderOption,
): Command<GlideString | null> => {
  const args: CommandArg[] = ["XADD", key];
  if (options?.makeStream === false) args.push("NOMKSTREAM");
  if (options?.trim) args.push(...trimArgs(options.trim));
  args.push(options?.id ?? "*");
  for (const [field, value] of values) args.push(field, value);
  return command(XADD, args, options?.decoder);
};

export const xdel: (key: GlideString, ids: string[]) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("XDel", toNumber), 2, SPREAD_LAST);

export const xtrim = (key: GlideString, options: StreamTrimOptions): Command<number> =>
  command(XTRIM, ["XTRIM", key, ...trimArgs(options)]);

export const xlen: (key: GlideString) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<number>("XLen", toNumber),
  1,
);

export const xack: (key: GlideString, group: GlideString, ids: string[]) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("XAck", toNumber), 3, SPREAD_LAST);

const countArgs = (count: number | undefined): CommandArg[] =>
  count === undefined ? [] : ["COUNT", count];

export const xrange = (
  key: GlideString,
  start: Boundary<string>,
  end: Boundary<string>,
  options?: { count?: number } & DecoderOption,
): Command<StreamEntryDataType | null> => {
  const args = ["XRANGE", key, boundaryArg(start), boundaryArg(end), ...countArgs(options?.count)];
  return command(XRANGE, args, options?.decoder);
};

export const xrevrange = (
  key: GlideString,
  end: Boundary<string>,
  start: Boundary<string>,
  options?: { count?: number } & DecoderOption,
): Command<StreamEntryDataType | null> => {
  const args = [
    "XREVRANGE",
    key,
    boundaryArg(end),
    boundaryArg(start),
    ...countArgs(options?.count),
  ];
  return command(XREVRANGE, args, options?.decoder);
};

/** COUNT/BLOCK, then STREAMS with every key before every id. */
const readArgs = (
  keysAndIds: Record<string, string> | GlideRecord<string>,
  options: StreamReadOptions | undefined,
  extra: CommandArg[],
): CommandArg[] => {
  const pairs = recordEntries(keysAndIds);
  const args: CommandArg[] = [...countArgs(options?.count)];
  if (options?.block !== undefined) args.push("BLOCK", options.block);
  args.push(...extra, "STREAMS", ...pairs.map(([key]) => key), ...pairs.map(([, id]) => id));
  return args;
};

export const xread = (
  keys_and_ids: Record<string, string> | GlideRecord<string>,
  options?: StreamReadOptions & DecoderOption,
): Command<GlideRecord<StreamEntryDataType> | null> =>
  command(XREAD, ["XREAD", ...readArgs(keys_and_ids, options, [])], options?.decoder, {
    blockMs: options?.block,
  });

export const xreadgroup = (
  group: GlideString,
  consumer: GlideString,
  keys_and_ids: Record<string, string> | GlideRecord<string>,
  options?: StreamReadGroupOptions & DecoderOption,
): Command<GlideRecord<GroupEntries> | null> => {
  const noAck = options?.noAck ? ["NOACK"] : [];
  const args = ["XREADGROUP", "GROUP", group, consumer, ...readArgs(keys_and_ids, options, noAck)];
  return command(XREADGROUP, args, options?.decoder, { blockMs: options?.block });
};

export const streamCommands = {
  xadd,
  xdel,
  xtrim,
  xlen,
  xack,
  xrange,
  xrevrange,
  xread,
  xreadgroup,
};
