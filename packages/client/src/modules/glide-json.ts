// GLIDE's GlideJson: the valkey-json commands as static helpers taking the
// client first, `GlideJson.set(client, key, "$", value)`. Arguments follow
// GLIDE's declarations; replies are returned as the module sends them (JSON
// text, numbers, arrays for JSONPath queries), with RESP3 booleans and RESP2
// integers both turned into booleans for toggle.
import type { ConditionalChange, DecoderOption, GlideString, RespValue } from "@petrel/commands";
import type { CommandArg } from "@petrel/protocol";
import {
  type ModuleClient,
  type ModuleKeys,
  moduleCommand,
  moduleSpec,
  plain,
  plainAs,
  sendTo,
} from "./module-command.js";

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

function spec<T>(name: string, write: boolean, keys: ModuleKeys = "first") {
  const verb = name.slice("JSON.".length).toLowerCase();
  const glideName = `Json${verb.charAt(0).toUpperCase()}${verb.slice(1)}`;
  return moduleSpec<T>(name, glideName, { write, keys }, plainAs<T>());
}

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
function keyAndPath(key: GlideString, options?: { path: GlideString }): CommandArg[] {
  return options?.path === undefined ? [key] : [key, options.path];
}

/** `[name, key]` plus the optional path. */
function withPath(name: string, key: GlideString, options?: { path: GlideString }): CommandArg[] {
  return [name, ...keyAndPath(key, options)];
}

/** Serialises a scalar for ARRINDEX the way JSON writes it. */
function jsonScalar(scalar: GlideString | number | boolean | null): GlideString {
  if (typeof scalar === "string" || Buffer.isBuffer(scalar)) return scalar;
  return JSON.stringify(scalar);
}

export class GlideJson {
  static set(
    client: ModuleClient,
    key: GlideString,
    path: GlideString,
    value: GlideString,
    options?: { conditionalChange: ConditionalChange } & DecoderOption,
  ): Promise<"OK" | null> {
    return sendTo(client, () => {
      const args: CommandArg[] = ["JSON.SET", key, path, value];
      if (options?.conditionalChange !== undefined) args.push(options.conditionalChange);
      return moduleCommand(SPECS.set, args, options?.decoder);
    });
  }

  static get(
    client: ModuleClient,
    key: GlideString,
    options?: JsonGetOptions & DecoderOption,
  ): Promise<ReturnTypeJson<GlideString>> {
    return sendTo(client, () => {
      const args: CommandArg[] = ["JSON.GET", key];
      if (options?.indent !== undefined) args.push("INDENT", options.indent);
      if (options?.newline !== undefined) args.push("NEWLINE", options.newline);
      if (options?.space !== undefined) args.push("SPACE", options.space);
      if (options?.noescape) args.push("NOESCAPE");
      const path = options?.path;
      if (path !== undefined) args.push(...(Array.isArray(path) ? path : [path]));
      return moduleCommand(SPECS.get, args, options?.decoder);
    });
  }

  static mget(
    client: ModuleClient,
    keys: GlideString[],
    path: GlideString,
    options?: DecoderOption,
  ): Promise<ReturnTypeJson<GlideString[]>> {
    return sendTo(client, () =>
      moduleCommand(SPECS.mget, ["JSON.MGET", ...keys, path], options?.decoder),
    );
  }

