// Hand-written command specs for unit tests, so this package's tests do not
// depend on the command table another package generates.
import {
  type Command,
  type CommandArg,
  CommandFlags,
  type CommandSpec,
  type KeySpec,
  type RequestPolicy,
  type ResponsePolicy,
  type Routes,
} from "@petrel/commands";

interface SpecShape {
  flags?: number;
  keys?: KeySpec;
  request?: RequestPolicy;
  response?: ResponsePolicy;
}

export function spec(name: string, shape: SpecShape = {}): CommandSpec {
  return {
    name,
    glideName: name,
    arity: -1,
    flags: shape.flags ?? 0,
    keys: shape.keys ?? { kind: "none" },
    request: shape.request ?? "default",
    response: shape.response ?? "default",
    parse: (reply) => reply,
  };
}

export function command(commandSpec: CommandSpec, args: CommandArg[], route?: Routes): Command {
  return {
    spec: commandSpec,
    args,
    decoder: undefined,
    route,
    blockMs: undefined,
    meta: undefined,
  };
}

const allKeys: KeySpec = { kind: "range", first: 1, last: -1, step: 1 };
const oneKey: KeySpec = { kind: "range", first: 1, last: 1, step: 1 };
const { READONLY, WRITE } = CommandFlags;

export const specs = {
  get: spec("GET", { flags: READONLY, keys: oneKey }),
  set: spec("SET", { flags: WRITE, keys: oneKey }),
  mget: spec("MGET", { flags: READONLY, keys: allKeys, request: "multiShard" }),
  mset: spec("MSET", {
    flags: WRITE,
    keys: { kind: "range", first: 1, last: -1, step: 2 },
    request: "multiShard",
    response: "allSucceeded",
  }),
  del: spec("DEL", { flags: WRITE, keys: allKeys, request: "multiShard", response: "aggSum" }),
  exists: spec("EXISTS", {
    flags: READONLY,
    keys: allKeys,
    request: "multiShard",
    response: "aggSum",
  }),
  watch: spec("WATCH", { keys: allKeys, request: "multiShard", response: "allSucceeded" }),
  sinter: spec("SINTER", { flags: READONLY, keys: allKeys }),
  eval: spec("EVAL", { keys: { kind: "keynum", numkeysIndex: 2, firstKeyOffset: 1, step: 1 } }),
  ping: spec("PING", { flags: 0 }),
  echo: spec("ECHO", { flags: 0 }),
  randomKey: spec("RANDOMKEY", {
    flags: READONLY,
    request: "allShards",
    response: "firstNonEmpty",
  }),
  dbsize: spec("DBSIZE", { flags: READONLY, request: "allShards", response: "aggSum" }),
  keys: spec("KEYS", { flags: READONLY, request: "allShards", response: "combineArrays" }),
  flushall: spec("FLUSHALL", { flags: WRITE, request: "allShards", response: "allSucceeded" }),
  configSet: spec("CONFIG SET", { request: "allNodes", response: "allSucceeded" }),
  info: spec("INFO", { request: "allShards", response: "special" }),
  publish: spec("PUBLISH", { flags: 0 }),
  flushallWrite: spec("SCRIPT FLUSH", { flags: WRITE }),
  lastKeySort: spec("SORT", {
    flags: WRITE,
    keys: { kind: "custom", find: (args) => (args.length > 1 ? [1] : []) },
  }),
} satisfies Record<string, CommandSpec>;
