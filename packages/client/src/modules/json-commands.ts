// The valkey-json commands, each defined once: its spec (read or write, key
// position, reply shaping) and the function that builds its argument list
// from GLIDE's parameters. GlideJson sends these Commands on a client;
// JsonBatch queues the very same Commands on a batch.
import type { Command, ConditionalChange, Decoder, GlideString, RespValue } from "@petrel/commands";
import type { CommandArg } from "@petrel/protocol";
import { type ModuleKeys, moduleCommand, moduleSpec, plain, plainAs } from "./module-command.js";

/** One result per matched path (JSONPath), or a single value (legacy path). */
export type ReturnTypeJson<T> = T | null | (T | null)[];
export type UniversalReturnTypeJson<T> = T | T[];

export interface JsonGetOptions {
  path?: GlideString | GlideString[];
  indent?: GlideString;
  newline?: GlideString;
  space?: GlideString;
  noescape?: boolean;
}

export interface JsonArrPopOptions {
  path: GlideString;
  index?: number;
}

/** The optional path most JSON commands take after the key. */
export type JsonPathOption = { path: GlideString };

function spec<T>(name: string, write: boolean, keys: ModuleKeys = "first") {
  const verb = name.slice("JSON.".length).toLowerCase();
  const glideName = `Json${verb.charAt(0).toUpperCase()}${verb.slice(1)}`;
  return moduleSpec<T>(name, glideName, { write, keys }, plainAs<T>());
}

/** JSON.TOGGLE answers integers on RESP2 and booleans on RESP3; GLIDE returns booleans. */
function toBooleans(reply: RespValue): ReturnTypeJson<boolean> {
  const one = (value: RespValue): boolean | null =>
    value === null ? null : typeof value === "number" ? value !== 0 : value === true;
  return Array.isArray(reply) ? (reply as RespValue[]).map(one) : one(reply);
}

const SPECS = {
  set: spec<"OK" | null>("JSON.SET", true),
  get: spec<ReturnTypeJson<GlideString>>("JSON.GET", false),
  mget: spec<ReturnTypeJson<GlideString[]>>("JSON.MGET", false, "allButLast"),
  arrinsert: spec<ReturnTypeJson<number>>("JSON.ARRINSERT", true),
  arrpop: spec<ReturnTypeJson<GlideString>>("JSON.ARRPOP", true),
  arrlen: spec<ReturnTypeJson<number>>("JSON.ARRLEN", false),
  arrtrim: spec<ReturnTypeJson<number>>("JSON.ARRTRIM", true),
  arrindex: spec<ReturnTypeJson<number>>("JSON.ARRINDEX", false),
  arrappend: spec<ReturnTypeJson<number>>("JSON.ARRAPPEND", true),
  toggle: moduleSpec<ReturnTypeJson<boolean>>(
    "JSON.TOGGLE",
    "JsonToggle",
    { write: true, keys: "first" },
    toBooleans,
  ),
  del: spec<number>("JSON.DEL", true),
  forget: spec<number>("JSON.FORGET", true),
  type: spec<ReturnTypeJson<GlideString>>("JSON.TYPE", false),
  clear: spec<ReturnTypeJson<number>>("JSON.CLEAR", true),
  resp: moduleSpec<UniversalReturnTypeJson<number | GlideString | null>>(
    "JSON.RESP",
    "JsonResp",
    { write: false, keys: "first" },
    (reply) => plain(reply) as UniversalReturnTypeJson<number | GlideString | null>,
  ),
  strlen: spec<ReturnTypeJson<number>>("JSON.STRLEN", false),
  strappend: spec<ReturnTypeJson<number>>("JSON.STRAPPEND", true),
  debug: spec<ReturnTypeJson<number>>("JSON.DEBUG", false, "second"),
  numincrby: spec<GlideString>("JSON.NUMINCRBY", true),
  nummultby: spec<GlideString>("JSON.NUMMULTBY", true),
  objlen: spec<ReturnTypeJson<number>>("JSON.OBJLEN", false),
  objkeys: spec<ReturnTypeJson<GlideString[]>>("JSON.OBJKEYS", false),
} as const;

/** `key` plus the optional path. */
function keyAndPath(key: GlideString, options?: JsonPathOption): CommandArg[] {
  return options?.path === undefined ? [key] : [key, options.path];
}

/** `[name, key]` plus the optional path. */
function withPath(name: string, key: GlideString, options?: JsonPathOption): CommandArg[] {
  return [name, ...keyAndPath(key, options)];
}

/** Serialises a scalar for ARRINDEX the way JSON writes it. */
function jsonScalar(scalar: GlideString | number | boolean | null): GlideString {
  if (typeof scalar === "string" || Buffer.isBuffer(scalar)) return scalar;
  return JSON.stringify(scalar);
}

