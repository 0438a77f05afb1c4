import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeStandalone, ManualClock, startStandalone, until } from "../../src/index.js";
import { rawClientsPerTest } from "../support/raw-clients-per-test.js";

describe("blocking commands and the controllable clock", () => {
  const clock = new ManualClock();
  let server: FakeStandalone;
  const open = rawClientsPerTest(() => server.port);
  beforeAll(async () => {
    server = await startStandalone({ clock });
  });
  afterAll(() => server.stop());

  it("wakes BLPOP when another client pushes, and holds back pipelined commands meanwhile", async () => {
    const waiter = await open();
    const writer = await open();
    waiter.send(["BLPOP", "q", "0"]);
    waiter.send(["PING"]);
    await until(() => server.primary.blockedCount === 1, 1000);
    expect(waiter.buffered).toBe(0);
    expect(await writer.call(["RPUSH", "q", "a", "b"])).toBe(":2");
    expect(await waiter.read()).toEqual(["$q", "$a"]);
    expect(await waiter.read()).toBe("+PONG");
    expect(await writer.call(["LRANGE", "q", "0", "-1"])).toEqual(["$b"]);
  });

  it("serves blocked clients only after a whole transaction ran", async () => {
    const waiter = await open();
    const writer = await open();
    waiter.send(["BLPOP", "tx", "0"]);
    await until(() => server.primary.blockedCount === 1, 1000);
    await writer.call(["MULTI"]);
    await writer.call(["RPUSH", "tx", "a", "b"]);
    await writer.call(["LPOP", "tx"]);
    expect(await writer.call(["EXEC"])).toEqual([":2", "$a"]);
    expect(await waiter.read()).toEqual(["$tx", "$b"]);
  });

  it("times out on the server clock", async () => {
    const waiter = await open();
    waiter.send(["BLPOP", "empty", "5"]);
    await until(() => server.primary.blockedCount === 1, 1000);
    clock.advance(4999);
    expect(waiter.buffered).toBe(0);
    clock.advance(1);
    expect(await waiter.read()).toEqual({ nil: "*" });
  });

  it("expires keys as the clock moves", async () => {
    const client = await open();
    expect(await client.call(["SET", "t", "v", "PX", "100"])).toBe("+OK");
    expect(await client.call(["PTTL", "t"])).toBe(":100");
    clock.advance(100);
    expect(await client.call(["GET", "t"])).toEqual({ nil: "$" });
  });
});
