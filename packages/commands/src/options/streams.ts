// Options and reply types of the stream commands.
import type { GlideString } from "@petrel/protocol";
import type { Boundary } from "./sorted-sets.js";

/** Entries by id, each a list of [field, value] pairs. */
export type StreamEntryDataType = Record<string, [GlideString, GlideString][]>;

/** Values inside XINFO STREAM's reply. */
export type StreamEntries = GlideString | number | (GlideString | number | GlideString[])[][];

/** XINFO STREAM: a record; with FULL, `groups` lists records whose `consumers` are records too. */
export type ReturnTypeXinfoStream = Record<
  string,
  StreamEntries | Record<string, StreamEntries | Record<string, StreamEntries>[]>[]
>;

/** MAXLEN or MINID trimming; `exact: false` trims near-exactly (`~`). */
export type StreamTrimOptions = (
  | { method: "minid"; threshold: GlideString }
  | { method: "maxlen"; threshold: number }
) & {
  exact: boolean;
  /** At most this many entries deleted per call (LIMIT; near-exact trimming only). */
  limit?: number;
};

export interface StreamAddOptions {
  /** An explicit id instead of `*`. */
  id?: string;
  /** `false`: do not create a missing stream (NOMKSTREAM). */
  makeStream?: boolean;
  trim?: StreamTrimOptions;
}

export interface StreamReadOptions {
  /** Block up to this many ms (0 = forever) for new entries (BLOCK). */
  block?: number;
  count?: number;
}

export type StreamReadGroupOptions = StreamReadOptions & {
  /** Do not add the entries to the pending list (NOACK). */
  noAck?: boolean;
};

export interface StreamPendingOptions {
  /** Only entries idle at least this many ms (IDLE). */
  minIdleTime?: number;
  start: Boundary<string>;
  end: Boundary<string>;
  count: number;
  consumer?: GlideString;
}

export interface StreamClaimOptions {
  /** Set the idle time, in ms (IDLE). */
  idle?: number;
  /** Set the idle time as a Unix time in ms (TIME). */
  idleUnixTime?: number;
  /** Set the delivery counter (RETRYCOUNT). */
  retryCount?: number;
  /** Claim ids even if not pending (FORCE). */
  isForce?: boolean;
}

export interface StreamGroupOptions {
  /** Create the stream if it does not exist (MKSTREAM). */
  mkStream?: boolean;
  /** The group's entries-read counter (ENTRIESREAD, Valkey 7.0+). */
  entriesRead?: string;
}
