// Option types and enums of the list commands, named and valued as GLIDE's.

/** Which end of a list to pop from or push to. */
export enum ListDirection {
  LEFT = "LEFT",
  RIGHT = "RIGHT",
}

/** Where LINSERT puts the new element relative to the pivot. */
export enum InsertPosition {
  Before = "before",
  After = "after",
}

/** Optional arguments of LPOS. */
export interface LPosOptions {
  /** The rank of the match to return (negative searches from the tail). */
  rank?: number;
  /** How many matching indices to return; with it the result is a list. */
  count?: number;
  /** The maximum number of comparisons to make. */
  maxLength?: number;
}
