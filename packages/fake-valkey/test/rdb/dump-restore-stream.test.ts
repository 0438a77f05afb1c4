// DUMP and RESTORE of streams across the fake and redis-server 7.0, both
// ways: entries in several nodes (deleted ones, entries whose fields differ
// from their node's first), consumer groups with pending entries and
// consumers, an emptied stream and a stream holding only a group.

import { describe, expect, it } from "vitest";
import { sealPayload, withRdbVersion } from "../../src/rdb/payload.js";
import type { CommandInput, RawClient } from "../support/raw-client.js";
import type { WireFrame } from "../support/wire-reader.js";
import { crossingServers, payloadOf } from "./crossing.js";

const servers = crossingServers();

const many = (count: number, make: (i: number) => CommandInput[]) =>
  Array.from({ length: count }, (_, i) => make(i)).flat();

/** Commands that build each stream `k`. */
const STREAMS: readonly { name: string; build: CommandInput[] }[] = [
  {
    name: "entries in several nodes, groups, pending entries and consumers",
    build: [
      ["XADD", "k", "1-1", "a", "1", "b", "2"],
      ["XADD", "k", "1-2", "a", "3", "b", "4"],
      ["XADD", "k", "2-0", "c", "x"],
      ["XADD", "k", "3-5", "a", "1", "b", "2", "c", "-70000"],
      ["XADD", "k", "4-0", "a", "7", "b", "v".repeat(300)],
      ["XADD", "k", "5-0", "big", "x".repeat(5000), "n", "-9223372036854775808"],
      ...many(150, (i) => [
        i % 3 === 0
          ? ["XADD", "k", `10-${i}`, "n", String(i * 1000)]
          : ["XADD", "k", `${11 + i}-${i % 2}`, "f", `value-${i}`, "g", String(-i)],
      ]),
      ["XDEL", "k", "1-2", "10-3", "13-0"],
      ["XGROUP", "CREATE", "k", "g1", "0"],
      ["XGROUP", "CREATE", "k", "g2", "3-5"],
      ["XGROUP", "CREATE", "k", "g3", "$"],
      ["XREADGROUP", "GROUP", "g1", "alice", "COUNT", "3", "STREAMS", "k", ">"],
      ["XREADGROUP", "GROUP", "g1", "bob", "COUNT", "2", "STREAMS", "k", ">"],
      ["XREADGROUP", "GROUP", "g2", "bob", "COUNT", "1", "STREAMS", "k", ">"],
      ["XACK", "k", "g1", "1-1"],
      ["XCLAIM", "k", "g1", "carol", "0", "4-0"],
      ["XGROUP", "CREATECONSUMER", "k", "g3", "dave"],
      ["XDEL", "k", "2-0"],
    ],
  },
  {
    name: "a stream emptied by XDEL",
    build: [
      ["XADD", "k", "1-1", "a", "1"],
      ["XADD", "k", "2-2", "b", "2"],
      ["XDEL", "k", "1-1", "2-2"],
    ],
  },
  { name: "a stream with only a group", build: [["XGROUP", "CREATE", "k", "g", "$", "MKSTREAM"]] },
];

/** The reads compared, on key `key`. */
function reads(key: string): CommandInput[] {
  return [
    ["XINFO", "STREAM", key, "FULL"],
    ["XINFO", "STREAM", key],
    ["XINFO", "GROUPS", key],
    ["XRANGE", key, "-", "+"],
    ["XLEN", key],
    ["XPENDING", key, "g1"],
    ["XPENDING", key, "g1", "-", "+", "100"],
    ["XPENDING", key, "g2", "-", "+", "100", "bob"],
  ];
}

/** Redis 7.0 has no consumer active time (Valkey 8 and 7.2 do): left out of the comparison. */
function withoutActiveTime(frame: WireFrame): WireFrame {
  if (!Array.isArray(frame)) return frame;
  const out: WireFrame[] = [];
  for (let i = 0; i < frame.length; i++) {
    if (frame[i] === "$active-time" || frame[i] === "$inactive") i++;
    else out.push(withoutActiveTime(frame[i] as WireFrame));
  }
  return out;
}

/** XPENDING's idle times grow while the test runs: left out (delivery times are compared in XINFO). */
function withoutIdle(command: CommandInput, frame: WireFrame): WireFrame {
  if (command[0] !== "XPENDING" || command.length < 5 || !Array.isArray(frame)) return frame;
  return frame.map((entry) => (Array.isArray(entry) ? entry.filter((_, i) => i !== 2) : entry));
}

async function readAll(client: RawClient, key: string): Promise<WireFrame[]> {
  const out: WireFrame[] = [];
  for (const command of reads(key))
    out.push(withoutIdle(command, withoutActiveTime(await client.call(command))));
  return out;
}

describe("DUMP and RESTORE of streams between the fake and redis-server", () => {
  for (const stream of STREAMS) {
    it(`${stream.name}: each side restores the other's dump`, async () => {
      const { onFake, onReal } = servers;
      for (const client of [onFake, onReal]) {
        await client.call(["DEL", "k"]);
        for (const command of stream.build) await client.call(command);
      }
      const realExpected = await readAll(onReal, "k");
      expect(JSON.stringify(realExpected)).not.toContain("-ERR");
      const realDump = payloadOf(await onReal.call(["DUMP", "k"]));
      const fakeExpected = await readAll(onFake, "k");
      const fakeDump = payloadOf(await onFake.call(["DUMP", "k"]));
      // redis-server → fake: the copy reads as the original does on redis-server.
      expect(await onFake.call(["RESTORE", "k", "0", realDump, "REPLACE"])).toBe("+OK");
      expect(await readAll(onFake, "k")).toEqual(realExpected);
      // fake → redis-server, under redis-server 7.0's RDB version.
      const v10 = withRdbVersion(fakeDump, 10);
      expect(await onReal.call(["RESTORE", "k", "0", v10, "REPLACE"])).toBe("+OK");
      expect(await readAll(onReal, "k")).toEqual(fakeExpected);
      // and the fake restores its own dump.
      expect(await onFake.call(["RESTORE", "k", "0", fakeDump, "REPLACE"])).toBe("+OK");
      expect(await readAll(onFake, "k")).toEqual(fakeExpected);
    });
  }

  it("reads entry IDs as deltas from their node's key, refusing a last ID before them", async () => {
    const { onFake } = servers;
    await onFake.call(["DEL", "k"]);
    await onFake.call(["XADD", "k", "5-0", "a", "1"]);
    const dump = payloadOf(await onFake.call(["DUMP", "k"]));
    // The node key (the first entry's ID) follows the type, node count and key length.
    const withKey = (ms: bigint) => {
      const content = Buffer.from(dump.subarray(0, dump.length - 10));
      content.writeBigUInt64BE(ms, 3);
      return sealPayload(content);
    };
    expect(await onFake.call(["RESTORE", "moved", "0", withKey(4n)])).toBe("+OK");
    expect(await onFake.call(["XRANGE", "moved", "-", "+"])).toEqual([["$4-0", ["$a", "$1"]]]);
    // At 6-0 the entry would follow the stream's last ID (5-0).
    expect(await onFake.call(["RESTORE", "late", "0", withKey(6n)])).toBe("-ERR Bad data format");
  });
});
