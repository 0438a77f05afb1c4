// Scripts and functions: FCALL, SCRIPT *, FUNCTION *, and the EVALSHA/SCRIPT LOAD
// building blocks the clients' invokeScript uses.
import type { GlideString, RespValue } from "@petrel/protocol";
import {
  type Command,
  type CommandArg,
  Decoder,
  type DecoderOption,
  type RouteOption,
} from "../command.js";
import type {
  FunctionListOptions,
  FunctionListResponse,
  FunctionRestorePolicy,
  FunctionStatsSingleResponse,
} from "../options/scripting.js";
import type { FlushMode } from "../options/server.js";
import { DECODED, positional, ROUTED, SPREAD_LAST } from "../positional.js";
import { toArrayOf, toEntries, toList, toStringRecord } from "../replies/collections.js";
import type { ClusterResponse, GlideReturnType } from "../replies/glide-types.js";
import { asIs, toBoolean, toGlideString, toNumber, toOk, toText } from "../replies/scalars.js";
import { type ParseSite, unexpectedReply } from "../replies/unexpected.js";
import { command, defineSpec, routedCommand } from "../spec.js";

const FCALL = /* @__PURE__ */ defineSpec<GlideReturnType>("FCall", asIs);
const FCALL_RO = /* @__PURE__ */ defineSpec<GlideReturnType>("FCALL_RO", "FCallReadOnly", asIs);
const EVALSHA = /* @__PURE__ */ defineSpec<GlideReturnType>("EvalSha", asIs);
const SCRIPT_LOAD = /* @__PURE__ */ defineSpec<GlideString>("Script Load", toGlideString);
const SCRIPT_EXISTS = /* @__PURE__ */ defineSpec<boolean[]>(
  "Script Exists",
  /* @__PURE__ */ toArrayOf(toBoolean),
);
const SCRIPT_FLUSH = /* @__PURE__ */ defineSpec<"OK">("Script Flush", toOk);
const SCRIPT_KILL = /* @__PURE__ */ defineSpec<"OK">("Script Kill", toOk);
const FUNCTION_LOAD = /* @__PURE__ */ defineSpec<GlideString>("Function Load", toGlideString);
const FUNCTION_DELETE = /* @__PURE__ */ defineSpec<"OK">("Function Delete", toOk);
const FUNCTION_FLUSH = /* @__PURE__ */ defineSpec<"OK">("Function Flush", toOk);
const FUNCTION_KILL = /* @__PURE__ */ defineSpec<"OK">("Function Kill", toOk);
const FUNCTION_DUMP = /* @__PURE__ */ defineSpec<Buffer>("Function Dump", (reply, cmd) => {
  if (Buffer.isBuffer(reply)) return reply;
  throw unexpectedReply(reply, "a bulk string", cmd);
});
const FUNCTION_RESTORE = /* @__PURE__ */ defineSpec<"OK">("Function Restore", toOk);
const FUNCTION_LIST = /* @__PURE__ */ defineSpec<FunctionListResponse>(
  "Function List",
  (reply, cmd) => toList(reply, cmd).map((library) => parseLibrary(library, cmd)),
);
const FUNCTION_STATS = /* @__PURE__ */ defineSpec<FunctionStatsSingleResponse>(
  "Function Stats",
  parseFunctionStats,
);

/** A library entry: a map whose `functions` is a list of maps with `flags` as a list (RESP3: set). */
const parseLibrary = (library: RespValue, site: ParseSite): FunctionListResponse[number] =>
  toStringRecord(library, site, (value) => {
    if (value === null || typeof value === "string" || Buffer.isBuffer(value)) return value ?? "";
    return toList(value, site).map((fn) =>
      toStringRecord(fn, site, (field) => {
        if (field === null || typeof field === "string" || Buffer.isBuffer(field)) return field;
        return toList(field, site).map((flag) => toGlideString(flag, site));
      }),
    );
  });

/** FUNCTION STATS: `running_script` is null or a map; `engines` maps engine names to counts. */
function parseFunctionStats(reply: RespValue, site: ParseSite): FunctionStatsSingleResponse {
  const stats: FunctionStatsSingleResponse = {};
  for (const [rawKey, value] of toEntries(reply, site)) {
    const key = toText(rawKey, site);
    if (value === null) stats[key] = null;
    else if (key === "engines") {
      stats[key] = toStringRecord(value, site, (engine) => toStringRecord(engine, site, toNumber));
    } else {
      stats[key] = toStringRecord(value, site, (field) => {
        if (typeof field === "number" || typeof field === "string" || Buffer.isBuffer(field)) {
          return field;
        }
        return toList(field, site).map((item) => toGlideString(item, site));
      });
    }
  }
  return stats;
}

