// FUNCTION DUMP and FUNCTION RESTORE with its three policies on the fake, and
// payloads crossing between the fake and redis-server 7.0 both ways.

import { startStandalone as startRealStandalone } from "@petrel/test-servers";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeStandalone, startStandalone } from "../../src/index.js";
import { withRdbVersion } from "../../src/rdb/payload.js";
import { RawClient } from "../support/raw-client.js";

let fake: FakeStandalone;
let client: RawClient;
beforeAll(async () => {
  fake = await startStandalone({});
  client = await RawClient.connect(fake.port);
});
afterAll(async () => {
  client.close();
  await fake.stop();
});

const lib = (name: string, fn: string) =>
  `#!lua name=${name}\nredis.register_function('${fn}', function() return '${name}' end)`;

it("restores dumped libraries with APPEND, REPLACE and FLUSH", async () => {
  expect(await client.call(["FUNCTION", "LOAD", lib("one", "f1")])).toBe("$one");
  expect(await client.call(["FUNCTION", "LOAD", lib("two", "f2")])).toBe("$two");
  const dump = await client.call(["FUNCTION", "DUMP"]);
  expect(typeof dump).toBe("string");
  const payload = Buffer.from(String(dump).slice(1), "latin1");
  expect(await client.call(["FUNCTION", "RESTORE", payload])).toBe(
    "-ERR Library 'one' already exists",
  );
  expect(await client.call(["FCALL", "f2", "0"])).toBe("$two");
  expect(await client.call(["FUNCTION", "RESTORE", payload, "REPLACE"])).toBe("+OK");
  expect(await client.call(["FUNCTION", "LOAD", lib("three", "f3")])).toBe("$three");
  expect(await client.call(["FUNCTION", "RESTORE", payload, "FLUSH"])).toBe("+OK");
  expect(await client.call(["FCALL", "f3", "0"])).toBe("-ERR Function not found");
  expect(await client.call(["FCALL", "f1", "0"])).toBe("$one");
  expect(await client.call(["FUNCTION", "FLUSH"])).toBe("+OK");
  expect(await client.call(["FUNCTION", "RESTORE", payload])).toBe("+OK");
  expect(await client.call(["FCALL", "f2", "0"])).toBe("$two");
});

/** A library long and repetitive enough that redis-server LZF-compresses it in its dump. */
const COMPRESSIBLE = `${lib("packed", "fpacked")}\n${"-- the same comment line again\n".repeat(20)}`;

it("restores redis-server's LZF-compressed dump, and redis-server restores the fake's", async () => {
  const real = await startRealStandalone({});
  const onReal = await RawClient.connect(real.description.addresses[0]?.port as number);
  try {
    expect(await onReal.call(["FUNCTION", "LOAD", COMPRESSIBLE])).toBe("$packed");
    const realDump = Buffer.from(
      String(await onReal.call(["FUNCTION", "DUMP"])).slice(1),
      "latin1",
    );
    expect(realDump[1]).toBe(0xc3); // the server's LZF string encoding
    expect(await client.call(["FUNCTION", "RESTORE", realDump, "FLUSH"])).toBe("+OK");
    expect(await client.call(["FCALL", "fpacked", "0"])).toBe("$packed");
    expect(await client.call(["FUNCTION", "LIST", "WITHCODE"])).toEqual(
      await onReal.call(["FUNCTION", "LIST", "WITHCODE"]),
    );

    // The fake dumps as Valkey 8 (RDB 11), which 7.0 refuses as it refuses Valkey 8's;
    // with 7.0's version in the footer the same bytes restore there.
    expect(await client.call(["FUNCTION", "LOAD", lib("fromfake", "ffake")])).toBe("$fromfake");
    const fakeDump = Buffer.from(
      String(await client.call(["FUNCTION", "DUMP"])).slice(1),
      "latin1",
    );
    expect(await onReal.call(["FUNCTION", "RESTORE", fakeDump, "FLUSH"])).toBe(
      "-ERR DUMP payload version or checksum are wrong",
    );
    expect(await onReal.call(["FUNCTION", "RESTORE", withRdbVersion(fakeDump, 10), "FLUSH"])).toBe(
      "+OK",
    );
    expect(await onReal.call(["FCALL", "ffake", "0"])).toBe("$fromfake");
    expect(await onReal.call(["FCALL", "fpacked", "0"])).toBe("$packed");
  } finally {
    onReal.close();
    await real.stop();
  }
});
