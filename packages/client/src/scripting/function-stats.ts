// Standalone functionStats: FUNCTION STATS on every node (primary and
// replicas), as GLIDE does, keyed by "host:port". Sent outside the request
// queue to each connection; server errors reject with the server's message.
import {
  Decoder,
  type FunctionStatsFullResponse,
  type FunctionStatsSingleResponse,
  functionStatsBatch,
  type GlideRecord,
  glideCustomReply,
  parseReply,
} from "@petrel/commands";
import {
  ConnectionError,
  type GlideString,
  glideServerError,
  RequestError,
} from "@petrel/protocol";
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

/**
 * `customCommand(["FUNCTION", "STATS"])` on a standalone client: like GLIDE, every node
 * answers, and the result is a `{ key: "host:port", value }` list of their replies.
 */
export async function customFunctionStatsOfNodes(
  connections: readonly NodeConnection[],
  args: readonly GlideString[],
  decoder: Decoder | undefined,
): Promise<GlideRecord<unknown>> {
  if (connections.length === 0) throw new ConnectionError("No node to ask for FUNCTION STATS");
  return Promise.all(
    connections.map(async (connection) => {
      await connection.connect();
      const [reply] = await connection.execute([args]);
      if (reply instanceof RequestError) throw glideServerError(reply);
      if (reply === undefined) throw new ConnectionError("FUNCTION STATS got no reply");
      const value = glideCustomReply(reply, args);
      return {
        key: connection.addressKey,
        value: decoder === Decoder.Bytes ? asBytes(value) : value,
      };
    }),
  );
}
