// Argument builders shared by the sorted-set definitions: score and lex
// boundaries, ZRANGE-style ranges, ZADD options and weighted key lists.
import type { GlideString } from "@petrel/protocol";
import { glideArgumentError } from "../args.js";
import type { CommandArg } from "../command.js";
import {
  type AggregationType,
  type Boundary,
  ConditionalChange,
  type ElementAndScore,
  type KeyWeight,
  type RangeByIndex,
  type RangeByLex,
  type RangeByScore,
  type Score,
  type ZAddOptions,
} from "../options/sorted-sets.js";

/** A score as text: ±Infinity as the server spells it. */
const scoreText = (value: number): string => {
  if (value === Number.POSITIVE_INFINITY) return "+inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  return String(value);
};

/** A score boundary: `+inf`/`-inf`, `(1.5` (exclusive) or `1.5`. */
export const scoreBoundaryArg = (boundary: Boundary<number>): string => {
  if (typeof boundary === "string") return `${boundary}inf`;
  const value = scoreText(boundary.value);
  return boundary.isInclusive === false ? `(${value}` : value;
};

/** A lex boundary: `+`/`-`, `(abc` (exclusive) or `[abc`; Buffers stay binary. */
export const lexBoundaryArg = (boundary: Boundary<GlideString>): GlideString => {
  if (typeof boundary === "string") return boundary;
  const prefix = boundary.isInclusive === false ? "(" : "[";
  return typeof boundary.value === "string"
    ? prefix + boundary.value
    : Buffer.concat([Buffer.from(prefix), boundary.value]);
};

const isIndexRange = (range: RangeByIndex | RangeByScore | RangeByLex): range is RangeByIndex =>
  !("type" in range);

/**
 * `start end [BYSCORE|BYLEX] [REV] [LIMIT offset count]`, the range part of ZRANGE and
 * ZRANGESTORE.
 */
export const rangeArgs = (
  range: RangeByIndex | RangeByScore | RangeByLex,
  reverse: boolean | undefined,
): CommandArg[] => {
  const args: CommandArg[] = [];
  if (isIndexRange(range)) {
    args.push(range.start, range.end);
  } else if (range.type === "byLex") {
    args.push(lexBoundaryArg(range.start), lexBoundaryArg(range.end), "BYLEX");
  } else {
    args.push(scoreBoundaryArg(range.start), scoreBoundaryArg(range.end), "BYSCORE");
  }
  if (reverse) args.push("REV");
  if (!isIndexRange(range) && range.limit !== undefined) {
    args.push("LIMIT", range.limit.offset, range.limit.count);
  }
  return args;
};

/** ZADD's options as tokens: `[NX|XX] [GT|LT] [CH]`; NX with GT or LT is refused, as GLIDE does. */
export const zaddOptionArgs = (options: ZAddOptions | undefined): CommandArg[] => {
  const args: CommandArg[] = [];
  if (
    options?.conditionalChange === ConditionalChange.ONLY_IF_DOES_NOT_EXIST &&
    options.updateOptions
  )
    throw glideArgumentError(
      `The GT, LT, and NX options are mutually exclusive. Cannot choose both ${options.updateOptions} and NX.`,
    );
  if (options?.conditionalChange) args.push(options.conditionalChange);
  if (options?.updateOptions) args.push(options.updateOptions);
  if (options?.changed) args.push("CH");
  return args;
};

/** `score member score member…` from a list or a plain object, in order. */
export const scoreMemberArgs = (
  membersAndScores: ElementAndScore[] | Record<string, Score>,
): CommandArg[] => {
  const entries: [GlideString, Score][] = Array.isArray(membersAndScores)
    ? membersAndScores.map(({ element, score }) => [element, score])
    : Object.entries(membersAndScores);
  return entries.flatMap(([element, score]) => [score, element]);
};

const isWeighted = (keys: GlideString[] | KeyWeight[]): keys is KeyWeight[] =>
  keys.length > 0 && Array.isArray(keys[0]);

/** `numkeys key… [WEIGHTS w…] [AGGREGATE type]` for ZINTER/ZUNION and their STORE forms. */
export const weightedKeysArgs = (
  keys: GlideString[] | KeyWeight[],
  aggregationType: AggregationType | undefined,
): CommandArg[] => {
  const args: CommandArg[] = [keys.length];
  if (isWeighted(keys)) {
    args.push(...keys.map(([key]) => key), "WEIGHTS", ...keys.map(([, weight]) => weight));
  } else {
    args.push(...keys);
  }
  if (aggregationType) args.push("AGGREGATE", aggregationType);
  return args;
};
