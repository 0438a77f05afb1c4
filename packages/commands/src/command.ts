// The contract every command definition follows. A command is defined once, as
// a spec (static data plus a reply parser) and a factory that builds its
// arguments. Clients, batches and the cluster router all consume the same
// Command objects; none of them knows any command by name.
import type { CommandArg, GlideString, RespValue } from "@petrel/protocol";
import type { Routes } from "./routes.js";

/** GLIDE's decoder choice: Buffers or strings for string replies. */
export enum Decoder {
  Bytes = 0,
  String = 1,
}

export interface DecoderOption {
  /** Decode string replies as Buffers (`Decoder.Bytes`) or strings (`Decoder.String`). */
  decoder?: Decoder;
}

export interface RouteOption {
  /** Cluster only: where to send the command. */
  route?: Routes;
}

/** Command flags, as bits. Derived from the server's command table. */
export const CommandFlags = {
  READONLY: 1 << 0,
  WRITE: 1 << 1,
  BLOCKING: 1 << 2,
  ADMIN: 1 << 3,
  PUBSUB: 1 << 4,
  NO_MULTI: 1 << 5,
  NOSCRIPT: 1 << 6,
  LOADING: 1 << 7,
  STALE: 1 << 8,
  FAST: 1 << 9,
  MAY_REPLICATE: 1 << 10,
  NONDETERMINISTIC_OUTPUT: 1 << 11,
} as const;

/**
 * Where the keys are in a command's argument list (index 0 is the command name).
 * - `range`: keys from `first` to `last` every `step`; a negative `last` counts from the end (-1 = last).
 * - `keynum`: the number of keys is at `numkeysIndex`, keys start `firstKeyOffset` after it (EVAL, ZUNION…).
 * - `custom`: a function for the irregular ones (SORT, XREAD, MIGRATE…).
 */
export type KeySpec =
  | { readonly kind: "none" }
  | { readonly kind: "range"; readonly first: number; readonly last: number; readonly step: number }
  | {
      readonly kind: "keynum";
      readonly numkeysIndex: number;
      readonly firstKeyOffset: number;
      readonly step: number;
    }
  | { readonly kind: "custom"; readonly find: (args: readonly CommandArg[]) => number[] };

/** Valkey request policies (command tips), camelCased. `default` routes by keys, or anywhere. */
export type RequestPolicy = "default" | "allNodes" | "allShards" | "multiShard" | "special";

/** Valkey response policies (command tips), camelCased, plus GLIDE's extra rules. */
export type ResponsePolicy =
  | "default"
  | "oneSucceeded"
  | "allSucceeded"
  | "aggLogicalAnd"
  | "aggLogicalOr"
  | "aggMin"
  | "aggMax"
  | "aggSum"
  | "combineArrays"
  | "combineMaps"
  | "firstNonEmpty"
  | "special";

/** What the server's command table says about a command (or subcommand). */
export interface CommandInfo {
  /** Upper-case name; subcommands as "CONFIG GET". */
  readonly name: string;
  readonly arity: number;
  readonly flags: number;
  readonly keys: KeySpec;
  readonly request: RequestPolicy;
  readonly response: ResponsePolicy;
}

export interface ReplyContext {
  /** The protocol the connection speaks; parsers make RESP2 and RESP3 give one shape. */
  readonly resp: 2 | 3;
}

/**
 * Shapes one reply. The command is typed `Command<unknown>` (not `Command<T>`) so that
 * `Command<T>` stays covariant: a `Command<number>` is a `Command<unknown>`, which batches,
 * routers and `installCommandMethods` rely on.
 */
export type ReplyParser<T> = (
  reply: RespValue,
  command: Command<unknown>,
  context: ReplyContext,
) => T;

/** A command's static definition: one shared object per command. */
export interface CommandSpec<T = unknown> extends CommandInfo {
  /** The span name GLIDE uses for this command ("Get", "ZRangeWithScores"…). */
  readonly glideName: string;
  /** Shapes the raw reply into GLIDE's return shape. */
  readonly parse: ReplyParser<T>;
}

/** One invocation: the spec, the arguments, and per-call options. `T` is the result type. */
export interface Command<T = unknown> {
  readonly spec: CommandSpec<T>;
  /** The full argument list, command name tokens first. */
  readonly args: CommandArg[];
  /** Per-call decoder; `undefined` means the client's default. */
  readonly decoder: Decoder | undefined;
  /** Cluster only: an explicit route from the caller. */
  readonly route: Routes | undefined;
  /** For blocking commands: how long the server may block, in ms (0 = forever). */
  readonly blockMs: number | undefined;
  /** Per-call facts the parser needs that the arguments do not show (e.g. WITHSCORES). */
  readonly meta: unknown;
}

/** The result type a command resolves to. */
export type ResultOf<C> = C extends Command<infer T> ? T : never;

export type { CommandArg, GlideString, RespValue };
