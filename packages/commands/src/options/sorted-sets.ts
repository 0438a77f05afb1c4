// Option types and enums of the sorted-set commands, named and valued as GLIDE's.
// (SortedSetDataType, a reply shape, is in replies/glide-types.ts.)
import type { GlideString } from "@petrel/protocol";
import type { BaseScanOptions } from "./scan.js";

/** A score, or one of the infinities. */
export type Score = number | "+inf" | "-inf";

/** One member and its score, as ZADD takes them. */
export type ElementAndScore = {
  element: GlideString;
  score: Score;
};

/** ZADD's NX / XX (also used by GEOADD). */
export enum ConditionalChange {
  /** Only update elements that already exist (`XX`). */
  ONLY_IF_EXISTS = "XX",
  /** Only add new elements (`NX`). */
  ONLY_IF_DOES_NOT_EXIST = "NX",
}

/** ZADD's LT / GT. */
export enum UpdateByScore {
  LESS_THAN = "LT",
  GREATER_THAN = "GT",
}

/** Optional arguments of ZADD. */
export interface ZAddOptions {
  conditionalChange?: ConditionalChange;
  updateOptions?: UpdateByScore;
  /** Return the number of changed elements instead of added ones (`CH`). */
  changed?: boolean;
}

/** A key and its weight, for ZINTER/ZUNION and their STORE forms. */
export type KeyWeight = [GlideString, number];

/** How ZINTER/ZUNION combine the scores of one member. */
export type AggregationType = "SUM" | "MIN" | "MAX";

/** An open end of a score or lex range. */
export enum InfBoundary {
  PositiveInfinity = "+",
  NegativeInfinity = "-",
}

/** One end of a range: an infinity, or a value (inclusive unless `isInclusive` is false). */
export type Boundary<T> =
  | InfBoundary
  | {
      value: T;
      isInclusive?: boolean;
    };

/** A range of ranks (zero-based; negative counts from the end). */
export interface RangeByIndex {
  start: number;
  end: number;
}

interface SortedSetRange<T> {
  start: Boundary<T>;
  end: Boundary<T>;
  /** LIMIT offset count; a negative count means every element from the offset. */
  limit?: {
    offset: number;
    count: number;
  };
}

export type RangeByScore = SortedSetRange<number> & { type: "byScore" };
export type RangeByLex = SortedSetRange<GlideString> & { type: "byLex" };

/** Which end ZMPOP/BZMPOP pop from. */
export enum ScoreFilter {
  MAX = "MAX",
  MIN = "MIN",
}

/** Optional arguments of ZSCAN. */
export type ZScanOptions = BaseScanOptions & {
  /** Return members only (`NOSCORES`, Valkey 8+). */
  readonly noScores?: boolean;
};
