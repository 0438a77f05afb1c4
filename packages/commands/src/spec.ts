// Building blocks of every definition: `defineSpec` (a static spec from the
// command table plus a parser), `command` (one invocation), and the table lookup
// that `customCommand` and the cluster router use.
import type {
  Command,
  CommandArg,
  CommandInfo,
  CommandSpec,
  Decoder,
  ReplyParser,
  RespValue,
} from "./command.js";
import type { Routes } from "./routes.js";
import { commandInfoByName, lookupCommandInfo } from "./table/index.js";

export { lookupCommandInfo };

export interface SpecDefinition<T> {
  /** GLIDE's name for the request type (span names): "Get", "ZRangeWithScores"… */
  readonly glideName: string;
  readonly parse: ReplyParser<T>;
  /** Corrections to the table's data for this definition (keys, flags, policies). */
  readonly overrides?: Partial<Omit<CommandInfo, "name">>;
}

const registry: CommandSpec<unknown>[] = [];

/** Every spec defined so far (all of them once the definitions are imported). */
export function definedSpecs(): readonly CommandSpec<unknown>[] {
  return registry;
}

/**
 * A static spec for `name` ("GET", "CONFIG GET"), its data taken from the command table.
 * Throws at definition time for a name the table does not know: a definition bug.
 */
export function defineSpec<T>(name: string, definition: SpecDefinition<T>): CommandSpec<T> {
  const info = commandInfoByName(name);
  if (!info) throw new Error(`@petrel/commands: "${name}" is not in the command table`);
  const spec: CommandSpec<T> = Object.freeze({
    ...info,
    ...definition.overrides,
    name: info.name,
    glideName: definition.glideName,
    parse: definition.parse,
  });
  registry.push(spec);
  return spec;
}

export interface CommandExtras {
  /** Cluster only: the caller's route. */
  readonly route?: Routes | undefined;
  /** Blocking commands: the server-side block time in ms (0 = forever). */
  readonly blockMs?: number | undefined;
  /** Facts the parser needs that the arguments do not show. */
  readonly meta?: unknown;
}

/** One invocation of `spec` with `args` (command name tokens first). */
export function command<T>(
  spec: CommandSpec<T>,
  args: CommandArg[],
  decoder?: Decoder,
  extras?: CommandExtras,
): Command<T> {
  return {
    spec,
    args,
    decoder,
    route: extras?.route,
    blockMs: extras?.blockMs,
    meta: extras?.meta,
  };
}

/** Seconds (GLIDE's blocking timeouts) to the block time in ms. */
export function secondsToBlockMs(seconds: number): number {
  return Math.round(seconds * 1000);
}

/** Shapes a raw reply for `cmd` (what a client does once the reply arrives). */
export function parseReply<T>(cmd: Command<T>, reply: RespValue, resp: 2 | 3): T {
  return cmd.spec.parse(reply, cmd, { resp });
}