const callArgs = (name: string, func: GlideString, keys: GlideString[], args: GlideString[]) => [
  name,
  func,
  keys.length,
  ...keys,
  ...args,
];

export const fcall = (
  func: GlideString,
  keys: GlideString[],
  args: GlideString[],
  options?: DecoderOption,
): Command<GlideReturnType> =>
  command(FCALL, callArgs("FCALL", func, keys, args), options?.decoder);

export const fcallReadonly = (
  func: GlideString,
  keys: GlideString[],
  args: GlideString[],
  options?: DecoderOption,
): Command<GlideReturnType> =>
  command(FCALL_RO, callArgs("FCALL_RO", func, keys, args), options?.decoder);

/** Cluster: a keyless FCALL sent where the route says. */
export const fcallWithRoute = (
  func: GlideString,
  args: GlideString[],
  options?: RouteOption & DecoderOption,
): Command<ClusterResponse<GlideReturnType>> =>
  routedCommand(FCALL, callArgs("FCALL", func, [], args), options, options?.decoder);

export const fcallReadonlyWithRoute = (
  func: GlideString,
  args: GlideString[],
  options?: RouteOption & DecoderOption,
): Command<ClusterResponse<GlideReturnType>> =>
  routedCommand(FCALL_RO, callArgs("FCALL_RO", func, [], args), options, options?.decoder);

/** EVALSHA, for the clients' invokeScript (not a GLIDE method of its own). */
export const evalsha = (
  sha1: GlideString,
  keys: GlideString[],
  args: GlideString[],
  options?: RouteOption & DecoderOption,
): Command<GlideReturnType> =>
  routedCommand(EVALSHA, callArgs("EVALSHA", sha1, keys, args), options, options?.decoder);

/** SCRIPT LOAD, for invokeScript's NOSCRIPT fallback (not a GLIDE method of its own). */
export const scriptLoad = (code: GlideString, options?: RouteOption): Command<GlideString> =>
  routedCommand(SCRIPT_LOAD, ["SCRIPT", "LOAD", code], options, Decoder.String);

export const scriptExists: (sha1s: GlideString[]) => Command<boolean[]> =
  /* @__PURE__ */ positional(SCRIPT_EXISTS, 1, SPREAD_LAST);

export const scriptExistsCluster: (
  sha1s: GlideString[],
  options?: RouteOption,
) => Command<ClusterResponse<boolean[]>> = /* @__PURE__ */ positional(
  SCRIPT_EXISTS,
  1,
  SPREAD_LAST,
  ROUTED,
);

const flushArgs = (prefix: CommandArg[], mode: FlushMode | undefined): CommandArg[] =>
  mode === undefined ? prefix : [...prefix, mode];

export const scriptFlush = (mode?: FlushMode): Command<"OK"> =>
  command(SCRIPT_FLUSH, flushArgs(["SCRIPT", "FLUSH"], mode));

export const scriptFlushCluster = (options?: { mode?: FlushMode } & RouteOption): Command<"OK"> =>
  routedCommand(SCRIPT_FLUSH, flushArgs(["SCRIPT", "FLUSH"], options?.mode), options);

export const scriptKill: () => Command<"OK"> = /* @__PURE__ */ positional(SCRIPT_KILL, 0);

export const scriptKillCluster: (options?: RouteOption) => Command<"OK"> =
  /* @__PURE__ */ positional(SCRIPT_KILL, 0, ROUTED);

/** Valkey 8.0+. */
export const scriptShow: (sha1: GlideString, options?: DecoderOption) => Command<GlideString> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<GlideString>("Script Show", toGlideString),
    1,
    DECODED,
  );

const loadArgs = (code: GlideString, replace: boolean | undefined): CommandArg[] =>
  replace ? ["FUNCTION", "LOAD", "REPLACE", code] : ["FUNCTION", "LOAD", code];

export const functionLoad = (
  libraryCode: GlideString,
  options?: { replace?: boolean } & DecoderOption,
): Command<GlideString> =>
  command(FUNCTION_LOAD, loadArgs(libraryCode, options?.replace), options?.decoder);

export const functionLoadCluster = (
  libraryCode: GlideString,
  options?: { replace?: boolean } & RouteOption & DecoderOption,
): Command<GlideString> =>
  routedCommand(FUNCTION_LOAD, loadArgs(libraryCode, options?.replace), options, options?.decoder);

