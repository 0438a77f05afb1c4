// Stream consumer groups: XGROUP *, XPENDING, XCLAIM, XAUTOCLAIM, XINFO *.
import type { GlideString, RespValue } from "@petrel/protocol";
import type { Command, CommandArg, DecoderOption } from "../command.js";
import type {
  ReturnTypeXinfoStream,
  StreamClaimOptions,
  StreamEntryDataType,
  StreamGroupOptions,
  StreamPendingOptions,
} from "../options/streams.js";
import { DECODED, positional } from "../positional.js";
import { toArrayOf, toList, toStringRecord } from "../replies/collections.js";
import {
  toBoolean,
  toGlideString,
  toNullableGlideString,
  toNumber,
  toOk,
  toText,
} from "../replies/scalars.js";
import { type ParseSite, unexpectedReply } from "../replies/unexpected.js";
import { command, defineSpec } from "../spec.js";
import { boundaryArg, toEntryData } from "./stream-replies.js";

type Pending = [number, GlideString, GlideString, [GlideString, number][]];
type PendingEntry = [GlideString, GlideString, number, number];
type AutoClaim = [GlideString, StreamEntryDataType, GlideString[]?];
type AutoClaimJustId = [string, string[], string[]?];
type InfoRecord = Record<string, GlideString | number | null>;
/** XINFO CONSUMERS has no nil fields (GLIDE's type). */
type ConsumerInfoRecord = Record<string, GlideString | number>;

/** Scalars stay; numbers stay numbers (RESP3 doubles and RESP2 integers alike). */
const infoValue = (value: RespValue, site?: ParseSite): GlideString | number | null => {
  if (value === null || typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  return toGlideString(value, site);
};

const parsePending = (reply: RespValue, site: ParseSite): Pending => {
  const [count, smallest, greatest, consumers] = toList(reply, site);
  if (count === undefined) throw unexpectedReply(reply, "a pending summary", site);
  const perConsumer =
    consumers === null || consumers === undefined
      ? []
      : toList(consumers, site).map((item): [GlideString, number] => {
          const [name, pending] = toList(item, site);
          // GLIDE's declared type says number, but it passes the server's bulk string ("2")
          // through, and programs written against it see that string.
          return [toGlideString(name ?? null, site), toGlideString(pending ?? null, site) as never];
        });
  // With nothing pending the server sends null ids; GLIDE passes them through.
  return [
    toNumber(count, site),
    toNullableGlideString(smallest ?? null, site) as GlideString,
    toNullableGlideString(greatest ?? null, site) as GlideString,
    perConsumer,
  ];
};

const parsePendingEntry = (item: RespValue, site?: ParseSite): PendingEntry => {
  const [id, consumer, idle, deliveries] = toList(item, site);
  return [
    toGlideString(id ?? null, site),
    toGlideString(consumer ?? null, site),
    toNumber(idle ?? null, site),
    toNumber(deliveries ?? null, site),
  ];
};

const parseAutoClaim = (reply: RespValue, site: ParseSite): AutoClaim => {
  const [next, entries, deleted] = toList(reply, site);
  const result: AutoClaim = [toGlideString(next ?? null, site), toEntryData(entries ?? [], site)];
  if (deleted !== undefined)
    result.push(toList(deleted, site).map((id) => toGlideString(id, site)));
  return result;
};

const parseAutoClaimJustId = (reply: RespValue, site: ParseSite): AutoClaimJustId => {
  const [next, ids, deleted] = toList(reply, site);
  const texts = (value: RespValue) => toList(value, site).map((id) => toText(id, site));
  const result: AutoClaimJustId = [toText(next ?? null, site), texts(ids ?? [])];
  if (deleted !== undefined) result.push(texts(deleted));
  return result;
};

const toInfoRecords = (reply: RespValue, site?: ParseSite): InfoRecord[] =>
  toList(reply, site).map((item) => toStringRecord(item, site, (v) => infoValue(v, site)));

/** XINFO STREAM: maps become records; with FULL, groups and their consumers too. */
const parseXinfoStream = (reply: RespValue, site: ParseSite): ReturnTypeXinfoStream => {
  const keep = (value: RespValue) => value as ReturnTypeXinfoStream[string];
  const info = toStringRecord(reply, site, keep);
  const groups = info.groups as RespValue;
  if (Array.isArray(groups)) {
    info.groups = toList(groups, site).map((group) => {
      const record = toStringRecord(group, site, keep);
      const consumers = record.consumers as RespValue;
      if (Array.isArray(consumers)) {
        record.consumers = toList(consumers, site).map((consumer) =>
          toStringRecord(consumer, site, keep),
        ) as ReturnTypeXinfoStream[string];
      }
      return record;
    }) as ReturnTypeXinfoStream[string];
  }
  return info;
};

const XGROUP_CREATE = /* @__PURE__ */ defineSpec<"OK">("XGroup Create", toOk);
const XGROUP_CREATECONSUMER = /* @__PURE__ */ defineSpec<boolean>(
  "XGroup CreateConsumer",
  toBoolean,
);
const XGROUP_SETID = /* @__PURE__ */ defineSpec<"OK">("XGroup SetId", toOk);
const XPENDING_EXTENDED = /* @__PURE__ */ defineSpec<PendingEntry[]>(
  "XPending",
  /* @__PURE__ */ toArrayOf(parsePendingEntry),
);
const XCLAIM = /* @__PURE__ */ defineSpec<StreamEntryDataType>("XClaim", toEntryData);
const XCLAIM_JUSTID = /* @__PURE__ */ defineSpec<string[]>(
  "XClaim",
  /* @__PURE__ */ toArrayOf(toText),
);
const XAUTOCLAIM = /* @__PURE__ */ defineSpec<AutoClaim>("XAutoClaim", parseAutoClaim);
const XAUTOCLAIM_JUSTID = /* @__PURE__ */ defineSpec<AutoClaimJustId>(
  "XAutoClaim",
  parseAutoClaimJustId,
);
const XINFO_STREAM = /* @__PURE__ */ defineSpec<ReturnTypeXinfoStream>(
  "XInfo Stream",
  parseXinfoStream,
);

export const xgroupCreate = (
  key: GlideString,
  groupName: GlideString,
  id: string,
  options?: StreamGroupOptions,
): Command<"OK"> => {
  const args: CommandArg[] = ["XGROUP", "CREATE", key, groupName, id];
  if (options?.mkStream) args.push("MKSTREAM");
  if (options?.entriesRead !== undefined) args.push("ENTRIESREAD", options.entriesRead);
  return command(XGROUP_CREATE, args);
};

export const xgroupDestroy: (key: GlideString, groupName: GlideString) => Command<boolean> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<boolean>("XGroup Destroy", toBoolean), 2);

