// GLIDE's GlideJson: the valkey-json commands as static helpers taking the
// client first, `GlideJson.set(client, key, "$", value)`. The Commands come
// from json-commands.ts (shared with JsonBatch); replies are returned as the
// module sends them (JSON text, numbers, arrays for JSONPath queries), with
// RESP3 booleans and RESP2 integers both turned into booleans for toggle.
import type { ConditionalChange, DecoderOption, GlideString } from "@petrel/commands";
import {
  type JsonArrPopOptions,
  type JsonGetOptions,
  type JsonPathOption,
  jsonCommands,
  type ReturnTypeJson,
  type UniversalReturnTypeJson,
} from "./json-commands.js";
import { type ModuleClient, sendTo } from "./module-command.js";

export type {
  JsonArrPopOptions,
  JsonGetOptions,
  ReturnTypeJson,
  UniversalReturnTypeJson,
} from "./json-commands.js";

export class GlideJson {
  static set(
    client: ModuleClient,
    key: GlideString,
    path: GlideString,
    value: GlideString,
    options?: { conditionalChange: ConditionalChange } & DecoderOption,
  ): Promise<"OK" | null> {
    return sendTo(client, () => jsonCommands.set(key, path, value, options, options?.decoder));
  }

  static get(
    client: ModuleClient,
    key: GlideString,
    options?: JsonGetOptions & DecoderOption,
  ): Promise<ReturnTypeJson<GlideString>> {
    return sendTo(client, () => jsonCommands.get(key, options, options?.decoder));
  }

  static mget(
    client: ModuleClient,
    keys: GlideString[],
    path: GlideString,
    options?: DecoderOption,
  ): Promise<ReturnTypeJson<GlideString[]>> {
    return sendTo(client, () => jsonCommands.mget(keys, path, options?.decoder));
  }

  static arrinsert(
    client: ModuleClient,
    key: GlideString,
    path: GlideString,
    index: number,
    values: GlideString[],
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () => jsonCommands.arrinsert(key, path, index, values));
  }

  static arrpop(
    client: ModuleClient,
    key: GlideString,
    options?: JsonArrPopOptions & DecoderOption,
  ): Promise<ReturnTypeJson<GlideString>> {
    return sendTo(client, () => jsonCommands.arrpop(key, options, options?.decoder));
  }

  static arrlen(
    client: ModuleClient,
    key: GlideString,
    options?: JsonPathOption,
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () => jsonCommands.arrlen(key, options));
  }

  static arrtrim(
    client: ModuleClient,
    key: GlideString,
    path: GlideString,
    start: number,
    end: number,
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () => jsonCommands.arrtrim(key, path, start, end));
  }

  static arrindex(
    client: ModuleClient,
    key: GlideString,
    path: GlideString,
    scalar: GlideString | number | boolean | null,
    options?: { start: number; end?: number },
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () => jsonCommands.arrindex(key, path, scalar, options));
  }

  static toggle(
    client: ModuleClient,
    key: GlideString,
    options?: JsonPathOption,
  ): Promise<ReturnTypeJson<boolean>> {
    return sendTo(client, () => jsonCommands.toggle(key, options));
  }

  static del(client: ModuleClient, key: GlideString, options?: JsonPathOption): Promise<number> {
    return sendTo(client, () => jsonCommands.del(key, options));
  }

  static forget(client: ModuleClient, key: GlideString, options?: JsonPathOption): Promise<number> {
    return sendTo(client, () => jsonCommands.forget(key, options));
  }

  static type(
    client: ModuleClient,
    key: GlideString,
    options?: JsonPathOption,
  ): Promise<ReturnTypeJson<GlideString>> {
    return sendTo(client, () => jsonCommands.type(key, options));
  }

  static clear(
    client: ModuleClient,
    key: GlideString,
    options?: JsonPathOption,
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () => jsonCommands.clear(key, options));
  }

  static resp(
    client: ModuleClient,
    key: GlideString,
    options?: JsonPathOption & DecoderOption,
  ): Promise<UniversalReturnTypeJson<number | GlideString | null>> {
    return sendTo(client, () => jsonCommands.resp(key, options, options?.decoder));
  }

  static strlen(
    client: ModuleClient,
    key: GlideString,
    options?: JsonPathOption,
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () => jsonCommands.strlen(key, options));
  }

  static strappend(
    client: ModuleClient,
    key: GlideString,
    value: GlideString,
    options?: JsonPathOption,
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () => jsonCommands.strappend(key, value, options));
  }

  static arrappend(
    client: ModuleClient,
    key: GlideString,
    path: GlideString,
    values: GlideString[],
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () => jsonCommands.arrappend(key, path, values));
  }

  static debugMemory(
    client: ModuleClient,
    key: GlideString,
    options?: JsonPathOption,
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () => jsonCommands.debugMemory(key, options));
  }

  static debugFields(
    client: ModuleClient,
    key: GlideString,
    options?: JsonPathOption,
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () => jsonCommands.debugFields(key, options));
  }

  static numincrby(
    client: ModuleClient,
    key: GlideString,
    path: GlideString,
    num: number,
  ): Promise<GlideString> {
    return sendTo(client, () => jsonCommands.numincrby(key, path, num));
  }

  static nummultby(
    client: ModuleClient,
    key: GlideString,
    path: GlideString,
    num: number,
  ): Promise<GlideString> {
    return sendTo(client, () => jsonCommands.nummultby(key, path, num));
  }

  static objlen(
    client: ModuleClient,
    key: GlideString,
    options?: JsonPathOption,
  ): Promise<ReturnTypeJson<number>> {
    return sendTo(client, () => jsonCommands.objlen(key, options));
  }

  static objkeys(
    client: ModuleClient,
    key: GlideString,
    options?: JsonPathOption & DecoderOption,
  ): Promise<ReturnTypeJson<GlideString[]>> {
    return sendTo(client, () => jsonCommands.objkeys(key, options, options?.decoder));
  }
}
