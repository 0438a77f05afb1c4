// End to end: a real client against the fake cluster, exporting to a file.
// The fake makes the things GLIDE counts happen (MOVED, TRYAGAIN retries,
// timeouts), and the test reads the exported spans and metric values back.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ClusterBatch } from "@petrel/batch";
import { GlideClusterClient } from "@petrel/client";
import { keySlot, startCluster } from "@petrel/fake-valkey";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenTelemetry } from "../src/index.js";

type Line = Record<string, unknown> & {
  signal: string;
  name: string;
  attributes?: Record<string, unknown>;
  dataPoints?: { value: unknown }[];
};

const dir = mkdtempSync(join(tmpdir(), "petrel-otel-e2e-"));
const password = "cluster-password-never-exported";
const secretValue = "card-number-4111111111111111";
let cluster: Awaited<ReturnType<typeof startCluster>>;
let client: GlideClusterClient;

function lines(): Line[] {
  return readFileSync(join(dir, "signals.json"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Line);
}

/** The latest cumulative value of a counter, 0 when it never fired. */
function counterValue(name: string): number {
  const points = lines().filter((l) => l.signal === "metric" && l.name === name);
  const last = points.at(-1)?.dataPoints ?? [];
  return last.reduce((sum, point) => sum + Number(point.value), 0);
}

beforeAll(async () => {
  cluster = await startCluster({ shards: 3, replicas: 1, password });
  OpenTelemetry.init({
    traces: { endpoint: pathToFileURL(dir).href, samplePercentage: 100 },
    metrics: { endpoint: pathToFileURL(dir).href },
    flushIntervalMs: 60_000,
  });
  const seed = cluster.seeds[0];
  if (!seed) throw new Error("no seed");
  client = await GlideClusterClient.createClient({
    addresses: [seed],
    credentials: { password },
    requestTimeout: 400,
  });
});

afterAll(async () => {
  client?.close();
  await OpenTelemetry.shutdown();
  await cluster?.stop();
});

describe("spans and metrics from a real cluster client", () => {
  it("names spans as GLIDE does, with the node actually used and no values", async () => {
    expect(await client.set("user:1", secretValue)).toBe("OK");
    expect(await client.get("user:1")).toBe(secretValue);
    await OpenTelemetry.forceFlush();
    const owner = cluster.nodeForKey("user:1");
    const set = lines().find((l) => l.signal === "span" && l.name === "Set");
    expect(set?.attributes).toMatchObject({
      "db.operation.name": "SET",
      "db.query.text": "SET ? ?",
      "server.port": owner.port,
    });
    const send = lines().find(
      (l) => l.signal === "span" && l.name === "send_command" && l.parentSpanId === set?.spanId,
    );
    expect(send?.attributes).toMatchObject({ "server.port": owner.port });
    const text = readFileSync(join(dir, "signals.json"), "utf8");
    expect(text).not.toContain(secretValue);
    expect(text).not.toContain(password);
  });

  it("emits one Batch span for a batch", async () => {
    const batch = new ClusterBatch(false).set("{b}1", "x").get("{b}1").incr("{b}2");
    expect(await client.exec(batch, true)).toEqual(["OK", "x", 1]);
    await OpenTelemetry.forceFlush();
    const span = lines().find((l) => l.signal === "span" && l.name === "Batch");
    expect(span?.attributes).toMatchObject({
      "db.operation.batch.size": 3,
      "petrel.batch.atomic": false,
    });
  });

  it("counts MOVED redirections", async () => {
    const key = "moving-key";
    await client.set(key, "v");
    const slot = keySlot(key);
    const from = cluster.shardOfSlot(slot);
    await cluster.migrateSlot(slot, (from + 1) % cluster.shardCount).run();
    const before = counterValue("glide.moved_errors");
    expect(await client.get(key)).toBe("v");
    await OpenTelemetry.forceFlush();
    expect(counterValue("glide.moved_errors")).toBeGreaterThan(before);
  });

  it("counts retries after TRYAGAIN", async () => {
    const key = "retried-key";
    cluster.injectError(
      { node: cluster.nodeForKey(key), command: "get", count: 1 },
      "TRYAGAIN Multiple keys request during rehashing of slot",
    );
    expect(await client.get(key)).toBeNull();
    await OpenTelemetry.forceFlush();
    expect(counterValue("glide.retry_attempts")).toBeGreaterThanOrEqual(1);
  });

  it("counts timeouts and marks the span as failed", async () => {
    const key = "slow-key";
    const node = cluster.nodeForKey(key);
    cluster.blackhole(node);
    await expect(client.get(key)).rejects.toThrow(/timed out/i);
    cluster.blackhole(node, false);
    await OpenTelemetry.forceFlush();
    expect(counterValue("glide.timeout_errors")).toBeGreaterThanOrEqual(1);
    const failed = lines().find(
      (l) =>
        l.signal === "span" &&
        l.name === "Get" &&
        (l.status as { code?: number } | undefined)?.code === 2,
    );
    expect(failed?.attributes).toMatchObject({ "error.type": "TimeoutError" });
  });
});
