// A loop inside pcall still hands control back while past busy-reply-threshold:
// other clients get BUSY, SCRIPT KILL stops it, and pcall cannot catch the kill.
// The same steps run on redis-server and the replies are compared.

import { startStandalone as startRealStandalone } from "@petrel/test-servers";
import { afterAll, expect, it } from "vitest";
import { startStandalone, until } from "../../src/index.js";
import { RawClient } from "../support/raw-client.js";

const stops: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function connect(port: number): Promise<RawClient> {
  const client = await RawClient.connect(port);
  stops.push(() => client.close());
  return client;
}

const LOOP_IN_PCALL = [
  "local ok, err = pcall(function()",
  "  local i = 0",
  "  while true do i = i + 1 end",
  "end)",
  "redis.call('SET', 'caught', tostring(err))",
  "return 'caught'",
].join("\n");

const NESTED = [
  "local function spin() local i = 0 while true do i = i + 1 end end",
  "local ok = pcall(function() return pcall(spin) end)",
  "return 'caught'",
].join("\n");

/** Runs a script that loops inside pcall until SCRIPT KILL; returns what clients saw. */
async function killInsidePcall(port: number, script: string): Promise<unknown[]> {
  const runner = await connect(port);
  const other = await connect(port);
  const seen: unknown[] = [await other.call(["CONFIG", "SET", "busy-reply-threshold", "50"])];
  const looping = runner.call(["EVAL", script, "0"], 1);
  let busy: unknown;
  await until(async () => {
    busy = await other.call(["PING"]);
    return busy !== "+PONG";
  }, 10_000);
  // redis-server 7.0 names itself in BUSY; the fake answers as Valkey.
  seen.push(typeof busy === "string" ? busy.replace("-BUSY Redis", "-BUSY Valkey") : busy);
  seen.push(await other.call(["SCRIPT", "KILL"]));
  seen.push(await looping);
  seen.push(await other.call(["GET", "caught"]));
  seen.push(await other.call(["PING"]));
  return seen;
}

it("pauses a loop inside pcall for BUSY, and SCRIPT KILL ends it uncaught, as redis-server", async () => {
  const fake = await startStandalone({});
  stops.push(() => fake.stop());
  const real = await startRealStandalone({});
  stops.push(() => real.stop());
  const realPort = real.description.addresses[0]?.port as number;
  for (const script of [LOOP_IN_PCALL, NESTED]) {
    const onFake = await killInsidePcall(fake.port, script);
    const onReal = await killInsidePcall(realPort, script);
    expect(onFake).toEqual(onReal);
    expect(onFake[2]).toBe("+OK");
    expect(onFake[3]).toMatch(/^-ERR Script killed by user with SCRIPT KILL\.\.\./);
    expect(onFake[4]).toEqual({ nil: "$" });
  }
}, 60_000);
