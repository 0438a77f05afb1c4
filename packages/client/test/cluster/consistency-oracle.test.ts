// Consistency oracle (helpers/oracle.ts) on the fake cluster: INCR counters
// under load while slots migrate, a primary fails over, or a node is blackholed.
import { keySlot } from "@petrel/fake-valkey";
import { describe, expect, it } from "vitest";
import { clusterClient, fakeCluster, until } from "./helpers/fake-cluster.js";
import { countersFor, oracle } from "./helpers/oracle.js";

describe("consistency oracle", () => {
  it("a slot migration under load: zero lost, zero duplicated, zero failed", async () => {
    const cluster = await fakeCluster({ shards: 3, replicas: 1 });
    const client = await clusterClient(cluster, { requestTimeout: 3000 });
    const counters = countersFor(60);
    const run = oracle(client, counters, 6);
    await until(() => run.report.acknowledged > 200);
    const slots = [...new Set(counters.map((counter) => keySlot(counter.key)))];
    for (const [i, slot] of slots.entries()) {
      const migration = cluster.migrateSlot(slot, (cluster.shardOfSlot(slot) + 1) % 3, {
        keysPerStep: 1,
        atomic: i % 5 === 0,
      });
      // Let traffic hit every phase: ASK while keys are split, TRYAGAIN for none (single-key).
      while (migration.phase !== "done") {
        migration.step();
        const acknowledged = run.report.acknowledged;
        await until(() => run.report.acknowledged >= acknowledged + 10);
      }
    }
    const acknowledgedDuringMoves = run.report.acknowledged;
    await until(() => run.report.acknowledged > acknowledgedDuringMoves + 100);
    const report = await run.stop();
    expect(report).toMatchObject({ lost: 0, duplicated: 0, failed: 0 });
    expect(cluster.commandCount("asking")).toBeGreaterThan(0);
  });

  it("a failover with a kill under load: zero lost, zero duplicated", async () => {
    const cluster = await fakeCluster({ shards: 3, replicas: 1 });
    const client = await clusterClient(cluster, {
      requestTimeout: 2000,
      connectionBackoff: { numberOfRetries: 2, factor: 20, exponentBase: 2 },
    });
    const counters = countersFor(60);
    const run = oracle(client, counters, 6);
    await until(() => run.report.acknowledged > 200);
    await cluster.failover(1, { kill: true });
    const acknowledgedAtFailover = run.report.acknowledged;
    await until(() => run.report.acknowledged > acknowledgedAtFailover + 300);
    const report = await run.stop();
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    // Only INCRs in flight on the killed node may fail: at most one per worker.
    expect(report.failed).toBeLessThanOrEqual(6);
  });

  it("a blackholed primary under load: zero lost, zero duplicated, other shards progress", async () => {
    const cluster = await fakeCluster({ shards: 3, replicas: 1 });
    const client = await clusterClient(cluster, { requestTimeout: 200 });
    const counters = countersFor(60);
    const run = oracle(client, counters, 6);
    await until(() => run.report.acknowledged > 200);
    const node = cluster.primaryNode(2);
    cluster.blackhole(node);
    await until(() => run.report.failed >= 3);
    await cluster.failover(2, { kill: true });
    const acknowledgedAfter = run.report.acknowledged;
    await until(() => run.report.acknowledged > acknowledgedAfter + 300);
    const report = await run.stop();
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(report.failed).toBeGreaterThanOrEqual(3);
  });
});
