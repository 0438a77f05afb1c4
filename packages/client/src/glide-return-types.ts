// GLIDE's names for the object-shaped members of its `GlideReturnType` union. Petrel's
// replies never take these shapes: maps arrive as `GlideRecord` lists (as GLIDE's own
// commands return them) and RESP3 attributes are dropped by the decoder. The types are
// here so that code written for GLIDE that names them compiles unchanged.
import type { GlideReturnType } from "@petrel/commands";

/** GLIDE's reply map as a plain object, keyed by strings. */
export type ReturnTypeRecord = { [key: string]: GlideReturnType };

/** GLIDE's reply map as a `Map`, keyed by strings. */
export type ReturnTypeMap = Map<string, GlideReturnType>;

/** GLIDE's RESP3 attribute reply: a value with the attributes the server attached. */
export interface ReturnTypeAttribute {
  value: GlideReturnType;
  attributes: ReturnTypeRecord;
}
