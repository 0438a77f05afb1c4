// Sorted-set commands: updates, lookups, counts, pops, random members,
// removals by range and ZSCAN. Ranges are in sorted-set-range-commands.ts,
// set algebra in sorted-set-algebra.ts.

import type { ReplyFrame } from "@petrel/protocol";
import {
  arg,
  bigIntArg,
  clampRange,
  define,
  doubleArg,
  intArg,
  latin1,
  multiPopArgs,
  notifyWrite,
  numKeysPositions,
  oneKey,
  readZset,
  storeCollection,
  token,
} from "./command.js";
import { isCompact } from "./encoding.js";
import { Errors, fail } from "./errors.js";
import { checkPairCount, pickRandom } from "./random-pick.js";
import { removeMembersCommand } from "./remove-members.js";
import {
  array,
  bulk,
  bulkLatin1,
  double,
  EMPTY_ARRAY,
  integer,
  NULL_ARRAY,
  NULL_BULK,
  scoreText,
} from "./reply.js";
import { matches, parseCursor, parseScanOptions, scanPage, scanReply } from "./scan.js";
import { type ScoredMember, SortedSet } from "./sorted-set.js";
import { byLex, byScore, parseLexRange, parseScoreRange } from "./sorted-set-ranges.js";
import { flatPair, nestedPairs, scoredPairs } from "./sorted-set-replies.js";
import type { DataCommand, DataContext, Keyspace } from "./types.js";

interface ZaddFlags {
  nx: boolean;
  xx: boolean;
  gt: boolean;
  lt: boolean;
  ch: boolean;
  incr: boolean;
}

function zadd(ctx: DataContext, args: Buffer[], forceIncr: boolean): ReplyFrame {
  const key = arg(args, 1);
  const flags: ZaddFlags = {
    nx: false,
    xx: false,
    gt: false,
    lt: false,
    ch: false,
    incr: forceIncr,
  };
  let index = 2;
  if (!forceIncr) {
    for (; index < args.length; index++) {
      const option = token(args[index]);
      if (option === "NX") flags.nx = true;
      else if (option === "XX") flags.xx = true;
      else if (option === "GT") flags.gt = true;
      else if (option === "LT") flags.lt = true;
      else if (option === "CH") flags.ch = true;
      else if (option === "INCR") flags.incr = true;
      else break;
    }
  }
  const rest = args.length - index;
  if (rest === 0 || rest % 2 !== 0) fail(Errors.syntax);
  if (flags.incr && rest > 2) fail(Errors.zaddIncrPair);
  if (flags.nx && flags.xx) fail(Errors.zaddNxXx);
  if ((flags.gt && flags.nx) || (flags.lt && flags.nx) || (flags.gt && flags.lt))
    fail(Errors.zaddGtLtNx);
  const pairs: { score: number; member: string }[] = [];
  for (let i = index; i < args.length; i += 2) {
    // Compact encodings store -0 as the integer 0, so it reads back as 0.
    const score = doubleArg(arg(args, i)) + 0;
    pairs.push({ score, member: latin1(arg(args, i + 1)) });
  }
  const existing = readZset(ctx.db, key);
  if (existing === undefined && flags.xx) return flags.incr ? NULL_BULK : integer(0);
  const entry = existing ?? { type: "zset" as const, value: new SortedSet() };
  let added = 0;
  let updated = 0;
  let processed = 0;
  let lastScore = 0;
  for (const { score, member } of pairs) {
    const current = entry.value.score(member);
    if (current !== undefined) {
      if (flags.nx) continue;
      const next = flags.incr ? current + score : score;
      if (Number.isNaN(next)) fail(Errors.scoreNaN);
      if ((flags.gt && next <= current) || (flags.lt && next >= current)) continue;
      processed++;
      lastScore = next;
      if (next !== current) {
        entry.value.set(member, next);
        updated++;
      }
    } else {
      if (flags.xx) continue;
      entry.value.set(member, score);
      added++;
      processed++;
      lastScore = score;
    }
  }
  if (added > 0 || updated > 0) {
    ctx.db.put(key, entry);
    ctx.notify?.("z", flags.incr ? "zincr" : "zadd", key);
  }
  if (flags.incr) return processed > 0 ? double(lastScore, ctx.resp) : NULL_BULK;
  return integer(flags.ch ? added + updated : added);
}

