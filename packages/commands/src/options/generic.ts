// Options of the generic key commands (EXPIRE family, RESTORE, SORT, MIGRATE, COPY).
import type { GlideString } from "@petrel/protocol";

/** EXPIRE conditions; values are the wire tokens. */
export enum ExpireOptions {
  /** Only when the key has no expiry (NX). */
  HasNoExpiry = "NX",
  /** Only when the key has an expiry (XX). */
  HasExistingExpiry = "XX",
  /** Only when the new expiry is later (GT). */
  NewExpiryGreaterThanCurrent = "GT",
  /** Only when the new expiry is sooner (LT). */
  NewExpiryLessThanCurrent = "LT",
}

/** RESTORE options. IDLETIME and FREQ cannot be combined. */
export interface RestoreOptions {
  replace?: boolean;
  /** `ttl` is an absolute Unix time in ms (ABSTTL). */
  absttl?: boolean;
  idletime?: number;
  frequency?: number;
}

export enum SortOrder {
  ASC = "ASC",
  DESC = "DESC",
}

export interface Limit {
  offset: number;
  count: number;
}

/** SORT options. */
export interface SortOptions {
  /** Sort by the values of keys built from this pattern (BY). */
  byPattern?: GlideString;
  limit?: Limit;
  /** Return values of keys built from these patterns (GET), `#` for the element itself. */
  getPatterns?: GlideString[];
  orderBy?: SortOrder;
  /** Sort lexicographically (ALPHA). */
  isAlpha?: boolean;
}

/** MIGRATE options. */
export interface MigrateOptions {
  copy?: boolean;
  replace?: boolean;
  password?: string;
  /** Needs `password` (AUTH2). */
  username?: string;
}

/** COPY options. */
export interface CopyOptions {
  destinationDB?: number;
  replace?: boolean;
}
