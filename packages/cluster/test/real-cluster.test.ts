// Checks the pure decisions against a real redis-server cluster (3 primaries,
// 1 replica each): topology replies in RESP2 and RESP3, slots, redirects, the
// multi-slot split and the cluster SCAN walk.
import { baseCommands, type Command } from "@petrel/commands";
import { RequestError, type RespValue } from "@petrel/protocol";
import { type RunningTopology, startCluster } from "@petrel/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aggregate,
  ClusterScanState,
  chooseTopology,
  classifyError,
  parseClusterShards,
  parseClusterSlots,
  parseRedirect,
  planCommand,
  slotOf,
  type Topology,
} from "../src/index.js";
import { ConnectionPool } from "./support/raw-connection.js";

const HOST = "127.0.0.1";
let cluster: RunningTopology;
const resp2 = new ConnectionPool(2);
const resp3 = new ConnectionPool(3);

async function call(pool: ConnectionPool, port: number, args: Command["args"]): Promise<RespValue> {
  return (await pool.get(HOST, port)).call(args);
}

/** Every node's CLUSTER SLOTS view, polled until all agree on a full, replicated view. */
async function convergedViews(): Promise<Topology[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const views = await Promise.all(
      cluster.description.nodes.map(async (node) =>
        parseClusterSlots(await call(resp2, node.port, ["CLUSTER", "SLOTS"]), HOST),
      ),
    );
    const choice = chooseTopology(views);
    if (
      choice !== undefined &&
      choice.votes === views.length &&
      choice.topology.nodes.length === views.length
    )
      return views;
    if (Date.now() > deadline) throw new Error("cluster views did not converge");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function send(pool: ConnectionPool, command: Command, topology: Topology): Promise<unknown> {
  const plan = planCommand(command, topology);
  if (plan.kind === "unroutable") throw plan.error;
  if (plan.kind === "single") return call(pool, plan.node.port, plan.command.args);
  const replies = await Promise.all(
    plan.targets.map((target) => call(pool, target.node.port, target.command.args)),
  );
  const outcome = aggregate(plan.response, replies, plan);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

beforeAll(async () => {
  cluster = await startCluster({ shape: { primaries: 3, replicasPerPrimary: 1 } });
}, 60_000);

afterAll(async () => {
  await resp2.closeAll();
  await resp3.closeAll();
  if (cluster === undefined) return;
  const pids = cluster.pids;
  await cluster.stop();
  const alive = pids.filter((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
  expect(alive).toEqual([]);
});

describe("against a real cluster", () => {
  it("parses CLUSTER SLOTS and CLUSTER SHARDS in RESP2 and RESP3 into the same view", async () => {
    const [view] = await convergedViews();
    const topology = view as Topology;
    expect(topology.coveredSlots).toBe(16384);
    expect(topology.shards).toHaveLength(3);
    const ports = cluster.description.nodes.map((node) => node.port).sort();
    expect(topology.nodes.map((node) => node.port).sort()).toEqual(ports);
    for (const shard of topology.shards) {
      expect(shard.replicas).toHaveLength(1);
      const described = cluster.description.nodes.find((node) => node.port === shard.primary.port);
      expect(described?.role).toBe("primary");
      expect(shard.primary.id).toBe(described?.nodeId);
    }
    const port = topology.shards[0]?.primary.port as number;
    const slots3 = parseClusterSlots(await call(resp3, port, ["CLUSTER", "SLOTS"]), HOST);
    const shards2 = parseClusterShards(await call(resp2, port, ["CLUSTER", "SHARDS"]), HOST);
    const shards3 = parseClusterShards(await call(resp3, port, ["CLUSTER", "SHARDS"]), HOST);
    expect(slots3.fingerprint).toBe(topology.fingerprint);
    expect(shards2.fingerprint).toBe(topology.fingerprint);
    expect(shards3.fingerprint).toBe(topology.fingerprint);
    expect(shards3.shards.map((shard) => shard.primary.id)).toEqual(
      topology.shards.map((shard) => shard.primary.id),
    );
  });

  it("hashes keys exactly like CLUSTER KEYSLOT, bytes and hash tags included", async () => {
    const port = cluster.description.nodes[0]?.port as number;
    const keys: (string | Buffer)[] = [
      "foo",
      "foo{}{bar}",
      "{}",
      "é",
      "😀{tag}x",
      Buffer.from([0xff, 0x7b, 0x00, 0x7d, 0xfe]),
    ];
    for (let i = 0; i < 150; i++)
      keys.push(`user:{${i % 13}}:${i}`, `k${i}${"{".repeat(i % 3)}${i % 5 === 0 ? "}" : ""}`);
    const serverSlots = await Promise.all(
      keys.map((key) => call(resp2, port, ["CLUSTER", "KEYSLOT", key])),
    );
    expect(keys.map((key) => slotOf(key))).toEqual(serverSlots);
  });

  it("follows a real MOVED to the node the plan chose", async () => {
    const [topology] = (await convergedViews()) as [Topology];
    const plan = planCommand(baseCommands.get("foo"), topology);
    if (plan.kind !== "single") throw new Error("expected one node");
    const wrong = topology.shards.find(
      (shard) => shard.primary !== plan.node,
    ) as Topology["shards"][number];
    const reply = await call(resp2, wrong.primary.port, ["GET", "foo"]);
    expect(reply).toBeInstanceOf(RequestError);
    const message = (reply as RequestError).message;
    expect(classifyError(message)).toBe("moved");
    expect(parseRedirect(message, HOST)).toMatchObject({
      kind: "MOVED",
      slot: 12182,
      host: HOST,
      port: plan.node.port,
    });
  });

  it("splits a cross-slot MGET that the server itself rejects, and reassembles it in key order", async () => {
    const [topology] = (await convergedViews()) as [Topology];
    const keys = Array.from({ length: 40 }, (_, i) => `split:${i}`);
    await send(
      resp2,
      baseCommands.mset(Object.fromEntries(keys.map((key) => [key, `v-${key}`]))),
      topology,
    );
    const owner = planCommand(baseCommands.get(keys[0] as string), topology);
    if (owner.kind !== "single") throw new Error("expected one node");
    const raw = await call(resp2, owner.node.port, ["MGET", ...keys]);
    expect(classifyError((raw as RequestError).message)).toBe("crossSlot");
    const values = await send(resp3, baseCommands.mget([...keys, "split:missing"]), topology);
    expect(values).toEqual([...keys.map((key) => `v-${key}`), null]);
    expect(await send(resp2, baseCommands.del(keys), topology)).toBe(40);
  });

  it("walks every key with the cluster SCAN state", async () => {
    const [topology] = (await convergedViews()) as [Topology];
    const keys = Array.from({ length: 300 }, (_, i) => `scan:${i}`);
    await send(
      resp2,
      baseCommands.mset(Object.fromEntries(keys.map((key) => [key, "1"]))),
      topology,
    );
    const found = new Set<string>();
    let cursor = "";
    for (let step = 0; step < 500; step++) {
      const state = ClusterScanState.fromCursor(cursor);
      const next = state.next(topology);
      if (next.kind === "finished") break;
      if (next.kind === "error") throw next.error;
      const reply = (await call(resp2, next.node.port, [
        "SCAN",
        next.cursor,
        "MATCH",
        "scan:*",
        "COUNT",
        "50",
      ])) as [string, string[]];
      for (const key of reply[1]) found.add(key);
      state.onReply(topology, reply[0]);
      cursor = state.toCursor().getCursor();
    }
    expect(cursor).toBe("finished");
    expect([...found].sort()).toEqual([...keys].sort());
  });
});
