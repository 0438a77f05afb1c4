// The server's internal encodings, following Valkey's conversion rules and
// their CONFIG thresholds (`EncodingLimits`, which the node keeps in step with
// CONFIG SET). Each collection value records the encoding it reached; hashes,
// sets and sorted sets only ever convert upwards (listpack/intset →
// hashtable/skiplist), as on the server, while a list that shrinks to half
// its limit goes back to a listpack. Listpack sizes are estimated from the
// entries' lengths (the fake keeps no listpack bytes). Encodings drive OBJECT
// ENCODING, intset ordering and whether a SCAN-family call pages or answers whole.

import { parseInt64 } from "./float.js";
import type { Entry } from "./types.js";

/** The thresholds of the server's `*-max-listpack-*` / `set-max-intset-entries` parameters. */
export interface EncodingLimits {
  hashEntries: number;
  hashValue: number;
  /** `list-max-listpack-size`: entries per node when positive, else a byte size class (-1 … -5). */
  listSize: number;
  setIntsetEntries: number;
  setListpackEntries: number;
  setListpackValue: number;
  zsetEntries: number;
  zsetValue: number;
}

/** Valkey's defaults. */
export function defaultEncodingLimits(): EncodingLimits {
  return {
    hashEntries: 512,
    hashValue: 64,
    listSize: -2,
    setIntsetEntries: 512,
    setListpackEntries: 128,
    setListpackValue: 64,
    zsetEntries: 128,
    zsetValue: 64,
  };
}

const DEFAULT_LIMITS: Readonly<EncodingLimits> = defaultEncodingLimits();
const EMBSTR_MAX = 44;
/** Byte limits of `list-max-listpack-size` -1 … -5, and the size cap of a counted node. */
const LIST_BYTE_CLASSES = [4096, 8192, 16384, 32768, 65536];
const LIST_SAFETY_BYTES = 8192;

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

/** The encoding each collection value reached (keyed by the Map, Set, SortedSet or array). */
const reached = new WeakMap<object, string>();

type CollectionEntry = Exclude<Entry, { type: "string" } | { type: "stream" }>;

function isCollection(entry: Entry): entry is CollectionEntry {
  return entry.type !== "string" && entry.type !== "stream";
}

/** A listpack entry's bytes: its encoding header, data and back-length. */
function listpackEntryBytes(item: Buffer): number {
  let size: number;
  const integer = item.length <= 20 ? parseInt64(item) : undefined;
  if (integer !== undefined) {
    const magnitude = integer < 0n ? -integer - 1n : integer;
    if (integer >= 0n && integer < 128n) size = 1;
    else if (magnitude < 4096n) size = 2;
    else if (magnitude < 32768n) size = 3;
    else if (magnitude < 8388608n) size = 4;
    else if (magnitude < 2147483648n) size = 5;
    else size = 9;
  } else size = item.length + (item.length < 64 ? 1 : item.length < 4096 ? 2 : 5);
  return size + (size < 128 ? 1 : size < 16384 ? 2 : size < 2097152 ? 3 : 4);
}

/** Whether a list of this shape fits one listpack node under `list-max-listpack-size` (scaled for shrinking). */
function listFits(items: readonly Buffer[], fill: number, scale: number): boolean {
  const countLimit = fill >= 0 ? Math.max(1, fill) : Number.POSITIVE_INFINITY;
  const byteLimit =
    fill >= 0 ? LIST_SAFETY_BYTES : (LIST_BYTE_CLASSES[Math.min(5, -fill) - 1] as number);
  if (items.length > countLimit * scale) return false;
  // Every entry takes at least 2 bytes: a long list is decided without reading it.
  if (7 + 2 * items.length > byteLimit * scale) return false;
  let bytes = 7;
  for (const item of items) {
    bytes += listpackEntryBytes(item);
    if (bytes > byteLimit * scale) return false;
  }
  return true;
}

function hashFits(value: Map<string, Buffer>, limits: EncodingLimits): boolean {
  if (value.size > limits.hashEntries) return false;
  for (const [field, item] of value)
    if (field.length > limits.hashValue || item.length > limits.hashValue) return false;
  return true;
}

function setListpackFits(members: Set<string>, limits: EncodingLimits): boolean {
  if (members.size > limits.setListpackEntries) return false;
  for (const member of members) if (member.length > limits.setListpackValue) return false;
  return true;
}

/** The encoding after a write, from the one reached before (undefined for a new value). */
function nextEncoding(entry: CollectionEntry, before: string | undefined, limits: EncodingLimits) {
  switch (entry.type) {
    case "list":
      if (before === "quicklist")
        return listFits(entry.value, limits.listSize, 0.5) ? "listpack" : "quicklist";
      return listFits(entry.value, limits.listSize, 1) ? "listpack" : "quicklist";
    case "hash":
      return before !== "hashtable" && hashFits(entry.value, limits) ? "listpack" : "hashtable";
    case "set": {
      if (before === "hashtable") return "hashtable";
      let integers = true;
      for (const member of entry.value)
        if (!isIntegerMember(member)) {
          integers = false;
          break;
        }
      if (before !== "listpack" && integers)
        // An intset that outgrows its limit becomes a hashtable, not a listpack.
        return entry.value.size <= limits.setIntsetEntries ? "intset" : "hashtable";
      return setListpackFits(entry.value, limits) ? "listpack" : "hashtable";
    }
    case "zset": {
      if (before === "skiplist" || entry.value.size > limits.zsetEntries) return "skiplist";
      for (const { member } of entry.value.entries())
        if (member.length > limits.zsetValue) return "skiplist";
      return "listpack";
    }
  }
}

/** Called on every write: the value's encoding moves as the server's would. */
export function noteWrite(entry: Entry, limits: EncodingLimits = DEFAULT_LIMITS): void {
  if (!isCollection(entry)) return;
  reached.set(entry.value, nextEncoding(entry, reached.get(entry.value), limits));
}

/** A copy (COPY, DEBUG RELOAD) keeps its source's encoding. */
export function inheritEncoding(source: Entry, copy: Entry): void {
  if (!isCollection(source) || !isCollection(copy)) return;
  const encoding = reached.get(source.value);
  if (encoding !== undefined) reached.set(copy.value, encoding);
}

export function encodingOf(entry: Entry): string {
  switch (entry.type) {
    case "string":
      if (editedStrings.has(entry.value)) return "raw";
      if (entry.value.length <= 20 && parseInt64(entry.value) !== undefined) return "int";
      return entry.value.length <= EMBSTR_MAX ? "embstr" : "raw";
    case "stream":
      return "stream";
    default:
      return reached.get(entry.value) ?? nextEncoding(entry, undefined, DEFAULT_LIMITS);
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
  if (encodingOf({ type: "set", value: members }) === "intset") {
    return list.sort((a, b) => {
      const x = BigInt(a);
      const y = BigInt(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }
  return list;
}
