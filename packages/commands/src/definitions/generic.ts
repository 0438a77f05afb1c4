// Generic key commands: existence, expiry, renames, copies, dumps, SORT, SCAN, OBJECT.
import type { GlideString } from "@petrel/protocol";
import { glideArgumentError } from "../args.js";
import {
  type Command,
  type CommandArg,
  Decoder,
  type DecoderOption,
  type RouteOption,
} from "../command.js";
import type {
  CopyOptions,
  ExpireOptions,
  MigrateOptions,
  RestoreOptions,
  SortOptions,
} from "../options/generic.js";
import { type ScanOptions, scanArgs } from "../options/scan.js";
import { DECODED, positional, ROUTED, SPREAD_LAST } from "../positional.js";
import { nullable, toArrayOf, toList, toTuple } from "../replies/collections.js";
import {
  toBoolean,
  toGlideString,
  toNullableGlideString,
  toNullableNumber,
  toNumber,
  toOk,
  toText,
} from "../replies/scalars.js";
import { unexpectedReply } from "../replies/unexpected.js";
import { command, defineSpec } from "../spec.js";

type Nullable = GlideString | null;

const count = /* @__NO_SIDE_EFFECTS__ */ (name: string) => defineSpec<number>(name, toNumber);
const flag = /* @__NO_SIDE_EFFECTS__ */ (name: string) => defineSpec<boolean>(name, toBoolean);
const EXPIRE = /* @__PURE__ */ flag("Expire");
const EXPIREAT = /* @__PURE__ */ flag("ExpireAt");
const PEXPIRE = /* @__PURE__ */ flag("PExpire");
const PEXPIREAT = /* @__PURE__ */ flag("PExpireAt");
const COPY = /* @__PURE__ */ flag("Copy");
const DUMP = /* @__PURE__ */ defineSpec<Buffer | null>("Dump", (reply, cmd) => {
  if (reply === null || Buffer.isBuffer(reply)) return reply;
  throw unexpectedReply(reply, "a bulk string", cmd);
});
const RESTORE = /* @__PURE__ */ defineSpec<"OK">("Restore", toOk);
const SORT = /* @__PURE__ */ defineSpec<Nullable[]>(
  "Sort",
  /* @__PURE__ */ toArrayOf(toNullableGlideString),
);
const SORT_RO = /* @__PURE__ */ defineSpec<Nullable[]>(
  "SORT_RO",
  "SortReadOnly",
  /* @__PURE__ */ toArrayOf(toNullableGlideString),
);
const SORT_STORE = /* @__PURE__ */ defineSpec<number>("Sort", toNumber);
const WAIT = /* @__PURE__ */ count("Wait");
const UNWATCH = /* @__PURE__ */ defineSpec<"OK">("UnWatch", toOk);
const MIGRATE = /* @__PURE__ */ defineSpec<string>("Migrate", toText);
const RANDOMKEY = /* @__PURE__ */ defineSpec<Nullable>("RandomKey", toNullableGlideString);
const SCAN = /* @__PURE__ */ defineSpec<[GlideString, GlideString[]]>("Scan", (reply, cmd) => {
  const [cursor, keys] = toTuple(reply, cmd, 2, "a [cursor, keys] pair");
  return [toGlideString(cursor, cmd), toList(keys, cmd).map((key) => toGlideString(key, cmd))];
});

export const del: (keys: GlideString[]) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ count("Del"),
  1,
  SPREAD_LAST,
);

export const unlink: (keys: GlideString[]) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ count("Unlink"),
  1,
  SPREAD_LAST,
);

export const exists: (keys: GlideString[]) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ count("Exists"),
  1,
  SPREAD_LAST,
);

export const touch: (keys: GlideString[]) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ count("Touch"),
  1,
  SPREAD_LAST,
);

export const type: (key: GlideString) => Command<string> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<string>("Type", toText),
  1,
);

const withExpireOption = (args: CommandArg[], option: ExpireOptions | undefined): CommandArg[] => {
  if (option !== undefined) args.push(option);
  return args;
};

export const expire = (
  key: GlideString,
  seconds: number,
  options?: { expireOption?: ExpireOptions },
): Command<boolean> =>
  command(EXPIRE, withExpireOption(["EXPIRE", key, seconds], options?.expireOption));

