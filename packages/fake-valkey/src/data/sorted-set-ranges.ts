// Score and lex ranges for sorted-set commands, parsed with the server's
// rules, and the selection of members by rank, score or lex range.

import { Errors, fail } from "./errors.js";
import { parseRangeDouble } from "./float.js";
import type { ScoredMember, SortedSet } from "./sorted-set.js";

export interface ScoreRange {
  readonly min: number;
  readonly minExclusive: boolean;
  readonly max: number;
  readonly maxExclusive: boolean;
}

export interface LexBound {
  /** undefined = unbounded ("-" or "+"). */
  readonly value: string | undefined;
  readonly exclusive: boolean;
  readonly infinite: "-" | "+" | undefined;
}

export interface LexRange {
  readonly min: LexBound;
  readonly max: LexBound;
}

function parseScoreBound(text: string): { value: number; exclusive: boolean } | undefined {
  const exclusive = text.startsWith("(");
  const value = parseRangeDouble(exclusive ? text.slice(1) : text);
  return value === undefined ? undefined : { value, exclusive };
}

export function parseScoreRange(minArg: Buffer, maxArg: Buffer): ScoreRange {
  const min = parseScoreBound(minArg.toString("latin1"));
  const max = parseScoreBound(maxArg.toString("latin1"));
  if (min === undefined || max === undefined) fail(Errors.minMaxNotFloat);
  return {
    min: min.value,
    minExclusive: min.exclusive,
    max: max.value,
    maxExclusive: max.exclusive,
  };
}

function parseLexBound(text: string): LexBound | undefined {
  if (text === "-" || text === "+") return { value: undefined, exclusive: false, infinite: text };
  if (text.startsWith("(")) return { value: text.slice(1), exclusive: true, infinite: undefined };
  if (text.startsWith("[")) return { value: text.slice(1), exclusive: false, infinite: undefined };
  return undefined;
}

export function parseLexRange(minArg: Buffer, maxArg: Buffer): LexRange {
  const min = parseLexBound(minArg.toString("latin1"));
  const max = parseLexBound(maxArg.toString("latin1"));
  if (min === undefined || max === undefined) fail(Errors.minMaxNotLex);
  return { min, max };
}

export function inScoreRange(score: number, range: ScoreRange): boolean {
  const aboveMin = range.minExclusive ? score > range.min : score >= range.min;
  const belowMax = range.maxExclusive ? score < range.max : score <= range.max;
  return aboveMin && belowMax;
}

function aboveLexMin(member: string, bound: LexBound): boolean {
  if (bound.infinite === "-") return true;
  if (bound.infinite === "+") return false;
  const value = bound.value as string;
  return bound.exclusive ? member > value : member >= value;
}

function belowLexMax(member: string, bound: LexBound): boolean {
  if (bound.infinite === "+") return true;
  if (bound.infinite === "-") return false;
  const value = bound.value as string;
  return bound.exclusive ? member < value : member <= value;
}

export function inLexRange(member: string, range: LexRange): boolean {
  return aboveLexMin(member, range.min) && belowLexMax(member, range.max);
}

/** Members within a score range, ascending. */
export function byScore(zset: SortedSet, range: ScoreRange): ScoredMember[] {
  if (
    range.min > range.max ||
    (range.min === range.max && (range.minExclusive || range.maxExclusive))
  )
    return [];
  const start = zset.firstAtLeast(range.min, range.minExclusive);
  const end = zset.endAtMost(range.max, range.maxExclusive);
  return start >= end ? [] : zset.slice(start, end - 1);
}

/** Members within a lex range, ascending (meaningful when all scores are equal, as the server assumes). */
export function byLex(zset: SortedSet, range: LexRange): ScoredMember[] {
  return zset.entries().filter((entry) => inLexRange(entry.member, range));
}

/** LIMIT offset count: negative offset selects nothing, negative count means all. */
export function applyLimit<T>(items: T[], offset: number, count: number): T[] {
  if (offset < 0) return [];
  return count < 0 ? items.slice(offset) : items.slice(offset, offset + count);
}
