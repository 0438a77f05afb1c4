// The server's internal encodings, derived from a value's shape with Redis
// 7.0's default thresholds. Like the server, a collection that once outgrew
// its compact encoding keeps the large one. Encodings drive OBJECT ENCODING,
// intset ordering and whether a SCAN-family call pages or answers whole.

import { parseInt64 } from "./float.js";
import type { Entry } from "./types.js";

const HASH_MAX_ENTRIES = 512;
const HASH_MAX_VALUE = 64;
const SET_MAX_INTSET_ENTRIES = 512;
const ZSET_MAX_ENTRIES = 128;
const ZSET_MAX_VALUE = 64;
const EMBSTR_MAX = 44;

// Values edited in place by APPEND and SETRANGE, which the server keeps as
// "raw" strings whatever their length or content.
const editedStrings = new WeakSet<Buffer>();

export function markEdited(value: Buffer): Buffer {
  editedStrings.add(value);
  return value;
}

export function isIntegerMember(member: string): boolean {
  return member.length <= 20 && parseInt64(member) !== undefined;
}

// Collection values (Map, Set, SortedSet) converted to a large encoding.
const promoted = new WeakSet<object>();

const LARGE = { hash: "hashtable", set: "hashtable", zset: "skiplist" } as const;

/** Called on every write: a collection past a threshold is converted for good. */
export function noteWrite(entry: Entry): void {
  if (
    entry.type === "string" ||
    entry.type === "list" ||
    entry.type === "stream" ||
    promoted.has(entry.value)
  )
    return;
  if (shapeEncoding(entry) === LARGE[entry.type]) promoted.add(entry.value);
}

/** A copy (COPY) keeps its source's encoding. */
export function inheritEncoding(source: Entry, copy: Entry): void {
  if (
    source.type !== "string" &&
    source.type !== "list" &&
    source.type !== "stream" &&
    promoted.has(source.value)
  ) {
    promoted.add(copy.value);
  }
}

export function encodingOf(entry: Entry): string {
  if (
    entry.type !== "string" &&
    entry.type !== "list" &&
    entry.type !== "stream" &&
    promoted.has(entry.value)
  ) {
    return LARGE[entry.type];
  }
  return shapeEncoding(entry);
}

function shapeEncoding(entry: Entry): string {
  switch (entry.type) {
    case "string":
      if (editedStrings.has(entry.value)) return "raw";
      if (entry.value.length <= 20 && parseInt64(entry.value) !== undefined) return "int";
      return entry.value.length <= EMBSTR_MAX ? "embstr" : "raw";
    case "list":
      return "quicklist";
    case "stream":
      return "stream";
    case "hash": {
      if (entry.value.size > HASH_MAX_ENTRIES) return "hashtable";
      for (const [field, value] of entry.value) {
        if (field.length > HASH_MAX_VALUE || value.length > HASH_MAX_VALUE) return "hashtable";
      }
      return "listpack";
    }
    case "set": {
      if (entry.value.size > SET_MAX_INTSET_ENTRIES) return "hashtable";
      for (const member of entry.value) if (!isIntegerMember(member)) return "hashtable";
      return "intset";
    }
    case "zset": {
      if (entry.value.size > ZSET_MAX_ENTRIES) return "skiplist";
      for (const { member } of entry.value.entries())
        if (member.length > ZSET_MAX_VALUE) return "skiplist";
      return "listpack";
    }
  }
}

/** Compact encodings are scanned in one call. */
export function isCompact(entry: Entry): boolean {
  const encoding = encodingOf(entry);
  return encoding === "listpack" || encoding === "intset";
}

/** Set members in the order the server lists them: intsets are sorted numerically. */
export function setMembersInOrder(members: Set<string>): string[] {
  const list = [...members];
  if (
    !promoted.has(members) &&
    list.length <= SET_MAX_INTSET_ENTRIES &&
    list.every(isIntegerMember)
  ) {
    return list.sort((a, b) => {
      const x = BigInt(a);
      const y = BigInt(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }
  return list;
}
