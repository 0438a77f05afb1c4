// A key's value as DUMP writes it and RESTORE reads it: one type byte, then the
// value in that type's RDB encoding. The fake writes the plain encodings every
// server since Redis 2 reads (string, list, set, sorted set with binary
// scores, hash); it reads those and the compact ones Redis 7 and Valkey 8 dump
// (quicklist of listpacks, intset, set/hash/sorted-set listpacks). Streams
// have their own encoding (src/rdb/stream.ts).

import { parseDouble } from "../data/float.js";
import { SortedSet } from "../data/sorted-set.js";
import type { Entry } from "../data/types.js";
import { readListpack } from "./listpack.js";
import {
  readStream,
  STREAM_LISTPACKS,
  STREAM_LISTPACKS_2,
  STREAM_LISTPACKS_3,
  writeStream,
} from "./stream.js";
import {
  type Read,
  readRdbLength,
  readRdbString,
  writeRdbLength,
  writeRdbString,
} from "./string.js";

const STRING = 0;
const LIST = 1;
const SET = 2;
const ZSET_2 = 5;
const HASH = 4;
const SET_INTSET = 11;
const HASH_LISTPACK = 16;
const ZSET_LISTPACK = 17;
const LIST_QUICKLIST_2 = 18;
const SET_LISTPACK = 20;

const PLAIN_NODE = 1;
const PACKED_NODE = 2;

/** A value without its expiry. */
export type DumpedValue = Entry extends infer E
  ? E extends { expiresAt?: number }
    ? Omit<E, "expiresAt">
    : never
  : never;

/** The RDB encoding of a value. */
export function writeValue(entry: Entry): Buffer {
  const parts: Buffer[] = [];
  const strings = (items: Iterable<Buffer>, count: number) => {
    parts.push(writeRdbLength(count));
    for (const item of items) parts.push(...writeRdbString(item));
  };
  switch (entry.type) {
    case "string":
      parts.push(Buffer.from([STRING]), ...writeRdbString(entry.value));
      break;
    case "list":
      parts.push(Buffer.from([LIST]));
      strings(entry.value, entry.value.length);
      break;
    case "set":
      parts.push(Buffer.from([SET]));
      strings(
        [...entry.value].map((member) => Buffer.from(member, "latin1")),
        entry.value.size,
      );
      break;
    case "hash":
      parts.push(Buffer.from([HASH]), writeRdbLength(entry.value.size));
      for (const [field, value] of entry.value)
        parts.push(...writeRdbString(Buffer.from(field, "latin1")), ...writeRdbString(value));
      break;
    case "zset": {
      parts.push(Buffer.from([ZSET_2]), writeRdbLength(entry.value.size));
      for (const { member, score } of entry.value.entries()) {
        const binary = Buffer.alloc(8);
        binary.writeDoubleLE(score);
        parts.push(...writeRdbString(Buffer.from(member, "latin1")), binary);
      }
      break;
    }
    case "stream":
      parts.push(...writeStream(entry.value));
      break;
  }
  return Buffer.concat(parts);
}

/** Reads `count` RDB strings from `offset`. */
function readStrings(bytes: Buffer, offset: number, count: number): Read<Buffer[]> | undefined {
  const out: Buffer[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    const item = readRdbString(bytes, at);
    if (item === undefined) return undefined;
    out.push(item.value);
    at = item.next;
  }
  return { value: out, next: at };
}

/** A listpack stored as an RDB string at `offset`. */
function readListpackString(bytes: Buffer, offset: number): Read<Buffer[]> | undefined {
  const blob = readRdbString(bytes, offset);
  if (blob === undefined) return undefined;
  const items = readListpack(blob.value);
  return items === undefined ? undefined : { value: items, next: blob.next };
}

/** The members of an intset stored as an RDB string. */
function readIntset(blob: Buffer): Buffer[] | undefined {
  if (blob.length < 8) return undefined;
  const width = blob.readUInt32LE(0);
  const count = blob.readUInt32LE(4);
  if ((width !== 2 && width !== 4 && width !== 8) || blob.length !== 8 + width * count)
    return undefined;
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const at = 8 + i * width;
    const value = width === 8 ? blob.readBigInt64LE(at) : BigInt(blob.readIntLE(at, width));
    out.push(Buffer.from(String(value)));
  }
  return out;
}