export const expireAt = (
  key: GlideString,
  unixSeconds: number,
  options?: { expireOption?: ExpireOptions },
): Command<boolean> =>
  command(EXPIREAT, withExpireOption(["EXPIREAT", key, unixSeconds], options?.expireOption));

export const pexpire = (
  key: GlideString,
  milliseconds: number,
  options?: { expireOption?: ExpireOptions },
): Command<boolean> =>
  command(PEXPIRE, withExpireOption(["PEXPIRE", key, milliseconds], options?.expireOption));

export const pexpireAt = (
  key: GlideString,
  unixMilliseconds: number,
  options?: { expireOption?: ExpireOptions },
): Command<boolean> => {
  const args: CommandArg[] = ["PEXPIREAT", key, unixMilliseconds];
  return command(PEXPIREAT, withExpireOption(args, options?.expireOption));
};

export const expiretime: (key: GlideString) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ count("ExpireTime"),
  1,
);

export const pexpiretime: (key: GlideString) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ count("PExpireTime"),
  1,
);

export const ttl: (key: GlideString) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ count("TTL"),
  1,
);

export const pttl: (key: GlideString) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ count("PTTL"),
  1,
);

export const persist: (key: GlideString) => Command<boolean> = /* @__PURE__ */ positional(
  /* @__PURE__ */ flag("Persist"),
  1,
);

export const rename: (key: GlideString, newKey: GlideString) => Command<"OK"> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<"OK">("Rename", toOk), 2);

export const renamenx: (key: GlideString, newKey: GlideString) => Command<boolean> =
  /* @__PURE__ */ positional(/* @__PURE__ */ flag("RenameNX"), 2);

export const copy = (
  source: GlideString,
  destination: GlideString,
  options?: CopyOptions,
): Command<boolean> => {
  const args: CommandArg[] = ["COPY", source, destination];
  if (options?.destinationDB !== undefined) args.push("DB", options.destinationDB);
  if (options?.replace) args.push("REPLACE");
  return command(COPY, args);
};

export const move: (key: GlideString, dbIndex: number) => Command<boolean> =
  /* @__PURE__ */ positional(/* @__PURE__ */ flag("Move"), 2);

/** Always binary: a dump is not text. */
export const dump = (key: GlideString): Command<Buffer | null> =>
  command(DUMP, ["DUMP", key], Decoder.Bytes);

export const restore = (
  key: GlideString,
  ttl: number,
  value: Buffer,
  options?: RestoreOptions,
): Command<"OK"> => {
  if (options?.idletime !== undefined && options.frequency !== undefined) {
    throw glideArgumentError(
      "syntax error: both IDLETIME and FREQ cannot be set at the same time.",
    );
  }
  const args: CommandArg[] = ["RESTORE", key, ttl, value];
  if (options?.replace) args.push("REPLACE");
  if (options?.absttl) args.push("ABSTTL");
  if (options?.idletime !== undefined) args.push("IDLETIME", options.idletime);
  if (options?.frequency !== undefined) args.push("FREQ", options.frequency);
  return command(RESTORE, args);
};

/** SORT's option arguments, in the server's order. */
export const sortArgs = (options: SortOptions | undefined): CommandArg[] => {
  const args: CommandArg[] = [];
  if (options?.byPattern !== undefined) args.push("BY", options.byPattern);
  if (options?.limit) args.push("LIMIT", options.limit.offset, options.limit.count);
  for (const pattern of options?.getPatterns ?? []) args.push("GET", pattern);
  if (options?.orderBy !== undefined) args.push(options.orderBy);
  if (options?.isAlpha) args.push("ALPHA");
  return args;
};

export const sort = (
  key: GlideString,
  options?: SortOptions & DecoderOption,
): Command<Nullable[]> => command(SORT, ["SORT", key, ...sortArgs(options)], options?.decoder);

export const sortReadOnly = (
  key: GlideString,
  options?: SortOptions & DecoderOption,
): Command<Nullable[]> =>
  command(SORT_RO, ["SORT_RO", key, ...sortArgs(options)], options?.decoder);

export const sortStore = (
  key: GlideString,
  destination: GlideString,
  options?: SortOptions,
): Command<number> =>
  command(SORT_STORE, ["SORT", key, ...sortArgs(options), "STORE", destination]);

