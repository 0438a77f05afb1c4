// Runs data commands directly on keyspaces with a controllable clock and a
// seeded random, and turns reply frames into plain values for assertions.

import type { ReplyFrame } from "@petrel/protocol";
import { arg } from "../command.js";
import { fakeDataHandlers } from "../index.js";
import { createKeyspace } from "../keyspace.js";
import { objectSubcommands } from "../object.js";
import type { BlockRequest, DataContext, Keyspace } from "../types.js";

export interface TestContext extends DataContext {
  /** Moves the clock forward. */
  advance(ms: number): void;
  /** A context on the same keyspaces with another protocol or database. */
  with(options: { resp?: 2 | 3; db?: number }): TestContext;
}

export function testContext(resp: 2 | 3 = 2, startMs = 1_700_000_000_000): TestContext {
  const clock = { time: startMs, now: () => clock.time };
  const dbs: Keyspace[] = Array.from({ length: 16 }, () => createKeyspace(clock));
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const make = (r: 2 | 3, index: number): TestContext => ({
    db: dbs[index] as Keyspace,
    dbs,
    clock,
    random,
    resp: r,
    advance: (ms) => {
      clock.time += ms;
    },
    with: (options) => make(options.resp ?? r, options.db ?? index),
  });
  return make(resp, 0);
}

function toArgs(parts: readonly (string | Buffer)[]): Buffer[] {
  return parts.map((part) => (typeof part === "string" ? Buffer.from(part) : part));
}

/** Runs a command that must not block; returns its frame. */
export function frame(ctx: DataContext, ...parts: (string | Buffer)[]): ReplyFrame {
  const args = toArgs(parts);
  const name = arg(args, 0).toString().toLowerCase();
  // OBJECT is a container the server's table builds: its subcommands are looked up here.
  const command =
    fakeDataHandlers.get(name) ??
    objectSubcommands.find((sub) => sub.name === `${name}|${args[1]?.toString().toLowerCase()}`);
  if (command === undefined) throw new Error(`no data command ${parts[0]}`);
  const result = command.run(ctx, args);
  if ("block" in result) throw new Error(`${parts[0]} blocked`);
  return result;
}

/** Runs a command expected to block; returns its request. */
export function blocked(ctx: DataContext, ...parts: (string | Buffer)[]): BlockRequest {
  const args = toArgs(parts);
  const name = arg(args, 0).toString().toLowerCase();
  // OBJECT is a container the server's table builds: its subcommands are looked up here.
  const command =
    fakeDataHandlers.get(name) ??
    objectSubcommands.find((sub) => sub.name === `${name}|${args[1]?.toString().toLowerCase()}`);
  if (command === undefined) throw new Error(`no data command ${parts[0]}`);
  const result = command.run(ctx, args);
  if (!("block" in result))
    throw new Error(`${parts[0]} answered ${JSON.stringify(plain(result))}`);
  return result.block;
}

export type Plain =
  | string
  | number
  | bigint
  | null
  | boolean
  | Plain[]
  | { error: string }
  | { double: string }
  | { set: Plain[] }
  | { map: [Plain, Plain][] };

/** A frame as plain data: bulk → string, integer → number, RESP3 double → { double }, error → { error }. */
export function plain(reply: ReplyFrame): Plain {
  switch (reply.type) {
    case "simple":
      return reply.value;
    case "error":
      return { error: reply.value };
    case "integer":
      return typeof reply.value === "bigint" &&
        reply.value <= BigInt(Number.MAX_SAFE_INTEGER) &&
        reply.value >= BigInt(Number.MIN_SAFE_INTEGER)
        ? Number(reply.value)
        : reply.value;
    case "bulk":
      return reply.value === null ? null : Buffer.from(reply.value).toString("latin1");
    case "array":
      return reply.value === null ? null : reply.value.map(plain);
    case "set":
      return { set: reply.value.map(plain) };
    case "map":
      return { map: reply.value.map(([k, v]) => [plain(k), plain(v)]) };
    case "raw": {
      const text = reply.bytes.toString("latin1");
      return text.startsWith(",") ? { double: text.slice(1, -2) } : text;
    }
    case "null":
      return null;
    case "double":
      return { double: String(reply.value) };
    default:
      return reply.type;
  }
}

/** Runs a command and returns its reply as plain data. */
export function run(ctx: DataContext, ...parts: (string | Buffer)[]): Plain {
  return plain(frame(ctx, ...parts));
}
