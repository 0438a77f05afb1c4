// Reply shapes shared by the stream commands: an entry is `[id, [field,
// value, …]]`; a deleted entry still pending is `[id, nil]`.

import type { ReplyFrame } from "@petrel/protocol";
import { array, bulk, bulkLatin1, NULL_ARRAY } from "../reply.js";
import type { StreamEntry } from "./stream.js";
import { formatId, type StreamId } from "./stream-id.js";

export function idFrame(id: StreamId): ReplyFrame {
  return bulkLatin1(formatId(id));
}

export function entryFrame(entry: StreamEntry): ReplyFrame {
  return array([idFrame(entry.id), array(entry.fields.map((field) => bulk(field)))]);
}

export function deletedEntryFrame(id: StreamId): ReplyFrame {
  return array([idFrame(id), NULL_ARRAY]);
}
