// The consistency oracle (helpers/oracle.ts) on a real 6-node redis-server
// cluster: a live reshard driven from the test (CLUSTER SETSLOT IMPORTING /
// MIGRATING, MIGRATE in batches, SETSLOT NODE on every primary) and a
// coordinated CLUSTER FAILOVER on a replica, each under concurrent INCR load.
// Zero lost, zero duplicated, every promise settled.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { keySlot } from "@petrel/fake-valkey";
import { startCluster } from "@petrel/test-servers";
import { topologyForSuite } from "@petrel/test-servers/vitest";
import { describe, expect, it } from "vitest";
import { GlideClusterClient } from "../../src/index.js";
import { countersFor, oracle } from "./helpers/oracle.js";

const run = promisify(execFile);
const cluster = topologyForSuite(() =>
  startCluster({ shape: { primaries: 3, replicasPerPrimary: 1 } }),
);

async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args]);
  return stdout.trim();
}

async function client(): Promise<GlideClusterClient> {
  return GlideClusterClient.createClient({
    addresses: cluster.description.addresses,
    requestTimeout: 2000,
    periodicChecks: { duration_in_sec: 1 },
  });
}

/** The primary (port and id) serving `slot`, read from CLUSTER NODES. */
async function ownerOf(slot: number): Promise<{ port: number; id: string }> {
  const seed = cluster.description.addresses[0]?.port as number;
  for (const line of (await cli(seed, "CLUSTER", "NODES")).split("\n")) {
    const fields = line.split(" ");
    if (!fields[2]?.includes("master")) continue;
    for (const range of fields.slice(8)) {
      if (range.startsWith("[")) continue;
      const [start = "", end = start] = range.split("-");
      if (Number(start) <= slot && slot <= Number(end)) {
        return { port: Number(fields[1]?.split(":")[1]?.split("@")[0]), id: fields[0] as string };
      }
    }
  }
  throw new Error(`no owner for slot ${slot}`);
}

async function primaries(): Promise<{ port: number; id: string }[]> {
  const seed = cluster.description.addresses[0]?.port as number;
  return (await cli(seed, "CLUSTER", "NODES"))
    .split("\n")
    .map((line) => line.split(" "))
    .filter((fields) => fields[2]?.includes("master") && !fields[2]?.includes("fail"))
    .map((fields) => ({
      port: Number(fields[1]?.split(":")[1]?.split("@")[0]),
      id: fields[0] as string,
    }));
}

/** Moves `slot` to another primary the way redis-cli --cluster reshard does, a few keys at a time. */
async function migrate(slot: number): Promise<void> {
  const source = await ownerOf(slot);
  const all = await primaries();
  const target = all.find((node) => node.id !== source.id) as { port: number; id: string };
  await cli(target.port, "CLUSTER", "SETSLOT", String(slot), "IMPORTING", source.id);
  await cli(source.port, "CLUSTER", "SETSLOT", String(slot), "MIGRATING", target.id);
  for (;;) {
    const keys = (await cli(source.port, "CLUSTER", "GETKEYSINSLOT", String(slot), "3"))
      .split("\n")
      .filter((key) => key.length > 0);
    if (keys.length === 0) break;
    await cli(
      source.port,
      "MIGRATE",
      "127.0.0.1",
      String(target.port),
      "",
      "0",
      "5000",
      "KEYS",
      ...keys,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  for (const node of [
    target,
    source,
    ...all.filter((n) => n.id !== source.id && n.id !== target.id),
  ])
    await cli(node.port, "CLUSTER", "SETSLOT", String(slot), "NODE", target.id);
}

describe("real cluster consistency oracle", () => {
  it("a live reshard under load: zero lost, zero duplicated", async () => {
    const subject = await client();
    try {
      const counters = countersFor(40, "reshard:");
      const load = oracle(subject, counters, 4);
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const tag of ["{c0}", "{c3}", "{c7}"]) {
        const before = await ownerOf(keySlot(tag));
        await migrate(keySlot(tag));
        expect((await ownerOf(keySlot(tag))).id).not.toBe(before.id);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      const report = await load.stop();
      expect(report.acknowledged).toBeGreaterThan(100);
      expect(report.lost).toBe(0);
      expect(report.duplicated).toBe(0);
    } finally {
      subject.close();
    }
  }, 60_000);

  it("CLUSTER FAILOVER on a replica under load: zero lost, zero duplicated", async () => {
    const subject = await client();
    try {
      const counters = countersFor(40, "failover:");
      const load = oracle(subject, counters, 4);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const replica = cluster.description.nodes.find((node) => node.role === "replica");
      if (replica === undefined) throw new Error("no replica");
      expect(await cli(replica.port, "CLUSTER", "FAILOVER")).toBe("OK");
      const deadline = performance.now() + 20_000;
      while (!(await cli(replica.port, "ROLE")).startsWith("master")) {
        if (performance.now() > deadline) throw new Error("the replica was not promoted");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const before = load.report.acknowledged;
      // Writes keep being acknowledged after the promotion.
      const progress = performance.now() + 15_000;
      while (load.report.acknowledged < before + 200 && performance.now() < progress)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const report = await load.stop();
      expect(report.acknowledged).toBeGreaterThanOrEqual(before + 200);
      expect(report.lost).toBe(0);
      expect(report.duplicated).toBe(0);
    } finally {
      subject.close();
    }
  }, 60_000);
});