/** Pops up to `count` members from the low (min) or high end; undefined when the key is absent. */
export function popScored(
  db: Keyspace,
  key: Buffer,
  min: boolean,
  count: number,
): ScoredMember[] | undefined {
  const entry = readZset(db, key);
  if (entry === undefined) return undefined;
  const popped: ScoredMember[] = [];
  while (popped.length < count && entry.value.size > 0) {
    const item = entry.value.at(min ? 0 : entry.value.size - 1) as ScoredMember;
    entry.value.delete(item.member);
    popped.push(item);
  }
  if (popped.length > 0) storeCollection(db, key, entry);
  return popped;
}

/** Parses `numkeys key… MIN|MAX [COUNT n]` starting at numkeys' index. */
export function parseZmpop(
  args: Buffer[],
  numKeysIndex: number,
): { keys: Buffer[]; min: boolean; count: number } {
  const { keys, where, count } = multiPopArgs(args, numKeysIndex, minOrMax);
  return { keys, min: where === "MIN", count };
}

function minOrMax(value: Buffer | undefined): "MIN" | "MAX" {
  const where = token(value);
  if (where !== "MIN" && where !== "MAX") fail(Errors.syntax);
  return where;
}

/** ZMPOP core: the first non-empty sorted set; undefined when all are absent. */
export function multiPopScored(
  ctx: DataContext,
  keys: Buffer[],
  min: boolean,
  count: number,
): ReplyFrame | undefined {
  for (const key of keys) {
    const items = popScored(ctx.db, key, min, count);
    if (items !== undefined && items.length > 0) {
      notifyWrite(ctx, "z", min ? "zpopmin" : "zpopmax", key);
      return array([bulk(key), nestedPairs(items, ctx.resp)]);
    }
  }
  return undefined;
}

function zpop(min: boolean): DataCommand {
  return define({
    name: min ? "zpopmin" : "zpopmax",
    arity: -2,
    flags: ["write", "fast"],
    keys: oneKey,
    run(ctx, args) {
      if (args.length > 3) fail(Errors.syntax);
      const hasCount = args.length === 3;
      const count = hasCount ? intArg(arg(args, 2), Errors.mustBePositive) : 1;
      if (count < 0) fail(Errors.mustBePositive);
      const items = popScored(ctx.db, arg(args, 1), min, count) ?? [];
      if (items.length > 0) notifyWrite(ctx, "z", min ? "zpopmin" : "zpopmax", arg(args, 1));
      return hasCount ? scoredPairs(items, ctx.resp) : flatPair(items[0], ctx.resp);
    },
  });
}

function rank(reverse: boolean): DataCommand {
  return define({
    name: reverse ? "zrevrank" : "zrank",
    arity: -3,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run(ctx, args) {
      if (args.length > 4 || (args.length === 4 && token(args[3]) !== "WITHSCORE"))
        fail(Errors.syntax);
      const withScore = args.length === 4;
      const entry = readZset(ctx.db, arg(args, 1));
      const member = latin1(arg(args, 2));
      const position = entry?.value.rank(member);
      if (entry === undefined || position === undefined) return withScore ? NULL_ARRAY : NULL_BULK;
      const value = reverse ? entry.value.size - 1 - position : position;
      if (!withScore) return integer(value);
      return array([integer(value), double(entry.value.score(member) as number, ctx.resp)]);
    },
  });
}

function removeRange(
  name: string,
  select: (zset: SortedSet, args: Buffer[]) => ScoredMember[],
  parse: (args: Buffer[]) => void,
): DataCommand {
  return define({
    name,
    arity: 4,
    flags: ["write"],
    keys: oneKey,
    run(ctx, args) {
      parse(args);
      const key = arg(args, 1);
      const entry = readZset(ctx.db, key);
      if (entry === undefined) return integer(0);
      const doomed = select(entry.value, args);
      for (const item of doomed) entry.value.delete(item.member);
      if (doomed.length > 0) {
        storeCollection(ctx.db, key, entry);
        notifyWrite(ctx, "z", name, key);
      }
      return integer(doomed.length);
    },
  });
}

function zrandmember(ctx: DataContext, args: Buffer[]): ReplyFrame {
  const key = arg(args, 1);
  if (args.length === 2) {
    const entry = readZset(ctx.db, key);
    if (entry === undefined) return NULL_BULK;
    return bulkLatin1(
      (entry.value.at(Math.floor(ctx.random() * entry.value.size)) as ScoredMember).member,
    );
  }
  const count = bigIntArg(arg(args, 2));
  let withScores = false;
  if (args.length === 4 && token(args[3]) === "WITHSCORES") withScores = true;
  else if (args.length > 3) fail(Errors.syntax);
  if (withScores) checkPairCount(count);
  const entry = readZset(ctx.db, key);
  if (entry === undefined) return EMPTY_ARRAY;
  const picked = pickRandom(entry.value.entries(), Number(count), ctx.random);
  return withScores
    ? scoredPairs(picked, ctx.resp)
    : array(picked.map((item) => bulkLatin1(item.member)));
}

