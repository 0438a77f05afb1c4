// Blocking pops and moves. Each command first tries to serve at once (errors
// such as WRONGTYPE surface immediately); otherwise it returns a BlockRequest
// whose `attempt` the server re-runs when one of the keys changes. Keys that
// hold the wrong type while blocked are skipped, as the server does.

import type { ReplyFrame } from "@petrel/protocol";
import { define, guarded, numKeysPositions, timeoutArg } from "./command.js";
import { type End, endArg, moveItem, multiPop, parseMultiPop, popItems } from "./lists.js";
import { array, bulk, bulkLatin1, double, NULL_ARRAY } from "./reply.js";
import { multiPopScored, parseZmpop, popScored } from "./sorted-sets.js";
import type { DataCommand, DataContext, DataResult, Entry } from "./types.js";

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

function blockingPop(name: string, end: End): DataCommand {
  return define({
    name,
    arity: -3,
    flags: ["write", "blocking"],
    keys: { first: 1, last: -2, step: 1 },
    run(ctx, args) {
      const keys = args.slice(1, -1);
      const timeoutMs = timeoutArg(args[args.length - 1] as Buffer);
      const serve = (c: DataContext, candidates: Buffer[]): ReplyFrame | undefined => {
        for (const key of candidates) {
          const item = popItems(c.db, key, end, 1)?.[0];
          if (item !== undefined) return array([bulk(key), bulk(item)]);
        }
        return undefined;
      };
      return block(
        ctx,
        keys,
        timeoutMs,
        (c) => serve(c, keys),
        (c) => serve(c, ofType(c, keys, "list")),
        NULL_ARRAY,
      );
    },
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
      const source = args[1] as Buffer;
      const target = args[2] as Buffer;
      const timeoutMs = timeoutArg(args[args.length - 1] as Buffer);
      const serve: Serve = (c) => {
        const item = moveItem(c.db, source, target, from, to);
        return item === undefined ? undefined : bulk(item);
      };
      const later: Serve = (c) => (c.db.get(source)?.type === "list" ? serve(c) : undefined);
      // The server answers a timed-out BLMOVE with a null array, not a null bulk.
      return block(ctx, [source], timeoutMs, serve, later, NULL_ARRAY);
    },
  });
}

function blockingZpop(name: string, min: boolean): DataCommand {
  return define({
    name,
    arity: -3,
    flags: ["write", "fast", "blocking"],
    keys: { first: 1, last: -2, step: 1 },
    run(ctx, args) {
      const keys = args.slice(1, -1);
      const timeoutMs = timeoutArg(args[args.length - 1] as Buffer);
      const serve = (c: DataContext, candidates: Buffer[]): ReplyFrame | undefined => {
        for (const key of candidates) {
          const item = popScored(c.db, key, min, 1)?.[0];
          if (item !== undefined)
            return array([bulk(key), bulkLatin1(item.member), double(item.score, c.resp)]);
        }
        return undefined;
      };
      return block(
        ctx,
        keys,
        timeoutMs,
        (c) => serve(c, keys),
        (c) => serve(c, ofType(c, keys, "zset")),
        NULL_ARRAY,
      );
    },
  });
}

export const blockingCommands: readonly DataCommand[] = [
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
      const timeoutMs = timeoutArg(args[1] as Buffer);
      const { keys, end, count } = parseMultiPop(args, 2);
      const later: Serve = (c) => multiPop(c.db, ofType(c, keys, "list"), end, count);
      return block(
        ctx,
        keys,
        timeoutMs,
        (c) => multiPop(c.db, keys, end, count),
        later,
        NULL_ARRAY,
      );
    },
  }),
  blockingZpop("bzpopmin", true),
  blockingZpop("bzpopmax", false),
  define({
    name: "bzmpop",
    arity: -5,
    flags: ["write", "blocking"],
    keys: numKeysPositions(2),
    run(ctx, args) {
      const timeoutMs = timeoutArg(args[1] as Buffer);
      const { keys, min, count } = parseZmpop(args, 2);
      const later: Serve = (c) => multiPopScored(c, ofType(c, keys, "zset"), min, count);
      return block(
        ctx,
        keys,
        timeoutMs,
        (c) => multiPopScored(c, keys, min, count),
        later,
        NULL_ARRAY,
      );
    },
  }),
];
