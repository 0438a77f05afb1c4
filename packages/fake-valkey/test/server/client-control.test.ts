// CLIENT NO-TOUCH (Valkey 7.2+, absent from the reference redis-server) and
// CLIENT PAUSE deadlines on a manual clock.

import { describe, expect, it } from "vitest";
import { until } from "../../src/index.js";
import { manualClockStandalone } from "../support/manual-clock-standalone.js";

const fake = manualClockStandalone(1_700_000_000_000);

describe("CLIENT NO-TOUCH and PAUSE on the fake", () => {
  it("NO-TOUCH reads leave OBJECT IDLETIME alone; TOUCH still touches", async () => {
    const client = await fake.open();
    expect(await client.call(["SET", "k", "v"])).toBe("+OK");
    fake.clock.advance(5000);
    expect(await client.call(["CLIENT", "NO-TOUCH", "ON"])).toBe("+OK");
    expect(String(await client.call(["CLIENT", "INFO"]))).toMatch(/flags=T /);
    expect(await client.call(["GET", "k"])).toBe("$v");
    expect(await client.call(["OBJECT", "IDLETIME", "k"])).toBe(":5");
    expect(await client.call(["TOUCH", "k"])).toBe(":1");
    expect(await client.call(["OBJECT", "IDLETIME", "k"])).toBe(":0");
    fake.clock.advance(3000);
    expect(await client.call(["CLIENT", "NO-TOUCH", "OFF"])).toBe("+OK");
    expect(await client.call(["GET", "k"])).toBe("$v");
    expect(await client.call(["OBJECT", "IDLETIME", "k"])).toBe(":0");
    expect(await client.call(["CLIENT", "NO-TOUCH", "maybe"])).toBe("-ERR syntax error");
  });

  it("a pause ends at its deadline, keeps the longer of two, and shows held clients as blocked", async () => {
    const admin = await fake.open();
    const writer = await fake.open();
    expect(await admin.call(["CLIENT", "PAUSE", "1000", "WRITE"])).toBe("+OK");
    expect(await admin.call(["CLIENT", "PAUSE", "10", "WRITE"])).toBe("+OK");
    writer.send(["SET", "k", "held"]);
    // Held once the server has read it: its CLIENT LIST line shows it blocked.
    await until(async () => / flags=b /.test(String(await admin.call(["CLIENT", "LIST"]))), 2000);
    fake.clock.advance(500);
    expect(await admin.call(["GET", "k"])).not.toBe("$held");
    expect(writer.buffered).toBe(0);
    fake.clock.advance(500);
    expect(await writer.read()).toBe("+OK");
    expect(await admin.call(["GET", "k"])).toBe("$held");
  });
});
