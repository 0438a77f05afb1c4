// Options and reply types of the scripting and function commands.
import type { GlideString } from "@petrel/protocol";

export interface FunctionListOptions {
  /** Only libraries whose name matches this pattern (LIBRARYNAME). */
  libNamePattern?: GlideString;
  /** Include each library's source (WITHCODE). */
  withCode?: boolean;
}

/** FUNCTION LIST: one record per library; `functions` lists records with `flags` as arrays. */
export type FunctionListResponse = Record<
  string,
  GlideString | Record<string, GlideString | null | GlideString[]>[]
>[];

/** FUNCTION STATS from one node: `running_script` (or null) and per-engine counts. */
export type FunctionStatsSingleResponse = Record<
  string,
  | null
  | Record<string, GlideString | GlideString[] | number>
  | Record<string, Record<string, number>>
>;

/** FUNCTION RESTORE policy. */
export enum FunctionRestorePolicy {
  /** Add the libraries; fail on a name clash (the server's default). */
  APPEND = "APPEND",
  /** Delete every library first. */
  FLUSH = "FLUSH",
  /** Replace libraries with the same name. */
  REPLACE = "REPLACE",
}

/** FUNCTION STATS from every node of a standalone deployment, keyed by "host:port". */
export type FunctionStatsFullResponse = Record<string, FunctionStatsSingleResponse>;
