// Short constructors for reply frames, so handlers read like the replies they build.

import type { ReplyFrame } from "@petrel/protocol";

export const OK: ReplyFrame = { type: "simple", value: "OK" };
export const QUEUED: ReplyFrame = { type: "simple", value: "QUEUED" };
export const NULL_BULK: ReplyFrame = { type: "bulk", value: null };
export const NULL_ARRAY: ReplyFrame = { type: "array", value: null };

export function simple(value: string): ReplyFrame {
  return { type: "simple", value };
}

export function error(value: string): ReplyFrame {
  return { type: "error", value };
}

export function integer(value: number | bigint): ReplyFrame {
  return { type: "integer", value };
}

export function bulk(value: string | Buffer | null): ReplyFrame {
  return { type: "bulk", value };
}

export function array(value: readonly ReplyFrame[]): ReplyFrame {
  return { type: "array", value };
}

export function map(entries: readonly (readonly [ReplyFrame, ReplyFrame])[]): ReplyFrame {
  return { type: "map", value: entries };
}

/** A map with bulk-string keys, as most server replies have. */
export function record(fields: readonly (readonly [string, ReplyFrame])[]): ReplyFrame {
  return map(fields.map(([key, value]) => [bulk(key), value] as const));
}

export function push(value: readonly ReplyFrame[]): ReplyFrame {
  return { type: "push", value };
}

/** Text that RESP3 sends as a verbatim `txt` string and RESP2 as a bulk string. */
export function verbatim(text: string): ReplyFrame {
  return { type: "verbatim", format: "txt", value: text };
}

export function wrongArity(fullName: string): ReplyFrame {
  return error(`ERR wrong number of arguments for '${fullName}' command`);
}

export const SYNTAX_ERROR: ReplyFrame = error("ERR syntax error");
