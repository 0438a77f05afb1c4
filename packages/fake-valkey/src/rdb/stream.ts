// A stream's RDB encoding (rdbSaveObject / rdbLoadObject in the server's
// rdb.c, stream nodes as t_stream.c lays them out). The fake writes
// RDB_TYPE_STREAM_LISTPACKS_2, which redis-server 7.0 and Valkey read, and
// reads that, the older type without counters, and Valkey's with consumers'
// active times.
//
// Each node is a listpack under its master ID (16 bytes, big endian): a master
// entry (live count, deleted count, field count, field names, 0), then per
// entry its flags, ID deltas from the master ID, either its values alone (when
// its fields are the master's) or its field count and field/value pairs, and
// its element count. Then the stream's length, last ID, first ID, largest
// deleted ID and entries added; then each consumer group with its last ID,
// entries read, pending entries (ID, delivery time, delivery count) and
// consumers (name, seen time, owned pending IDs).

import { parseInt64 } from "../data/float.js";
import {
  type Consumer,
  type ConsumerGroup,
  idKey,
  type PendingEntry,
  Stream,
  type StreamEntry,
  sortedByKey,
} from "../data/stream/stream.js";
import { compareIds, type StreamId } from "../data/stream/stream-id.js";
import { type ListpackItem, readListpack, writeListpack } from "./listpack.js";
import {
  type Read,
  readRdbLength64,
  readRdbString,
  writeRdbLength,
  writeRdbLength64,
  writeRdbString,
} from "./string.js";

/** Stream types: 5.0's, 7.0's (with lag counters), Valkey's (with consumers' active times). */
export const STREAM_LISTPACKS = 15;
export const STREAM_LISTPACKS_2 = 19;
export const STREAM_LISTPACKS_3 = 21;

const DELETED = 1;
const SAME_FIELDS = 2;
const U64_MAX = 2n ** 64n - 1n;

function idBytes(id: StreamId): Buffer {
  const out = Buffer.alloc(16);
  out.writeBigUInt64BE(id.ms, 0);
  out.writeBigUInt64BE(id.seq, 8);
  return out;
}

function millis(time: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigInt64LE(BigInt(Math.trunc(time)));
  return out;
}

/** The names of an entry's fields (its even elements). */
function fieldNames(fields: readonly Buffer[]): Buffer[] {
  return fields.filter((_, i) => i % 2 === 0);
}

function sameNames(a: readonly Buffer[], b: readonly Buffer[]): boolean {
  return a.length === b.length && a.every((name, i) => name.equals(b[i] as Buffer));
}

/** A node's listpack elements: the master entry, then each entry. */
function nodeItems(entries: readonly StreamEntry[]): ListpackItem[] {
  const first = entries[0] as StreamEntry;
  const master = first.id;
  const names = fieldNames(first.fields);
  const deleted = entries.filter((entry) => entry.deleted).length;
  const items: ListpackItem[] = [
    BigInt(entries.length - deleted),
    BigInt(deleted),
    BigInt(names.length),
    ...names,
    0n,
  ];
  for (const entry of entries) {
    const same = sameNames(fieldNames(entry.fields), names);
    const flags = (entry.deleted ? DELETED : 0) | (same ? SAME_FIELDS : 0);
    items.push(
      BigInt(flags),
      BigInt.asIntN(64, entry.id.ms - master.ms),
      BigInt.asIntN(64, entry.id.seq - master.seq),
    );
    if (same) {
      items.push(...entry.fields.filter((_, i) => i % 2 === 1));
      items.push(BigInt(3 + names.length));
    } else {
      const count = entry.fields.length / 2;
      items.push(BigInt(count), ...entry.fields, BigInt(4 + 2 * count));
    }
  }
  return items;
}

function writeId(parts: Buffer[], id: StreamId): void {
  parts.push(writeRdbLength64(id.ms), writeRdbLength64(id.seq));
}