  static arrinsert(
    client: ModuleClient,
    key: GlideString,
    path: GlideString,
    index: number,
    values: GlideString[],
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () =>
      moduleCommand(SPECS.arrinsert, ["JSON.ARRINSERT", key, path, index, ...values]),
    );
  }

  static arrpop(
    client: ModuleClient,
    key: GlideString,
    options?: JsonArrPopOptions & DecoderOption,
  ): Promise<ReturnTypeJson<GlideString>> {
    return sendTo(client, () => {
      const args: CommandArg[] = ["JSON.ARRPOP", key];
      if (options?.path !== undefined) args.push(options.path);
      if (options?.path !== undefined && options.index !== undefined) args.push(options.index);
      return moduleCommand(SPECS.arrpop, args, options?.decoder);
    });
  }

  static arrlen(
    client: ModuleClient,
    key: GlideString,
    options?: { path: GlideString },
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () => moduleCommand(SPECS.arrlen, withPath("JSON.ARRLEN", key, options)));
  }

  static arrtrim(
    client: ModuleClient,
    key: GlideString,
    path: GlideString,
    start: number,
    end: number,
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () =>
      moduleCommand(SPECS.arrtrim, ["JSON.ARRTRIM", key, path, start, end]),
    );
  }

  static arrindex(
    client: ModuleClient,
    key: GlideString,
    path: GlideString,
    scalar: GlideString | number | boolean | null,
    options?: { start: number; end?: number },
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () => {
      const args: CommandArg[] = ["JSON.ARRINDEX", key, path, jsonScalar(scalar)];
      if (options !== undefined) {
        args.push(options.start);
        if (options.end !== undefined) args.push(options.end);
      }
      return moduleCommand(SPECS.arrindex, args);
    });
  }

  static toggle(
    client: ModuleClient,
    key: GlideString,
    options?: { path: GlideString },
  ): Promise<ReturnTypeJson<boolean>> {
    return sendTo(client, () => moduleCommand(SPECS.toggle, withPath("JSON.TOGGLE", key, options)));
  }

  static del(
    client: ModuleClient,
    key: GlideString,
    options?: { path: GlideString },
  ): Promise<number> {
    return sendTo(client, () => moduleCommand(SPECS.del, withPath("JSON.DEL", key, options)));
  }

  static forget(
    client: ModuleClient,
    key: GlideString,
    options?: { path: GlideString },
  ): Promise<number> {
    return sendTo(client, () => moduleCommand(SPECS.forget, withPath("JSON.FORGET", key, options)));
  }

  static type(
    client: ModuleClient,
    key: GlideString,
    options?: { path: GlideString },
  ): Promise<ReturnTypeJson<GlideString>> {
    return sendTo(client, () => moduleCommand(SPECS.type, withPath("JSON.TYPE", key, options)));
  }

  static clear(
    client: ModuleClient,
    key: GlideString,
    options?: { path: GlideString },
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () => moduleCommand(SPECS.clear, withPath("JSON.CLEAR", key, options)));
  }

  static resp(
    client: ModuleClient,
    key: GlideString,
    options?: { path: GlideString } & DecoderOption,
  ): Promise<UniversalReturnTypeJson<number | GlideString | null>> {
    return sendTo(client, () =>
      moduleCommand(SPECS.resp, withPath("JSON.RESP", key, options), options?.decoder),
    );
  }

  static strlen(
    client: ModuleClient,
    key: GlideString,
    options?: { path: GlideString },
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () => moduleCommand(SPECS.strlen, withPath("JSON.STRLEN", key, options)));
  }

  static strappend(
    client: ModuleClient,
    key: GlideString,
    value: GlideString,
    options?: { path: GlideString },
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () => {
      const args: CommandArg[] = ["JSON.STRAPPEND", key];
      if (options?.path !== undefined) args.push(options.path);
      args.push(value);
      return moduleCommand(SPECS.strappend, args);
    });
  }

  static arrappend(
    client: ModuleClient,
    key: GlideString,
    path: GlideString,
    values: GlideString[],
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () =>
      moduleCommand(SPECS.arrappend, ["JSON.ARRAPPEND", key, path, ...values]),
    );
  }

  static debugMemory(
    client: ModuleClient,
    key: GlideString,
    options?: { path: GlideString },
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () =>
      moduleCommand(SPECS.debug, ["JSON.DEBUG", "MEMORY", ...keyAndPath(key, options)]),
    );
  }

  static debugFields(
    client: ModuleClient,
    key: GlideString,
    options?: { path: GlideString },
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () =>
      moduleCommand(SPECS.debug, ["JSON.DEBUG", "FIELDS", ...keyAndPath(key, options)]),
    );
  }

  static numincrby(
    client: ModuleClient,
    key: GlideString,
    path: GlideString,
    num: number,
  ): Promise<GlideString> {
    return sendTo(client, () => moduleCommand(SPECS.numincrby, ["JSON.NUMINCRBY", key, path, num]));
  }

  static nummultby(
    client: ModuleClient,
    key: GlideString,
    path: GlideString,
    num: number,
  ): Promise<GlideString> {
    return sendTo(client, () => moduleCommand(SPECS.nummultby, ["JSON.NUMMULTBY", key, path, num]));
  }

  static objlen(
    client: ModuleClient,
    key: GlideString,
    options?: { path: GlideString },
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () => moduleCommand(SPECS.objlen, withPath("JSON.OBJLEN", key, options)));
  }

  static objkeys(
    client: ModuleClient,
    key: GlideString,
    options?: { path: GlideString } & DecoderOption,
  ): Promise<ReturnTypeJson<GlideString[]>> {
    return sendTo(client, () =>
      moduleCommand(SPECS.objkeys, withPath("JSON.OBJKEYS", key, options), options?.decoder),
    );
  }
}
