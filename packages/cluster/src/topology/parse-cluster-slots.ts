// CLUSTER SLOTS → Topology. Each element is [start, end, primary, ...replicas],
// each node [endpoint, port, id?, metadata?, ...future fields]. Fields beyond
// those are ignored; entries that cannot be read are skipped rather than
// failing the whole view, since one odd range must not hide the others.
import { RequestError, type RespValue } from "@petrel/protocol";
import { SLOT_COUNT } from "../slots/slot-of.js";
import { endpointHost, portOf } from "./endpoint.js";
import { arrayOf, entriesOf, integerOf, optionalTextOf, textOf } from "./resp-read.js";
import { buildTopology, type NodeInput, type ShardInput, type Topology } from "./topology.js";

export function parseClusterSlots(reply: RespValue, seedHost: string): Topology {
  const ranges = arrayOf(reply);
  if (ranges === undefined)
    throw new RequestError("Invalid CLUSTER SLOTS reply: expected an array of slot ranges");
  const shards: ShardInput[] = [];
  for (const entry of ranges) {
    const fields = arrayOf(entry);
    if (fields === undefined || fields.length < 3) continue;
    const start = integerOf(fields[0]);
    const end = integerOf(fields[1]);
    if (start === undefined || end === undefined || start < 0 || end >= SLOT_COUNT || start > end)
      continue;
    // An unusable primary ("?" endpoint) leaves its slots unassigned: sending
    // them to the seed instead would be a guess, and MOVED will correct it.
    const primary = parseSlotsNode(fields[2], seedHost);
    if (primary === undefined) continue;
    const replicas: NodeInput[] = [];
    for (let i = 3; i < fields.length; i++) {
      const replica = parseSlotsNode(fields[i], seedHost);
      if (replica !== undefined) replicas.push(replica);
    }
    shards.push({ primary, replicas, slotRanges: [{ start, end }] });
  }
  return buildTopology(shards);
}

function parseSlotsNode(value: RespValue | undefined, seedHost: string): NodeInput | undefined {
  const fields = arrayOf(value);
  if (fields === undefined || fields.length < 2) return undefined;
  const host = endpointHost(fields[0], seedHost);
  const port = portOf(fields[1]);
  if (host === undefined || port === undefined) return undefined;
  const id = textOf(fields[2]);
  const metadata = entriesOf(fields[3]);
  return {
    host,
    port,
    id: id === "" ? undefined : id,
    az: metadata === undefined ? undefined : optionalTextOf(metadata.get("availability-zone")),
    hostname: metadata === undefined ? undefined : optionalTextOf(metadata.get("hostname")),
    ip: metadata === undefined ? undefined : optionalTextOf(metadata.get("ip")),
  };
}
