// GLIDE's return-shape types and the two record helpers it exports.
import type { GlideString, RespValue } from "@petrel/protocol";

/** A map reply as GLIDE returns it: an ordered list of entries (keys may be Buffers). */
export type GlideRecord<T> = { key: GlideString; value: T }[];

/** Sorted-set members with their scores. */
export type SortedSetDataType = { element: GlideString; score: number }[];

/** Hash fields with their values. */
export type HashDataType = { field: GlideString; value: GlideString }[];

/** Any reply, unshaped (customCommand, batches). Maps are GlideRecord-shaped lists. */
export type GlideReturnType = RespValue;

/** A cluster reply: one value from a single node, or one per node keyed by "host:port". */
export type ClusterResponse<T> = T | Record<string, T>;

/** A record list to a plain object (keys stringified; later duplicates win). */
export const convertGlideRecordToRecord = <T>(data: GlideRecord<T>): Record<string, T> => {
  const record: Record<string, T> = {};
  for (const { key, value } of data) record[key.toString()] = value;
  return record;
};

/** A plain object to a record list, in the object's key order. */
export const convertRecordToGlideRecord = <T>(data: Record<string, T>): GlideRecord<T> =>
  Object.entries(data).map(([key, value]) => ({ key, value }));
