// Streams on the controllable clock: what differential tests cannot pin down
// (idle and inactive times, IDLE filters, BLOCK timeouts), the Valkey 8 fields
// Redis 7.0 lacks, and stream values on replicas.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeStandalone, startStandalone, until } from "../../src/index.js";
import { manualClockStandalone } from "../support/manual-clock-standalone.js";
import { rawClientsPerTest } from "../support/raw-clients-per-test.js";

describe("streams on the server clock", () => {
  const { clock, open, server } = manualClockStandalone(1_000_000);

  it("generates IDs from the clock, then by sequence within one millisecond", async () => {
    const client = await open();
    expect(await client.call(["XADD", "ids", "*", "a", "1"])).toBe("$1000000-0");
    expect(await client.call(["XADD", "ids", "*", "a", "2"])).toBe("$1000000-1");
    clock.advance(5);
    expect(await client.call(["XADD", "ids", "*", "a", "3"])).toBe("$1000005-0");
    expect(await client.call(["XADD", "ids", "2000000-*", "a", "4"])).toBe("$2000000-0");
    // The clock is behind the last ID: the sequence moves on.
    expect(await client.call(["XADD", "ids", "*", "a", "5"])).toBe("$2000000-1");
  });

  it("reports idle, inactive, seen and active times, and filters XPENDING and XAUTOCLAIM by idle time", async () => {
    const client = await open();
    await client.call(["XADD", "jobs", "1-0", "job", "a"]);
    await client.call(["XADD", "jobs", "2-0", "job", "b"]);
    await client.call(["XGROUP", "CREATE", "jobs", "g", "0"]);
    await client.call(["XGROUP", "CREATECONSUMER", "jobs", "g", "idler"]);
    await client.call(["XREADGROUP", "GROUP", "g", "worker", "COUNT", "1", "STREAMS", "jobs", ">"]);
    clock.advance(300);
    await client.call(["XREADGROUP", "GROUP", "g", "worker", "STREAMS", "jobs", ">"]);
    clock.advance(200);
    expect(await client.call(["XINFO", "CONSUMERS", "jobs", "g"])).toEqual([
      ["$name", "$idler", "$pending", ":0", "$idle", ":500", "$inactive", ":-1"],
      ["$name", "$worker", "$pending", ":2", "$idle", ":200", "$inactive", ":200"],
    ]);
    expect(await client.call(["XPENDING", "jobs", "g", "IDLE", "400", "-", "+", "10"])).toEqual([
      ["$1-0", "$worker", ":500", ":1"],
    ]);
    expect(await client.call(["XAUTOCLAIM", "jobs", "g", "idler", "400", "0", "JUSTID"])).toEqual([
      "$0-0",
      ["$1-0"],
      [],
    ]);
    const full = (await client.call(["XINFO", "STREAM", "jobs", "FULL"])) as unknown[];
    const groups = full[full.indexOf("$groups") + 1] as unknown[][];
    const consumers = groups[0]?.[(groups[0]?.indexOf("$consumers") ?? 0) + 1] as unknown[][];
    expect(consumers[0]).toEqual([
      "$name",
      "$idler",
      "$seen-time",
      ":1000505",
      "$active-time",
      ":1000505",
      "$pel-count",
      ":1",
      "$pending",
      [["$1-0", ":1000505", ":1"]],
    ]);
  });

  it("times out a BLOCK on the server clock, and wakes a group reader on XADD", async () => {
    const reader = await open();
    const writer = await open();
    reader.send(["XREAD", "BLOCK", "1000", "STREAMS", "quiet", "$"]);
    await until(() => server().primary.blockedCount === 1, 1000);
    clock.advance(1000);
    expect(await reader.read()).toEqual({ nil: "*" });
    await writer.call(["XGROUP", "CREATE", "q", "g", "$", "MKSTREAM"]);
    reader.send(["XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "q", ">"]);
    await until(() => server().primary.blockedCount === 1, 1000);
    await writer.call(["XADD", "q", "7-0", "k", "v"]);
    expect(await reader.read()).toEqual([["$q", [["$7-0", ["$k", "$v"]]]]]);
    expect(await writer.call(["XPENDING", "q", "g"])).toEqual([
      ":1",
      "$7-0",
      "$7-0",
      [["$c", "$1"]],
    ]);
  });

  it("refuses BLOCK values that are not integers of milliseconds", async () => {
    const client = await open();
    expect(await client.call(["XREAD", "BLOCK", "1.5", "STREAMS", "x", "0"])).toBe(
      "-ERR timeout is not an integer or out of range",
    );
  });
});

describe("streams on a replica", () => {
  let server: FakeStandalone;
  const open = rawClientsPerTest(() => server.port);
  beforeAll(async () => {
    server = await startStandalone({ replicas: 1 });
  });
  afterAll(() => server.stop());

  it("copies stream entries to replicas", async () => {
    const client = await open();
    await client.call(["XADD", "r", "1-0", "a", "1"]);
    const replica = server.replicas[0];
    expect(replica).toBeDefined();
    await until(() => replica?.database(0).get(Buffer.from("r"))?.type === "stream", 1000);
  });
});
