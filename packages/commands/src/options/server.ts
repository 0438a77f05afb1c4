// Options of the server-management commands.

/** FLUSHALL / FLUSHDB / FUNCTION FLUSH / SCRIPT FLUSH mode. */
export enum FlushMode {
  /** Flush synchronously (Valkey 6.2+). */
  SYNC = "SYNC",
  /** Flush in the background. */
  ASYNC = "ASYNC",
}

/** INFO sections; values are the server's section names. */
export enum InfoOptions {
  Server = "server",
  Clients = "clients",
  Memory = "memory",
  Persistence = "persistence",
  Stats = "stats",
  Replication = "replication",
  Cpu = "cpu",
  Commandstats = "commandstats",
  Latencystats = "latencystats",
  Sentinel = "sentinel",
  Cluster = "cluster",
  Modules = "modules",
  Keyspace = "keyspace",
  Errorstats = "errorstats",
  All = "all",
  Default = "default",
  Everything = "everything",
}

/** LOLWUT options. */
export interface LolwutOptions {
  /** Which art to draw (VERSION). */
  version?: number;
  /** The art's own parameters (for version 5: line length, squares per row and column). */
  parameters?: number[];
}

/** CLIENT PAUSE mode. */
export enum ClientPauseMode {
  /** Pause every command. */
  ALL = "ALL",
  /** Pause writes only. */
  WRITE = "WRITE",
}

/** FAILOVER options. */
export interface FailoverOptions {
  /** Fail over to this replica (TO host port [FORCE]). */
  to?: { host: string; port: number; force?: boolean };
  /** Abort an ongoing failover (ABORT). */
  abort?: boolean;
  /** Give up after this many ms (TIMEOUT). */
  timeoutMs?: number;
}
