// Cluster-wide SCAN as pure state: which node to scan next, with which node
// cursor, and which slots are done (docs/cluster-protocol.md §9). The client sends `SCAN <cursor> …` to the
// node `next` names and reports the reply's cursor to `onReply`.
//
// Algorithm. The unit of progress is the slot, not the node, so that a
// reshard during the scan cannot lose keys:
// 1. Pick the lowest slot not yet done; its current primary is the next node.
//    Remember the slots that node owns now (its "stable" set) and start its
//    SCAN at cursor 0.
// 2. After every reply, intersect the stable set with the slots the node owns
//    in the caller's current view. A slot that left the node at any point of
//    its pass may have had keys moved out before the node's cursor reached
//    them, so it must not be trusted to this pass.
// 3. When the node's cursor returns to 0, every key that stayed in a stable
//    slot for the whole pass has been returned (SCAN's guarantee). Mark those
//    slots done, except those the node itself reports migrating or no longer
//    serving (its CLUSTER NODES, when the caller passes it). Slots that moved away or arrived mid-pass stay not done and
//    are scanned again from whoever owns them then.
// 4. If the node disappears from the view, or no stable slot remains, its pass
//    is abandoned and the walk continues from the lowest slot not done.
// 5. The scan is finished when every slot is done. Slots no node serves are
//    skipped with `allowNonCoveredSlots`, otherwise the scan fails.
// Keys may be returned more than once (rescans), as SCAN allows; a key present
// for the whole scan is returned at least once, provided the caller passes a
// view no staler than the replies it reports.
//
// The whole state is carried in the cursor string ("petrel-scan:" + base64url
// JSON), so cursors need no registry and can be resumed by any client.
import { RequestError } from "@petrel/protocol";
import { SLOT_COUNT } from "../slots/slot-of.js";
import { type ClusterNode, type SlotTable, UNASSIGNED_SLOT } from "../topology/topology.js";
import { ClusterScanCursor, FINISHED_CURSOR } from "./cluster-scan-cursor.js";
import { parseNodeSlotReport } from "./node-slot-report.js";
import { SlotSet } from "./slot-set.js";

export type ScanNext =
  | { readonly kind: "scan"; readonly node: ClusterNode; readonly cursor: string }
  | { readonly kind: "finished" }
  | { readonly kind: "error"; readonly error: RequestError };

export interface ScanOptions {
  /** Skip slots no node serves instead of failing (GLIDE's `allowNonCoveredSlots`). */
  readonly allowNonCoveredSlots?: boolean;
}

interface NodePass {
  readonly address: string;
  cursor: string;
  readonly stable: SlotSet;
}

interface EncodedState {
  readonly done: string;
  readonly node?: string;
  readonly cursor?: string;
  readonly stable?: string;
}

const PREFIX = "petrel-scan:";
const NODE_CURSOR = /^\d{1,20}$/;

export class ClusterScanState {
  readonly #done: SlotSet;
  #pass: NodePass | undefined;

  private constructor(done: SlotSet, pass: NodePass | undefined) {
    this.#done = done;
    this.#pass = pass;
  }

  static start(): ClusterScanState {
    return new ClusterScanState(new SlotSet(), undefined);
  }

  /** The state a cursor carries. Throws a RequestError for a cursor this client did not produce. */
  static fromCursor(cursor: ClusterScanCursor | string): ClusterScanState {
    const text = typeof cursor === "string" ? cursor : cursor.getCursor();
    if (text === "" || text === "0") return ClusterScanState.start();
    if (text === FINISHED_CURSOR) {
      const done = new SlotSet();
      for (let slot = 0; slot < SLOT_COUNT; slot++) done.add(slot);
      return new ClusterScanState(done, undefined);
    }
    const state = text.startsWith(PREFIX)
      ? ClusterScanState.#decode(text.slice(PREFIX.length))
      : undefined;
    if (state === undefined)
      throw new RequestError(`Invalid cluster scan cursor "${text.slice(0, 64)}"`);
    return state;
  }

  get isFinished(): boolean {
    return this.#pass === undefined && this.#done.firstMissing() === undefined;
  }

  /** Slots whose keys have all been returned. */
  get doneSlots(): number {
    return this.#done.size;
  }

