// Server management: INFO, CONFIG, DBSIZE, FLUSH*, TIME, LASTSAVE, LOLWUT, SAVE family,
// CLIENT PAUSE/UNPAUSE, MEMORY. Cluster variants take a route and may return one
// value per node (ClusterResponse).
import type { GlideString } from "@petrel/protocol";
import { flattenRecord } from "../args.js";
import type { Command, CommandArg, DecoderOption, RouteOption } from "../command.js";
import type { ClientPauseMode, FlushMode, InfoOptions, LolwutOptions } from "../options/server.js";
import { DECODED, positional, ROUTED, SPREAD_LAST } from "../positional.js";
import { toStringRecord, toTuple } from "../replies/collections.js";
import type { ClusterResponse } from "../replies/glide-types.js";
import { toNumber, toOk, toText } from "../replies/scalars.js";
import { unexpectedReply } from "../replies/unexpected.js";
import { command, defineSpec, routedCommand } from "../spec.js";

type ConfigValues = Record<string, GlideString>;
type Time = [string, string];

const ok = /* @__NO_SIDE_EFFECTS__ */ (name: string) => defineSpec<"OK">(name, toOk);
const text = /* @__NO_SIDE_EFFECTS__ */ (name: string) => defineSpec<string>(name, toText);

const INFO = /* @__PURE__ */ text("Info");
const CONFIG_GET = /* @__PURE__ */ defineSpec<ConfigValues>("Config Get", (reply, cmd) =>
  toStringRecord(reply, cmd, (value) => {
    if (typeof value === "string" || Buffer.isBuffer(value)) return value;
    throw unexpectedReply(value, "a string value", cmd);
  }),
);
const CONFIG_SET = /* @__PURE__ */ ok("Config Set");
const CONFIG_REWRITE = /* @__PURE__ */ ok("Config Rewrite");
const CONFIG_RESETSTAT = /* @__PURE__ */ ok("Config ResetStat");
const DBSIZE = /* @__PURE__ */ defineSpec<number>("DBSize", toNumber);
const FLUSHALL = /* @__PURE__ */ ok("FlushAll");
const FLUSHDB = /* @__PURE__ */ ok("FlushDB");
const TIME = /* @__PURE__ */ defineSpec<Time>("Time", (reply, cmd) => {
  const [seconds, micros] = toTuple(reply, cmd, 2, "[seconds, microseconds]");
  return [toText(seconds, cmd), toText(micros, cmd)];
});
const LASTSAVE = /* @__PURE__ */ defineSpec<number>("LastSave", toNumber);
const LOLWUT = /* @__PURE__ */ text("Lolwut");
const SAVE = /* @__PURE__ */ ok("Save");
const BGSAVE = /* @__PURE__ */ text("BgSave");
const BGREWRITEAOF = /* @__PURE__ */ text("BgRewriteAof");
const CLIENT_PAUSE = /* @__PURE__ */ ok("Client Pause");
const CLIENT_UNPAUSE = /* @__PURE__ */ ok("Client Unpause");
const MEMORY_DOCTOR = /* @__PURE__ */ text("Memory Doctor");
const MEMORY_MALLOC_STATS = /* @__PURE__ */ defineSpec<string>(
  "MEMORY MALLOC-STATS",
  "MemoryMallocStats",
  toText,
);
const MEMORY_PURGE = /* @__PURE__ */ ok("Memory Purge");

const infoArgs = (sections: InfoOptions[] | undefined): CommandArg[] => [
  "INFO",
  ...(sections ?? []),
];

export const info = (sections?: InfoOptions[]): Command<string> =>
  command(INFO, infoArgs(sections));

export const infoCluster = (
  options?: { sections?: InfoOptions[] } & RouteOption,
): Command<ClusterResponse<string>> => routedCommand(INFO, infoArgs(options?.sections), options);

export const configGet: (parameters: string[], options?: DecoderOption) => Command<ConfigValues> =
  /* @__PURE__ */ positional(CONFIG_GET, 1, SPREAD_LAST, DECODED);

export const configGetCluster: (
  parameters: string[],
  options?: RouteOption & DecoderOption,
) => Command<ClusterResponse<ConfigValues>> = /* @__PURE__ */ positional(
  CONFIG_GET,
  1,
  SPREAD_LAST,
  DECODED,
  ROUTED,
);

