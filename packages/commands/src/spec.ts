// Building blocks of every definition: `defineSpec` (a static spec from the
// command table plus a parser), `command` (one invocation), and the table lookup
// that `customCommand` and the cluster router use.
import type {
  Command,
  CommandArg,
  CommandInfo,
  CommandSpec,
  Decoder,
  KeySpec,
  ReplyParser,
  RequestPolicy,
  ResponsePolicy,
  RespValue,
  RouteOption,
} from "./command.js";
import type { Routes } from "./routes.js";
import { commandInfoByName, hasCommand, lookupCommandInfo } from "./table/index.js";

export { lookupCommandInfo };

/** Corrections to the table's data for one definition (keys, flags, policies). */
export type SpecOverrides = Partial<Omit<CommandInfo, "name">>;

const registry: CommandSpec<unknown>[] = [];

/** Every spec defined so far (all of them once the definitions are imported). */
export const definedSpecs = (): readonly CommandSpec<unknown>[] => registry;

/**
 * A defined command's spec. Its table data (arity, flags, keys, policies) is decoded the
 * first time any of it is read, not when the definitions are imported: an import
 * defines a few hundred specs and a program uses a handful.
 */
class DefinedSpec<T> implements CommandSpec<T> {
  // `declare`: plain assignments in the constructor, not class fields each defined
  // first as undefined (an import creates a few hundred specs).
  declare readonly name: string;
  declare readonly glideName: string;
  declare readonly parse: ReplyParser<T>;
  #info: CommandInfo | undefined;
  readonly #overrides: SpecOverrides | undefined;

  constructor(
    name: string,
    glideName: string,
    parse: ReplyParser<T>,
    overrides: SpecOverrides | undefined,
  ) {
    this.name = name;
    this.glideName = glideName;
    this.parse = parse;
    this.#overrides = overrides;
    Object.freeze(this);
  }

  get arity(): number {
    return (this.#info ?? this.#resolve()).arity;
  }

  get flags(): number {
    return (this.#info ?? this.#resolve()).flags;
  }

  get keys(): KeySpec {
    return (this.#info ?? this.#resolve()).keys;
  }

  get request(): RequestPolicy {
    return (this.#info ?? this.#resolve()).request;
  }

  get response(): ResponsePolicy {
    return (this.#info ?? this.#resolve()).response;
  }

  #resolve(): CommandInfo {
    const info = commandInfoByName(this.name) as CommandInfo;
    this.#info = this.#overrides === undefined ? info : { ...info, ...this.#overrides };
    return this.#info;
  }
}

/**
 * A static spec for a command, its data taken from the command table:
 * `defineSpec("Get", toNullableGlideString)`, `defineSpec("Config Get", parseConfig)`, or with
 * both names when GLIDE's is not the server's words joined:
 * `defineSpec("SORT_RO", "SortReadOnly", parse)`.
 * Throws at definition time for a name the table does not know: a definition bug.
 *
 * @param name - GLIDE's name for the request type (span names) with a space between a
 *   container and its subcommand ("Get", "ExpireAt", "Config Get"): the server's name is
 *   its upper case ("GET", "EXPIREAT", "CONFIG GET"), GLIDE's the words joined ("ConfigGet").
 * @param parse - shapes the raw reply into GLIDE's return shape.
 * @param overrides - corrections to the table's data for this definition.
 */
export function defineSpec<T>(
  name: string,
  parse: ReplyParser<T>,
  overrides?: SpecOverrides,
): CommandSpec<T>;
/**
 * A static spec for `name` ("SORT_RO", "CONFIG GET") whose GLIDE name is not derived from
 * it: `defineSpec("SORT_RO", "SortReadOnly", parse)`. Throws for a name the table does not know.
 *
 * @param name - the server's name, subcommands as "CONFIG GET" (any case).
 * @param glideName - GLIDE's name for the request type (span names): "Get", "ZRangeWithScores"…
 * @param parse - shapes the raw reply into GLIDE's return shape.
 * @param overrides - corrections to the table's data for this definition.
 */
export function defineSpec<T>(
  name: string,
  glideName: string,
  parse: ReplyParser<T>,
  overrides?: SpecOverrides,
): CommandSpec<T>;
// No side effects a bundler must keep: a spec no method uses can be dropped.
/* @__NO_SIDE_EFFECTS__ */
export function defineSpec<T>(
  name: string,
  second: string | ReplyParser<T>,
  third?: ReplyParser<T> | SpecOverrides,
  fourth?: SpecOverrides,
): CommandSpec<T> {
  // The one-name form spends no bytes on a second copy of the name in every definition.
  const named = typeof second === "string";
  const upper = name.toUpperCase();
  if (!hasCommand(upper))
    throw new Error(`@petrel/commands: "${name}" is not in the command table`);
  const spec = new DefinedSpec(
    upper,
    named ? second : name.replace(" ", ""),
    (named ? third : second) as ReplyParser<T>,
    named ? fourth : (third as SpecOverrides | undefined),
  );
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
export const command = <T>(
  spec: CommandSpec<T>,
  args: CommandArg[],
  decoder?: Decoder,
  extras?: CommandExtras,
): Command<T> => ({
  spec,
  args,
  decoder,
  route: extras?.route,
  blockMs: extras?.blockMs,
  meta: extras?.meta,
});

/**
 * One invocation of a cluster-only variant, sent where the caller's `route` option says
 * (`undefined`: where the command's policies say).
 */
export const routedCommand = <T>(
  spec: CommandSpec<T>,
  args: CommandArg[],
  options: RouteOption | undefined,
  decoder?: Decoder,
): Command<T> => command(spec, args, decoder, { route: options?.route });

/** Seconds (GLIDE's blocking timeouts) to the block time in ms. */
export const secondsToBlockMs = (seconds: number): number => Math.round(seconds * 1000);

/** Shapes a raw reply for `cmd` (what a client does once the reply arrives). */
export const parseReply = <T>(cmd: Command<T>, reply: RespValue, resp: 2 | 3): T =>
  cmd.spec.parse(reply, cmd, { resp });
