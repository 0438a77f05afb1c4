// DUMP and RESTORE across the fake and redis-server 7.0, both ways, for every
// type and each of the encodings the server dumps them in (small values in
// listpacks and intsets, large ones plain, integers and LZF in strings).

import { describe, expect, it } from "vitest";
import { withRdbVersion } from "../../src/rdb/payload.js";
import type { CommandInput } from "../support/raw-client.js";
import type { WireFrame } from "../support/wire-reader.js";
import { crossingServers, payloadOf } from "./crossing.js";

const servers = crossingServers();

const many = (count: number, make: (i: number) => string[]) =>
  Array.from({ length: count }, (_, i) => make(i)).flat();

/** Commands that build a value, and the command that reads it back. */
const VALUES: readonly { name: string; build: CommandInput; read: CommandInput }[] = [
  { name: "short string", build: ["SET", "k", "hello"], read: ["GET", "k"] },
  { name: "integer string", build: ["SET", "k", "-12345"], read: ["GET", "k"] },
  { name: "large integer string", build: ["SET", "k", "1234567890123"], read: ["GET", "k"] },
  { name: "compressible string", build: ["SET", "k", "abc".repeat(200)], read: ["GET", "k"] },
  {
    name: "binary string",
    build: ["SET", "k", Buffer.from([0, 255, 13, 10, 128])],
    read: ["GET", "k"],
  },
  {
    name: "small list",
    build: ["RPUSH", "k", "a", "7", "-300", "70000", "x".repeat(70)],
    read: ["LRANGE", "k", "0", "-1"],
  },
  {
    name: "large list",
    build: ["RPUSH", "k", ...many(300, (i) => [`item-${i}`])],
    read: ["LRANGE", "k", "0", "-1"],
  },
  {
    name: "list of integers",
    build: [
      "RPUSH",
      "k",
      "1",
      "-1",
      "4095",
      "-4096",
      "32767",
      "8388607",
      "2147483647",
      "-9223372036854775808",
    ],
    read: ["LRANGE", "k", "0", "-1"],
  },
  {
    name: "intset",
    build: ["SADD", "k", "1", "-2", "300", "70000", "5000000000"],
    read: ["SMEMBERS", "k"],
  },
  { name: "small set", build: ["SADD", "k", "a", "b", "1"], read: ["SMEMBERS", "k"] },
  {
    name: "large set",
    build: ["SADD", "k", ...many(200, (i) => [`m${i}`])],
    read: ["SMEMBERS", "k"],
  },
  {
    name: "small sorted set",
    build: ["ZADD", "k", "1.5", "a", "-2", "b", "3", "c", "inf", "top"],
    read: ["ZRANGE", "k", "0", "-1", "WITHSCORES"],
  },
  {
    name: "large sorted set",
    build: ["ZADD", "k", ...many(200, (i) => [String(i / 7), `m${i}`])],
    read: ["ZRANGE", "k", "0", "-1", "WITHSCORES"],
  },
  {
    name: "small hash",
    build: ["HSET", "k", "f1", "v1", "n", "42", "e", ""],
    read: ["HGETALL", "k"],
  },
  {
    name: "large hash",
    build: ["HSET", "k", ...many(200, (i) => [`f${i}`, `v${i}`])],
    read: ["HGETALL", "k"],
  },
];

/** A reply with set-like replies sorted, for comparing values whose order is the server's own. */
function canonical(command: CommandInput, reply: WireFrame): WireFrame {
  const name = String(command[0]);
  if (!Array.isArray(reply)) return reply;
  if (name === "SMEMBERS") return [...reply].map(String).sort();
  if (name === "HGETALL") {
    const pairs: string[] = [];
    for (let i = 0; i < reply.length; i += 2) pairs.push(`${reply[i]}=${reply[i + 1]}`);
    return pairs.sort();
  }
  return reply;
}

describe("DUMP and RESTORE between the fake and redis-server", () => {
  for (const value of VALUES) {
    it(`${value.name}: redis-server's dump restores on the fake, the fake's on redis-server`, async () => {
      const { onFake, onReal } = servers;
      for (const client of [onFake, onReal]) {
        await client.call(["DEL", "k", "copy"]);
        await client.call(value.build);
      }
      const expected = canonical(value.read, await onReal.call(value.read));
      // redis-server → fake
      const realDump = payloadOf(await onReal.call(["DUMP", "k"]));
      expect(await onFake.call(["RESTORE", "copy", "0", realDump])).toBe("+OK");
      const readCopy = [value.read[0] as string, "copy", ...value.read.slice(2)];
      expect(canonical(value.read, await onFake.call(readCopy))).toEqual(expected);
      // fake → redis-server (7.0 refuses Valkey 8's RDB version 11, as for a real Valkey 8 dump)
      const fakeDump = payloadOf(await onFake.call(["DUMP", "k"]));
      expect(await onReal.call(["RESTORE", "copy", "0", fakeDump])).toBe(
        "-ERR DUMP payload version or checksum are wrong",
      );
      expect(await onReal.call(["RESTORE", "copy", "0", withRdbVersion(fakeDump, 10)])).toBe("+OK");
      expect(canonical(value.read, await onReal.call(readCopy))).toEqual(expected);
      // and each side restores its own dump
      expect(await onFake.call(["RESTORE", "copy", "0", fakeDump, "REPLACE"])).toBe("+OK");
      expect(canonical(value.read, await onFake.call(readCopy))).toEqual(expected);
    });
  }
});
