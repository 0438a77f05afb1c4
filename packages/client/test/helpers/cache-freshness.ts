// The freshness check of the client-side cache, shared by the fake, standalone and cluster
// suites. Each writer owns a quarter of the keys and writes them in sequence, so a key's
// versions only grow; after a write is acknowledged, the reader does a round trip on the
// key's connection (EXISTS, never cached) and then reads: it must see that version or newer.
import { expect } from "vitest";
import type { GlideString } from "../../src/index.js";

/** The two clients' methods the check uses (both GlideClient and GlideClusterClient). */
interface Reader {
  get(key: GlideString): Promise<GlideString | null>;
  exists(keys: GlideString[]): Promise<number>;
  getCacheTotalLookups(): Promise<number>;
  getCacheHitRate(): Promise<number>;
}
interface Writer {
  set(key: GlideString, value: GlideString): Promise<unknown>;
}
interface Closable {
  close(): void;
}

export interface FreshnessResult {
  /** Reads that returned an older version than one acknowledged before they began. */
  readonly stale: string[];
  readonly reads: number;
  readonly hits: number;
}

export async function freshnessRun(options: {
  reader: Reader;
  writers: readonly Writer[];
  keys: number;
  prefix: string;
  writesPerWriter?: number;
  readLoops?: number;
}): Promise<FreshnessResult> {
  const { reader, writers, keys, prefix } = options;
  const writesPerWriter = options.writesPerWriter ?? 1500;
  const acked = new Array<number>(keys).fill(0);
  const name = (index: number) => `${prefix}{${index % 16}}${index}`;
  await Promise.all(
    Array.from({ length: keys }, (_, index) =>
      (writers[index % writers.length] as Writer).set(name(index), "0"),
    ),
  );
  let writing = true;
  const stale: string[] = [];
  let reads = 0;
  let seed = 12345;
  const random = (limit: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % limit;
  };
  const writeLoop = async (writer: Writer, owner: number) => {
    const mine = Array.from({ length: keys }, (_, index) => index).filter(
      (index) => index % writers.length === owner,
    );
    for (let n = 0; n < writesPerWriter; n++) {
      const index = mine[random(mine.length)] as number;
      const version = (acked[index] as number) + 1;
      await writer.set(name(index), String(version));
      acked[index] = version;
    }
  };
  const readLoop = async () => {
    // Reads a small hot set often (so it is cached) and the rest sometimes.
    while (writing) {
      const index = random(4) === 0 ? random(keys) : random(50);
      const before = acked[index] as number;
      await reader.exists([name(index)]);
      const value = await reader.get(name(index));
      reads++;
      if (Number(value) < before)
        stale.push(`${name(index)}: read ${value}, acknowledged ${before}`);
    }
  };
  const readers = Array.from({ length: options.readLoops ?? 8 }, readLoop);
  await Promise.all(writers.map((writer, owner) => writeLoop(writer, owner)));
  writing = false;
  await Promise.all(readers);
  const lookups = await reader.getCacheTotalLookups();
  const hits = Math.round(lookups * (await reader.getCacheHitRate()));
  return { stale, reads, hits };
}

/**
 * Opens a caching reader and 4 writers with `config` (generous timeouts: a fake server shares
 * the test's event loop), runs the check on 1,000 keys, expects no stale read and some hits,
 * and closes them.
 */
export async function expectFreshUnderFourWriters<C>(
  open: (config: C & { requestTimeout: number }) => Promise<Reader & Writer & Closable>,
  readerConfig: C,
  writerConfig: C,
): Promise<void> {
  const slow = { requestTimeout: 10_000 };
  const reader = await open({ ...readerConfig, ...slow });
  const writers: (Writer & Closable)[] = [];
  try {
    for (let i = 0; i < 4; i++) writers.push(await open({ ...writerConfig, ...slow }));
    const result = await freshnessRun({ reader, writers, keys: 1000, prefix: "csc:fresh:" });
    expect(result.stale).toEqual([]);
    expect(result.hits).toBeGreaterThan(0);
  } finally {
    reader.close();
    for (const writer of writers) writer.close();
  }
}

/** Polls `check` until it holds, for at most 5 s; `what` names it in the error. */
export async function pollUntil(what: string, check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not in 5 s`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
