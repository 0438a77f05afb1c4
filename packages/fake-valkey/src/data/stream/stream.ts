// A stream value: entries in nodes the way the server keeps them (listpacks of
// at most stream-node-max-entries entries / about stream-node-max-bytes bytes,
// deleted entries flagged in place until their node empties), which decides
// what approximate (`~`) trimming removes; the counters behind consumer-group
// lag (entries added, the largest deleted ID); and the consumer groups.

import { compareIds, formatId, isZeroId, type StreamId, ZERO_ID } from "./stream-id.js";

export interface StreamEntry {
  readonly id: StreamId;
  /** Field, value, field, value… */
  readonly fields: readonly Buffer[];
  deleted: boolean;
}

interface StreamNode {
  readonly entries: StreamEntry[];
  live: number;
  /** An estimate of the node's listpack size. */
  bytes: number;
}

export interface PendingEntry {
  readonly id: StreamId;
  consumer: Consumer | undefined;
  deliveredAt: number;
  deliveries: number;
}

export interface Consumer {
  readonly name: string;
  /** Last time the consumer was seen by a command (read, claim). */
  seenAt: number;
  /** Last time it read or claimed an entry; -1 never. */
  activeAt: number;
  readonly pending: Map<string, PendingEntry>;
}

export interface ConsumerGroup {
  readonly name: string;
  lastId: StreamId;
  /** -1: not known (the server's SCG_INVALID_ENTRIES_READ). */
  entriesRead: number;
  readonly pending: Map<string, PendingEntry>;
  readonly consumers: Map<string, Consumer>;
}

/** The server's defaults (stream-node-max-entries, stream-node-max-bytes). */
export const NODE_MAX_ENTRIES = 100;
export const NODE_MAX_BYTES = 4096;

export type TrimStrategy =
  | { readonly kind: "maxlen"; readonly maxlen: number }
  | { readonly kind: "minid"; readonly minid: StreamId };

/** Entries in ID order, by their `ms-seq` key. */
export function sortedByKey<T extends { readonly id: StreamId }>(values: Iterable<T>): T[] {
  return [...values].sort((a, b) => compareIds(a.id, b.id));
}

export class Stream {
  private nodes: StreamNode[] = [];
  length = 0;
  lastId: StreamId = ZERO_ID;
  maxDeletedId: StreamId = ZERO_ID;
  entriesAdded = 0;
  readonly groups = new Map<string, ConsumerGroup>();

  /** The first live entry's ID, or 0-0 (XINFO's recorded-first-entry-id). */
  get firstId(): StreamId {
    return this.first()?.id ?? ZERO_ID;
  }

  /** The radix tree's key count: one per node. */
  get nodeCount(): number {
    return this.nodes.length;
  }

  /** The node IDs (their first entry), for the radix tree shape. */
  nodeIds(): StreamId[] {
    return this.nodes.map((node) => (node.entries[0] as StreamEntry).id);
  }

  first(): StreamEntry | undefined {
    for (const node of this.nodes)
      for (const entry of node.entries) if (!entry.deleted) return entry;
    return undefined;
  }

