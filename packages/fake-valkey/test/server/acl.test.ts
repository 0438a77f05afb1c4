// ACL behaviour a differential script cannot show: connections closed when
// their user is deleted or loses a channel, the control API's users (on
// every node of a cluster), and ACL LOG's grouping, ids and length limit.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FakeCluster,
  type FakeStandalone,
  startCluster,
  startStandalone,
} from "../../src/index.js";
import { rawClientsPerTest } from "../support/raw-clients-per-test.js";

describe("ACL on the standalone fake", () => {
  let server: FakeStandalone;
  beforeAll(async () => {
    server = await startStandalone({
      users: [{ name: "app", passwords: ["pw"], rules: ["~app:*", "&app:*", "+@all"] }],
    });
  });
  afterAll(async () => {
    await server.stop();
  });
  const open = rawClientsPerTest(() => server.port);

  it("applies the control API's rules to the user", async () => {
    const client = await open();
    expect(await client.call(["AUTH", "app", "pw"])).toBe("+OK");
    expect(await client.call(["SET", "app:1", "v"])).toBe("+OK");
    expect(await client.call(["GET", "other"])).toBe("-NOPERM No permissions to access a key");
    const admin = await open();
    expect(await admin.call(["ACL", "LIST"])).toContain(
      `$user app on sanitize-payload #${"30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4"} ~app:* resetchannels &app:* +@all`,
    );
  });

  it("closes a deleted user's connections, the deleting one after its reply", async () => {
    const admin = await open();
    expect(await admin.call(["ACL", "SETUSER", "temp", "on", "nopass", "+@all", "~*"])).toBe("+OK");
    const other = await open();
    expect(await other.call(["AUTH", "temp", "x"])).toBe("+OK");
    const self = await open();
    expect(await self.call(["AUTH", "temp", "x"])).toBe("+OK");
    expect(await self.call(["ACL", "DELUSER", "temp"])).toBe(":1");
    await self.waitClosed();
    await other.waitClosed();
    expect(await admin.call(["ACL", "USERS"])).toEqual(["$app", "$default"]);
  });

  it("closes a subscriber whose channel its user no longer has", async () => {
    const admin = await open();
    await admin.call(["ACL", "SETUSER", "sub", "on", "nopass", "+@all", "~*", "&news", "&sports"]);
    const subscriber = await open();
    expect(await subscriber.call(["AUTH", "sub", "x"])).toBe("+OK");
    expect(await subscriber.call(["SUBSCRIBE", "news"])).toEqual(["$subscribe", "$news", ":1"]);
    expect(await admin.call(["ACL", "SETUSER", "sub", "resetchannels", "&news"])).toBe("+OK");
    expect(subscriber.closed).toBe(false);
    expect(await admin.call(["ACL", "SETUSER", "sub", "resetchannels", "&sports"])).toBe("+OK");
    await subscriber.waitClosed();
    await admin.call(["ACL", "DELUSER", "sub"]);
  });

  it("redacts ACL SETUSER's user and rules in SLOWLOG, as the server does", async () => {
    const admin = await open();
    await admin.call(["CONFIG", "SET", "slowlog-log-slower-than", "0"]);
    await admin.call(["SLOWLOG", "RESET"]);
    await admin.call(["ACL", "SETUSER", "zed", "on", ">secret"]);
    const [entry] = (await admin.call(["SLOWLOG", "GET", "1"])) as string[][];
    expect(entry?.[3]).toEqual(["$ACL", "$SETUSER", "$(redacted)", "$(redacted)", "$(redacted)"]);
    await admin.call(["CONFIG", "SET", "slowlog-log-slower-than", "10000"]);
    await admin.call(["ACL", "DELUSER", "zed"]);
  });

  it("groups like denials in ACL LOG, with ids, times and the client's info", async () => {
    const admin = await open();
    await admin.call(["ACL", "LOG", "RESET"]);
    const client = await open();
    await client.call(["AUTH", "app", "pw"]);
    await client.call(["GET", "a"]);
    await client.call(["GET", "a"]);
    await client.call(["GET", "b"]);
    const entries = (await admin.call(["ACL", "LOG"])) as string[][];
    expect(entries.map((entry) => [entry[1], entry[7]])).toEqual([
      [":1", "$b"],
      [":2", "$a"],
    ]);
    const [newest, oldest] = entries as [string[], string[]];
    expect(newest[14]).toBe("$entry-id");
    expect(Number(String(newest[15]).slice(1))).toBe(Number(String(oldest[15]).slice(1)) + 1);
    expect(String(newest[13])).toMatch(/^\$id=\d+ addr=127\.0\.0\.1:\d+ .* user=app /);
    expect(Math.abs(Number(String(newest[19]).slice(1)) - Date.now())).toBeLessThan(60_000);
    await admin.call(["CONFIG", "SET", "acllog-max-len", "1"]);
    await client.call(["GET", "c"]);
    expect(await admin.call(["ACL", "LOG"])).toHaveLength(1);
    await admin.call(["CONFIG", "SET", "acllog-max-len", "128"]);
  });
});

describe("ACL on a fake cluster", () => {
  let cluster: FakeCluster;
  beforeAll(async () => {
    cluster = await startCluster({
      shards: 2,
      users: [{ name: "reader", passwords: ["pw"], rules: ["~*", "+@read"] }],
    });
  });
  afterAll(async () => {
    await cluster.stop();
  });
  const open = rawClientsPerTest();

  it("gives every node the control API's users, each node with its own ACL", async () => {
    cluster.setUser({ name: "writer", passwords: ["w"], rules: ["~*", "+@write"] });
    for (const node of cluster.nodes) {
      const client = await open(node.port);
      expect(await client.call(["AUTH", "reader", "pw"])).toBe("+OK");
      expect(await client.call(["ACL", "DRYRUN", "reader", "set", "k", "v"])).toMatch(/^-NOPERM/);
      expect(await client.call(["AUTH", "writer", "w"])).toBe("+OK");
    }
    const first = await open(cluster.nodes[0]?.port as number);
    await first.call(["AUTH", "default", "x"]);
    expect(await first.call(["ACL", "SETUSER", "local", "on"])).toBe("+OK");
    const second = await open(cluster.nodes[1]?.port as number);
    expect(await second.call(["ACL", "GETUSER", "local"])).toEqual({ nil: "$" });
  });
});
