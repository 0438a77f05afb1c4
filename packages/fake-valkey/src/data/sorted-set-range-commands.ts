// ZRANGE and its legacy forms (ZRANGEBYSCORE, ZREVRANGE, ZRANGEBYLEX, …) and
// ZRANGESTORE, all through one parser as in the server.

import type { ReplyFrame } from "@petrel/protocol";
import {
  arg,
  clampRange,
  define,
  intArg,
  oneKey,
  readZset,
  storeResult,
  token,
} from "./command.js";
import { Errors, fail } from "./errors.js";
import { EMPTY_ARRAY, integer } from "./reply.js";
import { type ScoredMember, SortedSet } from "./sorted-set.js";
import { applyLimit, byLex, byScore, parseLexRange, parseScoreRange } from "./sorted-set-ranges.js";
import { membersReply } from "./sorted-set-replies.js";
import type { DataCommand, DataContext } from "./types.js";

type RangeType = "RANK" | "SCORE" | "LEX";

interface RangeRequest {
  readonly key: Buffer;
  readonly minIndex: number;
  readonly maxIndex: number;
  readonly optionsFrom: number;
  readonly type: RangeType | undefined;
  readonly reverse: boolean | undefined;
  readonly store: boolean;
}

interface RangeResult {
  readonly items: ScoredMember[];
  readonly withScores: boolean;
}

function selectRange(
  ctx: DataContext,
  args: Buffer[],
  request: RangeRequest,
): RangeResult | undefined {
  let type = request.type;
  let reverse = request.reverse;
  let withScores = false;
  let limit: { offset: number; count: number } | undefined;
  for (let i = request.optionsFrom; i < args.length; i++) {
    const option = token(args[i]);
    const left = args.length - i - 1;
    if (option === "WITHSCORES" && !request.store) withScores = true;
    else if (option === "LIMIT" && left >= 2) {
      limit = { offset: intArg(arg(args, i + 1)), count: intArg(arg(args, i + 2)) };
      i += 2;
    } else if (option === "REV" && reverse === undefined) reverse = true;
    else if (option === "BYLEX" && type === undefined) type = "LEX";
    else if (option === "BYSCORE" && type === undefined) type = "SCORE";
    else fail(Errors.syntax);
  }
  const rangeType = type ?? "RANK";
  const descending = reverse ?? false;
  if (limit !== undefined && limit.count !== -1 && rangeType === "RANK") fail(Errors.zrangeLimit);
  if (withScores && rangeType === "LEX") fail(Errors.zrangeLexScores);
  const swap = descending && rangeType !== "RANK";
  const minArg = arg(args, swap ? request.maxIndex : request.minIndex);
  const maxArg = arg(args, swap ? request.minIndex : request.maxIndex);

  let select: (zset: SortedSet) => ScoredMember[];
  if (rangeType === "RANK") {
    const start = intArg(minArg);
    const stop = intArg(maxArg);
    select = (zset) => {
      const range = clampRange(start, stop, zset.size);
      if (range === undefined) return [];
      if (!descending) return zset.slice(range[0], range[1]);
      return zset.slice(zset.size - 1 - range[1], zset.size - 1 - range[0]).reverse();
    };
  } else {
    let ordered: (zset: SortedSet) => ScoredMember[];
    if (rangeType === "SCORE") {
      const range = parseScoreRange(minArg, maxArg);
      ordered = (zset) => byScore(zset, range);
    } else {
      const range = parseLexRange(minArg, maxArg);
      ordered = (zset) => byLex(zset, range);
    }
    select = (zset) => {
      const items = ordered(zset);
      if (descending) items.reverse();
      return limit === undefined ? items : applyLimit(items, limit.offset, limit.count);
    };
  }
  const entry = readZset(ctx.db, request.key);
  if (entry === undefined) return undefined;
  return { items: select(entry.value), withScores };
}

function rangeCommand(
  name: string,
  arity: number,
  type: RangeType | undefined,
  reverse: boolean | undefined,
): DataCommand {
  return define({
    name,
    arity,
    flags: ["readonly"],
    keys: oneKey,
    run(ctx, args): ReplyFrame {
      const request = {
        key: arg(args, 1),
        minIndex: 2,
        maxIndex: 3,
        optionsFrom: 4,
        type,
        reverse,
        store: false,
      };
      const result = selectRange(ctx, args, request);
      if (result === undefined) return EMPTY_ARRAY;
      return membersReply(result.items, result.withScores, ctx.resp);
    },
  });
}

export const fakeRangeHandlers: readonly DataCommand[] = [
  rangeCommand("zrange", -4, undefined, undefined),
  rangeCommand("zrevrange", -4, "RANK", true),
  rangeCommand("zrangebyscore", -4, "SCORE", false),
  rangeCommand("zrevrangebyscore", -4, "SCORE", true),
  rangeCommand("zrangebylex", -4, "LEX", false),
  rangeCommand("zrevrangebylex", -4, "LEX", true),
  define({
    name: "zrangestore",
    arity: -5,
    flags: ["write", "denyoom"],
    keys: { first: 1, last: 2, step: 1 },
    run(ctx, args) {
      const target = arg(args, 1);
      const request = {
        key: arg(args, 2),
        minIndex: 3,
        maxIndex: 4,
        optionsFrom: 5,
        type: undefined,
        reverse: undefined,
        store: true,
      };
      const result = selectRange(ctx, args, request);
      const items = result?.items ?? [];
      const zset = SortedSet.from(items);
      storeResult(ctx, target, { type: "zset", value: zset }, "z", "zrangestore");
      return integer(zset.size);
    },
  }),
];
