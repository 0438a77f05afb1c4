// Reply shapes for scored members, which differ by protocol: RESP2 flattens
// member/score pairs with scores as `%.17g` bulk strings, RESP3 nests
// [member, double] pairs.

import type { ReplyFrame } from "@petrel/protocol";
import { array, bulkLatin1, double } from "./reply.js";
import type { ScoredMember } from "./sorted-set.js";

export function membersReply(
  items: readonly ScoredMember[],
  withScores: boolean,
  resp: 2 | 3,
): ReplyFrame {
  if (!withScores) return array(items.map((item) => bulkLatin1(item.member)));
  return scoredPairs(items, resp);
}

/** Pairs nested in RESP3, flat in RESP2. */
export function scoredPairs(items: readonly ScoredMember[], resp: 2 | 3): ReplyFrame {
  if (resp === 3)
    return array(items.map((item) => array([bulkLatin1(item.member), double(item.score, 3)])));
  return array(items.flatMap((item) => [bulkLatin1(item.member), double(item.score, 2)]));
}

/** Pairs nested whatever the protocol (ZMPOP, BZMPOP). */
export function nestedPairs(items: readonly ScoredMember[], resp: 2 | 3): ReplyFrame {
  return array(items.map((item) => array([bulkLatin1(item.member), double(item.score, resp)])));
}

/** One popped pair, always flat (ZPOPMIN without count). */
export function flatPair(item: ScoredMember | undefined, resp: 2 | 3): ReplyFrame {
  return array(item === undefined ? [] : [bulkLatin1(item.member), double(item.score, resp)]);
}
