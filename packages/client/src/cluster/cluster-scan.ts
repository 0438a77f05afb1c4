// Cluster-wide SCAN: ClusterScanState (from @petrel/cluster) decides which
// node to scan next and which slots are done; this file sends each SCAN to
// the chosen node and reports the reply back. The whole state travels in the
// cursor, so any number of scans can run at once and none needs cleaning up.
import { ClusterScanCursor, ClusterScanState, type Topology } from "@petrel/cluster";
import {
  type ClusterScanOptions,
  type Command,
  customCommandSpec,
  type Decoder,
  scanArgs,
} from "@petrel/commands";
import { ConnectionError, type GlideString, RequestError, type RespValue } from "@petrel/protocol";

/** What the scan needs from the client. */
export interface ScanHost {
  /** The current view, discovered first if needed. */
  view(): Promise<Topology>;
  /** A fresh view after a node could not be scanned. */
  refreshedView(): Promise<Topology>;
  send(command: Command<RespValue>): Promise<RespValue>;
}

/** Node failures tolerated per `scan` call before the error reaches the caller. */
const MAX_NODE_FAILURES = 3;

function text(value: RespValue | undefined): string {
  if (typeof value === "string") return value;
  if (Buffer.isBuffer(value)) return value.toString("latin1");
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  throw new RequestError("SCAN returned an unexpected cursor");
}

function keysOf(value: RespValue | undefined): GlideString[] {
  if (!Array.isArray(value)) throw new RequestError("SCAN returned an unexpected key list");
  return value.map((key) => {
    if (typeof key === "string" || Buffer.isBuffer(key)) return key;
    throw new RequestError("SCAN returned a key that is not a string");
  });
}

/** The node's CLUSTER NODES text, or undefined when it cannot answer (the view then decides). */
async function nodeReport(
  host: ScanHost,
  node: { readonly host: string; readonly port: number },
): Promise<string | undefined> {
  const args = ["CLUSTER", "NODES"];
  try {
    const reply = await host.send({
      spec: customCommandSpec(args),
      args,
      decoder: undefined,
      route: { type: "routeByAddress", host: node.host, port: node.port },
      blockMs: undefined,
      meta: undefined,
    });
    return Buffer.isBuffer(reply)
      ? reply.toString("latin1")
      : typeof reply === "string"
        ? reply
        : undefined;
  } catch {
    return undefined;
  }
}

/** One step of a cluster scan: one SCAN on one node. Returns the next cursor and the keys found. */
export async function clusterScan(
  host: ScanHost,
  cursor: ClusterScanCursor,
  options: (ClusterScanOptions & { decoder?: Decoder }) | undefined,
): Promise<[ClusterScanCursor, GlideString[]]> {
  if (!(cursor instanceof ClusterScanCursor))
    throw new RequestError("scan needs a ClusterScanCursor (new ClusterScanCursor() to start)");
  const state = ClusterScanState.fromCursor(cursor);
  const scanOptions = { allowNonCoveredSlots: options?.allowNonCoveredSlots === true };
  let view = await host.view();
  for (let failures = 0; ; ) {
    const next = state.next(view, scanOptions);
    if (next.kind === "finished") return [state.toCursor(), []];
    if (next.kind === "error") throw next.error;
    const args = ["SCAN", next.cursor, ...scanArgs(options)];
    const command: Command<RespValue> = {
      spec: customCommandSpec(args),
      args,
      decoder: options?.decoder,
      route: { type: "routeByAddress", host: next.node.host, port: next.node.port },
      blockMs: undefined,
      meta: undefined,
    };
    let reply: RespValue;
    try {
      reply = await host.send(command);
    } catch (error) {
      // The node is gone: its pass is dropped and its slots are scanned again from their new owner.
      const nodeGone =
        error instanceof ConnectionError ||
        (error instanceof RequestError && error.message.startsWith("No known node at"));
      if (!nodeGone || ++failures > MAX_NODE_FAILURES) throw error;
      state.onNodeFailed();
      view = await host.refreshedView();
      continue;
    }
    if (!Array.isArray(reply) || reply.length !== 2)
      throw new RequestError("SCAN returned an unexpected reply");
    const [nodeCursor, found] = reply as RespValue[];
    const keys = keysOf(found);
    const cursorText = text(nodeCursor);
    // The pass is over: the node's own report keeps slots it was migrating from being done.
    const report = cursorText === "0" ? await nodeReport(host, next.node) : undefined;
    // The view after the reply: a slot that moved during the pass is not trusted to it.
    if (state.onReply(await host.view(), cursorText, report)) await host.refreshedView();
    return [state.toCursor(), keys];
  }
}
