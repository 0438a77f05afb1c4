// The interface between the data plane (commands on an in-memory keyspace) and
// the server (connections, auth, MULTI, cluster rules). Data commands never see
// connections: the server checks arity and routing, then calls `run`.

import type { ReplyFrame } from "@petrel/protocol";
import type { SortedSet } from "./sorted-set.js";
import type { Stream } from "./stream/stream.js";

export { createKeyspace } from "./keyspace.js";
export type { SortedSet } from "./sorted-set.js";

/** Milliseconds since the epoch; injectable so tests control expiry. */
export interface Clock {
  now(): number;
}

/** One value in the keyspace. */
export type Entry =
  | { type: "string"; value: Buffer; expiresAt?: number }
  | { type: "list"; value: Buffer[]; expiresAt?: number }
  /** Field names as latin1 strings (`Buffer.toString("latin1")`) so any bytes round-trip. */
  | { type: "hash"; value: Map<string, Buffer>; expiresAt?: number }
  | { type: "set"; value: Set<string>; expiresAt?: number }
  | { type: "zset"; value: SortedSet; expiresAt?: number }
  | { type: "stream"; value: Stream; expiresAt?: number };

/** One logical database; keys are Buffers, stored by latin1 string. */
export interface Keyspace {
  /** Expiry-aware: expired keys vanish. */
  get(key: Buffer): Entry | undefined;
  /** Replaces the value and bumps the key's version. */
  put(key: Buffer, entry: Entry): void;
  delete(key: Buffer): boolean;
  has(key: Buffer): boolean;
  /** Live keys. */
  keys(): Buffer[];
  readonly size: number;
  flush(): void;
  /** Changes on every modification of that key, expiry and deletion included (for WATCH). */
  version(key: Buffer): number;
  /** Keys modified since the last call (the server wakes blocked clients). */
  touched(): Buffer[];
}

export interface DataContext {
  readonly db: Keyspace;
  /** Every database, for COPY … DB and MOVE. */
  readonly dbs: readonly Keyspace[];
  readonly clock: Clock;
  /** Seeded. */
  readonly random: () => number;
  readonly resp: 2 | 3;
  /**
   * Publishes a keyspace notification (class letter, event, key, and the
   * database when not the client's own) when notify-keyspace-events enables
   * it; absent outside a server.
   */
  readonly notify?: (type: string, event: string, key: Buffer, db?: Keyspace) => void;
}

export interface BlockRequest {
  readonly keys: Buffer[];
  /** 0 = forever. */
  readonly timeoutMs: number;
  /** Re-run when keys change; undefined = keep waiting. */
  attempt(ctx: DataContext): ReplyFrame | undefined;
  /** E.g. a null array. */
  timeoutReply(): ReplyFrame;
}

export type DataResult = ReplyFrame | { readonly block: BlockRequest };

export type DataCommandFlag = "write" | "readonly" | "denyoom" | "fast" | "blocking" | "random";

export interface DataCommand {
  /** Lower case, e.g. "set"; subcommand containers (e.g. "object") dispatch themselves. */
  readonly name: string;
  /**
   * The COMMAND DOCS group. The registry sets it from the file that defines
   * the command; a command sets it itself where it differs (DBSIZE is "server").
   */
  readonly group?: string;
  /** The server's arity convention (negative = at least |arity|). */
  readonly arity: number;
  readonly flags: readonly DataCommandFlag[];
  /** Positions in args (0 = name); last -1 = last arg. */
  readonly keys: { first: number; last: number; step: number } | ((args: Buffer[]) => number[]);
  /** args[0] is the command name as sent; arity already checked by the server. */
  run(ctx: DataContext, args: Buffer[]): DataResult;
}
