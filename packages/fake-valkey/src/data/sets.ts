// Set commands. Members are latin1 strings so any bytes round-trip; small
// all-integer sets list in numeric order like the server's intset.

import type { ReplyFrame } from "@petrel/protocol";
import {
  arg,
  cardinalityLimitArg,
  define,
  intArg,
  latin1,
  notifyWrite,
  numKeysArg,
  numKeysPositions,
  oneKey,
  readSet,
  storeCollection,
  storeResult,
} from "./command.js";
import { isCompact, setMembersInOrder } from "./encoding.js";
import { Errors, fail } from "./errors.js";
import { pickOne, pickRandom } from "./random-pick.js";
import { removeMembersCommand } from "./remove-members.js";
import { array, bulkLatin1, integer, NULL_BULK, setFrame } from "./reply.js";
import { matches, parseCursor, parseScanOptions, scanPage, scanReply } from "./scan.js";
import type { DataCommand, DataContext } from "./types.js";

type Operation = "inter" | "union" | "diff";

function membersOf(ctx: DataContext, keys: Buffer[]): (Set<string> | undefined)[] {
  return keys.map((key) => readSet(ctx.db, key)?.value);
}

function compute(ctx: DataContext, keys: Buffer[], operation: Operation): Set<string> {
  const inputs = membersOf(ctx, keys);
  const [first, ...others] = inputs;
  if (operation === "union") {
    const result = new Set<string>();
    for (const input of inputs) for (const member of input ?? []) result.add(member);
    return result;
  }
  if (operation === "diff") {
    const result = new Set(first ?? []);
    for (const other of others) for (const member of other ?? []) result.delete(member);
    return result;
  }
  if (inputs.some((input) => input === undefined)) return new Set();
  const result = new Set<string>();
  for (const member of first ?? [])
    if (others.every((other) => other?.has(member))) result.add(member);
  return result;
}

function membersReply(members: Set<string>): ReplyFrame {
  return setFrame(setMembersInOrder(members).map(bulkLatin1));
}

function algebraCommand(operation: Operation): DataCommand {
  return define({
    name: `s${operation}`,
    arity: -2,
    flags: ["readonly"],
    keys: { first: 1, last: -1, step: 1 },
    run: (ctx, args) => membersReply(compute(ctx, args.slice(1), operation)),
  });
}

function storeCommand(operation: Operation): DataCommand {
  return define({
    name: `s${operation}store`,
    arity: -3,
    flags: ["write", "denyoom"],
    keys: { first: 1, last: -1, step: 1 },
    run(ctx, args) {
      const result = compute(ctx, args.slice(2), operation);
      const target = arg(args, 1);
      storeResult(ctx, target, { type: "set", value: result }, "s", `s${operation}store`);
      return integer(result.size);
    },
  });
}

function spop(ctx: DataContext, args: Buffer[]): ReplyFrame {
  if (args.length > 3) fail(Errors.syntax);
  const key = arg(args, 1);
  if (args.length === 2) {
    const entry = readSet(ctx.db, key);
    if (entry === undefined) return NULL_BULK;
    const member = pickOne([...entry.value], ctx.random);
    entry.value.delete(member);
    storeCollection(ctx.db, key, entry);
    notifyWrite(ctx, "s", "spop", key);
    return bulkLatin1(member);
  }
  const count = intArg(arg(args, 2), Errors.mustBePositive);
  if (count < 0) fail(Errors.mustBePositive);
  const entry = readSet(ctx.db, key);
  if (entry === undefined || count === 0) return setFrame([]);
  const picked = pickRandom([...entry.value], count, ctx.random);
  for (const member of picked) entry.value.delete(member);
  storeCollection(ctx.db, key, entry);
  notifyWrite(ctx, "s", "spop", key);
  return setFrame(picked.map(bulkLatin1));
}

function srandmember(ctx: DataContext, args: Buffer[]): ReplyFrame {
  if (args.length > 3) fail(Errors.syntax);
  const key = arg(args, 1);
  if (args.length === 2) {
    const entry = readSet(ctx.db, key);
    if (entry === undefined) return NULL_BULK;
    return bulkLatin1(pickOne([...entry.value], ctx.random));
  }
  const count = intArg(arg(args, 2));
  const entry = readSet(ctx.db, key);
  if (entry === undefined) return array([]);
  return array(pickRandom([...entry.value], count, ctx.random).map(bulkLatin1));
}

