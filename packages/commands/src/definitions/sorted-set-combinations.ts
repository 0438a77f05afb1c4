// Sorted-set commands over several keys: intersections, unions, differences,
// their STORE forms and ZINTERCARD. GLIDE's names and signatures.
import type { GlideString } from "@petrel/protocol";
import type { Command, DecoderOption } from "../command.js";
import type { AggregationType, KeyWeight } from "../options/sorted-sets.js";
import type { SortedSetDataType } from "../replies/glide-types.js";
import { toNumber } from "../replies/scalars.js";
import { command, defineSpec } from "../spec.js";
import { toGlideStrings, toSortedSetData } from "./pair-replies.js";
import { weightedKeysArgs } from "./sorted-set-arguments.js";

type Keys = GlideString[] | KeyWeight[];
type AggregationOption = { aggregationType?: AggregationType };

const ZINTER = /* @__PURE__ */ defineSpec<GlideString[]>("ZInter", toGlideStrings);
const ZINTER_WITH_SCORES = /* @__PURE__ */ defineSpec<SortedSetDataType>("ZInter", toSortedSetData);
const ZUNION = /* @__PURE__ */ defineSpec<GlideString[]>("ZUnion", toGlideStrings);
const ZUNION_WITH_SCORES = /* @__PURE__ */ defineSpec<SortedSetDataType>("ZUnion", toSortedSetData);
const ZDIFF = /* @__PURE__ */ defineSpec<GlideString[]>("ZDiff", toGlideStrings);
const ZDIFF_WITH_SCORES = /* @__PURE__ */ defineSpec<SortedSetDataType>("ZDiff", toSortedSetData);
const ZINTERSTORE = /* @__PURE__ */ defineSpec<number>("ZInterStore", toNumber);
const ZUNIONSTORE = /* @__PURE__ */ defineSpec<number>("ZUnionStore", toNumber);
const ZDIFFSTORE = /* @__PURE__ */ defineSpec<number>("ZDiffStore", toNumber);
const ZINTERCARD = /* @__PURE__ */ defineSpec<number>("ZInterCard", toNumber);

/** ZINTER: members present in every set. */
export const zinter = (keys: GlideString[], options?: DecoderOption): Command<GlideString[]> =>
  command(ZINTER, ["ZINTER", keys.length, ...keys], options?.decoder);

/** ZINTER … WITHSCORES, keys optionally weighted, scores combined by `aggregationType`. */
export const zinterWithScores = (
  keys: Keys,
  options?: AggregationOption & DecoderOption,
): Command<SortedSetDataType> =>
  command(
    ZINTER_WITH_SCORES,
    ["ZINTER", ...weightedKeysArgs(keys, options?.aggregationType), "WITHSCORES"],
    options?.decoder,
  );

/** ZUNION: members present in any set. */
export const zunion = (keys: GlideString[], options?: DecoderOption): Command<GlideString[]> =>
  command(ZUNION, ["ZUNION", keys.length, ...keys], options?.decoder);

/** ZUNION … WITHSCORES, keys optionally weighted, scores combined by `aggregationType`. */
export const zunionWithScores = (
  keys: Keys,
  options?: AggregationOption & DecoderOption,
): Command<SortedSetDataType> =>
  command(
    ZUNION_WITH_SCORES,
    ["ZUNION", ...weightedKeysArgs(keys, options?.aggregationType), "WITHSCORES"],
    options?.decoder,
  );

/** ZDIFF: members of the first set that are in none of the others. */
export const zdiff = (keys: GlideString[], options?: DecoderOption): Command<GlideString[]> =>
  command(ZDIFF, ["ZDIFF", keys.length, ...keys], options?.decoder);

/** ZDIFF … WITHSCORES. */
export const zdiffWithScores = (
  keys: GlideString[],
  options?: DecoderOption,
): Command<SortedSetDataType> =>
  command(ZDIFF_WITH_SCORES, ["ZDIFF", keys.length, ...keys, "WITHSCORES"], options?.decoder);

/** ZINTERSTORE: resolves to the size of the stored set. */
export const zinterstore = (
  destination: GlideString,
  keys: Keys,
  options?: AggregationOption,
): Command<number> =>
  command(ZINTERSTORE, [
    "ZINTERSTORE",
    destination,
    ...weightedKeysArgs(keys, options?.aggregationType),
  ]);

/** ZUNIONSTORE: resolves to the size of the stored set. */
export const zunionstore = (
  destination: GlideString,
  keys: Keys,
  options?: AggregationOption,
): Command<number> =>
  command(ZUNIONSTORE, [
    "ZUNIONSTORE",
    destination,
    ...weightedKeysArgs(keys, options?.aggregationType),
  ]);

/** ZDIFFSTORE: resolves to the size of the stored set. */
export const zdiffstore = (destination: GlideString, keys: GlideString[]): Command<number> =>
  command(ZDIFFSTORE, ["ZDIFFSTORE", destination, keys.length, ...keys]);

/** ZINTERCARD: the size of the intersection, counting stops at `limit`. */
export const zintercard = (keys: GlideString[], options?: { limit?: number }): Command<number> => {
  const args: (GlideString | number)[] = ["ZINTERCARD", keys.length, ...keys];
  if (options?.limit !== undefined) args.push("LIMIT", options.limit);
  return command(ZINTERCARD, args);
};

/** Merged into `sortedSetCommands`. */
export const sortedSetCombinationCommands = {
  zinter,
  zinterWithScores,
  zunion,
  zunionWithScores,
  zdiff,
  zdiffWithScores,
  zinterstore,
  zunionstore,
  zdiffstore,
  zintercard,
};
