// Sorted-set commands on one key, with GLIDE's names and signatures; the
// multi-key combinations and the pops are in their own files and merged into
// `sortedSetCommands` here. Scores are numbers under RESP2 and RESP3 alike.
import type { GlideString, RespValue } from "@petrel/protocol";
import type { Command, CommandArg, DecoderOption } from "../command.js";
import { baseScanArgs } from "../options/scan.js";
import type {
  Boundary,
  ElementAndScore,
  KeyWeight,
  RangeByIndex,
  RangeByLex,
  RangeByScore,
  Score,
  ZAddOptions,
  ZScanOptions,
} from "../options/sorted-sets.js";
import { DECODED, positional, SPREAD_LAST } from "../positional.js";
import { toArrayOf, toTuple } from "../replies/collections.js";
import type { SortedSetDataType } from "../replies/glide-types.js";
import {
  toFloat,
  toGlideString,
  toNullableFloat,
  toNullableGlideString,
  toNullableNumber,
  toNumber,
} from "../replies/scalars.js";
import type { ParseSite } from "../replies/unexpected.js";
import { command, defineSpec } from "../spec.js";
import { decoderOf, type ReverseOption, reverseOf } from "./option-forms.js";
import { toGlideStrings, toPairs, toSortedSetData, toTextCursorScan } from "./pair-replies.js";
import {
  lexBoundaryArg,
  rangeArgs,
  scoreBoundaryArg,
  scoreMemberArgs,
  zaddOptionArgs,
} from "./sorted-set-arguments.js";
import { sortedSetCombinationCommands } from "./sorted-set-combinations.js";
import { sortedSetPopCommands } from "./sorted-set-pops.js";

type RankAndScore = [number, number] | null;

const toRankAndScore = (reply: RespValue, cmd?: ParseSite): RankAndScore => {
  if (reply === null) return null;
  const [rank, score] = toTuple(reply, cmd, 2, "a [rank, score] array");
  return [toNumber(rank, cmd), toFloat(score, cmd)];
};

const toMemberScorePairs = (reply: RespValue, cmd?: ParseSite): KeyWeight[] =>
  toPairs(reply, cmd).map(([member, score]) => [toGlideString(member, cmd), toFloat(score, cmd)]);

const ZADD = /* @__PURE__ */ defineSpec<number>("ZAdd", toNumber);
const ZADD_INCR = /* @__PURE__ */ defineSpec<number | null>("ZAdd", toNullableFloat);
const ZMSCORE = /* @__PURE__ */ defineSpec<(number | null)[]>(
  "ZMScore",
  /* @__PURE__ */ toArrayOf(toNullableFloat),
);
const ZCOUNT = /* @__PURE__ */ defineSpec<number>("ZCount", toNumber);
const ZLEXCOUNT = /* @__PURE__ */ defineSpec<number>("ZLexCount", toNumber);
const ZRANK_WITH_SCORE = /* @__PURE__ */ defineSpec<RankAndScore>("ZRank", toRankAndScore);
const ZREVRANK_WITH_SCORE = /* @__PURE__ */ defineSpec<RankAndScore>("ZRevRank", toRankAndScore);
const ZRANGE = /* @__PURE__ */ defineSpec<GlideString[]>("ZRange", toGlideStrings);
const ZRANGE_WITH_SCORES = /* @__PURE__ */ defineSpec<SortedSetDataType>("ZRange", toSortedSetData);
const ZRANGESTORE = /* @__PURE__ */ defineSpec<number>("ZRangeStore", toNumber);
const ZREMRANGEBYLEX = /* @__PURE__ */ defineSpec<number>("ZRemRangeByLex", toNumber);
const ZREMRANGEBYSCORE = /* @__PURE__ */ defineSpec<number>("ZRemRangeByScore", toNumber);
const ZRANDMEMBER_WITH_SCORES = /* @__PURE__ */ defineSpec<KeyWeight[]>(
  "ZRandMember",
  toMemberScorePairs,
);
const ZSCAN = /* @__PURE__ */ defineSpec<[string, GlideString[]]>("ZScan", toTextCursorScan);

