// Set commands, GLIDE's names and signatures. Set replies (RESP3 sets, RESP2
// arrays) become JS Sets.
import type { GlideString, RespValue } from "@petrel/protocol";
import type { Command, DecoderOption } from "../command.js";
import { type BaseScanOptions, baseScanArgs } from "../options/scan.js";
import { DECODED, positional, SPREAD_LAST } from "../positional.js";
import { toArrayOf, toSet } from "../replies/collections.js";
import { toBoolean, toGlideString, toNullableGlideString, toNumber } from "../replies/scalars.js";
import type { ParseSite } from "../replies/unexpected.js";
import { command, defineSpec } from "../spec.js";
import { toGlideCursorScan, toGlideStrings } from "./pair-replies.js";

type Members = Set<GlideString>;

const toMembers = (reply: RespValue, cmd?: ParseSite): Members => {
  const members = new Set<GlideString>();
  for (const member of toSet<RespValue>(reply, cmd)) members.add(toGlideString(member, cmd));
  return members;
};
const SINTERCARD = /* @__PURE__ */ defineSpec<number>("SInterCard", toNumber);
const SSCAN = /* @__PURE__ */ defineSpec<[GlideString, GlideString[]]>("SScan", toGlideCursorScan);

/** SADD: resolves to the number of members added. */
export const sadd: (key: GlideString, members: GlideString[]) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("SAdd", toNumber), 2, SPREAD_LAST);

/** SREM: resolves to the number of members removed. */
export const srem: (key: GlideString, members: GlideString[]) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("SRem", toNumber), 2, SPREAD_LAST);

/** SMEMBERS. */
export const smembers: (key: GlideString, options?: DecoderOption) => Command<Members> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<Members>("SMembers", toMembers),
    1,
    DECODED,
  );

/** SCARD. */
export const scard: (key: GlideString) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<number>("SCard", toNumber),
  1,
);

/** SISMEMBER. */
export const sismember: (key: GlideString, member: GlideString) => Command<boolean> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<boolean>("SIsMember", toBoolean), 2);

/** SMISMEMBER: one boolean per member. */
export const smismember: (key: GlideString, members: GlideString[]) => Command<boolean[]> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<boolean[]>("SMIsMember", /* @__PURE__ */ toArrayOf(toBoolean)),
    2,
    SPREAD_LAST,
  );

/** SMOVE: whether the member was moved. */
export const smove: (
  source: GlideString,
  destination: GlideString,
  member: GlideString,
) => Command<boolean> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<boolean>("SMove", toBoolean),
  3,
);

/** SPOP: one random member, or null when the set is missing. */
export const spop: (key: GlideString, options?: DecoderOption) => Command<GlideString | null> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<GlideString | null>("SPop", toNullableGlideString),
    1,
    DECODED,
  );

/** SPOP key count: up to `count` random members. */
export const spopCount: (
  key: GlideString,
  count: number,
  options?: DecoderOption,
) => Command<Members> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<Members>("SPop", toMembers),
  2,
  DECODED,
);

/** SRANDMEMBER: one random member, or null when the set is missing. */
export const srandmember: (
  key: GlideString,
  options?: DecoderOption,
) => Command<GlideString | null> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<GlideString | null>("SRandMember", toNullableGlideString),
  1,
  DECODED,
);

/** SRANDMEMBER key count: distinct members, or (negative `count`) members with repeats. */
export const srandmemberCount: (
  key: GlideString,
  count: number,
  options?: DecoderOption,
) => Command<GlideString[]> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<GlideString[]>("SRandMember", toGlideStrings),
  2,
  DECODED,
);

/** SINTER. */
export const sinter: (keys: GlideString[], options?: DecoderOption) => Command<Members> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<Members>("SInter", toMembers),
    1,
    SPREAD_LAST,
    DECODED,
  );

/** SUNION. */
export const sunion: (keys: GlideString[], options?: DecoderOption) => Command<Members> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<Members>("SUnion", toMembers),
    1,
    SPREAD_LAST,
    DECODED,
  );

/** SDIFF: members of the first set that are in none of the others. */
export const sdiff: (keys: GlideString[], options?: DecoderOption) => Command<Members> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<Members>("SDiff", toMembers),
    1,
    SPREAD_LAST,
    DECODED,
  );

/** SINTERSTORE: resolves to the size of the stored set. */
export const sinterstore: (destination: GlideString, keys: GlideString[]) => Command<number> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<number>("SInterStore", toNumber),
    2,
    SPREAD_LAST,
  );

/** SUNIONSTORE: resolves to the size of the stored set. */
export const sunionstore: (destination: GlideString, keys: GlideString[]) => Command<number> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<number>("SUnionStore", toNumber),
    2,
    SPREAD_LAST,
  );

/** SDIFFSTORE: resolves to the size of the stored set. */
export const sdiffstore: (destination: GlideString, keys: GlideString[]) => Command<number> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<number>("SDiffStore", toNumber),
    2,
    SPREAD_LAST,
  );

/** SINTERCARD: the size of the intersection, counting stops at `limit`. */
export const sintercard = (keys: GlideString[], options?: { limit?: number }): Command<number> => {
  const args: (GlideString | number)[] = ["SINTERCARD", keys.length, ...keys];
  if (options?.limit !== undefined) args.push("LIMIT", options.limit);
  return command(SINTERCARD, args);
};

/** SSCAN: [next cursor, members]; the cursor is "0" when the scan is complete. */
export const sscan = (
  key: GlideString,
  cursor: GlideString,
  options?: BaseScanOptions & DecoderOption,
): Command<[GlideString, GlideString[]]> =>
  command(SSCAN, ["SSCAN", key, cursor, ...baseScanArgs(options)], options?.decoder);

/** The set methods of GlideClient, GlideClusterClient and both batch classes. */
export const setCommands = {
  sadd,
  srem,
  smembers,
  scard,
  sismember,
  smismember,
  smove,
  spop,
  spopCount,
  srandmember,
  srandmemberCount,
  sinter,
  sunion,
  sdiff,
  sinterstore,
  sunionstore,
  sdiffstore,
  sintercard,
  sscan,
};