function pairs(items: readonly Buffer[]): [Buffer, Buffer][] | undefined {
  if (items.length % 2 !== 0) return undefined;
  const out: [Buffer, Buffer][] = [];
  for (let i = 0; i < items.length; i += 2) out.push([items[i] as Buffer, items[i + 1] as Buffer]);
  return out;
}

function hashOf(fields: readonly [Buffer, Buffer][]): DumpedValue {
  return { type: "hash", value: new Map(fields.map(([f, v]) => [f.toString("latin1"), v])) };
}

function setOf(members: readonly Buffer[]): DumpedValue {
  return { type: "set", value: new Set(members.map((m) => m.toString("latin1"))) };
}

/** Reads the value a payload's content holds, or undefined when it is malformed. */
export function readValue(bytes: Buffer): DumpedValue | undefined {
  if (bytes.length === 0) return undefined;
  const type = bytes[0] as number;
  const at = 1;
  switch (type) {
    case STRING: {
      const value = readRdbString(bytes, at);
      return value === undefined ? undefined : { type: "string", value: value.value };
    }
    case LIST:
    case SET: {
      const count = readRdbLength(bytes, at);
      const items = count && readStrings(bytes, count.next, count.value);
      if (items === undefined) return undefined;
      return type === LIST ? { type: "list", value: items.value } : setOf(items.value);
    }
    case HASH: {
      const count = readRdbLength(bytes, at);
      const items = count && readStrings(bytes, count.next, count.value * 2);
      const fields = items && pairs(items.value);
      return fields === undefined ? undefined : hashOf(fields);
    }
    case ZSET_2: {
      const count = readRdbLength(bytes, at);
      if (count === undefined) return undefined;
      const zset = new SortedSet();
      let next = count.next;
      for (let i = 0; i < count.value; i++) {
        const member = readRdbString(bytes, next);
        if (member === undefined || member.next + 8 > bytes.length) return undefined;
        const score = bytes.readDoubleLE(member.next);
        if (Number.isNaN(score)) return undefined;
        zset.set(member.value.toString("latin1"), score);
        next = member.next + 8;
      }
      return { type: "zset", value: zset };
    }
    case SET_INTSET: {
      const blob = readRdbString(bytes, at);
      const members = blob && readIntset(blob.value);
      return members === undefined ? undefined : setOf(members);
    }
    case SET_LISTPACK: {
      const items = readListpackString(bytes, at);
      return items === undefined ? undefined : setOf(items.value);
    }
    case HASH_LISTPACK: {
      const items = readListpackString(bytes, at);
      const fields = items && pairs(items.value);
      return fields === undefined ? undefined : hashOf(fields);
    }
    case ZSET_LISTPACK: {
      const items = readListpackString(bytes, at);
      const members = items && pairs(items.value);
      if (members === undefined) return undefined;
      const zset = new SortedSet();
      for (const [member, score] of members) {
        const parsed = parseDouble(score);
        if (parsed === undefined || Number.isNaN(parsed)) return undefined;
        zset.set(member.toString("latin1"), parsed);
      }
      return { type: "zset", value: zset };
    }
    case LIST_QUICKLIST_2: {
      const nodes = readRdbLength(bytes, at);
      if (nodes === undefined) return undefined;
      const list: Buffer[] = [];
      let next = nodes.next;
      for (let i = 0; i < nodes.value; i++) {
        const container = readRdbLength(bytes, next);
        if (container === undefined) return undefined;
        if (container.value === PLAIN_NODE) {
          const item = readRdbString(bytes, container.next);
          if (item === undefined) return undefined;
          list.push(item.value);
          next = item.next;
        } else if (container.value === PACKED_NODE) {
          const items = readListpackString(bytes, container.next);
          if (items === undefined || items.value.length === 0) return undefined;
          list.push(...items.value);
          next = items.next;
        } else return undefined;
      }
      return { type: "list", value: list };
    }
    case STREAM_LISTPACKS:
    case STREAM_LISTPACKS_2:
    case STREAM_LISTPACKS_3: {
      const stream = readStream(bytes, at, type);
      return stream === undefined ? undefined : { type: "stream", value: stream };
    }
    default:
      return undefined;
  }
}
