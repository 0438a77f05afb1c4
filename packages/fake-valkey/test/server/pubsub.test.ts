import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeStandalone, startStandalone } from "../../src/index.js";
import { rawClientsPerTest } from "../support/raw-clients-per-test.js";

describe("Pub/Sub", () => {
  let server: FakeStandalone;
  const open = rawClientsPerTest(() => server.port);
  beforeAll(async () => {
    server = await startStandalone();
  });
  afterAll(() => server.stop());

  it("RESP2: confirms each channel, delivers messages and restricts commands", async () => {
    const sub = await open();
    const pub = await open();
    expect(await sub.call(["SUBSCRIBE", "a", "b"], 2)).toEqual([
      ["$subscribe", "$a", ":1"],
      ["$subscribe", "$b", ":2"],
    ]);
    expect(await sub.call(["PSUBSCRIBE", "a*"])).toEqual(["$psubscribe", "$a*", ":3"]);
    expect(await sub.call(["GET", "k"])).toBe(
      "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
    );
    expect(await sub.call(["PING"])).toEqual(["$pong", "$"]);
    expect(await pub.call(["PUBLISH", "a", "hello"])).toBe(":2");
    expect(await sub.read()).toEqual(["$message", "$a", "$hello"]);
    expect(await sub.read()).toEqual(["$pmessage", "$a*", "$a", "$hello"]);
    expect(await pub.call(["PUBSUB", "NUMSUB", "a", "zz"])).toEqual(["$a", ":1", "$zz", ":0"]);
    expect(await pub.call(["PUBSUB", "NUMPAT"])).toBe(":1");
    expect(await sub.call(["UNSUBSCRIBE"], 2)).toEqual([
      ["$unsubscribe", "$a", ":2"],
      ["$unsubscribe", "$b", ":1"],
    ]);
    expect(await sub.call(["PUNSUBSCRIBE"])).toEqual(["$punsubscribe", "$a*", ":0"]);
    expect(await sub.call(["GET", "k"])).toEqual({ nil: "$" });
    expect(await sub.call(["UNSUBSCRIBE"])).toEqual(["$unsubscribe", { nil: "$" }, ":0"]);
  });

  it("RESP3: answers with pushes and keeps regular commands available", async () => {
    const sub = await open();
    const pub = await open();
    await sub.call(["HELLO", "3"]);
    expect(await sub.call(["SUBSCRIBE", "c"])).toEqual({ push: ["$subscribe", "$c", ":1"] });
    expect(await sub.call(["SET", "k", "v"])).toBe("+OK");
    expect(await pub.call(["PUBLISH", "c", "m"])).toBe(":1");
    expect(await sub.read()).toEqual({ push: ["$message", "$c", "$m"] });
    expect(await sub.call(["SSUBSCRIBE", "s1"])).toEqual({ push: ["$ssubscribe", "$s1", ":1"] });
    expect(await pub.call(["SPUBLISH", "s1", "x"])).toBe(":1");
    expect(await sub.read()).toEqual({ push: ["$smessage", "$s1", "$x"] });
    expect(await sub.call(["PING"])).toBe("+PONG");
  });
});
