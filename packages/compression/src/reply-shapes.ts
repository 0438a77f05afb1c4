// Reply values as the client's decoder would have given them. Commands whose
// replies are expanded are read as Buffers (compressed bytes are not text); when
// the caller asked for strings, the replies are turned into strings afterwards,
// the way the RESP decoder does it (UTF-8).
import type { RespValue } from "@petrel/protocol";
import type { ValueCompressor } from "./value-compressor.js";

/** A GET-family reply with its values expanded: one value, or a list of them (MGET). */
export function expandReply(reply: RespValue, values: ValueCompressor): RespValue {
  if (Buffer.isBuffer(reply)) return values.decompress(reply);
  if (Array.isArray(reply)) {
    let out: RespValue[] | undefined;
    for (let index = 0; index < reply.length; index++) {
      const item = reply[index] as RespValue;
      if (!Buffer.isBuffer(item)) continue;
      const expanded = values.decompress(item);
      if (expanded === item) continue;
      out ??= reply.slice() as RespValue[];
      out[index] = expanded;
    }
    return out ?? reply;
  }
  return reply;
}

/** `reply` with every bulk string as a UTF-8 string, at any depth. */
export function toStrings(reply: RespValue): RespValue {
  if (Buffer.isBuffer(reply)) return reply.toString("utf8");
  if (Array.isArray(reply)) return reply.map((item) => toStrings(item as RespValue)) as RespValue;
  if (reply instanceof Set) {
    const out = new Set<RespValue>();
    for (const item of reply) out.add(toStrings(item));
    return out;
  }
  if (typeof reply === "object" && reply !== null && !(reply instanceof Error) && "key" in reply) {
    const entry = reply as { key: RespValue; value: RespValue };
    return { key: toStrings(entry.key), value: toStrings(entry.value) } as unknown as RespValue;
  }
  return reply;
}