export const fakeSetHandlers: readonly DataCommand[] = [
  define({
    name: "sadd",
    arity: -3,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const key = arg(args, 1);
      const entry = readSet(ctx.db, key) ?? { type: "set" as const, value: new Set<string>() };
      let added = 0;
      for (const member of args.slice(2)) {
        const name = latin1(member);
        if (!entry.value.has(name)) {
          entry.value.add(name);
          added++;
        }
      }
      if (added > 0) {
        ctx.db.put(key, entry);
        ctx.notify?.("s", "sadd", key);
      }
      return integer(added);
    },
  }),
  removeMembersCommand("srem", "set"),
  define({
    name: "smembers",
    arity: 2,
    flags: ["readonly"],
    keys: oneKey,
    run: (ctx, args) => membersReply(readSet(ctx.db, arg(args, 1))?.value ?? new Set()),
  }),
  define({
    name: "sismember",
    arity: 3,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run: (ctx, args) =>
      integer(readSet(ctx.db, arg(args, 1))?.value.has(latin1(arg(args, 2))) ?? false),
  }),
  define({
    name: "smismember",
    arity: -3,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const members = readSet(ctx.db, arg(args, 1))?.value;
      return array(args.slice(2).map((member) => integer(members?.has(latin1(member)) ?? false)));
    },
  }),
  define({
    name: "scard",
    arity: 2,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run: (ctx, args) => integer(readSet(ctx.db, arg(args, 1))?.value.size ?? 0),
  }),
  define({ name: "spop", arity: -2, flags: ["write", "random", "fast"], keys: oneKey, run: spop }),
  define({
    name: "srandmember",
    arity: -2,
    flags: ["readonly", "random"],
    keys: oneKey,
    run: srandmember,
  }),
  define({
    name: "smove",
    arity: 4,
    flags: ["write", "fast"],
    keys: { first: 1, last: 2, step: 1 },
    run(ctx, args) {
      const source = arg(args, 1);
      const target = arg(args, 2);
      const member = latin1(arg(args, 3));
      const sourceEntry = readSet(ctx.db, source);
      const targetEntry = readSet(ctx.db, target);
      if (sourceEntry === undefined) return integer(0);
      if (source.equals(target)) return integer(sourceEntry.value.has(member));
      if (!sourceEntry.value.delete(member)) return integer(0);
      storeCollection(ctx.db, source, sourceEntry);
      notifyWrite(ctx, "s", "srem", source);
      const destination = targetEntry ?? { type: "set" as const, value: new Set<string>() };
      // The destination is written (and WATCH sees it) only when the member is new there.
      if (!destination.value.has(member)) {
        destination.value.add(member);
        ctx.db.put(target, destination);
        ctx.notify?.("s", "sadd", target);
      }
      return integer(1);
    },
  }),
  algebraCommand("inter"),
  algebraCommand("union"),
  algebraCommand("diff"),
  storeCommand("inter"),
  storeCommand("union"),
  storeCommand("diff"),
  define({
    name: "sintercard",
    arity: -3,
    flags: ["readonly"],
    keys: numKeysPositions(1),
    run(ctx, args) {
      const numKeys = numKeysArg(args, 1);
      const limit = cardinalityLimitArg(args, 2 + numKeys);
      const size = compute(ctx, args.slice(2, 2 + numKeys), "inter").size;
      return integer(limit > 0 ? Math.min(limit, size) : size);
    },
  }),
  define({
    name: "sscan",
    arity: -3,
    flags: ["readonly", "random"],
    keys: oneKey,
    run(ctx, args) {
      // The server checks the cursor, then the key, and only then the options.
      parseCursor(arg(args, 2));
      const entry = readSet(ctx.db, arg(args, 1));
      if (entry === undefined) return scanReply(0n, []);
      const options = parseScanOptions(args, 2, false);
      const compact = isCompact(entry);
      const names = compact ? setMembersInOrder(entry.value) : entry.value;
      const page = scanPage(names, options.cursor, options.count, compact);
      return scanReply(
        page.next,
        page.names.filter((m) => matches(options.pattern, m)).map(bulkLatin1),
      );
    },
  }),
];