  last(): StreamEntry | undefined {
    for (let n = this.nodes.length - 1; n >= 0; n--) {
      const entries = (this.nodes[n] as StreamNode).entries;
      for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i] as StreamEntry;
        if (!entry.deleted) return entry;
      }
    }
    return undefined;
  }

  append(id: StreamId, fields: readonly Buffer[]): void {
    const size = fields.reduce((sum, field) => sum + field.length, 0);
    let node = this.nodes[this.nodes.length - 1];
    if (
      node === undefined ||
      node.entries.length >= NODE_MAX_ENTRIES ||
      node.bytes + size >= NODE_MAX_BYTES
    ) {
      node = { entries: [], live: 0, bytes: 16 };
      this.nodes.push(node);
    }
    node.entries.push({ id, fields, deleted: false });
    node.live++;
    node.bytes += entryBytes(fields);
    this.length++;
    this.entriesAdded++;
    this.lastId = id;
  }

  /** Live entries from `start` to `end` (inclusive), ascending or descending. */
  *range(start: StreamId, end: StreamId, reverse = false): Generator<StreamEntry> {
    if (compareIds(start, end) > 0) return;
    const nodes = reverse ? [...this.nodes].reverse() : this.nodes;
    for (const node of nodes) {
      const entries = reverse ? [...node.entries].reverse() : node.entries;
      for (const entry of entries) {
        if (entry.deleted) continue;
        if (compareIds(entry.id, start) < 0) {
          if (reverse) return;
          continue;
        }
        if (compareIds(entry.id, end) > 0) {
          if (reverse) continue;
          return;
        }
        yield entry;
      }
    }
  }

  find(id: StreamId): StreamEntry | undefined {
    for (const entry of this.range(id, id)) return entry;
    return undefined;
  }

  /** XDEL of one ID; true when a live entry was removed. */
  delete(id: StreamId): boolean {
    for (let n = 0; n < this.nodes.length; n++) {
      const node = this.nodes[n] as StreamNode;
      const entry = node.entries.find((e) => !e.deleted && compareIds(e.id, id) === 0);
      if (entry === undefined) continue;
      entry.deleted = true;
      node.live--;
      this.length--;
      if (node.live === 0) this.nodes.splice(n, 1);
      if (compareIds(id, this.maxDeletedId) > 0) this.maxDeletedId = id;
      return true;
    }
    return false;
  }

  /**
   * XTRIM / XADD trimming: whole nodes while they can go; with `approx` it
   * stops at the first node that cannot, otherwise it deletes entries inside
   * it. `limit` (0 = none) caps the entries removed, node by node.
   */
  trim(strategy: TrimStrategy, approx: boolean, limit: number): number {
    let deleted = 0;
    while (this.nodes.length > 0) {
      if (strategy.kind === "maxlen" && this.length <= strategy.maxlen) break;
      const node = this.nodes[0] as StreamNode;
      if (limit > 0 && deleted + node.live > limit) break;
      const lastInNode = (node.entries[node.entries.length - 1] as StreamEntry).id;
      const removeNode =
        strategy.kind === "maxlen"
          ? this.length - node.live >= strategy.maxlen
          : compareIds(lastInNode, strategy.minid) < 0;
      if (removeNode) {
        this.nodes.shift();
        this.length -= node.live;
        deleted += node.live;
        continue;
      }
      if (approx) break;
      for (const entry of node.entries) {
        if (entry.deleted) continue;
        const keep =
          strategy.kind === "maxlen"
            ? this.length <= strategy.maxlen
            : compareIds(entry.id, strategy.minid) >= 0;
        if (keep) break;
        entry.deleted = true;
        node.live--;
        this.length--;
        deleted++;
      }
      break;
    }
    return deleted;
  }

  /** Whether a deleted entry lies in [start, end] (the server's streamRangeHasTombstones). */
  hasTombstones(start: StreamId, end?: StreamId): boolean {
    if (this.length === 0 || isZeroId(this.maxDeletedId)) return false;
    if (compareIds(this.firstId, this.maxDeletedId) > 0) return false;
    return (
      compareIds(start, this.maxDeletedId) <= 0 &&
      (end === undefined || compareIds(this.maxDeletedId, end) <= 0)
    );
  }

  /**
   * The logical position of an ID counted from the first entry ever added,
   * or -1 when it cannot be known (streamEstimateDistanceFromFirstEverEntry).
   */
  estimateEntriesRead(id: StreamId): number {
    if (this.entriesAdded === 0) return 0;
    if (this.length === 0 && compareIds(id, this.lastId) < 1) return this.entriesAdded;
    const cmpLast = compareIds(id, this.lastId);
    if (cmpLast === 0) return this.entriesAdded;
    if (cmpLast > 0) return -1;
    const first = this.firstId;
    const cmpFirst = compareIds(id, first);
    if (isZeroId(this.maxDeletedId) || compareIds(this.maxDeletedId, first) < 0) {
      if (cmpFirst < 0) return this.entriesAdded - this.length;
      if (cmpFirst === 0) return this.entriesAdded - this.length + 1;
    }
    return -1;
  }

  /** A group's lag, or undefined when it cannot be known. */
  lag(group: ConsumerGroup): number | undefined {
    if (this.entriesAdded === 0) return 0;
    if (group.entriesRead !== -1 && !this.hasTombstones(group.lastId))
      return this.entriesAdded - group.entriesRead;
    const read = this.estimateEntriesRead(group.lastId);
    return read === -1 ? undefined : this.entriesAdded - read;
  }

  /** Moves a group past an entry it delivers, keeping entries-read (streamReplyWithRange). */
  advanceGroup(group: ConsumerGroup, id: StreamId): void {
    if (compareIds(id, group.lastId) <= 0) return;
    if (group.entriesRead !== -1 && !this.hasTombstones(id)) group.entriesRead++;
    else if (this.entriesAdded > 0) group.entriesRead = this.estimateEntriesRead(id);
    group.lastId = id;
  }

  /** Each node's entries, deleted ones included, in ID order (DUMP writes them as they are). */
  nodeEntries(): readonly (readonly StreamEntry[])[] {
    return this.nodes.map((node) => node.entries);
  }

  /**
   * A stream of these nodes as they are (RESTORE), nodes without a live
   * entry left out; its length counts the live entries, the other counters
   * are the caller's to set.
   */
  static fromNodes(nodes: readonly StreamEntry[][]): Stream {
    const stream = new Stream();
    for (const entries of nodes) {
      const live = entries.filter((entry) => !entry.deleted).length;
      if (live === 0) continue;
      const bytes = entries.reduce((sum, entry) => sum + entryBytes(entry.fields), 16);
      stream.nodes.push({ entries, live, bytes });
      stream.length += live;
    }
    return stream;
  }

  /** A deep copy (COPY, replication). */
  clone(): Stream {
    const copy = new Stream();
    copy.nodes = this.nodes.map((node) => ({
      entries: node.entries.map((entry) => ({ ...entry, fields: [...entry.fields] })),
      live: node.live,
      bytes: node.bytes,
    }));
    copy.length = this.length;
    copy.lastId = this.lastId;
    copy.maxDeletedId = this.maxDeletedId;
    copy.entriesAdded = this.entriesAdded;
    for (const group of this.groups.values()) {
      const consumers = new Map<string, Consumer>();
      for (const consumer of group.consumers.values())
        consumers.set(consumer.name, { ...consumer, pending: new Map() });
      const pending = new Map<string, PendingEntry>();
      for (const [key, entry] of group.pending) {
        const owner = entry.consumer === undefined ? undefined : consumers.get(entry.consumer.name);
        const copied = { ...entry, consumer: owner };
        pending.set(key, copied);
        owner?.pending.set(key, copied);
      }
      copy.groups.set(group.name, { ...group, pending, consumers });
    }
    return copy;
  }
}

/** An entry's share of its node's estimated listpack size. */
function entryBytes(fields: readonly Buffer[]): number {
  return fields.reduce((sum, field) => sum + field.length, 0) + 2 * fields.length + 6;
}

export function idKey(id: StreamId): string {
  return formatId(id);
}

/** A consumer, created when missing (its seen time is now). */
export function consumerOf(group: ConsumerGroup, name: string, now: number): Consumer {
  let consumer = group.consumers.get(name);
  if (consumer === undefined) {
    consumer = { name, seenAt: now, activeAt: -1, pending: new Map() };
    group.consumers.set(name, consumer);
  }
  return consumer;
}

/** Gives a pending entry to a consumer. */
export function assignPending(entry: PendingEntry, consumer: Consumer): void {
  const key = idKey(entry.id);
  if (entry.consumer !== consumer) {
    entry.consumer?.pending.delete(key);
    entry.consumer = consumer;
    consumer.pending.set(key, entry);
  }
}

/** Removes a pending entry from its group and consumer. */
export function dropPending(group: ConsumerGroup, entry: PendingEntry): void {
  const key = idKey(entry.id);
  group.pending.delete(key);
  entry.consumer?.pending.delete(key);
}
