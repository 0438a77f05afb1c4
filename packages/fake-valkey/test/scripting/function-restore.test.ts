// FUNCTION DUMP and FUNCTION RESTORE with its three policies on the fake.

import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeStandalone, startStandalone } from "../../src/index.js";
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