/** Builders of every JSON command, taking GLIDE's parameters (after the client or batch). */
export const jsonCommands = {
  set(
    key: GlideString,
    path: GlideString,
    value: GlideString,
    options?: { conditionalChange: ConditionalChange },
    decoder?: Decoder,
  ): Command<"OK" | null> {
    const args: CommandArg[] = ["JSON.SET", key, path, value];
    if (options?.conditionalChange !== undefined) args.push(options.conditionalChange);
    return moduleCommand(SPECS.set, args, decoder);
  },

  get(
    key: GlideString,
    options?: JsonGetOptions,
    decoder?: Decoder,
  ): Command<ReturnTypeJson<GlideString>> {
    const args: CommandArg[] = ["JSON.GET", key];
    if (options?.indent !== undefined) args.push("INDENT", options.indent);
    if (options?.newline !== undefined) args.push("NEWLINE", options.newline);
    if (options?.space !== undefined) args.push("SPACE", options.space);
    if (options?.noescape) args.push("NOESCAPE");
    const path = options?.path;
    if (path !== undefined) args.push(...(Array.isArray(path) ? path : [path]));
    return moduleCommand(SPECS.get, args, decoder);
  },

  mget(
    keys: GlideString[],
    path: GlideString,
    decoder?: Decoder,
  ): Command<ReturnTypeJson<GlideString[]>> {
    return moduleCommand(SPECS.mget, ["JSON.MGET", ...keys, path], decoder);
  },

  arrinsert(
    key: GlideString,
    path: GlideString,
    index: number,
    values: GlideString[],
  ): Command<ReturnTypeJson<number>> {
    return moduleCommand(SPECS.arrinsert, ["JSON.ARRINSERT", key, path, index, ...values]);
  },

  arrpop(
    key: GlideString,
    options?: JsonArrPopOptions,
    decoder?: Decoder,
  ): Command<ReturnTypeJson<GlideString>> {
    const args: CommandArg[] = ["JSON.ARRPOP", key];
    if (options?.path !== undefined) {
      args.push(options.path);
      if (options.index !== undefined) args.push(options.index);
    }
    return moduleCommand(SPECS.arrpop, args, decoder);
  },

  arrlen(key: GlideString, options?: JsonPathOption): Command<ReturnTypeJson<number>> {
    return moduleCommand(SPECS.arrlen, withPath("JSON.ARRLEN", key, options));
  },

  arrtrim(
    key: GlideString,
    path: GlideString,
    start: number,
    end: number,
  ): Command<ReturnTypeJson<number>> {
    return moduleCommand(SPECS.arrtrim, ["JSON.ARRTRIM", key, path, start, end]);
  },

  arrindex(
    key: GlideString,
    path: GlideString,
    scalar: GlideString | number | boolean | null,
    options?: { start: number; end?: number },
  ): Command<ReturnTypeJson<number>> {
    const args: CommandArg[] = ["JSON.ARRINDEX", key, path, jsonScalar(scalar)];
    if (options !== undefined) {
      args.push(options.start);
      if (options.end !== undefined) args.push(options.end);
    }
    return moduleCommand(SPECS.arrindex, args);
  },

  toggle(key: GlideString, options?: JsonPathOption): Command<ReturnTypeJson<boolean>> {
    return moduleCommand(SPECS.toggle, withPath("JSON.TOGGLE", key, options));
  },

  del(key: GlideString, options?: JsonPathOption): Command<number> {
    return moduleCommand(SPECS.del, withPath("JSON.DEL", key, options));
  },

  forget(key: GlideString, options?: JsonPathOption): Command<number> {
    return moduleCommand(SPECS.forget, withPath("JSON.FORGET", key, options));
  },

  type(key: GlideString, options?: JsonPathOption): Command<ReturnTypeJson<GlideString>> {
    return moduleCommand(SPECS.type, withPath("JSON.TYPE", key, options));
  },

  clear(key: GlideString, options?: JsonPathOption): Command<ReturnTypeJson<number>> {
    return moduleCommand(SPECS.clear, withPath("JSON.CLEAR", key, options));
  },

  resp(
    key: GlideString,
    options?: JsonPathOption,
    decoder?: Decoder,
  ): Command<UniversalReturnTypeJson<number | GlideString | null>> {
    return moduleCommand(SPECS.resp, withPath("JSON.RESP", key, options), decoder);
  },

  strlen(key: GlideString, options?: JsonPathOption): Command<ReturnTypeJson<number>> {
    return moduleCommand(SPECS.strlen, withPath("JSON.STRLEN", key, options));
  },

  strappend(
    key: GlideString,
    value: GlideString,
    options?: JsonPathOption,
  ): Command<ReturnTypeJson<number>> {
    return moduleCommand(SPECS.strappend, [...withPath("JSON.STRAPPEND", key, options), value]);
  },

  arrappend(
    key: GlideString,
    path: GlideString,
    values: GlideString[],
  ): Command<ReturnTypeJson<number>> {
    return moduleCommand(SPECS.arrappend, ["JSON.ARRAPPEND", key, path, ...values]);
  },

  debugMemory(key: GlideString, options?: JsonPathOption): Command<ReturnTypeJson<number>> {
    return moduleCommand(SPECS.debug, ["JSON.DEBUG", "MEMORY", ...keyAndPath(key, options)]);
  },

  debugFields(key: GlideString, options?: JsonPathOption): Command<ReturnTypeJson<number>> {
    return moduleCommand(SPECS.debug, ["JSON.DEBUG", "FIELDS", ...keyAndPath(key, options)]);
  },

  numincrby(key: GlideString, path: GlideString, num: number): Command<GlideString> {
    return moduleCommand(SPECS.numincrby, ["JSON.NUMINCRBY", key, path, num]);
  },

  nummultby(key: GlideString, path: GlideString, num: number): Command<GlideString> {
    return moduleCommand(SPECS.nummultby, ["JSON.NUMMULTBY", key, path, num]);
  },

  objlen(key: GlideString, options?: JsonPathOption): Command<ReturnTypeJson<number>> {
    return moduleCommand(SPECS.objlen, withPath("JSON.OBJLEN", key, options));
  },

  objkeys(
    key: GlideString,
    options?: JsonPathOption,
    decoder?: Decoder,
  ): Command<ReturnTypeJson<GlideString[]>> {
    return moduleCommand(SPECS.objkeys, withPath("JSON.OBJKEYS", key, options), decoder);
  },
} as const;