export const xgroupCreateConsumer = (
  key: GlideString,
  groupName: GlideString,
  consumerName: GlideString,
): Command<boolean> => {
  const args = ["XGROUP", "CREATECONSUMER", key, groupName, consumerName];
  return command(XGROUP_CREATECONSUMER, args);
};

export const xgroupDelConsumer: (
  key: GlideString,
  groupName: GlideString,
  consumerName: GlideString,
) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<number>("XGroup DelConsumer", toNumber),
  3,
);

export const xgroupSetId = (
  key: GlideString,
  groupName: GlideString,
  id: string,
  options?: { entriesRead?: number },
): Command<"OK"> => {
  const args: CommandArg[] = ["XGROUP", "SETID", key, groupName, id];
  if (options?.entriesRead !== undefined) args.push("ENTRIESREAD", options.entriesRead);
  return command(XGROUP_SETID, args);
};

export const xpending: (key: GlideString, group: GlideString) => Command<Pending> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<Pending>("XPending", parsePending), 2);

export const xpendingWithOptions = (
  key: GlideString,
  group: GlideString,
  options: StreamPendingOptions,
): Command<PendingEntry[]> => {
  const args: CommandArg[] = ["XPENDING", key, group];
  if (options.minIdleTime !== undefined) args.push("IDLE", options.minIdleTime);
  args.push(boundaryArg(options.start), boundaryArg(options.end), options.count);
  if (options.consumer !== undefined) args.push(options.consumer);
  return command(XPENDING_EXTENDED, args);
};

