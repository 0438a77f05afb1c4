// A script queued in MULTI before the process ever ran one: EXEC waits for the
// Lua interpreter to load instead of failing. This file must run no other
// script first (vitest gives each file its own module state).

import { startStandalone as startRealStandalone } from "@petrel/test-servers";
import { afterAll, expect, it } from "vitest";
import { startStandalone } from "../../src/index.js";
import { type CommandInput, RawClient } from "../support/raw-client.js";
import type { WireFrame } from "../support/wire-reader.js";

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops) await stop();
});

const PIPELINE: readonly CommandInput[] = [
  ["HELLO", "3"],
  ["MULTI"],
  ["SET", "counter", "41"],
  ["EVAL", "return redis.call('INCR', KEYS[1])", "1", "counter"],
  ["SCRIPT", "LOAD", "return ARGV[1] .. 'x'"],
  ["EVAL", "return {1, 2.5, 'three', {ok='fine'}, redis.setresp(3)}", "0"],
  ["FCALL", "missing", "0"],
  ["EXEC"],
  ["GET", "counter"],
  ["EVALSHA", "b5d0a64b9ea5f0a25e6e8b7b22a6a4d1d1b2c8a0", "0"],
];

/** Writes the whole pipeline at once, so EXEC arrives before anything could load. */
async function run(port: number): Promise<WireFrame[]> {
  const client = await RawClient.connect(port);
  for (const command of PIPELINE) client.send(command);
  const replies: WireFrame[] = [];
  for (let i = 0; i < PIPELINE.length; i++) replies.push(await client.read(5_000));
  client.close();
  return replies;
}

it("runs scripts queued in MULTI before the first script as redis-server does", async () => {
  const fake = await startStandalone({});
  stops.push(() => fake.stop());
  const onFake = await run(fake.port);
  const real = await startRealStandalone({});
  stops.push(() => real.stop());
  const onReal = await run(real.description.addresses[0]?.port as number);
  expect(onFake.slice(1)).toEqual(onReal.slice(1));
  expect(onFake[7]).toEqual(expect.arrayContaining([":42"]));
  expect(onFake[8]).toBe("$42");
});