/** WAIT blocks the connection for up to `timeout` ms (0 = forever). */
export const wait = (numreplicas: number, timeout: number): Command<number> =>
  command(WAIT, ["WAIT", numreplicas, timeout], undefined, { blockMs: timeout });

export const watch: (keys: GlideString[]) => Command<"OK"> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<"OK">("Watch", toOk),
  1,
  SPREAD_LAST,
);

export const objectEncoding: (key: GlideString) => Command<string | null> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<string | null>("Object Encoding", /* @__PURE__ */ nullable(toText)),
    1,
  );

export const objectFreq: (key: GlideString) => Command<number | null> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<number | null>("Object Freq", toNullableNumber),
  1,
);

export const objectIdletime: (key: GlideString) => Command<number | null> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<number | null>("Object IdleTime", toNullableNumber),
    1,
  );

export const objectRefcount: (key: GlideString) => Command<number | null> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<number | null>("Object RefCount", toNullableNumber),
    1,
  );

/** MIGRATE arguments: one key, or several with KEYS (standalone only). */
const migrateArgs = (
  host: string,
  port: number,
  key: GlideString | GlideString[],
  destinationDB: number,
  timeout: number,
  options?: MigrateOptions,
): CommandArg[] => {
  const many = Array.isArray(key);
  if (many && key.length === 0) throw glideArgumentError("key must not be an empty array");
  const args: CommandArg[] = ["MIGRATE", host, port, many ? "" : key, destinationDB, timeout];
  if (options?.copy) args.push("COPY");
  if (options?.replace) args.push("REPLACE");
  if (options?.username !== undefined) {
    if (options.password === undefined)
      throw glideArgumentError("MigrateOptions: 'username' requires 'password' to be set");
    args.push("AUTH2", options.username, options.password);
  } else if (options?.password !== undefined) args.push("AUTH", options.password);
  if (many) args.push("KEYS", ...key);
  return args;
};

export const migrate = (
  host: string,
  port: number,
  key: GlideString,
  destinationDB: number,
  timeout: number,
  options?: MigrateOptions,
): Command<string> =>
  command(MIGRATE, migrateArgs(host, port, key, destinationDB, timeout, options));

export const migrateStandalone = (
  host: string,
  port: number,
  key: GlideString | GlideString[],
  destinationDB: number,
  timeout: number,
  options?: MigrateOptions,
): Command<string> =>
  command(MIGRATE, migrateArgs(host, port, key, destinationDB, timeout, options));

export const randomKey: (options?: DecoderOption) => Command<Nullable> = /* @__PURE__ */ positional(
  RANDOMKEY,
  0,
  DECODED,
);

export const randomKeyCluster: (options?: DecoderOption & RouteOption) => Command<Nullable> =
  /* @__PURE__ */ positional(RANDOMKEY, 0, DECODED, ROUTED);

export const unwatch: () => Command<"OK"> = /* @__PURE__ */ positional(UNWATCH, 0);

export const unwatchCluster: (options?: RouteOption) => Command<"OK"> = /* @__PURE__ */ positional(
  UNWATCH,
  0,
  ROUTED,
);

/** Standalone SCAN (the cluster client walks every shard with its own cursor). */
export const scan = (
  cursor: GlideString,
  options?: ScanOptions & DecoderOption,
): Command<[GlideString, GlideString[]]> =>
  command(SCAN, ["SCAN", cursor, ...scanArgs(options)], options?.decoder);

/** Methods every client has (BaseClient). */
export const genericCommands = {
  del,
  unlink,
  exists,
  touch,
  type,
  expire,
  expireAt,
  pexpire,
  pexpireAt,
  expiretime,
  pexpiretime,
  ttl,
  pttl,
  persist,
  rename,
  renamenx,
  copy,
  move,
  dump,
  restore,
  sort,
  sortReadOnly,
  sortStore,
  wait,
  watch,
  objectEncoding,
  objectFreq,
  objectIdletime,
  objectRefcount,
  migrate,
};

/** GlideClient's own signatures. */
export const genericStandaloneCommands = {
  migrate: migrateStandalone,
  randomKey,
  unwatch,
  scan,
};

/** GlideClusterClient's own signatures (cluster SCAN is the client's, with a ClusterScanCursor). */
export const genericClusterCommands = {
  randomKey: randomKeyCluster,
  unwatch: unwatchCluster,
};
