// Commands of server modules (valkey-json, valkey-search). They are not in the
// core command table, so their specs are written here: name, key positions
// (for cluster routing) and the reply shaping. They travel through the
// client's normal request path, like every core command.
import {
  type Command,
  type CommandArg,
  CommandFlags,
  type CommandSpec,
  type Decoder,
  type KeySpec,
  type ReplyParser,
  type RespValue,
} from "@petrel/commands";
import { RequestError } from "@petrel/protocol";

/** Where a module command's keys are. */
export type ModuleKeys = "first" | "second" | "allButLast" | "none";

const KEY_SPECS: Record<ModuleKeys, KeySpec> = {
  first: { kind: "range", first: 1, last: 1, step: 1 },
  /** After a subcommand token (JSON.DEBUG MEMORY key). */
  second: { kind: "range", first: 2, last: 2, step: 1 },
  allButLast: { kind: "range", first: 1, last: -2, step: 1 },
  none: { kind: "none" },
};

export function moduleSpec<T>(
  name: string,
  glideName: string,
  shape: { write: boolean; keys: ModuleKeys },
  parse: ReplyParser<T>,
): CommandSpec<T> {
  return Object.freeze({
    name,
    arity: -2,
    flags: shape.write ? CommandFlags.WRITE : CommandFlags.READONLY,
    keys: KEY_SPECS[shape.keys],
    request: "default",
    response: "default",
    glideName,
    parse,
  });
}

export function moduleCommand<T>(
  spec: CommandSpec<T>,
  args: CommandArg[],
  decoder?: Decoder,
): Command<T> {
  return { spec, args, decoder, route: undefined, blockMs: undefined, meta: undefined };
}

/** What the helpers need from a client: GLIDE's BaseClient request path. */
export interface ModuleClient {
  send<T>(command: Command<T>): Promise<T>;
}

/** Sends `command` on `client`, rejecting (never throwing) on a bad client. */
export function sendTo<T>(client: ModuleClient, command: () => Command<T>): Promise<T> {
  if (client === null || typeof client !== "object" || typeof client.send !== "function") {
    return Promise.reject(
      new RequestError("The first argument must be a GlideClient or GlideClusterClient"),
    );
  }
  try {
    return client.send(command());
  } catch (error) {
    return Promise.reject(error);
  }
}

/** A reply as plain values: RESP3 maps become records, sets become arrays. */
export function plain(value: RespValue): unknown {
  if (Array.isArray(value)) {
    if (value.length > 0 && isMapEntry(value[0])) {
      return Object.fromEntries(
        (value as { key: RespValue; value: RespValue }[]).map((entry) => [
          String(entry.key),
          plain(entry.value),
        ]),
      );
    }
    return (value as RespValue[]).map(plain);
  }
  if (value instanceof Set) return [...value].map(plain);
  return value;
}

function isMapEntry(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === "object" &&
    !Buffer.isBuffer(value) &&
    !Array.isArray(value) &&
    "key" in value &&
    "value" in value
  );
}

/** Shapes a reply with `plain`, typed as the caller's GLIDE return type. */
export function plainAs<T>(): ReplyParser<T> {
  return (reply) => plain(reply) as T;
}
