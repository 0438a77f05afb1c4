// Blocking pops and moves. Each command first tries to serve at once (errors
// such as WRONGTYPE surface immediately); otherwise it returns a BlockRequest
// whose `attempt` the server re-runs when one of the keys changes. Keys that
// hold the wrong type while blocked are skipped, as the server does.

import type { ReplyFrame } from "@petrel/protocol";
import { arg, define, guarded, notifyWrite, numKeysPositions, timeoutArg } from "./command.js";
import { type End, endArg, moveItem, multiPop, parseMultiPop, popItems } from "./lists.js";
import { array, bulk, bulkLatin1, double, NULL_ARRAY } from "./reply.js";
import { multiPopScored, parseZmpop, popScored } from "./sorted-sets.js";
import type { DataCommand, DataCommandFlag, DataContext, DataResult, Entry } from "./types.js";

type Serve = (ctx: DataContext) => ReplyFrame | undefined;

function ofType(ctx: DataContext, keys: Buffer[], type: Entry["type"]): Buffer[] {
  return keys.filter((key) => ctx.db.get(key)?.type === type);
}

function block(
  ctx: DataContext,
  keys: Buffer[],
  timeoutMs: number,
  serveNow: Serve,
  serveLater: Serve,
  timeout: ReplyFrame,
): DataResult {
  const immediate = serveNow(ctx);
  if (immediate !== undefined) return immediate;
  return {
    block: {
      keys,
      timeoutMs,
      attempt: (later) => guarded(() => serveLater(later)),
      timeoutReply: () => timeout,
    },
  };
}

/** Serves from `keys` now, or blocks; once woken, skips keys that no longer hold a `type`. */
function blockOnKeys(
  ctx: DataContext,
  keys: Buffer[],
  timeoutMs: number,
  type: Entry["type"],
  serve: (c: DataContext, candidates: Buffer[]) => ReplyFrame | undefined,
): DataResult {
  return block(
    ctx,
    keys,
    timeoutMs,
    (c) => serve(c, keys),
    (c) => serve(c, ofType(c, keys, type)),
    NULL_ARRAY,
  );
}

/** `<name> key… timeout`: one element from the first key that has one. */
function blockingFirstPop(
  name: string,
  flags: DataCommandFlag[],
  type: Entry["type"],
  popFrom: (c: DataContext, key: Buffer) => ReplyFrame | undefined,
): DataCommand {
  return define({
    name,
    ...(type === "zset" ? { group: "sorted-set" } : {}),
    arity: -3,
    flags,
    keys: { first: 1, last: -2, step: 1 },
    run(ctx, args) {
      const timeoutMs = timeoutArg(arg(args, args.length - 1), ctx.clock.now());
      return blockOnKeys(ctx, args.slice(1, -1), timeoutMs, type, (c, candidates) => {
        for (const key of candidates) {
          const reply = popFrom(c, key);
          if (reply !== undefined) return reply;
        }
        return undefined;
      });
    },
  });
}

function blockingPop(name: string, end: End): DataCommand {
  return blockingFirstPop(name, ["write", "blocking"], "list", (c, key) => {
    const item = popItems(c.db, key, end, 1)?.[0];
    if (item === undefined) return undefined;
    notifyWrite(c, "l", end === "LEFT" ? "lpop" : "rpop", key);
    return array([bulk(key), bulk(item)]);
  });
}

function blockingZpop(name: string, min: boolean): DataCommand {
  return blockingFirstPop(name, ["write", "fast", "blocking"], "zset", (c, key) => {
    const item = popScored(c.db, key, min, 1)?.[0];
    if (item === undefined) return undefined;
    notifyWrite(c, "z", min ? "zpopmin" : "zpopmax", key);
    return array([bulk(key), bulkLatin1(item.member), double(item.score, c.resp)]);
  });
}

function blockingMove(
  name: string,
  arity: number,
  ends: (args: Buffer[]) => [End, End],
): DataCommand {
  return define({
    name,
    arity,
    flags: ["write", "denyoom", "blocking"],
    keys: { first: 1, last: 2, step: 1 },
    run(ctx, args) {
      const [from, to] = ends(args);
      const source = arg(args, 1);
      const target = arg(args, 2);
      const timeoutMs = timeoutArg(arg(args, args.length - 1), ctx.clock.now());
      const serve: Serve = (c) => {
        const item = moveItem(c, source, target, from, to);
        return item === undefined ? undefined : bulk(item);
      };
      const later: Serve = (c) => (c.db.get(source)?.type === "list" ? serve(c) : undefined);
      // The server answers a timed-out BLMOVE with a null array, not a null bulk.
      return block(ctx, [source], timeoutMs, serve, later, NULL_ARRAY);
    },
  });
}

export const fakeBlockingHandlers: readonly DataCommand[] = [
  blockingPop("blpop", "LEFT"),
  blockingPop("brpop", "RIGHT"),
  blockingMove("blmove", 6, (args) => [endArg(args[3]), endArg(args[4])]),
  blockingMove("brpoplpush", 4, () => ["RIGHT", "LEFT"]),
  define({
    name: "blmpop",
    arity: -5,
    flags: ["write", "blocking"],
    keys: numKeysPositions(2),
    run(ctx, args) {
      const timeoutMs = timeoutArg(arg(args, 1), ctx.clock.now());
      const { keys, end, count } = parseMultiPop(args, 2);
      return blockOnKeys(ctx, keys, timeoutMs, "list", (c, candidates) =>
        multiPop(c, candidates, end, count),
      );
    },
  }),
  blockingZpop("bzpopmin", true),
  blockingZpop("bzpopmax", false),
  define({
    name: "bzmpop",
    group: "sorted-set",
    arity: -5,
    flags: ["write", "blocking"],
    keys: numKeysPositions(2),
    run(ctx, args) {
      const timeoutMs = timeoutArg(arg(args, 1), ctx.clock.now());
      const { keys, min, count } = parseZmpop(args, 2);
      return blockOnKeys(ctx, keys, timeoutMs, "zset", (c, candidates) =>
        multiPopScored(c, candidates, min, count),
      );
    },
  }),
];
