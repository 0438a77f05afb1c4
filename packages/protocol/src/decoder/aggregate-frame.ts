// One level of the decoder's explicit stack: an aggregate whose elements are
// still arriving. Frame objects are reused per depth, so opening an aggregate
// allocates only its result container.

import type { RespMap, RespValue } from "../types.js";

export const FRAME_ARRAY = 1;
export const FRAME_SET = 2;
export const FRAME_MAP = 3;
export const FRAME_ATTRIBUTE = 4;
export const FRAME_PUSH = 5;
/** RESP3 `$?`: collects `;` chunks until `;0`. */
export const FRAME_STREAMED_STRING = 6;

/** `remaining` of a streamed aggregate, which ends with `.` rather than a count. */
export const STREAMED = -1;

// Placeholders held between uses; `open` always installs fresh containers
// before anything is added, so these are never written to.
const NO_ITEMS: RespValue[] = [];
const NO_ENTRIES: RespMap = [];
const NO_CHUNKS: Buffer[] = [];

export class AggregateFrame {
  kind = 0;
  /** Elements still expected (map and attribute count keys and values), or STREAMED. */
  remaining = 0;
  items: RespValue[] = NO_ITEMS;
  members: Set<RespValue> | null = null;
  entries: RespMap = NO_ENTRIES;
  key: RespValue = null;
  hasKey = false;
  /** Chunks of a streamed string, as raw bytes. */
  chunks: Buffer[] = NO_CHUNKS;
  chunkBytes = 0;

  open(kind: number, remaining: number): void {
    this.kind = kind;
    this.remaining = remaining;
    this.hasKey = false;
    this.key = null;
    if (kind === FRAME_SET) this.members = new Set();
    else if (kind === FRAME_MAP || kind === FRAME_ATTRIBUTE) this.entries = [];
    else if (kind === FRAME_STREAMED_STRING) {
      this.chunks = [];
      this.chunkBytes = 0;
    } else this.items = [];
  }

  add(value: RespValue): void {
    switch (this.kind) {
      case FRAME_SET:
        (this.members as Set<RespValue>).add(value);
        break;
      case FRAME_MAP:
      case FRAME_ATTRIBUTE:
        if (this.hasKey) {
          this.entries.push({ key: this.key, value });
          this.hasKey = false;
          this.key = null;
        } else {
          this.key = value;
          this.hasKey = true;
        }
        break;
      default:
        this.items.push(value);
    }
  }

  /** The finished container; the frame drops its references so it can be reused. */
  take(): RespValue {
    let result: RespValue;
    if (this.kind === FRAME_SET) result = this.members as Set<RespValue>;
    else if (this.kind === FRAME_MAP || this.kind === FRAME_ATTRIBUTE) result = this.entries;
    else result = this.items;
    this.items = NO_ITEMS;
    this.members = null;
    this.entries = NO_ENTRIES;
    this.chunks = NO_CHUNKS;
    this.key = null;
    return result;
  }
}

/** The empty value of an aggregate announced with length 0. */
export function emptyAggregate(kind: number): RespValue {
  if (kind === FRAME_SET) return new Set();
  return [];
}
