// Petrel extension: async iterators over SCAN, HSCAN, SSCAN and ZSCAN. Each
// step sends one scan call with the returned cursor until the server answers
// cursor "0". As with the commands themselves, an element may be yielded more
// than once, and elements changed during the iteration may or may not appear.
import type {
  BaseScanOptions,
  DecoderOption,
  HScanOptions,
  ScanOptions,
  ZScanOptions,
} from "@petrel/commands";
import type { GlideString } from "@petrel/protocol";

type ScanStep = (cursor: GlideString) => Promise<[GlideString, GlideString[]]>;

const isDone = (cursor: GlideString): boolean => cursor.toString() === "0";

/** Runs `step` from cursor "0" until the cursor comes back to "0", yielding each batch. */
export async function* scanBatches(step: ScanStep): AsyncGenerator<GlideString[]> {
  let cursor: GlideString = "0";
  do {
    const [next, items] = await step(cursor);
    cursor = next;
    yield items;
  } while (!isDone(cursor));
}

async function* single(step: ScanStep): AsyncGenerator<GlideString> {
  for await (const items of scanBatches(step)) yield* items;
}

async function* pairs(step: ScanStep): AsyncGenerator<[GlideString, GlideString]> {
  for await (const items of scanBatches(step)) {
    for (let i = 0; i + 1 < items.length; i += 2) {
      yield [items[i] as GlideString, items[i + 1] as GlideString];
    }
  }
}

/** What a client needs to offer the iterators: GLIDE's four scan methods. */
export interface ScanSource {
  scan(
    cursor: GlideString,
    options?: ScanOptions & DecoderOption,
  ): Promise<[GlideString, GlideString[]]>;
  hscan(
    key: GlideString,
    cursor: string,
    options?: HScanOptions & DecoderOption,
  ): Promise<[GlideString, GlideString[]]>;
  sscan(
    key: GlideString,
    cursor: GlideString,
    options?: BaseScanOptions & DecoderOption,
  ): Promise<[GlideString, GlideString[]]>;
  zscan(
    key: GlideString,
    cursor: string,
    options?: ZScanOptions & DecoderOption,
  ): Promise<[GlideString, GlideString[]]>;
}

/** The iterator methods the standalone client gains. */
export interface ScanIterators {
  /** Every key matching `options`, through SCAN. */
  scanIterator(options?: ScanOptions & DecoderOption): AsyncGenerator<GlideString>;
  /** Every field of hash `key` (`noValues`), through HSCAN. */
  hscanIterator(
    key: GlideString,
    options: HScanOptions & DecoderOption & { noValues: true },
  ): AsyncGenerator<GlideString>;
  /** Every `[field, value]` of hash `key`, through HSCAN. */
  hscanIterator(
    key: GlideString,
    options?: HScanOptions & DecoderOption,
  ): AsyncGenerator<[GlideString, GlideString]>;
  /** Every member of set `key`, through SSCAN. */
  sscanIterator(
    key: GlideString,
    options?: BaseScanOptions & DecoderOption,
  ): AsyncGenerator<GlideString>;
  /** Every member of sorted set `key` (`noScores`), through ZSCAN. */
  zscanIterator(
    key: GlideString,
    options: ZScanOptions & DecoderOption & { noScores: true },
  ): AsyncGenerator<GlideString>;
  /** Every `[member, score]` of sorted set `key` (the score as the server writes it), through ZSCAN. */
  zscanIterator(
    key: GlideString,
    options?: ZScanOptions & DecoderOption,
  ): AsyncGenerator<[GlideString, GlideString]>;
}

/** The implementations; `this` is the client they are installed on. */
const iteratorMethods = {
  scanIterator(this: ScanSource, options?: ScanOptions & DecoderOption) {
    return single((cursor) => this.scan(cursor, options));
  },
  hscanIterator(this: ScanSource, key: GlideString, options?: HScanOptions & DecoderOption) {
    const step: ScanStep = (cursor) => this.hscan(key, cursor.toString(), options);
    return options?.noValues ? single(step) : pairs(step);
  },
  sscanIterator(this: ScanSource, key: GlideString, options?: BaseScanOptions & DecoderOption) {
    return single((cursor) => this.sscan(key, cursor, options));
  },
  zscanIterator(this: ScanSource, key: GlideString, options?: ZScanOptions & DecoderOption) {
    const step: ScanStep = (cursor) => this.zscan(key, cursor.toString(), options);
    return options?.noScores ? single(step) : pairs(step);
  },
} satisfies Record<keyof ScanIterators, unknown>;

/** Defines the iterator methods on `prototype` (a client class whose instances are ScanSources). */
export function installScanIterators(prototype: object): void {
  for (const [name, method] of Object.entries(iteratorMethods)) {
    Object.defineProperty(prototype, name, {
      configurable: true,
      enumerable: false,
      writable: true,
      value: method,
    });
  }
}
