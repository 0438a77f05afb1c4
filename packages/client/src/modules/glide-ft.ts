// GLIDE's GlideFt: the valkey-search commands as static helpers taking the
// client first. Replies are shaped as GLIDE returns them: FT.SEARCH as
// `[count, GlideRecord<GlideRecord<fields>>]`, FT.AGGREGATE as a list of
// GlideRecords, FT.INFO and profiles as plain records. RESP3 maps and RESP2
// flat key/value lists give the same shapes.
import {
  type DecoderOption,
  type GlideRecord,
  type GlideReturnType,
  type GlideString,
  type ReplyParser,
  type RespValue,
  unexpectedReply,
} from "@petrel/commands";
import type { CommandArg } from "@petrel/protocol";
import {
  aggregateArgs,
  createArgs,
  type Field,
  type FtAggregateOptions,
  type FtCreateOptions,
  type FtInfoOptions,
  type FtSearchOptions,
  schemaArgs,
  searchArgs,
} from "./ft-options.js";
import { type ModuleClient, moduleCommand, moduleSpec, plain, sendTo } from "./module-command.js";

export type FtInfoReturnType = Record<
  string,
  | GlideString
  | number
  | GlideString[]
  | Record<string, GlideString | Record<string, GlideString | number>[]>
>;
export type FtSearchReturnType = [number, GlideRecord<GlideRecord<GlideString>>];
export type FtAggregateReturnType = GlideRecord<GlideReturnType>[];

type Entries = { key: RespValue; value: RespValue }[];

function isMap(value: RespValue): value is Entries {
  const first = Array.isArray(value) ? value[0] : undefined;
  return (
    first !== undefined &&
    first !== null &&
    typeof first === "object" &&
    !Buffer.isBuffer(first) &&
    !Array.isArray(first) &&
    !(first instanceof Set) &&
    !(first instanceof Error) &&
    "key" in first
  );
}

/** A RESP3 map or a RESP2 flat `[k1, v1, k2, v2…]` list, as entries. */
function entriesOf(value: RespValue, command: string): Entries {
  if (isMap(value)) return value;
  if (!Array.isArray(value) || value.length % 2 !== 0) {
    throw unexpectedReply(value, "a map or a flat key/value list", command);
  }
  const list = value as RespValue[];
  const entries: Entries = [];
  for (let i = 0; i < list.length; i += 2) {
    entries.push({ key: list[i] as RespValue, value: list[i + 1] as RespValue });
  }
  return entries;
}

function glideRecord<T>(value: RespValue, command: string, shape: (item: RespValue) => T) {
  return entriesOf(value, command).map(({ key, value: item }) => ({
    key: key as GlideString,
    value: shape(item),
  }));
}

function record(value: RespValue, command: string): Record<string, unknown> {
  return Object.fromEntries(
    entriesOf(value, command).map(({ key, value: item }) => [String(key), plain(item)]),
  );
}

const parseSearch: ReplyParser<FtSearchReturnType> = (reply) => {
  if (!Array.isArray(reply) || typeof reply[0] !== "number") {
    throw unexpectedReply(reply, "a count followed by documents", "FT.SEARCH");
  }
  const items = reply.slice(1) as RespValue[];
  const documents: GlideRecord<GlideRecord<GlideString>> = [];
  // With NOCONTENT only keys follow; otherwise key, fields, key, fields…
  const withContent =
    items.length >= 2 &&
    typeof items[1] === "object" &&
    items[1] !== null &&
    !Buffer.isBuffer(items[1]);
  for (let i = 0; i < items.length; i += withContent ? 2 : 1) {
    const key = items[i] as GlideString;
    const fields = withContent
      ? glideRecord(items[i + 1] as RespValue, "FT.SEARCH", (field) => field as GlideString)
      : [];
    documents.push({ key, value: fields });
  }
  return [reply[0], documents];
};