/** ZADD: resolves to the number of members added (changed, with `changed`). */
export const zadd = (
  key: GlideString,
  membersAndScores: ElementAndScore[] | Record<string, Score>,
  options?: ZAddOptions,
): Command<number> =>
  command(ZADD, ["ZADD", key, ...zaddOptionArgs(options), ...scoreMemberArgs(membersAndScores)]);

/** ZADD … INCR: the member's new score, or null when an option prevented the update. */
export const zaddIncr = (
  key: GlideString,
  member: GlideString,
  increment: number,
  options?: ZAddOptions,
): Command<number | null> =>
  command(ZADD_INCR, ["ZADD", key, ...zaddOptionArgs(options), "INCR", increment, member]);

/** ZREM: resolves to the number of members removed. */
export const zrem: (key: GlideString, members: GlideString[]) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("ZRem", toNumber), 2, SPREAD_LAST);

/** ZCARD. */
export const zcard: (key: GlideString) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<number>("ZCard", toNumber),
  1,
);

/** ZSCORE: the member's score, or null. */
export const zscore: (key: GlideString, member: GlideString) => Command<number | null> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<number | null>("ZScore", toNullableFloat),
    2,
  );

/** ZMSCORE: one score (or null) per member. */
export const zmscore = (key: GlideString, members: GlideString[]): Command<(number | null)[]> =>
  command(ZMSCORE, ["ZMSCORE", key, ...members]);

/** ZINCRBY: resolves to the member's new score. */
export const zincrby: (
  key: GlideString,
  increment: number,
  member: GlideString,
) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<number>("ZIncrBy", toFloat),
  3,
);

/** ZCOUNT: members with scores between the boundaries. */
export const zcount = (
  key: GlideString,
  minScore: Boundary<number>,
  maxScore: Boundary<number>,
): Command<number> =>
  command(ZCOUNT, ["ZCOUNT", key, scoreBoundaryArg(minScore), scoreBoundaryArg(maxScore)]);

/** ZLEXCOUNT: members between the lex boundaries. */
export const zlexcount = (
  key: GlideString,
  minLex: Boundary<GlideString>,
  maxLex: Boundary<GlideString>,
): Command<number> =>
  command(ZLEXCOUNT, ["ZLEXCOUNT", key, lexBoundaryArg(minLex), lexBoundaryArg(maxLex)]);

/** ZRANK: the member's rank by ascending score, or null. */
export const zrank: (key: GlideString, member: GlideString) => Command<number | null> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<number | null>("ZRank", toNullableNumber),
    2,
  );

/** ZRANK … WITHSCORE (Valkey 7.2+): [rank, score], or null. */
export const zrankWithScore = (key: GlideString, member: GlideString): Command<RankAndScore> =>
  command(ZRANK_WITH_SCORE, ["ZRANK", key, member, "WITHSCORE"]);

/** ZREVRANK: the member's rank by descending score, or null. */
export const zrevrank: (key: GlideString, member: GlideString) => Command<number | null> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<number | null>("ZRevRank", toNullableNumber),
    2,
  );

/** ZREVRANK … WITHSCORE (Valkey 7.2+): [rank, score], or null. */
export const zrevrankWithScore = (key: GlideString, member: GlideString): Command<RankAndScore> =>
  command(ZREVRANK_WITH_SCORE, ["ZREVRANK", key, member, "WITHSCORE"]);

/** ZRANGE by index, score or lex. */
export const zrange = (
  key: GlideString,
  rangeQuery: RangeByScore | RangeByLex | RangeByIndex,
  options?: ReverseOption,
): Command<GlideString[]> =>
  command(
    ZRANGE,
    ["ZRANGE", key, ...rangeArgs(rangeQuery, reverseOf(options))],
    decoderOf(options),
  );

