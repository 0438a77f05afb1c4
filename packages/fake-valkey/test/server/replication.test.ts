import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type FakeNode,
  type FakeStandalone,
  ManualClock,
  startStandalone,
} from "../../src/index.js";
import { rawClientsPerTest } from "../support/raw-clients-per-test.js";

describe("standalone primary with replicas", () => {
  const clock = new ManualClock();
  let server: FakeStandalone;
  const open = rawClientsPerTest();
  beforeAll(async () => {
    server = await startStandalone({ replicas: 2, clock, config: { "availability-zone": "az-1" } });
  });
  afterEach(() => {
    server.setReplicationLag(0);
  });
  afterAll(() => server.stop());

  it("reports its replicas in INFO replication and ROLE", async () => {
    const primary = await open(server.port);
    const info = String(await primary.call(["INFO", "replication"]));
    expect(info).toContain("role:master\r\nconnected_slaves:2\r\n");
    const [r1, r2] = server.replicas;
    expect(info).toContain(`slave0:ip=127.0.0.1,port=${r1?.port},state=online`);
    expect(info).toContain(`slave1:ip=127.0.0.1,port=${r2?.port},state=online`);
    const role = await primary.call(["ROLE"]);
    expect(Array.isArray(role) && role[0]).toBe("$master");
    const replica = await open(r1?.port as number);
    expect(String(await replica.call(["INFO", "replication"]))).toContain(
      `role:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:${server.port}\r\nmaster_link_status:up\r\n`,
    );
    expect(await replica.call(["ROLE"])).toEqual([
      "$slave",
      "$127.0.0.1",
      `:${server.port}`,
      "$connected",
      expect.any(String),
    ]);
    expect(String(await replica.call(["INFO", "server"]))).toContain("availability_zone:az-1\r\n");
  });

  it("copies writes to replicas, which refuse writes themselves", async () => {
    const primary = await open(server.port);
    const replica = await open(server.replicas[0]?.port as number);
    await primary.call(["SELECT", "2"]);
    expect(await primary.call(["SET", "k", "v"])).toBe("+OK");
    await replica.call(["SELECT", "2"]);
    expect(await replica.call(["GET", "k"])).toBe("$v");
    expect(await replica.call(["SET", "k", "w"])).toBe(
      "-READONLY You can't write against a read only replica.",
    );
    expect(await primary.call(["DEL", "k"])).toBe(":1");
    expect(await replica.call(["EXISTS", "k"])).toBe(":0");
    expect(await primary.call(["WAIT", "2", "0"])).toBe(":2");
  });

  it("resynchronises a replica restarted after missing writes", async () => {
    const replica = server.replicas[0] as FakeNode;
    await server.killNode(replica);
    const primary = await open(server.port);
    await primary.call(["SET", "while-down", "1"]);
    await server.restartNode(replica);
    const client = await open(replica.port);
    expect(await client.call(["GET", "while-down"])).toBe("$1");
  });

  it("delays replication by the configured lag on the server clock", async () => {
    server.setReplicationLag(1000);
    const primary = await open(server.port);
    const replica = await open(server.replicas[1]?.port as number);
    await primary.call(["SET", "lagged", "1"]);
    expect(await replica.call(["GET", "lagged"])).toEqual({ nil: "$" });
    clock.advance(1000);
    expect(await replica.call(["GET", "lagged"])).toBe("$1");
  });
});
