// The "expired" notification, on the controllable clock (the fake expires
// keys when they are next read, and then publishes the event), and the
// keymiss that read publishes after it.

import { describe, expect, it } from "vitest";
import { manualClockStandalone } from "../support/manual-clock-standalone.js";

describe("keyspace notifications of expired keys", () => {
  const { clock, open } = manualClockStandalone();

  it("publishes expired (class x) once the key is found expired, in its database", async () => {
    const subscriber = await open();
    const client = await open();
    expect(await subscriber.call(["SUBSCRIBE", "__keyevent@2__:expired"])).toEqual([
      "$subscribe",
      "$__keyevent@2__:expired",
      ":1",
    ]);
    await client.call(["CONFIG", "SET", "notify-keyspace-events", "Ex"]);
    await client.call(["SELECT", "2"]);
    await client.call(["SET", "session", "v", "PX", "50"]);
    clock.advance(50);
    expect(await client.call(["GET", "session"])).toEqual({ nil: "$" });
    expect(await subscriber.read()).toEqual(["$message", "$__keyevent@2__:expired", "$session"]);
    await client.call(["CONFIG", "SET", "notify-keyspace-events", ""]);
  });

  it("publishes keymiss (class m) after expired when a read finds the key expired", async () => {
    const subscriber = await open();
    const client = await open();
    await subscriber.call(["PSUBSCRIBE", "__keyevent@0__:*"]);
    await client.call(["CONFIG", "SET", "notify-keyspace-events", "Exm"]);
    await client.call(["SET", "brief", "v", "PX", "50"]);
    clock.advance(50);
    expect(await client.call(["STRLEN", "brief"])).toBe(":0");
    const message = (event: string) => [
      "$pmessage",
      "$__keyevent@0__:*",
      `$__keyevent@0__:${event}`,
      "$brief",
    ];
    expect(await subscriber.read()).toEqual(message("expired"));
    expect(await subscriber.read()).toEqual(message("keymiss"));
    await client.call(["CONFIG", "SET", "notify-keyspace-events", ""]);
  });
});
