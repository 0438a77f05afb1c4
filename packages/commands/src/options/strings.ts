// Options of the string commands (SET, GETEX, LCS).
import type { GlideString } from "@petrel/protocol";
import type { TimeUnit } from "./time-unit.js";

/** SET options, as GLIDE defines them. */
export type SetOptions = (
  | {
      /** `onlyIfExists` (XX) or `onlyIfDoesNotExist` (NX). */
      conditionalSet?: "onlyIfExists" | "onlyIfDoesNotExist";
    }
  | {
      /** `onlyIfEqual` (IFEQ, Valkey 8.1+): only set if the current value equals `comparisonValue`. */
      conditionalSet: "onlyIfEqual";
      comparisonValue: GlideString;
    }
) & {
  /** Return the old value (GET). */
  returnOldValue?: boolean;
  /** An expiry, or `keepExisting` (KEEPTTL). */
  expiry?: "keepExisting" | { type: TimeUnit; count: number };
};

/** GETEX's expiry: `persist` removes it, otherwise a new one. */
export interface GetExOptions {
  expiry: "persist" | { type: TimeUnit; duration: number };
}

/** LCS IDX options. */
export interface LcsIdxOptions {
  /** Include each match's length (WITHMATCHLEN). */
  withMatchLen?: boolean;
  /** Only matches at least this long (MINMATCHLEN). */
  minMatchLen?: number;
}
