// A script running past busy-reply-threshold: other clients get BUSY, SCRIPT
// KILL stops a script that wrote nothing, and refuses one that did.

import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeStandalone, startStandalone, until } from "../../src/index.js";
import { RawClient } from "../support/raw-client.js";

let fake: FakeStandalone;
const clients: RawClient[] = [];

async function connect(): Promise<RawClient> {
  const client = await RawClient.connect(fake.port);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  fake = await startStandalone({});
});
afterAll(async () => {
  for (const client of clients) client.close();
  await fake.stop();
});

it("answers BUSY while a script runs long and lets SCRIPT KILL stop it", async () => {
  const runner = await connect();
  const other = await connect();
  expect(await other.call(["CONFIG", "SET", "busy-reply-threshold", "50"])).toBe("+OK");
  const looping = runner.call(["EVAL", "local i = 0\nwhile true do i = i + 1 end", "0"]);
  let busy: unknown;
  await until(async () => {
    busy = await other.call(["PING"]);
    return busy !== "+PONG";
  }, 10_000);
  expect(busy).toBe(
    "-BUSY Valkey is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.",
  );
  expect(await other.call(["FUNCTION", "KILL"])).toBe(
    "-BUSY Valkey is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.",
  );
  expect(await other.call(["SCRIPT", "KILL"])).toBe("+OK");
  expect(await looping).toMatch(
    /^-ERR Script killed by user with SCRIPT KILL\.\.\. script: [0-9a-f]{40}, on @user_script:2\.$/,
  );
  expect(await other.call(["PING"])).toBe("+PONG");
  expect(await other.call(["SCRIPT", "KILL"])).toBe("-NOTBUSY No scripts in execution right now.");
});

it("refuses to kill a script that wrote, which then finishes", async () => {
  const runner = await connect();
  const other = await connect();
  expect(await other.call(["CONFIG", "SET", "busy-reply-threshold", "20"])).toBe("+OK");
  const writing = runner.call([
    "EVAL",
    "redis.call('SET', KEYS[1], 'written')\nlocal n = 0\nfor i = 1, 20000000 do n = n + 1 end\nreturn n",
    "1",
    "busy:key",
  ]);
  let kill: unknown;
  await until(async () => {
    kill = await other.call(["SCRIPT", "KILL"]);
    return kill !== "-NOTBUSY No scripts in execution right now.";
  }, 10_000);
  expect(kill).toMatch(/^-UNKILLABLE Sorry the script already executed write commands/);
  expect(await writing).toBe(":20000000");
  expect(await other.call(["GET", "busy:key"])).toBe("$written");
});
