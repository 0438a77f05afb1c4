// Diagnostics: LATENCY HISTORY/LATEST/RESET, CLIENT TRACKINGINFO, MEMORY STATS.
import type { GlideString, RespValue } from "@petrel/protocol";
import type { Command, RouteOption } from "../command.js";
import {
  ClientTrackingInfo,
  LatencyEntry,
  LatencyEventInfo,
  type MemoryStats,
  type MemoryStatsDb,
} from "../options/diagnostics.js";
import { positional, ROUTED } from "../positional.js";
import { toEntries, toList, toTuple } from "../replies/collections.js";
import type { ClusterResponse } from "../replies/glide-types.js";
import { toFloat, toNumber, toText } from "../replies/scalars.js";
import type { ParseSite } from "../replies/unexpected.js";
import { command, defineSpec, routedCommand } from "../spec.js";

const parseLatencyHistory = (reply: RespValue, site: ParseSite): LatencyEntry[] =>
  toList(reply, site).map((sample) => {
    const [time, latency] = toTuple(sample, site, 2, "[time, latency]");
    return new LatencyEntry(toNumber(time, site), toNumber(latency, site));
  });

const parseLatencyLatest = (reply: RespValue, site: ParseSite): LatencyEventInfo[] =>
  toList(reply, site).map((event) => {
    const [name, time, latest, max, sum, count] = toTuple(
      event,
      site,
      4,
      "[event, time, latest, max]",
    );
    const withTotals = sum !== undefined && count !== undefined;
    return new LatencyEventInfo(
      toText(name, site),
      toNumber(time, site),
      toNumber(latest, site),
      toNumber(max, site),
      withTotals ? toNumber(sum, site) : undefined,
      withTotals ? toNumber(count, site) : undefined,
    );
  });

const toTextSet = (value: RespValue, site: ParseSite): Set<string> =>
  new Set(toList(value, site).map((item) => toText(item, site)));

const parseTrackingInfo = (reply: RespValue, site: ParseSite): ClientTrackingInfo => {
  let flags = new Set<string>();
  let redirect = -1;
  let prefixes = new Set<string>();
  for (const [key, value] of toEntries(reply, site)) {
    const name = toText(key, site);
    if (name === "flags") flags = toTextSet(value, site);
    else if (name === "redirect") redirect = toNumber(value, site);
    else if (name === "prefixes") prefixes = toTextSet(value, site);
  }
  return new ClientTrackingInfo(flags, redirect, prefixes);
};

/** "allocator-fragmentation.ratio" → "allocatorFragmentationRatio". */
const camelCase = (name: string): string =>
  name.replace(/[.-]+([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

const parseMemoryStats = (reply: RespValue, site: ParseSite): MemoryStats => {
  const stats: Record<string, unknown> = {};
  const db: Record<number, MemoryStatsDb> = {};
  for (const [key, value] of toEntries(reply, site)) {
    const name = toText(key, site);
    const dbMatch = /^db\.(\d+)$/.exec(name);
    if (dbMatch) {
      const overheads: Record<string, number> = {};
      for (const [field, amount] of toEntries(value, site)) {
        overheads[camelCase(toText(field, site))] = toNumber(amount, site);
      }
      db[Number(dbMatch[1])] = overheads as unknown as MemoryStatsDb;
    } else if (value !== null && !Array.isArray(value)) {
      // RESP2 sends the ratios as bulk strings, RESP3 as doubles.
      stats[camelCase(name)] = toFloat(value, site);
    }
  }
  stats.db = db;
  return stats as unknown as MemoryStats;
};

const LATENCY_HISTORY = /* @__PURE__ */ defineSpec<LatencyEntry[]>(
  "Latency History",
  parseLatencyHistory,
);
const LATENCY_LATEST = /* @__PURE__ */ defineSpec<LatencyEventInfo[]>(
  "Latency Latest",
  parseLatencyLatest,
);
const LATENCY_RESET = /* @__PURE__ */ defineSpec<number>("Latency Reset", toNumber);
const CLIENT_TRACKINGINFO = /* @__PURE__ */ defineSpec<ClientTrackingInfo>(
  "Client TrackingInfo",
  parseTrackingInfo,
);
const MEMORY_STATS = /* @__PURE__ */ defineSpec<MemoryStats>("Memory Stats", parseMemoryStats);

export const latencyHistory: (event: GlideString) => Command<LatencyEntry[]> =
  /* @__PURE__ */ positional(LATENCY_HISTORY, 1);

export const latencyHistoryCluster: (
  event: GlideString,
  options?: RouteOption,
) => Command<ClusterResponse<LatencyEntry[]>> = /* @__PURE__ */ positional(
  LATENCY_HISTORY,
  1,
  ROUTED,
);

export const latencyLatest: () => Command<LatencyEventInfo[]> = /* @__PURE__ */ positional(
  LATENCY_LATEST,
  0,
);

export const latencyLatestCluster: (
  options?: RouteOption,
) => Command<ClusterResponse<LatencyEventInfo[]>> = /* @__PURE__ */ positional(
  LATENCY_LATEST,
  0,
  ROUTED,
);

export const latencyReset = (events?: GlideString[]): Command<number> =>
  command(LATENCY_RESET, ["LATENCY", "RESET", ...(events ?? [])]);

export const latencyResetCluster = (
  events?: GlideString[],
  options?: RouteOption,
): Command<number> =>
  routedCommand(LATENCY_RESET, ["LATENCY", "RESET", ...(events ?? [])], options);

export const clientTrackingInfo: () => Command<ClientTrackingInfo> = /* @__PURE__ */ positional(
  CLIENT_TRACKINGINFO,
  0,
);

export const clientTrackingInfoCluster: (
  options?: RouteOption,
) => Command<ClusterResponse<ClientTrackingInfo>> = /* @__PURE__ */ positional(
  CLIENT_TRACKINGINFO,
  0,
  ROUTED,
);

export const memoryStats: () => Command<MemoryStats> = /* @__PURE__ */ positional(MEMORY_STATS, 0);

export const memoryStatsCluster: (options?: RouteOption) => Command<ClusterResponse<MemoryStats>> =
  /* @__PURE__ */ positional(MEMORY_STATS, 0, ROUTED);

export const diagnosticsCommands = {
  latencyHistory,
  latencyLatest,
  latencyReset,
  clientTrackingInfo,
  memoryStats,
};

export const diagnosticsClusterCommands = {
  latencyHistory: latencyHistoryCluster,
  latencyLatest: latencyLatestCluster,
  latencyReset: latencyResetCluster,
  clientTrackingInfo: clientTrackingInfoCluster,
  memoryStats: memoryStatsCluster,
};