const configSetArgs = (parameters: Record<string, GlideString>): CommandArg[] => [
  "CONFIG",
  "SET",
  ...flattenRecord(parameters),
];

export const configSet = (parameters: Record<string, GlideString>): Command<"OK"> =>
  command(CONFIG_SET, configSetArgs(parameters));

export const configSetCluster = (
  parameters: Record<string, GlideString>,
  options?: RouteOption,
): Command<"OK"> => routedCommand(CONFIG_SET, configSetArgs(parameters), options);

export const configRewrite: () => Command<"OK"> = /* @__PURE__ */ positional(CONFIG_REWRITE, 0);

export const configRewriteCluster: (options?: RouteOption) => Command<"OK"> =
  /* @__PURE__ */ positional(CONFIG_REWRITE, 0, ROUTED);

export const configResetStat: () => Command<"OK"> = /* @__PURE__ */ positional(CONFIG_RESETSTAT, 0);

export const configResetStatCluster: (options?: RouteOption) => Command<"OK"> =
  /* @__PURE__ */ positional(CONFIG_RESETSTAT, 0, ROUTED);

export const dbsize: () => Command<number> = /* @__PURE__ */ positional(DBSIZE, 0);

export const dbsizeCluster: (options?: RouteOption) => Command<number> = /* @__PURE__ */ positional(
  DBSIZE,
  0,
  ROUTED,
);

const flushArgs = (name: string, mode: FlushMode | undefined): CommandArg[] =>
  mode === undefined ? [name] : [name, mode];

export const flushall = (mode?: FlushMode): Command<"OK"> =>
  command(FLUSHALL, flushArgs("FLUSHALL", mode));

export const flushallCluster = (options?: { mode?: FlushMode } & RouteOption): Command<"OK"> =>
  routedCommand(FLUSHALL, flushArgs("FLUSHALL", options?.mode), options);

export const flushdb = (mode?: FlushMode): Command<"OK"> =>
  command(FLUSHDB, flushArgs("FLUSHDB", mode));

export const flushdbCluster = (options?: { mode?: FlushMode } & RouteOption): Command<"OK"> =>
  routedCommand(FLUSHDB, flushArgs("FLUSHDB", options?.mode), options);

export const time: () => Command<Time> = /* @__PURE__ */ positional(TIME, 0);

export const timeCluster: (options?: RouteOption) => Command<ClusterResponse<Time>> =
  /* @__PURE__ */ positional(TIME, 0, ROUTED);

export const lastsave: () => Command<number> = /* @__PURE__ */ positional(LASTSAVE, 0);

export const lastsaveCluster: (options?: RouteOption) => Command<ClusterResponse<number>> =
  /* @__PURE__ */ positional(LASTSAVE, 0, ROUTED);

const lolwutArgs = (options: LolwutOptions | undefined): CommandArg[] => {
  const args: CommandArg[] = ["LOLWUT"];
  if (options?.version !== undefined) args.push("VERSION", options.version);
  if (options?.parameters) args.push(...options.parameters);
  return args;
};

export const lolwut = (options?: LolwutOptions): Command<string> =>
  command(LOLWUT, lolwutArgs(options));

export const lolwutCluster = (
  options?: LolwutOptions & RouteOption,
): Command<ClusterResponse<string>> => routedCommand(LOLWUT, lolwutArgs(options), options);

export const save: () => Command<"OK"> = /* @__PURE__ */ positional(SAVE, 0);

export const saveCluster: (options?: RouteOption) => Command<"OK"> = /* @__PURE__ */ positional(
  SAVE,
  0,
  ROUTED,
);

export const bgsave: () => Command<string> = /* @__PURE__ */ positional(BGSAVE, 0);

export const bgsaveCluster: (options?: RouteOption) => Command<ClusterResponse<string>> =
  /* @__PURE__ */ positional(BGSAVE, 0, ROUTED);

export const bgsaveSchedule = (): Command<string> => command(BGSAVE, ["BGSAVE", "SCHEDULE"]);

export const bgsaveScheduleCluster = (options?: RouteOption): Command<ClusterResponse<string>> =>
  routedCommand(BGSAVE, ["BGSAVE", "SCHEDULE"], options);

