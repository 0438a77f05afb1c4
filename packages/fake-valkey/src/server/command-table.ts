// The server's command table: connection, server, Pub/Sub, transaction and
// cluster commands written here, plus every data-plane command wrapped so the
// dispatcher treats both alike.

import type { ReplyFrame } from "@petrel/protocol";
import { arg } from "../data/command.js";
import type { BlockRequest, DataCommand, DataCommandFlag } from "../data/types.js";
import type { Session } from "./session.js";

export type CommandFlag =
  | DataCommandFlag
  /** Allowed before authentication. */
  | "noauth"
  /** Allowed in RESP2 subscriber mode. */
  | "subscriber"
  /** Executed at once even inside MULTI (EXEC, DISCARD, MULTI, WATCH, QUIT, RESET). */
  | "nomultiqueue"
  /** Refused inside MULTI, which then fails at EXEC (Valkey's NO_MULTI: MULTI, WATCH). */
  | "nomulti"
  /** Keys are sharded Pub/Sub channels. */
  | "shardchannels";

export type KeySpec = DataCommand["keys"];

/** What running a command produced: replies to write, or a blocking wait. */
export type Outcome =
  | ReplyFrame
  | { readonly frames: readonly ReplyFrame[] }
  | { readonly block: BlockRequest };

export interface CommandDef {
  /** Lower case; `container|sub` for subcommands, as arity errors name them. */
  readonly name: string;
  readonly arity: number;
  readonly flags: readonly CommandFlag[];
  readonly keys?: KeySpec;
  /** Set for containers like CLIENT and CLUSTER. */
  readonly subcommands?: ReadonlyMap<string, CommandDef>;
  readonly group: string;
  run(session: Session, args: Buffer[]): Outcome;
}

export function hasFlag(def: CommandDef, flag: CommandFlag): boolean {
  return def.flags.includes(flag);
}

/** Argument positions of the keys, following the server's first/last/step convention. */
export function keyPositions(spec: KeySpec | undefined, args: readonly Buffer[]): number[] {
  if (spec === undefined) return [];
  if (typeof spec === "function") return spec(args as Buffer[]);
  if (spec.first <= 0) return [];
  const last = spec.last < 0 ? args.length + spec.last : spec.last;
  const positions: number[] = [];
  for (let i = spec.first; i <= last && i < args.length; i += Math.max(1, spec.step))
    positions.push(i);
  return positions;
}

export function keysOf(def: CommandDef, args: readonly Buffer[]): Buffer[] {
  return keyPositions(def.keys, args).map((position) => arg(args, position));
}

export function arityOk(arity: number, argc: number): boolean {
  return arity >= 0 ? argc === arity : argc >= -arity;
}

/** Wraps a data-plane command for the dispatcher. */
export function fromDataCommand(command: DataCommand, group: string): CommandDef {
  return {
    name: command.name,
    arity: command.arity,
    flags: command.flags,
    keys: command.keys,
    group,
    run(session, args) {
      return command.run(session.dataContext(), args);
    },
  };
}

/** Builds a container command whose subcommands are looked up by their second argument. */
export function container(
  name: string,
  group: string,
  subcommands: readonly CommandDef[],
): CommandDef {
  const table = new Map(subcommands.map((sub) => [sub.name.slice(name.length + 1), sub]));
  return {
    name,
    arity: -2,
    flags: [],
    group,
    subcommands: table,
    // Reached only without a subcommand, which the arity check already refuses.
    run: () => ({ type: "error", value: `ERR wrong number of arguments for '${name}' command` }),
  };
}