const claimArgs = (
  key: GlideString,
  group: GlideString,
  consumer: GlideString,
  minIdleTime: number,
  ids: string[],
  options: StreamClaimOptions | undefined,
  justId: boolean,
): CommandArg[] => {
  const args: CommandArg[] = ["XCLAIM", key, group, consumer, minIdleTime, ...ids];
  if (options?.idle !== undefined) args.push("IDLE", options.idle);
  if (options?.idleUnixTime !== undefined) args.push("TIME", options.idleUnixTime);
  if (options?.retryCount !== undefined) args.push("RETRYCOUNT", options.retryCount);
  if (options?.isForce) args.push("FORCE");
  if (justId) args.push("JUSTID");
  return args;
};

export const xclaim = (
  key: GlideString,
  group: GlideString,
  consumer: GlideString,
  minIdleTime: number,
  ids: string[],
  options?: StreamClaimOptions & DecoderOption,
): Command<StreamEntryDataType> => {
  const args = claimArgs(key, group, consumer, minIdleTime, ids, options, false);
  return command(XCLAIM, args, options?.decoder);
};

export const xclaimJustId = (
  key: GlideString,
  group: GlideString,
  consumer: GlideString,
  minIdleTime: number,
  ids: string[],
  options?: StreamClaimOptions,
): Command<string[]> =>
  command(XCLAIM_JUSTID, claimArgs(key, group, consumer, minIdleTime, ids, options, true));

const autoClaimArgs = (
  key: GlideString,
  group: GlideString,
  consumer: GlideString,
  minIdleTime: number,
  start: string,
  count: number | undefined,
): CommandArg[] => {
  const args: CommandArg[] = ["XAUTOCLAIM", key, group, consumer, minIdleTime, start];
  if (count !== undefined) args.push("COUNT", count);
  return args;
};

export const xautoclaim = (
  key: GlideString,
  group: GlideString,
  consumer: GlideString,
  minIdleTime: number,
  start: string,
  options?: { count?: number } & DecoderOption,
): Command<AutoClaim> => {
  const args = autoClaimArgs(key, group, consumer, minIdleTime, start, options?.count);
  return command(XAUTOCLAIM, args, options?.decoder);
};

export const xautoclaimJustId = (
  key: GlideString,
  group: GlideString,
  consumer: GlideString,
  minIdleTime: number,
  start: string,
  options?: { count?: number },
): Command<AutoClaimJustId> => {
  const args = autoClaimArgs(key, group, consumer, minIdleTime, start, options?.count);
  return command(XAUTOCLAIM_JUSTID, [...args, "JUSTID"]);
};

export const xinfoGroups: (key: GlideString, options?: DecoderOption) => Command<InfoRecord[]> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<InfoRecord[]>("XInfo Groups", toInfoRecords),
    1,
    DECODED,
  );

export const xinfoConsumers: (
  key: GlideString,
  group: GlideString,
  options?: DecoderOption,
) => Command<ConsumerInfoRecord[]> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<ConsumerInfoRecord[]>(
    "XInfo Consumers",
    (reply, site) => toInfoRecords(reply, site) as ConsumerInfoRecord[],
  ),
  2,
  DECODED,
);

/** `fullOptions`: true for FULL (10 PEL entries), a number for FULL COUNT n (0 = all). */
export const xinfoStream = (
  key: GlideString,
  options?: { fullOptions?: boolean | number } & DecoderOption,
): Command<ReturnTypeXinfoStream> => {
  const args: CommandArg[] = ["XINFO", "STREAM", key];
  const full = options?.fullOptions;
  if (full === true) args.push("FULL");
  else if (typeof full === "number") args.push("FULL", "COUNT", full);
  return command(XINFO_STREAM, args, options?.decoder);
};

export const streamGroupCommands = {
  xgroupCreate,
  xgroupDestroy,
  xgroupCreateConsumer,
  xgroupDelConsumer,
  xgroupSetId,
  xpending,
  xpendingWithOptions,
  xclaim,
  xclaimJustId,
  xautoclaim,
  xautoclaimJustId,
  xinfoGroups,
  xinfoConsumers,
  xinfoStream,
};
