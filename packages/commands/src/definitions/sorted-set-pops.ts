// Sorted-set pops, blocking ones included, with GLIDE's names and signatures.
// Blocking commands carry their block time so the client can wait past its
// request timeout.
import type { GlideString, RespValue } from "@petrel/protocol";
import type { Command, CommandArg, DecoderOption } from "../command.js";
import type { ScoreFilter } from "../options/sorted-sets.js";
import { toTuple } from "../replies/collections.js";
import type { SortedSetDataType } from "../replies/glide-types.js";
import { toFloat, toGlideString } from "../replies/scalars.js";
import type { ParseSite } from "../replies/unexpected.js";
import { command, defineSpec, secondsToBlockMs } from "../spec.js";
import { type CountOption, countOf, decoderOf } from "./option-forms.js";
import { toSortedSetData } from "./pair-replies.js";

type KeyMemberScore = [GlideString, GlideString, number] | null;
type KeyAndMembers = [GlideString, SortedSetDataType] | null;

const toKeyMemberScore = (reply: RespValue, cmd?: ParseSite): KeyMemberScore => {
  if (reply === null) return null;
  const [key, member, score] = toTuple(reply, cmd, 3, "a [key, member, score] array");
  return [toGlideString(key, cmd), toGlideString(member, cmd), toFloat(score, cmd)];
};

const toKeyAndMembers = (reply: RespValue, cmd?: ParseSite): KeyAndMembers => {
  if (reply === null) return null;
  const [key, members] = toTuple(reply, cmd, 2, "a [key, members] array");
  return [toGlideString(key, cmd), toSortedSetData(members, cmd)];
};

const ZPOPMIN = /* @__PURE__ */ defineSpec<SortedSetDataType>("ZPopMin", toSortedSetData);
const ZPOPMAX = /* @__PURE__ */ defineSpec<SortedSetDataType>("ZPopMax", toSortedSetData);
const BZPOPMIN = /* @__PURE__ */ defineSpec<KeyMemberScore>("BZPopMin", toKeyMemberScore);
const BZPOPMAX = /* @__PURE__ */ defineSpec<KeyMemberScore>("BZPopMax", toKeyMemberScore);
const ZMPOP = /* @__PURE__ */ defineSpec<KeyAndMembers>("ZMPop", toKeyAndMembers);
const BZMPOP = /* @__PURE__ */ defineSpec<KeyAndMembers>("BZMPop", toKeyAndMembers);

/** ZPOPMIN / ZPOPMAX with the optional count. */
const pop = (
  spec: typeof ZPOPMIN,
  key: GlideString,
  options: CountOption | undefined,
): Command<SortedSetDataType> => {
  const args: CommandArg[] = [spec.name, key];
  const count = countOf(options);
  if (count !== undefined) args.push(count);
  return command(spec, args, decoderOf(options));
};

/** ZPOPMIN: the lowest-scored member (or `count` of them), as `{ element, score }` entries. */
export const zpopmin = (key: GlideString, options?: CountOption): Command<SortedSetDataType> =>
  pop(ZPOPMIN, key, options);

/** ZPOPMAX: the highest-scored member (or `count` of them), as `{ element, score }` entries. */
export const zpopmax = (key: GlideString, options?: CountOption): Command<SortedSetDataType> =>
  pop(ZPOPMAX, key, options);

/** BZPOPMIN: [key, member, score] from the first non-empty set, or null after `timeout` s. */
export const bzpopmin = (
  keys: GlideString[],
  timeout: number,
  options?: DecoderOption,
): Command<KeyMemberScore> =>
  command(BZPOPMIN, ["BZPOPMIN", ...keys, timeout], options?.decoder, {
    blockMs: secondsToBlockMs(timeout),
  });

/** BZPOPMAX: [key, member, score] from the first non-empty set, or null after `timeout` s. */
export const bzpopmax = (
  keys: GlideString[],
  timeout: number,
  options?: DecoderOption,
): Command<KeyMemberScore> =>
  command(BZPOPMAX, ["BZPOPMAX", ...keys, timeout], options?.decoder, {
    blockMs: secondsToBlockMs(timeout),
  });

/** ZMPOP: [key, entries] from the first non-empty set, or null. */
export const zmpop = (
  keys: GlideString[],
  modifier: ScoreFilter,
  options?: CountOption,
): Command<KeyAndMembers> => {
  const args: CommandArg[] = ["ZMPOP", keys.length, ...keys, modifier];
  const count = countOf(options);
  if (count !== undefined) args.push("COUNT", count);
  return command(ZMPOP, args, decoderOf(options));
};

/** BZMPOP: ZMPOP that waits up to `timeout` seconds (0 = forever). */
export const bzmpop = (
  keys: GlideString[],
  modifier: ScoreFilter,
  timeout: number,
  options?: CountOption,
): Command<KeyAndMembers> => {
  const args: CommandArg[] = ["BZMPOP", timeout, keys.length, ...keys, modifier];
  const count = countOf(options);
  if (count !== undefined) args.push("COUNT", count);
  return command(BZMPOP, args, decoderOf(options), { blockMs: secondsToBlockMs(timeout) });
};

/** Merged into `sortedSetCommands`. */
export const sortedSetPopCommands = {
  zpopmin,
  zpopmax,
  bzpopmin,
  bzpopmax,
  zmpop,
  bzmpop,
};
