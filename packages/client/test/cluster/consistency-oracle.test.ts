// The consistency checker of the cluster tutorial, as a test oracle: workers
// INCR their own counters under load while the cluster changes. Every INCR
// reply must be exactly one more than the last acknowledged value, plus at
// most the number of INCRs whose outcome the client could not know (written,
// then lost). Lower means a lost acknowledged write; higher, a duplicate.
import { keySlot } from "@petrel/fake-valkey";
import { describe, expect, it } from "vitest";
import type { GlideClusterClient } from "../../src/index.js";
import { clusterClient, fakeCluster, until } from "./helpers/fake-cluster.js";

interface Counter {
  readonly key: string;
  acked: number;
  /** INCRs that failed after being written: they may or may not have run. */
  uncertain: number;
}

interface OracleReport {
  lost: number;
  duplicated: number;
  acknowledged: number;
  failed: number;
}

function oracle(client: GlideClusterClient, counters: Counter[], workers: number) {
  const report: OracleReport = { lost: 0, duplicated: 0, acknowledged: 0, failed: 0 };
  let running = true;
  const check = (counter: Counter, value: number, expectedNext: boolean) => {
    const low = counter.acked + (expectedNext ? 1 : 0);
    if (value < low) report.lost++;
    if (value > low + counter.uncertain) report.duplicated++;
  };
  const worker = async (index: number) => {
    const mine = counters.filter((_, i) => i % workers === index);
    while (running) {
      for (const counter of mine) {
        const read = await client.get(counter.key).catch(() => undefined);
        if (typeof read === "string") check(counter, Number(read), false);
        try {
          const value = await client.incr(counter.key);
          check(counter, value, true);
          counter.acked = value;
          counter.uncertain = 0;
          report.acknowledged++;
        } catch {
          counter.uncertain++;
          report.failed++;
        }
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, (_, i) => worker(i)));
  return {
    report,
    async stop(): Promise<OracleReport> {
      running = false;
      await done;
      for (const counter of counters) {
        const value = Number((await client.get(counter.key)) ?? 0);
        check(counter, value, false);
      }
      return report;
    },
  };
}

/** `count` counters spread over 10 hash tags, so a migrated slot holds several of them. */
function countersFor(count: number): Counter[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `{c${i % 10}}:${i}`,
    acked: 0,
    uncertain: 0,
  }));
}

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