/** ZRANGE … WITHSCORES by index or score: `{ element, score }` entries in range order. */
export const zrangeWithScores = (
  key: GlideString,
  rangeQuery: RangeByScore | RangeByIndex,
  options?: ReverseOption,
): Command<SortedSetDataType> =>
  command(
    ZRANGE_WITH_SCORES,
    ["ZRANGE", key, ...rangeArgs(rangeQuery, reverseOf(options)), "WITHSCORES"],
    decoderOf(options),
  );

/** ZRANGESTORE: stores the range in `destination`; resolves to its size. */
export const zrangeStore = (
  destination: GlideString,
  source: GlideString,
  rangeQuery: RangeByScore | RangeByLex | RangeByIndex,
  reverse?: boolean,
): Command<number> =>
  command(ZRANGESTORE, ["ZRANGESTORE", destination, source, ...rangeArgs(rangeQuery, reverse)]);

/** ZREMRANGEBYRANK: resolves to the number of members removed. */
export const zremRangeByRank: (key: GlideString, start: number, end: number) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("ZRemRangeByRank", toNumber), 3);

/** ZREMRANGEBYLEX: resolves to the number of members removed. */
export const zremRangeByLex = (
  key: GlideString,
  minLex: Boundary<GlideString>,
  maxLex: Boundary<GlideString>,
): Command<number> =>
  command(ZREMRANGEBYLEX, ["ZREMRANGEBYLEX", key, lexBoundaryArg(minLex), lexBoundaryArg(maxLex)]);

/** ZREMRANGEBYSCORE: resolves to the number of members removed. */
export const zremRangeByScore = (
  key: GlideString,
  minScore: Boundary<number>,
  maxScore: Boundary<number>,
): Command<number> =>
  command(ZREMRANGEBYSCORE, [
    "ZREMRANGEBYSCORE",
    key,
    scoreBoundaryArg(minScore),
    scoreBoundaryArg(maxScore),
  ]);

/** ZRANDMEMBER: one random member, or null when the set is missing. */
export const zrandmember: (
  key: GlideString,
  options?: DecoderOption,
) => Command<GlideString | null> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<GlideString | null>("ZRandMember", toNullableGlideString),
  1,
  DECODED,
);

/** ZRANDMEMBER key count: distinct members, or (negative `count`) members with repeats. */
export const zrandmemberWithCount: (
  key: GlideString,
  count: number,
  options?: DecoderOption,
) => Command<GlideString[]> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<GlideString[]>("ZRandMember", toGlideStrings),
  2,
  DECODED,
);

/** ZRANDMEMBER key count WITHSCORES: [member, score] pairs. */
export const zrandmemberWithCountWithScores = (
  key: GlideString,
  count: number,
  options?: DecoderOption,
): Command<KeyWeight[]> =>
  command(ZRANDMEMBER_WITH_SCORES, ["ZRANDMEMBER", key, count, "WITHSCORES"], options?.decoder);

/** ZSCAN: [next cursor, member, score, member, score…] (members only with `noScores`). */
export const zscan = (
  key: GlideString,
  cursor: string,
  options?: ZScanOptions & DecoderOption,
): Command<[string, GlideString[]]> => {
  const args: CommandArg[] = ["ZSCAN", key, cursor, ...baseScanArgs(options)];
  if (options?.noScores) args.push("NOSCORES");
  return command(ZSCAN, args, options?.decoder);
};

/** The sorted-set methods of GlideClient, GlideClusterClient and both batch classes. */
export const sortedSetCommands = {
  zadd,
  zaddIncr,
  zrem,
  zcard,
  zscore,
  zmscore,
  zincrby,
  zcount,
  zlexcount,
  zrank,
  zrankWithScore,
  zrevrank,
  zrevrankWithScore,
  zrange,
  zrangeWithScores,
  zrangeStore,
  zremRangeByRank,
  zremRangeByLex,
  zremRangeByScore,
  zrandmember,
  zrandmemberWithCount,
  zrandmemberWithCountWithScores,
  zscan,
  ...sortedSetCombinationCommands,
  ...sortedSetPopCommands,
};
