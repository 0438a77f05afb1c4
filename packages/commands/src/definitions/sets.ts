// Set commands, GLIDE's names and signatures. Set replies (RESP3 sets, RESP2
// arrays) become JS Sets.
import type { GlideString, RespValue } from "@petrel/protocol";
import type { Command, DecoderOption } from "../command.js";
import { type BaseScanOptions, baseScanArgs } from "../options/scan.js";
import { toArrayOf, toSet } from "../replies/collections.js";
import { toBoolean, toGlideString, toNullableGlideString, toNumber } from "../replies/scalars.js";
import type { ParseSite } from "../replies/unexpected.js";
import { command, defineSpec } from "../spec.js";
import { toGlideCursorScan, toGlideStrings } from "./pair-replies.js";

type Members = Set<GlideString>;

function toMembers(reply: RespValue, cmd?: ParseSite): Members {
  const members = new Set<GlideString>();
  for (const member of toSet<RespValue>(reply, cmd)) members.add(toGlideString(member, cmd));
  return members;
}

const SADD = defineSpec<number>("SADD", "SAdd", toNumber);
const SREM = defineSpec<number>("SREM", "SRem", toNumber);
const SMEMBERS = defineSpec<Members>("SMEMBERS", "SMembers", toMembers);
const SCARD = defineSpec<number>("SCARD", "SCard", toNumber);
const SISMEMBER = defineSpec<boolean>("SISMEMBER", "SIsMember", toBoolean);
const SMISMEMBER = defineSpec<boolean[]>("SMISMEMBER", "SMIsMember", toArrayOf(toBoolean));
const SMOVE = defineSpec<boolean>("SMOVE", "SMove", toBoolean);
const SPOP = defineSpec<GlideString | null>("SPOP", "SPop", toNullableGlideString);
const SPOP_COUNT = defineSpec<Members>("SPOP", "SPop", toMembers);
const SRANDMEMBER = defineSpec<GlideString | null>(
  "SRANDMEMBER",
  "SRandMember",
  toNullableGlideString,
);
const SRANDMEMBER_COUNT = defineSpec<GlideString[]>("SRANDMEMBER", "SRandMember", toGlideStrings);
const SINTER = defineSpec<Members>("SINTER", "SInter", toMembers);
const SUNION = defineSpec<Members>("SUNION", "SUnion", toMembers);
const SDIFF = defineSpec<Members>("SDIFF", "SDiff", toMembers);
const SINTERSTORE = defineSpec<number>("SINTERSTORE", "SInterStore", toNumber);
const SUNIONSTORE = defineSpec<number>("SUNIONSTORE", "SUnionStore", toNumber);
const SDIFFSTORE = defineSpec<number>("SDIFFSTORE", "SDiffStore", toNumber);
const SINTERCARD = defineSpec<number>("SINTERCARD", "SInterCard", toNumber);
const SSCAN = defineSpec<[GlideString, GlideString[]]>("SSCAN", "SScan", toGlideCursorScan);

/** SADD: resolves to the number of members added. */
export function sadd(key: GlideString, members: GlideString[]): Command<number> {
  return command(SADD, ["SADD", key, ...members]);
}

/** SREM: resolves to the number of members removed. */
export function srem(key: GlideString, members: GlideString[]): Command<number> {
  return command(SREM, ["SREM", key, ...members]);
}

/** SMEMBERS. */
export function smembers(key: GlideString, options?: DecoderOption): Command<Members> {
  return command(SMEMBERS, ["SMEMBERS", key], options?.decoder);
}

/** SCARD. */
export function scard(key: GlideString): Command<number> {
  return command(SCARD, ["SCARD", key]);
}

/** SISMEMBER. */
export function sismember(key: GlideString, member: GlideString): Command<boolean> {
  return command(SISMEMBER, ["SISMEMBER", key, member]);
}

/** SMISMEMBER: one boolean per member. */
export function smismember(key: GlideString, members: GlideString[]): Command<boolean[]> {
  return command(SMISMEMBER, ["SMISMEMBER", key, ...members]);
}

/** SMOVE: whether the member was moved. */
export function smove(
  source: GlideString,
  destination: GlideString,
  member: GlideString,
): Command<boolean> {
  return command(SMOVE, ["SMOVE", source, destination, member]);
}

/** SPOP: one random member, or null when the set is missing. */
export function spop(key: GlideString, options?: DecoderOption): Command<GlideString | null> {
  return command(SPOP, ["SPOP", key], options?.decoder);
}

/** SPOP key count: up to `count` random members. */
export function spopCount(
  key: GlideString,
  count: number,
  options?: DecoderOption,
): Command<Members> {
  return command(SPOP_COUNT, ["SPOP", key, count], options?.decoder);
}

/** SRANDMEMBER: one random member, or null when the set is missing. */
export function srandmember(
  key: GlideString,
  options?: DecoderOption,
): Command<GlideString | null> {
  return command(SRANDMEMBER, ["SRANDMEMBER", key], options?.decoder);
}

/** SRANDMEMBER key count: distinct members, or (negative `count`) members with repeats. */
export function srandmemberCount(
  key: GlideString,
  count: number,
  options?: DecoderOption,
): Command<GlideString[]> {
  return command(SRANDMEMBER_COUNT, ["SRANDMEMBER", key, count], options?.decoder);
}

/** SINTER. */
export function sinter(keys: GlideString[], options?: DecoderOption): Command<Members> {
  return command(SINTER, ["SINTER", ...keys], options?.decoder);
}

/** SUNION. */
export function sunion(keys: GlideString[], options?: DecoderOption): Command<Members> {
  return command(SUNION, ["SUNION", ...keys], options?.decoder);
}

/** SDIFF: members of the first set that are in none of the others. */
export function sdiff(keys: GlideString[], options?: DecoderOption): Command<Members> {
  return command(SDIFF, ["SDIFF", ...keys], options?.decoder);
}

/** SINTERSTORE: resolves to the size of the stored set. */
export function sinterstore(destination: GlideString, keys: GlideString[]): Command<number> {
  return command(SINTERSTORE, ["SINTERSTORE", destination, ...keys]);
}

/** SUNIONSTORE: resolves to the size of the stored set. */
export function sunionstore(destination: GlideString, keys: GlideString[]): Command<number> {
  return command(SUNIONSTORE, ["SUNIONSTORE", destination, ...keys]);
}

/** SDIFFSTORE: resolves to the size of the stored set. */
export function sdiffstore(destination: GlideString, keys: GlideString[]): Command<number> {
  return command(SDIFFSTORE, ["SDIFFSTORE", destination, ...keys]);
}

/** SINTERCARD: the size of the intersection, counting stops at `limit`. */
export function sintercard(keys: GlideString[], options?: { limit?: number }): Command<number> {
  const args: (GlideString | number)[] = ["SINTERCARD", keys.length, ...keys];
  if (options?.limit !== undefined) args.push("LIMIT", options.limit);
  return command(SINTERCARD, args);
}

/** SSCAN: [next cursor, members]; the cursor is "0" when the scan is complete. */
export function sscan(
  key: GlideString,
  cursor: GlideString,
  options?: BaseScanOptions & DecoderOption,
): Command<[GlideString, GlideString[]]> {
  return command(SSCAN, ["SSCAN", key, cursor, ...baseScanArgs(options)], options?.decoder);
}

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
