// The batch records against GLIDE's published Batch declarations.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type BatchMethods,
  clusterCommands,
  InfBoundary,
  standaloneCommands,
  TimeUnit,
} from "@petrel/commands";
import { describe, expect, expectTypeOf, it } from "vitest";
import { batchCommands, clusterBatchCommands } from "./records.js";

describe("batch records", () => {
  function batchMethodNames(): Record<string, string[]> | undefined {
    const store = join(import.meta.dirname, "../../../node_modules/.pnpm");
    const glide = readdirSync(store).find((entry) => entry.startsWith("@valkey+valkey-glide@"));
    if (!glide) return undefined;
    const text = readFileSync(
      join(store, glide, "node_modules/@valkey/valkey-glide/build-ts/Batch.d.ts"),
      "utf8",
    );
    const classes: Record<string, string[]> = {};
    for (const body of text.split("export declare class ").slice(1)) {
      const name = /^\w+/.exec(body)?.[0] ?? "";
      classes[name] = [
        ...new Set([...body.matchAll(/^ {4}([a-zA-Z]+)\(/gm)].map((m) => m[1])),
      ].filter((method): method is string => method !== undefined && method !== "constructor");
    }
    return classes;
  }

  it("have exactly GLIDE's Batch and ClusterBatch method names", () => {
    const classes = batchMethodNames();
    expect(classes?.BaseBatch?.length).toBeGreaterThan(200);
    const base = classes?.BaseBatch ?? [];
    const batch = new Set([...base, ...(classes?.Batch ?? [])]);
    const clusterBatch = new Set([...base, ...(classes?.ClusterBatch ?? [])]);
    expect(Object.keys(batchCommands).sort()).toEqual([...batch].sort());
    expect(Object.keys(clusterBatchCommands).sort()).toEqual([...clusterBatch].sort());
  });

  it("use batch signatures where GLIDE's differ from the clients'", () => {
    expect(batchCommands.ping("hi").args).toEqual(["PING", "hi"]);
    expect(batchCommands.functionLoad("code", true).args).toEqual([
      "FUNCTION",
      "LOAD",
      "REPLACE",
      "code",
    ]);
    expect(batchCommands.expireTime("k").args).toEqual(["EXPIRETIME", "k"]);
    expect(batchCommands.functionStats().args).toEqual(["FUNCTION", "STATS"]);
    expect(clusterBatchCommands.publish("m", "c", true).args).toEqual(["SPUBLISH", "c", "m"]);
    expect(clusterBatchCommands.info().args).toEqual(["INFO"]);
    // Positional where the clients take option objects (GLIDE's BaseBatch signatures).
    expect(batchCommands.getex("k", "persist").args).toEqual(["GETEX", "k", "PERSIST"]);
    expect(batchCommands.getex("k", { type: TimeUnit.Seconds, duration: 5 }).args).toEqual([
      "GETEX",
      "k",
      "EX",
      5,
    ]);
    expect(batchCommands.getex("k").args).toEqual(["GETEX", "k"]);
    expect(batchCommands.xinfoStream("s", 3).args).toEqual([
      "XINFO",
      "STREAM",
      "s",
      "FULL",
      "COUNT",
      3,
    ]);
    expect(
      batchCommands.xrange("s", InfBoundary.NegativeInfinity, InfBoundary.PositiveInfinity, 2).args,
    ).toEqual(["XRANGE", "s", "-", "+", "COUNT", 2]);
    expect(
      batchCommands.xrevrange("s", InfBoundary.PositiveInfinity, InfBoundary.NegativeInfinity).args,
    ).toEqual(["XREVRANGE", "s", "+", "-"]);
    expect(batchCommands.pubsubChannels("news.*").args).toEqual(["PUBSUB", "CHANNELS", "news.*"]);
    expect(clusterBatchCommands.pubsubShardChannels("s*").args).toEqual([
      "PUBSUB",
      "SHARDCHANNELS",
      "s*",
    ]);
    expect(clusterBatchCommands.migrate).toBe(clusterCommands.migrate);
    expect(batchCommands.migrate).toBe(standaloneCommands.migrate);
  });

  it("reuse the clients' definitions where the signatures agree", () => {
    expect(batchCommands.get).toBe(standaloneCommands.get);
    expect(clusterBatchCommands.publish).toBe(clusterCommands.publish);
    expect(batchCommands.expireTime).toBe(standaloneCommands.expiretime);
  });

  it("type every method", () => {
    type NeverKeys<T> = { [K in keyof T]: [T[K]] extends [never] ? K : never }[keyof T];
    expectTypeOf<
      NeverKeys<BatchMethods<typeof clusterBatchCommands, "batch">>
    >().toEqualTypeOf<never>();
  });
});
