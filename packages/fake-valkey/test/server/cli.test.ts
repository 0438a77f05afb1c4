import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import type { Deployment } from "../../src/index.js";
import { RawClient } from "../support/raw-client.js";

describe("petrel-fake-valkey", () => {
  let running: Deployment | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it("starts a cluster and prints every node", async () => {
    const lines: string[] = [];
    running = await runCli(["--cluster", "2x1", "--seed", "4"], (line) => lines.push(line));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^primary 127\.0\.0\.1:\d+ shard=0 id=[0-9a-f]{40}$/);
    expect(lines[2]).toMatch(/^replica 127\.0\.0\.1:\d+ shard=0 /);
    expect(lines[4]).toBe("ready");
    const port = Number(/:(\d+) /.exec(lines[0] ?? "")?.[1]);
    const client = await RawClient.connect(port);
    try {
      expect(String(await client.call(["CLUSTER", "INFO"]))).toContain("cluster_state:ok");
    } finally {
      client.close();
    }
  });

  it("starts a standalone server with a password", async () => {
    const lines: string[] = [];
    running = await runCli(["--standalone", "--password", "pw"], (line) => lines.push(line));
    expect(lines[1]).toBe("ready");
    const port = Number(lines[0]?.split(":")[1]);
    const client = await RawClient.connect(port);
    try {
      expect(await client.call(["PING"])).toBe("-NOAUTH Authentication required.");
      expect(await client.call(["AUTH", "pw"])).toBe("+OK");
    } finally {
      client.close();
    }
  });

  it("prints usage for --help", async () => {
    const lines: string[] = [];
    expect(await runCli(["--help"], (line) => lines.push(line))).toBeUndefined();
    expect(lines[0]).toContain("Usage: petrel-fake-valkey");
  });
});
