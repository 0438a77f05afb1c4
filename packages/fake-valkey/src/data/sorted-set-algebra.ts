// ZUNION / ZINTER / ZDIFF (and their STORE forms) and ZINTERCARD. Plain sets
// are accepted as inputs with every score 1, as the server does.

import type { ReplyFrame } from "@petrel/protocol";
import {
  arg,
  cardinalityLimitArg,
  define,
  doubleArg,
  intArg,
  numKeysPositions,
  storeResult,
  token,
} from "./command.js";
import { Errors, fail } from "./errors.js";
import { integer } from "./reply.js";
import { type ScoredMember, SortedSet } from "./sorted-set.js";
import { membersReply } from "./sorted-set-replies.js";
import type { DataCommand, DataContext } from "./types.js";

type Operation = "union" | "inter" | "diff";
type Aggregate = "SUM" | "MIN" | "MAX";

/** An input as member → score, or an empty map for a missing key. */
function readInput(ctx: DataContext, key: Buffer): Map<string, number> {
  const entry = ctx.db.get(key);
  if (entry === undefined) return new Map();
  if (entry.type === "zset")
    return new Map(entry.value.entries().map((item) => [item.member, item.score]));
  if (entry.type === "set") return new Map([...entry.value].map((member) => [member, 1]));
  return fail(Errors.wrongType);
}

function combine(a: number, b: number, aggregate: Aggregate): number {
  if (aggregate === "MIN") return Math.min(a, b);
  if (aggregate === "MAX") return Math.max(a, b);
  const sum = a + b;
  return Number.isNaN(sum) ? 0 : sum;
}

function weighted(score: number, weight: number): number {
  const value = score * weight;
  return Number.isNaN(value) ? 0 : value;
}

interface AlgebraRequest {
  readonly keys: Buffer[];
  readonly weights: number[];
  readonly aggregate: Aggregate;
  readonly withScores: boolean;
}

function parseRequest(
  args: Buffer[],
  numKeysIndex: number,
  operation: Operation,
  store: boolean,
  command: string,
): AlgebraRequest {
  const numKeys = intArg(arg(args, numKeysIndex));
  if (numKeys < 1) fail(Errors.atLeastOneKey(command));
  if (numKeys > args.length - numKeysIndex - 1) fail(Errors.syntax);
  const keys = args.slice(numKeysIndex + 1, numKeysIndex + 1 + numKeys);
  const weights = keys.map(() => 1);
  let aggregate: Aggregate = "SUM";
  let withScores = false;
  for (let i = numKeysIndex + 1 + numKeys; i < args.length; i++) {
    const option = token(args[i]);
    const left = args.length - i - 1;
    if (operation !== "diff" && option === "WEIGHTS" && left >= numKeys) {
      for (let w = 0; w < numKeys; w++)
        weights[w] = doubleArg(arg(args, i + 1 + w), Errors.weightNotFloat);
      i += numKeys;
    } else if (operation !== "diff" && option === "AGGREGATE" && left >= 1) {
      const value = token(args[i + 1]);
      if (value !== "SUM" && value !== "MIN" && value !== "MAX") fail(Errors.syntax);
      aggregate = value;
      i++;
    } else if (option === "WITHSCORES" && !store) {
      withScores = true;
    } else fail(Errors.syntax);
  }
  return { keys, weights, aggregate, withScores };
}

function compute(ctx: DataContext, request: AlgebraRequest, operation: Operation): ScoredMember[] {
  const inputs = request.keys.map((key) => readInput(ctx, key));
  const result = new Map<string, number>();
  if (operation === "diff") {
    const [first, ...others] = inputs as [Map<string, number>, ...Map<string, number>[]];
    for (const [member, score] of first)
      if (!others.some((other) => other.has(member))) result.set(member, score);
  } else if (operation === "union") {
    inputs.forEach((input, i) => {
      for (const [member, score] of input) {
        const value = weighted(score, request.weights[i] as number);
        const current = result.get(member);
        result.set(
          member,
          current === undefined ? value : combine(current, value, request.aggregate),
        );
      }
    });
  } else {
    const [first, ...others] = inputs as [Map<string, number>, ...Map<string, number>[]];
    for (const [member, score] of first) {
      let value = weighted(score, request.weights[0] as number);
      let everywhere = true;
      others.forEach((other, i) => {
        const otherScore = other.get(member);
        if (otherScore === undefined) everywhere = false;
        else
          value = combine(
            value,
            weighted(otherScore, request.weights[i + 1] as number),
            request.aggregate,
          );
      });
      if (everywhere) result.set(member, value);
    }
  }
  const zset = new SortedSet();
  for (const [member, score] of result) zset.set(member, score);
  return [...zset.entries()];
}

function algebraCommand(operation: Operation): DataCommand {
  const name = `z${operation}`;
  return define({
    name,
    arity: -3,
    flags: ["readonly"],
    keys: numKeysPositions(1),
    run(ctx, args): ReplyFrame {
      const request = parseRequest(args, 1, operation, false, name);
      return membersReply(compute(ctx, request, operation), request.withScores, ctx.resp);
    },
  });
}

function storeCommand(operation: Operation): DataCommand {
  const name = `z${operation}store`;
  return define({
    name,
    arity: -4,
    flags: ["write", "denyoom"],
    keys: (args) => [1, ...numKeysPositions(2)(args)],
    run(ctx, args) {
      const request = parseRequest(args, 2, operation, true, name);
      const items = compute(ctx, request, operation);
      const target = arg(args, 1);
      const zset = SortedSet.from(items);
      storeResult(ctx, target, { type: "zset", value: zset }, "z", name);
      return integer(zset.size);
    },
  });
}

export const fakeSortedSetAlgebraHandlers: readonly DataCommand[] = [
  algebraCommand("union"),
  algebraCommand("inter"),
  algebraCommand("diff"),
  storeCommand("union"),
  storeCommand("inter"),
  storeCommand("diff"),
  define({
    name: "zintercard",
    arity: -3,
    flags: ["readonly"],
    keys: numKeysPositions(1),
    run(ctx, args) {
      const numKeys = intArg(arg(args, 1));
      if (numKeys < 1) fail(Errors.atLeastOneKey("zintercard"));
      if (numKeys > args.length - 2) fail(Errors.syntax);
      const limit = cardinalityLimitArg(args, 2 + numKeys);
      const request = {
        keys: args.slice(2, 2 + numKeys),
        weights: [],
        aggregate: "SUM" as const,
        withScores: false,
      };
      const count = compute(
        ctx,
        { ...request, weights: request.keys.map(() => 1) },
        "inter",
      ).length;
      return integer(limit > 0 ? Math.min(limit, count) : count);
    },
  }),
];
