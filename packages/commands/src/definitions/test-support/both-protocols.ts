// Test helper: parses a command's reply as a RESP2 connection and as a RESP3
// connection would decode it, so tests can assert one result for both.
import type { RespValue } from "@petrel/protocol";
import type { Command } from "../../command.js";
import { parseReply } from "../../spec.js";

/** The command's parsed result for the reply shape each protocol sends. */
export function parseBoth<T>(
  cmd: Command<T>,
  resp2Reply: RespValue,
  resp3Reply: RespValue,
): { resp2: T; resp3: T } {
  return {
    resp2: parseReply(cmd, resp2Reply, 2),
    resp3: parseReply(cmd, resp3Reply, 3),
  };
}

/** A RESP3 map as the decoder gives it. */
export function respMap(...entries: [RespValue, RespValue][]): RespValue {
  return entries.map(([key, value]) => ({ key, value }));
}
