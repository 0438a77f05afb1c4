import type { Command } from "@petrel/commands";
import { describe, expect, it } from "vitest";
import { Batch, Transaction } from "./batch.js";
import { ClusterBatch, ClusterTransaction } from "./cluster-batch.js";
import { batchCommands, clusterBatchCommands } from "./records.js";

function wire(commands: readonly Command<unknown>[]): string[][] {
  return commands.map((command) => command.args.map(String));
}

describe("Batch", () => {
  it("queues chained commands in order, with the arguments the command factories build", () => {
    const batch = new Batch(true).set("a", "1").incrBy("a", 5).get("a").customCommand(["PING"]);
    expect(batch.isAtomic).toBe(true);
    expect(batch.size).toBe(4);
    expect(wire(batch.commands)).toEqual([
      ["SET", "a", "1"],
      ["INCRBY", "a", "5"],
      ["GET", "a"],
      ["PING"],
    ]);
    expect(batch.commands[2]?.spec).toBe(batchCommands.get("x").spec);
  });

  it("has one method per batch command record, and select (standalone only)", () => {
    const batch = new Batch(false);
    for (const name of Object.keys(batchCommands)) {
      expect(typeof (batch as unknown as Record<string, unknown>)[name], name).toBe("function");
    }
    expect(wire(batch.select(2).commands)).toEqual([["SELECT", "2"]]);
  });

  it("rejects a non-boolean isAtomic and bad command arguments with a TypeError", () => {
    expect(() => new Batch("yes" as unknown as boolean)).toThrow(TypeError);
    expect(() => new Batch(false).customCommand([])).toThrow(TypeError);
    // A failed build queues nothing.
    const batch = new Batch(false);
    expect(() => batch.customCommand([])).toThrow();
    expect(batch.size).toBe(0);
  });

  it("keeps Transaction as a deprecated atomic alias", () => {
    const transaction = new Transaction().set("k", "v");
    expect(transaction).toBeInstanceOf(Batch);
    expect(transaction.isAtomic).toBe(true);
    expect(transaction.size).toBe(1);
  });
});

describe("ClusterBatch", () => {
  it("has one method per cluster batch command record, and no select", () => {
    const batch = new ClusterBatch(false);
    for (const name of Object.keys(clusterBatchCommands)) {
      expect(typeof (batch as unknown as Record<string, unknown>)[name], name).toBe("function");
    }
    expect((batch as unknown as Record<string, unknown>).select).toBeUndefined();
  });

  it("builds publish with GLIDE's (message, channel, sharded) order", () => {
    const batch = new ClusterBatch(false).publish("hello", "news").publish("hi", "shard", true);
    expect(wire(batch.commands)).toEqual([
      ["PUBLISH", "news", "hello"],
      ["SPUBLISH", "shard", "hi"],
    ]);
  });

  it("keeps ClusterTransaction as a deprecated atomic alias", () => {
    const transaction = new ClusterTransaction();
    expect(transaction).toBeInstanceOf(ClusterBatch);
    expect(transaction.isAtomic).toBe(true);
  });
});
