// Standalone functionStats: FUNCTION STATS on every node (primary and
// replicas), as GLIDE does, keyed by "host:port". Sent outside the request
// queue to each connection; server errors reject with the server's message.
import {
  Decoder,
  type FunctionStatsFullResponse,
  type FunctionStatsSingleResponse,
  functionStatsBatch,
  parseReply,
} from "@petrel/commands";
import { ConnectionError, RequestError } from "@petrel/protocol";
import type { NodeConnection } from "../connection/node-connection.js";

/** Strings of a parsed reply as Buffers (the per-node request decodes strings as text). */
function asBytes<T>(value: T): T {
  if (typeof value === "string") return Buffer.from(value) as T;
  if (Array.isArray(value)) return value.map(asBytes) as T;
  if (value !== null && typeof value === "object" && !Buffer.isBuffer(value)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, asBytes(item)]),
    ) as T;
  }
  return value;
}

export async function functionStatsOfNodes(
  connections: readonly NodeConnection[],
  decoder: Decoder | undefined,
): Promise<FunctionStatsFullResponse> {
  if (connections.length === 0) throw new ConnectionError("No node to ask for FUNCTION STATS");
  const command = functionStatsBatch();
  const entries = await Promise.all(
    connections.map(async (connection): Promise<[string, FunctionStatsSingleResponse]> => {
      await connection.connect();
      const [reply] = await connection.execute([command.args]);
      if (reply instanceof RequestError) throw reply;
      if (reply === undefined) throw new ConnectionError("FUNCTION STATS got no reply");
      const stats = parseReply(command, reply, connection.resp);
      return [connection.addressKey, decoder === Decoder.Bytes ? asBytes(stats) : stats];
    }),
  );
  return Object.fromEntries(entries);
}