  toCursor(): ClusterScanCursor {
    if (this.isFinished) return new ClusterScanCursor(FINISHED_CURSOR);
    const encoded: EncodedState =
      this.#pass === undefined
        ? { done: this.#done.toText() }
        : {
            done: this.#done.toText(),
            node: this.#pass.address,
            cursor: this.#pass.cursor,
            stable: this.#pass.stable.toText(),
          };
    return new ClusterScanCursor(
      PREFIX + Buffer.from(JSON.stringify(encoded), "utf8").toString("base64url"),
    );
  }

  /** The next SCAN to send, given the caller's current view. */
  next(table: SlotTable, options: ScanOptions = {}): ScanNext {
    for (;;) {
      if (this.#pass !== undefined) {
        const address = this.#pass.address;
        const node = table.nodes.find((candidate) => candidate.address === address);
        if (node !== undefined) return { kind: "scan", node, cursor: this.#pass.cursor };
        this.#pass = undefined;
      }
      const slot = this.#done.firstMissing();
      if (slot === undefined) return { kind: "finished" };
      const owner = table.slotToShard[slot] as number;
      const shard = owner === UNASSIGNED_SLOT ? undefined : table.shards[owner];
      if (shard === undefined) {
        if (options.allowNonCoveredSlots !== true) {
          return {
            kind: "error",
            error: new RequestError(
              `Could not find a node serving slot ${slot}; the cluster scan cannot continue`,
            ),
          };
        }
        this.#skipUncovered(table);
        continue;
      }
      const stable = new SlotSet();
      for (let candidate = 0; candidate < table.slotToShard.length; candidate++) {
        if (table.slotToShard[candidate] === owner) stable.add(candidate);
      }
      this.#pass = { address: shard.primary.address, cursor: "0", stable };
    }
  }

  /**
   * The node scanned last answered with `nextCursor`; `table` is the caller's view now.
   * `nodeReport`, the node's own CLUSTER NODES text taken after its last reply, keeps slots
   * it was migrating away (or no longer serves) from being marked done: during the ASK
   * phase every view still names it owner while keys leave it. Returns true when that report
   * shows the view is stale (a slot the view gives the node is no longer its): refresh it.
   */
  onReply(table: SlotTable, nextCursor: string, nodeReport?: string): boolean {
    const pass = this.#pass;
    if (pass === undefined)
      throw new RequestError("Cluster scan reply received with no scan in progress");
    if (!NODE_CURSOR.test(nextCursor))
      throw new RequestError(
        `Invalid SCAN cursor "${nextCursor.slice(0, 32)}" from ${pass.address}`,
      );
    pass.stable.forEach((slot) => {
      const owner = table.slotToShard[slot] as number;
      if (owner === UNASSIGNED_SLOT || table.shards[owner]?.primary.address !== pass.address)
        pass.stable.delete(slot);
    });
    if (nextCursor === "0") {
      const report = nodeReport === undefined ? undefined : parseNodeSlotReport(nodeReport);
      let stale = false;
      pass.stable.forEach((slot) => {
        if (report !== undefined && !report.owned.has(slot)) stale = true;
        else if (report === undefined || !report.migrating.has(slot)) this.#done.add(slot);
      });
      this.#pass = undefined;
      return stale;
    }
    if (pass.stable.size === 0) this.#pass = undefined;
    else pass.cursor = nextCursor;
    return false;
  }

  /** The current node could not be scanned (connection lost): abandon its pass; its slots stay not done. */
  onNodeFailed(): void {
    this.#pass = undefined;
  }

  #skipUncovered(table: SlotTable): void {
    for (let slot = 0; slot < table.slotToShard.length; slot++) {
      if (table.slotToShard[slot] === UNASSIGNED_SLOT) this.#done.add(slot);
    }
  }

  static #decode(payload: string): ClusterScanState | undefined {
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    } catch {
      return undefined;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    const { done, node, cursor, stable } = value as Partial<Record<keyof EncodedState, unknown>>;
    if (typeof done !== "string") return undefined;
    const doneSet = SlotSet.fromText(done);
    if (doneSet === undefined) return undefined;
    if (node === undefined && cursor === undefined && stable === undefined)
      return new ClusterScanState(doneSet, undefined);
    if (typeof node !== "string" || node.length === 0 || node.length > 300) return undefined;
    if (typeof cursor !== "string" || !NODE_CURSOR.test(cursor) || typeof stable !== "string")
      return undefined;
    const stableSet = SlotSet.fromText(stable);
    if (stableSet === undefined) return undefined;
    return new ClusterScanState(doneSet, { address: node, cursor, stable: stableSet });
  }
}
