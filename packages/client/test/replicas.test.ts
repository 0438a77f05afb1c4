// Primary discovery, replica reads and failover following, against a real primary and replica.
import { type RunningTopology, startStandalone } from "@petrel/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customCommand } from "../src/custom-command.js";
import {
  ConfigurationError,
  GlideClient,
  NodeDiscoveryMode,
  RequestError,
  type RetryMessage,
  subscribe,
} from "../src/index.js";

let topology: RunningTopology;
let primary: { host: string; port: number };
let replica: { host: string; port: number };

beforeAll(async () => {
  topology = await startStandalone({ withReplica: true });
  const [first, second] = topology.description.nodes;
  primary = { host: first?.host as string, port: first?.port as number };
  replica = { host: second?.host as string, port: second?.port as number };
});

afterAll(async () => {
  await topology?.stop();
});

async function getCalls(address: { host: string; port: number }): Promise<number> {
  const probe = await GlideClient.createClient({ addresses: [address] });
  try {
    const stats = String(await probe.customCommand(["INFO", "commandstats"]));
    return Number(/cmdstat_get:calls=(\d+)/.exec(stats)?.[1] ?? 0);
  } finally {
    probe.close();
  }
}

describe("standalone topology", () => {
  it("finds the primary whatever the address order, and sends writes there", async () => {
    const client = await GlideClient.createClient({ addresses: [replica, primary] });
    try {
      expect(await client.customCommand(["SET", "topology:key", "v"])).toBe("OK");
      expect(await client.customCommand(["WAIT", "1", "1000"])).toBe(1);
    } finally {
      client.close();
    }
  });

  it("preferReplica discovers the replica from the primary and reads from it", async () => {
    const client = await GlideClient.createClient({
      addresses: [primary],
      readFrom: "preferReplica",
    });
    try {
      await client.customCommand(["SET", "replica:key", "v"]);
      await client.customCommand(["WAIT", "1", "1000"]);
      const before = await getCalls(replica);
      for (let i = 0; i < 5; i++)
        expect(await client.customCommand(["GET", "replica:key"])).toBe("v");
      expect((await getCalls(replica)) - before).toBe(5);
    } finally {
      client.close();
    }
  });

  it("readOnly reads from any node and refuses writes without sending them", async () => {
    const client = await GlideClient.createClient({ addresses: [replica], readOnly: true });
    try {
      await expect(client.customCommand(["SET", "ro:key", "v"])).rejects.toThrow(/read-only mode/);
      await expect(client.set("ro:key", "v")).rejects.toBeInstanceOf(RequestError);
      expect(await client.get("ro:missing")).toBeNull();
    } finally {
      client.close();
    }
    await expect(
      GlideClient.createClient({
        addresses: [replica],
        readOnly: true,
        readFrom: "AZAffinity",
        clientAz: "a",
      }),
    ).rejects.toBeInstanceOf(ConfigurationError);
  });

  it("Static discovery trusts the address order (the first address is the primary)", async () => {
    const client = await GlideClient.createClient({
      addresses: [replica, primary],
      nodeDiscoveryMode: NodeDiscoveryMode.Static,
    });
    try {
      await expect(client.customCommand(["SET", "static:key", "v"])).rejects.toThrow(
        "An error was signalled by the server: - ReadOnly: You can't write against a read only replica.",
      );
    } finally {
      client.close();
    }
  });

  it("AZ read modes need clientAz", async () => {
    await expect(
      GlideClient.createClient({ addresses: [primary], readFrom: "AZAffinity" }),
    ).rejects.toBeInstanceOf(ConfigurationError);
    const client = await GlideClient.createClient({
      addresses: [primary],
      readFrom: "AZAffinity",
      clientAz: "zone-a",
    });
    try {
      // No node reports a zone here: reads fall back to any replica.
      await client.customCommand(["SET", "az:key", "v"]);
      await client.customCommand(["WAIT", "1", "1000"]);
      expect(await client.customCommand(["GET", "az:key"])).toBe("v");
    } finally {
      client.close();
    }
  });

  it("follows a failover: a write that meets READONLY is retried on the new primary", async () => {
    const client = await GlideClient.createClient({
      addresses: [primary, replica],
      requestTimeout: 2000,
    });
    const retries: RetryMessage[] = [];
    const unsubscribe = subscribe("retry", (message) => retries.push(message));
    const oldPrimary = await GlideClient.createClient({ addresses: [primary] });
    const newPrimary = await GlideClient.createClient({ addresses: [replica] });
    try {
      expect(await client.customCommand(["SET", "failover:key", "before"])).toBe("OK");
      await newPrimary.customCommand(["REPLICAOF", "NO", "ONE"]);
      await oldPrimary.customCommand(["REPLICAOF", replica.host, String(replica.port)]);
      expect(await client.customCommand(["SET", "failover:key", "after"])).toBe("OK");
      expect(await newPrimary.customCommand(["GET", "failover:key"])).toBe("after");
      expect(retries.some((r) => r.reason === "readOnly")).toBe(true);
    } finally {
      unsubscribe();
      client.close();
      oldPrimary.close();
      newPrimary.close();
    }
  });
});

describe("primary lost", () => {
  let lost: RunningTopology;

  beforeAll(async () => {
    lost = await startStandalone({ withReplica: true });
  });

  afterAll(async () => {
    await lost?.stop();
  });

  it("moves writes to a promoted replica when the primary dies", async () => {
    const [oldPrimary, promoted] = lost.description.nodes as unknown as [
      { host: string; port: number },
      { host: string; port: number },
    ];
    const client = await GlideClient.createClient({
      addresses: [oldPrimary, promoted].map(({ host, port }) => ({ host, port })),
      requestTimeout: 500,
      connectionBackoff: { numberOfRetries: 1, factor: 50, exponentBase: 2, jitterPercent: 0 },
    });
    const admin = await GlideClient.createClient({
      addresses: [{ host: promoted.host, port: promoted.port }],
    });
    try {
      expect(await client.customCommand(["SET", "lost:key", "1"])).toBe("OK");
      await lost.processes[0]?.stop();
      // Wait until the client has noticed: a write then waits for a primary instead of failing.
      for (let i = 0; i < 100; i++) {
        const pinged = await client
          .customCommand(["SET", "lost:probe", "x"])
          .catch((e: unknown) => e);
        if (pinged instanceof Error) break;
      }
      // A longer deadline than the client's 500 ms (blockMs sets a request's own timeout).
      const pending = client.send({
        ...customCommand(["SET", "lost:key", "2"], undefined),
        blockMs: 10_000,
      });
      await admin.customCommand(["REPLICAOF", "NO", "ONE"]);
      // The write was never sent to the dead primary: it moves to the promoted one.
      expect(await pending).toBe("OK");
      expect(await admin.customCommand(["GET", "lost:key"])).toBe("2");
    } finally {
      client.close();
      admin.close();
    }
  });
});