function byName<T extends { readonly name: string }>(values: Iterable<T>): T[] {
  return [...values].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * A stream as RDB_TYPE_STREAM_LISTPACKS_2 (what DUMP writes: redis-server 7.0
 * reads it) or, when told, _3 with consumers' active times; its type byte first.
 */
export function writeStream(
  stream: Stream,
  type: typeof STREAM_LISTPACKS_2 | typeof STREAM_LISTPACKS_3 = STREAM_LISTPACKS_2,
): Buffer[] {
  const nodes = stream.nodeEntries();
  const parts: Buffer[] = [Buffer.from([type]), writeRdbLength(nodes.length)];
  for (const entries of nodes) {
    parts.push(...writeRdbString(idBytes((entries[0] as StreamEntry).id)));
    parts.push(...writeRdbString(writeListpack(nodeItems(entries))));
  }
  parts.push(writeRdbLength(stream.length));
  writeId(parts, stream.lastId);
  writeId(parts, stream.firstId);
  writeId(parts, stream.maxDeletedId);
  parts.push(writeRdbLength(stream.entriesAdded), writeRdbLength(stream.groups.size));
  for (const group of byName(stream.groups.values())) {
    parts.push(...writeRdbString(Buffer.from(group.name, "latin1")));
    writeId(parts, group.lastId);
    parts.push(writeRdbLength64(group.entriesRead === -1 ? U64_MAX : BigInt(group.entriesRead)));
    const pending = sortedByKey(group.pending.values());
    parts.push(writeRdbLength(pending.length));
    for (const entry of pending)
      parts.push(idBytes(entry.id), millis(entry.deliveredAt), writeRdbLength(entry.deliveries));
    parts.push(writeRdbLength(group.consumers.size));
    for (const consumer of byName(group.consumers.values())) {
      const owned = sortedByKey(consumer.pending.values());
      parts.push(...writeRdbString(Buffer.from(consumer.name, "latin1")), millis(consumer.seenAt));
      if (type === STREAM_LISTPACKS_3) parts.push(millis(consumer.activeAt));
      parts.push(writeRdbLength(owned.length), ...owned.map((entry) => idBytes(entry.id)));
    }
  }
  return parts;
}

/** Reads the stream types' fields from a payload, failing on the first malformed one. */
class Reader {
  constructor(
    private readonly bytes: Buffer,
    public at: number,
  ) {}

  private take<T>(read: Read<T> | undefined): T {
    if (read === undefined) throw MALFORMED;
    this.at = read.next;
    return read.value;
  }

  /** A 64-bit length as a number, refused past the safe integers. */
  count(): number {
    const value = this.length64();
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw MALFORMED;
    return Number(value);
  }

  length64(): bigint {
    return this.take(readRdbLength64(this.bytes, this.at));
  }

  string(): Buffer {
    return this.take(readRdbString(this.bytes, this.at));
  }

  id(): StreamId {
    return { ms: this.length64(), seq: this.length64() };
  }

  rawId(): StreamId {
    const end = this.at + 16;
    if (end > this.bytes.length) throw MALFORMED;
    const id = {
      ms: this.bytes.readBigUInt64BE(this.at),
      seq: this.bytes.readBigUInt64BE(end - 8),
    };
    this.at = end;
    return id;
  }

  millis(): number {
    if (this.at + 8 > this.bytes.length) throw MALFORMED;
    const value = this.bytes.readBigInt64LE(this.at);
    this.at += 8;
    return Number(value);
  }
}

const MALFORMED = new Error("malformed stream");

/** An integer element of a listpack. */
function integerItem(items: readonly Buffer[], at: number): bigint {
  const item = items[at];
  const value = item === undefined ? undefined : parseInt64(item);
  if (value === undefined) throw MALFORMED;
  return value;
}

/** A node's entries from its master ID and listpack elements, checked to ascend. */
function nodeEntries(master: StreamId, items: readonly Buffer[], after: StreamId | undefined) {
  integerItem(items, 0);
  integerItem(items, 1);
  const names: Buffer[] = [];
  const fieldCount = Number(integerItem(items, 2));
  if (fieldCount < 0 || fieldCount > items.length) throw MALFORMED;
  for (let i = 0; i < fieldCount; i++) names.push(items[3 + i] as Buffer);
  let at = 3 + fieldCount;
  if (integerItem(items, at++) !== 0n) throw MALFORMED;
  const entries: StreamEntry[] = [];
  let previous = after;
  while (at < items.length) {
    const flags = Number(integerItem(items, at));
    const id = {
      ms: BigInt.asUintN(64, master.ms + integerItem(items, at + 1)),
      seq: BigInt.asUintN(64, master.seq + integerItem(items, at + 2)),
    };
    at += 3;
    const fields: Buffer[] = [];
    if (flags & SAME_FIELDS) {
      for (const name of names) fields.push(name, items[at++] as Buffer);
    } else {
      const count = Number(integerItem(items, at++));
      if (count < 0 || at + 2 * count > items.length) throw MALFORMED;
      fields.push(...items.slice(at, at + 2 * count));
      at += 2 * count;
    }
    integerItem(items, at++);
    if (at > items.length || (previous !== undefined && compareIds(id, previous) <= 0))
      throw MALFORMED;
    entries.push({ id, fields, deleted: (flags & DELETED) !== 0 });
    previous = id;
  }
  if (entries.length === 0) throw MALFORMED;
  return entries;
}

function readGroup(reader: Reader, stream: Stream, type: number): ConsumerGroup {
  const name = reader.string().toString("latin1");
  const lastId = reader.id();
  let entriesRead: number;
  if (type >= STREAM_LISTPACKS_2) {
    const read = reader.length64();
    entriesRead = read === U64_MAX ? -1 : Number(read);
    if (read !== U64_MAX && read > BigInt(Number.MAX_SAFE_INTEGER)) throw MALFORMED;
  } else entriesRead = stream.estimateEntriesRead(lastId);
  const group: ConsumerGroup = {
    name,
    lastId,
    entriesRead,
    pending: new Map(),
    consumers: new Map(),
  };
  for (let n = reader.count(); n > 0; n--) {
    const id = reader.rawId();
    const entry: PendingEntry = {
      id,
      consumer: undefined,
      deliveredAt: reader.millis(),
      deliveries: reader.count(),
    };
    if (group.pending.has(idKey(id))) throw MALFORMED;
    group.pending.set(idKey(id), entry);
  }
  for (let n = reader.count(); n > 0; n--) {
    const consumerName = reader.string().toString("latin1");
    const seenAt = reader.millis();
    const activeAt = type === STREAM_LISTPACKS_3 ? reader.millis() : seenAt;
    const consumer: Consumer = { name: consumerName, seenAt, activeAt, pending: new Map() };
    if (group.consumers.has(consumerName)) throw MALFORMED;
    group.consumers.set(consumerName, consumer);
    for (let p = reader.count(); p > 0; p--) {
      const key = idKey(reader.rawId());
      const entry = group.pending.get(key);
      if (entry === undefined || consumer.pending.has(key)) throw MALFORMED;
      entry.consumer?.pending.delete(key);
      entry.consumer = consumer;
      consumer.pending.set(key, entry);
    }
  }
  return group;
}

/** A stream of one of the stream types from `offset` (after the type byte), or undefined. */
export function readStream(bytes: Buffer, offset: number, type: number): Stream | undefined {
  const reader = new Reader(bytes, offset);
  try {
    const nodes: StreamEntry[][] = [];
    let previous: StreamId | undefined;
    for (let n = reader.count(); n > 0; n--) {
      const key = reader.string();
      const items = readListpack(reader.string());
      if (key.length !== 16 || items === undefined) return undefined;
      const master = { ms: key.readBigUInt64BE(0), seq: key.readBigUInt64BE(8) };
      const entries = nodeEntries(master, items, previous);
      nodes.push(entries);
      previous = (entries[entries.length - 1] as StreamEntry).id;
    }
    const stream = Stream.fromNodes(nodes);
    const length = reader.count();
    stream.lastId = reader.id();
    // A last ID before the last entry would let XADD repeat IDs.
    if (previous !== undefined && compareIds(stream.lastId, previous) < 0) return undefined;
    if (type >= STREAM_LISTPACKS_2) {
      reader.id(); // the first ID: the fake finds it from the entries
      stream.maxDeletedId = reader.id();
      stream.entriesAdded = reader.count();
    } else stream.entriesAdded = length;
    for (let n = reader.count(); n > 0; n--) {
      const group = readGroup(reader, stream, type);
      if (stream.groups.has(group.name)) return undefined;
      stream.groups.set(group.name, group);
    }
    return stream;
  } catch (error) {
    if (error === MALFORMED) return undefined;
    throw error;
  }
}
