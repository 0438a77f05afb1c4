import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ConsumerGroup, Stream } from "../data/stream/stream.js";
import { compareIds, type StreamId } from "../data/stream/stream-id.js";
import { writeListpack } from "./listpack.js";
import { readStream, STREAM_LISTPACKS, STREAM_LISTPACKS_3, writeStream } from "./stream.js";
import { writeRdbLength, writeRdbString } from "./string.js";
import { readValue, writeValue } from "./value.js";

const U64 = 2n ** 64n - 1n;
const bytes = fc.uint8Array({ maxLength: 12 }).map((array) => Buffer.from(array));
/** Field names from a small pool, so entries often share their node's fields. */
const name = fc.constantFrom("a", "b", "c", "").map((text) => Buffer.from(text));
const value = fc.oneof(
  bytes,
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((n) => Buffer.from(String(n))),
);
const fields = fc
  .array(fc.tuple(name, value), { minLength: 1, maxLength: 4 })
  .map((pairs) => pairs.flat());
/** The step to the next ID: its sequence only, or a later millisecond (rarely far later). */
const step = fc.oneof(
  {
    arbitrary: fc.record({ ms: fc.constant(0n), seq: fc.bigInt({ min: 1n, max: 3n }) }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      ms: fc.bigInt({ min: 1n, max: 1000n }),
      seq: fc.bigInt({ min: 0n, max: U64 }),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({ ms: fc.bigInt({ min: 1n, max: 2n ** 62n }), seq: fc.constant(0n) }),
    weight: 1,
  },
);
const time = fc.integer({ min: -1, max: 2 ** 50 });

interface Plan {
  readonly start: StreamId;
  readonly entries: readonly { step: StreamId; fields: Buffer[]; deleted: boolean }[];
  readonly groups: readonly {
    name: string;
    entriesRead: number;
    consumers: readonly { name: string; seenAt: number; activeAt: number }[];
    pending: readonly { pick: number; owner: number; deliveredAt: number; deliveries: number }[];
  }[];
}

const plan: fc.Arbitrary<Plan> = fc.record({
  start: fc.record({
    ms: fc.bigInt({ min: 0n, max: U64 - 2n ** 63n }),
    seq: fc.bigInt({ min: 1n, max: U64 }),
  }),
  entries: fc.array(fc.record({ step, fields, deleted: fc.boolean() }), {
    maxLength: 230,
    size: "max",
  }),
  groups: fc.uniqueArray(
    fc.record({
      name: fc.string({ maxLength: 6 }),
      entriesRead: fc.integer({ min: -1, max: 1000 }),
      consumers: fc.uniqueArray(
        fc.record({ name: fc.string({ maxLength: 6 }), seenAt: time, activeAt: time }),
        { selector: (consumer) => consumer.name, maxLength: 3 },
      ),
      pending: fc.array(
        fc.record({
          pick: fc.nat(),
          owner: fc.nat(),
          deliveredAt: time,
          deliveries: fc.nat({ max: 2 ** 40 }),
        }),
        { maxLength: 6 },
      ),
    }),
    { selector: (group) => group.name, maxLength: 3 },
  ),
});

/** A stream built with the fake's own operations, as commands would leave it. */
function build(p: Plan): Stream {
  const stream = new Stream();
  let id = p.start;
  const ids: StreamId[] = [];
  for (const entry of p.entries) {
    id = {
      ms: id.ms + entry.step.ms,
      seq: entry.step.ms > 0n ? entry.step.seq : id.seq + entry.step.seq,
    };
    if (id.ms > U64 || id.seq > U64) break;
    stream.append(id, entry.fields);
    ids.push(id);
  }
  p.entries.forEach((entry, i) => {
    const target = ids[i];
    if (entry.deleted && target !== undefined) stream.delete(target);
  });
  for (const g of p.groups) {
    const group: ConsumerGroup = {
      name: g.name,
      lastId: stream.lastId,
      entriesRead: g.entriesRead,
      pending: new Map(),
      consumers: new Map(),
    };
    const consumers = g.consumers.map((c) => ({ ...c, pending: new Map() }));
    for (const c of consumers) group.consumers.set(c.name, c);
    for (const pick of g.pending) {
      const target = ids[pick.pick % Math.max(1, ids.length)];
      const owner = consumers[pick.owner % Math.max(1, consumers.length)];
      if (target === undefined || owner === undefined) continue;
      const key = `${target.ms}-${target.seq}`;
      if (group.pending.has(key)) continue;
      const pending = {
        id: target,
        consumer: owner,
        deliveredAt: pick.deliveredAt,
        deliveries: pick.deliveries,
      };
      group.pending.set(key, pending);
      owner.pending.set(key, pending);
    }
    stream.groups.set(g.name, group);
  }
  return stream;
}

const byName = (a: { name: string }, b: { name: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** A stream in comparable form; `activeTimes` false reads consumers' active times as their seen times. */
function shape(stream: Stream, activeTimes = true): unknown {
  const groups = [...stream.groups.values()].map((group) => ({
    name: group.name,
    lastId: group.lastId,
    entriesRead: group.entriesRead,
    pending: [...group.pending.values()]
      .sort((a, b) => compareIds(a.id, b.id))
      .map((p) => [p.id, p.consumer?.name, p.deliveredAt, p.deliveries]),
    consumers: [...group.consumers.values()].sort(byName).map((c) => ({
      name: c.name,
      seenAt: c.seenAt,
      activeAt: activeTimes ? c.activeAt : c.seenAt,
      pending: [...c.pending.keys()].sort(),
    })),
  }));
  return {
    nodes: stream.nodeEntries(),
    length: stream.length,
    lastId: stream.lastId,
    firstId: stream.firstId,
    maxDeletedId: stream.maxDeletedId,
    entriesAdded: stream.entriesAdded,
    groups: groups.sort(byName),
  };
}

describe("streams in RDB", () => {
  it("reads back every stream it writes, as the server's type 19 and Valkey's 21", () => {
    let severalNodes = 0;
    fc.assert(
      fc.property(plan, (p) => {
        const stream = build(p);
        if (stream.nodeCount > 1) severalNodes++;
        const read = readValue(writeValue({ type: "stream", value: stream }));
        expect(read?.type).toBe("stream");
        const back = (read as { value: Stream }).value;
        expect(shape(back, false)).toEqual(shape(stream, false));
        const typed = Buffer.concat(writeStream(stream, STREAM_LISTPACKS_3));
        const back3 = readStream(typed, 1, STREAM_LISTPACKS_3);
        expect(back3 && shape(back3)).toEqual(shape(stream));
      }),
      { numRuns: 60 },
    );
    expect(severalNodes).toBeGreaterThan(0);
  });

  it("never throws on a stream payload with a byte changed or cut short", () => {
    const stream = build({
      start: { ms: 5n, seq: 1n },
      entries: [
        { step: { ms: 0n, seq: 1n }, fields: [Buffer.from("a"), Buffer.from("1")], deleted: false },
        { step: { ms: 1n, seq: 0n }, fields: [Buffer.from("b"), Buffer.from("x")], deleted: true },
        { step: { ms: 1n, seq: 3n }, fields: [Buffer.from("a"), Buffer.from("2")], deleted: false },
      ],
      groups: [
        {
          name: "g",
          entriesRead: -1,
          consumers: [{ name: "c", seenAt: 1, activeAt: 2 }],
          pending: [{ pick: 0, owner: 0, deliveredAt: 3, deliveries: 1 }],
        },
      ],
    });
    const payload = writeValue({ type: "stream", value: stream });
    fc.assert(
      fc.property(fc.nat(payload.length - 1), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const changed = Buffer.from(payload);
        changed[at] = byte;
        readValue(changed);
        readValue(payload.subarray(0, at));
      }),
    );
  });

  it("reads 5.0's type 15: entries added is the length, entries read estimated", () => {
    const listpack = writeListpack([
      1n,
      0n,
      1n,
      Buffer.from("f"),
      0n,
      2n,
      0n,
      0n,
      Buffer.from("v"),
      4n,
    ]);
    const key = Buffer.alloc(16);
    key.writeBigUInt64BE(7n, 0);
    const parts = [
      Buffer.from([STREAM_LISTPACKS]),
      writeRdbLength(1),
      ...writeRdbString(key),
      ...writeRdbString(listpack),
      writeRdbLength(1), // length
      writeRdbLength(7),
      writeRdbLength(0), // last ID 7-0
      writeRdbLength(1), // one group, at the last ID, nothing pending
      ...writeRdbString(Buffer.from("g")),
      writeRdbLength(7),
      writeRdbLength(0),
      writeRdbLength(0),
      writeRdbLength(0),
    ];
    const read = readValue(Buffer.concat(parts));
    expect(read?.type).toBe("stream");
    const stream = (read as { value: Stream }).value;
    expect([...stream.range({ ms: 0n, seq: 0n }, { ms: U64, seq: U64 })]).toEqual([
      { id: { ms: 7n, seq: 0n }, fields: [Buffer.from("f"), Buffer.from("v")], deleted: false },
    ]);
    expect(stream.entriesAdded).toBe(1);
    expect(stream.groups.get("g")?.entriesRead).toBe(1);
  });

  it("refuses entries out of order, a last ID before them, a consumer's entry missing from its group, duplicate groups", () => {
    // Node 1-1 holding 1-2, then 1-1 (a seq delta of 0): the second precedes the first.
    const node = (secondSeq: bigint) =>
      Buffer.concat([
        Buffer.from([19]),
        writeRdbLength(1),
        ...writeRdbString(Buffer.from([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1])),
        ...writeRdbString(
          writeListpack([
            ...[2n, 0n, 1n, Buffer.from("a"), 0n],
            ...[2n, 0n, 1n, Buffer.from("1"), 4n],
            ...[2n, 0n, secondSeq, Buffer.from("2"), 4n],
          ]),
        ),
        ...[2, 1, 3, 1, 2, 0, 0, 2, 0].map(writeRdbLength),
      ]);
    expect(readValue(node(2n))?.type).toBe("stream");
    expect(readValue(node(0n))).toBeUndefined();
    // The last ID (1-3 above) made 1-2, before the last entry.
    const early = node(2n);
    early[early.length - 7] = 2;
    expect(readValue(early)).toBeUndefined();

    const grouped = build({
      start: { ms: 1n, seq: 0n },
      entries: [
        { step: { ms: 0n, seq: 1n }, fields: [Buffer.from("a"), Buffer.from("1")], deleted: false },
      ],
      groups: [
        {
          name: "g",
          entriesRead: 1,
          consumers: [{ name: "c", seenAt: 1, activeAt: 1 }],
          pending: [{ pick: 0, owner: 0, deliveredAt: 1, deliveries: 1 }],
        },
      ],
    });
    const payload = writeValue({ type: "stream", value: grouped });
    expect(readValue(payload)?.type).toBe("stream");
    // The consumer's PEL ID is the last 16 bytes: pointing it elsewhere leaves it outside the group's PEL.
    const orphan = Buffer.from(payload);
    orphan[orphan.length - 1] = 9;
    expect(readValue(orphan)).toBeUndefined();
    // Two groups of one name: the group count raised to 2, the group written twice.
    const groupStart = payload.indexOf(Buffer.from([1, 1, 0x67]));
    const doubled = Buffer.concat([
      payload.subarray(0, groupStart),
      Buffer.from([2]),
      payload.subarray(groupStart + 1),
      payload.subarray(groupStart + 1),
    ]);
    expect(readValue(doubled)).toBeUndefined();
  });
});
