// The six seed examples, run as written in examples/: 1-5 on real redis-server
// (standalone and a 3-primary cluster), 6 on the fake cluster.
import { RequestError } from "@petrel/client";
import { type RunningTopology, startCluster, startStandalone } from "@petrel/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clusterAtomic } from "../examples/cluster-atomic.js";
import { clusterPipeline } from "../examples/cluster-pipeline.js";
import { migratingSlot } from "../examples/migrating-slot.js";
import { raiseOnError } from "../examples/raise-on-error.js";
import { standaloneAtomic } from "../examples/standalone-atomic.js";
import { standalonePipeline } from "../examples/standalone-pipeline.js";

type Address = { host: string; port: number };
let standalone: RunningTopology;
let cluster: RunningTopology;

beforeAll(async () => {
  [standalone, cluster] = await Promise.all([
    startStandalone(),
    startCluster({ shape: { primaries: 3, replicasPerPrimary: 0 } }),
  ]);
});

afterAll(async () => {
  await Promise.all([standalone?.stop(), cluster?.stop()]);
});

const addresses = (topology: RunningTopology): Address[] =>
  topology.description.addresses as Address[];

describe("seed examples", () => {
  it("1: standalone atomic batch", async () => {
    expect(await standaloneAtomic(addresses(standalone))).toEqual(["OK", "OK", 50, 50, "50"]);
  });

  it("2: standalone pipeline", async () => {
    expect(await standalonePipeline(addresses(standalone))).toEqual([
      "OK",
      "OK",
      "value1",
      "value2",
    ]);
  });

  it("3: cluster atomic batch on user:100:visits", async () => {
    expect(await clusterAtomic(addresses(cluster))).toEqual(["OK", 6, "6"]);
  });

  it("4: cluster pipeline across slots", async () => {
    expect(await clusterPipeline(addresses(cluster))).toEqual([
      "OK",
      125,
      "125",
      1,
      2,
      ["user2", "user1"],
    ]);
  });

  it("5: raiseOnError=false returns RequestErrors in place; true throws the first", async () => {
    const { pipeline: results, thrown } = await raiseOnError(addresses(cluster));
    const pipeline = results as unknown[];
    expect(pipeline).toHaveLength(4);
    expect(pipeline[0]).toBe("OK");
    expect(pipeline[1]).toBeInstanceOf(RequestError);
    expect((pipeline[1] as Error).message).toMatch(/^WRONGTYPE/);
    expect(pipeline[2]).toBe(1);
    expect(pipeline[3]).toBeInstanceOf(RequestError);
    expect((pipeline[3] as Error).message).toMatch(/no such key/);
    expect(thrown).toBeInstanceOf(RequestError);
    expect(thrown?.message).toMatch(/^WRONGTYPE/);
  });

  it("6: a migrating slot with retryServerError reorders MGET after SET", async () => {
    expect(await migratingSlot()).toEqual([["value", null], "OK"]);
  });
});
