import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { startStandalone, withAdminConnection } from "../src/index.js";
import { expectTopologyGone } from "./process-assertions.js";

describe("password and ACL users", () => {
  it("rejects unauthenticated and wrong credentials, accepts each configured user", async () => {
    const server = await startStandalone({
      password: "default-secret",
      aclUsers: [
        { name: "app", password: "app-secret" },
        { name: "reader", password: "reader-secret", rules: "~* -@all +@read +@connection" },
      ],
    });
    try {
      const address = server.description.addresses[0]!;
      await expect(withAdminConnection(address, (c) => c.call("PING"))).rejects.toThrow(/^NOAUTH/);
      await expect(
        withAdminConnection({ ...address, auth: { password: "wrong" } }, (c) => c.call("PING")),
      ).rejects.toThrow(/^WRONGPASS/);
      for (const auth of [
        { password: "default-secret" },
        { username: "app", password: "app-secret" },
        { username: "reader", password: "reader-secret" },
      ]) {
        expect(await withAdminConnection({ ...address, auth }, (c) => c.text("PING"))).toBe("PONG");
      }
      await expect(
        withAdminConnection(
          { ...address, auth: { username: "reader", password: "reader-secret" } },
          (c) => c.call("SET", "k", "v"),
        ),
      ).rejects.toThrow(/^NOPERM/);
      expect(server.description.aclUsers.map((user) => user.name)).toEqual(["app", "reader"]);
    } finally {
      await server.stop();
    }
    expectTopologyGone(server);
  });
});

describe("server CLI", () => {
  it("names the matching CLI, which can talk to the server", async () => {
    const server = await startStandalone({ password: "pw" });
    try {
      const { cli } = server.description.binaries;
      expect(cli).toMatch(/(redis|valkey)-cli$/);
      const { stdout } = await promisify(execFile)(cli!, [
        "-h",
        "127.0.0.1",
        "-p",
        String(server.description.addresses[0]!.port),
        "--no-auth-warning",
        "-a",
        "pw",
        "PING",
      ]);
      expect(stdout.trim()).toBe("PONG");
    } finally {
      await server.stop();
    }
  });
});