/** Batch signature: `replace` is positional. */
export const functionLoadBatch = (
  libraryCode: GlideString,
  replace?: boolean,
): Command<GlideString> => command(FUNCTION_LOAD, loadArgs(libraryCode, replace));

export const functionDelete: (libraryCode: GlideString) => Command<"OK"> =
  /* @__PURE__ */ positional(FUNCTION_DELETE, 1);

export const functionDeleteCluster: (
  libraryCode: GlideString,
  options?: RouteOption,
) => Command<"OK"> = /* @__PURE__ */ positional(FUNCTION_DELETE, 1, ROUTED);

export const functionFlush = (mode?: FlushMode): Command<"OK"> =>
  command(FUNCTION_FLUSH, flushArgs(["FUNCTION", "FLUSH"], mode));

export const functionFlushCluster = (options?: { mode?: FlushMode } & RouteOption): Command<"OK"> =>
  routedCommand(FUNCTION_FLUSH, flushArgs(["FUNCTION", "FLUSH"], options?.mode), options);

export const functionKill: () => Command<"OK"> = /* @__PURE__ */ positional(FUNCTION_KILL, 0);

export const functionKillCluster: (options?: RouteOption) => Command<"OK"> =
  /* @__PURE__ */ positional(FUNCTION_KILL, 0, ROUTED);

/** Always binary: a dump is not text. */
export const functionDump = (): Command<Buffer> =>
  command(FUNCTION_DUMP, ["FUNCTION", "DUMP"], Decoder.Bytes);

export const functionDumpCluster = (options?: RouteOption): Command<ClusterResponse<Buffer>> =>
  routedCommand(FUNCTION_DUMP, ["FUNCTION", "DUMP"], options, Decoder.Bytes);

const restoreArgs = (payload: Buffer, policy: FunctionRestorePolicy | undefined): CommandArg[] => {
  const args: CommandArg[] = ["FUNCTION", "RESTORE", payload];
  if (policy !== undefined) args.push(policy);
  return args;
};

export const functionRestore = (payload: Buffer, policy?: FunctionRestorePolicy): Command<"OK"> =>
  command(FUNCTION_RESTORE, restoreArgs(payload, policy));

export const functionRestoreCluster = (
  payload: Buffer,
  options?: { policy?: FunctionRestorePolicy } & RouteOption,
): Command<"OK"> => routedCommand(FUNCTION_RESTORE, restoreArgs(payload, options?.policy), options);

const listArgs = (options: FunctionListOptions | undefined): CommandArg[] => {
  const args: CommandArg[] = ["FUNCTION", "LIST"];
  if (options?.libNamePattern !== undefined) args.push("LIBRARYNAME", options.libNamePattern);
  if (options?.withCode) args.push("WITHCODE");
  return args;
};

export const functionList = (
  options?: FunctionListOptions & DecoderOption,
): Command<FunctionListResponse> => command(FUNCTION_LIST, listArgs(options), options?.decoder);

export const functionListCluster = (
  options?: FunctionListOptions & DecoderOption & RouteOption,
): Command<ClusterResponse<FunctionListResponse>> =>
  routedCommand(FUNCTION_LIST, listArgs(options), options, options?.decoder);

export const functionStatsCluster: (
  options?: RouteOption & DecoderOption,
) => Command<ClusterResponse<FunctionStatsSingleResponse>> = /* @__PURE__ */ positional(
  FUNCTION_STATS,
  0,
  DECODED,
  ROUTED,
);

/** Batch signature: one node's statistics. */
export const functionStatsBatch: () => Command<FunctionStatsSingleResponse> =
  /* @__PURE__ */ positional(FUNCTION_STATS, 0);

/** Methods every client has (BaseClient). */
export const scriptingCommands = { fcall, fcallReadonly, scriptShow };

export const scriptingStandaloneCommands = {
  scriptExists,
  scriptFlush,
  scriptKill,
  functionLoad,
  functionDelete,
  functionFlush,
  functionKill,
  functionDump,
  functionRestore,
  functionList,
};

export const scriptingClusterCommands = {
  fcallWithRoute,
  fcallReadonlyWithRoute,
  scriptExists: scriptExistsCluster,
  scriptFlush: scriptFlushCluster,
  scriptKill: scriptKillCluster,
  functionLoad: functionLoadCluster,
  functionDelete: functionDeleteCluster,
  functionFlush: functionFlushCluster,
  functionKill: functionKillCluster,
  functionDump: functionDumpCluster,
  functionRestore: functionRestoreCluster,
  functionList: functionListCluster,
  functionStats: functionStatsCluster,
};