const parseAggregate: ReplyParser<FtAggregateReturnType> = (reply) => {
  if (!Array.isArray(reply)) throw unexpectedReply(reply, "a list of rows", "FT.AGGREGATE");
  const rows = (typeof reply[0] === "number" ? reply.slice(1) : reply) as RespValue[];
  return rows.map((row) =>
    glideRecord(row, "FT.AGGREGATE", (value) => plain(value) as GlideReturnType),
  );
};

function parseProfile<T>(inner: ReplyParser<T>): ReplyParser<[T, Record<string, number>]> {
  return (reply, command, context) => {
    if (!Array.isArray(reply) || reply.length !== 2) {
      throw unexpectedReply(reply, "a result and a profile", "FT.PROFILE");
    }
    const [result, profile] = reply as RespValue[];
    return [
      inner(result as RespValue, command, context),
      record(profile as RespValue, "FT.PROFILE") as Record<string, number>,
    ];
  };
}

const read = { write: false, keys: "none" } as const;
const write = { write: true, keys: "none" } as const;
const asOk: ReplyParser<"OK"> = (reply) => {
  // "OK" is a status reply: a Buffer when the client decodes bytes.
  if (String(reply) !== "OK") throw unexpectedReply(reply, "OK", "FT");
  return "OK";
};
const asList: ReplyParser<GlideString[]> = (reply) => plain(reply) as GlideString[];

const SPECS = {
  create: moduleSpec("FT.CREATE", "FtCreate", write, asOk),
  dropindex: moduleSpec("FT.DROPINDEX", "FtDropIndex", write, asOk),
  list: moduleSpec("FT._LIST", "FtList", read, asList),
  aggregate: moduleSpec("FT.AGGREGATE", "FtAggregate", read, parseAggregate),
  info: moduleSpec<FtInfoReturnType>(
    "FT.INFO",
    "FtInfo",
    read,
    (reply) => record(reply, "FT.INFO") as FtInfoReturnType,
  ),
  explain: moduleSpec<GlideString>(
    "FT.EXPLAIN",
    "FtExplain",
    read,
    (reply) => reply as GlideString,
  ),
  explaincli: moduleSpec("FT.EXPLAINCLI", "FtExplainCli", read, asList),
  search: moduleSpec("FT.SEARCH", "FtSearch", read, parseSearch),
  profileSearch: moduleSpec("FT.PROFILE", "FtProfile", read, parseProfile(parseSearch)),
  profileAggregate: moduleSpec("FT.PROFILE", "FtProfile", read, parseProfile(parseAggregate)),
  aliasadd: moduleSpec("FT.ALIASADD", "FtAliasAdd", write, asOk),
  aliasdel: moduleSpec("FT.ALIASDEL", "FtAliasDel", write, asOk),
  aliasupdate: moduleSpec("FT.ALIASUPDATE", "FtAliasUpdate", write, asOk),
  aliaslist: moduleSpec<GlideRecord<GlideString>>("FT._ALIASLIST", "FtAliasList", read, (reply) =>
    glideRecord(reply, "FT._ALIASLIST", (value) => value as GlideString),
  ),
} as const;

export class GlideFt {
  static create(
    client: ModuleClient,
    indexName: GlideString,
    schema: Field[],
    options?: FtCreateOptions,
  ): Promise<"OK"> {
    return sendTo(client, () =>
      moduleCommand(SPECS.create, [
        "FT.CREATE",
        indexName,
        ...createArgs(options),
        ...schemaArgs(schema),
      ]),
    );
  }

  static dropindex(client: ModuleClient, indexName: GlideString): Promise<"OK"> {
    return sendTo(client, () => moduleCommand(SPECS.dropindex, ["FT.DROPINDEX", indexName]));
  }

  static list(client: ModuleClient, options?: DecoderOption): Promise<GlideString[]> {
    return sendTo(client, () => moduleCommand(SPECS.list, ["FT._LIST"], options?.decoder));
  }

  static aggregate(
    client: ModuleClient,
    indexName: GlideString,
    query: GlideString,
    options?: DecoderOption & FtAggregateOptions,
  ): Promise<FtAggregateReturnType> {
    return sendTo(client, () =>
      moduleCommand(
        SPECS.aggregate,
        ["FT.AGGREGATE", indexName, query, ...aggregateArgs(options)],
        options?.decoder,
      ),
    );
  }

