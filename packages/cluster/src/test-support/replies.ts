// Reply fixtures in the shapes the decoder produces.
import type { RespMap, RespValue } from "@petrel/protocol";

/** A RESP3 map from plain pairs. */
export function map(pairs: Record<string, RespValue>): RespMap {
  return Object.entries(pairs).map(([key, value]) => ({ key, value }));
}

/** The RESP2 form of a map: a flat key/value array. */
export function flat(pairs: Record<string, RespValue>): RespValue[] {
  return Object.entries(pairs).flat();
}

/** A CLUSTER SLOTS node entry. */
export function slotsNode(
  host: string | null,
  port: number,
  id = "",
  metadata?: RespValue,
): RespValue[] {
  return metadata === undefined ? [host, port, id] : [host, port, id, metadata];
}

/** A three-shard CLUSTER SLOTS reply, one replica each, on 127.0.0.1:7000-7005. */
export function threeShardSlots(): RespValue[] {
  return [
    [0, 5460, slotsNode("127.0.0.1", 7000, "a0"), slotsNode("127.0.0.1", 7003, "a1")],
    [5461, 10922, slotsNode("127.0.0.1", 7001, "b0"), slotsNode("127.0.0.1", 7004, "b1")],
    [10923, 16383, slotsNode("127.0.0.1", 7002, "c0"), slotsNode("127.0.0.1", 7005, "c1")],
  ];
}