/** Valkey 8.1+. */
export const bgsaveCancel = (): Command<string> => command(BGSAVE, ["BGSAVE", "CANCEL"]);

export const bgsaveCancelCluster = (options?: RouteOption): Command<ClusterResponse<string>> =>
  routedCommand(BGSAVE, ["BGSAVE", "CANCEL"], options);

export const bgrewriteaof: () => Command<string> = /* @__PURE__ */ positional(BGREWRITEAOF, 0);

export const bgrewriteaofCluster: (options?: RouteOption) => Command<ClusterResponse<string>> =
  /* @__PURE__ */ positional(BGREWRITEAOF, 0, ROUTED);

const pauseArgs = (timeout: number, mode: ClientPauseMode | undefined): CommandArg[] => {
  const args: CommandArg[] = ["CLIENT", "PAUSE", timeout];
  if (mode !== undefined) args.push(mode);
  return args;
};

export const clientPause = (
  timeout: number,
  mode?: ClientPauseMode,
  options?: DecoderOption,
): Command<"OK"> => command(CLIENT_PAUSE, pauseArgs(timeout, mode), options?.decoder);

export const clientPauseCluster = (
  timeout: number,
  mode?: ClientPauseMode,
  options?: RouteOption & DecoderOption,
): Command<"OK"> =>
  routedCommand(CLIENT_PAUSE, pauseArgs(timeout, mode), options, options?.decoder);

export const clientUnpause: (options?: DecoderOption) => Command<"OK"> = /* @__PURE__ */ positional(
  CLIENT_UNPAUSE,
  0,
  DECODED,
);

export const clientUnpauseCluster: (options?: RouteOption & DecoderOption) => Command<"OK"> =
  /* @__PURE__ */ positional(CLIENT_UNPAUSE, 0, DECODED, ROUTED);

export const memoryDoctor: () => Command<string> = /* @__PURE__ */ positional(MEMORY_DOCTOR, 0);

export const memoryDoctorCluster: (options?: RouteOption) => Command<ClusterResponse<string>> =
  /* @__PURE__ */ positional(MEMORY_DOCTOR, 0, ROUTED);

export const memoryMallocStats: () => Command<string> = /* @__PURE__ */ positional(
  MEMORY_MALLOC_STATS,
  0,
);

export const memoryMallocStatsCluster: (options?: RouteOption) => Command<ClusterResponse<string>> =
  /* @__PURE__ */ positional(MEMORY_MALLOC_STATS, 0, ROUTED);

export const memoryPurge: () => Command<"OK"> = /* @__PURE__ */ positional(MEMORY_PURGE, 0);

export const memoryPurgeCluster: (options?: RouteOption) => Command<"OK"> =
  /* @__PURE__ */ positional(MEMORY_PURGE, 0, ROUTED);

export const serverCommands = {
  info,
  configGet,
  configSet,
  configRewrite,
  configResetStat,
  dbsize,
  flushall,
  flushdb,
  time,
  lastsave,
  lolwut,
  save,
  bgsave,
  bgsaveSchedule,
  bgsaveCancel,
  bgrewriteaof,
  clientPause,
  clientUnpause,
  memoryDoctor,
  memoryMallocStats,
  memoryPurge,
};

export const serverClusterCommands = {
  info: infoCluster,
  configGet: configGetCluster,
  configSet: configSetCluster,
  configRewrite: configRewriteCluster,
  configResetStat: configResetStatCluster,
  dbsize: dbsizeCluster,
  flushall: flushallCluster,
  flushdb: flushdbCluster,
  time: timeCluster,
  lastsave: lastsaveCluster,
  lolwut: lolwutCluster,
  save: saveCluster,
  bgsave: bgsaveCluster,
  bgsaveSchedule: bgsaveScheduleCluster,
  bgsaveCancel: bgsaveCancelCluster,
  bgrewriteaof: bgrewriteaofCluster,
  clientPause: clientPauseCluster,
  clientUnpause: clientUnpauseCluster,
  memoryDoctor: memoryDoctorCluster,
  memoryMallocStats: memoryMallocStatsCluster,
  memoryPurge: memoryPurgeCluster,
};