  static info(
    client: ModuleClient,
    indexName: GlideString,
    options?: DecoderOption & FtInfoOptions,
  ): Promise<FtInfoReturnType> {
    return sendTo(client, () => {
      const args: CommandArg[] = ["FT.INFO", indexName];
      if (options?.scope !== undefined) args.push(options.scope);
      if (options?.shardScope !== undefined) args.push(options.shardScope);
      if (options?.consistency !== undefined) args.push(options.consistency);
      return moduleCommand(SPECS.info, args, options?.decoder);
    });
  }

  static explain(
    client: ModuleClient,
    indexName: GlideString,
    query: GlideString,
    options?: DecoderOption,
  ): Promise<GlideString> {
    return sendTo(client, () =>
      moduleCommand(SPECS.explain, ["FT.EXPLAIN", indexName, query], options?.decoder),
    );
  }

  static explaincli(
    client: ModuleClient,
    indexName: GlideString,
    query: GlideString,
    options?: DecoderOption,
  ): Promise<GlideString[]> {
    return sendTo(client, () =>
      moduleCommand(SPECS.explaincli, ["FT.EXPLAINCLI", indexName, query], options?.decoder),
    );
  }

  static search(
    client: ModuleClient,
    indexName: GlideString,
    query: GlideString,
    options?: FtSearchOptions & DecoderOption,
  ): Promise<FtSearchReturnType> {
    return sendTo(client, () =>
      moduleCommand(
        SPECS.search,
        ["FT.SEARCH", indexName, query, ...searchArgs(options)],
        options?.decoder,
      ),
    );
  }

  static profileSearch(
    client: ModuleClient,
    indexName: GlideString,
    query: GlideString,
    options?: DecoderOption & FtSearchOptions & { limited?: boolean },
  ): Promise<[FtSearchReturnType, Record<string, number>]> {
    return sendTo(client, () => {
      const args: CommandArg[] = ["FT.PROFILE", indexName, "SEARCH"];
      if (options?.limited) args.push("LIMITED");
      args.push("QUERY", query, ...searchArgs(options));
      return moduleCommand(SPECS.profileSearch, args, options?.decoder);
    });
  }

  static profileAggregate(
    client: ModuleClient,
    indexName: GlideString,
    query: GlideString,
    options?: DecoderOption & FtAggregateOptions & { limited?: boolean },
  ): Promise<[FtAggregateReturnType, Record<string, number>]> {
    return sendTo(client, () => {
      const args: CommandArg[] = ["FT.PROFILE", indexName, "AGGREGATE"];
      if (options?.limited) args.push("LIMITED");
      args.push("QUERY", query, ...aggregateArgs(options));
      return moduleCommand(SPECS.profileAggregate, args, options?.decoder);
    });
  }

  static aliasadd(client: ModuleClient, indexName: GlideString, alias: GlideString): Promise<"OK"> {
    return sendTo(client, () => moduleCommand(SPECS.aliasadd, ["FT.ALIASADD", alias, indexName]));
  }

  static aliasdel(client: ModuleClient, alias: GlideString): Promise<"OK"> {
    return sendTo(client, () => moduleCommand(SPECS.aliasdel, ["FT.ALIASDEL", alias]));
  }

  static aliasupdate(
    client: ModuleClient,
    alias: GlideString,
    indexName: GlideString,
  ): Promise<"OK"> {
    return sendTo(client, () =>
      moduleCommand(SPECS.aliasupdate, ["FT.ALIASUPDATE", alias, indexName]),
    );
  }

  static aliaslist(
    client: ModuleClient,
    options?: DecoderOption,
  ): Promise<GlideRecord<GlideString>> {
    return sendTo(client, () =>
      moduleCommand(SPECS.aliaslist, ["FT._ALIASLIST"], options?.decoder),
    );
  }
}
