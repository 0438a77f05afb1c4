// Option types and enums of the hash commands (field expiry included), named
// and valued as GLIDE's. (HashDataType, a reply shape, is in replies/glide-types.ts.)
import type { GlideString } from "@petrel/protocol";
import type { HashDataType } from "../replies/glide-types.js";
import type { BaseScanOptions } from "./scan.js";
import type { TimeUnit } from "./time-unit.js";

/** HSETEX's FNX / FXX. */
export enum HashFieldConditionalChange {
  /** Only set the fields if all of them already exist (`FXX`). */
  ONLY_IF_ALL_EXIST = "FXX",
  /** Only set the fields if none of them exists yet (`FNX`). */
  ONLY_IF_NONE_EXIST = "FNX",
}

/** An expiry for hash fields: a time, or keep the current TTL. */
export type ExpirySet = { type: TimeUnit; count: number } | "KEEPTTL";

/** HSETEX's expiry: EX/PX/EXAT/PXAT or KEEPTTL (no PERSIST). */
export type HSetExExpiry = { type: TimeUnit; count: number } | "KEEPTTL";

/** HGETEX's expiry: EX/PX/EXAT/PXAT or PERSIST (no KEEPTTL). */
export type HGetExExpiry = { type: TimeUnit; count: number } | "PERSIST";

/** Optional arguments of HSETEX. */
export interface HSetExOptions {
  fieldConditionalChange?: HashFieldConditionalChange;
  expiry?: HSetExExpiry;
}

/** Optional arguments of HGETEX. */
export interface HGetExOptions {
  expiry?: HGetExExpiry;
}

/** HEXPIRE-family conditions: NX / XX / GT / LT. */
export enum HashExpirationCondition {
  ONLY_IF_NO_EXPIRY = "NX",
  ONLY_IF_HAS_EXPIRY = "XX",
  ONLY_IF_GREATER_THAN_CURRENT = "GT",
  ONLY_IF_LESS_THAN_CURRENT = "LT",
}

/** Optional arguments of HEXPIRE, HPEXPIRE, HEXPIREAT and HPEXPIREAT. */
export interface HExpireOptions {
  condition?: HashExpirationCondition;
}

/** Optional arguments of HSCAN. */
export type HScanOptions = BaseScanOptions & {
  /** Return field names only (`NOVALUES`, Valkey 8+). */
  readonly noValues?: boolean;
};

/** HSET/HSETEX input as a HashDataType list (a plain object's entries, in order). */
export const convertFieldsAndValuesToHashDataType = (
  fieldsAndValues: HashDataType | Record<string, GlideString>,
): HashDataType => {
  if (Array.isArray(fieldsAndValues)) return fieldsAndValues;
  return Object.entries(fieldsAndValues).map(([field, value]) => ({ field, value }));
};