/** ZCOUNT / ZLEXCOUNT: how many members fall in `min max`, parsed before the key is read. */
function rangeCount<Range>(
  name: string,
  parse: (min: Buffer, max: Buffer) => Range,
  select: (zset: SortedSet, range: Range) => readonly ScoredMember[],
): DataCommand {
  return define({
    name,
    arity: 4,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const range = parse(arg(args, 2), arg(args, 3));
      const entry = readZset(ctx.db, arg(args, 1));
      return integer(entry === undefined ? 0 : select(entry.value, range).length);
    },
  });
}

export const fakeSortedSetHandlers: readonly DataCommand[] = [
  define({
    name: "zadd",
    arity: -4,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run: (ctx, args) => zadd(ctx, args, false),
  }),
  define({
    name: "zincrby",
    arity: 4,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run: (ctx, args) => zadd(ctx, args, true),
  }),
  removeMembersCommand("zrem", "zset"),
  define({
    name: "zcard",
    arity: 2,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run: (ctx, args) => integer(readZset(ctx.db, arg(args, 1))?.value.size ?? 0),
  }),
  define({
    name: "zscore",
    arity: 3,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const score = readZset(ctx.db, arg(args, 1))?.value.score(latin1(arg(args, 2)));
      return score === undefined ? NULL_BULK : double(score, ctx.resp);
    },
  }),
  define({
    name: "zmscore",
    arity: -3,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const entry = readZset(ctx.db, arg(args, 1));
      return array(
        args.slice(2).map((member) => {
          const score = entry?.value.score(latin1(member));
          return score === undefined ? NULL_BULK : double(score, ctx.resp);
        }),
      );
    },
  }),
  rank(false),
  rank(true),
  rangeCount("zcount", parseScoreRange, byScore),
  rangeCount("zlexcount", parseLexRange, byLex),
  zpop(true),
  zpop(false),
  define({
    name: "zrandmember",
    arity: -2,
    flags: ["readonly", "random"],
    keys: oneKey,
    run: zrandmember,
  }),
  define({
    name: "zmpop",
    arity: -4,
    flags: ["write"],
    keys: numKeysPositions(1),
    run(ctx, args) {
      const { keys, min, count } = parseZmpop(args, 1);
      return multiPopScored(ctx, keys, min, count) ?? NULL_ARRAY;
    },
  }),
  removeRange(
    "zremrangebyrank",
    (zset, args) => {
      const range = clampRange(intArg(arg(args, 2)), intArg(arg(args, 3)), zset.size);
      return range === undefined ? [] : zset.slice(range[0], range[1]);
    },
    (args) => {
      intArg(arg(args, 2));
      intArg(arg(args, 3));
    },
  ),
  removeRange(
    "zremrangebyscore",
    (zset, args) => byScore(zset, parseScoreRange(arg(args, 2), arg(args, 3))),
    (args) => parseScoreRange(arg(args, 2), arg(args, 3)),
  ),
  removeRange(
    "zremrangebylex",
    (zset, args) => byLex(zset, parseLexRange(arg(args, 2), arg(args, 3))),
    (args) => parseLexRange(arg(args, 2), arg(args, 3)),
  ),
  define({
    name: "zscan",
    arity: -3,
    flags: ["readonly", "random"],
    keys: oneKey,
    run(ctx, args) {
      // The server checks the cursor, then the key, and only then the options.
      parseCursor(arg(args, 2));
      const entry = readZset(ctx.db, arg(args, 1));
      if (entry === undefined) return scanReply(0n, []);
      const options = parseScanOptions(args, 2, false, "NOSCORES");
      const members = entry.value.entries().map((item) => item.member);
      const page = scanPage(members, options.cursor, options.count, isCompact(entry));
      const items: ReplyFrame[] = [];
      for (const member of page.names) {
        const score = entry.value.score(member);
        if (score === undefined || !matches(options.pattern, member)) continue;
        items.push(bulkLatin1(member));
        if (!options.flagged) items.push(scoreText(score));
      }
      return scanReply(page.next, items);
    },
  }),
];
